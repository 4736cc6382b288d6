// The customer's fields: labels, display, and inline editing (PATCH with
// If-Match; on 409 the current version is shown instead).
import { api } from '/js/api.js';
import { el, announce } from '/js/dom.js';
import { PICKERS } from '/js/hub/pickers.js';

export const CORE_GROUPS = [
  ['Company', [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'rank', label: 'Rank', type: 'rank' },
    { name: 'primary_domain', label: 'Primary domain', type: 'text' },
    { name: 'website', label: 'Website', type: 'url' },
    { name: 'phone', label: 'Phone', type: 'tel' },
    { name: 'fax', label: 'Fax', type: 'tel' },
    { name: 'business_id', label: 'Business ID', type: 'text' },
    { name: 'external_ref', label: 'External reference', type: 'text' },
  ]],
  ['Address', [
    { name: 'address_line1', label: 'Address line 1', type: 'text' },
    { name: 'address_line2', label: 'Address line 2', type: 'text' },
    { name: 'city', label: 'City', type: 'text' },
    { name: 'region', label: 'Region', type: 'text' },
    { name: 'postal_code', label: 'Postal code', type: 'text' },
    { name: 'country', label: 'Country', type: 'country' },
  ]],
  ['Billing and service', [
    { name: 'billing_address', label: 'Billing address', type: 'textarea' },
    { name: 'account_manager_id', label: 'Account manager', type: 'user' },
    { name: 'default_contract_id', label: 'Default contract', type: 'contract' },
    { name: 'billing_contact_id', label: 'Billing contact', type: 'contact' },
    { name: 'ticket_limit', label: 'Ticket limit (per month)', type: 'integer', min: 0 },
  ]],
];
export const NOTES = { name: 'notes', label: 'Notes', type: 'textarea', rows: 6 };
const CORE = new Map([...CORE_GROUPS.flatMap(([, specs]) => specs.map((s) => [s.name, s])), ['notes', NOTES]]);
const LABELS = new Map([...CORE].map(([name, spec]) => [name, spec.label]));
LABELS.set('primary_location', 'Primary location');

export function label(hub, name) {
  if (name.startsWith('custom.')) {
    const d = hub.defs?.find((x) => x.key === name.slice(7));
    if (d) return d.label;
  }
  return LABELS.get(name) ?? name.replace(/^custom\./, '').replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase());
}

// A custom field's definition as an editable spec.
export function customSpec(hub, d) {
  return {
    name: `custom.${d.key}`, key: d.key, type: d.type === 'number' ? 'number' : d.type,
    label: label(hub, `custom.${d.key}`), custom: true,
  };
}

// The spec of a field by its name (core or custom.KEY), or null when it is
// not edited as a field (primary_location, locations_count).
export function specFor(hub, name) {
  if (!name.startsWith('custom.')) return CORE.get(name) ?? null;
  const d = hub.defs?.find((x) => x.key === name.slice(7));
  return d ? customSpec(hub, d) : null;
}

export function isEmpty(hub, spec) {
  const c = hub.customer;
  const v = spec.custom ? c.custom_fields?.[spec.key] : c[spec.name];
  return v === null || v === undefined || v === '';
}

// Fields that hold a reference: the customer record names it.
const REFS = { account_manager_id: 'account_manager', default_contract_id: 'default_contract', billing_contact_id: 'billing_contact' };
const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;

export function countryName(code) {
  try { return regions?.of(code) ?? code; } catch { return code; }
}

// A field's value as people read it: names, never ids or codes.
export function valueOf(hub, name) {
  const c = hub.customer;
  if (name.startsWith('custom.')) return c.custom_fields?.[name.slice(7)] ?? null;
  if (name === 'primary_location') return c.primary_location?.name ?? null;
  if (REFS[name]) return c[REFS[name]]?.name ?? c[name] ?? null;
  if (name === 'country' && c.country) return countryName(c.country);
  return c[name] ?? null;
}

