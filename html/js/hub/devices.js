// Devices tab (D1-D3, D7): the list in a compact or detailed view, search
// and every D2 filter (combinable, kept in the URL's query so a filtered
// view can be linked and survives a reload), folders with their counts,
// keyset "Load more", add / edit (If-Match; a 409 shows the current
// record) / move / delete, and the installer tokens an agent enrols with.
import { api, query } from '/js/api.js';
import { announce, el, clear, debounce, formatDate } from '/js/dom.js';
import { modal, confirmDialog } from '/js/dialog.js';

const TYPES = ['pc', 'server', 'mac', 'linux', 'snmp', 'tcp', 'http', 'generic'];
const SNMP_TYPES = ['access_point', 'firewall', 'router', 'switch', 'printer', 'ups', 'nas', 'other'];
const AVAILABILITY = ['online', 'offline', 'unreachable', 'retired'];
const CATEGORIES = ['hardware', 'disk', 'availability', 'performance', 'exchange', 'general', 'networks', 'apps', 'script_based'];
const SEVERITIES = ['critical', 'warning', 'info'];
const YES_NO = [['true', 'Yes'], ['false', 'No']];
const words = (v) => v.replace(/_/g, ' ');
const choices = (list) => list.map((v) => [v, words(v)]);

// The D2 filters as controls: query field, label, options.  The folder
// filter is added from the folder list (with counts).
const FILTERS = [
  ['type', 'Type', choices(TYPES)],
  ['snmp_type', 'SNMP type', choices(SNMP_TYPES)],
  ['availability', 'Availability', choices(AVAILABILITY)],
  ['alert_category', 'Alert category', choices(CATEGORIES)],
  ['alert_severity', 'Alert severity', choices(SEVERITIES)],
  ['monitored', 'Monitored', YES_NO],
  ['favourite', 'Favourite', YES_NO],
  ['pending_reboot', 'Pending reboot', YES_NO],
];
const URL_KEYS = ['view', 'q', ...FILTERS.map(([k]) => k), 'folder_id'];

const yes = (v) => (v ? 'Yes' : 'No');
const alerts = (d) => `${d.alerts_critical} / ${d.alerts_warning} / ${d.alerts_info}`;
const seen = (d) => (d.last_seen_at ? formatDate(d.last_seen_at) : 'Never');

// Columns per view: heading, cell.  compact is what ?view=compact returns.
const COLUMNS = {
  compact: [['Name', (d) => d.name], ['Type', (d) => d.type], ['Availability', (d) => badge(d.availability)],
    ['Alerts (crit / warn / info)', alerts], ['Folder', (d) => d.folder_name ?? ''], ['Last seen', seen]],
  detailed: [['Name', (d) => d.name], ['Machine name', (d) => d.machine_name ?? ''], ['Type', (d) => d.type],
    ['SNMP type', (d) => words(d.snmp_type ?? '')], ['Availability', (d) => badge(d.availability)],
    ['OS', (d) => [d.os_name, d.os_version].filter(Boolean).join(' ')], ['IP addresses', (d) => d.ip_addresses ?? ''],
    ['Serial', (d) => d.serial_number ?? ''], ['Last user', (d) => d.last_user ?? ''], ['Last seen', seen],
    ['Agent', (d) => d.agent_version ?? ''], ['Alerts (crit / warn / info)', alerts],
    ['Alert categories', (d) => (d.alert_categories ?? []).map(words).join(', ')],
    ['Patches', (d) => String(d.available_patches)], ['Pending reboot', (d) => yes(d.pending_reboot)],
    ['Monitored', (d) => yes(d.monitored)], ['Favourite', (d) => yes(d.favourite)], ['Folder', (d) => d.folder_name ?? '']],
};

// The fields of the add and edit forms: name, label, kind, options.
const FORM = [
  ['name', 'Name', 'text'], ['machine_name', 'Machine name', 'text'], ['type', 'Type', 'select', choices(TYPES)],
  ['snmp_type', 'SNMP type', 'select', [['', 'None'], ...choices(SNMP_TYPES)]],
  ['availability', 'Availability', 'select', choices(AVAILABILITY)], ['ip_addresses', 'IP addresses', 'text'],
  ['os_name', 'OS', 'text'], ['os_version', 'OS version', 'text'], ['serial_number', 'Serial number', 'text'],
  ['monitored', 'Monitored', 'check'], ['favourite', 'Favourite', 'check'], ['notes', 'Notes', 'textarea'],
];

