// Ctrl+K / Cmd+K: jump to any customer, archived ones included (H2).
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
    placeholder: 'Search customers…', 'aria-expanded': 'false', 'aria-controls': 'palette-list',
    'aria-autocomplete': 'list', 'data-testid': 'palette-input',
  });
  const list = el('ul', { id: 'palette-list', role: 'listbox', class: 'palette-list', 'aria-label': 'Customers' });
  const status = el('p', { class: 'palette-status muted', role: 'status', 'aria-live': 'polite' }, 'Type a customer name.');

  dialog = el('dialog', { class: 'dialog palette', 'aria-label': 'Search customers' },
    el('label', { for: 'palette-input', class: 'visually-hidden' }, 'Search customers'),
    input, list, status,
    el('p', { class: 'palette-hint muted' }, '↑ ↓ to move · Enter to open · Esc to close'));
  dialog.addEventListener('close', () => { dialog.remove(); dialog = null; });
  // A click on the backdrop (outside the box) closes.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });

  let shownFor = '';
  async function runSearch() {
    const q = input.value.trim();
    const mine = ++generation;
    if (!q) { shownFor = ''; show([]); status.textContent = 'Type a customer name.'; return; }
    try {
      const res = await api('GET', '/api/v1/customers' + query({ q, include_archived: 'search', limit: 10 }));
      if (mine !== generation || !dialog) return;
      shownFor = q;
      show(res.data);
      status.textContent = res.data.length ? `${res.data.length} result${res.data.length === 1 ? '' : 's'}` : 'No customers found.';
    } catch (err) {
      if (mine === generation && dialog) status.textContent = err.message;
    }
  }
  const search = debounce(runSearch, 150);

  function show(rows) {
    results = rows;
    active = rows.length ? 0 : -1;
    clear(list);
    rows.forEach((c, i) => {
      list.append(el('li', {
        id: `palette-option-${i}`, role: 'option', class: 'palette-item', 'data-testid': 'palette-result',
        'aria-selected': 'false',
        onclick: () => open(i),
        onmousemove: () => { if (active !== i) mark(i); },
      }, el('span', { class: 'palette-name' }, c.name),
      c.archived ? el('span', { class: 'muted' }, ' (archived)') : null,
      c.rank ? el('span', { class: 'badge rank' }, c.rank) : null));
    });
    input.setAttribute('aria-expanded', rows.length ? 'true' : 'false');
    mark(active);
  }

  function mark(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `palette-option-${i}`);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open(i) {
    const c = results[i];
    if (!c) return;
    dialog.close();
    navigate(`/customers/${c.id}`);
  }

  input.addEventListener('input', search);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) { e.preventDefault(); mark((active + 1) % results.length); }
    else if (e.key === 'ArrowUp' && results.length) { e.preventDefault(); mark((active - 1 + results.length) % results.length); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter typed faster than the debounce: search first, then open.
      if (input.value.trim() && input.value.trim() !== shownFor) runSearch().then(() => open(active));
      else open(active);
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
