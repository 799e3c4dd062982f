// Devices: a sortable, filterable table (site, type, status, name search) with health score and last seen.

import { attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, unavailable, loading, link, statusBadge, statusKey, field, select } from '../dom.js';
import { worstFirst } from '../components.js';
import { pct, ago, dateTime, label } from '../format.js';

const COLUMNS = [
  ['name', 'Name'], ['type', 'Type'], ['status', 'Status'], ['health', 'Health'], ['location', 'Location'], ['lastSeen', 'Last seen'],
];

export async function devicesPage(root, _params, app, query) {
  const state = {
    site: app.site ? String(app.site.id) : '',
    type: query.get('type') || '',
    status: query.get('status') || '',
    q: query.get('q') || '',
    sort: 'status',
    dir: 1,
    devices: [],
  };
  const table = el('div', { class: 'table-wrap' }, loading('Loading devices'));
  const count = el('p', { class: 'muted small', role: 'status', 'aria-live': 'polite' });
  const siteSelect = select([['', 'All sites'], ...app.sites.map((s) => [s.id, s.name])], state.site, { name: 'site' });
  const typeSelect = select([['', 'All types']], state.type, { name: 'type' });
  const statusSelect = select([['', 'Any status'], ['critical', 'Critical'], ['warning', 'Warning'], ['healthy', 'Healthy'], ['offline', 'Offline'], ['unknown', 'Unknown']], state.status, { name: 'status' });
  const search = el('input', { type: 'search', name: 'q', placeholder: 'Name contains…', value: state.q, autocomplete: 'off' });

  replace(root,
    el('div', { class: 'page-head' }, el('h1', {}, 'Devices')),
    el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter devices', on: { submit: (e) => e.preventDefault() } },
      app.sites.length ? field('Site', siteSelect) : null,
      field('Type', typeSelect), field('Status', statusSelect), field('Search name', search)),
    count, table);

  const draw = () => renderTable(table, count, state, app);
  const load = async () => {
    const { data: devs, error } = await attempt(data.devices(state.site || undefined));
    if (error) { replace(table, unavailable('Devices', error)); return; }
    state.devices = devs;
    const types = [...new Set(devs.map((d) => d.type))].sort();
    replace(typeSelect, el('option', { value: '' }, 'All types'), types.map((t) => el('option', { value: t, selected: t === state.type }, app.typeLabel(t))));
    draw();
  };
  siteSelect.addEventListener('change', () => { state.site = siteSelect.value; load(); });
  typeSelect.addEventListener('change', () => { state.type = typeSelect.value; draw(); });
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; draw(); });
  search.addEventListener('input', () => { state.q = search.value; draw(); });
  table.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-sort]');
    if (!button) return;
    const key = button.dataset.sort;
    state.dir = state.sort === key ? -state.dir : 1;
    state.sort = key;
    draw();
    table.querySelector(`button[data-sort="${key}"]`)?.focus();
  });
  await load();

  const off = app.live.on((type, payload) => {
    if (type === 'health' && payload) {
      const d = state.devices.find((x) => String(x.id) === String(payload.device_id));
      if (d) { d.status = payload.status ?? d.status; d.healthScore = payload.health_score ?? d.healthScore; draw(); }
    } else if (type === 'poll') load();
  });
  return off;
}

function compare(state) {
  const by = {
    name: (a, b) => a.name.localeCompare(b.name),
    type: (a, b) => String(a.type).localeCompare(String(b.type)) || a.name.localeCompare(b.name),
    status: (a, b) => worstFirst(a, b) || a.name.localeCompare(b.name),
    health: (a, b) => (a.healthScore ?? -1) - (b.healthScore ?? -1),
    location: (a, b) => String(a.location).localeCompare(String(b.location)),
    lastSeen: (a, b) => new Date(a.lastSeen || 0) - new Date(b.lastSeen || 0),
  }[state.sort];
  return (a, b) => state.dir * by(a, b);
}

function renderTable(node, count, state, app) {
  const q = state.q.trim().toLowerCase();
  const rows = state.devices
    .filter((d) => !state.type || d.type === state.type)
    .filter((d) => !state.status || statusKey(d.status) === state.status)
    .filter((d) => !q || d.name.toLowerCase().includes(q))
    .sort(compare(state));
  count.textContent = `${rows.length} of ${state.devices.length} devices`;
  const head = el('tr', {}, COLUMNS.map(([key, title]) => el('th', {
    scope: 'col', 'aria-sort': state.sort === key ? (state.dir > 0 ? 'ascending' : 'descending') : 'none',
  }, el('button', { type: 'button', class: 'sort', dataset: { sort: key } }, title,
    el('span', { class: 'sort-icon', 'aria-hidden': 'true' }, state.sort === key ? (state.dir > 0 ? ' ▲' : ' ▼') : ' ↕')))));
  const body = rows.map((d) => el('tr', { dataset: { deviceId: d.id, status: statusKey(d.status) } },
    el('th', { scope: 'row' }, link(`/devices/${d.id}`, d.name, { class: 'device-link' })),
    el('td', {}, app.typeLabel(d.type)),
    el('td', {}, statusBadge(d.status)),
    el('td', { class: 'num' }, healthMeter(d.healthScore)),
    el('td', {}, d.location || '–'),
    el('td', { title: dateTime(d.lastSeen) }, ago(d.lastSeen))));
  replace(node, rows.length
    ? el('table', { class: 'data-table' }, el('caption', { class: 'visually-hidden' }, 'Devices, sortable by column'), el('thead', {}, head), el('tbody', {}, body))
    : el('p', { class: 'muted' }, 'No device matches these filters.'));
}

function healthMeter(score) {
  if (score === null || score === undefined) return '–';
  return el('span', { class: 'meter-wrap' },
    el('meter', { min: 0, max: 1, low: 0.4, high: 0.8, optimum: 1, value: score, 'aria-label': `health ${pct(score)}` }),
    ' ', pct(score));
}