export function display(value) {
  if (value === null || value === undefined || value === '') return 'Not set';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

// Only http(s) links leave the app.
function safeUrl(v) {
  try {
    const u = new URL(String(v));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch { return '#'; }
}

// A link beside the value: open a website, dial a number.
function valueLink(spec, value) {
  if (!value) return null;
  if (spec.type === 'url') {
    return el('a', { class: 'open-link', href: safeUrl(value), target: '_blank', rel: 'noopener noreferrer' }, 'Open');
  }
  const digits = spec.type === 'tel' ? String(value).replace(/[^\d+]/g, '') : '';
  return digits ? el('a', { class: 'open-link', href: `tel:${digits}`, 'aria-label': `Call ${value}` }, 'Call') : null;
}

// One label + value; the value is a button that turns into an input.
// onSaved(customer) repaints after a save.
export function editable(hub, spec, onSaved) {
  const testid = `field-${spec.name}`;
  const c = hub.customer;
  const value = spec.custom ? (c.custom_fields?.[spec.key] ?? null) : (c[spec.name] ?? null);
  const empty = value === null || value === '';
  const error = el('p', { id: `${testid}-error`, class: 'field-error', role: 'alert', hidden: true, 'data-testid': `${testid}-error` });
  const shown = spec.custom ? value : valueOf(hub, spec.name);
  const extra = valueLink(spec, value);
  if (!hub.canWrite) {
    return el('div', { class: 'field-item' }, el('dt', {}, spec.label),
      el('dd', {}, el('div', { class: 'value-row' },
        el('span', { class: `value readonly${empty ? ' empty' : ''}`, 'data-testid': testid }, display(shown)), extra)));
  }
  const button = el('button', {
    type: 'button', class: `value${empty ? ' empty' : ''}`, 'data-testid': testid,
    'aria-label': `${spec.label}: ${empty ? 'not set' : display(shown)}. Edit`,
  }, display(shown));
  const dd = el('dd', {}, el('div', { class: 'value-row' }, button, extra), error);
  button.addEventListener('click', () => startEdit());
  return el('div', { class: 'field-item' }, el('dt', { id: `${testid}-label` }, spec.label), dd);

  function startEdit() {
    const input = control(hub, spec, value, `${testid}-input`);
    input.setAttribute('aria-labelledby', `${testid}-label`);
    if (spec.hint) input.setAttribute('placeholder', spec.hint);
    let done = false;
    // Buttons for touch screens, where there is no Enter or Esc key.
    const saveButton = el('button', { type: 'button', class: 'button primary small', 'data-testid': `${testid}-save` }, 'Save');
    const cancelButton = el('button', { type: 'button', class: 'button small', 'data-testid': `${testid}-cancel` }, 'Cancel');
    const row = el('div', { class: 'edit-row' }, input,
      el('div', { class: 'edit-actions' }, saveButton, cancelButton,
        el('span', { class: 'edit-hint muted' }, spec.type === 'textarea' ? 'Ctrl+Enter to save · Esc to cancel' : 'Enter to save · Esc to cancel')));
    dd.firstChild.replaceWith(row);
    input.focus();
    if (input.select && spec.type !== 'date') input.select();

    const finish = () => { done = true; row.replaceWith(el('div', { class: 'value-row' }, button, extra)); error.hidden = true; };
    const cancel = () => { finish(); button.focus(); };
    const showError = (msg) => {
      error.textContent = msg;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    };
    let base = value;
    const commit = async () => {
      if (done) return;
      let next;
      try { next = parse(spec, input); } catch (e) { showError(e.message); return; }
      if ((next ?? null) === (base ?? null)) { finish(); button.focus(); return; }
      done = true;
      input.disabled = true;
      const kept = await save(hub, spec, next, showError, onSaved);
      if (kept === true) return;
      // Not saved: the typed value stays for another try.
      if (kept?.theirs !== undefined) base = kept.theirs;
      done = false;
      input.disabled = false;
      input.focus();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
      else if (e.key === 'Enter' && (spec.type !== 'textarea' || e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
    });
    // Leaving the field saves it, except towards its own buttons or a
    // dialog opened over it (Ctrl+K): the edit waits, unsaved.
    input.addEventListener('blur', (e) => {
      if (done || e.relatedTarget === saveButton || e.relatedTarget === cancelButton) return;
      if (e.relatedTarget?.closest('dialog')) return;
      commit();
    });
    for (const b of [saveButton, cancelButton]) b.addEventListener('mousedown', (e) => e.preventDefault());
    saveButton.addEventListener('click', () => commit());
    if (input.tagName === 'SELECT') input.addEventListener('change', () => commit());
    cancelButton.addEventListener('click', () => cancel());
  }
}

const fieldOf = (spec, customer) => (spec.custom ? customer.custom_fields?.[spec.key] : customer[spec.name]) ?? null;

// true when saved; otherwise false, or { theirs } after a conflict on
// this very field (the typed value is kept; saving again overwrites).
async function save(hub, spec, next, showError, onSaved) {
  const body = spec.custom ? { custom_fields: { [spec.key]: next } } : { [spec.name]: next };
  hub.showNotice('');
  const mine = fieldOf(spec, hub.customer);
  try {
    const res = await api('PATCH', `/api/v1/customers/${hub.id}`, body, { ifMatch: hub.customer.version });
    onSaved(res.data, spec.name);
    announce(`${spec.label} saved`);
    return true;
  } catch (e) {
    if (e.status !== 409 || !e.body?.data) {
      showError(e.status === 0 ? `${e.message} Your value is kept; press Save to try again.` : e.message);
      return false;
    }
    const current = e.body.data;
    const theirs = fieldOf(spec, current);
    hub.customer = current;
    // Someone changed other fields: apply ours on top of their version.
    if (JSON.stringify(theirs) === JSON.stringify(mine)) return save(hub, spec, next, showError, onSaved);
    const who = await lastEditor(hub, spec);
    showError(`${who ?? 'Someone'} changed ${spec.label} to “${display(spec.custom ? theirs : valueOf(hub, spec.name))}” while you were editing. ` +
      'Your value is kept here: Save puts it over theirs, Cancel keeps theirs.');
    return { theirs };
  }
}

// Who last changed a field, from the customer's audit (newest first).
async function lastEditor(hub, spec) {
  const key = spec.custom ? `custom_fields.${spec.key}` : spec.name;
  try {
    const rows = (await api('GET', `/api/v1/customers/${hub.id}/audit?limit=20`)).data;
    return rows.find((a) => a.changes && key in a.changes)?.actor?.name ?? null;
  } catch { return null; }
}

// A picker: a select filled from the API, the current value kept even
// if it is no longer offered.
function picker(hub, spec, v, common) {
  const p = PICKERS[spec.type];
  const select = el('select', common, el('option', { value: '' }, p.empty),
    v ? el('option', { value: v, selected: true }, valueOf(hub, spec.name) ?? v) : null);
  p.options(hub).then((opts) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, p.empty),
      ...opts.map(([val, text]) => el('option', { value: val, selected: val === chosen }, text)));
    if (chosen && !opts.some(([val]) => val === chosen)) select.append(el('option', { value: chosen, selected: true }, valueOf(hub, spec.name) ?? chosen));
  }).catch(() => {});
  return select;
}

