// Entry point: shared application context (site, mode, live updates) and the routes.

import { Router } from './router.js';
import { LiveUpdates } from './live.js';
import { attempt } from './api.js';
import * as data from './data.js';
import { el, replace } from './dom.js';
import { label } from './format.js';
import { overviewPage } from './pages/overview.js';
import { devicesPage } from './pages/devices.js';
import { devicePage } from './pages/device.js';
import { askPage } from './pages/ask.js';
import { reportsPage, reportPage } from './pages/reports.js';
import { statusPage } from './pages/status.js';

const MODES = ['maintenance', 'predictive', 'executive'];

class App {
  constructor() {
    this.live = new LiveUpdates(document.getElementById('live-indicator'));
    this.sites = [];
    this.site = null;
    this.mode = localStorage.getItem('homepot.mode') || 'maintenance';
    this.modes = MODES;
    this.cache = new Map();
    this.types = new Map();
  }

  /** Display name of a device type code ("hvac_unit" → "HVAC unit"). */
  typeLabel(code) {
    return this.types.get(code)?.name || label(code);
  }

  /** Loads sites and the saved mode; never rejects. */
  async init() {
    const [sitesResult, modeResult, typesResult] = await Promise.all([attempt(data.sites()), attempt(data.getMode()), attempt(this.deviceTypes())]);
    for (const t of typesResult.data || []) this.types.set(t.code, t);
    this.sites = sitesResult.data || [];
    const saved = localStorage.getItem('homepot.site');
    this.site = this.sites.find((s) => String(s.id) === saved) || this.sites[0] || null;
    if (modeResult.data && MODES.includes(modeResult.data.mode)) this.mode = modeResult.data.mode;
    this.renderSitePicker();
  }

  renderSitePicker() {
    const picker = document.getElementById('site-select');
    if (!this.sites.length) { picker.closest('label').hidden = true; return; }
    replace(picker, this.sites.map((s) => el('option', { value: s.id, selected: this.site && s.id === this.site.id }, s.name)));
    picker.addEventListener('change', () => {
      this.site = this.sites.find((s) => String(s.id) === picker.value) || this.site;
      localStorage.setItem('homepot.site', String(this.site.id));
      this.router.render();
    });
  }

  /** Sets the AI mode for this user (PUT /api/ai/mode, remembered locally if that endpoint is missing). */
  async setMode(mode) {
    if (!MODES.includes(mode)) return { error: new Error('unknown mode ' + mode) };
    this.mode = mode;
    localStorage.setItem('homepot.mode', mode);
    return attempt(data.putMode(mode));
  }

  /** Memoises a promise-returning loader for the lifetime of the current site selection. */
  cached(key, loader) {
    if (!this.cache.has(key)) {
      const p = loader();
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
    }
    return this.cache.get(key);
  }

  deviceTypes() {
    return this.cached('device-types', () => data.deviceTypes());
  }
}

const routes = [
  { pattern: '/', title: 'Overview', nav: 'overview', render: overviewPage },
  { pattern: '/devices', title: 'Devices', nav: 'devices', render: devicesPage },
  { pattern: '/devices/:id', title: 'Device', nav: 'devices', render: devicePage },
  { pattern: '/ask', title: 'Ask', nav: 'ask', render: askPage },
  { pattern: '/reports', title: 'Reports', nav: 'reports', render: reportsPage },
  { pattern: '/reports/:id', title: 'Report', nav: 'reports', render: reportPage },
  { pattern: '/status', title: 'Status', nav: 'status', render: statusPage },
];

async function main() {
  const app = new App();
  window.addEventListener('unhandledrejection', (e) => {
    if (e.reason && (e.reason.name === 'ApiError' || e.reason.name === 'AbortError')) { e.preventDefault(); console.warn('unhandled', e.reason); }
  });
  await app.init();
  const main = document.getElementById('main');
  app.router = new Router(routes, main, app);
  app.router.start();
  // the page's own links move focus to the content for keyboard and screen-reader users
  window.addEventListener('hashchange', () => main.focus({ preventScroll: true }));
  app.live.start();
}

main();
