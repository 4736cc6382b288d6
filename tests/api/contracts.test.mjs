// Contracts (B1), their time entries and the customer's default contract
// (C1): statuses derived from the dates and today, hours consumed as a
// sum kept on write, one default per customer even under two clients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, signIn, sql, ADMIN_EMAIL, ADMIN_PASSWORD } from './lib.mjs';

const K = (id) => `/api/v1/customers/${id}/contracts`;
const T = (id) => `/api/v1/customers/${id}/time-entries`;
// Today as the database sees it (UTC), and days from it.
const today = () => sql('SELECT UTC_DATE()');
const day = (n) => sql(`SELECT UTC_DATE() + INTERVAL ${n} DAY`);
const counts = (id) => Object.fromEntries(sql(`SELECT name, n FROM customer_counts WHERE customer_id = ${id}`)
  .split('\n').filter(Boolean).map((l) => { const [k, v] = l.split('\t'); return [k, Number(v)]; }));

test('B1: create, read, list a contract; SLA and hours; audit and timeline', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.post(K(cust.id), {
    name: 'Managed services', type: 'standard', start_date: day(-10), end_date: day(355),
    sla_response_minutes: 60, sla_resolution_minutes: 480, included_minutes: 600,
  });
  const k = expectOk(r, 201);
  assert.equal(r.headers.get('location'), `${K(cust.id)}/${k.id}`);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.deepEqual([k.name, k.type, k.status, k.customer_id], ['Managed services', 'standard', 'active', cust.id]);
  assert.deepEqual([k.sla_response_minutes, k.sla_resolution_minutes], [60, 480]);
  assert.deepEqual([k.included_minutes, k.consumed_minutes, k.remaining_minutes, k.overage_minutes], [600, 0, 600, 0]);
  assert.equal(k.is_default, false);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}/${k.id}`)), k);
  assert.deepEqual(expectOk(await a.get(K(cust.id))).map((x) => x.id), [k.id]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'contract.created' AND object_id = ${k.id}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE kind = 'contract.created' AND object_id = ${k.id}`), '1');
  assert.equal(counts(cust.id).contracts, 1);
  expectOk(await (await makeUser('read_only')).get(K(cust.id)));
});

test('B1: status is derived from the dates around today', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const mk = async (name, start, end) => expectOk(await a.post(K(cust.id),
    { name, type: 'block', start_date: start, ...(end ? { end_date: end } : {}) }), 201);
  const cases = [
    ['starts today', today(), null, 'active'],
    ['ends today', day(-30), today(), 'active'],
    ['ended yesterday', day(-30), day(-1), 'expired'],
    ['starts tomorrow', day(1), day(30), 'upcoming'],
    ['open-ended', day(-400), null, 'active'],
  ];
  for (const [name, start, end, status] of cases) assert.equal((await mk(name, start, end)).status, status, name);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}?status=expired`)).map((x) => x.name), ['ended yesterday']);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}?status=upcoming`)).map((x) => x.name), ['starts tomorrow']);
  // As the days pass, the same row changes status: nothing stored.
  const k = (await a.get(`${K(cust.id)}?q=starts tomorrow`)).body.data[0];
  sql(`UPDATE contracts SET start_date = UTC_DATE() - INTERVAL 1 DAY WHERE id = ${k.id}`);
  assert.equal(expectOk(await a.get(`${K(cust.id)}/${k.id}`)).status, 'active');
});

