// Reports: the stored reports, a form to generate one (device or site, period, type, mode), and a
// print-friendly report view (#/reports/:id).

import { attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, card, unavailable, loading, link, field, select } from '../dom.js';
import { facts, llmBadge, list } from '../components.js';
import { dateTime, label } from '../format.js';

const TYPES = ['daily', 'weekly', 'incident', 'custom'];
const PERIODS = ['24h', '7d', '30d'];

export async function reportsPage(root, _params, app) {
  const listNode = el('div', {}, loading('Loading reports'));
  const formNode = el('div', {});
  replace(root, el('div', { class: 'page-head' }, el('h1', {}, 'Reports')),
    el('div', { class: 'grid two' }, card('Generate a report', formNode), card('Stored reports', listNode)));
  renderForm(formNode, app);
  const { data: items, error } = await attempt(data.reports({ site: app.site?.id, limit: 50 }));
  if (error) { replace(listNode, unavailable('Reports', error)); return null; }
  if (!items.length) { replace(listNode, el('p', { class: 'muted' }, 'No report yet. Generate one.')); return null; }
  replace(listNode, el('table', { class: 'data-table' },
    el('thead', {}, el('tr', {}, ['Report', 'Type', 'Mode', 'Generated'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map((r) => el('tr', { dataset: { reportId: r.report_id ?? r.id } },
      el('th', { scope: 'row' }, link(`/reports/${r.report_id ?? r.id}`, r.title || `Report ${r.report_id ?? r.id}`, { class: 'report-link' })),
      el('td', {}, label(r.report_type)), el('td', {}, label(r.mode)), el('td', {}, dateTime(r.generated_at)))))));
  return null;
}

async function renderForm(node, app) {
  const target = select([['site', `Whole site${app.site ? ' (' + app.site.name + ')' : ''}`]], 'site', { name: 'target' });
  const type = select(TYPES.map((t) => [t, label(t)]), 'daily', { name: 'report_type' });
  const period = select(PERIODS.map((p) => [p, p]), '24h', { name: 'period' });
  const mode = select(app.modes.map((m) => [m, label(m)]), app.mode, { name: 'mode' });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Generate');
  const result = el('div', { role: 'status', 'aria-live': 'polite' });
  replace(node, el('form', { class: 'stack', on: { submit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    replace(result, loading('Generating'));
    const body = { report_type: type.value, period: period.value, mode: mode.value };
    if (target.value === 'site') body.site_id = app.site?.id; else body.device_id = Number(target.value) || target.value;
    const { data: r, error } = await attempt(data.generateReport(body));
    submit.disabled = false;
    if (error) { replace(result, unavailable('Report generation', error)); return; }
    const id = r.report_id ?? r.id;
    if (id !== undefined && id !== null) location.hash = `#/reports/${id}`;
    else replace(result, reportView(r));
  } } }, field('Subject', target), field('Report type', type), field('Period', period), field('Mode', mode), submit), result);
  const { data: devs } = await attempt(data.devices(app.site?.id));
  if (devs && devs.length) {
    target.append(el('optgroup', { label: 'Device' }, devs.sort((a, b) => a.name.localeCompare(b.name)).map((d) => el('option', { value: d.id }, d.name))));
  }
}

export async function reportPage(root, params) {
  replace(root, loading('Loading report'));
  const { data: r, error } = await attempt(data.report(params.id));
  if (error) { replace(root, el('h1', {}, 'Report'), unavailable(`Report ${params.id}`, error), el('p', {}, link('/reports', 'Back to reports'))); return null; }
  replace(root,
    el('p', { class: 'crumbs no-print' }, link('/reports', 'Reports'), ' › ', el('span', {}, 'Report')),
    el('div', { class: 'toolbar no-print' }, el('button', { type: 'button', class: 'primary', on: { click: () => window.print() } }, 'Print')),
    reportView(r));
  return null;
}

/** The report document itself (print-friendly). */
export function reportView(r) {
  const c = r.content || {};
  const metrics = c.key_metrics ? Object.entries(c.key_metrics) : [];
  return el('article', { class: 'report', dataset: { reportId: r.report_id ?? r.id ?? '' } },
    el('h1', {}, c.title || r.title || 'Report'),
    el('p', { class: 'muted' }, `${label(r.report_type)} report · ${label(r.mode)} mode · generated ${dateTime(r.generated_at)} `, llmBadge(r.llm)),
    c.summary ? el('section', {}, el('h2', {}, 'Summary'), el('p', { class: 'ai-text' }, c.summary)) : null,
    metrics.length ? el('section', {}, el('h2', {}, 'Key metrics'), facts(metrics.map(([k, v]) => [label(k), String(v)]))) : null,
    c.incidents && c.incidents.length ? el('section', {}, el('h2', {}, 'Incidents'), el('table', { class: 'data-table' },
      el('thead', {}, el('tr', {}, ['When', 'Description', 'Resolution', 'Impact'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, c.incidents.map((i) => el('tr', {}, el('td', {}, dateTime(i.timestamp ?? i.date)), el('td', {}, i.description ?? ''),
        el('td', {}, i.resolution ?? '–'), el('td', {}, i.impact ?? '–')))))) : null,
    c.recommendations && c.recommendations.length ? el('section', {}, el('h2', {}, 'Recommendations'), list(c.recommendations)) : null,
    c.cost_impact ? el('section', {}, el('h2', {}, 'Cost impact'), el('p', {}, typeof c.cost_impact === 'string' ? c.cost_impact : JSON.stringify(c.cost_impact))) : null);
}