function badge(availability) {
  return el('span', { class: `badge avail-${availability}` }, availability);
}

export function render(panel, hub) {
  const base = `/api/v1/customers/${hub.id}`;
  const params = new URLSearchParams(location.search);
  let alive = true;
  let cursor = null;
  let folders = [];
  let rows = [];
  let generation = 0; // only the newest list request paints

  const view = params.get('view') === 'detailed' ? 'detailed' : 'compact';
  const viewButtons = ['compact', 'detailed'].map((v) => el('button', {
    type: 'button', class: 'button small', 'data-view': v, 'data-testid': `devices-view-${v}`,
    'aria-pressed': v === view ? 'true' : 'false', onclick: () => setView(v),
  }, v === 'compact' ? 'Compact' : 'Detailed'));
  const search = el('input', { id: 'devices-q', type: 'search', autocomplete: 'off', 'data-testid': 'devices-search', value: params.get('q') ?? '' });
  const selects = new Map(FILTERS.map(([name, , options]) => [name, select(`devices-${name}`, `devices-filter-${name}`,
    [['', 'Any'], ...options], params.get(name) ?? '')]));
  const folderSelect = select('devices-folder_id', 'devices-filter-folder_id', [['', 'All folders']], params.get('folder_id') ?? '');
  selects.set('folder_id', folderSelect);
  const table = el('table', { class: 'table compact', tabindex: '0', 'aria-label': 'Devices', 'data-testid': 'devices-table', hidden: true });
  const empty = el('p', { class: 'muted empty-state', hidden: true, 'data-testid': 'empty-devices' });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'devices-more' }, 'Load more');
  const notice = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'devices-error' });
  const clearButton = el('button', { type: 'button', class: 'button small subtle', 'data-testid': 'devices-clear', onclick: clearFilters }, 'Clear filters');

  panel.append(el('h2', {}, 'Devices'),
    el('div', { class: 'toolbar', role: 'search', 'aria-label': 'Device filters' },
      el('div', { class: 'field inline grow' }, el('label', { for: 'devices-q' }, 'Search name, machine name or IP'), search),
      el('div', { class: 'field inline' }, el('label', { for: 'devices-folder_id' }, 'Folder'), folderSelect),
      FILTERS.map(([name, text]) => el('div', { class: 'field inline' }, el('label', { for: `devices-${name}` }, text), selects.get(name))),
      el('div', { class: 'field inline' }, el('span', { class: 'label', id: 'devices-view-label' }, 'View'),
        el('div', { class: 'segmented', role: 'group', 'aria-labelledby': 'devices-view-label' }, viewButtons)),
      clearButton),
    notice, table, empty, more,
    ...(hub.canWrite ? [el('div', { class: 'contact-actions' }, addForm(), folderForm()), tokensPanel()] : []));

  search.addEventListener('input', debounce(() => changed(), 250));
  for (const s of selects.values()) s.addEventListener('change', () => changed());
  more.addEventListener('click', () => load(cursor));
  loadFolders();
  load();

  function select(id, testid, options, value) {
    return el('select', { id, 'data-testid': testid },
      options.map(([v, t]) => el('option', { value: v, selected: v === value }, t)));
  }

  function currentView() { return viewButtons.find((b) => b.getAttribute('aria-pressed') === 'true').dataset.view; }

  // The list's query; the URL carries the same (without paging).
  function filters() {
    const f = { view: currentView(), q: search.value.trim() };
    for (const [name, s] of selects) f[name] = s.value;
    return f;
  }

  function changed() {
    const f = filters();
    if (f.view === 'compact') delete f.view;
    history.replaceState(null, '', `/customers/${hub.id}/devices${query(f)}`);
    load();
  }

  function setView(v) {
    for (const b of viewButtons) b.setAttribute('aria-pressed', b.dataset.view === v ? 'true' : 'false');
    changed();
  }

  function clearFilters() {
    search.value = '';
    for (const s of selects.values()) s.value = '';
    changed();
  }

  function showError(msg) { notice.textContent = msg; notice.hidden = !msg; }

  async function load(after = null) {
    const mine = ++generation;
    const f = filters();
    try {
      const res = await api('GET', `${base}/devices${query({ ...f, limit: 50, after })}`);
      if (!alive || mine !== generation) return;
      rows = after ? rows.concat(res.data) : res.data;
      cursor = res.next ?? null;
      paint(f.view);
      showError('');
    } catch (e) {
      if (alive && e.status !== 401) showError(e.message);
    }
  }

  function paint(v) {
    const cols = COLUMNS[v];
    table.className = `table compact devices-${v}`;
    clear(table).append(
      el('thead', {}, el('tr', {}, cols.map(([h]) => el('th', { scope: 'col' }, h)),
        hub.canWrite ? el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')) : null)),
      el('tbody', {}, rows.map((d) => el('tr', { 'data-testid': 'devices-row', 'data-id': d.id },
        cols.map(([, f], i) => (i === 0 ? el('th', { scope: 'row' }, f(d)) : el('td', {}, f(d)))),
        hub.canWrite ? el('td', { class: 'row-actions' },
          el('button', { type: 'button', class: 'button small', 'data-testid': 'device-tickets', 'aria-label': `Tickets of ${d.name}`, onclick: () => tickets(d) }, 'Tickets'),
          el('button', { type: 'button', class: 'button small', 'data-testid': 'device-edit', 'aria-label': `Edit ${d.name}`, onclick: () => edit(d) }, 'Edit'),
          el('button', { type: 'button', class: 'button small', 'data-testid': 'device-move', 'aria-label': `Move ${d.name}`, onclick: () => move(d) }, 'Move'),
          el('button', { type: 'button', class: 'button small danger', 'data-testid': 'device-delete', 'aria-label': `Delete ${d.name}`, onclick: () => remove(d) }, 'Delete')) : null))));
    table.hidden = !rows.length;
    empty.hidden = rows.length > 0;
    const filtered = Object.entries(filters()).some(([k, x]) => k !== 'view' && x);
    empty.textContent = filtered ? 'No devices match these filters. Clear a filter or change the search.'
      : hub.canWrite ? 'No devices yet. Create an installer token below and run the agent on the customer’s machines (they appear here as they enrol), or add a device by hand.'
        : 'No devices yet. They appear here as the customer’s machines enrol.';
    more.hidden = !cursor;
  }

  // Folders with their device counts; the filter keeps its choice.
  async function loadFolders() {
    try {
      const res = await api('GET', `${base}/folders${query({ limit: 200 })}`);
      if (!alive) return;
      folders = res.data;
      const was = folderSelect.value || (params.get('folder_id') ?? '');
      clear(folderSelect).append(el('option', { value: '' }, `All folders (${hub.summary.counts.devices ?? 0})`),
        ...folders.map((x) => el('option', { value: String(x.id), selected: String(x.id) === was }, `${x.name} (${x.devices})`)));
    } catch (e) {
      if (alive && e.status !== 401) showError(e.message);
    }
  }

  // After a write: the header and counts first (the folder filter shows
  // the device count), then the list and the folders.
  async function refresh() {
    await hub.refresh();
    await Promise.all([load(), loadFolders()]);
  }

  function folderOptions(current) {
    return [el('option', { value: '', selected: current == null }, 'No folder'),
      folders.map((x) => el('option', { value: String(x.id), selected: x.id === current }, x.name))];
  }

  // The form's controls, filled from a device (or the defaults).
  function formFields(prefix, d = {}) {
    return FORM.map(([name, text, kind, options]) => {
      const id = `${prefix}-${name}`;
      const v = d[name];
      const attrs = { id, name, 'data-testid': id };
      let control;
      if (kind === 'select') control = el('select', attrs, options.map(([o, t]) => el('option', { value: o, selected: (v ?? '') === o }, t)));
      else if (kind === 'check') return el('label', { class: 'check' }, el('input', { ...attrs, type: 'checkbox', checked: v ?? name === 'monitored' }), text);
      else if (kind === 'textarea') control = el('textarea', { ...attrs, rows: 2, value: v ?? '' });
      else control = el('input', { ...attrs, type: 'text', autocomplete: 'off', value: v ?? '', required: name === 'name' });
      return el('div', { class: 'field' }, el('label', { for: id }, text), control);
    });
  }

  // The form's values; empty text is null (an edit clears it).
  function formBody(form) {
    const body = {};
    for (const [name, , kind] of FORM) {
      const c = form.elements[name];
      if (kind === 'check') body[name] = c.checked;
      else body[name] = c.value.trim() === '' ? null : c.value.trim();
    }
    return body;
  }

  function addForm() {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'device-new-error' });
    const form = el('form', { novalidate: true, class: 'location-form' },
      el('div', { class: 'form-grid' }, formFields('device-new', { type: 'generic', availability: 'offline' })),
      error, el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'device-new-submit' }, 'Add device')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = Object.fromEntries(Object.entries(formBody(form)).filter(([, v]) => v !== null));
      if (!body.name) { error.textContent = 'Enter a name.'; error.hidden = false; return; }
      const folder = folderSelect.value;
      if (folder) body.folder_id = Number(folder);
      try {
        await api('POST', `${base}/devices`, body);
        form.reset();
        error.hidden = true;
        await refresh();
        form.elements.name.focus();
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    });
    return el('details', { class: 'add-location', 'data-testid': 'device-add' }, el('summary', {}, 'Add device'),
      el('p', { class: 'hint muted' }, 'A device added here goes into the folder chosen in the filter above, if any.'), form);
  }

  function folderForm() {
    const input = el('input', { id: 'folder-new-name', type: 'text', autocomplete: 'off', maxlength: '200', 'data-testid': 'folder-new-name' });
    const info = el('p', { role: 'status', class: 'muted' });
    const form = el('form', { novalidate: true },
      el('div', { class: 'field' }, el('label', { for: 'folder-new-name' }, 'Folder name'), input),
      el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'button', 'data-testid': 'folder-new-submit' }, 'Add folder')), info);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!input.value.trim()) { info.textContent = 'Enter a folder name.'; return; }
      try {
        await api('POST', `${base}/folders`, { name: input.value.trim() });
        info.textContent = `Folder “${input.value.trim()}” added.`;
        input.value = '';
        await loadFolders();
      } catch (err) { info.textContent = err.message; }
    });
    return el('details', { class: 'add-location' }, el('summary', {}, 'Add folder'), form);
  }

  // T5: a device's tickets, and a new one about it (the link is kept on
  // the ticket, which names the device in the Tickets tab).
  function tickets(d) {
    const list = el('ul', { class: 'link-results', 'data-testid': 'device-ticket-list' });
    const subject = el('input', { id: 'device-ticket-subject', name: 'subject', type: 'text', maxlength: '250', required: true, 'data-testid': 'device-ticket-subject' });
    const create = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'device-ticket-create' }, 'Create ticket');
    const ctl = modal({
      title: `Tickets of ${d.name}`,
      body: [list, el('div', { class: 'field' }, el('label', { for: subject.id }, 'New ticket about this device'), subject)],
      buttons: [create], cancelLabel: 'Close', testid: 'device-tickets-dialog',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!subject.value.trim()) { ctl.showError('Enter a subject.', 'subject'); return; }
        create.disabled = true;
        try {
          await api('POST', `/api/v1/customers/${hub.id}/tickets`, { subject: subject.value.trim(), device_id: d.id });
          subject.value = '';
          announce('Ticket created');
          await show();
          await hub.refresh();
        } catch (err) { ctl.showError(err.message, err.field); } finally { create.disabled = false; }
      },
    });
    async function show() {
      const res = await api('GET', `/api/v1/customers/${hub.id}/tickets${query({ device_id: d.id, status: 'all', limit: 20 })}`);
      list.replaceChildren(...(res.data.length ? res.data.map((t) => el('li', { 'data-testid': 'device-ticket' },
        el('a', { href: `/customers/${hub.id}/tickets`, 'data-link': '', onclick: () => ctl.close() }, `${t.number} ${t.subject}`),
        ' ', el('span', { class: `badge status status-${t.status}` }, t.status)))
        : [el('li', { class: 'muted' }, 'No tickets about this device yet.')]));
    }
    show().catch((err) => ctl.showError(err.message));
    subject.focus();
  }

  // PATCH with If-Match; on 409 the dialog shows the current record.
  function edit(d) {
    let version = d.version;
    const form = el('div', { class: 'form-grid' }, formFields('device-edit'));
    const save = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'device-edit-save' }, 'Save');
    const ctl = modal({
      title: `Edit ${d.name}`, body: [form], buttons: [save], testid: 'device-edit-dialog',
      onsubmit: async (e) => {
        e.preventDefault();
        const body = formBody(ctl.dialog.querySelector('form'));
        if (!body.name) { ctl.showError('Enter a name.'); return; }
        save.disabled = true;
        try {
          await api('PATCH', `${base}/devices/${d.id}`, body, { ifMatch: version });
          ctl.close();
          await refresh();
        } catch (err) {
          if (err.status === 409 && err.body?.data) {
            fill(err.body.data);
            ctl.showError('Someone else changed this device; the form now shows the current version. Check it and save again.');
          } else ctl.showError(err.message, err.field);
        } finally { save.disabled = false; }
      },
    });
    // The full record (the list may be the compact view).
    const fill = (cur) => {
      version = cur.version;
      form.dataset.version = String(version);
      clear(form).append(...formFields('device-edit', cur));
    };
    api('GET', `${base}/devices/${d.id}`).then((res) => fill(res.data)).catch((err) => ctl.showError(err.message));
  }

  // D3: to another folder of this customer, or to another customer.
  function move(d) {
    const folder = el('select', { id: 'device-move-folder', 'data-testid': 'device-move-folder' }, folderOptions(d.folder_id));
    const q = el('input', { id: 'device-move-q', type: 'search', autocomplete: 'off', 'data-testid': 'device-move-customer' });
    const found = el('ul', { class: 'link-results', 'data-testid': 'device-move-results' });
    let target = null;
    const go = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'device-move-save' }, 'Move');
    const ctl = modal({
      title: `Move ${d.name}`, testid: 'device-move-dialog', buttons: [go],
      body: [el('div', { class: 'field' }, el('label', { for: 'device-move-folder' }, 'Folder of this customer'), folder),
        el('div', { class: 'field' }, el('label', { for: 'device-move-q' }, 'Or move to another customer (find by name)'), q), found],
      onsubmit: async (e) => {
        e.preventDefault();
        const body = target ? { customer_id: target.id } : { folder_id: folder.value ? Number(folder.value) : null };
        try {
          const cur = await api('GET', `${base}/devices/${d.id}`);
          await api('PATCH', `${base}/devices/${d.id}`, body, { ifMatch: cur.data.version });
          ctl.close();
          hub.showNotice(target ? `${d.name} now belongs to ${target.name}.` : '');
          await refresh();
        } catch (err) { ctl.showError(err.message, err.field); }
      },
    });
    q.addEventListener('input', debounce(async () => {
      clear(found);
      target = null;
      const text = q.value.trim();
      if (!text) return;
      try {
        const res = await api('GET', `/api/v1/search${query({ q: text, limit: 8 })}`);
        for (const c of res.data.customers.filter((x) => x.id !== hub.id)) {
          found.append(el('li', {}, el('label', { class: 'check' },
            el('input', { type: 'radio', name: 'device-move-target', value: String(c.id), 'data-testid': 'device-move-target', onchange: () => { target = c; } }), c.name)));
        }
        if (!found.children.length) found.append(el('li', { class: 'muted' }, 'No other customer matches.'));
      } catch (err) { ctl.showError(err.message, err.field); }
    }, 200));
  }

  function remove(d) {
    confirmDialog({
      title: 'Delete device', text: `Delete “${d.name}”? Its history stays in the timeline and audit.`,
      confirmLabel: 'Delete device', confirmTestid: 'device-delete-confirm', testid: 'device-delete-dialog',
      onConfirm: async () => {
        await api('DELETE', `${base}/devices/${d.id}`);
        announce('Device deleted');
        await refresh();
      },
    });
  }

  // D7: a token is pre-assigned to this customer; its secret is in the
  // reply that creates it only, so it is shown once and never fetched.
  function tokensPanel() {
    const list = el('table', { class: 'table compact', tabindex: '0', 'aria-label': 'Installer tokens', 'data-testid': 'tokens-table', hidden: true });
    const none = el('p', { class: 'muted', 'data-testid': 'tokens-empty', hidden: true }, 'No installer tokens yet. Create one and give it to the RMM agent’s installer.');
    const label = el('input', { id: 'token-label', type: 'text', autocomplete: 'off', maxlength: '200', 'data-testid': 'token-label' });
    const days = el('input', { id: 'token-days', type: 'number', min: '1', max: '365', value: '30', 'data-testid': 'token-days' });
    const secret = el('div', { class: 'secret-once', hidden: true, 'data-testid': 'token-secret-box' });
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'token-error' });
    const form = el('form', { novalidate: true, class: 'location-form' },
      el('div', { class: 'form-grid' },
        el('div', { class: 'field' }, el('label', { for: 'token-label' }, 'Label'), label),
        el('div', { class: 'field' }, el('label', { for: 'token-days' }, 'Valid for (days)'), days)),
      error, el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'token-create' }, 'Create token')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.hidden = true;
      if (!label.value.trim()) { error.textContent = 'Enter a label, e.g. where the agent will be installed.'; error.hidden = false; return; }
      try {
        const res = await api('POST', `${base}/installer-tokens`, { label: label.value.trim(), expires_in_days: Number(days.value) || 30 });
        form.reset();
        showSecret(res.data);
        await loadTokens();
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    });

    function showSecret(t) {
      const value = el('input', { id: 'token-secret', type: 'text', readonly: true, value: t.token, class: 'mono', 'data-testid': 'token-secret' });
      const status = el('span', { role: 'status', class: 'muted', 'data-testid': 'token-copy-status' });
      const copy = el('button', { type: 'button', class: 'button', 'data-testid': 'token-copy' }, 'Copy');
      copy.addEventListener('click', async () => {
        try { await navigator.clipboard.writeText(t.token); status.textContent = 'Copied.'; } catch {
          value.select();
          status.textContent = 'Select the token and copy it.';
        }
      });
      const done = el('button', { type: 'button', class: 'button subtle', 'data-testid': 'token-secret-done' }, 'Done');
      done.addEventListener('click', () => { clear(secret).hidden = true; label.focus(); });
      clear(secret).append(
        el('p', {}, el('strong', {}, `Token “${t.label}” created. `), 'Copy it now: it is shown only this once.'),
        el('div', { class: 'field' }, el('label', { for: 'token-secret' }, 'Installer token'),
          el('div', { class: 'value-row' }, value, copy, done)), status);
      secret.hidden = false;
      value.focus();
      value.select();
    }

    async function loadTokens() {
      try {
        const res = await api('GET', `${base}/installer-tokens${query({ limit: 50 })}`);
        if (!alive) return;
        clear(list).append(el('thead', {}, el('tr', {}, ['Label', 'Status', 'Expires', 'Uses', 'Last used'].map((h) => el('th', { scope: 'col' }, h)),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
        el('tbody', {}, res.data.map((t) => el('tr', { 'data-testid': 'token-row', 'data-id': t.id, 'data-status': t.status },
          el('th', { scope: 'row' }, t.label), el('td', {}, el('span', { class: `badge token-${t.status}` }, t.status)),
          el('td', {}, formatDate(t.expires_at)), el('td', {}, String(t.uses)),
          el('td', {}, t.last_used_at ? formatDate(t.last_used_at) : 'Never'),
          el('td', { class: 'row-actions' }, t.status === 'active' ? el('button', {
            type: 'button', class: 'button small danger', 'data-testid': 'token-revoke', 'aria-label': `Revoke ${t.label}`,
            onclick: () => revoke(t),
          }, 'Revoke') : null)))));
        list.hidden = !res.data.length;
        none.hidden = res.data.length > 0;
      } catch (e) {
        if (alive && e.status !== 401) { error.textContent = e.message; error.hidden = false; }
      }
    }

    function revoke(t) {
      confirmDialog({
        title: 'Revoke installer token', text: `Revoke “${t.label}”? Agents installed with it can no longer enrol; enrolled devices stay.`,
        confirmLabel: 'Revoke', confirmTestid: 'token-revoke-confirm', testid: 'token-revoke-dialog',
        onConfirm: async () => { await api('POST', `${base}/installer-tokens/${t.id}/revoke`); await loadTokens(); },
      });
    }

    loadTokens();
    return el('section', { class: 'tokens', 'aria-labelledby': 'tokens-title', 'data-testid': 'tokens-panel' },
      el('h2', { id: 'tokens-title' }, 'Installer tokens'),
      el('p', { class: 'hint muted' }, 'An RMM agent installed with a token enrols its machine as a device of this customer.'),
      secret, list, none,
      el('details', { class: 'add-location', 'data-testid': 'token-add' }, el('summary', {}, 'Create installer token'), form));
  }

  return () => { alive = false; };
}
