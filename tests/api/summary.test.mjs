// The hub page's one request (H3, H4): GET /api/v1/customers/{id}/summary
// gives the customer, pinned fields, badges, tab counts and overview in
// two SQL round trips with the session check, from counts kept on write
// in the transaction of each change (customer_counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, roundTrips, sql } from './lib.mjs';

const S = (id) => `/api/v1/customers/${id}/summary`;
const K = (id) => `/api/v1/customers/${id}/contacts`;
const L = (id) => `/api/v1/customers/${id}/locations`;

async function summary(id) {
  return expectOk(await (await admin()).get(S(id)));
}

// What the counts say must be what the tables hold.
function counted(id) {
  return {
    contacts: Number(sql(`SELECT COUNT(*) FROM contacts WHERE customer_id = ${id}`)),
    locations: Number(sql(`SELECT COUNT(*) FROM locations WHERE customer_id = ${id}`)),
  };
}

function sitesCounted(id) {
  const out = {};
  for (const line of sql(`SELECT status, COUNT(*) FROM locations WHERE customer_id = ${id} GROUP BY status`).split('\n')) {
    if (!line) continue;
    const [s, n] = line.split('\t');
    out[s] = Number(n);
  }
  return out;
}

test('H3/H4: the summary holds the customer, pinned fields, badges, counts and overview', async () => {
  const a = await admin();
  const c = await makeCustomer({ city: 'Gent' });
  const s = await summary(c.id);
  assert.deepEqual(s.customer, expectOk(await a.get(`/api/v1/customers/${c.id}`)), 'the customer as GET shows it');
  assert.deepEqual(s.pinned, expectOk(await a.get('/api/v1/settings/pinned-fields')).map((p) => p.name ?? p));
  assert.deepEqual(s.badges, { archived: false, overdue_invoices: 0, expired_warranties: 0 });
  assert.deepEqual(s.counts, {
    contacts: 0, devices: 0, assets: 0, assets_located: 0, contracts: 0, invoices: 0, projects: 0, locations: 0,
  });
  assert.equal(s.overview.open_tickets, 0);
  assert.equal(s.overview.account_manager, null);
  assert.deepEqual(s.overview.value, []);
  assert.deepEqual(s.overview.sites_by_status, {});
  expectOk(await a.post(`/api/v1/customers/${c.id}/archive`));
  assert.equal((await summary(c.id)).badges.archived, true);
});

test('H3: an unknown customer is 404; a read-only user may read the summary', async () => {
  const a = await admin();
  expectError(await a.get(S(999999999)), 404, 'not_found');
  const c = await makeCustomer();
  const ro = await makeUser('read_only');
  assert.equal(expectOk(await ro.get(S(c.id))).customer.id, c.id);
});

test('H4: counts follow contact adds, moves, deletes and imports, and site status changes', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const other = await makeCustomer();
  const k1 = expectOk(await a.post(K(c.id), { name: 'One' }), 201);
  const k2 = expectOk(await a.post(K(c.id), { name: 'Two' }), 201);
  expectOk(await a.post(K(c.id), { name: 'Three' }), 201);
  assert.equal((await summary(c.id)).counts.contacts, 3);
  expectOk(await a.patch(`${K(c.id)}/${k1.id}`, { customer_id: other.id }, { ifMatch: '"1"' }));
  assert.equal((await summary(c.id)).counts.contacts, 2, 'a move leaves');
  assert.equal((await summary(other.id)).counts.contacts, 1, 'and arrives');
  assert.equal((await a.del(`${K(c.id)}/${k2.id}`)).status, 204);
  const imp = await a.post(`${K(c.id)}/import`, 'name,email\nFour,four@example.com\nFive,five@example.com\n',
    { headers: { 'Content-Type': 'text/csv' } });
  expectOk(imp);
  assert.equal((await summary(c.id)).counts.contacts, 3);
  assert.equal((await summary(c.id)).counts.contacts, counted(c.id).contacts);

  const l1 = expectOk(await a.post(L(c.id), { name: 'HQ' }), 201);
  const l2 = expectOk(await a.post(L(c.id), { name: 'Depot' }), 201);
  expectOk(await a.patch(`${L(c.id)}/${l2.id}`, { status: 'closed' }, { ifMatch: `"${l2.version}"` }));
  let s = await summary(c.id);
  assert.equal(s.counts.locations, 2);
  assert.deepEqual(s.overview.sites_by_status, { active: 1, closed: 1 });
  assert.deepEqual(s.overview.sites_by_status, sitesCounted(c.id));
  assert.equal((await a.del(`${L(c.id)}/${l2.id}`)).status, 204);
  s = await summary(c.id);
  assert.deepEqual(s.overview.sites_by_status, { active: 1 });
  assert.equal(l1.is_primary, true);
});

