// Ask: a question to /api/ai/query/stream (answer shown as it streams), falling back to POST /api/ai/query.
// Shows the relevant devices as links, the mode and model used, and a badge when the answer is degraded.

import { postEventStream, attempt } from '../api.js';
import * as data from '../data.js';
import { el, replace, unavailable, link, statusBadge } from '../dom.js';
import { llmBadge, modeSwitch } from '../components.js';
import { label } from '../format.js';

const EXAMPLES = [
  'Which devices need attention right now?',
  'What is the status of all sensors?',
  'Why is the server room warm?',
];

export async function askPage(root, _params, app) {
  const siteName = app.site ? app.site.name : 'the site';
  const question = el('textarea', { id: 'ask-question', name: 'question', rows: 3, required: true, maxlength: 2000,
    placeholder: `e.g. What's the status of all sensors in ${siteName}?` });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Ask');
  const answer = el('div', { class: 'answer', 'aria-live': 'polite', 'aria-busy': 'false', dataset: { state: 'idle' } });
  const form = el('form', { class: 'ask-form', on: { submit: (e) => { e.preventDefault(); run(); } } },
    el('label', { for: 'ask-question' }, 'Your question'),
    question,
    el('div', { class: 'examples' }, el('span', { class: 'muted small' }, 'Try: '),
      EXAMPLES.map((q) => el('button', { type: 'button', class: 'chip', on: { click: () => { question.value = q; question.focus(); } } }, q))),
    el('div', { class: 'toolbar' }, modeSwitch(app), submit));
  replace(root, el('div', { class: 'page-head' }, el('h1', {}, 'Ask'),
    el('p', { class: 'muted' }, 'Plain-language questions about this site. Numbers come from the appliance; the local LLM only narrates them.')),
    form, answer);
  question.focus();

  let controller = null;

  async function run() {
    const q = question.value.trim();
    if (!q) { question.focus(); return; }
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const body = { question: q, mode: app.mode };
    const text = el('p', { class: 'answer-text ai-text' });
    const meta = el('div', { class: 'answer-meta' });
    const devicesNode = el('div', { class: 'answer-devices' });
    replace(answer, text, meta, devicesNode);
    answer.dataset.state = 'streaming';
    answer.setAttribute('aria-busy', 'true');
    submit.disabled = true;
    let final = null;
    answer.dataset.via = 'stream';
    try {
      await postEventStream('/api/ai/query/stream', body, (event, payload) => {
        if (event === 'token') text.append(document.createTextNode(typeof payload === 'string' ? payload : (payload.text ?? '')));
        else if (event === 'done') final = payload;
        else if (event === 'error') throw new Error(payload.detail || 'stream error');
      }, { signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      final = null;
    }
    if (!final) {
      answer.dataset.via = 'post';
      const result = await attempt(data.ask(body));
      if (signal.aborted) return;
      if (result.error) {
        replace(answer, unavailable('Answer', result.error));
        answer.dataset.state = 'error';
        done();
        return;
      }
      final = result.data;
    }
    text.textContent = final.answer ?? text.textContent;
    renderMeta(meta, final, app);
    renderDevices(devicesNode, final.relevant_devices || []);
    answer.dataset.state = 'done';
    done();
  }

  function done() {
    answer.setAttribute('aria-busy', 'false');
    submit.disabled = false;
  }

  return () => { if (controller) controller.abort(); };
}

function renderMeta(node, r, app) {
  replace(node,
    llmBadge(r.llm), ' ',
    el('span', { class: 'meta-item', dataset: { mode: r.mode ?? app.mode } }, `Mode: ${label(r.mode ?? app.mode)}`), ' ',
    el('span', { class: 'meta-item', dataset: { model: r.model_used ?? '' } }, `Model: ${r.model_used || 'none (computed facts)'}`), ' ',
    r.response_time_ms !== undefined ? el('span', { class: 'meta-item' }, `${r.response_time_ms} ms`) : null);
}

function renderDevices(node, devices) {
  if (!devices.length) { replace(node); return; }
  replace(node, el('h2', {}, 'Relevant devices'), el('ul', { class: 'device-list' }, devices.map((d) => el('li', {},
    link(`/devices/${d.id}`, d.name ?? `device ${d.id}`, { class: 'device-link' }), ' ', statusBadge(d.status)))));
}
