// The customer's fields: labels, display, and inline editing (PATCH with
// If-Match; on 409 the current version is shown instead).
import { api } from '/js/api.js';
import { el } from '/js/dom.js';

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
    { name: 'country', label: 'Country', type: 'text', maxlength: 2, hint: 'Two-letter code, e.g. US' },
  ]],
  ['Billing and service', [
    { name: 'billing_address', label: 'Billing address', type: 'textarea' },
    { name: 'account_manager_id', label: 'Account manager', type: 'integer' },
    { name: 'default_contract_id', label: 'Default contract', type: 'integer' },
    { name: 'billing_contact_id', label: 'Billing contact', type: 'integer' },
    { name: 'ticket_limit', label: 'Ticket limit (per month)', type: 'integer', min: 0 },
  ]],
];
export const NOTES = { name: 'notes', label: 'Notes', type: 'textarea', rows: 6 };
const LABELS = new Map(CORE_GROUPS.flatMap(([, specs]) => specs.map((s) => [s.name, s.label])));
LABELS.set('primary_location', 'Primary location');

export function label(hub, name) {
  if (name.startsWith('custom.')) {
    const d = hub.defs?.find((x) => x.key === name.slice(7));
    if (d) return d.label;
  }
  return LABELS.get(name) ?? name.replace(/^custom\./, '').replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase());
}

// A pinned field's value as the header shows it.
export function valueOf(hub, name) {
  const c = hub.customer;
  if (name.startsWith('custom.')) return c.custom_fields?.[name.slice(7)] ?? null;
  if (name === 'primary_location') return c.primary_location?.name ?? null;
  if (name === 'account_manager_id') return c.account_manager?.name ?? c.account_manager_id;
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

// One label + value; the value is a button that turns into an input.
// onSaved(customer) repaints after a save.
export function editable(hub, spec, onSaved) {
  const testid = `field-${spec.name}`;
  const c = hub.customer;
  const value = spec.custom ? (c.custom_fields?.[spec.key] ?? null) : (c[spec.name] ?? null);
  const empty = value === null || value === '';
  const error = el('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': `${testid}-error` });
  const shown = spec.name === 'account_manager_id' && c.account_manager?.name
    ? `${c.account_manager.name} (#${value})` : value;
  const extra = (spec.type === 'url' && value) ? el('a', {
    class: 'open-link', href: safeUrl(value), target: '_blank', rel: 'noopener noreferrer',
  }, 'Open') : null;
  if (!hub.canWrite) {
    return el('div', { class: 'field-item' }, el('dt', {}, spec.label),
      el('dd', {}, el('div', { class: 'value-row' },
        el('span', { class: `value readonly${empty ? ' empty' : ''}`, 'data-testid': testid }, display(shown)), extra)));
  }
  const button = el('button', {
    type: 'button', class: `value${empty ? ' empty' : ''}`, 'data-testid': testid,
    'aria-label': `${spec.label}: ${empty ? 'not set' : String(shown)}. Edit`,
  }, display(shown));
  const dd = el('dd', {}, el('div', { class: 'value-row' }, button, extra), error);
  button.addEventListener('click', () => startEdit());
  return el('div', { class: 'field-item' }, el('dt', { id: `${testid}-label` }, spec.label), dd);

  function startEdit() {
    const input = control(hub, spec, value, `${testid}-input`);
    input.setAttribute('aria-labelledby', `${testid}-label`);
    if (spec.hint) input.setAttribute('placeholder', spec.hint);
    let done = false;
    const row = el('div', { class: 'edit-row' }, input,
      el('span', { class: 'edit-hint muted' }, spec.type === 'textarea' ? 'Ctrl+Enter to save · Esc to cancel' : 'Enter to save · Esc to cancel'));
    dd.firstChild.replaceWith(row);
    input.focus();
    if (input.select && spec.type !== 'date') input.select();

    const finish = () => { done = true; row.replaceWith(el('div', { class: 'value-row' }, button, extra)); error.hidden = true; };
    const showError = (msg) => { error.textContent = msg; error.hidden = false; };
    const commit = async () => {
      if (done) return;
      let next;
      try { next = parse(spec, input); } catch (e) { showError(e.message); return; }
      if ((next ?? null) === (value ?? null)) { finish(); button.focus(); return; }
      done = true;
      input.disabled = true;
      if (!(await save(hub, spec, next, showError, onSaved))) { done = false; input.disabled = false; input.focus(); }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(); button.focus(); }
      else if (e.key === 'Enter' && (spec.type !== 'textarea' || e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
    });
    input.addEventListener('blur', () => { if (!done) commit(); });
    if (input.tagName === 'SELECT') input.addEventListener('change', () => commit());
  }
}

async function save(hub, spec, next, showError, onSaved) {
  const body = spec.custom ? { custom_fields: { [spec.key]: next } } : { [spec.name]: next };
  hub.showNotice('');
  try {
    const res = await api('PATCH', `/api/v1/customers/${hub.id}`, body, { ifMatch: hub.customer.version });
    onSaved(res.data, spec.name);
    return true;
  } catch (e) {
    if (e.status === 409 && e.body?.data) {
      onSaved(e.body.data, spec.name);
      hub.showNotice('Someone else changed this customer; here is the current version. Check it and edit again if needed.');
      return true;
    }
    showError(e.message);
    return false;
  }
}

function control(hub, spec, value, testid) {
  const common = { 'data-testid': testid, class: 'input' };
  const v = value === null || value === undefined ? '' : String(value);
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
  if (raw === '') {
    if (spec.required) throw new Error(`${spec.label} cannot be empty.`);
    return null;
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) throw new Error('Enter a number.');
    return n;
  }
  if (spec.name === 'country') return raw.toUpperCase();
  return raw;
}
