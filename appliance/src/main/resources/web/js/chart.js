// Charts: uPlot (served from the webjar at /assets/uplot/) for metric charts, inline SVG for sparklines.

const COLORS = { line: '#2563eb', warning: '#b45309', critical: '#b91c1c', forecast: '#7c3aed', anomaly: '#dc2626' };

const toSec = (ts) => Math.round(new Date(ts).getTime() / 1000);
const num = (v) => (v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));

/**
 * Aligns everything on one x axis (seconds): the measured points, the forecast (value, lower, upper) and the
 * anomalies (snapped to the nearest x). Returns {xs, value, forecast, lower, upper, anomalies}.
 */
export function alignSeries({ points = [], forecast = [], anomalies = [] }) {
  const rows = new Map();
  const row = (t) => {
    if (!rows.has(t)) rows.set(t, { value: null, forecast: null, lower: null, upper: null });
    return rows.get(t);
  };
  for (const p of points) {
    const t = toSec(p.ts);
    if (Number.isFinite(t) && num(p.value) !== null) row(t).value = num(p.value);
  }
  for (const p of forecast) {
    const t = toSec(p.ts);
    if (!Number.isFinite(t)) continue;
    Object.assign(row(t), { forecast: num(p.value), lower: num(p.lower), upper: num(p.upper) });
  }
  const xs = [...rows.keys()].sort((a, b) => a - b);
  const pick = (k) => xs.map((x) => rows.get(x)[k]);
  const value = pick('value');
  const marks = new Array(xs.length).fill(null);
  for (const a of anomalies) {
    const i = nearest(xs, toSec(a.ts));
    if (i >= 0) marks[i] = num(a.value) ?? value[i];
  }
  return { xs, value, forecast: pick('forecast'), lower: pick('lower'), upper: pick('upper'), anomalies: marks };
}

function nearest(xs, t) {
  if (!xs.length || !Number.isFinite(t)) return -1;
  let lo = 0, hi = xs.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < t) lo = mid + 1; else hi = mid; }
  if (lo > 0 && Math.abs(xs[lo - 1] - t) < Math.abs(xs[lo] - t)) lo--;
  return lo;
}

/**
 * Draws a metric chart into container: measured values, threshold lines ([{label, value, level}] with level
 * warning|critical), forecast band and anomaly markers. Returns {destroy()}. Sets data-points (measured points),
 * data-anomalies and data-forecast on the container so tests and tools can read what is drawn.
 */
export function metricChart(container, { unit, points, forecast, anomalies, thresholds = [] }) {
  const a = alignSeries({ points, forecast, anomalies });
  const count = (arr) => arr.filter((v) => v !== null).length;
  container.dataset.points = String(count(a.value));
  container.dataset.anomalies = String(count(a.anomalies));
  container.dataset.forecast = String(count(a.forecast));
  if (typeof uPlot === 'undefined') {
    container.textContent = 'Chart library not loaded.';
    return { destroy() {} };
  }
  const series = [{}, { label: unit ? `value (${unit})` : 'value', stroke: COLORS.line, width: 1.5, spanGaps: true }];
  const columns = [a.xs, a.value];
  for (const t of thresholds) {
    if (num(t.value) === null) continue;
    series.push({ label: `${t.label} ${t.value}`, stroke: COLORS[t.level], dash: t.level === 'critical' ? [2, 3] : [6, 4],
      width: t.level === 'critical' ? 1.5 : 1, points: { show: false }, spanGaps: true });
    columns.push(a.xs.map(() => num(t.value)));
  }
  let band = [];
  if (count(a.forecast)) {
    series.push({ label: 'forecast', stroke: COLORS.forecast, dash: [4, 4], width: 1, spanGaps: true });
    columns.push(a.forecast);
    if (count(a.lower) && count(a.upper)) {
      series.push({ label: 'forecast low', stroke: 'rgba(124,58,237,0.3)', width: 1, spanGaps: true });
      columns.push(a.lower);
      series.push({ label: 'forecast high', stroke: 'rgba(124,58,237,0.3)', width: 1, spanGaps: true });
      columns.push(a.upper);
      band = [{ series: [series.length - 1, series.length - 2], fill: 'rgba(124,58,237,0.12)' }];
    }
  }
  if (count(a.anomalies)) {
    series.push({ label: 'anomaly', stroke: COLORS.anomaly, fill: COLORS.anomaly, width: 0, paths: () => null,
      points: { show: true, size: 9, stroke: COLORS.anomaly, fill: '#fff', width: 2 } });
    columns.push(a.anomalies);
  }
  const opts = {
    width: Math.max(280, container.clientWidth || 600),
    height: 240,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [{}, { label: unit || '', size: 60 }],
    series,
    bands: band,
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
