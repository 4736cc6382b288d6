// H6: the hub's layout — tabs shown and their order, overview cards shown
// and their order.  A user's own layout (/api/v1/me/layout) wins over the
// workspace default (/api/v1/settings/layout); both use this editor.
import { api } from '/js/api.js';
import { el, announce } from '/js/dom.js';
import { modal } from '/js/dialog.js';

export const TAB_LABELS = {
  overview: 'Overview', contacts: 'Contacts', tickets: 'Tickets', devices: 'Devices', assets: 'Assets',
  locations: 'Locations', contracts: 'Contracts & invoices', projects: 'Projects', timeline: 'Timeline', audit: 'Audit',
};
export const SECTION_LABELS = {
  account_manager: 'Account manager', open_tickets: 'Open tickets', contract: 'Contract', value: 'Customer value',
  projects: 'Projects', assets: 'Assets', sites: 'Sites',
};

let mine = null;	// this user's layout in force, once read

export async function myLayout() {
  if (!mine) mine = api('GET', '/api/v1/me/layout').then((r) => r.data).catch((e) => { mine = null; throw e; });
  return mine;
}

// One list: every name, the shown ones first in their order; each row a
// "Show" checkbox and Up / Down buttons.  Returns { node, value() }.
function orderedList(id, labels, shown, locked) {
  const order = [...shown, ...Object.keys(labels).filter((k) => !shown.includes(k))];
  const on = new Set(shown);
  const list = el('ol', { class: 'layout-list', 'data-testid': `layout-${id}` });
  function paint(focus) {
    list.replaceChildren(...order.map((k, i) => {
      const box = el('input', {
        type: 'checkbox', id: `layout-${id}-${k}`, checked: on.has(k), disabled: k === locked,
        'data-testid': `layout-${id}-show-${k}`,
        onchange: (e) => { if (e.target.checked) on.add(k); else on.delete(k); },
      });
      const move = (d, text) => el('button', {
        type: 'button', class: 'button small', 'aria-label': `Move ${labels[k]} ${text}`,
        disabled: i + d < 0 || i + d >= order.length, 'data-testid': `layout-${id}-${text}-${k}`,
        onclick: () => { [order[i], order[i + d]] = [order[i + d], order[i]]; paint(`[data-testid="layout-${id}-${text}-${k}"]`); },
      }, text === 'up' ? '↑' : '↓');
      return el('li', { 'data-key': k }, box, el('label', { for: box.id }, labels[k]), move(-1, 'up'), move(1, 'down'));
    }));
    if (focus) list.querySelector(focus)?.focus();
  }
  paint();
  return { node: list, value: () => order.filter((k) => on.has(k)) };
}

// The editor as a dialog: onSave(layout) stores it; onReset (optional)
// goes back to the default.  Both return the layout now in force.
export function editLayout({ title, layout, onSave, onReset, onDone }) {
  const tabs = orderedList('tabs', TAB_LABELS, layout.tabs, 'overview');
  const sections = orderedList('sections', SECTION_LABELS, layout.sections, null);
  const save = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'layout-save' }, 'Save');
  const reset = onReset ? el('button', { type: 'button', class: 'button', 'data-testid': 'layout-reset' }, 'Reset to default') : null;
  const ctl = modal({
    title,
    body: [
      el('p', { class: 'muted' }, 'Hidden tabs stay one click away under “More”.'),
      el('h3', {}, 'Tabs'), tabs.node,
      el('h3', {}, 'Overview cards'), sections.node,
    ],
    buttons: [reset, save].filter(Boolean),
    testid: 'layout-dialog',
    onsubmit: (e) => { e.preventDefault(); finish(() => onSave({ tabs: tabs.value(), sections: sections.value() }), 'Layout saved'); },
  });
  ctl.dialog.classList.add('wide');
  reset?.addEventListener('click', () => finish(onReset, 'Layout reset to the default'));

  async function finish(fn, said) {
    save.disabled = true;
    try {
      const now = await fn();
      ctl.close();
      announce(said);
      onDone?.(now);
    } catch (err) {
      ctl.showError(err.message, err.field);
    } finally {
      save.disabled = false;
    }
  }
}

// The user's own: saved and reset through /api/v1/me/layout.
export function editMyLayout(onDone) {
  myLayout().then((now) => editLayout({
    title: 'Arrange this hub for you',
    layout: now.layout,
    onSave: async (l) => { mine = Promise.resolve((await api('PUT', '/api/v1/me/layout', l)).data); return mine; },
    onReset: async () => { mine = Promise.resolve((await api('DELETE', '/api/v1/me/layout')).data); return mine; },
    onDone,
  }));
}

export function forgetMyLayout() { mine = null; }
