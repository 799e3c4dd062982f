// Live updates: an EventSource on /api/stream (events "anomaly" and "health"). When the stream is not
// available, falls back to a "poll" tick every 30 s so pages refresh themselves, and retries the stream later.

const POLL_MS = 30000;
const RETRY_STREAM_MS = 120000;

export class LiveUpdates {
  constructor(indicator) {
    this.indicator = indicator;
    this.listeners = new Set();
    this.source = null;
    this.pollTimer = null;
    this.retryTimer = null;
  }

  /** Subscribes to events; returns the unsubscribe function. fn(type, data) with type anomaly|health|poll. */
  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start() {
    if (typeof EventSource === 'undefined') this.poll(); else this.open();
  }

  open() {
    const source = new EventSource('/api/stream');
    this.source = source;
    source.onopen = () => { this.stopPolling(); this.show('live', 'Live'); };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) { this.source = null; this.poll(); }
      else {
        // the browser retries by itself; meanwhile pages refresh by polling
        this.show('reconnecting', 'Reconnecting…');
        if (!this.pollTimer) this.pollTimer = setInterval(() => this.emit('poll', null), POLL_MS);
      }
    };
    for (const type of ['anomaly', 'health']) {
      source.addEventListener(type, (e) => {
        let data = null;
        try { data = JSON.parse(e.data); } catch { return; }
        this.emit(type, data);
      });
    }
  }

  poll() {
    this.show('polling', 'Polling every 30 s');
    if (!this.pollTimer) this.pollTimer = setInterval(() => this.emit('poll', null), POLL_MS);
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => { this.retryTimer = null; this.open(); }, RETRY_STREAM_MS);
    }
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  emit(type, data) {
    for (const fn of this.listeners) {
      try { fn(type, data); } catch (e) { console.warn('live listener failed', e); }
    }
  }

  show(state, text) {
    if (!this.indicator) return;
    this.indicator.dataset.state = state;
    this.indicator.textContent = text;
  }
}
