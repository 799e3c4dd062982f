// Talking to the appliance's JSON API. Every call resolves to data or rejects with an ApiError carrying the
// HTTP status, so pages can show a quiet "not available" state for endpoints that are not built yet.

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

async function request(method, path, body, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network error: ' + e.message);
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  if (!response.ok) {
    const detail = data && (data.detail || data.title || data.message);
    throw new ApiError(response.status, detail || `HTTP ${response.status}`, data);
  }
  if (data === null && !type.includes('json')) throw new ApiError(response.status, 'not a JSON response');
  return data;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body ?? {}, opts),
  put: (path, body, opts) => request('PUT', path, body ?? {}, opts),
};

/** Runs a call and returns {data} or {error}, never rejecting (except for aborts). */
export async function attempt(promise) {
  try {
    return { data: await promise };
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    return { error };
  }
}

/** Builds a query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Accepts a bare array or an object wrapping it under one of the given keys. */
export function listOf(data, ...keys) {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return [];
  for (const k of [...keys, 'items', 'data', 'results']) if (Array.isArray(data[k])) return data[k];
  return [];
}

/**
 * POSTs JSON and reads a text/event-stream answer, calling onEvent(name, data) for each event
 * (data parsed as JSON when possible). Resolves when the stream ends; rejects with ApiError on a non-2xx status
 * or a response that is not an event stream.
 */
export async function postEventStream(path, body, onEvent, { signal } = {}) {
  const response = await fetch(path, {
    method: 'POST',
    signal,
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.includes('text/event-stream') || !response.body) {
    try { await response.body?.cancel(); } catch { /* ignore */ }
    throw new ApiError(response.ok ? 415 : response.status, `stream not available (HTTP ${response.status})`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const dispatch = (block) => {
    let event = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const name = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (!data.length) return;
    const raw = data.join('\n');
    let parsed = raw;
    try { parsed = JSON.parse(raw); } catch { /* plain text */ }
    onEvent(event, parsed);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let idx;
    while ((idx = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx).replace(/^\r?\n\r?\n/, '');
      dispatch(block);
    }
  }
  if (buffer.trim()) dispatch(buffer);
}
