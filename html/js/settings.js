// Workspace settings for admins: pinned fields (C6), custom fields (C5) and
// users (U1). The API refuses all writes here to non-admins (403).
import { api, query } from '/js/api.js';
import { el, clear, formatDate } from '/js/dom.js';
import { confirmDialog } from '/js/dialog.js';
import { currentUser, guardUnsaved } from '/app.js';
import { slaPage } from '/js/settings-sla.js';
import { editLayout, forgetMyLayout, TAB_LABELS, SECTION_LABELS } from '/js/layout.js';

const PAGES = [
  ['pinned-fields', 'Pinned fields', pinnedPage],
  ['custom-fields', 'Custom fields', customFieldsPage],
  ['users', 'Users', usersPage],
  ['sla-policies', 'SLA policies', slaPage],
  ['hub-layout', 'Hub layout', layoutPage],
];
const CUSTOM_TYPES = [['text', 'Text'], ['number', 'Number'], ['date', 'Date'], ['boolean', 'Yes / no'], ['url', 'Link (URL)']];
const ROLES = [['admin', 'Admin'], ['technician', 'Technician'], ['account_manager', 'Account manager'], ['read_only', 'Read only']];

export function renderSettings(main, name) {
  document.title = 'Settings · msphub';
  if (currentUser()?.role !== 'admin') {
    main.append(el('h1', {}, 'Settings'), el('p', { role: 'alert' }, 'Only administrators can change settings.'));
    return null;
  }
  // /settings on its own opens the first page.
  if (!name) {
    name = PAGES[0][0];
    history.replaceState(null, '', `/settings/${name}`);
  }
  const page = PAGES.find(([slug]) => slug === name);
  const nav = el('nav', { class: 'settings-nav', 'aria-label': 'Settings' },
    el('ul', {}, PAGES.map(([slug, title]) => el('li', {},
      el('a', { href: `/settings/${slug}`, 'data-link': '', 'data-testid': `settings-nav-${slug}`, 'aria-current': slug === name ? 'page' : null }, title)))));
  const box = el('section', { class: 'card settings-body', 'aria-labelledby': 'settings-title' });
  main.append(el('div', { class: 'page-head' }, el('h1', {}, 'Settings')), el('div', { class: 'settings-layout' }, nav, box));
  if (!page) {
    box.append(el('h2', { id: 'settings-title' }, 'Page not found'), el('p', {}, 'There is no such settings page.'));
    return null;
  }
  document.title = `${page[1]} · Settings · msphub`;
  box.append(el('h2', { id: 'settings-title' }, page[1]));
  const life = { alive: true };
  page[2](box, life);
  if (document.activeElement === document.body) main.focus({ preventScroll: true });
  return () => { life.alive = false; };
}

function loading(box) {
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading…');
  box.append(status);
  return status;
}

