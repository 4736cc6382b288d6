// The customer hub (H1): header, inline-editable overview, custom fields,
// notes, locations and the audit log.
import { api, query } from '/js/api.js';
import { el, clear, formatDate } from '/js/dom.js';
import { confirmDialog, modal } from '/js/dialog.js';
import { currentUser, navigate } from '/app.js';

const CORE_GROUPS = [
  ['Company', [
    { name: 'name', type: 'text', required: true },
    { name: 'rank', type: 'rank' },
    { name: 'primary_domain', type: 'text' },
    { name: 'website', type: 'url' },
    { name: 'phone', type: 'tel' },
    { name: 'fax', type: 'tel' },
    { name: 'business_id', type: 'text' },
    { name: 'external_ref', type: 'text' },
  ]],
  ['Address', [
    { name: 'address_line1', type: 'text' },
    { name: 'address_line2', type: 'text' },
    { name: 'city', type: 'text' },
    { name: 'region', type: 'text' },
    { name: 'postal_code', type: 'text' },
    { name: 'country', type: 'text', maxlength: 2, hint: 'Two-letter code, e.g. US' },
  ]],
  ['Billing and service', [
    { name: 'billing_address', type: 'textarea' },
    { name: 'account_manager_id', type: 'integer' },
    { name: 'default_contract_id', type: 'integer' },
    { name: 'billing_contact_id', type: 'integer' },
    { name: 'ticket_limit', type: 'integer', min: 0 },
  ]],
];
const NOTES = { name: 'notes', type: 'textarea', rows: 6 };
const LOCATION_STATUSES = ['active', 'inactive', 'closed'];

