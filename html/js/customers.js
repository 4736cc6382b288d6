// The customer list (C2): search, filters and sort live in the URL query.
import { api, query } from '/js/api.js';
import { el, clear, debounce } from '/js/dom.js';
import { modal } from '/js/dialog.js';
import { navigate, currentUser } from '/app.js';

const RANKS = ['A', 'B', 'C', 'D'];
const PAGE = 50;
// The API's orders; "-" reverses one.
const SORTS = [['name', 'Name A–Z'], ['-name', 'Name Z–A'], ['-created', 'Newest first'], ['created', 'Oldest first'],
  ['rank', 'Rank, best first'], ['-rank', 'Rank, unranked first']];
// Sortable columns: the header's text and the order it sorts by.
const SORTABLE = { Name: 'name', Rank: 'rank', Created: 'created' };

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') ?? '',
    rank: p.get('rank') ?? '',
    status: ['active', 'archived', 'all'].includes(p.get('status')) ? p.get('status') : 'active',
    sort: SORTS.some(([v]) => v === p.get('sort')) ? p.get('sort') : 'name',
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

  const change = (key) => (e) => setState(key, e.target.value);
  function setState(key, value) {
    s[key] = value;
    history.pushState(null, '', urlFor(s));
    paintHead();
    load();
  }

  const tbody = el('tbody');
  const status = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const total = el('p', { class: 'muted total', 'data-testid': 'customer-total' });
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': 'load-more' }, 'Load more');
  const headRow = el('tr');
  const table = el('table', { class: 'table', 'data-testid': 'customer-table' }, el('thead', {}, headRow), tbody);
  const sortSelect = select('filter-sort', 'Sort by', s.sort, SORTS, change('sort'), 'filter-sort');

  // Name, Rank and Created sort when their header is clicked; again reverses.
  function paintHead() {
    const key = s.sort.replace(/^-/, '');
    const desc = s.sort.startsWith('-');
    sortSelect.querySelector('select').value = s.sort;
    clear(headRow).append(...[['Name'], ['Rank'], ['Locations', 'num'], ['Assets on location', 'num'],
      ['Assets owned', 'num'], ['Open tickets', 'num'], ['Created']].map(([text, cls]) => {
      const by = SORTABLE[text];
      if (!by) return el('th', { scope: 'col', class: cls ?? null }, text);
      const on = key === by;
      return el('th', { scope: 'col', class: cls ?? null, 'aria-sort': on ? (desc ? 'descending' : 'ascending') : null },
        el('button', {
          type: 'button', class: 'sort', 'data-testid': `sort-${by}`,
          onclick: () => setState('sort', on && !desc ? `-${by}` : by),
        }, text, el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, on ? (desc ? ' ▼' : ' ▲') : '')));
    }));
  }
  paintHead();

  main.append(
    el('div', { class: 'page-head' },
      el('h1', {}, 'Customers'),
      currentUser()?.role === 'read_only' ? null
        : el('button', { type: 'button', class: 'button primary', 'data-testid': 'new-customer', onclick: () => newCustomerDialog() }, 'New customer')),
    el('div', { class: 'toolbar', role: 'search' },
      el('div', { class: 'field inline grow' }, el('label', { for: 'customer-search' }, 'Search'), search),
      select('filter-rank', 'Rank', s.rank, [['', 'Any'], ...RANKS.map((r) => [r, r])], change('rank'), 'filter-rank'),
      select('filter-status', 'Status', s.status, [['active', 'Active'], ['archived', 'Archived'], ['all', 'All']], change('status'), 'filter-status'),
      sortSelect),
    total, table, status, more);

  // What is shown, kept in this history entry: Back from a hub shows the
  // same rows at the same scroll position without asking again.
  const shown = { rows: [], cursor: null, total: null };
  more.addEventListener('click', () => load(shown.cursor));
  let alive = true;
  const remember = () => {
    if (alive) history.replaceState({ list: { ...shown, search: location.search, scroll: window.scrollY } }, '');
  };
  const onScroll = debounce(remember, 150);
  // Opening a customer keeps the position exactly, before the page changes.
  tbody.addEventListener('click', remember);

  function paint(rows, append) {
    if (!append) clear(tbody);
    const first = rows.length ? row(rows[0]) : null;
    if (first) tbody.append(first, ...rows.slice(1).map(row));
    more.hidden = !shown.cursor;
    const empty = tbody.children.length === 0;
    table.hidden = empty;
    total.textContent = shown.total === null || empty ? '' : `${shown.total} customer${shown.total === 1 ? '' : 's'}`;
    status.textContent = empty
      ? (s.q || s.rank || s.status !== 'active' ? 'No customers match these filters.' : 'No customers yet. Create the first one with “New customer”.')
      : '';
    return first;
  }

  async function load(after = null) {
    const mine = ++generation;
    more.disabled = true;
    status.textContent = 'Loading…';
    try {
      const res = await api('GET', '/api/v1/customers' + query({
        q: s.q.trim(), rank: s.rank, status: s.status, sort: s.sort, limit: PAGE, after,
      }));
      if (mine !== generation) return; // a newer search won
      shown.rows = after ? [...shown.rows, ...res.data] : res.data;
      shown.cursor = res.next ?? null;
      if (!after) shown.total = res.total ?? null;
      const first = paint(res.data, Boolean(after));
      // After "Load more", focus goes to the first new row.
      if (after) first?.querySelector('a')?.focus();
      remember();
    } catch (e) {
      if (mine === generation) status.textContent = e.message;
    } finally {
      more.disabled = false;
    }
  }

  const saved = history.state?.list;
  if (saved && saved.search === location.search) {
    Object.assign(shown, { rows: saved.rows, cursor: saved.cursor, total: saved.total });
    paint(shown.rows, false);
    requestAnimationFrame(() => window.scrollTo(0, saved.scroll ?? 0));
  } else {
    load();
    search.focus();
  }
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => { alive = false; window.removeEventListener('scroll', onScroll); };
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
