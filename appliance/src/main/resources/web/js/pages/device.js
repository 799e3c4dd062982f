// Device detail: metric charts (period, thresholds, anomalies, forecast), health with its factors and history,
// event timeline, similar past incidents, and the AI analysis and prediction panels with the mode switch.

import { attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, card, unavailable, loading, link, statusBadge } from '../dom.js';
import { facts, llmBadge, modeSwitch, list } from '../components.js';
import { metricChart, sparkline } from '../chart.js';
import { pct, num, ago, dateTime, label, PERIODS } from '../format.js';
import { similarIncidentsPanel } from './incidents.js';

/** Server-side downsampling step per period: about 360 points per chart. */
const STEP_SECONDS = { '1h': 60, '24h': 300, '7d': 1800, '30d': 7200 };

export async function devicePage(root, params, app, query) {
  const id = params.id;
  const { data: d, error } = await attempt(data.device(id));
  if (error) {
    replace(root, el('h1', {}, 'Device'), unavailable(`Device ${id}`, error), el('p', {}, link('/devices', 'Back to devices')));
    return null;
  }
  let period = PERIODS[query.get('period')] ? query.get('period') : '24h';
  const charts = el('div', { class: 'charts' });
  const chartsNote = el('p', { class: 'muted small' });
  const healthNode = el('div', {}, loading('Loading health'));
  const eventsNode = el('div', {}, loading('Loading events'));
  const incidentsNode = el('div', {}, loading('Loading incidents'));
  const analysisNode = el('div', { class: 'ai-panel', dataset: { panel: 'analysis' } }, loading('Analysing'));
  const predictNode = el('div', { class: 'ai-panel', dataset: { panel: 'prediction' } }, loading('Predicting'));
  const periodGroup = el('fieldset', { class: 'segmented' }, el('legend', {}, 'Period'),
    Object.keys(PERIODS).map((p) => el('label', {},
      el('input', { type: 'radio', name: 'period', value: p, checked: p === period, on: { change: () => { period = p; drawCharts(); loadEvents(); loadAnalysis(); } } }),
      el('span', {}, p))));

  replace(root,
    el('p', { class: 'crumbs' }, link('/devices', 'Devices'), ' › ', el('span', {}, d.name)),
    el('div', { class: 'page-head device-head' },
      el('h1', { dataset: { deviceName: '' } }, d.name),
      el('div', { class: 'head-badges' }, statusBadge(d.status), el('span', { class: 'score-pill' }, `health ${pct(d.healthScore)}`))),
    facts([['Type', app.typeLabel(d.type)], ['Location', d.location || '–'], ['Last seen', `${ago(d.lastSeen)} (${dateTime(d.lastSeen)})`]]),
    el('div', { class: 'toolbar' }, periodGroup),
    card('Metrics', chartsNote, charts),
    el('div', { class: 'grid two' },
      card('Health', healthNode),
      card('Event timeline', eventsNode)),
    el('div', { class: 'grid two' },
      card('Analysis', modeSwitch(app, () => loadAnalysis()), analysisNode),
      card('Prediction', predictNode)),
    card('Similar past incidents', incidentsNode));

  let plots = [];
  let generation = 0;
  const metricsPromise = resolveMetrics(d, app);

  async function drawCharts() {
    const gen = ++generation;
    plots.forEach((p) => p.destroy());
    plots = [];
    const metrics = await metricsPromise;
    if (gen !== generation) return;
    if (!metrics.length) { replace(charts, el('p', { class: 'muted' }, 'No metrics known for this device type.')); return; }
    const to = Date.now();
    const from = to - PERIODS[period];
    const anomaliesResult = await attempt(data.deviceAnomalies(id, from, to));
    if (gen !== generation) return;
    replace(chartsNote, anomaliesResult.error ? 'Anomaly markers not available.' : '');
    replace(charts);
    await Promise.all(metrics.map(async (m) => {
      const box = el('figure', { class: 'chart', dataset: { metric: m.name } }, el('figcaption', {}, `${label(m.name)}${m.unit ? ' (' + m.unit + ')' : ''}`));
      const plotNode = el('div', { class: 'chart-plot', dataset: { metric: m.name } }, loading('Loading chart'));
      box.append(plotNode);
      charts.append(box);
      const [s, f] = await Promise.all([attempt(data.series(id, m.name, from, to, STEP_SECONDS[period])), attempt(data.forecast(id, m.name))]);
      if (gen !== generation) return;
      if (s.error) { replace(plotNode, unavailable(`${label(m.name)} series`, s.error)); return; }
      replace(plotNode);
      const fc = f.data && Array.isArray(f.data.points) ? f.data : null;
      const anomalies = (anomaliesResult.data || []).filter((a) => !a.metric || a.metric === m.name);
      plots.push(metricChart(plotNode, {
        unit: s.data.unit || m.unit,
        points: s.data.points,
        // the forecast looks as far ahead as the chart looks back (at most its own horizon)
        forecast: fc ? fc.points.filter((x) => new Date(x.ts).getTime() <= to + PERIODS[period]) : [],
        anomalies,
        thresholds: visibleThresholds(m.thresholds, fc, s.data.points.map((p) => p.value)),
      }));
      const notes = [];
      notes.push(`${s.data.points.length} points, step ${STEP_SECONDS[period] / 60} min`);
      if (anomalies.length) notes.push(`${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`);
      if (fc) {
        notes.push([`forecast risk ${pct(fc.risk_score)}`, forecastConfidence(fc)].filter(Boolean).join(', '));
        if (fc.time_to_warning_hours !== null && fc.time_to_warning_hours !== undefined) notes.push(`warning in ~${num(fc.time_to_warning_hours)} h`);
        if (fc.time_to_critical_hours !== null && fc.time_to_critical_hours !== undefined) notes.push(`critical in ~${num(fc.time_to_critical_hours)} h`);
      }
      box.append(el('p', { class: 'muted small chart-note' }, notes.join(' · ')));
    }));
  }

  async function loadHealth() {
    const to = Date.now();
    const [h, hist] = await Promise.all([attempt(data.deviceHealth(id)), attempt(data.healthHistory(id, to - 7 * 86400e3, to))]);
    const points = hist.data && Array.isArray(hist.data.points) ? hist.data.points : [];
    replace(healthNode,
      h.error ? unavailable('Health score', h.error) : el('div', {},
        el('p', {}, statusBadge(h.data.status), ' ', el('strong', {}, pct(h.data.health_score)),
          el('span', { class: 'muted small' }, ` computed ${dateTime(h.data.computed_at)}`)),
        h.data.factors && h.data.factors.length
          ? el('div', {}, el('h3', {}, 'Contributing factors'), el('ul', { class: 'factor-list' }, h.data.factors.map((f) => el('li', {},
            el('strong', {}, label(f.name)), ` −${pct(f.penalty)}`, f.explanation ? el('div', { class: 'muted small' }, f.explanation) : null))))
          : el('p', { class: 'muted' }, 'No penalties: every check passes.'),
        h.data.learning && h.data.learning.length
          ? el('p', { class: 'muted small learning-note' }, 'Still learning (no anomaly alerts yet; thresholds apply): ',
            h.data.learning.map((l) => `${label(l.metric)} ${num(l.remaining_hours)} h of data left`).join(', '))
          : null),
      hist.error ? unavailable('Health history', hist.error) : points.length
        ? el('div', {}, el('h3', {}, 'Last 7 days'), sparkline(points.map((p) => p.health_score), { label: 'health score, last 7 days', width: 320, height: 48 }))
        : null);
  }

  async function loadEvents() {
    const to = Date.now();
    const { data: evs, error: err } = await attempt(data.events(id, to - PERIODS[period], to, 50));
    if (err) { replace(eventsNode, unavailable('Events', err)); return; }
    if (!evs.length) { replace(eventsNode, el('p', { class: 'muted' }, `No events in the last ${period}.`)); return; }
    replace(eventsNode, el('ol', { class: 'timeline' }, evs.map((e) => el('li', { dataset: { severity: e.severity ?? 'info' } },
      el('time', { datetime: e.ts }, dateTime(e.ts)), ' ',
      el('span', { class: `sev sev-${e.severity ?? 'info'}` }, label(e.severity ?? 'info')), ' ',
      el('strong', {}, label(e.kind ?? 'event')), e.message ? ` — ${e.message}` : '',
      e.value !== null && e.value !== undefined ? el('span', { class: 'muted' }, ` (${num(e.value)})`) : null))));
  }

  let analysisGen = 0;
  async function loadAnalysis() {
    const gen = ++analysisGen;
    replace(analysisNode, loading(`Analysing (${label(app.mode)} mode)`));
    const { data: a, error: err } = await attempt(data.analyze(id, period, app.mode));
    if (gen !== analysisGen) return;
    if (err) { replace(analysisNode, unavailable('Analysis', err)); return; }
    const an = a.analysis || {};
    analysisNode.dataset.mode = a.mode ?? app.mode;
    replace(analysisNode,
      el('p', {}, llmBadge(a.llm), ' ', el('span', { class: 'muted small' }, `${label(a.mode ?? app.mode)} · ${a.period ?? period} · ${dateTime(a.generated_at)}`)),
      el('p', { class: 'ai-text' }, an.summary ?? ''),
      facts([['Status', statusBadge(an.status)], ['Health', pct(an.health_score)], ['Anomalies', String(an.anomalies_detected ?? 0)]]),
      an.recommendations && an.recommendations.length ? el('div', {}, el('h3', {}, 'Recommendations'), list(an.recommendations)) : null,
      a.metrics && Object.keys(a.metrics).length ? el('div', {}, el('h3', {}, 'Metrics'),
        facts(Object.entries(a.metrics).map(([k, v]) => [label(k), typeof v === 'number' ? num(v, 2) : String(v)]))) : null);
    if (incidentsNode.dataset.empty === 'true' && an.similar_past_incidents && an.similar_past_incidents.length) {
      replace(incidentsNode, similarIncidentsPanel(an.similar_past_incidents));
    }
  }

  /** The band's measured coverage, or that it has not been measured yet (the first day or two: the model's prior). */
  function forecastConfidence(fc) {
    if (fc.confidence === null || fc.confidence === undefined) return null;
    if (fc.confidence_held_back_hours === 0) return 'confidence not measured yet';
    const basis = fc.confidence_held_back_hours ? ` over ${fc.confidence_held_back_hours} held-back h` : '';
    return `confidence ${pct(fc.confidence)}${basis}`;
  }

  async function loadPrediction() {
    const { data: p, error: err } = await attempt(data.predict(id));
    if (err) { replace(predictNode, unavailable('Prediction', err)); return; }
    replace(predictNode,
      el('p', {}, llmBadge(p.llm), ' ', el('span', { class: 'muted small' }, `risk ${pct(p.risk_score)} · next ${p.forecast_period ?? '24h'}`)),
      p.predictions && p.predictions.length ? el('ul', { class: 'prediction-list' }, p.predictions.map((x) => el('li', {},
        statusBadge(x.severity), ' ', el('strong', {}, x.prediction ?? ''),
        el('div', { class: 'muted small' }, `confidence ${pct(x.confidence)}`),
        x.reasoning ? el('div', {}, x.reasoning) : null,
        x.recommended_action ? el('div', {}, el('em', {}, 'Action: '), x.recommended_action) : null)))
        : el('p', { class: 'muted' }, 'No issue predicted.'));
  }

  async function loadIncidents() {
    const { data: list, error: err } = await attempt(data.incidents({ device: id, limit: 5 }));
    if (err) { replace(incidentsNode, unavailable('Incidents', err)); return; }
    if (!list.length) { incidentsNode.dataset.empty = 'true'; replace(incidentsNode, el('p', { class: 'muted' }, 'No past incident recorded for this device.')); return; }
    const latest = list[0];
    const { data: similar } = await attempt(data.similarIncidents(latest.id, 5));
    replace(incidentsNode,
      el('h3', {}, 'Latest incident on this device'),
      similarIncidentsPanel([{ ...latest, date: latest.created_at }]),
      similar && similar.length ? [el('h3', {}, 'Similar incidents elsewhere and before'), similarIncidentsPanel(similar)] : null);
  }

  drawCharts();
  loadHealth();
  loadEvents();
  loadIncidents();
  loadAnalysis();
  loadPrediction();

  const off = app.live.on((type, payload) => {
    if ((type === 'health' || type === 'anomaly') && payload && String(payload.device_id) === String(id)) { loadHealth(); drawCharts(); }
    else if (type === 'poll') loadHealth();
  });
  return () => { off(); generation++; plots.forEach((p) => p.destroy()); };
}

