// The customer hub (H1): one page per customer that keeps its header while
// tabs, one per area, each with its own URL (/customers/{id}/{tab}), load
// their lists only when opened.  The header, the tab counts and the
// overview paint from one request: GET …/summary (H3, H4).
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';
import { currentUser } from '/app.js';
import { paintHeader } from '/js/hub/header.js';
import { myLayout, editMyLayout } from '/js/layout.js';

// slug, label, what the count in the bar shows, module that paints it,
// and sections other modules add below it.
export const TABS = [
  ['overview', 'Overview', null, '/js/hub/overview.js'],
  ['contacts', 'Contacts', (n) => n.contacts, '/js/hub/contacts.js', ['/js/hub/domains.js']],
  ['tickets', 'Tickets', (n, s) => s.overview?.open_tickets, '/js/hub/tickets.js'],
  ['devices', 'Devices', (n) => n.devices, '/js/hub/devices.js'],
  ['assets', 'Assets', (n) => n.assets, '/js/hub/records.js'],
  ['locations', 'Locations', (n) => n.locations, '/js/hub/locations.js'],
  ['contracts', 'Contracts & invoices', (n) => (n.contracts ?? 0) + (n.invoices ?? 0), '/js/hub/records.js'],
  ['projects', 'Projects', (n) => n.projects, '/js/hub/records.js'],
  ['timeline', 'Timeline', null, '/js/hub/timeline.js'],
  ['audit', 'Audit', null, '/js/hub/timeline.js'],
];

// Areas other tools feed (RMM devices, PSA contracts and projects): with
// nothing in them they wait under "More" instead of showing an empty page
// (H5), until they hold something or an integration of their kind
// (issue 10) fills them.
const QUIET_WHEN_EMPTY = new Set(['devices', 'assets', 'contracts', 'projects']);

