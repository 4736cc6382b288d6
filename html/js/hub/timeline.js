// Timeline tab (H7): every area's events, newest first, filter by kind,
// "Load more" follows the keyset cursor.  Audit tab (C9): who changed what.
import { api, query } from '/js/api.js';
import { el, clear, formatDate } from '/js/dom.js';
import { label } from '/js/hub/fields.js';
import { nameOf } from '/js/hub/pickers.js';

// Audited fields that hold an id or a code, shown by name.
const NAMED = { account_manager_id: 'user', default_contract_id: 'contract', billing_contact_id: 'contact', country: 'country' };

// The kind families GET …/timeline?kind= accepts, as the filter offers them.
const FAMILIES = [
  ['customer', 'Customer'], ['contact', 'Contacts'], ['location', 'Locations'], ['device', 'Devices'],
  ['asset', 'Assets'], ['contract', 'Contracts'], ['invoice', 'Invoices'], ['project', 'Projects'],
];

export function render(panel, hub, slug) {
  return slug === 'audit' ? renderAudit(panel, hub) : renderTimeline(panel, hub);
}

// A list that pages with "Load more": fetch(after) → {data, next}.
function pagedList(panel, { testid, row, fetch, empty }) {
  const list = el('ol', { class: 'audit', 'data-testid': `${testid}-list` });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': `${testid}-more` }, 'Load more');
  const life = { alive: true, cursor: null, generation: 0 };
  panel.append(list, more);
  more.addEventListener('click', () => load(life.cursor));
  async function load(after = null) {
    const mine = after ? life.generation : ++life.generation;
    try {
      const res = await fetch(after);
      if (!life.alive || mine !== life.generation) return;
      if (!after) clear(list);
      for (const a of res.data) list.append(row(a));
      if (!list.children.length) list.append(el('li', { class: 'muted empty-state', 'data-testid': `empty-${testid}` }, empty()));
      life.cursor = res.next ?? null;
      more.hidden = !life.cursor;
    } catch (e) {
      if (life.alive && e.status !== 401) list.append(el('li', { class: 'error' }, e.message));
    }
  }
  return { load, stop: () => { life.alive = false; } };
}

function renderTimeline(panel, hub) {
  const kind = el('select', { id: 'timeline-kind', 'data-testid': 'timeline-kind' },
    el('option', { value: '' }, 'All kinds'), FAMILIES.map(([v, t]) => el('option', { value: v }, t)));
  panel.append(el('h2', {}, 'Timeline'),
    el('div', { class: 'toolbar' }, el('div', { class: 'field inline' }, el('label', { for: 'timeline-kind' }, 'Kind'), kind)));
  const paged = pagedList(panel, {
    testid: 'timeline',
    fetch: (after) => api('GET', `/api/v1/customers/${hub.id}/timeline${query({ limit: 25, after, kind: kind.value })}`),
    row: (e) => el('li', { 'data-testid': 'timeline-row', 'data-kind': e.kind },
      el('div', { class: 'audit-head' },
        el('span', { class: 'badge kind' }, e.kind), ' ',
        el('strong', {}, e.summary), ' ',
        el('time', { datetime: e.occurred_at, class: 'muted' }, formatDate(e.occurred_at))),
      e.actor ? el('p', { class: 'muted stat-line' }, `by ${e.actor.name}`) : null),
    empty: () => (kind.value ? 'No events of this kind yet. Choose “All kinds” to see everything.'
      : 'Nothing has happened yet. Changes to this customer, its contacts, locations and records appear here.'),
  });
  kind.addEventListener('change', () => paged.load());
  paged.load();
  return paged.stop;
}

function renderAudit(panel, hub) {
  panel.append(el('h2', {}, 'Audit'));
  const paged = pagedList(panel, {
    testid: 'audit',
    fetch: (after) => api('GET', `/api/v1/customers/${hub.id}/audit${query({ limit: 20, after })}`),
    row: (a) => auditRow(hub, a),
    empty: () => 'No changes recorded yet. Every edit to this customer is listed here with who made it.',
  });
  paged.load();
  return paged.stop;
}

function auditRow(hub, a) {
  const changes = Object.entries(a.changes ?? {});
  const created = String(a.action).endsWith('.created');
  return el('li', { 'data-testid': 'audit-row' },
    el('div', { class: 'audit-head' },
      el('strong', {}, a.actor?.name ?? 'System'), ' ',
      el('span', {}, actionText(a.action)), ' ',
      el('time', { datetime: a.occurred_at, class: 'muted' }, formatDate(a.occurred_at))),
    changes.length ? el('ul', { class: 'changes' }, changes.map(([field, ch]) => el('li', {},
      el('span', { class: 'change-field' }, label(hub, field.replace(/^custom_fields\./, 'custom.'))), ': ',
      // A creation has no "before"; show only the value it started with.
      created ? null : [auditSpan(hub, 'old', field, ch?.old), ' → '],
      auditSpan(hub, 'new', field, ch?.new)))) : null);
}

function auditSpan(hub, cls, field, v) {
  const span = el('span', { class: cls }, auditValue(v));
  if (NAMED[field] && v !== null && v !== undefined) {
    nameOf(hub, NAMED[field], v).then((name) => { if (name) span.textContent = name; });
  }
  return span;
}

function actionText(action) {
  const [object, verb] = String(action).split('.');
  return verb ? `${verb.replace(/_/g, ' ')} ${object.replace(/_/g, ' ')}` : action;
}

function auditValue(v) {
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
