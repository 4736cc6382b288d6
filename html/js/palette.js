// Ctrl+K / Cmd+K (H2): find customers (archived too), contacts and devices
// of every customer, grouped by kind, keyboard only.  One request:
// GET /api/v1/search.

// The groups as the palette shows them: the reply's key, a heading, the
// row's text and where Enter goes.
const GROUPS = [
  // City, rank and archived tell two similar names apart.
  ['customers', 'Customers', (c) => [el('span', { class: 'palette-name' }, c.name),
    c.city ? el('span', { class: 'muted' }, ` · ${c.city}`) : null,
    c.archived ? el('span', { class: 'muted' }, ' (archived)') : null,
    c.rank ? el('span', { class: 'badge rank', 'aria-label': `rank ${c.rank}` }, c.rank) : null], (c) => `/customers/${c.id}`],
  ['contacts', 'Contacts', (k) => [el('span', { class: 'palette-name' }, k.name),
    el('span', { class: 'muted' }, ` · ${[k.email, k.customer_name].filter(Boolean).join(' · ')}`)],
  (k) => `/customers/${k.customer_id}/contacts`],
  ['devices', 'Devices', (d) => [el('span', { class: 'palette-name' }, d.name),
    el('span', { class: 'muted' }, ` · ${[d.machine_name, d.ip_addresses, d.customer_name].filter(Boolean).join(' · ')}`)],
  (d) => `/customers/${d.customer_id}/devices?q=${encodeURIComponent(d.name)}`],
];
import { api, query } from '/js/api.js';
import { el, clear, debounce } from '/js/dom.js';
import { navigate } from '/app.js';

let dialog = null;

export function installPaletteShortcut(enabled) {
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k' && enabled()) {
      e.preventDefault();
      openPalette();
    }
  });
}

export function openPalette() {
  if (dialog?.open) { dialog.querySelector('input').focus(); return; }
  let results = [];
  let active = -1;
  let generation = 0;

  const input = el('input', {
    id: 'palette-input', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Search customers, contacts and devices…', 'aria-expanded': 'false', 'aria-controls': 'palette-list',
    'aria-autocomplete': 'list', 'data-testid': 'palette-input',
  });
  const list = el('ul', { id: 'palette-list', role: 'listbox', class: 'palette-list', 'aria-label': 'Results' });
  const status = el('p', { class: 'palette-status muted', role: 'status', 'aria-live': 'polite' }, 'Type a customer, contact or device name.');

  dialog = el('dialog', { class: 'dialog palette', 'aria-label': 'Search' },
    el('label', { for: 'palette-input', class: 'visually-hidden' }, 'Search customers, contacts and devices'),
    input, list, status,
    el('p', { class: 'palette-hint muted' }, '↑ ↓ to move · Enter to open · Esc to close'));
  dialog.addEventListener('close', () => { dialog.remove(); dialog = null; });
  // A click on the backdrop (outside the box) closes.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });

  let shownFor = '';
  let askedFor = '';	// the text of the search in flight
  // Enter pressed before the answer for what is typed: open it on arrival.
  let openOnAnswer = false;
  async function runSearch() {
    const q = input.value.trim();
    const mine = ++generation;
    askedFor = q;
    if (!q) { shownFor = ''; show({}); status.textContent = 'Type a customer, contact or device name.'; return; }
    try {
      const res = await api('GET', '/api/v1/search' + query({ q, limit: 8 }));
      if (mine !== generation || !dialog) return;
      shownFor = q;
      show(res.data);
      status.textContent = results.length ? `${results.length} result${results.length === 1 ? '' : 's'}` : 'Nothing found.';
      if (openOnAnswer && q === input.value.trim()) { openOnAnswer = false; open(active); }
    } catch (err) {
      if (mine === generation && dialog) { askedFor = ''; status.textContent = err.message; }
    }
  }
  const search = debounce(runSearch, 150);

  // results: every option in order, across the groups, for the arrows.
  function show(data) {
    results = [];
    clear(list);
    for (const [key, heading, row, href] of GROUPS) {
      const rows = data[key] ?? [];
      if (!rows.length) continue;
      const options = rows.map((r) => {
        const i = results.push(href(r)) - 1;
        return el('li', {
          id: `palette-option-${i}`, role: 'option', class: 'palette-item', 'data-testid': 'palette-result',
          'data-kind': key, 'aria-selected': 'false',
          onclick: () => open(i),
          onmousemove: () => { if (active !== i) mark(i); },
        }, row(r));
      });
      list.append(el('li', { role: 'presentation' },
        el('ul', { role: 'group', class: 'palette-group', 'aria-labelledby': `palette-group-${key}`, 'data-testid': `palette-group-${key}` },
          el('li', { role: 'presentation', id: `palette-group-${key}`, class: 'palette-heading' }, heading),
          options)));
    }
    active = results.length ? 0 : -1;
    input.setAttribute('aria-expanded', results.length ? 'true' : 'false');
    mark(active);
  }

  function mark(i) {
    active = i;
    const options = [...list.querySelectorAll('[role="option"]')];
    options.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `palette-option-${i}`);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open(i) {
    const to = results[i];
    if (!to) return;
    dialog.close();
    navigate(to);
  }

  input.addEventListener('input', () => { openOnAnswer = false; search(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) { e.preventDefault(); mark((active + 1) % results.length); }
    else if (e.key === 'ArrowUp' && results.length) { e.preventDefault(); mark((active - 1 + results.length) % results.length); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter typed faster than the answer: search now (unless a search for
      // this text is in flight) and open the first result when it arrives.
      const q = input.value.trim();
      if (q && q !== shownFor) {
        openOnAnswer = true;
        search.cancel();
        if (q !== askedFor) runSearch();
      } else open(active);
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