// C6: 3 to 6 fields shown in every hub header, in this order.
function pinnedPage(box, life) {
  let items = [];
  let available = [];
  const labels = new Map();
  const status = loading(box);
  const list = el('ol', { class: 'pinned-list', 'data-testid': 'pinned-list' });
  const addSelect = el('select', { id: 'pinned-add', 'data-testid': 'pinned-add' });
  const addButton = el('button', { type: 'button', class: 'button', 'data-testid': 'pinned-add-button', onclick: add }, 'Add');
  const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'pinned-error' });
  const saved = el('p', { class: 'muted save-status', role: 'status', 'data-testid': 'pinned-status' });
  const save = el('button', { type: 'button', class: 'button primary', 'data-testid': 'pinned-save', onclick: submit }, 'Save');

  api('GET', '/api/v1/settings/pinned-fields').then((res) => {
    if (!life.alive) return;
    available = res.available ?? [];
    for (const a of available) labels.set(a.name, a.label);
    items = [...res.data];
    status.replaceWith(
      el('p', { class: 'muted' }, 'Pin 3 to 6 fields. They show in this order at the top of every customer page.'),
      list,
      el('div', { class: 'add-row' },
        el('div', { class: 'field inline' }, el('label', { for: 'pinned-add' }, 'Add a field'), addSelect),
        addButton),
      error,
      el('div', { class: 'actions start' }, save, saved));
    paint();
  }).catch((e) => { if (life.alive && e.status !== 401) { status.textContent = e.message; status.className = 'error'; } });

  function label(name) { return labels.get(name) ?? name; }

  function paint(focus = null) {
    clear(list).append(...items.map((name, i) => {
      const text = label(name);
      return el('li', { class: 'pinned-item', 'data-testid': 'pinned-item', 'data-field': name },
        el('span', { class: 'pinned-pos', 'aria-hidden': 'true' }, `${i + 1}.`),
        el('span', { class: 'pinned-label' }, text),
        el('span', { class: 'pinned-actions' },
          el('button', { type: 'button', class: 'button small', 'data-testid': 'pinned-up', 'aria-label': `Move ${text} up`, disabled: i === 0, onclick: () => move(i, -1) }, '↑ Up'),
          el('button', { type: 'button', class: 'button small', 'data-testid': 'pinned-down', 'aria-label': `Move ${text} down`, disabled: i === items.length - 1, onclick: () => move(i, 1) }, '↓ Down'),
          el('button', { type: 'button', class: 'button small danger', 'data-testid': 'pinned-remove', 'aria-label': `Remove ${text}`, onclick: () => remove(i) }, 'Remove')));
    }));
    if (!items.length) list.append(el('li', { class: 'muted' }, 'No fields pinned.'));
    const left = available.filter((a) => !items.includes(a.name));
    clear(addSelect).append(el('option', { value: '' }, left.length ? 'Choose a field…' : 'All fields are pinned'),
      ...left.map((a) => el('option', { value: a.name }, a.label)));
    addButton.disabled = !left.length;
    if (focus) {
      const [index, testid] = focus;
      const li = list.children[index];
      const b = li?.querySelector(`[data-testid="${testid}"]`);
      (b && !b.disabled ? b : li?.querySelector('button:not(:disabled)') ?? addSelect).focus();
    }
  }

  let dirty = false;
  guardUnsaved(() => (dirty ? 'the pinned fields' : null));
  function changed() {
    dirty = true;
    error.hidden = true;
    saved.textContent = 'Not saved yet.';
  }

  function move(i, by) {
    const j = i + by;
    if (j < 0 || j >= items.length) return;
    [items[i], items[j]] = [items[j], items[i]];
    changed();
    paint([j, by < 0 ? 'pinned-up' : 'pinned-down']);
  }

  function remove(i) {
    items.splice(i, 1);
    changed();
    paint([Math.min(i, items.length - 1), 'pinned-remove']);
  }

  function add() {
    const name = addSelect.value;
    if (!name) { addSelect.focus(); return; }
    items.push(name);
    changed();
    paint();
    addSelect.focus();
  }

  async function submit() {
    save.disabled = true;
    error.hidden = true;
    saved.textContent = 'Saving…';
    try {
      const res = await api('PUT', '/api/v1/settings/pinned-fields', items);
      if (!life.alive) return;
      items = [...res.data];
      paint();
      dirty = false;
      saved.textContent = 'Saved.';
    } catch (e) {
      if (!life.alive) return;
      error.textContent = e.message;
      error.hidden = false;
      saved.textContent = '';
    } finally {
      save.disabled = false;
    }
  }
}

// A custom field key from its label: lower-case letters, digits and _.
function keyFrom(label) {
  const k = label.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return /^[a-z]/.test(k) ? k : (k ? `f_${k}`.slice(0, 40) : '');
}

