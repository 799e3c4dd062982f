// Status: what an operator checks first — Ollama and its models, database, vector index, memory, uptime,
// version. One call: GET /api/ai/status (core fields plus one section per status contributor).

import { attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, card, unavailable, loading, stateBadge } from '../dom.js';
import { facts } from '../components.js';
import { bytes, duration, dateTime, label } from '../format.js';

export async function statusPage(root, _params, app) {
  const appNode = el('div', {}, loading('Loading status'));
  const dbNode = el('div', {}, loading('Loading database'));
  const aiNode = el('div', {}, loading('Loading AI status'));
  const indexNode = el('div', {}, loading('Loading index'));
  const intakeNode = el('div', {}, loading('Loading data intake'));
  replace(root, el('div', { class: 'page-head' }, el('h1', {}, 'Status'), el('p', { class: 'muted' }, 'Check here first when something looks wrong.')),
    el('div', { class: 'grid two' }, card('Appliance', appNode), card('Ollama and models', aiNode)),
    el('div', { class: 'grid two' }, card('Database', dbNode), card('Incident index', indexNode)),
    el('div', { class: 'grid two' }, card('Data intake', intakeNode)));
  const refresh = async () => {
    const { data: s, error } = await attempt(data.aiStatus());
    if (error) {
      for (const [node, what] of [[appNode, 'Appliance status'], [dbNode, 'Database status'], [aiNode, 'AI status'], [indexNode, 'Index status'], [intakeNode, 'Data intake']]) replace(node, unavailable(what, error));
      return;
    }
    renderApp(appNode, s);
    renderDb(dbNode, s.database);
    renderOllama(aiNode, s);
    renderIndex(indexNode, s.index);
    renderIntake(intakeNode, s.mqtt);
  };
  await refresh();
  const timer = setInterval(refresh, 15000);
  return () => clearInterval(timer);
}

/** healthy | warning | critical | unknown from a status word. */
function health(value) {
  const v = String(value ?? '').toLowerCase();
  if (['ok', 'up', 'running', 'healthy', 'connected', 'ready', 'loaded', 'available'].includes(v)) return 'healthy';
  if (['degraded', 'warning', 'slow', 'rebuilding', 'starting', 'busy', 'connecting', 'subscribing', 'reconnecting'].includes(v)) return 'warning';
  if (!v) return 'unknown';
  return 'critical';
}

function word(value) {
  return value === null || value === undefined || value === '' ? 'unknown' : label(String(value));
}

function renderApp(node, s) {
  const mem = s.memory ?? s.memory_usage ?? {};
  replace(node, facts([
    ['Status', stateBadge(health(s.status), word(s.status))],
    ['Version', s.version ?? '–'],
    ['Uptime', s.uptime_seconds !== undefined ? duration(s.uptime_seconds) : '–'],
    ['Started', dateTime(s.started_at)],
    ['Memory', memoryText(mem)],
    mem.rss_bytes ? ['Process RSS', bytes(mem.rss_bytes)] : null,
    s.data_dir ? ['Data directory', s.data_dir] : null,
    ['Checked', dateTime(s.timestamp ?? new Date().toISOString())],
  ]));
}

function memoryText(mem) {
  if (!mem || typeof mem !== 'object') return String(mem ?? '–');
  const used = mem.heap_used_bytes ?? mem.heap_used;
  const max = mem.heap_max_bytes ?? mem.heap_max;
  if (used !== undefined) return `heap ${bytes(used)} used${max !== undefined ? ' of ' + bytes(max) : ''}`;
  return Object.entries(mem).map(([k, v]) => `${label(k)}: ${typeof v === 'number' && v > 4096 ? bytes(v) : v}`).join(', ') || '–';
}

