// Overview: health distribution, devices needing attention, active anomalies, site insights, a sparkline per
// device type and every device of the site with its health. Refreshes on live events (or the polling tick).

import { attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, card, unavailable, loading, link, statusBadge, statusKey, stateBadge } from '../dom.js';
import { healthDistribution, deviceChip, worstFirst, llmBadge, list } from '../components.js';
import { sparkline } from '../chart.js';
import { pct, num, ago, dateTime, label } from '../format.js';

export async function overviewPage(root, _params, app) {
  const site = app.site;
  const heading = el('h1', {}, site ? site.name : 'Overview');
  const summary = el('div', { class: 'summary' }, loading('Loading health'));
  const attention = el('div', {}, loading('Loading devices'));
  const anomalies = el('div', {}, loading('Loading anomalies'));
  const insights = el('div', {}, loading('Loading insights'));
  const byType = el('div', { class: 'type-grid' }, loading('Loading device types'));
  replace(root,
    el('div', { class: 'page-head' }, heading, el('p', { class: 'muted' }, 'Site health at a glance. Worst devices first.')),
    el('div', { class: 'grid overview-grid' },
      card('Health', summary),
      card('Needs attention', attention),
      card('Recent anomalies', anomalies)),
    card('Devices by type', byType),
    card('Site insights', insights));

  let disposed = false;
  const refresh = async () => {
    const [devicesResult, healthResult] = await Promise.all([
      attempt(data.devices(site?.id)), site ? attempt(data.siteHealth(site.id)) : Promise.resolve({}),
    ]);
    if (disposed) return;
    const devs = devicesResult.data || [];
    renderSummary(summary, healthResult.data, devs, devicesResult.error);
    renderAttention(attention, devs, devicesResult.error, app);
    renderTypes(byType, devs, devicesResult.error, app);
    loadSparklines(byType, devs, app);
    loadAnomalies(anomalies, site);
  };
  await refresh();
  loadInsights(insights, site);

  let timer = null;
  const off = app.live.on((type) => {
    if (type === 'ping') return;
    clearTimeout(timer);
    timer = setTimeout(refresh, type === 'poll' ? 0 : 1000);
  });
  return () => { disposed = true; off(); clearTimeout(timer); };
}

function renderSummary(node, health, devs, error) {
  if (error && !health) { replace(node, unavailable('Devices', error)); return; }
  const counts = { healthy: 0, warning: 0, critical: 0, other: 0 };
  if (health && health.total_devices !== undefined) {
    counts.healthy = health.devices_healthy ?? 0;
    counts.warning = health.devices_warning ?? 0;
    counts.critical = health.devices_critical ?? 0;
    counts.other = Math.max(0, (health.total_devices ?? 0) - counts.healthy - counts.warning - counts.critical);
  } else {
    for (const d of devs) {
      const k = statusKey(d.status);
      if (k in counts) counts[k]++; else counts.other++;
    }
  }
  const total = counts.healthy + counts.warning + counts.critical + counts.other;
  const score = health?.health_score ?? average(devs.map((d) => d.healthScore));
  replace(node,
    el('div', { class: 'score-big', dataset: { siteScore: score ?? '' } },
      el('span', { class: 'score-value' }, pct(score)), el('span', { class: 'muted' }, ` site health · ${total} devices`)),
    healthDistribution(counts));
}

function average(values) {
  const v = values.filter((x) => x !== null && x !== undefined);
  return v.length ? v.reduce((a, b) => a + Number(b), 0) / v.length : null;
}

function renderAttention(node, devs, error, app) {
  if (error) { replace(node, unavailable('Devices', error)); return; }
  const needing = devs.filter((d) => ['critical', 'warning', 'offline'].includes(statusKey(d.status))).sort(worstFirst);
  const unscored = devs.filter((d) => statusKey(d.status) === 'unknown').length;
  const note = unscored ? el('p', { class: 'muted small' }, `${unscored} device${unscored === 1 ? '' : 's'} not scored yet.`) : null;
  if (!needing.length) {
    replace(node, unscored === devs.length ? null : el('p', { class: 'ok-note' }, statusBadge('healthy'), ' No device needs attention.'), note);
    return;
  }
  const shown = needing.slice(0, 8);
  replace(node, el('ul', { class: 'attention-list' }, shown.map((d) => el('li', { dataset: { deviceId: d.id } },
    el('div', {}, link(`/devices/${d.id}`, d.name, { class: 'device-link' })),
    el('div', { class: 'row-meta' }, statusBadge(d.status), el('span', { class: 'score' }, pct(d.healthScore)),
      el('span', { class: 'muted small' }, `${app.typeLabel(d.type)} · seen ${ago(d.lastSeen)}`))))),
    needing.length > shown.length ? el('p', { class: 'small' }, link('/devices?status=' + statusKey(shown[shown.length - 1].status), `All ${needing.length} devices needing attention`)) : null,
    note);
}