// C5: definitions; only the label of an existing one can change.
function customFieldsPage(box, life) {
  let defs = [];
  const status = loading(box);
  const tbody = el('tbody');
  const table = el('table', { class: 'table', 'data-testid': 'cf-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Label'), el('th', { scope: 'col' }, 'Key'), el('th', { scope: 'col' }, 'Type'),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
    tbody);
  const empty = el('p', { class: 'muted' }, 'No custom fields yet.');
  const notice = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'cf-notice' });

  const labelInput = el('input', { id: 'cf-new-label', type: 'text', maxlength: '100', required: true, autocomplete: 'off', 'data-testid': 'cf-new-label' });
  const keyInput = el('input', { id: 'cf-new-key', type: 'text', maxlength: '40', required: true, autocomplete: 'off', 'data-testid': 'cf-new-key', 'aria-describedby': 'cf-new-key-hint', pattern: '[a-z][a-z0-9_]*' });
  const typeSelect = el('select', { id: 'cf-new-type', 'data-testid': 'cf-new-type' }, CUSTOM_TYPES.map(([v, t]) => el('option', { value: v }, t)));
  const formError = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'cf-error' });
  const formStatus = el('p', { class: 'muted save-status', role: 'status' });
  let keyTouched = false;
  labelInput.addEventListener('input', () => { if (!keyTouched) keyInput.value = keyFrom(labelInput.value); });
  keyInput.addEventListener('input', () => { keyTouched = keyInput.value !== ''; });
  const form = el('form', { class: 'settings-form', novalidate: true, onsubmit: create },
    el('h3', {}, 'New custom field'),
    el('div', { class: 'form-grid three' },
      el('div', { class: 'field' }, el('label', { for: 'cf-new-label' }, 'Label'), labelInput),
      el('div', { class: 'field' }, el('label', { for: 'cf-new-key' }, 'Key'), keyInput,
        el('span', { id: 'cf-new-key-hint', class: 'hint muted' }, 'Used in the API; cannot change later.')),
      el('div', { class: 'field' }, el('label', { for: 'cf-new-type' }, 'Type'), typeSelect)),
    formError,
    el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'cf-create' }, 'Create field'), formStatus));

  load().then(() => { if (life.alive) status.replaceWith(notice, table, empty, form); });

  async function load() {
    try {
      const res = await api('GET', '/api/v1/custom-fields');
      if (!life.alive) return;
      defs = res.data;
      paint();
    } catch (e) {
      if (life.alive && e.status !== 401) { status.textContent = e.message; status.className = 'error'; }
      throw e;
    }
  }

  function paint() {
    clear(tbody).append(...defs.map(row));
    table.hidden = !defs.length;
    empty.hidden = defs.length > 0;
  }

  function typeLabel(t) { return CUSTOM_TYPES.find(([v]) => v === t)?.[1] ?? t; }

  function row(d) {
    const labelCell = el('td', {}, el('span', { 'data-testid': 'cf-label' }, d.label));
    const rename = el('button', { type: 'button', class: 'button small', 'data-testid': 'cf-rename', 'aria-label': `Rename ${d.label}`, onclick: () => startRename() }, 'Rename');
    const tr = el('tr', { 'data-testid': 'cf-row', 'data-key': d.key },
      labelCell,
      el('td', {}, el('code', {}, d.key)),
      el('td', {}, typeLabel(d.type)),
      el('td', { class: 'row-actions' }, rename,
        el('button', { type: 'button', class: 'button small danger', 'data-testid': 'cf-delete', 'aria-label': `Delete ${d.label}`, onclick: () => remove(d) }, 'Delete')));
    return tr;

    function startRename() {
      const input = el('input', { type: 'text', class: 'input', maxlength: '100', value: d.label, 'aria-label': `New label for ${d.key}`, 'data-testid': 'cf-rename-input' });
      const err = el('p', { class: 'field-error', role: 'alert', hidden: true });
      const form = el('form', { class: 'inline-form', novalidate: true },
        input,
        el('button', { type: 'submit', class: 'button small primary', 'data-testid': 'cf-rename-save' }, 'Save'),
        el('button', { type: 'button', class: 'button small', onclick: cancel }, 'Cancel'), err);
      clear(labelCell).append(form);
      rename.hidden = true;
      input.focus();
      input.select();
      input.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } });
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const next = input.value.trim();
        if (!next) { err.textContent = 'Enter a label.'; err.hidden = false; return; }
        if (next === d.label) { cancel(); return; }
        try {
          await api('PATCH', `/api/v1/custom-fields/${d.id}`, { label: next }, { ifMatch: d.version });
          await load();
          tbody.querySelector(`[data-key="${CSS.escape(d.key)}"] [data-testid="cf-rename"]`)?.focus();
        } catch (ex) {
          err.textContent = ex.status === 409 ? `${ex.message}; reload the page to see the current label.` : ex.message;
          err.hidden = false;
        }
      });
      function cancel() {
        clear(labelCell).append(el('span', { 'data-testid': 'cf-label' }, d.label));
        rename.hidden = false;
        rename.focus();
      }
    }
  }

  function remove(d) {
    confirmDialog({
      title: 'Delete custom field',
      text: `Delete “${d.label}”? Its value is removed from every customer. This cannot be undone.`,
      confirmLabel: 'Delete field',
      confirmTestid: 'cf-delete-confirm',
      testid: 'cf-delete-dialog',
      onConfirm: async () => {
        await api('DELETE', `/api/v1/custom-fields/${d.id}`);
        await load();
        labelInput.focus();
      },
    });
  }

  async function create(e) {
    e.preventDefault();
    formError.hidden = true;
    formStatus.textContent = '';
    const body = { label: labelInput.value.trim(), key: keyInput.value.trim(), type: typeSelect.value };
    if (!body.label) { showError('Enter a label.'); labelInput.focus(); return; }
    if (!/^[a-z][a-z0-9_]*$/.test(body.key)) {
      showError('A key is lower-case letters, digits and _, starting with a letter.');
      keyInput.focus();
      return;
    }
    const submit = form.querySelector('[data-testid="cf-create"]');
    submit.disabled = true;
    try {
      const res = await api('POST', '/api/v1/custom-fields', body);
      await load();
      form.reset();
      keyTouched = false;
      formStatus.textContent = `Created “${res.data.label}”.`;
      labelInput.focus();
    } catch (ex) {
      showError(ex.message);
      (ex.field === 'key' ? keyInput : labelInput).focus();
    } finally {
      submit.disabled = false;
    }
  }

  function showError(text) { formError.textContent = text; formError.hidden = false; }
}