/**
 * The threshold lines worth drawing: the upper ones (the usual concern), and the lower ones when there is no
 * upper one or the data comes within a quarter of the normal band of the lower warning line.
 */
function visibleThresholds(t, fc, values) {
  const high = [
    { label: 'warning', level: 'warning', value: t.warnHigh ?? fc?.warning_threshold },
    { label: 'critical', level: 'critical', value: t.critHigh ?? fc?.critical_threshold },
  ].filter((x) => x.value !== null && x.value !== undefined);
  const low = [
    { label: 'warning low', level: 'warning', value: t.warnLow },
    { label: 'critical low', level: 'critical', value: t.critLow },
  ].filter((x) => x.value !== null && x.value !== undefined);
  const finite = values.filter((v) => v !== null && v !== undefined).map(Number);
  const min = finite.length ? Math.min(...finite) : null;
  const band = t.warnHigh !== null && t.warnHigh !== undefined && t.warnLow !== null && t.warnLow !== undefined ? t.warnHigh - t.warnLow : 0;
  const nearLow = min !== null && t.warnLow !== null && t.warnLow !== undefined && min <= t.warnLow + band / 4;
  return !high.length || nearLow ? [...high, ...low] : high;
}

async function resolveMetrics(d, app) {
  const overrides = d.thresholds || {};
  let metrics = Array.isArray(d.metrics) && d.metrics.length ? d.metrics.map(data.normMetric) : null;
  if (!metrics) {
    const { data: types } = await attempt(app.deviceTypes());
    metrics = ((types || []).find((t) => t.code === d.type)?.metrics) || [];
  }
  return metrics.map((m) => {
    const o = data.normMetric({ name: m.name, thresholds: overrides[m.name] || {} }).thresholds;
    const t = m.thresholds;
    return { ...m, thresholds: {
      warnHigh: o.warnHigh ?? t.warnHigh, critHigh: o.critHigh ?? t.critHigh, warnLow: o.warnLow ?? t.warnLow, critLow: o.critLow ?? t.critLow,
    } };
  });
}