function control(hub, spec, value, testid) {
  const common = { 'data-testid': testid, class: 'input' };
  const v = value === null || value === undefined ? '' : String(value);
  if (PICKERS[spec.type]) return picker(hub, spec, v, common);
  switch (spec.type) {
    case 'textarea':
      return el('textarea', { ...common, rows: spec.rows ?? 3, value: v });
    case 'rank':
      return el('select', common, el('option', { value: '', selected: !v }, 'No rank'),
        (hub.ranks ?? ['A', 'B', 'C', 'D']).map((r) => el('option', { value: r, selected: r === v }, r)));
    case 'boolean':
      return el('select', common,
        el('option', { value: '', selected: value === null }, 'Not set'),
        el('option', { value: 'true', selected: value === true }, 'Yes'),
        el('option', { value: 'false', selected: value === false }, 'No'));
    case 'integer':
      return el('input', { ...common, type: 'number', step: '1', min: spec.min ?? null, value: v });
    case 'number':
      return el('input', { ...common, type: 'number', step: 'any', value: v });
    case 'date':
      return el('input', { ...common, type: 'date', value: v });
    case 'url':
      return el('input', { ...common, type: 'url', value: v, placeholder: 'https://' });
    case 'tel':
      return el('input', { ...common, type: 'tel', value: v });
    default:
      return el('input', { ...common, type: 'text', value: v, maxlength: spec.maxlength ?? null });
  }
}

function parse(spec, input) {
  const raw = input.value.trim();
  if (spec.type === 'boolean') return raw === '' ? null : raw === 'true';
  if (PICKERS[spec.type]) return raw === '' ? null : spec.type === 'country' ? raw : Number(raw);
  if (raw === '') {
    if (spec.required) throw new Error(`${spec.label} cannot be empty.`);
    return null;
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) throw new Error('Enter a number.');
    return n;
  }
  return raw;
}