test('H4: two clients adding contacts at once: the count is what the table holds', async () => {
  const c = await makeCustomer();
  const a = await admin();
  const b = await makeUser('technician');
  await Promise.all(Array.from({ length: 24 }, (_, i) =>
    (i % 2 ? a : b).post(K(c.id), { name: `Parallel ${i}` }).then((r) => expectOk(r, 201))));
  assert.equal((await summary(c.id)).counts.contacts, 24);
  assert.equal(counted(c.id).contacts, 24);
});

test('H3: the summary takes at most 2 SQL round trips, the session check included', async () => {
  const a = await admin();
  const c = await makeCustomer();
  expectOk(await a.post(K(c.id), { name: 'Someone' }), 201);
  expectOk(await a.post(L(c.id), { name: 'Site' }), 201);
  assert.equal(await roundTrips(a, S(c.id)), 2, 'the session check and the summary');
});

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

test('H3: the expired-warranty badge counts owned assets whose warranty ended before today', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const A = `/api/v1/customers/${c.id}/assets`;
  for (const [name, w] of [['Old', day(-400)], ['Yesterday', day(-1)], ['Today', day(0)], ['Later', day(30)], ['None', null]]) {
    expectOk(await a.post(A, { name, warranty_expiry: w }), 201);
  }
  const s = await summary(c.id);
  assert.equal(s.badges.expired_warranties, 2);
  assert.equal(s.counts.assets, 5);
  assert.deepEqual(s.overview.assets_by_status, { in_use: 5 });
});

test('H4: devices and assets located at the customer show in its counts', async () => {
  const a = await admin();
  const owner = await makeCustomer();
  const at = await makeCustomer();
  const l = expectOk(await a.post(L(at.id), { name: 'Client site' }), 201);
  expectOk(await a.post(`/api/v1/customers/${owner.id}/assets`, { name: 'HaaS box', location_id: l.id }), 201);
  expectOk(await a.post(`/api/v1/customers/${at.id}/devices`, { name: 'PC-1', type: 'pc' }), 201);
  const s = await summary(at.id);
  assert.equal(s.counts.assets_located, 1);
  assert.equal(s.counts.assets, 0);
  assert.equal(s.counts.devices, 1);
  assert.equal((await summary(owner.id)).counts.assets, 1);
});

test('H3/H4: overdue invoices badge, customer value per currency, default contract and open projects', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const B = (k) => `/api/v1/customers/${c.id}/${k}`;
  const k = expectOk(await a.post(B('contracts'), {
    name: 'Managed services', type: 'block', start_date: day(-10), included_minutes: 600, is_default: true,
  }), 201);
  const inv = async (number, due, total) => {
    const i = expectOk(await a.post(B('invoices'), { number, issue_date: day(-40), due_date: due, currency: 'EUR', total_minor: total }), 201);
    expectOk(await a.post(`${B('invoices')}/${i.id}/send`));
    return i;
  };
  const late = await inv(`${c.id}-1`, day(-1), 10000);
  await inv(`${c.id}-2`, day(0), 5000);
  expectOk(await a.post(B('invoices'), { number: `${c.id}-3`, issue_date: day(-10), due_date: day(-5), currency: 'EUR', total_minor: 7 }), 201);
  expectOk(await a.post(B('projects'), { name: 'Migration', start_date: day(-3), due_date: day(-1) }), 201);
  expectOk(await a.post(B('projects'), { name: 'Rollout', start_date: day(5) }), 201);
  let s = await summary(c.id);
  assert.equal(s.badges.overdue_invoices, 1, 'sent and past due; due today and drafts are not');
  assert.deepEqual(s.overview.value, [{ currency: 'EUR', invoiced_minor: 15000, open_minor: 15000 }]);
  assert.deepEqual(s.overview.contract, { id: k.id, name: 'Managed services', status: 'active' });
  assert.deepEqual(s.overview.projects, { active: 1, upcoming: 1, overdue: 1 });
  assert.deepEqual([s.counts.contracts, s.counts.invoices, s.counts.projects], [1, 3, 2]);
  expectOk(await a.post(`${B('invoices')}/${late.id}/pay`, { amount_minor: 10000 }));
  s = await summary(c.id);
  assert.equal(s.badges.overdue_invoices, 0, 'paid');
  assert.deepEqual(s.overview.value, [{ currency: 'EUR', invoiced_minor: 15000, open_minor: 5000 }]);
  assert.equal(await roundTrips(a, S(c.id)), 2);
});

test('H4/C2: open tickets in the summary and the customer list follow ticket writes', async () => {
  const a = await admin();
  const c = await makeCustomer({ name: `Tickets ${Date.now()}` });
  const t1 = expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject: 'Printer jam' }), 201);
  expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject: 'VPN down' }), 201);
  assert.equal((await summary(c.id)).overview.open_tickets, 2);
  expectOk(await a.patch(`/api/v1/tickets/${t1.id}`, { status: 'resolved' }, { ifMatch: `"${t1.version}"` }));
  assert.equal((await summary(c.id)).overview.open_tickets, 1);
  const row = expectOk(await a.get(`/api/v1/customers?q=${encodeURIComponent(c.name)}`)).find((r) => r.id === c.id);
  assert.equal(row.open_tickets, 1);
});
