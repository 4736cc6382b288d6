// The hub header (H3): name, rank, badges, primary site, locations, the
// pinned fields, and the archive / delete actions.
import { api, query } from '/js/api.js';
import { el, clear, announce } from '/js/dom.js';
import { confirmDialog } from '/js/dialog.js';
import { navigate } from '/app.js';
import { NOTES, label, display, valueOf, specFor, editable, isEmpty } from '/js/hub/fields.js';

// Badges shown when their count is not zero: summary key, text, class.
const BADGES = [
  ['overdue_invoices', (n) => `${n} overdue invoice${n === 1 ? '' : 's'}`, 'warn'],
  ['expired_warranties', (n) => `${n} expired warrant${n === 1 ? 'y' : 'ies'}`, 'warn'],
];

// The header stays while tabs change, so what a technician must see
// first is here: the pinned fields (edited in place) and the notes.
export function paintHeader(box, hub) {
  const c = hub.customer;
  const b = hub.summary.badges ?? {};
  const pinned = hub.summary.pinned ?? [];
  const saved = (customer, name) => {
    hub.customer = customer;
    hub.summary.customer = customer;
    paintHeader(box, hub);
    const refocus = () => box.querySelector(`[data-testid="field-${CSS.escape(name)}"]`)?.focus();
    refocus();
    hub.refresh().then(refocus).catch(() => {});
  };
  const button = !hub.canWrite ? null : c.archived
    ? el('button', { type: 'button', class: 'button', 'data-testid': 'unarchive', onclick: () => setArchived(hub, false) }, 'Unarchive')
    : el('button', { type: 'button', class: 'button', 'data-testid': 'archive', onclick: () => setArchived(hub, true) }, 'Archive');
  const remove = hub.isAdmin
    ? el('button', { type: 'button', class: 'button danger', 'data-testid': 'delete-customer', onclick: () => deleteCustomer(hub) }, 'Delete customer')
    : null;
  // Rare and destructive: behind one "Actions" button, out of the way of
  // the fields a technician tabs through.
  const actions = button || remove
    ? el('details', { class: 'actions-menu', 'data-testid': 'hub-actions' },
      el('summary', { class: 'button', 'data-testid': 'hub-actions-toggle' }, 'Actions'),
      el('div', { class: 'menu' }, button, remove))
    : null;
  clear(box).append(el('header', { class: 'hub-header' },
    el('div', { class: 'hub-title' },
      el('p', { class: 'crumbs' }, el('a', { href: '/customers', 'data-link': '' }, 'Customers')),
      el('h1', {},
        el('span', { 'data-testid': 'hub-name' }, c.name),
        c.rank && !pinned.includes('rank') ? el('span', { class: 'badge rank', title: 'Rank', 'data-testid': 'hub-rank' }, `Rank ${c.rank}`) : null,
        c.archived ? el('span', { class: 'badge archived', 'data-testid': 'archived-badge' }, 'Archived') : null,
        BADGES.map(([key, text, cls]) => (b[key] > 0
          ? el('span', { class: `badge ${cls}`, 'data-testid': `badge-${key}` }, text(b[key])) : null))),
      el('dl', { class: 'facts' },
        fact('Primary site', c.primary_location?.name ?? 'None', 'hub-primary-site'),
        fact('Locations', String(hub.summary.counts.locations ?? c.locations_count ?? 0), 'hub-locations-count'),
        pinned.map((name) => pinnedField(hub, name, saved))),
      notes(hub, saved)),
    el('div', { class: 'hub-actions' }, actions)));
}

function pinnedField(hub, name, saved) {
  const spec = specFor(hub, name);
  if (!spec) {
    return el('div', { class: 'fact', 'data-testid': 'pinned-field', 'data-field': name },
      el('dt', {}, label(hub, name)), el('dd', {}, display(valueOf(hub, name))));
  }
  const item = editable(hub, spec, saved);
  item.classList.add('fact');
  item.dataset.testid = 'pinned-field';
  item.dataset.field = name;
  return item;
}

// Notes, often an operational warning, in the first screen of every tab.
function notes(hub, saved) {
  if (isEmpty(hub, NOTES) && !hub.canWrite) return null;
  return el('dl', { class: `hub-notes${isEmpty(hub, NOTES) ? ' empty' : ''}`, 'data-testid': 'hub-notes' },
    editable(hub, NOTES, saved));
}

// What deleting with the customer removes, in words ("1 location and 2 contacts").
function removableText(counts) {
  const parts = [['locations', 'location'], ['contacts', 'contact']]
    .filter(([key]) => counts[key] > 0)
    .map(([key, one]) => `${counts[key]} ${one}${counts[key] === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

function fact(term, value, testid) {
  return el('div', { class: 'fact', 'data-testid': testid }, el('dt', {}, term), el('dd', {}, value));
}

async function setArchived(hub, archived) {
  hub.showNotice('');
  try {
    await api('POST', `/api/v1/customers/${hub.id}/${archived ? 'archive' : 'unarchive'}`);
    await hub.refresh();
    announce(archived ? 'Customer archived' : 'Customer unarchived');
    hub.main.querySelector('[data-testid="hub-actions-toggle"]')?.focus();
  } catch (e) {
    hub.showNotice(e.message);
  }
}

// C8 (admin): a customer with records needs a second, explicit choice.
function deleteCustomer(hub) {
  const cascade = el('button', { type: 'button', class: 'button danger', hidden: true, 'data-testid': 'delete-cascade' }, 'Delete with all its records');
  const ctl = confirmDialog({
    title: 'Delete customer',
    text: `Delete “${hub.customer.name}”? This cannot be undone.`,
    confirmLabel: 'Delete customer',
    confirmTestid: 'delete-confirm',
    testid: 'delete-dialog',
    onConfirm: async (d) => {
      try {
        await api('DELETE', `/api/v1/customers/${hub.id}`);
      } catch (e) {
        if (e.status !== 409) throw e;
        const removable = removableText(hub.summary.counts ?? {});
        d.showError(removable
          ? `“${hub.customer.name}” still has ${removable}. Delete them together with the customer? Their history stays in the audit.`
          : e.message);
        d.actions.querySelector('[data-testid="delete-confirm"]').hidden = true;
        cascade.hidden = !removable;
        return false;
      }
      gone();
      return true;
    },
  });
  ctl.actions.append(cascade);
  cascade.addEventListener('click', () => ctl.run(cascade, async () => {
    await api('DELETE', `/api/v1/customers/${hub.id}${query({ cascade: 'true' })}`);
    gone();
  }));
  function gone() {
    announce('Customer deleted');
    ctl.close();
    navigate('/customers');
  }
}