// U1: list, create, change role, deactivate / reactivate.
function usersPage(box, life) {
  const me = currentUser();
  const status = loading(box);
  const tbody = el('tbody');
  const table = el('table', { class: 'table compact', 'data-testid': 'user-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Email'), el('th', { scope: 'col' }, 'Role'),
      el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Last sign-in'),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
    tbody);
  const notice = el('p', { class: 'notice', role: 'alert', hidden: true, 'data-testid': 'users-error' });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'users-more' }, 'Load more');
  let cursor = null;
  more.addEventListener('click', () => load(cursor));

  const input = (name, text, attrs) => el('div', { class: 'field' },
    el('label', { for: `user-new-${name}` }, text),
    el('input', { id: `user-new-${name}`, name, required: true, autocomplete: 'off', 'data-testid': `user-new-${name}`, ...attrs }));
  const formError = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'user-create-error' });
  const formStatus = el('p', { class: 'muted save-status', role: 'status' });
  const form = el('form', { class: 'settings-form', novalidate: true, onsubmit: create },
    el('h3', {}, 'New user'),
    el('div', { class: 'form-grid' },
      input('email', 'Email', { type: 'email', maxlength: '254' }),
      input('name', 'Name', { type: 'text', maxlength: '200' }),
      el('div', { class: 'field' }, el('label', { for: 'user-new-role' }, 'Role'),
        el('select', { id: 'user-new-role', name: 'role', 'data-testid': 'user-new-role' },
          ROLES.map(([v, t]) => el('option', { value: v, selected: v === 'technician' }, t)))),
      input('password', 'Initial password', { type: 'password', minlength: '12', autocomplete: 'new-password', 'aria-describedby': 'user-new-password-hint' })),
    el('p', { id: 'user-new-password-hint', class: 'hint muted' }, 'At least 12 characters. Give it to the user over a safe channel.'),
    formError,
    el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'user-create' }, 'Create user'), formStatus));

  load().then(() => { if (life.alive) status.replaceWith(notice, table, more, form); }).catch(() => {});

  async function load(after = null) {
    try {
      const res = await api('GET', '/api/v1/users' + query({ limit: 200, after }));
      if (!life.alive) return;
      if (!after) clear(tbody);
      for (const u of res.data) tbody.append(row(u));
      cursor = res.next ?? null;
      more.hidden = !cursor;
    } catch (e) {
      if (life.alive && e.status !== 401) { status.textContent = e.message; status.className = 'error'; }
      throw e;
    }
  }

  function showNotice(text) { notice.textContent = text; notice.hidden = false; }

  function row(u) {
    const isMe = me && u.id === me.id;
    const roleSelect = el('select', { 'data-testid': 'user-role', 'aria-label': `Role of ${u.name}` },
      ROLES.map(([v, t]) => el('option', { value: v, selected: v === u.role }, t)));
    const roleSave = el('button', { type: 'button', class: 'button small', 'data-testid': 'user-role-save', disabled: true, 'aria-label': `Save role of ${u.name}` }, 'Save');
    roleSelect.addEventListener('change', () => { roleSave.disabled = roleSelect.value === u.role; });
    roleSave.addEventListener('click', () => patch({ role: roleSelect.value }, 'user-role'));
    const toggle = isMe
      ? el('span', { class: 'muted' }, 'You')
      : u.active
        ? el('button', { type: 'button', class: 'button small danger', 'data-testid': 'user-deactivate', 'aria-label': `Deactivate ${u.name}`, onclick: deactivate }, 'Deactivate')
        : el('button', { type: 'button', class: 'button small', 'data-testid': 'user-reactivate', 'aria-label': `Reactivate ${u.name}`, onclick: () => patch({ active: true }, 'user-deactivate') }, 'Reactivate');
    const tr = el('tr', { 'data-testid': 'user-row', 'data-email': u.email, class: u.active ? null : 'inactive' },
      el('td', {}, u.name),
      el('td', {}, u.email),
      el('td', {}, el('span', { class: 'role-edit' }, roleSelect, roleSave)),
      el('td', { 'data-testid': 'user-status' }, u.active ? 'Active' : 'Inactive'),
      el('td', { class: 'muted' }, u.last_sign_in_at ? formatDate(u.last_sign_in_at) : 'Never'),
      el('td', { class: 'row-actions' }, toggle));
    return tr;

    function deactivate() {
      confirmDialog({
        title: 'Deactivate user',
        text: `Deactivate ${u.name} (${u.email})? They are signed out and can no longer sign in until reactivated.`,
        confirmLabel: 'Deactivate',
        confirmTestid: 'user-deactivate-confirm',
        testid: 'user-deactivate-dialog',
        onConfirm: () => patch({ active: false }, 'user-reactivate', true),
      });
    }

    // PATCH with If-Match; the row is replaced by the saved (or current) record.
    // From a confirmation dialog other errors are thrown for it to show.
    async function patch(body, focusTestid, inDialog = false) {
      notice.hidden = true;
      try {
        const res = await api('PATCH', `/api/v1/users/${u.id}`, body, { ifMatch: u.version });
        if (isMe && res.data.role !== 'admin') { location.assign('/customers'); return; }
        replace(res.data, focusTestid);
      } catch (e) {
        if (e.status === 409 && e.body?.data) {
          replace(e.body.data, focusTestid);
          showNotice(`${e.message}; the row now shows the current values. Change it again if needed.`);
          return;
        }
        if (inDialog) throw e;
        showNotice(e.message);
        roleSelect.value = u.role;
        roleSave.disabled = true;
        roleSelect.focus();
      }
    }

    function replace(next, focusTestid) {
      const fresh = row(next);
      tr.replaceWith(fresh);
      fresh.querySelector(`[data-testid="${focusTestid}"]`)?.focus();
    }
  }

  async function create(e) {
    e.preventDefault();
    formError.hidden = true;
    formStatus.textContent = '';
    const data = new FormData(form);
    const body = {
      email: String(data.get('email') ?? '').trim(),
      name: String(data.get('name') ?? '').trim(),
      role: String(data.get('role')),
      password: String(data.get('password') ?? ''),
    };
    const missing = [['email', 'an email'], ['name', 'a name'], ['password', 'a password']].find(([k]) => !body[k]);
    if (missing) { showError(`Enter ${missing[1]}.`); form.querySelector(`[name="${missing[0]}"]`).focus(); return; }
    if (body.password.length < 12) { showError('The password needs at least 12 characters.'); form.querySelector('[name="password"]').focus(); return; }
    const submit = form.querySelector('[data-testid="user-create"]');
    submit.disabled = true;
    try {
      const res = await api('POST', '/api/v1/users', body);
      await load();
      form.reset();
      formStatus.textContent = `Created ${res.data.name} (${res.data.email}).`;
      form.querySelector('[name="email"]').focus();
    } catch (ex) {
      showError(ex.message);
      form.querySelector(`[name="${ex.field ?? 'email'}"]`)?.focus();
    } finally {
      submit.disabled = false;
    }
  }

  function showError(text) { formError.textContent = text; formError.hidden = false; }
}

