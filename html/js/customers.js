// The customer list (C2): search, filters and sort live in the URL query.
import { api, query } from '/js/api.js';
import { el, clear, debounce } from '/js/dom.js';
import { modal } from '/js/dialog.js';
import { navigate, currentUser } from '/app.js';

const RANKS = ['A', 'B', 'C', 'D'];
const PAGE = 50;

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') ?? '',
    rank: p.get('rank') ?? '',
    status: ['active', 'archived', 'all'].includes(p.get('status')) ? p.get('status') : 'active',
    sort: ['name', 'created', 'rank'].includes(p.get('sort')) ? p.get('sort') : 'name',
  };
}

function urlFor(s) {
  return '/customers' + query({
    q: s.q.trim(), rank: s.rank,
    status: s.status === 'active' ? '' : s.status,
    sort: s.sort === 'name' ? '' : s.sort,
  });
}

function select(id, label, value, options, onchange, testid) {
  return el('div', { class: 'field inline' },
    el('label', { for: id }, label),
    el('select', { id, 'data-testid': testid, onchange },
      options.map(([v, text]) => el('option', { value: v, selected: v === value }, text))));
}

export function renderCustomers(main) {
  document.title = 'Customers · msphub';
  const s = readState();
  let generation = 0;

  const search = el('input', {
    id: 'customer-search', type: 'search', value: s.q, placeholder: 'Search by name',
    autocomplete: 'off', 'data-testid': 'customer-search',
  });
  // Typing replaces the history entry; filter changes push one.
  search.addEventListener('input', debounce(() => {
    s.q = search.value;
    history.replaceState(null, '', urlFor(s));
    load();
  }, 250));

  const change = (key) => (e) => {
    s[key] = e.target.value;
    history.pushState(null, '', urlFor(s));
    load();
  };

  const tbody = el('tbody');
  const status = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'load-more' }, 'Load more');
  const table = el('table', { class: 'table', 'data-testid': 'customer-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Name'),
      el('th', { scope: 'col' }, 'Rank'),
      el('th', { scope: 'col', class: 'num' }, 'Locations'),
      el('th', { scope: 'col', class: 'num' }, 'Assets on location'),
      el('th', { scope: 'col', class: 'num' }, 'Assets owned'),
      el('th', { scope: 'col', class: 'num' }, 'Open tickets'),
      el('th', { scope: 'col' }, 'Created'))),
    tbody);

  main.append(
    el('div', { class: 'page-head' },
      el('h1', {}, 'Customers'),
      currentUser()?.role === 'read_only' ? null
        : el('button', { type: 'button', class: 'button primary', 'data-testid': 'new-customer', onclick: () => newCustomerDialog() }, 'New customer')),
    el('div', { class: 'toolbar', role: 'search' },
      el('div', { class: 'field inline grow' }, el('label', { for: 'customer-search' }, 'Search'), search),
      select('filter-rank', 'Rank', s.rank, [['', 'Any'], ...RANKS.map((r) => [r, r])], change('rank'), 'filter-rank'),
      select('filter-status', 'Status', s.status, [['active', 'Active'], ['archived', 'Archived'], ['all', 'All']], change('status'), 'filter-status'),
      select('filter-sort', 'Sort by', s.sort, [['name', 'Name'], ['created', 'Created'], ['rank', 'Rank']], change('sort'), 'filter-sort')),
    table, status, more);

  let cursor = null;
  more.addEventListener('click', () => load(cursor));

  async function load(after = null) {
    const mine = ++generation;
    more.disabled = true;
    status.textContent = 'Loading…';
    try {
      const res = await api('GET', '/api/v1/customers' + query({
        q: s.q.trim(), rank: s.rank, status: s.status, sort: s.sort, limit: PAGE, after,
      }));
      if (mine !== generation) return; // a newer search won
      if (!after) clear(tbody);
      for (const c of res.data) tbody.append(row(c));
      cursor = res.next ?? null;
      more.hidden = !cursor;
      const empty = tbody.children.length === 0;
      table.hidden = empty;
      status.textContent = empty
        ? (s.q || s.rank || s.status !== 'active' ? 'No customers match these filters.' : 'No customers yet. Create the first one with “New customer”.')
        : '';
    } catch (e) {
      if (mine === generation) status.textContent = e.message;
    } finally {
      more.disabled = false;
    }
  }

  load();
  search.focus();
}

function row(c) {
  return el('tr', { 'data-testid': 'customer-row' },
    el('td', {},
      el('a', { href: `/customers/${c.id}`, 'data-link': '' }, c.name),
      c.archived ? el('span', { class: 'badge archived', 'data-testid': 'archived-badge' }, 'Archived') : null),
    el('td', {}, c.rank ? el('span', { class: 'badge rank' }, c.rank) : el('span', { class: 'muted' }, '—')),
    el('td', { class: 'num' }, String(c.locations_count ?? 0)),
    el('td', { class: 'num', 'data-testid': 'assets-located' }, String(c.assets_located ?? 0)),
    el('td', { class: 'num', 'data-testid': 'assets-owned' }, String(c.assets_owned ?? 0)),
    el('td', { class: 'num' }, String(c.open_tickets ?? 0)),
    el('td', { class: 'muted' }, c.created_at ? new Date(c.created_at).toLocaleDateString() : ''));
}

// Asks only the name; warns once about an existing customer with the same name.
function newCustomerDialog() {
  const input = el('input', { id: 'new-customer-name', type: 'text', maxlength: '200', required: true, autocomplete: 'off', 'data-testid': 'new-customer-name' });
  const submit = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'new-customer-submit' }, 'Create customer');
  let confirmed = null; // the name the user chose to create despite a duplicate

  const ctl = modal({
    title: 'New customer',
    body: el('div', { class: 'field' }, el('label', { for: 'new-customer-name' }, 'Name'), input),
    buttons: [submit],
    testid: 'new-customer-dialog',
    onsubmit: create,
  });
  input.addEventListener('input', () => {
    confirmed = null;
    ctl.error.hidden = true;
    submit.textContent = 'Create customer';
  });
  input.focus();

  function show(text, kind) {
    ctl.showError(text);
    ctl.error.className = kind;
  }

  async function create(e) {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) { show('Enter a name.', 'error'); input.focus(); return; }
    submit.disabled = true;
    try {
      if (confirmed !== name) {
        const found = await api('GET', '/api/v1/customers' + query({ q: name, status: 'all', limit: 200 }));
        const lower = name.toLocaleLowerCase();
        const dup = found.data.find((c) => c.name.toLocaleLowerCase() === lower);
        if (dup) {
          confirmed = name;
          show(`A customer named “${dup.name}” already exists — create anyway?`, 'warning');
          submit.textContent = 'Create anyway';
          return;
        }
      }
      const res = await api('POST', '/api/v1/customers', { name });
      ctl.close();
      navigate(`/customers/${res.data.id}`);
    } catch (err) {
      show(err.message, 'error');
    } finally {
      submit.disabled = false;
    }
  }
}
