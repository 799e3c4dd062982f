// Hash routing: "#/devices/7" → the page whose pattern matches, with {id: "7"}. Each page is
// render(container, params, app) and may return a cleanup function, called when the user navigates away.

export class Router {
  /**
   * @param routes [{pattern: '/devices/:id', title, nav, render}]
   * @param container element the current page renders into
   * @param app shared application context handed to every page
   */
  constructor(routes, container, app) {
    this.routes = routes.map((r) => ({ ...r, regex: compile(r.pattern) }));
    this.container = container;
    this.app = app;
    this.cleanup = null;
    this.generation = 0;
  }

  start() {
    window.addEventListener('hashchange', () => this.render());
    this.render();
  }

  current() {
    const path = decodeURIComponent((location.hash || '#/').slice(1).split('?')[0]) || '/';
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (m) return { route, params: m.groups || {}, query: new URLSearchParams(location.hash.split('?')[1] || '') };
    }
    return { route: this.routes[0], params: {}, query: new URLSearchParams() };
  }

  async render() {
    const generation = ++this.generation;
    if (this.cleanup) {
      try { this.cleanup(); } catch (e) { console.warn('page cleanup failed', e); }
      this.cleanup = null;
    }
    const { route, params, query } = this.current();
    document.title = `${route.title} · HOMEPOT`;
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === route.nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    this.container.replaceChildren();
    this.container.dataset.page = route.nav;
    const page = document.createElement('div');
    page.className = 'page';
    this.container.append(page);
    try {
      const cleanup = await route.render(page, params, this.app, query);
      if (generation !== this.generation) { if (typeof cleanup === 'function') cleanup(); return; }
      this.cleanup = typeof cleanup === 'function' ? cleanup : null;
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      console.warn('page failed', e);
      const p = document.createElement('p');
      p.className = 'unavailable';
      p.textContent = 'This page could not be shown: ' + (e && e.message ? e.message : e);
      page.append(p);
    }
    if (generation === this.generation) {
      this.container.dataset.ready = String(generation);
      // first page with its data on screen: read by the browser tests and the screenshot tool
      if (!performance.getEntriesByName('homepot-first-render').length) performance.mark('homepot-first-render');
    }
  }
}

function compile(pattern) {
  const source = pattern.replace(/\/:(\w+)/g, '/(?<$1>[^/]+)');
  return new RegExp('^' + source + '/?$');
}
