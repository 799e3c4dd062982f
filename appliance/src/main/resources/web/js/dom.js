// DOM building without HTML strings: every piece of API data becomes a Text node (textContent),
// so a device named "<img src=x onerror=alert(1)>" renders as those characters. Never use innerHTML with data.

/**
 * Creates an element. attrs: plain attributes, plus `class`, `dataset` (object), `on` (event → handler).
 * Children: nodes, strings/numbers (become text nodes), arrays (flattened), null/undefined/false (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on')) throw new Error('use {on: {...}} for handlers, not ' + key);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children (see el) to a node. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces all children of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Escapes text for the rare place that needs a string of HTML (none today); prefer el()/textContent. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const STATUS_LABELS = { healthy: 'Healthy', warning: 'Warning', critical: 'Critical', offline: 'Offline', unknown: 'Unknown' };
const STATUS_ICONS = { healthy: '●', warning: '▲', critical: '■', offline: '○', unknown: '◌' };

/** Normalises a status string from the API to healthy|warning|critical|offline|unknown. */
export function statusKey(status) {
  const s = String(status ?? '').toLowerCase();
  if (s === 'healthy' || s === 'normal' || s === 'ok' || s === 'good') return 'healthy';
  if (s === 'warning' || s === 'degraded' || s === 'fair') return 'warning';
  if (s === 'critical' || s === 'error' || s === 'poor' || s === 'failed') return 'critical';
  if (s === 'offline' || s === 'down') return 'offline';
  return 'unknown';
}

/** A status badge: colour plus icon plus a text label (never colour alone). */
export function statusBadge(status, extra) {
  const key = statusKey(status);
  return el('span', { class: `badge status-${key}`, dataset: { status: key } },
    el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, STATUS_ICONS[key]),
    STATUS_LABELS[key] + (extra ? ` ${extra}` : ''));
}

/** A badge coloured by a health key (healthy|warning|critical|unknown) with its own text label. */
export function stateBadge(key, text) {
  const k = statusKey(key);
  return el('span', { class: `badge status-${k}`, dataset: { status: k } },
    el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, STATUS_ICONS[k]), text);
}

/** The quiet state shown where an endpoint is not built yet or failed. */
export function unavailable(what, error) {
  const missing = error && (error.status === 404 || error.status === 405 || error.status === 501);
  return el('p', { class: 'unavailable', role: 'note', dataset: { unavailable: what } },
    missing ? `${what}: not available on this appliance yet.` : `${what}: not available right now${error && error.status ? ` (HTTP ${error.status})` : ''}.`);
}

/** Loading placeholder. */
export function loading(what = 'Loading') {
  return el('p', { class: 'loading', 'aria-busy': 'true' }, `${what}…`);
}

/** A titled card section. */
export function card(title, ...children) {
  const id = 'h-' + Math.random().toString(36).slice(2, 9);
  return el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), ...children);
}

/** A link to a route inside the app. */
export function link(route, text, attrs = {}) {
  return el('a', { href: '#' + route, ...attrs }, text);
}

/** Label + control pair. */
export function field(labelText, control) {
  const id = control.id || ('f-' + Math.random().toString(36).slice(2, 9));
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, labelText), control);
}

/** A <select> with options [[value, label]...]. */
export function select(options, value, attrs = {}) {
  return el('select', attrs, options.map(([v, label]) => el('option', { value: v, selected: String(v) === String(value) }, label)));
}
