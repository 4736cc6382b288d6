// C2: the customer list shows each customer's assets owned and on
// location (counts kept on write) and open tickets, and filters with
// lib/filter.c: the statement of a request holds only the conditions it
// names, and the common ones read an index in the list's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectOk, explainRow, filterStatement, makeCustomer, sql, uniq } from './lib.mjs';



test('C2: the list shows assets owned and on location, and open tickets', async () => {
  const a = await admin();
  const tag = uniq('C2 List');
  const owner = await makeCustomer({ name: `${tag} owner` });
  const at = await makeCustomer({ name: `${tag} client` });
  const l = expectOk(await a.post(`/api/v1/customers/${at.id}/locations`, { name: 'Office' }), 201);
  expectOk(await a.post(`/api/v1/customers/${owner.id}/assets`, { name: 'Rented', location_id: l.id }), 201);
  expectOk(await a.post(`/api/v1/customers/${owner.id}/assets`, { name: 'Spare' }), 201);
  const rows = expectOk(await a.get(`/api/v1/customers?q=${encodeURIComponent(tag)}`));
  const by = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.deepEqual([by[owner.id].assets_owned, by[owner.id].assets_located, by[owner.id].open_tickets], [2, 0, 0]);
  assert.deepEqual([by[at.id].assets_owned, by[at.id].assets_located, by[at.id].locations_count], [0, 1, 1]);
});

test('C2: status and rank filters combine; archived ones only on request', async () => {
  const a = await admin();
  const tag = uniq('C2 Filter');
  const gold = await makeCustomer({ name: `${tag} A`, rank: 'A' });
  const old = await makeCustomer({ name: `${tag} B`, rank: 'A' });
  await makeCustomer({ name: `${tag} C`, rank: 'B' });
  expectOk(await a.post(`/api/v1/customers/${old.id}/archive`));
  const ids = async (qs) => expectOk(await a.get(`/api/v1/customers?q=${encodeURIComponent(tag)}${qs}`)).map((r) => r.id);
  assert.deepEqual(await ids('&rank=A'), [gold.id]);
  assert.deepEqual(await ids('&rank=A&status=archived'), [old.id]);
  assert.deepEqual(await ids('&rank=A&status=all'), [gold.id, old.id]);
  assert.equal((await ids('&status=all')).length, 3);
});

test('C2: a statement holds only the conditions named; the common ones use an index in list order', () => {
  assert.doesNotMatch(filterStatement('customers'), /\? IS NULL|rank` = \?|LIKE/, 'no catch-all predicates');
  assert.match(filterStatement('customers', 'status', 'rank'), /c\.archived = \? AND c\.`rank` = \?/);
  sql('ANALYZE TABLE customers PERSISTENT FOR ALL');
  const byName = explainRow(filterStatement('customers', 'status'), [0, 51], 'c');
  assert.equal(byName.key, 'customers_by_name', JSON.stringify(byName));
  assert.doesNotMatch(byName.extra, /filesort/, 'the index gives the order');
  const page2 = explainRow(filterStatement('customers', 'status', 'after'), [0, 'M', 1, 51], 'c');
  assert.equal(page2.key, 'customers_by_name', JSON.stringify(page2));
  assert.ok(['ref', 'range'].includes(page2.type), JSON.stringify(page2));
  assert.doesNotMatch(page2.extra, /filesort/);
  // A rank is a narrow range of its own index (then sorted) or the name
  // order read with the rank checked: either way no full scan.
  const ranked = explainRow(filterStatement('customers', 'status', 'rank'), [0, 'A', 51], 'c');
  assert.ok(['customers_by_name', 'customers_by_rank'].includes(ranked.key), JSON.stringify(ranked));
  assert.ok(['ref', 'range'].includes(ranked.type), JSON.stringify(ranked));
});

test('C2: the first page says how many customers the filters match; later pages do not count again', async () => {
  const a = await admin();
  const tag = uniq('Counted');
  for (const rank of ['A', 'A', 'B']) expectOk(await a.post('/api/v1/customers', { name: `${tag} ${rank}`, rank }), 201);
  const first = await a.get(`/api/v1/customers?q=${encodeURIComponent(tag)}&limit=2`);
  assert.equal(first.body.total, 3);
  assert.equal(first.body.data.length, 2);
  const second = await a.get(`/api/v1/customers?q=${encodeURIComponent(tag)}&limit=2&after=${first.body.next}`);
  assert.equal(second.body.total, undefined);
  assert.equal(second.body.data.length, 1);
  const ranked = await a.get(`/api/v1/customers?q=${encodeURIComponent(tag)}&rank=A`);
  assert.equal(ranked.body.total, 2);
});
