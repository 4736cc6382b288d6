// Contacts tab (K1-K3): the columns each user chose (kept on the server),
// search by name, add, link one from another customer (a move), deactivate,
// CSV import with every rejected row named by its line, and export.
import { api, query } from '/js/api.js';
import { el, clear, debounce, formatDate } from '/js/dom.js';
import { csvImport } from '/js/hub/csv.js';

const COLUMNS = [
  ['name', 'Name'], ['job_title', 'Job title'], ['email', 'Email'], ['phone', 'Phone'], ['mobile', 'Mobile'],
  ['device', 'Device'], ['updated_at', 'Last modified'], ['status', 'Status'],
];
const DEFAULT_COLUMNS = ['name', 'job_title', 'email', 'phone', 'status'];
const PREF = '/api/v1/users/me/preferences/contact-columns';

export function render(panel, hub) {
  const base = `/api/v1/customers/${hub.id}/contacts`;
  let alive = true;
  let columns = DEFAULT_COLUMNS;
  let rows = [];
  let cursor = null;

  const search = el('input', { id: 'contacts-q', type: 'search', autocomplete: 'off', 'data-testid': 'contacts-search' });
  const status = el('select', { id: 'contacts-status', 'data-testid': 'contacts-status' },
    el('option', { value: 'active' }, 'Active'), el('option', { value: 'deactivated' }, 'Deactivated'), el('option', { value: 'all' }, 'All'));
  const table = el('table', { class: 'table compact', tabindex: '0', 'aria-label': 'Contacts', 'data-testid': 'contacts-table' });
  const empty = el('p', { class: 'muted empty-state', hidden: true, 'data-testid': 'empty-contacts' });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'contacts-more' }, 'Load more');
  const notice = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'contacts-error' });
  const chooser = el('details', { class: 'columns-chooser' }, el('summary', {}, 'Columns'),
    el('fieldset', { class: 'check-list' }, el('legend', { class: 'visually-hidden' }, 'Columns shown'),
      COLUMNS.map(([k, t]) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', value: k, 'data-testid': `column-${k}`, onchange: chooseColumns }), t))));

  // Node.append writes null as text: what a read-only user lacks is left out.
  panel.append(...[el('h2', {}, 'Contacts'),
    el('div', { class: 'toolbar' },
      el('div', { class: 'field inline grow' }, el('label', { for: 'contacts-q' }, 'Search by name or email'), search),
      el('div', { class: 'field inline' }, el('label', { for: 'contacts-status' }, 'Status'), status),
      chooser,
      el('a', { class: 'button', href: `${base}/export`, download: '', 'data-testid': 'contacts-export' }, 'Export CSV')),
    notice, table, empty, more,
    hub.canWrite ? el('div', { class: 'contact-actions' }, addForm(), linkForm(), csvImport({
      id: 'contact-import-file', testid: 'contact-import', url: `${base}/import`, done: changed,
      hint: 'A header row names the columns: name, email, job_title, phone, mobile, status. Rows with the email of an existing contact update it.',
    })) : null].filter(Boolean));

  search.addEventListener('input', debounce(() => load(), 200));
  status.addEventListener('change', () => load());
  more.addEventListener('click', () => load(cursor));

  // The user's columns first (one small read), then the list.
  api('GET', PREF).then((res) => { if (Array.isArray(res.data)) columns = res.data; })
    .catch(() => {}).finally(() => { if (alive) { markChooser(); load(); } });

  function markChooser() {
    for (const box of chooser.querySelectorAll('input')) box.checked = columns.includes(box.value);
  }

  async function chooseColumns() {
    const next = COLUMNS.map(([k]) => k).filter((k) => chooser.querySelector(`input[value="${k}"]`).checked);
    if (!next.length) { markChooser(); return; }
    columns = next;
    paint();
    try { await api('PUT', PREF, columns); } catch (e) { showError(e.message); }
  }

  function showError(msg) { notice.textContent = msg; notice.hidden = !msg; }

  async function load(after = null) {
    try {
      const res = await api('GET', base + query({ q: search.value.trim(), status: status.value, limit: 50, after }));
      if (!alive) return;
      rows = after ? rows.concat(res.data) : res.data;
      cursor = res.next ?? null;
      paint();
    } catch (e) {
      if (alive && e.status !== 401) showError(e.message);
    }
  }

  function paint() {
    const shown = COLUMNS.filter(([k]) => columns.includes(k));
    clear(table).append(
      el('thead', {}, el('tr', {}, shown.map(([, t]) => el('th', { scope: 'col' }, t)),
        hub.canWrite ? el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')) : null)),
      el('tbody', {}, rows.map((k) => el('tr', { 'data-testid': 'contact-row', 'data-id': k.id },
        shown.map(([c]) => el('td', { 'data-col': c }, cell(k, c))),
        hub.canWrite ? el('td', { class: 'row-actions' }, k.status === 'active'
          ? el('button', { type: 'button', class: 'button small', 'data-testid': 'contact-deactivate', 'aria-label': `Deactivate ${k.name}`, onclick: () => setStatus(k, 'deactivated') }, 'Deactivate')
          : el('button', { type: 'button', class: 'button small', 'data-testid': 'contact-activate', 'aria-label': `Reactivate ${k.name}`, onclick: () => setStatus(k, 'active') }, 'Reactivate')) : null))));
    table.hidden = !rows.length;
    empty.hidden = rows.length > 0;
    empty.textContent = search.value.trim() || status.value !== 'active'
      ? 'No contacts match this search.'
      : hub.canWrite ? 'No contacts yet. Add one below, link one from another customer, or import a CSV file.' : 'No contacts yet.';
    more.hidden = !cursor;
  }

  function cell(k, c) {
    if (c === 'updated_at') return formatDate(k.updated_at);
    if (c === 'email' && k.email) return el('a', { href: `mailto:${k.email}` }, k.email);
    if (c === 'device') return k.device?.name ?? '';
    return k[c] ?? '';
  }

  async function changed() {
    await load();
    await hub.refresh();
  }

  async function setStatus(k, next) {
    showError('');
    try {
      await api('PATCH', `${base}/${k.id}`, { status: next }, { ifMatch: k.version });
      await changed();
      table.querySelector(`[data-id="${k.id}"] button`)?.focus();
    } catch (e) {
      showError(e.message);
      if (e.status === 409) load();
    }
  }

  function addForm() {
    const input = (name, text, attrs = {}) => el('div', { class: 'field' },
      el('label', { for: `contact-new-${name}` }, text),
      el('input', { id: `contact-new-${name}`, name, type: 'text', autocomplete: 'off', 'data-testid': `contact-new-${name}`, ...attrs }));
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'contact-new-error' });
    const form = el('form', { novalidate: true, class: 'location-form' },
      el('div', { class: 'form-grid' },
        input('name', 'Name', { required: true, maxlength: '200' }), input('email', 'Email', { type: 'email' }),
        input('job_title', 'Job title'), input('phone', 'Phone', { type: 'tel' })),
      error, el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'contact-new-submit' }, 'Add contact')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = {};
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) body[k] = String(v).trim();
      if (!body.name) { error.textContent = 'Enter a name.'; error.hidden = false; return; }
      try {
        await api('POST', base, body);
        form.reset();
        error.hidden = true;
        await changed();
        form.querySelector('input').focus();
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    });
    return el('details', { class: 'add-location', 'data-testid': 'contact-add' }, el('summary', {}, 'Add contact'), form);
  }

  // K2: a contact belongs to one customer; linking one moves it here.
  function linkForm() {
    const q = el('input', { id: 'contact-link-q', type: 'search', autocomplete: 'off', 'data-testid': 'contact-link-search' });
    const results = el('ul', { class: 'link-results', 'data-testid': 'contact-link-results' });
    const info = el('p', { class: 'muted', role: 'status' });
    const find = debounce(async () => {
      const text = q.value.trim();
      clear(results);
      if (!text) { info.textContent = ''; return; }
      try {
        const res = await api('GET', `/api/v1/search${query({ q: text, limit: 10 })}`);
        const others = res.data.contacts.filter((k) => k.customer_id !== hub.id);
        info.textContent = others.length ? '' : 'No contact of another customer matches.';
        for (const k of others) {
          results.append(el('li', { 'data-testid': 'contact-link-result' },
            el('span', {}, `${k.name}${k.email ? ` <${k.email}>` : ''} — ${k.customer_name}`), ' ',
            el('button', { type: 'button', class: 'button small', 'aria-label': `Move ${k.name} to this customer`, onclick: () => move(k) }, 'Move here')));
        }
      } catch (e) { info.textContent = e.message; }
    }, 200);
    q.addEventListener('input', find);
    async function move(k) {
      try {
        const cur = await api('GET', `/api/v1/customers/${k.customer_id}/contacts/${k.id}`);
        await api('PATCH', `/api/v1/customers/${k.customer_id}/contacts/${k.id}`, { customer_id: hub.id }, { ifMatch: cur.data.version });
        q.value = '';
        clear(results);
        info.textContent = `${k.name} now belongs to this customer.`;
        await changed();
      } catch (e) { info.textContent = e.message; }
    }
    return el('details', { class: 'add-location' }, el('summary', {}, 'Link an existing contact'),
      el('div', { class: 'field' }, el('label', { for: 'contact-link-q' }, 'Find a contact of another customer by name or email'), q),
      results, info);
  }

  return () => { alive = false; };
}