export function renderHub(main, id) {
  document.title = 'Customer · msphub';
  const hub = {
    id, customer: null, locations: [], ranks: [], pinned: [], labels: new Map(), defs: [],
  };
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading…');
  main.append(status);
  let alive = true;
  // The API refuses these too (403); the UI just does not offer them.
  const role = currentUser()?.role;
  const canWrite = role !== 'read_only';
  const isAdmin = role === 'admin';

  const headerBox = el('div');
  const notice = el('div', { class: 'notice', role: 'alert', hidden: true, 'data-testid': 'hub-notice' });
  const overviewBox = el('div');
  const customBox = el('div');
  const notesBox = el('div');
  const locationsBox = el('div');
  const auditList = el('ol', { class: 'audit', 'data-testid': 'audit-list' });
  const auditMore = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'audit-more' }, 'Load more');
  let auditCursor = null;

  Promise.all([
    api('GET', `/api/v1/customers/${id}`),
    api('GET', `/api/v1/customers/${id}/locations?limit=200`),
    api('GET', '/api/v1/settings/ranks'),
    api('GET', '/api/v1/settings/pinned-fields'),
    api('GET', '/api/v1/custom-fields'),
  ]).then(([c, locs, ranks, pinned, defs]) => {
    if (!alive) return;
    hub.customer = c.data;
    hub.locations = locs.data;
    hub.ranks = ranks.data;
    hubRanks = ranks.data;
    hub.pinned = pinned.data;
    for (const a of pinned.available ?? []) hub.labels.set(a.name, a.label);
    hub.defs = defs.data;
    status.remove();
    main.append(
      headerBox, notice,
      el('div', { class: 'hub-grid' },
        el('div', { class: 'hub-col' },
          section('Overview', 'overview', overviewBox),
          section('Custom fields', 'custom-fields', customBox),
          section('Notes', 'notes', notesBox)),
        el('div', { class: 'hub-col' },
          section('Locations', 'locations', locationsBox),
          section('Activity', 'audit', auditList, auditMore))));
    paint();
    paintLocations();
    loadAudit();
    // After an in-app navigation focus would be lost on <body>.
    if (document.activeElement === document.body) main.focus({ preventScroll: true });
  }).catch((e) => {
    if (!alive) return;
    if (e.status === 401) return;
    status.textContent = e.status === 404 ? 'This customer does not exist.' : e.message;
    status.className = e.status === 404 ? '' : 'error';
    if (e.status === 404) main.prepend(el('h1', {}, 'Customer not found'));
  });

  auditMore.addEventListener('click', () => loadAudit(auditCursor));

  function label(name) {
    return hub.labels.get(name) ?? name.replace(/^custom\./, '').replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase());
  }

  function primaryLocation() {
    return hub.locations.find((l) => l.is_primary) ?? null;
  }

  // Everything that depends on the customer record.
  function paint() {
    const c = hub.customer;
    document.title = `${c.name} · msphub`;
    paintHeader(c);
    clear(overviewBox).append(...CORE_GROUPS.map(([title, specs]) =>
      el('div', { class: 'group' },
        el('div', { class: 'group-head' }, el('h3', {}, title), title === 'Address' ? mapLink(c) : null),
        el('dl', { class: 'fields' }, specs.map((spec) => editable({ ...spec, label: label(spec.name) }))))));
    clear(customBox).append(hub.defs.length
      ? el('dl', { class: 'fields' }, hub.defs.map((d) => editable({
        name: `custom.${d.key}`, key: d.key, type: d.type === 'number' ? 'number' : d.type, label: d.label, custom: true,
      })))
      : el('p', { class: 'muted' }, 'No custom fields are defined.'));
    clear(notesBox).append(el('dl', { class: 'fields single' }, editable({ ...NOTES, label: 'Notes' })));
  }

  function paintHeader(c) {
    const primary = primaryLocation();
    const site = primary ? (primary.city || primary.name) : null;
    const button = !canWrite ? null : c.archived
      ? el('button', { type: 'button', class: 'button', 'data-testid': 'unarchive', onclick: () => setArchived(false) }, 'Unarchive')
      : el('button', { type: 'button', class: 'button', 'data-testid': 'archive', onclick: () => setArchived(true) }, 'Archive');
    const remove = isAdmin
      ? el('button', { type: 'button', class: 'button danger', 'data-testid': 'delete-customer', onclick: () => deleteCustomer() }, 'Delete customer')
      : null;
    clear(headerBox).append(el('header', { class: 'hub-header' },
      el('div', { class: 'hub-title' },
        el('p', { class: 'crumbs' }, el('a', { href: '/customers', 'data-link': '' }, 'Customers')),
        el('h1', {},
          el('span', { 'data-testid': 'hub-name' }, c.name),
          c.rank ? el('span', { class: 'badge rank', title: 'Rank', 'data-testid': 'hub-rank' }, `Rank ${c.rank}`) : null,
          c.archived ? el('span', { class: 'badge archived', 'data-testid': 'archived-badge' }, 'Archived') : null),
        el('dl', { class: 'facts' },
          fact('Primary site', site ?? 'None', 'hub-primary-site'),
          fact('Locations', String(c.locations_count ?? hub.locations.length), 'hub-locations-count'),
          hub.pinned.map((name) => el('div', { class: 'fact', 'data-testid': 'pinned-field', 'data-field': name },
            el('dt', {}, label(name)), el('dd', {}, display(pinnedValue(name), pinnedType(name))))))),
      el('div', { class: 'hub-actions' }, button, remove)));
  }

  function fact(term, value, testid) {
    return el('div', { class: 'fact', 'data-testid': testid }, el('dt', {}, term), el('dd', {}, value));
  }

  function pinnedValue(name) {
    const c = hub.customer;
    if (name.startsWith('custom.')) return c.custom_fields?.[name.slice(7)] ?? null;
    if (name === 'primary_location') {
      const p = primaryLocation();
      return p ? [p.name, p.city].filter(Boolean).join(', ') : c.primary_location?.name ?? null;
    }
    if (name === 'account_manager_id') return c.account_manager?.name ?? c.account_manager_id;
    return c[name] ?? null;
  }

  function pinnedType(name) {
    if (name.startsWith('custom.')) return hub.defs.find((d) => d.key === name.slice(7))?.type ?? 'text';
    return 'text';
  }

  function mapLink(c) {
    const address = [c.address_line1, c.address_line2, [c.postal_code, c.city].filter(Boolean).join(' '), c.region, c.country]
      .filter(Boolean).join(', ');
    if (!address) return null;
    return el('a', {
      class: 'map-link', href: `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`,
      target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'map-link',
    }, 'Show on map');
  }

  function currentValue(spec) {
    const c = hub.customer;
    return spec.custom ? (c.custom_fields?.[spec.key] ?? null) : (c[spec.name] ?? null);
  }

  // One label + value; the value is a button that turns into an input.
  function editable(spec) {
    const testid = `field-${spec.name}`;
    const value = currentValue(spec);
    const error = el('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': `${testid}-error` });
    const shown = spec.name === 'account_manager_id' && hub.customer.account_manager?.name
      ? `${hub.customer.account_manager.name} (#${value})` : value;
    const extra = (spec.type === 'url' && value) ? el('a', {
      class: 'open-link', href: safeUrl(value), target: '_blank', rel: 'noopener noreferrer',
    }, 'Open') : null;
    if (!canWrite) {
      return el('div', { class: 'field-item' }, el('dt', {}, spec.label),
        el('dd', {}, el('div', { class: 'value-row' },
          el('span', { class: `value readonly${value === null || value === '' ? ' empty' : ''}`, 'data-testid': testid }, display(shown, spec.type)),
          extra)));
    }
    const button = el('button', {
      type: 'button', class: `value${value === null || value === '' ? ' empty' : ''}`, 'data-testid': testid,
      'aria-label': `${spec.label}: ${value === null || value === '' ? 'not set' : String(shown)}. Edit`,
    }, display(shown, spec.type));
    const dd = el('dd', {}, el('div', { class: 'value-row' }, button, extra), error);
    button.addEventListener('click', () => startEdit());
    return el('div', { class: 'field-item' }, el('dt', { id: `${testid}-label` }, spec.label), dd);

    function startEdit() {
      const input = control(spec, value, `${testid}-input`);
      input.setAttribute('aria-labelledby', `${testid}-label`);
      if (spec.hint) input.setAttribute('placeholder', spec.hint);
      let done = false;
      const row = el('div', { class: 'edit-row' }, input,
        el('span', { class: 'edit-hint muted' }, spec.type === 'textarea' ? 'Ctrl+Enter to save · Esc to cancel' : 'Enter to save · Esc to cancel'));
      dd.firstChild.replaceWith(row);
      input.focus();
      if (input.select && spec.type !== 'date') input.select();

      const finish = () => { done = true; row.replaceWith(el('div', { class: 'value-row' }, button, extra)); error.hidden = true; };
      const commit = async () => {
        if (done) return;
        let next;
        try { next = parse(spec, input); } catch (e) { showError(e.message); return; }
        if (same(next, value)) { finish(); button.focus(); return; }
        done = true;
        input.disabled = true;
        const ok = await save(spec, next, showError);
        if (!ok) { done = false; input.disabled = false; input.focus(); }
      };
      function showError(msg) { error.textContent = msg; error.hidden = false; }

      input.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(); button.focus(); }
        else if (e.key === 'Enter' && (spec.type !== 'textarea' || e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
      });
      input.addEventListener('blur', () => { if (!done) commit(); });
      if (input.tagName === 'SELECT') input.addEventListener('change', () => commit());
    }
  }

  // PATCH one field with If-Match; on 409 show the current version instead.
  async function save(spec, next, showError) {
    const body = spec.custom ? { custom_fields: { [spec.key]: next } } : { [spec.name]: next };
    notice.hidden = true;
    try {
      const res = await api('PATCH', `/api/v1/customers/${hub.id}`, body, { ifMatch: hub.customer.version });
      hub.customer = res.data;
      paint();
      refocus(spec.name);
      loadAudit();
      return true;
    } catch (e) {
      if (e.status === 409 && e.body?.data) {
        hub.customer = e.body.data;
        paint();
        showNotice('Someone else changed this customer; here is the current version. Check it and edit again if needed.');
        refocus(spec.name);
        loadAudit();
        return true;
      }
      showError(e.message);
      return false;
    }
  }

  function refocus(name) {
    const b = main.querySelector(`[data-testid="field-${CSS.escape(name)}"]`);
    if (b) b.focus();
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  async function setArchived(archived) {
    notice.hidden = true;
    try {
      const res = await api('POST', `/api/v1/customers/${hub.id}/${archived ? 'archive' : 'unarchive'}`);
      hub.customer = res.data;
      paint();
      main.querySelector(`[data-testid="${archived ? 'unarchive' : 'archive'}"]`)?.focus();
      loadAudit();
    } catch (e) {
      showNotice(e.message);
    }
  }

  async function reloadCustomer() {
    const [c, locs] = await Promise.all([
      api('GET', `/api/v1/customers/${hub.id}`),
      api('GET', `/api/v1/customers/${hub.id}/locations?limit=200`),
    ]);
    hub.customer = c.data;
    hub.locations = locs.data;
    paint();
    paintLocations();
    loadAudit();
  }

  function paintLocations() {
    const list = hub.locations.length
      ? el('table', { class: 'table compact', 'data-testid': 'locations-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Site'), el('th', { scope: 'col' }, 'Address'),
          el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Primary')),
          canWrite ? el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')) : null)),
        el('tbody', {}, hub.locations.map((l) => el('tr', { 'data-testid': 'location-row', 'data-id': l.id },
          el('td', {}, l.name),
          el('td', {}, [l.address_line1, l.address_line2, [l.postal_code, l.city].filter(Boolean).join(' '), l.region, l.country].filter(Boolean).join(', ')),
          el('td', {}, el('span', { class: `status ${l.status}`, 'data-testid': 'location-status-text' }, l.status)),
          el('td', {}, l.is_primary
            ? el('span', { class: 'badge primary' }, 'Primary')
            : canWrite ? el('button', { type: 'button', class: 'button small', 'data-testid': 'set-primary', onclick: () => setPrimary(l) }, 'Set primary') : null),
          canWrite ? el('td', { class: 'row-actions' },
            el('button', { type: 'button', class: 'button small', 'data-testid': 'location-edit', 'aria-label': `Edit ${l.name}`, onclick: () => editLocation(l) }, 'Edit'),
            el('button', { type: 'button', class: 'button small danger', 'data-testid': 'location-delete', 'aria-label': `Delete ${l.name}`, onclick: () => deleteLocation(l) }, 'Delete')) : null))))
      : el('p', { class: 'muted' }, 'No locations yet.');
    clear(locationsBox).append(list, canWrite ? addLocationForm() : null);
  }

  function focusLocation(id, testid) {
    main.querySelector(`[data-testid="location-row"][data-id="${Number(id)}"] [data-testid="${testid}"]`)?.focus();
  }

  // L1: edit one location in a dialog; PATCH with If-Match like the customer.
  function editLocation(l) {
    let current = l;
    const fields = [
      ['name', 'Site name', { required: true, maxlength: '200' }],
      ['address_line1', 'Address line 1', { maxlength: '200' }],
      ['address_line2', 'Address line 2', { maxlength: '200' }],
      ['city', 'City', { maxlength: '100' }],
      ['region', 'Region', { maxlength: '100' }],
      ['postal_code', 'Postal code', { maxlength: '20' }],
      ['country', 'Country', { maxlength: '2', placeholder: 'US' }],
    ];
    const inputs = new Map();
    const grid = el('div', { class: 'form-grid' }, fields.map(([name, text, attrs]) => {
      const input = el('input', { id: `edit-loc-${name}`, name, type: 'text', autocomplete: 'off', 'data-testid': `location-edit-${name}`, ...attrs });
      inputs.set(name, input);
      return el('div', { class: 'field' }, el('label', { for: `edit-loc-${name}` }, text), input);
    }));
    const statusSelect = el('select', { id: 'edit-loc-status', name: 'status', 'data-testid': 'location-status' },
      LOCATION_STATUSES.map((s) => el('option', { value: s }, s)));
    grid.append(el('div', { class: 'field' }, el('label', { for: 'edit-loc-status' }, 'Status'), statusSelect));
    const save = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'location-save' }, 'Save');
    const ctl = modal({ title: `Edit location`, body: grid, buttons: [save], testid: 'location-dialog', onsubmit: submit });
    ctl.dialog.classList.add('wide');
    fill(current);
    inputs.get('name').focus();

    function fill(loc) {
      for (const [name, input] of inputs) input.value = loc[name] ?? '';
      statusSelect.value = loc.status;
    }

    async function submit(e) {
      e.preventDefault();
      const body = {};
      for (const [name, input] of inputs) {
        let v = input.value.trim();
        if (name === 'country') v = v.toUpperCase();
        const next = v === '' ? null : v;
        if (next !== (current[name] ?? null)) body[name] = next;
      }
      if (statusSelect.value !== current.status) body.status = statusSelect.value;
      if (!inputs.get('name').value.trim()) { ctl.showError('Enter a site name.'); inputs.get('name').focus(); return; }
      if (!Object.keys(body).length) { ctl.close(); focusLocation(l.id, 'location-edit'); return; }
      save.disabled = true;
      try {
        await api('PATCH', `/api/v1/customers/${hub.id}/locations/${l.id}`, body, { ifMatch: current.version });
        ctl.close();
        await reloadCustomer();
        focusLocation(l.id, 'location-edit');
      } catch (err) {
        if (err.status === 409 && err.body?.data) {
          current = err.body.data;
          fill(current);
          ctl.showError('Someone else changed this location; the form now shows the current version. Make your change again.');
          reloadCustomer().catch(() => {});
        } else {
          ctl.showError(err.message);
        }
      } finally {
        save.disabled = false;
      }
    }
  }

  function deleteLocation(l) {
    confirmDialog({
      title: 'Delete location',
      text: `Delete the location “${l.name}”? This cannot be undone.`,
      confirmLabel: 'Delete location',
      confirmTestid: 'location-delete-confirm',
      testid: 'location-delete-dialog',
      onConfirm: async () => {
        await api('DELETE', `/api/v1/customers/${hub.id}/locations/${l.id}`);
        await reloadCustomer();
        main.querySelector('[data-testid="location-edit"]')?.focus();
      },
    });
  }

  // C8 (admin): a customer with locations needs a second, explicit choice.
  function deleteCustomer() {
    const cascade = el('button', { type: 'button', class: 'button danger', hidden: true, 'data-testid': 'delete-cascade' }, 'Delete with all its records');
    const ctl = confirmDialog({
      title: 'Delete customer',
      text: `Delete “${hub.customer.name}”? This cannot be undone.`,
      confirmLabel: 'Delete customer',
      confirmTestid: 'delete-confirm',
      testid: 'delete-dialog',
      onConfirm: async (d) => {
        try {
          await api('DELETE', `/api/v1/customers/${hub.id}`);
        } catch (e) {
          if (e.status !== 409) throw e;
          d.showError(e.message);
          d.actions.querySelector('[data-testid="delete-confirm"]').hidden = true;
          cascade.hidden = false;
          return false;
        }
        gone();
        return true;
      },
    });
    ctl.actions.append(cascade);
    cascade.addEventListener('click', () => ctl.run(cascade, async () => {
      await api('DELETE', `/api/v1/customers/${hub.id}${query({ cascade: 'true' })}`);
      gone();
    }));
    function gone() {
      ctl.close();
      navigate('/customers');
    }
  }

  async function setPrimary(l) {
    try {
      await api('PATCH', `/api/v1/customers/${hub.id}/locations/${l.id}`, { is_primary: true }, { ifMatch: l.version });
      await reloadCustomer();
    } catch (e) {
      showNotice(e.message);
      if (e.status === 409) reloadCustomer().catch(() => {});
    }
  }

  function addLocationForm() {
    const input = (name, text, attrs = {}) => {
      const id = `loc-${name}`;
      return el('div', { class: 'field' }, el('label', { for: id }, text), el('input', { id, name, type: 'text', ...attrs }));
    };
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const form = el('form', { class: 'location-form', novalidate: true },
      el('div', { class: 'form-grid' },
        input('name', 'Site name', { required: true, maxlength: '200', 'data-testid': 'location-name' }),
        input('address_line1', 'Address'),
        input('city', 'City', { 'data-testid': 'location-city' }),
        input('postal_code', 'Postal code'),
        input('country', 'Country', { maxlength: '2', placeholder: 'US' }),
        el('div', { class: 'field' }, el('label', { for: 'loc-status' }, 'Status'),
          el('select', { id: 'loc-status', name: 'status' },
            ['active', 'inactive', 'closed'].map((s) => el('option', { value: s }, s))))),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'is_primary', checked: hub.locations.length === 0 }), 'Primary site'),
      error,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button', 'data-testid': 'location-submit' }, 'Add location')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const body = {};
      for (const [k, v] of data.entries()) if (k !== 'is_primary' && String(v).trim()) body[k] = String(v).trim();
      body.is_primary = data.has('is_primary');
      if (!body.name) { error.textContent = 'Enter a site name.'; error.hidden = false; return; }
      try {
        await api('POST', `/api/v1/customers/${hub.id}/locations`, body);
        await reloadCustomer();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    return el('details', { class: 'add-location' }, el('summary', {}, 'Add location'), form);
  }

  async function loadAudit(after = null) {
    try {
      const res = await api('GET', `/api/v1/customers/${hub.id}/audit` + query({ limit: 20, after }));
      if (!alive) return;
      if (!after) clear(auditList);
      for (const a of res.data) auditList.append(auditRow(a));
      if (!auditList.children.length) auditList.append(el('li', { class: 'muted' }, 'No changes recorded yet.'));
      auditCursor = res.next ?? null;
      auditMore.hidden = !auditCursor;
    } catch (e) {
      if (alive && e.status !== 401) auditList.append(el('li', { class: 'error' }, e.message));
    }
  }

  function auditRow(a) {
    const changes = Object.entries(a.changes ?? {});
    const created = String(a.action).endsWith('.created');
    return el('li', { 'data-testid': 'audit-row' },
      el('div', { class: 'audit-head' },
        el('strong', {}, a.actor?.name ?? 'System'), ' ',
        el('span', {}, actionText(a.action)), ' ',
        el('time', { datetime: a.occurred_at, class: 'muted' }, formatDate(a.occurred_at))),
      changes.length ? el('ul', { class: 'changes' }, changes.map(([field, ch]) => el('li', {},
        el('span', { class: 'change-field' }, label(field.replace(/^custom_fields\./, 'custom.'))), ': ',
        // A creation has no "before"; show only the value it started with.
        created ? null : [el('span', { class: 'old' }, auditValue(ch?.old)), ' → '],
        el('span', { class: 'new' }, auditValue(ch?.new))))) : null);
  }

  return () => { alive = false; };
}

