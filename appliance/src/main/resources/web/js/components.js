// Small UI pieces shared by several pages.

import { el, link, statusBadge, statusKey } from './dom.js';
import { pct, label } from './format.js';

/** Badge telling whether an AI answer was narrated by the LLM or computed by the degraded path. */
export function llmBadge(llm) {
  if (!llm) return null;
  if (llm.degraded) {
    return el('span', { class: 'badge degraded', dataset: { llm: 'degraded' }, title: `LLM ${llm.status || 'unavailable'}${llm.detail ? ': ' + llm.detail : ''}` },
      el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, '◐'), 'Degraded: computed facts, no LLM');
  }
  return el('span', { class: 'badge llm-ok', dataset: { llm: 'ok' } }, el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, '✦'), 'LLM narrated');
}

/**
 * The maintenance / predictive / executive switch: a labelled radio group. onChange(mode) after the user picks.
 */
export function modeSwitch(app, onChange) {
  const name = 'mode-' + Math.random().toString(36).slice(2, 8);
  const note = el('span', { class: 'mode-note', role: 'status', 'aria-live': 'polite' });
  const group = el('fieldset', { class: 'mode-switch', dataset: { mode: app.mode } },
    el('legend', {}, 'Mode'),
    app.modes.map((m) => el('label', { class: 'mode-option' },
      el('input', {
        type: 'radio', name, value: m, checked: m === app.mode,
        on: {
          change: async (e) => {
            if (!e.target.checked) return;
            group.dataset.mode = m;
            const result = await app.setMode(m);
            note.textContent = result.error ? 'Saved in this browser (server setting not available).' : 'Saved.';
            if (onChange) onChange(m);
          },
        },
      }),
      el('span', {}, label(m)))),
    note);
  return group;
}

/** Stacked bar + legend of healthy / warning / critical counts. */
export function healthDistribution({ healthy = 0, warning = 0, critical = 0, other = 0 }) {
  const total = healthy + warning + critical + other || 1;
  const part = (key, n) => n ? el('span', { class: `dist-part status-${key}`, style: `flex-grow:${n}`, title: `${label(key)}: ${n}` }) : null;
  return el('div', { class: 'distribution' },
    el('div', { class: 'dist-bar', role: 'img', 'aria-label': `${healthy} healthy, ${warning} warning, ${critical} critical` },
      part('healthy', healthy), part('warning', warning), part('critical', critical), part('unknown', other)),
    el('ul', { class: 'dist-legend' },
      [['healthy', healthy], ['warning', warning], ['critical', critical]].map(([k, n]) =>
        el('li', { dataset: { count: k } }, statusBadge(k), el('strong', { class: 'count' }, String(n)),
          el('span', { class: 'muted' }, ` ${Math.round((n / total) * 100)}%`))),
      other ? el('li', { dataset: { count: 'unknown' } }, statusBadge('unknown'), el('strong', { class: 'count' }, String(other))) : null));
}

/** Device name link + status badge + score. */
export function deviceChip(d) {
  return el('span', { class: 'device-chip', dataset: { deviceId: d.id } },
    link(`/devices/${d.id}`, d.name, { class: 'device-link' }), ' ', statusBadge(d.status), ' ',
    el('span', { class: 'score', title: 'health score' }, pct(d.healthScore)));
}

/** Orders devices worst first: critical, warning, offline, unknown, healthy; then lowest score. */
export function worstFirst(a, b) {
  const rank = { critical: 0, warning: 1, offline: 2, unknown: 3, healthy: 4 };
  const r = rank[statusKey(a.status)] - rank[statusKey(b.status)];
  if (r) return r;
  return (a.healthScore ?? 1) - (b.healthScore ?? 1);
}

/** A definition list from [term, value] pairs (values may be nodes). */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '–')]));
}

/** A plain list of strings/nodes, or null when empty. */
export function list(items, cls = 'plain-list') {
  if (!items || !items.length) return null;
  return el('ul', { class: cls }, items.map((i) => el('li', {}, typeof i === 'object' && !(i instanceof Node) ? (i.text ?? i.description ?? JSON.stringify(i)) : i)));
}
