// Locations tab (L1): the customer's sites; add, edit, set primary, delete.
import { api } from '/js/api.js';
import { el, clear, announce } from '/js/dom.js';
import { confirmDialog, modal } from '/js/dialog.js';
import { countrySelect, setCountry } from '/js/hub/pickers.js';

const LOCATION_STATUSES = ['active', 'inactive', 'closed'];


export function render(panel, hub) {
  const state = { locations: [] };
  let alive = true;
  load().catch((e) => { if (alive && e.status !== 401) clear(panel).append(el('p', { class: 'error' }, e.message)); });

  async function load() {
    const res = await api('GET', `/api/v1/customers/${hub.id}/locations?limit=200`);
    if (!alive) return;
    state.locations = res.data;
    paintLocations();
  }

  // After a write: the list, and the header's counts and primary site.
  async function reload() {
    await load();
    await hub.refresh();
  }

  function paintLocations() {
    const list = state.locations.length
      ? el('table', { class: 'table compact', tabindex: '0', 'aria-label': 'Locations', 'data-testid': 'locations-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Site'), el('th', { scope: 'col' }, 'Address'),
          el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Primary')),
          hub.canWrite ? el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')) : null)),
        el('tbody', {}, state.locations.map((l) => el('tr', { 'data-testid': 'location-row', 'data-id': l.id },
          el('td', {}, l.name),
          el('td', {}, [l.address_line1, l.address_line2, [l.postal_code, l.city].filter(Boolean).join(' '), l.region, l.country].filter(Boolean).join(', ')),
          el('td', {}, el('span', { class: `status ${l.status}`, 'data-testid': 'location-status-text' }, l.status)),
          el('td', {}, l.is_primary
            ? el('span', { class: 'badge primary' }, 'Primary')
            : hub.canWrite ? el('button', { type: 'button', class: 'button small', 'data-testid': 'set-primary', onclick: () => setPrimary(l) }, 'Set primary') : null),
          hub.canWrite ? el('td', { class: 'row-actions' },
            el('button', { type: 'button', class: 'button small', 'data-testid': 'location-edit', 'aria-label': `Edit ${l.name}`, onclick: () => editLocation(l) }, 'Edit'),
            el('button', { type: 'button', class: 'button small danger', 'data-testid': 'location-delete', 'aria-label': `Delete ${l.name}`, onclick: () => deleteLocation(l) }, 'Delete')) : null))))
      : el('p', { class: 'muted empty-state', 'data-testid': 'empty-locations' },
        hub.canWrite ? 'No locations yet. Add the customer’s sites below; the first one becomes the primary site.' : 'No locations yet.');
    clear(panel).append(el('h2', {}, 'Locations'), list, hub.canWrite ? addLocationForm() : null);
  }

  function focusLocation(id, testid) {
    panel.querySelector(`[data-testid="location-row"][data-id="${Number(id)}"] [data-testid="${testid}"]`)?.focus();
  }

  // L1: edit one location in a dialog; PATCH with If-Match like the customer.
  function editLocation(l) {
    let current = l;
    const fields = [
      ['name', 'Site name', { required: true, maxlength: '200' }],
      ['address_line1', 'Address line 1', { maxlength: '200' }],
      ['address_line2', 'Address line 2', { maxlength: '200' }],
      ['city', 'City', { maxlength: '100' }],
      ['region', 'Region', { maxlength: '100' }],
      ['postal_code', 'Postal code', { maxlength: '20' }],
      ['country', 'Country', {}],
    ];
    const labels = Object.fromEntries(fields.map(([name, text]) => [name, text]));
    const inputs = new Map();
    const grid = el('div', { class: 'form-grid' }, fields.map(([name, text, attrs]) => {
      const common = { id: `edit-loc-${name}`, name, 'data-testid': `location-edit-${name}` };
      const input = name === 'country' ? countrySelect(common)
        : el('input', { ...common, type: 'text', autocomplete: 'off', ...attrs });
      inputs.set(name, input);
      return el('div', { class: 'field' }, el('label', { for: `edit-loc-${name}` }, text), input);
    }));
    const statusSelect = el('select', { id: 'edit-loc-status', name: 'status', 'data-testid': 'location-status' },
      LOCATION_STATUSES.map((s) => el('option', { value: s }, s)));
    grid.append(el('div', { class: 'field' }, el('label', { for: 'edit-loc-status' }, 'Status'), statusSelect));
    const save = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'location-save' }, 'Save');
    const ctl = modal({ title: `Edit location`, body: grid, buttons: [save], testid: 'location-dialog', onsubmit: submit });
    ctl.dialog.classList.add('wide');
    fill(current);
    inputs.get('name').focus();

    // keep: fields whose typed value stays (after a conflict).
    function fill(loc, keep = []) {
      for (const [name, input] of inputs) {
        if (keep.includes(name)) continue;
        if (name === 'country') setCountry(input, loc.country ?? '');
        else input.value = loc[name] ?? '';
      }
      if (!keep.includes('status')) statusSelect.value = loc.status;
    }

    async function submit(e) {
      e.preventDefault();
      const body = {};
      for (const [name, input] of inputs) {
        const v = input.value.trim();
        const next = v === '' ? null : v;
        if (next !== (current[name] ?? null)) body[name] = next;
      }
      if (statusSelect.value !== current.status) body.status = statusSelect.value;
      if (!inputs.get('name').value.trim()) { ctl.showError('Enter a site name.'); inputs.get('name').focus(); return; }
      if (!Object.keys(body).length) { ctl.close(); focusLocation(l.id, 'location-edit'); return; }
      save.disabled = true;
      try {
        await api('PATCH', `/api/v1/customers/${hub.id}/locations/${l.id}`, body, { ifMatch: current.version });
        ctl.close();
        await reload();
        focusLocation(l.id, 'location-edit');
      } catch (err) {
        if (err.status === 409 && err.body?.data) {
          // Keep what was typed; show what only they changed; if they
          // changed none of the same fields, apply ours on their version.
          const before = current;
          current = err.body.data;
          const typed = Object.keys(body);
          fill(current, typed);
          reload().catch(() => {});
          const clash = typed.filter((k) => (current[k] ?? null) !== (before[k] ?? null));
          if (!clash.length) { save.disabled = false; await submit(e); return; }
          ctl.showError(`Someone else changed ${clash.map((k) => `${labels[k] ?? 'Status'} to “${current[k] ?? 'empty'}”`).join(', ')} meanwhile. `
            + 'Your values are kept: Save puts them over theirs, Cancel keeps theirs.');
        } else {
          ctl.showError(err.message, err.field);
        }
      } finally {
        save.disabled = false;
      }
    }
  }

  function deleteLocation(l) {
    confirmDialog({
      title: 'Delete location',
      text: `Delete the location “${l.name}”? This cannot be undone.`,
      confirmLabel: 'Delete location',
      confirmTestid: 'location-delete-confirm',
      testid: 'location-delete-dialog',
      onConfirm: async () => {
        await api('DELETE', `/api/v1/customers/${hub.id}/locations/${l.id}`);
        announce('Location deleted');
        await reload();
        panel.querySelector('[data-testid="location-edit"]')?.focus();
      },
    });
  }

  async function setPrimary(l) {
    try {
      await api('PATCH', `/api/v1/customers/${hub.id}/locations/${l.id}`, { is_primary: true }, { ifMatch: l.version });
      await reload();
    } catch (e) {
      hub.showNotice(e.message);
      if (e.status === 409) reload().catch(() => {});
    }
  }

  function addLocationForm() {
    const input = (name, text, attrs = {}) => {
      const id = `loc-${name}`;
      return el('div', { class: 'field' }, el('label', { for: id }, text), el('input', { id, name, type: 'text', ...attrs }));
    };
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const form = el('form', { class: 'location-form', novalidate: true },
      el('div', { class: 'form-grid' },
        input('name', 'Site name', { required: true, maxlength: '200', 'data-testid': 'location-name' }),
        input('address_line1', 'Address'),
        input('city', 'City', { 'data-testid': 'location-city' }),
        input('postal_code', 'Postal code'),
        el('div', { class: 'field' }, el('label', { for: 'loc-country' }, 'Country'),
          countrySelect({ id: 'loc-country', name: 'country', 'data-testid': 'location-country' })),
        el('div', { class: 'field' }, el('label', { for: 'loc-status' }, 'Status'),
          el('select', { id: 'loc-status', name: 'status' },
            ['active', 'inactive', 'closed'].map((s) => el('option', { value: s }, s))))),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'is_primary', checked: state.locations.length === 0 }), 'Primary site'),
      error,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button', 'data-testid': 'location-submit' }, 'Add location')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const body = {};
      for (const [k, v] of data.entries()) if (k !== 'is_primary' && String(v).trim()) body[k] = String(v).trim();
      body.is_primary = data.has('is_primary');
      if (!body.name) { error.textContent = 'Enter a site name.'; error.hidden = false; return; }
      try {
        await api('POST', `/api/v1/customers/${hub.id}/locations`, body);
        await reload();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    const box = el('details', { class: 'add-location' }, el('summary', {}, 'Add location'), form);
    form.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      box.open = false;
      box.querySelector('summary').focus();
    });
    return box;
  }


  return () => { alive = false; };
}
