// Pickers for fields that hold a reference or a code (H2, C1): the
// options come from the API, so no one types an id or a country code,
// and ids are shown by name wherever they appear (the audit too).
import { api, query } from '/js/api.js';
import { el } from '/js/dom.js';

const PICKER_LIMIT = 100;
const cache = new Map();

function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

const countries = () => once('countries', async () => (await api('GET', '/api/v1/settings/countries')).data);
const users = () => once('users', async () => (await api('GET', '/api/v1/users/directory')).data);
const contracts = (hub) => once(`contracts:${hub.id}`, async () =>
  (await api('GET', `/api/v1/customers/${hub.id}/contracts${query({ limit: PICKER_LIMIT })}`)).data);
const contacts = (hub) => once(`contacts:${hub.id}`, async () =>
  (await api('GET', `/api/v1/customers/${hub.id}/contacts${query({ limit: PICKER_LIMIT })}`)).data);

// Each picker type: its options as [value, text], and a name for one value.
export const PICKERS = {
  country: {
    options: async () => (await countries()).map((k) => [k.code, `${k.name} (${k.code})`]),
    empty: 'No country',
  },
  user: {
    options: async () => (await users()).map((u) => [String(u.id), u.name]),
    empty: 'No account manager',
  },
  contract: {
    options: async (hub) => (await contracts(hub)).map((k) => [String(k.id), `${k.name} (${k.type})`]),
    empty: 'No default contract',
  },
  contact: {
    options: async (hub) => (await contacts(hub)).map((p) => [String(p.id), p.email ? `${p.name} <${p.email}>` : p.name]),
    empty: 'No billing contact',
  },
};

// A record's id as the audit shows it: the name if it can still be found.
export async function nameOf(hub, type, value) {
  if (value === null || value === undefined || value === '') return null;
  const picker = PICKERS[type];
  try {
    const hit = (await picker.options(hub)).find(([v]) => v === String(value));
    if (hit) return hit[1];
  } catch { /* shown as the id */ }
  return type === 'country' ? String(value) : `#${value} (removed)`;
}

// After a write elsewhere (a new contract or contact) the lists reload.
export function forgetPickers(hub) {
  cache.delete(`contracts:${hub.id}`);
  cache.delete(`contacts:${hub.id}`);
}

// A country select for forms (locations): its value is the code.
export function countrySelect(attrs, code = '') {
  const select = el('select', attrs, el('option', { value: '' }, PICKERS.country.empty));
  setCountry(select, code);
  PICKERS.country.options().then((opts) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, PICKERS.country.empty),
      ...opts.map(([v, text]) => el('option', { value: v }, text)));
    setCountry(select, chosen);
  }).catch(() => {});
  return select;
}

export function setCountry(select, code) {
  if (code && ![...select.options].some((o) => o.value === code)) select.append(el('option', { value: code }, code));
  select.value = code ?? '';
}