function renderDb(node, db) {
  if (!db || typeof db !== 'object') { replace(node, unavailable('Database status')); return; }
  const counts = db.counts && typeof db.counts === 'object' ? Object.entries(db.counts) : [];
  replace(node,
    facts([
      ['Status', stateBadge(health(db.status), word(db.status))],
      ['Engine', [db.type, db.timescaledb ? 'TimescaleDB' : null].filter(Boolean).join(' + ') || '–'],
      db.url ? ['URL', db.url] : null,
      db.error ? ['Error', db.error] : null,
    ]),
    counts.length ? el('div', {}, el('h3', {}, 'Rows'), facts(counts.map(([k, v]) => [label(k), Number(v).toLocaleString()]))) : null);
}

function renderOllama(node, s) {
  const section = s.ollama && typeof s.ollama === 'object' ? s.ollama : {};
  const status = s.ollama_status ?? section.status;
  const models = s.available_models ?? section.available_models ?? section.models ?? [];
  const loaded = s.loaded_models ?? section.loaded_models ?? [];
  replace(node,
    facts([
      ['Ollama', stateBadge(health(status), word(status))],
      ['URL', s.ollama_url ?? section.url ?? '–'],
      ['Version', s.ollama_version ?? section.version ?? '–'],
      ['Loaded', loaded.map((m) => (typeof m === 'object' ? m.name : m)).join(', ') || 'none'],
      section.error || section.detail ? ['Detail', String(section.error ?? section.detail)] : null,
    ]),
    el('h3', {}, 'Models'),
    models.length ? el('table', { class: 'data-table' },
      el('thead', {}, el('tr', {}, ['Model', 'Size', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, models.map((m) => el('tr', {},
        el('th', { scope: 'row' }, typeof m === 'object' ? (m.name ?? '') : String(m)),
        el('td', {}, typeof m.size === 'number' ? bytes(m.size) : (m.size ?? '–')),
        el('td', {}, stateBadge(health(m.status), word(m.status)))))))
      : el('p', { class: 'muted' }, 'No model available: answers use the degraded path (computed facts, no LLM).'));
}

function renderIndex(node, index) {
  if (!index || typeof index !== 'object') { replace(node, unavailable('Index status')); return; }
  replace(node, facts([
    index.status ? ['Status', stateBadge(health(index.status), word(index.status))] : null,
    ['Size', index.size !== undefined ? `${Number(index.size).toLocaleString()} incidents` : '–'],
    ['Embeddings', index.model ? `${index.model}${index.dimensions ? ' · ' + index.dimensions + '-d' : ''}` : '–'],
    ['Last snapshot', dateTime(index.last_snapshot)],
    ...Object.entries(index).filter(([k, v]) => !['status', 'size', 'model', 'dimensions', 'last_snapshot'].includes(k) && (typeof v !== 'object' || v === null))
      .map(([k, v]) => [label(k), typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? dateTime(v) : String(v ?? '–')]),
  ]));
}

/** MQTT ingest (the `mqtt` section, present only when HOMEPOT_MQTT_URL is set); HTTP ingest is always on. */
function renderIntake(node, mqtt) {
  if (!mqtt || typeof mqtt !== 'object') {
    replace(node, facts([
      ['HTTP', stateBadge('healthy', 'POST /api/ingest')],
      ['MQTT', 'off (set HOMEPOT_MQTT_URL to subscribe to the site broker)'],
    ]));
    return;
  }
  const count = (v) => (v === undefined || v === null ? '–' : Number(v).toLocaleString());
  replace(node, facts([
    ['HTTP', stateBadge('healthy', 'POST /api/ingest')],
    ['MQTT', stateBadge(health(mqtt.status), word(mqtt.status))],
    ['Broker', mqtt.broker ?? '–'],
    ['Topics', Array.isArray(mqtt.topics) ? mqtt.topics.join(', ') : '–'],
    ['Messages stored', count(mqtt.messages_committed)],
    ['Messages rejected', count(mqtt.messages_rejected)],
    ['Samples', count(mqtt.samples)],
    ['Last message', dateTime(mqtt.last_message_at)],
    mqtt.last_rejection ? ['Last rejection', String(mqtt.last_rejection)] : null,
    mqtt.last_error ? ['Last error', String(mqtt.last_error)] : null,
  ]));
}
