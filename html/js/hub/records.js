// Assets, Contracts & invoices and Projects tabs: one list frame
// each, written against the issue-8 API shape ({"data": […], "next"}).
// `wired` turns a list on once its API is merged (cgi/assets, cgi/billing);
// until then, and whenever the summary counts none, the tab shows its empty
// state without a request.
import { api, query } from '/js/api.js';
import { el, clear, debounce, formatDate } from '/js/dom.js';

const text = (k) => (r) => r[k] ?? '';
const date = (k) => (r) => (r[k] ? formatDate(r[k]) : '');
const money = (r) => (r.total_minor === undefined ? '' : `${(r.total_minor / 100).toFixed(2)} ${r.currency ?? ''}`);

// One list: title, path under the customer, count key, columns, filters
// (name → [label, options]), empty-state text.
const LISTS = {
  assets: [{
    title: 'Assets it owns', path: 'assets', params: { scope: 'owned' }, count: 'assets', wired: true,
    columns: [['Name', text('name')], ['Type', text('type')], ['Status', text('status')], ['Purchased', text('purchase_date')],
      ['Warranty until', text('warranty_expiry')], ['Location', text('location_name')]],
    filters: { status: ['Status', ['in_use', 'in_stock', 'purchased', 'damaged', 'retired']] },
    empty: 'This customer owns no assets yet. Add hardware it buys or leases to track status and warranty.',
  }, {
    title: 'Assets at its locations', path: 'assets', params: { scope: 'located' }, count: 'assets_located', wired: true,
    columns: [['Name', text('name')], ['Owner', (r) => `Customer #${r.customer_id}`], ['Status', text('status')],
      ['Location', text('location_name')]],
    filters: { status: ['Status', ['in_use', 'in_stock', 'purchased', 'damaged', 'retired']] },
    empty: 'No assets are at this customer’s locations. Assets placed here by another owner (rentals, repairs) show up here.',
  }],
  contracts: [{
    title: 'Contracts', path: 'contracts', count: 'contracts', wired: false,
    columns: [['Name', text('name')], ['Type', text('type')], ['Status', text('status')],
      ['Starts', text('starts_on')], ['Ends', text('ends_on')], ['Hours left', text('hours_remaining')]],
    filters: { status: ['Status', ['active', 'upcoming', 'expired']] },
    empty: 'No contracts yet. Add the customer’s service agreement to track its hours and SLA.',
  }, {
    title: 'Invoices', path: 'invoices', count: 'invoices', wired: false,
    columns: [['Number', text('number')], ['Status', text('status')], ['Due', text('due_on')], ['Total', money]],
    filters: { status: ['Status', ['draft', 'sent', 'paid', 'overdue']] },
    empty: 'No invoices yet. Invoices created in billing for this customer are listed here.',
  }],
  projects: [{
    title: 'Projects', path: 'projects', count: 'projects', wired: false,
    columns: [['Name', text('name')], ['Status', text('status')], ['Starts', text('starts_on')], ['Ends', text('ends_on')]],
    filters: { status: ['Status', ['upcoming', 'active', 'past']] },
    empty: 'No projects yet. Add a project to track its dates and value.',
  }],
};

export function render(panel, hub, slug) {
  const stops = LISTS[slug].map((spec, i) => list(panel, hub, spec, `${slug}-${i}`));
  return () => stops.forEach((s) => s());
}

function list(panel, hub, spec, key) {
  let alive = true;
  let cursor = null;
  const id = (x) => `${key}-${x}`;
  const search = el('input', { id: id('q'), type: 'search', 'data-testid': `${spec.path}-search`, autocomplete: 'off' });
  const filters = Object.entries(spec.filters).map(([name, [labelText, options]]) => [name,
    el('select', { id: id(name), 'data-testid': `${spec.path}-filter-${name}` },
      el('option', { value: '' }, 'Any'), options.map((o) => el('option', { value: o }, o.replace(/_/g, ' '))))]);
  const table = el('table', { class: 'table compact', hidden: true, tabindex: '0', 'aria-label': spec.title },
    el('thead', {}, el('tr', {}, spec.columns.map(([h]) => el('th', { scope: 'col' }, h)))));
  const tbody = el('tbody');
  table.append(tbody);
  const empty = el('p', { class: 'muted empty-state', 'data-testid': `empty-${spec.path}${spec.params?.scope ? `-${spec.params.scope}` : ''}` }, spec.empty);
  const more = el('button', { type: 'button', class: 'button', hidden: true }, 'Load more');
  panel.append(el('h2', {}, spec.title),
    el('div', { class: 'toolbar' },
      el('div', { class: 'field inline grow' }, el('label', { for: id('q') }, 'Search'), search),
      filters.map(([name, sel]) => el('div', { class: 'field inline' }, el('label', { for: id(name) }, spec.filters[name][0]), sel))),
    table, empty, more);
  const none = () => !spec.wired || (hub.summary.counts[spec.count] ?? 0) === 0;
  async function load(after = null) {
    if (none()) return;
    const params = { ...spec.params, q: search.value.trim(), limit: 50, after };
    for (const [name, sel] of filters) params[name] = sel.value;
    try {
      const res = await api('GET', `/api/v1/customers/${hub.id}/${spec.path}${query(params)}`);
      if (!alive) return;
      if (!after) clear(tbody);
      for (const r of res.data) tbody.append(el('tr', { 'data-testid': `${spec.path}-row` }, spec.columns.map(([, f]) => el('td', {}, f(r)))));
      table.hidden = !tbody.children.length;
      empty.hidden = !table.hidden;
      if (table.hidden) empty.textContent = 'Nothing matches this search.';
      cursor = res.next ?? null;
      more.hidden = !cursor;
    } catch (e) {
      if (alive && e.status !== 401) { empty.textContent = e.message; empty.hidden = false; }
    }
  }
  const reload = debounce(() => load(), 200);
  search.addEventListener('input', reload);
  for (const [, sel] of filters) sel.addEventListener('change', () => load());
  more.addEventListener('click', () => load(cursor));
  load();
  return () => { alive = false; };
}
