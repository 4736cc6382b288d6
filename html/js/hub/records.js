// Assets (D4-D6), Contracts & invoices (B1, B2) and Projects (B4) tabs:
// one list frame each over the {"data": […], "next"} lists, with search,
// a status filter, keyset "Load more", and per list: lifecycle badges
// and group_by (assets), CSV import / export (owned assets), derived
// status and hours (contracts), money and the send / pay verbs
// (invoices).  A list whose summary count is 0 shows its empty state
// without a request.
import { api, query } from '/js/api.js';
import { el, clear, debounce } from '/js/dom.js';
import { modal } from '/js/dialog.js';
import { csvImport } from '/js/hub/csv.js';

const text = (k) => (r) => r[k] ?? '';
const day = (k) => (r) => (r[k] ? new Date(`${r[k]}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '');
const status = (r) => el('span', { class: `badge status status-${r.status}`, 'data-testid': 'status-badge' }, r.status.replace(/_/g, ' '));

// Money is integer minor units plus an ISO currency: the currency says
// how many minor digits there are (JPY none, EUR two).
function digits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}
export function money(minor, currency) {
  if (minor === null || minor === undefined || !currency) return '';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits(currency));
}

// Minutes as hours; null (no hours included) shows a dash.
const hours = (k) => (r) => (r[k] === null || r[k] === undefined ? '—' : `${(r[k] / 60).toFixed(1).replace(/\.0$/, '')} h`);

// D6: indicators computed by the API from data: key, text.
const LIFECYCLE = [
  ['warranty_expired', 'Warranty expired'],
  ['os_end_of_life', 'OS end of life'],
  ['too_old', 'Too old'],
];
const lifecycle = (r) => LIFECYCLE.filter(([k]) => r[k])
  .map(([k, t]) => el('span', { class: 'badge lifecycle', 'data-testid': `lifecycle-${k}` }, t));

const ASSET_STATUSES = ['in_use', 'in_stock', 'purchased', 'damaged', 'retired'];
const ASSET_GROUPS = [['', 'No grouping'], ['type', 'Type'], ['folder', 'Folder'], ['contact', 'Contact'], ['status', 'Status']];

// One list: title, path under the customer, count key, columns, filters
// (name → [label, options]), empty-state text, and optionally row verbs
// (actions), a group_by choice (groups) and CSV import / export (csv).
const LISTS = {
  assets: [{
    title: 'Assets it owns', path: 'assets', params: { scope: 'owned' }, count: 'assets', groups: ASSET_GROUPS, csv: true,
    columns: [['Name', text('name')], ['Type', text('type')], ['Status', status], ['Purchased', day('purchase_date')],
      ['Warranty until', day('warranty_expiry')], ['Lifecycle', lifecycle], ['Location', text('location_name')]],
    filters: { status: ['Status', ASSET_STATUSES] },
    empty: 'This customer owns no assets yet. Add the hardware it buys or leases with “Import from CSV” below to track status and warranty.',
  }, {
    title: 'Assets at its locations', path: 'assets', params: { scope: 'located' }, count: 'assets_located', groups: ASSET_GROUPS,
    // The owner's name links to the owner's hub.
    columns: [['Name', text('name')], ['Owner', (r) => (r.customer_id === r.location_customer_id ? 'This customer'
      : el('a', { href: `/customers/${r.customer_id}/assets`, 'data-link': '' }, r.owner_name ?? `Customer #${r.customer_id}`))],
    ['Status', status], ['Lifecycle', lifecycle], ['Location', text('location_name')]],
    filters: { status: ['Status', ASSET_STATUSES] },
    empty: 'No assets are at this customer’s locations. Assets placed here by another owner (rentals, repairs) show up here.',
  }],
  contracts: [{
    title: 'Contracts', path: 'contracts', count: 'contracts',
    columns: [['Name', (r) => [r.name, r.is_default ? el('span', { class: 'badge primary', 'data-testid': 'contract-default' }, 'Default') : null]],
      ['Type', text('type')], ['Status', status], ['Starts', day('start_date')], ['Ends', (r) => (r.end_date ? day('end_date')(r) : 'Open-ended')],
      ['Included', hours('included_minutes')], ['Consumed', hours('consumed_minutes')], ['Remaining', hours('remaining_minutes')],
      ['Overage', (r) => (r.overage_minutes > 0 ? el('span', { class: 'badge warn' }, hours('overage_minutes')(r)) : hours('overage_minutes')(r))]],
    filters: { status: ['Status', ['active', 'upcoming', 'expired']], type: ['Type', ['standard', 'block', 'monitoring', 'project']] },
    empty: 'No contracts yet. Add the customer’s service agreement to track its hours and SLA.',
  }, {
    title: 'Invoices', path: 'invoices', count: 'invoices', searchLabel: 'Search by number or batch',
    columns: [['Number', text('number')], ['Batch', text('batch_name')], ['Status', status], ['Issued', day('issue_date')],
      ['Due', day('due_date')], ['Total', (r) => money(r.total_minor, r.currency)], ['Open', (r) => money(r.open_minor, r.currency)]],
    filters: { status: ['Status', ['draft', 'sent', 'paid', 'overdue']] },
    actions: invoiceActions,
    empty: 'No invoices yet. Invoices created in billing for this customer are listed here.',
  }],
  projects: [{
    title: 'Projects', path: 'projects', count: 'projects',
    columns: [['Name', text('name')], ['Status', (r) => [status(r), r.overdue ? el('span', { class: 'badge warn' }, 'overdue') : null]],
      ['Starts', day('start_date')], ['Due', day('due_date')], ['Progress', (r) => `${r.progress} %`],
      ['Value', (r) => money(r.value_minor, r.currency)]],
    filters: { status: ['Status', ['upcoming', 'active', 'past']] },
    empty: 'No projects yet. Add a project to track its dates and value.',
  }],
};