function section(title, id, ...content) {
  return el('section', { class: 'card', 'aria-labelledby': `${id}-title`, 'data-testid': `section-${id}` },
    el('h2', { id: `${id}-title` }, title), ...content);
}

function actionText(action) {
  const [, verb] = String(action).split('.');
  const object = String(action).split('.')[0].replace(/_/g, ' ');
  return verb ? `${verb.replace(/_/g, ' ')} ${object}` : action;
}

function auditValue(v) {
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function display(value, type) {
  if (value === null || value === undefined || value === '') return 'Not set';
  if (type === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

// Only http(s) links leave the app.
function safeUrl(v) {
  try {
    const u = new URL(String(v));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch { return '#'; }
}

function control(spec, value, testid) {
  const common = { 'data-testid': testid, class: 'input' };
  const v = value === null || value === undefined ? '' : String(value);
  switch (spec.type) {
    case 'textarea':
      return el('textarea', { ...common, rows: spec.rows ?? 3, value: v });
    case 'rank':
      return el('select', common, el('option', { value: '', selected: !v }, 'No rank'),
        (hubRanks ?? ['A', 'B', 'C', 'D']).map((r) => el('option', { value: r, selected: r === v }, r)));
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

let hubRanks = null;

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

function same(a, b) {
  return (a ?? null) === (b ?? null);
}
