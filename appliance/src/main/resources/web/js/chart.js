// Charts: uPlot (served from the webjar at /assets/uplot/) for metric charts, inline SVG for sparklines.

const COLORS = { line: '#2563eb', warning: '#b45309', critical: '#b91c1c', forecast: '#7c3aed', anomaly: '#dc2626' };

const toSec = (ts) => Math.round(new Date(ts).getTime() / 1000);

/**
 * Builds the aligned uPlot data: one x axis (seconds) over the metric points, the forecast points and the
 * anomalies; series are value, warning, critical, forecast, forecast lower, forecast upper, anomalies.
 */
export function alignSeries({ points = [], forecast = [], anomalies = [], warning = null, critical = null }) {
  const rows = new Map();
  const row = (t) => {
    if (!rows.has(t)) rows.set(t, [t, null, null, null, null, null, null]);
    return rows.get(t);
  };
  for (const p of points) { const t = toSec(p.ts); if (Number.isFinite(t) && p.value !== null && p.value !== undefined) row(t)[1] = Number(p.value); }
  for (const p of forecast) {
    const t = toSec(p.ts);
    if (!Number.isFinite(t)) continue;
    const r = row(t);
    r[4] = num(p.value); r[5] = num(p.lower); r[6] = num(p.upper);
  }
  const marks = [];
  for (const a of anomalies) {
    const t = toSec(a.ts);
    if (!Number.isFinite(t)) continue;
    marks.push({ t, v: num(a.value) });
  }
  const sorted = [...rows.values()].sort((a, b) => a[0] - b[0]);
  const xs = sorted.map((r) => r[0]);
  const anomalyYs = new Array(xs.length).fill(null);
  for (const m of marks) {
    // snap each anomaly to the nearest x so the aligned arrays stay in step
    const i = nearest(xs, m.t);
    if (i >= 0) anomalyYs[i] = m.v ?? sorted[i][1];
  }
  const flat = (v) => xs.map(() => (v === null || v === undefined ? null : Number(v)));
  return [xs, sorted.map((r) => r[1]), flat(warning), flat(critical), sorted.map((r) => r[4]), sorted.map((r) => r[5]),
    sorted.map((r) => r[6]), anomalyYs];
}

function num(v) { return v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v); }

function nearest(xs, t) {
  if (!xs.length) return -1;
  let lo = 0, hi = xs.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < t) lo = mid + 1; else hi = mid; }
  if (lo > 0 && Math.abs(xs[lo - 1] - t) < Math.abs(xs[lo] - t)) lo--;
  return lo;
}

/**
 * Draws a metric chart into container. Returns {destroy()}. Sets data-points (count of measured points) and
 * data-anomalies on the container so tests and tools can read what is drawn.
 */
export function metricChart(container, { title, unit, points, forecast, anomalies, warning, critical }) {
  const data = alignSeries({ points, forecast, anomalies, warning, critical });
  const measured = data[1].filter((v) => v !== null).length;
  container.dataset.points = String(measured);
  container.dataset.anomalies = String(data[7].filter((v) => v !== null).length);
  container.dataset.forecast = String(data[4].filter((v) => v !== null).length);
  if (typeof uPlot === 'undefined') {
    container.textContent = 'Chart library not loaded.';
    return { destroy() {} };
  }
  const u = unit ? ` (${unit})` : '';
  const defs = [
    { label: 'value' + u, stroke: COLORS.line, width: 1.5, spanGaps: true },
    { label: `warning ${warning ?? ''}`, stroke: COLORS.warning, dash: [6, 4], width: 1, points: { show: false }, spanGaps: true },
    { label: `critical ${critical ?? ''}`, stroke: COLORS.critical, dash: [2, 3], width: 1.5, points: { show: false }, spanGaps: true },
    { label: 'forecast', stroke: COLORS.forecast, dash: [4, 4], width: 1, spanGaps: true },
    { label: 'forecast low', stroke: 'rgba(124,58,237,0.3)', width: 1, spanGaps: true },
    { label: 'forecast high', stroke: 'rgba(124,58,237,0.3)', width: 1, spanGaps: true },
    { label: 'anomaly', stroke: COLORS.anomaly, fill: COLORS.anomaly, width: 0, paths: () => null,
      points: { show: true, size: 9, stroke: COLORS.anomaly, fill: '#fff', width: 2 } },
  ];
  // keep the measured series and only the optional series that have data
  const keep = defs.map((_, i) => i === 0 || data[i + 1].some((v) => v !== null));
  const series = [{}];
  const columns = [data[0]];
  const index = {};
  defs.forEach((def, i) => { if (keep[i]) { index[i] = series.length; series.push(def); columns.push(data[i + 1]); } });
  const opts = {
    title,
    width: Math.max(280, container.clientWidth || 600),
    height: 240,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [{}, { label: unit || '', size: 56 }],
    series,
    bands: index[4] && index[5] ? [{ series: [index[5], index[4]], fill: 'rgba(124,58,237,0.12)' }] : [],
  };
  const plot = new uPlot(opts, columns, container);
  const resize = new ResizeObserver(() => {
    const w = container.clientWidth;
    if (w && Math.abs(w - plot.width) > 4) plot.setSize({ width: w, height: 240 });
  });
  resize.observe(container);
  return { plot, destroy() { resize.disconnect(); plot.destroy(); } };
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small SVG sparkline of numbers (nulls skipped); aria-label describes it. */
export function sparkline(values, { label = 'trend', width = 160, height = 36 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const ys = values.map(num).filter((v) => v !== null);
  svg.dataset.points = String(ys.length);
  if (ys.length < 2) return svg;
  const min = Math.min(...ys), max = Math.max(...ys), span = max - min || 1;
  const step = width / (ys.length - 1);
  const d = ys.map((v, i) => `${i ? 'L' : 'M'}${(i * step).toFixed(1)},${(height - 3 - ((v - min) / span) * (height - 6)).toFixed(1)}`).join('');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}