// H6: the workspace's default hub layout; a user's own still wins.
function layoutPage(box, life) {
  const summary = el('div', { 'data-testid': 'workspace-layout' });
  const edit = el('button', { type: 'button', class: 'button', 'data-testid': 'workspace-layout-edit' }, 'Change the default layout');
  box.append(el('p', { class: 'muted' }, 'What every hub shows unless a user arranges their own (they can reset to this).'), summary, edit);
  let current = null;
  const paint = (now) => {
    current = now;
    summary.replaceChildren(
      el('p', {}, el('strong', {}, 'Tabs: '), now.layout.tabs.map((t) => TAB_LABELS[t]).join(', ')),
      el('p', {}, el('strong', {}, 'Overview cards: '), now.layout.sections.map((k) => SECTION_LABELS[k]).join(', ') || 'none'),
      el('p', { class: 'muted' }, now.source === 'workspace' ? 'Set for this workspace.' : 'The built-in layout.'));
  };
  edit.addEventListener('click', () => editLayout({
    title: 'Default hub layout',
    layout: current.layout,
    onSave: async (l) => (await api('PUT', '/api/v1/settings/layout', l)).data,
    onDone: (now) => { forgetMyLayout(); paint(now); edit.focus(); },
  }));
  api('GET', '/api/v1/settings/layout').then((r) => { if (life.alive) paint(r.data); })
    .catch((e) => { if (life.alive) box.append(el('p', { class: 'error' }, e.message)); });
}
