// Overview tab (H4): cards from the summary, then the customer's fields,
// custom fields and notes, edited inline.  Custom-field definitions and
// ranks are read after the first paint: the summary alone paints it.
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';
import { CORE_GROUPS, NOTES, countryName, editable, label } from '/js/hub/fields.js';

export function render(panel, hub) {
  const cards = el('div', { class: 'cards', 'data-testid': 'overview-cards' });
  const fieldsBox = el('div');
  const customBox = el('div');
  const notesBox = el('div');
  panel.append(el('h2', { class: 'visually-hidden' }, 'Overview'), cards,
    el('div', { class: 'hub-grid' },
      el('div', { class: 'hub-col' }, section('Details', 'overview', fieldsBox)),
      el('div', { class: 'hub-col' }, section('Custom fields', 'custom-fields', customBox), section('Notes', 'notes', notesBox))));
  paint();
  let alive = true;
  Promise.all([
    hub.defs ? null : api('GET', '/api/v1/custom-fields'),
    hub.ranks ? null : api('GET', '/api/v1/settings/ranks'),
  ]).then(([defs, ranks]) => {
    if (defs) hub.defs = defs.data;
    if (ranks) hub.ranks = ranks.data;
    // Only the custom fields wait for these: a core field being edited
    // meanwhile keeps its editor.
    if (alive) paintCustom();
  }).catch((e) => { if (alive && e.status !== 401) clear(customBox).append(el('p', { class: 'error' }, e.message)); });

  function paint() {
    paintCards(cards, hub.summary);
    paintFields();
  }

  function saved(customer, name) {
    hub.customer = customer;
    hub.summary.customer = customer;
    paintFields();
    hub.main.querySelector(`[data-testid="field-${CSS.escape(name)}"]`)?.focus();
    hub.refresh().then(() => { if (alive) paintCards(cards, hub.summary); }).catch(() => {});
  }

  function paintFields() {
    const c = hub.customer;
    clear(fieldsBox).append(...CORE_GROUPS.map(([title, specs]) =>
      el('div', { class: 'group' },
        el('div', { class: 'group-head' }, el('h3', {}, title), title === 'Address' ? mapLink(c) : null),
        el('dl', { class: 'fields' }, specs.map((spec) => editable(hub, spec, saved))))));
    paintCustom();
    clear(notesBox).append(el('dl', { class: 'fields single' }, editable(hub, NOTES, saved)));
  }

  function paintCustom() {
    if (!hub.defs) clear(customBox).append(el('p', { class: 'muted' }, 'Loading…'));
    else {
      clear(customBox).append(hub.defs.length
        ? el('dl', { class: 'fields' }, hub.defs.map((d) => editable(hub, {
          name: `custom.${d.key}`, key: d.key, type: d.type === 'number' ? 'number' : d.type,
          label: label(hub, `custom.${d.key}`), custom: true,
        }, saved)))
        : el('p', { class: 'muted' }, 'No custom fields are defined. An admin adds them under Settings.'));
    }
  }

  return () => { alive = false; };
}

// H4 cards; each says what it is when there is nothing yet.
function paintCards(box, s) {
  const o = s.overview ?? {};
  const money = (o.value ?? []).map((v) => `${fmtMoney(v.invoiced_minor, v.currency)} invoiced · ${fmtMoney(v.open_minor, v.currency)} open`);
  const breakdown = (obj) => Object.entries(obj ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`);
  clear(box).append(
    card('Account manager', 'account-manager', o.account_manager?.name ?? 'None assigned'),
    card('Open tickets', 'open-tickets', String(o.open_tickets ?? 0)),
    card('Contract', 'contract', o.contract ? `${o.contract.name} (${o.contract.status})` : 'No default contract'),
    card('Customer value', 'value', money.length ? money : 'Nothing invoiced yet'),
    card('Projects', 'projects', o.projects ? `${o.projects.open ?? 0} open · ${o.projects.overdue ?? 0} overdue` : 'No projects'),
    card('Assets', 'assets', breakdown(o.assets_by_status).length ? breakdown(o.assets_by_status) : 'No assets'),
    card('Sites', 'sites', breakdown(o.sites_by_status).length ? breakdown(o.sites_by_status) : 'No sites'));
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
