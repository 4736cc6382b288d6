// §7: the customer read path. Counts kept on write and custom values read
// row by row must show exactly what the tables hold, after every write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { admin, sql, uniq, expectError, expectOk, makeCustomer } from './lib.mjs';

const P = '/api/v1/customers';

// The count as the record, the list row and the table each see it.
async function counts(a, c) {
  const rec = await a.get(`${P}/${c.id}`);
  const row = expectOk(await a.get(`${P}?q=${encodeURIComponent(c.name)}`))
    .find((x) => x.id === c.id);
  return {
    record: expectOk(rec).locations_count,
    list: row.locations_count,
    table: Number(sql(`SELECT COUNT(*) FROM locations WHERE customer_id = ${c.id}`)),
    etag: rec.headers.get('etag'),
  };
}

test('§7: locations_count follows every location write, refused ones included; the ETag does not move', async () => {
  const a = await admin();
  const c = await makeCustomer({ name: uniq('Count') });
  const L = `${P}/${c.id}/locations`;
  const want = (n) => ({ record: n, list: n, table: n, etag: '"1"' });
  assert.deepEqual(await counts(a, c), want(0));
  const hq = expectOk(await a.post(L, { name: 'HQ' }), 201);
  assert.deepEqual(await counts(a, c), want(1));
  const b1 = expectOk(await a.post(L, { name: 'B1' }), 201);
  expectOk(await a.post(L, { name: 'B2', is_primary: true }), 201);
  assert.deepEqual(await counts(a, c), want(3));
  expectError(await a.post(L, { city: 'no name' }), 400, 'required');
  expectError(await a.post(L, { name: 'x', country: 'ZZZ' }), 400);
  assert.deepEqual(await counts(a, c), want(3));
  expectOk(await a.patch(`${L}/${hq.id}`, { is_primary: true }, { ifMatch: '"2"' }));
  expectError(await a.del(`${L}/${hq.id}`), 422, 'primary_required');
  assert.deepEqual(await counts(a, c), want(3));
  assert.equal((await a.del(`${L}/${b1.id}`)).status, 204);
  expectError(await a.del(`${L}/${b1.id}`), 404, 'not_found');
  assert.deepEqual(await counts(a, c), want(2));
  // another customer's location id is 404 and changes neither count
  const other = await makeCustomer({ name: uniq('Other') });
  expectError(await a.del(`${P}/${other.id}/locations/${hq.id}`), 404, 'not_found');
  assert.deepEqual(await counts(a, c), want(2));
  assert.deepEqual(await counts(a, other), want(0));
});

test('§7: custom values are shown one per field with their JSON type; none is {}; a deleted field is gone', async () => {
  const a = await admin();
  const k = (t) => `${t}_${randomBytes(4).toString('hex')}`;
  const defs = {};
  for (const type of ['text', 'number', 'boolean', 'date', 'url'])
    defs[type] = expectOk(await a.post('/api/v1/custom-fields', { key: k(type), label: type, type }), 201);
  const values = {
    [defs.text.key]: 'Gold "plus" ü',
    [defs.number.key]: 42.5,
    [defs.boolean.key]: false,
    [defs.date.key]: '2026-01-31',
    [defs.url.key]: 'https://example.com/a',
  };
  const loc = { name: 'Main' };
  const c = await makeCustomer({ custom_fields: values });
  expectOk(await a.post(`${P}/${c.id}/locations`, loc), 201);
  expectOk(await a.post(`${P}/${c.id}/locations`, { name: 'Second' }), 201);
  const got = expectOk(await a.get(`${P}/${c.id}`));
  assert.deepEqual(got.custom_fields, values);
  // one value row per field must not repeat or drop the joined references
  assert.equal(got.locations_count, 2);
  assert.equal(got.primary_location.name, 'Main');
  assert.deepEqual(Object.keys(got).filter((x) => x === 'custom_fields'), ['custom_fields']);
  assert.deepEqual(expectOk(await a.get(`${P}/${(await makeCustomer()).id}`)).custom_fields, {});
  assert.equal((await a.del(`/api/v1/custom-fields/${defs.number.id}`)).status, 204);
  const rest = { ...values };
  delete rest[defs.number.key];
  assert.deepEqual(expectOk(await a.get(`${P}/${c.id}`)).custom_fields, rest);
});