test('B1: search by name or type, filter by type, keyset paging by name', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  for (const [name, type] of [['Delta', 'standard'], ['Alpha', 'block'], ['Charlie', 'monitoring'], ['Bravo', 'project'], ['Echo', 'block']]) {
    expectOk(await a.post(K(cust.id), { name, type, start_date: today() }), 201);
  }
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`${K(cust.id)}?limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.name));
    next = r.body.next;
  } while (next);
  assert.deepEqual(seen, ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}?q=monitor`)).map((x) => x.name), ['Charlie']);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}?q=char`)).map((x) => x.name), ['Charlie']);
  assert.deepEqual(expectOk(await a.get(`${K(cust.id)}?type=block`)).map((x) => x.name), ['Alpha', 'Echo']);
  expectError(await a.get(`${K(cust.id)}?type=gold`), 400, 'invalid_choice', 'type');
  expectError(await a.get(`${K(cust.id)}?after=nonsense`), 400, 'invalid_cursor', 'after');
});

test('B1: rejections: required fields, bad type, dates out of order, bounds, If-Match, stale version', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectError(await a.post(K(cust.id), { type: 'standard', start_date: today() }), 400, 'required', 'name');
  expectError(await a.post(K(cust.id), { name: 'X', start_date: today() }), 400, 'required', 'type');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'standard' }), 400, 'required', 'start_date');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'Standard', start_date: today() }), 400, 'invalid_choice', 'type');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'block', start_date: '2025-02-30' }), 400, undefined, 'start_date');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'block', start_date: day(0), end_date: day(-1) }),
    400, 'invalid_range', 'end_date');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'block', start_date: day(0), included_minutes: 1000001 }),
    400, undefined, 'included_minutes');
  expectError(await a.post(K(cust.id), { name: 'X', type: 'block', start_date: day(0), included_minutes: 1.5 }),
    400, undefined, 'included_minutes');
  const k = expectOk(await a.post(K(cust.id), { name: 'Y', type: 'block', start_date: day(0) }), 201);
  const p = `${K(cust.id)}/${k.id}`;
  expectError(await a.patch(p, { name: 'Z' }), 428, 'if_match_required');
  expectError(await a.patch(p, { end_date: day(-5) }, { ifMatch: '"1"' }), 400, 'invalid_range', 'end_date');
  expectError(await a.patch(p, { name: null }, { ifMatch: '"1"' }), 400, undefined, 'name');
  expectOk(await a.patch(p, { name: 'Z' }, { ifMatch: '"1"' }));
  const stale = await a.patch(p, { name: 'W' }, { ifMatch: '"1"' });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.name, 'Z');
  expectError(await (await makeUser('read_only')).post(K(cust.id), { name: 'R', type: 'block', start_date: day(0) }), 403, 'forbidden');
});

test('B1: a contract or time entry of another customer is 404', async () => {
  const a = await admin();
  const mine = await makeCustomer();
  const other = await makeCustomer();
  const k = expectOk(await a.post(K(mine.id), { name: 'Mine', type: 'block', start_date: day(0) }), 201);
  const t = expectOk(await a.post(T(mine.id), { date: day(0), minutes: 30, contract_id: k.id }), 201);
  for (const [p, edit] of [[`${K(other.id)}/${k.id}`, { name: 'x' }], [`${T(other.id)}/${t.id}`, { minutes: 1 }]]) {
    expectError(await a.get(p), 404, 'not_found');
    expectError(await a.patch(p, edit, { ifMatch: '"1"' }), 404, 'not_found');
    expectError(await a.del(p), 404, 'not_found');
  }
  // Nor can another customer's entry book time on it.
  expectError(await a.post(T(other.id), { date: day(0), minutes: 30, contract_id: k.id }), 400, 'unknown_reference', 'contract_id');
  assert.equal(expectOk(await a.get(`${K(mine.id)}/${k.id}`)).consumed_minutes, 30);
  assert.deepEqual(expectOk(await a.get(K(other.id))), []);
});

test('B1: time entries consume hours: remaining, overage, moves between contracts, delete', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const block = expectOk(await a.post(K(cust.id), { name: 'Block 2h', type: 'block', start_date: day(-5), included_minutes: 120 }), 201);
  const other = expectOk(await a.post(K(cust.id), { name: 'Standard', type: 'standard', start_date: day(-5) }), 201);
  const get = async (k) => expectOk(await a.get(`${K(cust.id)}/${k.id}`));
  const e1 = expectOk(await a.post(T(cust.id), { date: day(-1), minutes: 90, contract_id: block.id, description: 'Server patching' }), 201);
  assert.equal(e1.billable, true, 'billable by default');
  assert.deepEqual([e1.date, e1.minutes, e1.contract_id], [day(-1), 90, block.id]);
  let b = await get(block);
  assert.deepEqual([b.consumed_minutes, b.remaining_minutes, b.overage_minutes], [90, 30, 0]);
  const e2 = expectOk(await a.post(T(cust.id), { date: day(0), minutes: 60, contract_id: block.id, billable: false }), 201);
  b = await get(block);
  assert.deepEqual([b.consumed_minutes, b.remaining_minutes, b.overage_minutes], [150, 0, 30]);
  // A changed length, then a move to the other contract.
  expectOk(await a.patch(`${T(cust.id)}/${e2.id}`, { minutes: 45 }, { ifMatch: '"1"' }));
  assert.equal((await get(block)).consumed_minutes, 135);
  expectOk(await a.patch(`${T(cust.id)}/${e2.id}`, { contract_id: other.id }, { ifMatch: '"2"' }));
  assert.equal((await get(block)).consumed_minutes, 90);
  assert.equal((await get(other)).consumed_minutes, 45);
  assert.equal((await get(other)).remaining_minutes, null, 'no hours included: nothing remains or runs over');
  expectOk(await a.patch(`${T(cust.id)}/${e2.id}`, { contract_id: null }, { ifMatch: '"3"' }));
  assert.equal((await get(other)).consumed_minutes, 0);
  assert.equal((await a.del(`${T(cust.id)}/${e1.id}`)).status, 204);
  assert.equal((await get(block)).consumed_minutes, 0);
  // The list: newest first, by contract and date range.
  expectOk(await a.post(T(cust.id), { date: day(-3), minutes: 15, contract_id: block.id }), 201);
  assert.deepEqual(expectOk(await a.get(T(cust.id))).map((x) => x.date), [day(0), day(-3)]);
  assert.deepEqual(expectOk(await a.get(`${T(cust.id)}?contract_id=${block.id}`)).map((x) => x.minutes), [15]);
  assert.deepEqual(expectOk(await a.get(`${T(cust.id)}?from=${day(-1)}&to=${day(0)}`)).map((x) => x.minutes), [45]);
  // The sum kept on write is the sum of the rows.
  assert.equal(sql(`SELECT consumed_minutes = (SELECT COALESCE(SUM(minutes), 0) FROM time_entries WHERE contract_id = ${block.id})
    FROM contracts WHERE id = ${block.id}`), '1');
  expectError(await a.post(T(cust.id), { date: day(0), minutes: 0 }), 400, undefined, 'minutes');
  expectError(await a.post(T(cust.id), { date: day(0), minutes: 1441 }), 400, undefined, 'minutes');
  expectError(await a.post(T(cust.id), { minutes: 10 }), 400, 'required', 'date');
  expectError(await a.post(T(cust.id), { date: day(0), minutes: 10, contract_id: 999999999 }), 400, 'unknown_reference', 'contract_id');
  // A contract with time booked on it is not deleted.
  expectError(await a.del(`${K(cust.id)}/${block.id}`), 409, 'in_use');
  assert.equal((await a.del(`${K(cust.id)}/${other.id}`)).status, 204);
  assert.equal(counts(cust.id).contracts, 1);
});

test('C1: one default contract per customer; setting a new one unsets the old, audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const one = expectOk(await a.post(K(cust.id), { name: 'One', type: 'standard', start_date: day(0), is_default: true }), 201);
  assert.equal(one.is_default, true);
  const two = expectOk(await a.post(K(cust.id), { name: 'Two', type: 'standard', start_date: day(0) }), 201);
  const r = expectOk(await a.patch(`${K(cust.id)}/${two.id}`, { is_default: true }, { ifMatch: '"1"' }));
  assert.equal(r.is_default, true);
  assert.equal(expectOk(await a.get(`${K(cust.id)}/${one.id}`)).is_default, false);
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).default_contract_id, two.id);
  const row = JSON.parse(sql(`SELECT changes FROM audit_log WHERE action = 'contract.updated' AND object_id = ${two.id}`));
  assert.deepEqual(row.default_contract_id, { old: one.id, new: two.id });
  // Taking it off the default leaves none; deleting the default too.
  expectOk(await a.patch(`${K(cust.id)}/${two.id}`, { is_default: false }, { ifMatch: '"1"' }));
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).default_contract_id, null);
  expectOk(await a.patch(`${K(cust.id)}/${one.id}`, { is_default: true }, { ifMatch: '"1"' }));
  assert.equal((await a.del(`${K(cust.id)}/${one.id}`)).status, 204);
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).default_contract_id, null);
});

test('C1: two clients setting two defaults at once leave one, each replacing the one before', async () => {
  const a = await admin();
  const b = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  for (let round = 0; round < 5; round++) {
    const cust = await makeCustomer();
    const ks = [];
    for (const name of ['Start', 'Left', 'Right']) {
      ks.push(expectOk(await a.post(K(cust.id), { name, type: 'standard', start_date: day(0), is_default: name === 'Start' }), 201));
    }
    const [start, left, right] = ks;
    const res = await Promise.all([
      a.patch(`${K(cust.id)}/${left.id}`, { is_default: true }, { ifMatch: '"1"' }),
      b.patch(`${K(cust.id)}/${right.id}`, { is_default: true }, { ifMatch: '"1"' }),
    ]);
    for (const r of res) expectOk(r);
    const list = expectOk(await a.get(K(cust.id)));
    const defaults = list.filter((x) => x.is_default);
    assert.equal(defaults.length, 1, `round ${round}: one default`);
    assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).default_contract_id, defaults[0].id);
    // The two changes form a chain: start -> first -> second.
    const chain = sql(`SELECT changes FROM audit_log WHERE action = 'contract.updated' AND customer_id = ${cust.id} ORDER BY id`)
      .split('\n').map((l) => JSON.parse(l).default_contract_id);
    assert.equal(chain.length, 2);
    assert.equal(chain[0].old, start.id);
    assert.equal(chain[1].old, chain[0].new);
    assert.equal(chain[1].new, defaults[0].id);
    assert.deepEqual([chain[0].new, chain[1].new].sort(), [left.id, right.id].sort());
  }
});

test('C8: a customer with contracts, invoices or projects is refused with 409, cascade or not', async () => {
  const a = await admin();
  for (const [kind, body] of [
    ['contracts', { name: 'Keep', type: 'standard', start_date: day(0) }],
    ['invoices', { number: `KEEP-${Date.now()}-${Math.random()}`, issue_date: day(0), currency: 'EUR', total_minor: 1 }],
    ['projects', { name: 'Keep', start_date: day(0) }],
  ]) {
    const cust = await makeCustomer();
    expectOk(await a.post(`/api/v1/customers/${cust.id}/${kind}`, body), 201);
    expectError(await a.del(`/api/v1/customers/${cust.id}`), 409, 'has_records', undefined, kind);
    expectError(await a.del(`/api/v1/customers/${cust.id}?cascade=true`), 409, 'has_records', undefined, kind);
    expectOk(await a.get(`/api/v1/customers/${cust.id}`));
  }
});