export function renderHub(main, id, slug = 'overview') {
  document.title = 'Customer · msphub';
  const role = currentUser()?.role;
  const hub = {
    id, main, summary: null, customer: null, alive: true,
    // The API refuses these too (403); the UI just does not offer them.
    canWrite: role !== 'read_only', isAdmin: role === 'admin',
    notice: el('div', { class: 'notice', role: 'alert', hidden: true, 'data-testid': 'hub-notice' }),
    refresh, showNotice,
    // Once custom field definitions arrive, pinned custom fields become
    // editable; an editor open in the header is left alone.
    definitionsLoaded: () => { if (!headerBox.querySelector('.edit-row')) paintHeader(headerBox, hub); },
  };
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading…');
  const headerBox = el('div');
  const bar = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Customer sections', 'data-testid': 'hub-tabs' });
  const panel = el('section', { class: 'tab-panel', role: 'tabpanel', tabindex: '0', 'data-testid': 'tab-panel' });
  // Tabs the layout hides (H6), a click away; and the layout editor.
  const more = el('details', { class: 'more-tabs', 'data-testid': 'more-tabs' });
  let current = null;
  let cleanup = null;
  main.append(status);

  Promise.all([
    api('GET', `/api/v1/customers/${id}/summary`),
    myLayout().catch(() => null),
  ]).then(([res, layout]) => {
    if (!hub.alive) return;
    hub.layout = layout?.layout ?? null;
    setSummary(res.data);
    status.remove();
    main.append(headerBox, hub.notice, el('nav', { class: 'tabs-nav', 'aria-label': 'Customer' }, bar, more), panel);
    paintBar();
    open(TABS.some(([s]) => s === slug) ? slug : 'overview', false);
    if (document.activeElement === document.body) main.focus({ preventScroll: true });
  }).catch((e) => {
    if (!hub.alive || e.status === 401) return;
    status.textContent = e.status === 404 ? 'This customer does not exist.' : e.message;
    status.className = e.status === 404 ? '' : 'error';
    if (e.status === 404) main.prepend(el('h1', {}, 'Customer not found'));
  });

  function setSummary(s) {
    hub.summary = s;
    hub.customer = s.customer;
    document.title = `${s.customer.name} · msphub`;
    paintHeader(headerBox, hub);
  }

  // After a write: the header, counts and badges again, from one request.
  async function refresh() {
    const res = await api('GET', `/api/v1/customers/${id}/summary`);
    if (!hub.alive) return;
    setSummary(res.data);
    paintBar();
  }

  function showNotice(text) {
    hub.notice.textContent = text;
    hub.notice.hidden = !text;
  }

  // The layout's tabs in its order; the open tab shows even if hidden.
  function shownTabs() {
    const listed = hub.layout ? hub.layout.tabs.map((s) => TABS.find(([x]) => x === s)).filter(Boolean) : TABS;
    const order = listed.filter(([s, , count]) => !QUIET_WHEN_EMPTY.has(s)
      || (count(hub.summary.counts, hub.summary) ?? 0) > 0);
    if (current && !order.some(([s]) => s === current)) order.push(TABS.find(([s]) => s === current));
    return order;
  }

  function paintMore(shown) {
    const hidden = TABS.filter((t) => !shown.includes(t));
    const arrange = el('button', {
      type: 'button', class: 'button small', 'data-testid': 'arrange-tabs',
      onclick: () => { more.open = false; editMyLayout((now) => { hub.layout = now.layout; reopen(); }); },
    }, 'Arrange tabs and cards…');
    more.replaceChildren(el('summary', { class: 'tab', 'data-testid': 'more-tabs-toggle' }, hidden.length ? `More (${hidden.length})` : 'More'),
      el('div', { class: 'menu' },
        hidden.map(([s, label]) => el('a', {
          href: `/customers/${id}/${s}`, 'data-testid': `more-tab-${s}`,
          onclick: (e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            more.open = false;
            open(s, true);
          },
        }, label)),
        arrange));
  }

  function reopen() {
    const s = current;
    current = null;
    open(s, false);
  }

  // WAI-ARIA tabs: one tab in the tab order, arrows move, Home/End jump.
  function paintBar() {
    const focused = bar.contains(document.activeElement) ? document.activeElement.dataset.tab : null;
    const shown = shownTabs();
    paintMore(shown);
    clear(bar).append(...shown.map(([s, label, count]) => {
      const n = count ? count(hub.summary.counts, hub.summary) ?? 0 : null;
      return el('a', {
        href: `/customers/${id}/${s}`, role: 'tab', id: `tab-${s}`, class: 'tab', 'data-tab': s,
        'data-testid': `tab-${s}`, 'aria-selected': s === current ? 'true' : 'false',
        'aria-controls': 'hub-panel', tabindex: s === current ? '0' : '-1',
        onclick: (e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          open(s, true);
        },
      }, label, n === null ? null : el('span', { class: 'count', 'data-testid': `tab-count-${s}` }, String(n)));
    }));
    if (focused) bar.querySelector(`[data-tab="${focused}"]`)?.focus();
  }

  bar.addEventListener('keydown', (e) => {
    const tabs = [...bar.querySelectorAll('[role="tab"]')];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const t = tabs[(to + tabs.length) % tabs.length];
    open(t.dataset.tab, true);
    bar.querySelector(`[data-tab="${t.dataset.tab}"]`).focus();
  });

  async function open(s, push) {
    if (s === current) return;
    current = s;
    if (push) history.pushState(null, '', s === 'overview' ? `/customers/${id}` : `/customers/${id}/${s}`);
    if (typeof cleanup === 'function') cleanup();
    cleanup = null;
    paintBar();
    const tab = TABS.find(([x]) => x === s);
    panel.id = 'hub-panel';
    panel.setAttribute('aria-labelledby', `tab-${s}`);
    panel.dataset.tab = s;
    clear(panel).append(el('p', { class: 'muted', role: 'status' }, 'Loading…'));
    const mods = await Promise.all([tab[3], ...(tab[4] ?? [])].map((m) => import(m)));
    if (!hub.alive || current !== s) return;
    clear(panel);
    const ends = mods.map((mod) => mod.render(panel, hub, s));
    cleanup = () => ends.forEach((end) => typeof end === 'function' && end());
  }

  return () => {
    hub.alive = false;
    if (typeof cleanup === 'function') cleanup();
  };
}
