// The customer timeline (H7): every area's events newest first, a kind
// filter, keyset paging on (occurred_at, id) with no gaps or repeats while
// new events arrive, and the indexes that keep both cheap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, roundTrips, sql } from './lib.mjs';

const T = (id) => `/api/v1/customers/${id}/timeline`;

// Appends an event straight to the table, as any area's write would.
function insertEvent(customerId, kind, at = 'UTC_TIMESTAMP(6)') {
  sql(`INSERT INTO timeline_events (customer_id, occurred_at, source, kind, summary)
       VALUES (${customerId}, ${at}, 'test', '${kind}', '${kind}')`);
}

async function allPages(client, path, limit) {
  const ids = [];
  let next = null;
  for (let guard = 0; guard < 100; guard++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}limit=${limit}${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    ids.push(...expectOk(res).map((e) => e.id));
    next = res.body.next ?? null;
    if (!next) return ids;
  }
  throw new Error('paging did not end');
}

test('H7: the events of every area, newest first, with actor and object', async () => {
  const a = await admin();
  const c = await makeCustomer();
  expectOk(await a.post(`/api/v1/customers/${c.id}/contacts`, { name: 'Tim Line' }), 201);
  expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'Depot' }), 201);
  const events = expectOk(await a.get(T(c.id)));
  const kinds = events.map((e) => e.kind);
  assert.deepEqual(kinds.slice(0, 2), ['location.created', 'contact.created']);
  assert.ok(kinds.includes('customer.created'));
  for (let i = 1; i < events.length; i++) {
    assert.ok(events[i - 1].occurred_at > events[i].occurred_at ||
      (events[i - 1].occurred_at === events[i].occurred_at && events[i - 1].id > events[i].id), 'newest first');
  }
  const contact = events.find((e) => e.kind === 'contact.created');
  assert.equal(contact.object.type, 'contact');
  assert.ok(contact.object.id > 0);
  assert.equal(typeof contact.actor.name, 'string');
  assert.match(contact.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test('H7: paging while events arrive: no gaps, no repeats; ties on occurred_at split by id', async () => {
  const a = await admin();
  const c = await makeCustomer();
  // Ten events at one instant, five earlier: the cursor must split ties.
  for (let i = 0; i < 10; i++) insertEvent(c.id, 'contact.updated', "'2020-01-01 00:00:00.000000'");
  for (let i = 0; i < 5; i++) insertEvent(c.id, 'location.updated', `'2019-12-31 23:59:5${i}.000000'`);
  const before = await allPages(a, T(c.id), 50);
  assert.equal(before.length, 16, 'the creation and 15 inserted');

  const seen = [];
  let next = null;
  let arrived = 0;
  for (;;) {
    const res = await a.get(`${T(c.id)}?limit=3${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    seen.push(...expectOk(res).map((e) => e.id));
    // A new event between every two page fetches: it is newer than the
    // cursor, so it belongs before the pages already read.
    insertEvent(c.id, 'contact.created');
    arrived++;
    next = res.body.next ?? null;
    if (!next) break;
  }
  assert.deepEqual(seen, before, 'exactly the events that were there, in order, once each');
  const after = await allPages(a, T(c.id), 50);
  assert.equal(after.length, before.length + arrived);
  assert.deepEqual(after.slice(arrived), before, 'the new ones came first');
});

test('H7: ?kind= filters by family (comma list), pages too, and refuses unknown kinds', async () => {
  const a = await admin();
  const c = await makeCustomer();
  for (let i = 0; i < 4; i++) insertEvent(c.id, 'contact.updated');
  for (let i = 0; i < 3; i++) insertEvent(c.id, 'device.created');
  insertEvent(c.id, 'contactx.updated');	// not the contact family
  const contacts = expectOk(await a.get(`${T(c.id)}?kind=contact`));
  assert.equal(contacts.length, 4);
  assert.ok(contacts.every((e) => e.kind === 'contact.updated'));
  const two = await allPages(a, `${T(c.id)}?kind=device,contact,device`, 2);
  assert.equal(two.length, 7);
  assert.equal(new Set(two).size, 7);
  assert.deepEqual(expectOk(await a.get(`${T(c.id)}?kind=invoice`)), []);
  expectError(await a.get(`${T(c.id)}?kind=bogus`), 400, 'invalid_choice', 'kind');
  expectError(await a.get(`${T(c.id)}?kind=contact%25`), 400, 'invalid_choice', 'kind');
  expectError(await a.get(`${T(c.id)}?kind=,`), 400, 'invalid_value', 'kind');
  expectError(await a.get(`${T(c.id)}?kind=contact&kind=device`), 400, 'repeated_parameter', 'kind');
  expectError(await a.get(`${T(c.id)}?kind=${'contact,'.repeat(60)}`), 400, undefined, 'kind');
});

test('H7: rejections: bad cursor, limit, unknown customer; read_only may read', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const forged = Buffer.from('5:yesterday').toString('base64url');
  expectError(await a.get(`${T(c.id)}?after=${forged}`), 400, 'invalid_cursor', 'after');
  expectError(await a.get(`${T(c.id)}?after=${Buffer.from('5:').toString('base64url')}`), 400, 'invalid_cursor', 'after');
  expectError(await a.get(`${T(c.id)}?limit=0`), 400, undefined, 'limit');
  expectError(await a.get(`${T(c.id)}?limit=201`), 400, undefined, 'limit');
  expectError(await a.get(T(999999999)), 404, 'not_found');
  const ro = await makeUser('read_only');
  assert.ok(expectOk(await ro.get(T(c.id))).length >= 1);
});

test('H7: the first page, a later page and a kind page read an index range', async () => {
  const c = await makeCustomer();
  // Enough events that the optimizer's choice is the one a large customer gets.
  sql(`INSERT INTO timeline_events (customer_id, occurred_at, source, kind, summary)
       SELECT ${c.id}, UTC_TIMESTAMP(6) - INTERVAL seq MINUTE, 'test',
              IF(seq % 200 = 0, 'contact.updated', 'device.updated'), 'x'
       FROM seq_1_to_2000`);
  sql('ANALYZE TABLE timeline_events');
  const plan = (q) => {
    const [, , , type, , key, , , , extra] = sql(`EXPLAIN ${q}`).split('\t');
    return { type, key, extra };
  };
  const order = 'ORDER BY occurred_at DESC, id DESC LIMIT 51';
  const first = plan(`SELECT id FROM timeline_events WHERE customer_id = ${c.id} ${order}`);
  assert.equal(first.key, 'timeline_customer');
  assert.doesNotMatch(first.extra, /filesort/);
  const later = plan(`SELECT id FROM timeline_events WHERE customer_id = ${c.id}
    AND (occurred_at < UTC_TIMESTAMP() - INTERVAL 1 DAY OR (occurred_at = UTC_TIMESTAMP() - INTERVAL 1 DAY AND id < 9)) ${order}`);
  assert.equal(later.key, 'timeline_customer');
  assert.equal(later.type, 'range');
  assert.doesNotMatch(later.extra, /filesort/);
  // As the handler binds a one-family filter: every slot holds the pattern.
  const slots = Array(8).fill("kind LIKE 'contact.%'").join(' OR ');
  const kind = plan(`SELECT id FROM timeline_events WHERE customer_id = ${c.id} AND (${slots}) ${order}`);
  assert.equal(kind.key, 'timeline_customer_kind');
  assert.equal(kind.type, 'range');
});

test('H7: a page of the timeline is two SQL round trips with the session check; an empty one three', async () => {
  const a = await admin();
  const c = await makeCustomer();
  assert.ok(expectOk(await a.get(T(c.id))).length > 0, 'the customer.created event');
  assert.equal(await roundTrips(a, T(c.id)), 2);
  assert.deepEqual(expectOk(await a.get(`${T(c.id)}?kind=device`)), []);
  assert.equal(await roundTrips(a, `${T(c.id)}?kind=device`), 3, 'an empty page checks that the customer exists');
});
