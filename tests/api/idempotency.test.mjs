// Idempotency-Key on POST (runtime issue §1): a client whose connection
// dropped after it sent a POST can send it again with the same key and
// get the first reply, with nothing written twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql, uniq } from './lib.mjs';

const key = () => uniq('idem');
const count = (name) => sql(`SELECT COUNT(*) FROM customers WHERE name = '${name}'`);

test('a POST repeated with the same key gets the stored reply; one customer, one audit row', async () => {
  const a = await admin();
  const k = key();
  const name = uniq('Idem');
  const first = await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } });
  const c = expectOk(first, 201);
  const again = await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, first.body);
  assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  assert.equal(again.headers.get('location'), first.headers.get('location'));
  assert.equal(count(name), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'customer.created' AND object_id = ${c.id}`), '1');
});

test('the same key with another body is 422 and writes nothing', async () => {
  const a = await admin();
  const k = key();
  expectOk(await a.post('/api/v1/customers', { name: uniq('One') }, { headers: { 'Idempotency-Key': k } }), 201);
  const other = uniq('Other');
  expectError(await a.post('/api/v1/customers', { name: other }, { headers: { 'Idempotency-Key': k } }),
    422, 'idempotency_key_reused');
  assert.equal(count(other), '0');
});

test('the same request sent twice at once with one key: one customer, both get its reply', async () => {
  const a = await admin();
  const k = key();
  const name = uniq('Race');
  const res = await Promise.all([1, 2, 3].map(() =>
    a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } })));
  const ids = res.map((r) => expectOk(r, 201).id);
  assert.equal(new Set(ids).size, 1, `one id: ${ids}`);
  assert.equal(count(name), '1');
});

test('a request the connection loss failed is done by its repeat (the key was not stored)', async () => {
  const a = await admin();
  const k = key();
  const name = uniq('Lost');
  const lost = await a.post('/api/v1/customers', { name },
    { headers: { 'Idempotency-Key': k, 'X-Msphub-Fault': '5:lost' } });
  assert.ok(lost.headers.get('x-msphub-fault-fired'));
  expectError(lost, 503, 'service_unavailable');
  assert.equal(count(name), '0');
  const again = await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } });
  expectOk(again, 201);
  assert.equal(again.headers.get('idempotent-replayed'), null);
  assert.equal(count(name), '1');
});

test('keys belong to their user: another user with the same key is a new request', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const k = key();
  const name = uniq('Mine');
  expectOk(await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } }), 201);
  const theirs = await tech.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } });
  expectOk(theirs, 201);
  assert.equal(theirs.headers.get('idempotent-replayed'), null);
  assert.equal(count(name), '2');
});

test('a key expires after 24 hours', async () => {
  const a = await admin();
  const k = key();
  const name = uniq('Old');
  expectOk(await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } }), 201);
  sql(`UPDATE idempotency_keys SET created_at = created_at - INTERVAL 25 HOUR WHERE idem_key = '${k}'`);
  const again = await a.post('/api/v1/customers', { name }, { headers: { 'Idempotency-Key': k } });
  expectOk(again, 201);
  assert.equal(again.headers.get('idempotent-replayed'), null);
  assert.equal(count(name), '2');
});

test('a malformed key is 400; a failed request (4xx) stores nothing', async () => {
  const a = await admin();
  for (const bad of ['x'.repeat(256), 'has space', 'tab\tkey']) {
    expectError(await a.post('/api/v1/customers', { name: uniq('Bad') }, { headers: { 'Idempotency-Key': bad } }),
      400, 'invalid_idempotency_key', 'Idempotency-Key', JSON.stringify(bad));
  }
  const k = key();
  expectError(await a.post('/api/v1/customers', { name: '' }, { headers: { 'Idempotency-Key': k } }), 400);
  assert.equal(sql(`SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = '${k}'`), '0');
});

test('POST on a sub-resource and a verb route honour keys too', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const k = key();
  const first = expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'HQ' },
    { headers: { 'Idempotency-Key': k } }), 201);
  const again = expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'HQ' },
    { headers: { 'Idempotency-Key': k } }), 201);
  assert.equal(again.id, first.id);
  assert.equal(sql(`SELECT COUNT(*) FROM locations WHERE customer_id = ${c.id}`), '1');
  const k2 = key();
  expectOk(await a.post(`/api/v1/customers/${c.id}/archive`, undefined, { headers: { 'Idempotency-Key': k2 } }));
  const rep = await a.post(`/api/v1/customers/${c.id}/archive`, undefined, { headers: { 'Idempotency-Key': k2 } });
  assert.equal(rep.headers.get('idempotent-replayed'), 'true');
});

test('bulk (one transaction per record) stores its reply after the last record', async () => {
  const a = await admin();
  const k = key();
  const body = [{ name: uniq('B'), external_ref: uniq('bref') }];
  const first = expectOk(await a.post('/api/v1/customers/bulk', body, { headers: { 'Idempotency-Key': k } }));
  const again = await a.post('/api/v1/customers/bulk', body, { headers: { 'Idempotency-Key': k } });
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(expectOk(again), first);
});
