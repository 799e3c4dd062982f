// Everything the UI knows about the foundation API (docs/api.md) and the AI API (docs/api-ai.md) shapes:
// the pages call these functions and get normalised objects back.

import { api, query, listOf } from './api.js';

/** Device as the pages use it. */
export function normDevice(d) {
  return {
    id: d.id ?? d.device_id,
    name: d.name ?? d.device_name ?? `device ${d.id}`,
    type: d.type ?? d.type_code ?? d.device_type ?? d.typeCode ?? 'device',
    siteId: d.site_id ?? d.siteId ?? null,
    location: d.location ?? '',
    status: d.status ?? 'unknown',
    healthScore: d.health_score ?? d.healthScore ?? null,
    lastSeen: d.last_seen ?? d.lastSeen ?? null,
    thresholds: d.thresholds ?? {},
    metrics: d.metrics ?? null,
    raw: d,
  };
}

export async function sites() {
  return listOf(await api.get('/api/sites'), 'sites').map((s) => ({ id: s.id ?? s.site_id, name: s.name ?? s.site_name, raw: s }));
}

export async function devices(siteId) {
  return listOf(await api.get('/api/devices' + query({ site: siteId, limit: 1000 })), 'devices').map(normDevice);
}

export async function device(id) {
  const d = await api.get(`/api/devices/${encodeURIComponent(id)}`);
  return normDevice(d.device ?? d);
}

/** Device types with their metric definitions: [{code, name, metrics: [{name, unit, thresholds}]}]. */
export async function deviceTypes() {
  return listOf(await api.get('/api/device-types'), 'device_types', 'types').map((t) => ({
    code: t.code ?? t.type ?? t.name,
    name: t.name ?? t.code,
    metrics: listOf(t.metrics, 'metrics').map(normMetric),
  }));
}

export function normMetric(m) {
  if (typeof m === 'string') return { name: m, unit: '', thresholds: {} };
  const t = m.thresholds ?? {};
  return {
    name: m.name ?? m.metric,
    unit: m.unit ?? '',
    thresholds: {
      warnHigh: t.warn_high ?? t.warnHigh ?? m.warn_high ?? null,
      critHigh: t.crit_high ?? t.critHigh ?? m.crit_high ?? null,
      warnLow: t.warn_low ?? t.warnLow ?? m.warn_low ?? null,
      critLow: t.crit_low ?? t.critLow ?? m.crit_low ?? null,
    },
  };
}

/** Downsampled series: [{ts, value, min, max}] (server-side buckets of `step` seconds). */
export async function series(deviceId, metric, fromMs, toMs, stepSeconds) {
  const data = await api.get(`/api/devices/${encodeURIComponent(deviceId)}/metrics` + query({
    metric, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), step: stepSeconds ? `${stepSeconds}s` : null,
  }));
  const holder = Array.isArray(data?.series) ? (data.series.find((s) => (s.metric ?? s.name) === metric) ?? data.series[0]) : data;
  return {
    stepSeconds: data?.step_seconds ?? stepSeconds,
    unit: holder?.unit ?? data?.unit ?? '',
    points: listOf(holder, 'points', 'buckets', 'samples').map((p) => ({
      ts: p.ts ?? p.timestamp ?? p.t, value: p.value ?? p.avg ?? p.v, min: p.min, max: p.max,
    })),
  };
}

export async function events(deviceId, fromMs, toMs, limit = 50) {
  const data = await api.get(`/api/devices/${encodeURIComponent(deviceId)}/events` + query({
    from: fromMs ? new Date(fromMs).toISOString() : null, to: toMs ? new Date(toMs).toISOString() : null, limit,
  }));
  return listOf(data, 'events');
}


// ---- AI / scoring contract (docs/api-ai.md) ----

export const siteHealth = (siteId) => api.get(`/api/sites/${encodeURIComponent(siteId)}/health`);
export const deviceHealth = (id) => api.get(`/api/devices/${encodeURIComponent(id)}/health`);
export const healthHistory = (id, fromMs, toMs) => api.get(`/api/devices/${encodeURIComponent(id)}/health/history`
  + query({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }));
export const deviceAnomalies = async (id, fromMs, toMs, limit = 200) => listOf(await api.get(
  `/api/devices/${encodeURIComponent(id)}/anomalies` + query({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), limit })), 'anomalies');
export const siteAnomalies = async (siteId, sinceMs, limit = 20) => listOf(await api.get('/api/anomalies'
  + query({ site: siteId, since: sinceMs ? new Date(sinceMs).toISOString() : null, limit })), 'anomalies');
export const forecast = (id, metric) => api.get(`/api/devices/${encodeURIComponent(id)}/forecast` + query({ metric }));
export const incidents = async (params) => listOf(await api.get('/api/incidents' + query(params)), 'incidents');
export const similarIncidents = async (incidentId, k = 5) => listOf(await api.get(`/api/incidents/${encodeURIComponent(incidentId)}/similar` + query({ k })), 'results');
export const searchIncidents = async (params) => listOf(await api.get('/api/ai/incidents/similar' + query(params)), 'results');
export const analyze = (id, period, mode) => api.get(`/api/ai/analyze/${encodeURIComponent(id)}` + query({ period, mode }));
export const predict = (id) => api.get(`/api/ai/predict/${encodeURIComponent(id)}`);
export const insights = (siteId) => api.get(`/api/ai/insights/${encodeURIComponent(siteId)}`);
export const aiStatus = () => api.get('/api/ai/status');
export const reports = async (params) => listOf(await api.get('/api/ai/reports' + query(params)), 'reports');
export const report = (id) => api.get(`/api/ai/reports/${encodeURIComponent(id)}`);
export const generateReport = (body) => api.post('/api/ai/reports', body);
export const getMode = () => api.get('/api/ai/mode');
export const putMode = (mode) => api.put('/api/ai/mode', { mode });
export const ask = (body) => api.post('/api/ai/query', body);
