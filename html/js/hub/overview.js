// Overview tab (H4): cards from the summary, then the customer's fields,
// custom fields and notes, edited inline.  Custom-field definitions and
// ranks are read after the first paint: the summary alone paints it.
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';
import { CORE_GROUPS, countryName, customSpec, editable, isEmpty } from '/js/hub/fields.js';

export function render(panel, hub) {
  const cards = el('div', { class: 'cards', 'data-testid': 'overview-cards' });
  const fieldsBox = el('div');
  const customBox = el('div');
  // Empty fields the technician chose to fill ("Add a field").
  const opened = new Set();
  panel.append(el('h2', { class: 'visually-hidden' }, 'Overview'), cards,
    el('div', { class: 'hub-grid' },
      el('div', { class: 'hub-col' }, section('Details', 'overview', fieldsBox)),
      el('div', { class: 'hub-col' }, section('Custom fields', 'custom-fields', customBox))));
  paint();
  let alive = true;
  Promise.all([
    hub.defs ? null : api('GET', '/api/v1/custom-fields'),
    hub.ranks ? null : api('GET', '/api/v1/settings/ranks'),
  ]).then(([defs, ranks]) => {
    if (defs) hub.defs = defs.data;
    if (ranks) hub.ranks = ranks.data;
    if (defs && (hub.summary.pinned ?? []).some((n) => n.startsWith('custom.'))) hub.definitionsLoaded();
    // Only the custom fields wait for these: a core field being edited
    // meanwhile keeps its editor.
    if (alive) paintCustom();
  }).catch((e) => { if (alive && e.status !== 401) clear(customBox).append(el('p', { class: 'error' }, e.message)); });

  function paint() {
    paintCards(cards, hub.summary, hub.layout?.sections);
    paintFields();
  }

  function saved(customer, name) {
    hub.customer = customer;
    hub.summary.customer = customer;
    paintFields();
    hub.main.querySelector(`[data-testid="field-${CSS.escape(name)}"]`)?.focus();
    hub.refresh().then(() => { if (alive) paintCards(cards, hub.summary, hub.layout?.sections); }).catch(() => {});
  }

  // Pinned fields live in the header and empty ones behind "Add a
  // field": nothing shows twice, nothing shows "Not set" (issue 11).
  function shown(spec) {
    return !(hub.summary.pinned ?? []).includes(spec.name) && (!isEmpty(hub, spec) || opened.has(spec.name));
  }
  function hidden(spec) {
    return !(hub.summary.pinned ?? []).includes(spec.name) && !shown(spec);
  }

  function paintFields() {
    const c = hub.customer;
    const groups = CORE_GROUPS.map(([title, specs]) => [title, specs.filter(shown)]).filter(([, specs]) => specs.length);
    clear(fieldsBox).append(...groups.map(([title, specs]) =>
      el('div', { class: 'group' },
        el('div', { class: 'group-head' }, el('h3', {}, title), title === 'Address' ? mapLink(c) : null),
        el('dl', { class: 'fields' }, specs.map((spec) => editable(hub, spec, saved))))),
    groups.length ? '' : el('p', { class: 'muted', 'data-testid': 'details-empty' }, 'No details yet.'),
    hub.canWrite ? addField('core', CORE_GROUPS.map(([title, specs]) => [title, specs.filter(hidden)]), fieldsBox) : '');
    paintCustom();
  }

  function paintCustom() {
    if (!hub.defs) { clear(customBox).append(el('p', { class: 'muted' }, 'Loading…')); return; }
    if (!hub.defs.length) {
      clear(customBox).append(el('p', { class: 'muted' }, 'No custom fields are defined. An admin adds them under Settings.'));
      return;
    }
    const specs = hub.defs.map((d) => customSpec(hub, d));
    const visible = specs.filter(shown);
    clear(customBox).append(visible.length
      ? el('dl', { class: 'fields' }, visible.map((spec) => editable(hub, spec, saved)))
      : el('p', { class: 'muted', 'data-testid': 'custom-empty' }, 'No custom field is filled in yet.'),
    hub.canWrite ? addField('custom', [['Custom fields', specs.filter(hidden)]], customBox) : '');
  }

  // A select of the empty fields; choosing one opens its editor.
  function addField(which, groups, box) {
    const offered = groups.filter(([, specs]) => specs.length);
    if (!offered.length) return '';
    const id = `add-field-${which}`;
    const select = el('select', { id, class: 'input', 'data-testid': id },
      el('option', { value: '' }, 'Choose a field…'),
      offered.map(([title, specs]) => el('optgroup', { label: title },
        specs.map((spec) => el('option', { value: spec.name }, spec.label)))));
    select.addEventListener('change', () => {
      const name = select.value;
      if (!name) return;
      opened.add(name);
      paintFields();
      box.querySelector(`[data-testid="field-${CSS.escape(name)}"]`)?.click();
    });
    return el('div', { class: 'field inline add-field' }, el('label', { for: id }, 'Add a field'), select);
  }

  return () => { alive = false; };
}