export function render(panel, hub, slug) {
  const stops = LISTS[slug].map((spec, i) => list(panel, hub, spec, `${slug}-${i}`));
  return () => stops.forEach((s) => s());
}

// B2: a draft is sent; a sent or overdue invoice takes a payment.
function invoiceActions(r, hub, reload) {
  const path = `/api/v1/customers/${hub.id}/invoices/${r.id}`;
  if (r.status === 'draft') {
    return el('button', {
      type: 'button', class: 'button small', 'data-testid': 'invoice-send', 'aria-label': `Send invoice ${r.number}`,
      onclick: async () => {
        try { await api('POST', `${path}/send`); await reload(); } catch (e) { hub.showNotice(e.message); }
      },
    }, 'Send');
  }
  if (r.status !== 'sent' && r.status !== 'overdue') return null;
  return el('button', {
    type: 'button', class: 'button small', 'data-testid': 'invoice-pay', 'aria-label': `Record payment on invoice ${r.number}`,
    onclick: () => payDialog(r, path, reload),
  }, 'Record payment');
}

function payDialog(r, path, reload) {
  const scale = 10 ** digits(r.currency);
  const amount = el('input', {
    id: 'invoice-pay-amount', type: 'number', min: String(1 / scale), step: String(1 / scale), inputmode: 'decimal',
    value: (r.open_minor / scale).toFixed(digits(r.currency)), 'data-testid': 'invoice-pay-amount',
  });
  const ctl = modal({
    title: `Payment on invoice ${r.number}`, testid: 'invoice-pay-dialog',
    body: [el('p', {}, `Open: ${money(r.open_minor, r.currency)}`),
      el('div', { class: 'field' }, el('label', { for: 'invoice-pay-amount' }, `Amount (${r.currency})`), amount)],
    buttons: [el('button', { type: 'submit', class: 'button primary', 'data-testid': 'invoice-pay-save' }, 'Record payment')],
    onsubmit: async (e) => {
      e.preventDefault();
      const minor = Math.round(Number(amount.value) * scale);
      if (!Number.isFinite(minor) || minor < 1) { ctl.showError('Enter an amount.'); return; }
      try {
        await api('POST', `${path}/pay`, { amount_minor: minor });
        ctl.close();
        await reload();
      } catch (err) { ctl.showError(err.message, err.field); }
    },
  });
}

