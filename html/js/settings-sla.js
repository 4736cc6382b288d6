// SLA policies (T1) for admins: the list, a new policy (targets per
// priority, optional business hours), the workspace default, delete.
// Targets of an existing policy are changed over the API (PATCH).
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';
import { confirmDialog } from '/js/dialog.js';

const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const DAYS = [['mon', 'Mon'], ['tue', 'Tue'], ['wed', 'Wed'], ['thu', 'Thu'], ['fri', 'Fri'], ['sat', 'Sat'], ['sun', 'Sun']];
const clock = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (hhmm) => { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; };

function targets(p, kind) {
  return PRIORITIES.map((x) => `${x[0].toUpperCase()} ${p[`${kind}_${x}`] ?? '–'}`).join(' · ');
}

function hours(p) {
  if (!p.business_days) return '24x7';
  return `${p.business_days.replace(/,/g, ' ')} ${clock(p.business_start)}–${clock(p.business_end)} ${p.time_zone}`;
}

export function slaPage(box, life) {
  let policies = [];
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading…');
  box.append(status);
  const tbody = el('tbody');
  const table = el('table', { class: 'table compact', 'data-testid': 'sla-table' },
    el('caption', { class: 'visually-hidden' }, 'SLA policies; targets in minutes by priority (L, M, H, C)'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'First response (min)'),
      el('th', { scope: 'col' }, 'Resolution (min)'), el('th', { scope: 'col' }, 'Business hours'),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
    tbody);
  const empty = el('p', { class: 'muted', 'data-testid': 'sla-empty' },
    'No SLA policies yet. Tickets show no due times until a policy is the default or assigned to a customer or contract.');
  const notice = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'sla-notice' });
  const form = newForm();
  load().then(() => { if (life.alive) status.replaceWith(notice, table, empty, form); }).catch((e) => {
    if (life.alive && e.status !== 401) { status.textContent = e.message; status.className = 'error'; }
  });

  async function load() {
    const res = await api('GET', '/api/v1/sla-policies');
    if (!life.alive) return;
    policies = res.data;
    clear(tbody).append(...policies.map(row));
    table.hidden = !policies.length;
    empty.hidden = policies.length > 0;
  }

  function say(text) { notice.textContent = text; notice.hidden = false; }

  function row(p) {
    return el('tr', { 'data-testid': 'sla-row', 'data-id': p.id },
      el('td', {}, p.name, p.is_default ? el('span', { class: 'badge primary', 'data-testid': 'sla-default' }, 'Default') : null),
      el('td', {}, targets(p, 'first_response')),
      el('td', {}, targets(p, 'resolution')),
      el('td', {}, hours(p)),
      el('td', { class: 'row-actions' },
        p.is_default ? null : el('button', {
          type: 'button', class: 'button small', 'data-testid': 'sla-make-default', 'aria-label': `Make default: ${p.name}`,
          onclick: () => makeDefault(p),
        }, 'Make default'),
        el('button', {
          type: 'button', class: 'button small danger', 'data-testid': 'sla-delete', 'aria-label': `Delete ${p.name}`,
          onclick: () => remove(p),
        }, 'Delete')));
  }

  async function makeDefault(p) {
    notice.hidden = true;
    try {
      await api('PATCH', `/api/v1/sla-policies/${p.id}`, { is_default: true }, { ifMatch: p.version });
      await load();
    } catch (e) {
      say(e.status === 409 ? `${e.message}; the list is reloaded.` : e.message);
      await load();
    }
  }

  function remove(p) {
    confirmDialog({
      title: 'Delete SLA policy',
      text: `Delete “${p.name}”? A policy a customer or contract still has cannot be deleted.`,
      confirmLabel: 'Delete policy',
      confirmTestid: 'sla-delete-confirm',
      testid: 'sla-delete-dialog',
      onConfirm: async () => {
        await api('DELETE', `/api/v1/sla-policies/${p.id}`);
        await load();
      },
    });
  }

  function number(id, text) {
    return el('div', { class: 'field' }, el('label', { for: id }, text),
      el('input', { id, name: id, type: 'number', min: '1', step: '1', inputmode: 'numeric', 'data-testid': id }));
  }

  function newForm() {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'sla-error' });
    const done = el('p', { class: 'muted save-status', role: 'status' });
    const name = el('input', { id: 'sla-name', type: 'text', maxlength: '100', required: true, autocomplete: 'off', 'data-testid': 'sla-name' });
    const useHours = el('input', { id: 'sla-hours', type: 'checkbox', 'data-testid': 'sla-hours' });
    const days = DAYS.map(([v, t], i) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'day', value: v, checked: i < 5, 'data-testid': `sla-day-${v}` }), t));
    const start = el('input', { id: 'sla-start', type: 'time', value: '09:00', 'data-testid': 'sla-start' });
    const end = el('input', { id: 'sla-end', type: 'time', value: '17:00', 'data-testid': 'sla-end' });
    const zone = el('input', { id: 'sla-zone', type: 'text', value: 'Europe/Berlin', autocomplete: 'off', 'data-testid': 'sla-zone',
      'aria-describedby': 'sla-zone-hint' });
    const isDefault = el('input', { id: 'sla-default', type: 'checkbox', 'data-testid': 'sla-new-default' });
    const hoursBox = el('fieldset', { class: 'sla-hours', disabled: true },
      el('legend', {}, 'Business hours'),
      el('div', { class: 'check-list' }, days),
      el('div', { class: 'form-grid' },
        el('div', { class: 'field' }, el('label', { for: 'sla-start' }, 'Start'), start),
        el('div', { class: 'field' }, el('label', { for: 'sla-end' }, 'End'), end)),
      el('div', { class: 'field' }, el('label', { for: 'sla-zone' }, 'Time zone'), zone,
        el('span', { id: 'sla-zone-hint', class: 'hint muted' }, 'A tz database name such as Europe/Berlin or America/New_York.')));
    useHours.addEventListener('change', () => { hoursBox.disabled = !useHours.checked; });
    const f = el('form', { class: 'settings-form', novalidate: true, 'data-testid': 'sla-form' },
      el('h3', {}, 'New SLA policy'),
      el('div', { class: 'field' }, el('label', { for: 'sla-name' }, 'Name'), name),
      el('fieldset', {}, el('legend', {}, 'First response, minutes'),
        el('div', { class: 'form-grid' }, PRIORITIES.map((p) => number(`sla-first_response_${p}`, p)))),
      el('fieldset', {}, el('legend', {}, 'Resolution, minutes'),
        el('div', { class: 'form-grid' }, PRIORITIES.map((p) => number(`sla-resolution_${p}`, p)))),
      el('label', { class: 'check' }, useHours, 'Count business hours only (otherwise 24x7)'),
      hoursBox,
      el('label', { class: 'check' }, isDefault, 'Workspace default'),
      error,
      el('div', { class: 'actions start' },
        el('button', { type: 'submit', class: 'button primary', 'data-testid': 'sla-create' }, 'Create policy'), done));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.hidden = true;
      done.textContent = '';
      const body = { name: name.value.trim(), is_default: isDefault.checked };
      for (const kind of ['first_response', 'resolution']) {
        for (const p of PRIORITIES) {
          const v = f.querySelector(`#sla-${kind}_${p}`).value;
          if (v !== '') body[`${kind}_${p}`] = Number(v);
        }
      }
      if (useHours.checked) {
        body.business_days = days.map((l) => l.firstChild).filter((c) => c.checked).map((c) => c.value).join(',');
        body.business_start = minutesOf(start.value || '00:00');
        body.business_end = end.value === '00:00' ? 1440 : minutesOf(end.value || '00:00');
        body.time_zone = zone.value.trim();
      }
      if (!body.name) { error.textContent = 'Enter a name.'; error.hidden = false; name.focus(); return; }
      try {
        const res = await api('POST', '/api/v1/sla-policies', body);
        await load();
        for (const input of f.querySelectorAll('input[type="number"]')) input.value = '';
        name.value = '';
        done.textContent = `Created “${res.data.name}”.`;
        name.focus();
      } catch (ex) {
        error.textContent = ex.field ? `${ex.message} (${ex.field.replace(/_/g, ' ')})` : ex.message;
        error.hidden = false;
      }
    });
    return f;
  }
}