// H4 cards; each says what it is when there is nothing yet.
// The cards the layout shows (H6), in its order; all without one.
function paintCards(box, s, order) {
  const o = s.overview ?? {};
  const money = (o.value ?? []).map((v) => `${fmtMoney(v.invoiced_minor, v.currency)} invoiced · ${fmtMoney(v.open_minor, v.currency)} open`);
  const p = o.projects ?? {};
  const breakdown = (obj) => Object.entries(obj ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`);
  const cards = {
    account_manager: () => card('Account manager', 'account-manager', o.account_manager?.name ?? 'None assigned'),
    open_tickets: () => card('Open tickets', 'open-tickets', String(o.open_tickets ?? 0)),
    contract: () => card('Contract', 'contract', o.contract ? `${o.contract.name} (${o.contract.status})` : 'No default contract'),
    value: () => card('Customer value', 'value', money.length ? money : 'Nothing invoiced yet'),
    projects: () => card('Projects', 'projects', `${p.active ?? 0} active · ${p.upcoming ?? 0} upcoming · ${p.overdue ?? 0} overdue`),
    assets: () => card('Assets', 'assets', breakdown(o.assets_by_status).length ? breakdown(o.assets_by_status) : 'No assets'),
    sites: () => card('Sites', 'sites', breakdown(o.sites_by_status).length ? breakdown(o.sites_by_status) : 'No sites'),
  };
  // Cards other tools feed say nothing until they hold something (H5).
  const empty = { value: !money.length, projects: !(p.active || p.upcoming || p.overdue),
    assets: !breakdown(o.assets_by_status).length };
  clear(box).append(...(order ?? Object.keys(cards)).filter((k) => cards[k] && !empty[k]).map((k) => cards[k]()));
  box.hidden = box.children.length === 0;
}

function card(title, id, lines) {
  return el('div', { class: 'stat card', 'data-testid': `card-${id}` },
    el('h3', {}, title),
    [lines].flat().map((l) => el('p', { class: 'stat-line' }, l)));
}

function fmtMoney(minor, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format((minor ?? 0) / 100);
  } catch { return `${((minor ?? 0) / 100).toFixed(2)} ${currency}`; }
}

export function section(title, id, ...content) {
  return el('section', { class: 'card', 'aria-labelledby': `${id}-title`, 'data-testid': `section-${id}` },
    el('h2', { id: `${id}-title` }, title), ...content);
}

function mapLink(c) {
  const address = [c.address_line1, c.address_line2, [c.postal_code, c.city].filter(Boolean).join(' '), c.region, c.country && countryName(c.country)]
    .filter(Boolean).join(', ');
  if (!address) return null;
  return el('a', {
    class: 'map-link', href: `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`,
    target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'map-link',
  }, 'Show on map');
}