async function loadAnomalies(node, site) {
  const { data: items, error } = await attempt(data.siteAnomalies(site?.id, Date.now() - 7 * 86400e3, 10));
  if (error) { replace(node, unavailable('Anomalies', error)); return; }
  if (!items.length) { replace(node, el('p', { class: 'ok-note' }, 'No anomalies in the last 7 days.')); return; }
  replace(node, el('ul', { class: 'anomaly-list' }, items.map((a) => el('li', {},
    el('div', {}, a.device_id !== undefined ? link(`/devices/${a.device_id}`, a.device_name ?? `device ${a.device_id}`, { class: 'device-link' }) : (a.device_name ?? '')),
    el('div', { class: 'row-meta' }, stateBadge(a.severity ?? a.status, label(a.severity ?? a.status ?? 'anomaly')),
      el('span', {}, `${label(a.metric)} ${num(a.value)}`, a.expected !== undefined && a.expected !== null ? ` (expected ${num(a.expected)})` : '')),
    el('div', { class: 'muted small' }, [a.kind ?? a.category ? label(a.kind ?? a.category) : null, dateTime(a.ts)].filter(Boolean).join(' · '))))));
}

async function loadInsights(node, site) {
  if (!site) { replace(node, unavailable('Insights')); return; }
  const { data: d, error } = await attempt(data.insights(site.id));
  if (error) { replace(node, unavailable('Insights', error)); return; }
  const ins = d.insights || {};
  replace(node,
    el('p', {}, llmBadge(d.llm), ' ', el('span', { class: 'muted small' }, `generated ${dateTime(d.generated_at)}`)),
    ins.overall_health ? el('p', {}, el('strong', {}, 'Overall: '), String(ins.overall_health)) : null,
    list(ins.key_findings),
    ins.predicted_issues && ins.predicted_issues.length ? el('div', {}, el('h3', {}, 'Predicted issues'),
      el('ul', { class: 'plain-list' }, ins.predicted_issues.map((p) => el('li', {}, p.description ?? '',
        el('span', { class: 'muted small' }, ` · confidence ${pct(p.confidence)}${p.estimated_cost ? ' · ' + p.estimated_cost : ''}`))))) : null,
    ins.recommendations && ins.recommendations.length ? el('div', {}, el('h3', {}, 'Recommendations'), list(ins.recommendations)) : null);
}

function renderTypes(node, devs, error, app) {
  if (error) { replace(node, unavailable('Devices', error)); return; }
  if (!devs.length) { replace(node, el('p', { class: 'muted' }, 'No devices on this site yet.')); return; }
  const groups = new Map();
  for (const d of devs) {
    if (!groups.has(d.type)) groups.set(d.type, []);
    groups.get(d.type).push(d);
  }
  replace(node, [...groups.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([type, list]) => {
    const worst = list.slice().sort(worstFirst);
    const counts = list.reduce((c, d) => { const k = statusKey(d.status); c[k] = (c[k] || 0) + 1; return c; }, {});
    return el('section', { class: 'type-card', dataset: { type } },
      el('h3', {}, app.typeLabel(type), el('span', { class: 'muted small' }, ` · ${list.length} device${list.length === 1 ? '' : 's'}`)),
      el('p', { class: 'small' }, ['healthy', 'warning', 'critical'].filter((k) => counts[k]).map((k) => [statusBadge(k, String(counts[k])), ' '])),
      el('div', { class: 'spark-slot', dataset: { sparkType: type } }),
      el('ul', { class: 'device-list' }, worst.map((d) => el('li', {}, deviceChip(d)))));
  }));
}

/** One sparkline per type: the first metric of the type's worst device over the last 24 h. */
async function loadSparklines(node, devs, app) {
  const { data: types } = await attempt(app.deviceTypes());
  const groups = new Map();
  for (const d of devs.slice().sort(worstFirst)) if (!groups.has(d.type)) groups.set(d.type, d);
  const now = Date.now();
  await Promise.all([...groups.entries()].map(async ([type, d]) => {
    const slot = node.querySelector(`[data-spark-type="${CSS.escape(String(type))}"]`);
    if (!slot) return;
    const metric = (d.metrics && d.metrics[0] && (d.metrics[0].name ?? d.metrics[0]))
      || (types || []).find((t) => t.code === type)?.metrics[0]?.name;
    if (!metric) return;
    const { data: s } = await attempt(data.series(d.id, metric, now - 86400e3, now, 900));
    if (!s || !s.points.length) return;
    replace(slot, sparkline(s.points.map((p) => p.value), { label: `${label(metric)} of ${d.name}, last 24 h` }),
      el('span', { class: 'muted small' }, `${label(metric)} · ${d.name} · 24 h`));
  }));
}