function list(panel, hub, spec, key) {
  let alive = true;
  let cursor = null;
  const id = (x) => `${key}-${x}`;
  const base = `/api/v1/customers/${hub.id}/${spec.path}`;
  const testKey = `${spec.path}${spec.params?.scope ? `-${spec.params.scope}` : ''}`;
  const search = el('input', { id: id('q'), type: 'search', 'data-testid': `${testKey}-search`, autocomplete: 'off' });
  const filters = Object.entries(spec.filters).map(([name, [, options]]) => [name,
    el('select', { id: id(name), 'data-testid': `${testKey}-filter-${name}` },
      el('option', { value: '' }, 'Any'), options.map((o) => el('option', { value: o }, o.replace(/_/g, ' '))))]);
  const groupBy = spec.groups ? el('select', { id: id('group'), 'data-testid': `${testKey}-group` },
    spec.groups.map(([v, t]) => el('option', { value: v }, t))) : null;
  const withActions = Boolean(spec.actions && hub.canWrite);
  const table = el('table', { class: 'table compact', hidden: true, tabindex: '0', 'aria-label': spec.title, 'data-testid': `${testKey}-table` },
    el('thead', {}, el('tr', {}, spec.columns.map(([h]) => el('th', { scope: 'col' }, h)),
      withActions ? el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')) : null)));
  const tbody = el('tbody');
  table.append(tbody);
  const groups = el('ul', { class: 'group-list', hidden: true, 'data-testid': `${testKey}-groups` });
  const empty = el('p', { class: 'muted empty-state', 'data-testid': `empty-${testKey}` }, spec.empty);
  const more = el('button', { type: 'button', class: 'button', hidden: true, 'data-testid': `${testKey}-more` }, 'Load more');
  panel.append(el('h2', {}, spec.title),
    el('div', { class: 'toolbar' },
      el('div', { class: 'field inline grow' }, el('label', { for: id('q') }, spec.searchLabel ?? 'Search'), search),
      filters.map(([name, sel]) => el('div', { class: 'field inline' }, el('label', { for: id(name) }, spec.filters[name][0]), sel)),
      groupBy ? el('div', { class: 'field inline' }, el('label', { for: id('group') }, 'Group by'), groupBy) : null,
      spec.csv ? el('a', { class: 'button', href: `${base}/export`, download: '', 'data-testid': `${testKey}-export` }, 'Export CSV') : null),
    table, groups, empty, more, spec.csv && hub.canWrite ? csvImport({
      id: id('file'), testid: `${testKey}-import`, url: `${base}/import`, done: reload,
      hint: 'A header row names the columns, e.g. name, type, status, serial, purchase_date, warranty_expiry. Rows matching an existing asset by serial (or by name without one) update it.',
    }) : null);
  const none = () => (hub.summary.counts[spec.count] ?? 0) === 0;

  function params(after) {
    const p = { ...spec.params, q: search.value.trim(), limit: 50, after, group_by: groupBy?.value };
    for (const [name, sel] of filters) p[name] = sel.value;
    return p;
  }

  async function load(after = null) {
    if (none()) { table.hidden = true; groups.hidden = true; empty.hidden = false; empty.textContent = spec.empty; return; }
    try {
      const res = await api('GET', base + query(params(after)));
      if (!alive) return;
      if (groupBy?.value) { paintGroups(res.data); return; }
      groups.hidden = true;
      if (!after) clear(tbody);
      for (const r of res.data) {
        tbody.append(el('tr', { 'data-testid': `${spec.path}-row`, 'data-id': r.id },
          spec.columns.map(([, f]) => el('td', {}, f(r))),
          withActions ? el('td', { class: 'row-actions' }, spec.actions(r, hub, reload)) : null));
      }
      table.hidden = !tbody.children.length;
      empty.hidden = !table.hidden;
      if (table.hidden) empty.textContent = 'Nothing matches this search.';
      cursor = res.next ?? null;
      more.hidden = !cursor;
    } catch (e) {
      if (alive && e.status !== 401) { empty.textContent = e.message; empty.hidden = false; }
    }
  }

  // group_by answers [{key, label, count}] instead of a page.
  function paintGroups(data) {
    table.hidden = true;
    more.hidden = true;
    clear(groups).append(...data.map((g) => el('li', { 'data-testid': `${testKey}-group-row` },
      el('span', {}, g.label ?? g.key ?? 'None'), el('span', { class: 'count' }, String(g.count)))));
    groups.hidden = !data.length;
    empty.hidden = data.length > 0;
    if (!data.length) empty.textContent = 'Nothing matches this search.';
  }

  // After a verb: the list and the header (badges, counts) again.
  async function reload() {
    await hub.refresh();
    await load();
  }

  search.addEventListener('input', debounce(() => load(), 200));
  for (const [, sel] of filters) sel.addEventListener('change', () => load());
  groupBy?.addEventListener('change', () => load());
  more.addEventListener('click', () => load(cursor));
  load();
  return () => { alive = false; };
}
