// Rendering of (similar) incident lists with their resolutions; used by the device page and the Ask page.

import { el, link, statusBadge } from '../dom.js';
import { pct, dateTime, label } from '../format.js';

export function similarIncidentsPanel(items) {
  return el('ul', { class: 'incident-list' }, items.map((i) => el('li', {},
    el('div', {}, statusBadge(i.severity), ' ', el('strong', {}, i.description ?? ''),
      i.similarity_score !== undefined ? el('span', { class: 'muted small' }, ` · similarity ${pct(i.similarity_score)}`) : null),
    el('div', { class: 'muted small' },
      [i.device_id !== undefined && i.device_id !== null ? link(`/devices/${i.device_id}`, i.device_name ?? `device ${i.device_id}`) : (i.device_name ?? null),
        i.category ? ` · ${label(i.category)}` : '', ` · ${dateTime(i.date ?? i.created_at)}`]),
    el('div', { class: 'resolution' }, el('em', {}, 'Resolution: '), i.resolution ? i.resolution : 'not recorded yet'))));
}
