// C11: bulk upsert of customers by external_ref.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raw, makeUser, admin, sql, q, expectError, expectOk, uniq } from './lib.mjs';

const B = '/api/v1/customers/bulk';

function countRef(prefix) {
  return Number(sql(`SELECT COUNT(*) FROM customers WHERE external_ref LIKE ${q(`${prefix}%`)}`));
}

test('C11: mixed good and bad records → per-record created / rejected with reason', async () => {
  const a = await admin();
  const p = uniq('bulk');
  const records = [
    { name: 'Good One', external_ref: `${p}-1`, city: 'Oslo' },
    { name: '', external_ref: `${p}-2` },
    { name: 'No ref' },
    { name: 'Bad url', external_ref: `${p}-3`, website: 'nope' },
    { name: 'Good Two', external_ref: `${p}-4`, ticket_limit: 3 },
    'not an object',
    { name: 'Unknown field', external_ref: `${p}-5`, colour: 'red' },
    { name: 'Bad rank', external_ref: `${p}-6`, rank: 'NOT-A-RANK' },
  ];
  const res = expectOk(await a.post(B, records));
  assert.equal(res.length, records.length);
  res.forEach((r, i) => assert.equal(r.index, i));
  assert.equal(res[0].result, 'created');
  assert.ok(Number.isInteger(res[0].id));
  assert.equal(res[0].external_ref, `${p}-1`);
  assert.equal(res[4].result, 'created');
  const rej = (i, code, field) => {
    assert.equal(res[i].result, 'rejected', `record ${i}`);
    assert.equal(res[i].error.code, code, `record ${i} code`);
    assert.equal(typeof res[i].error.message, 'string');
    if (field) assert.equal(res[i].error.field, field, `record ${i} field`);
    assert.ok(!('id' in res[i]));
  };
  rej(1, 'required', 'name');
  rej(2, 'required', 'external_ref');
  rej(3, 'invalid_url', 'website');
  rej(5, 'invalid_json');
  rej(6, 'unknown_field', 'colour');
  rej(7, 'invalid_choice', 'rank');
  assert.equal(countRef(p), 2);
  const one = expectOk(await a.get(`/api/v1/customers/${res[0].id}`));
  assert.equal(one.name, 'Good One');
  assert.equal(one.city, 'Oslo');
  assert.equal(one.external_ref, `${p}-1`);
  // a record does not inherit fields from the record before it
  const two = expectOk(await a.get(`/api/v1/customers/${res[4].id}`));
  assert.equal(two.city, null);
  assert.equal(two.ticket_limit, 3);
});

test('C11: a record refused after its row was written leaves nothing behind', async () => {
  const a = await admin();
  const p = uniq('half');
  // The custom value is checked after the customer row is inserted, inside
  // the record's transaction: its refusal must take the row back out.
  const res = expectOk(await a.post(B, [
    { name: 'Half Written', external_ref: `${p}-1`, custom_fields: { [`no_such_${p.replace(/-/g, '_')}`]: 'x' } },
    { name: 'Whole', external_ref: `${p}-2` },
  ]));
  assert.equal(res[0].result, 'rejected');
  assert.equal(res[0].error.code, 'unknown_field');
  assert.match(res[0].error.field, /^custom\./);
  assert.equal(res[1].result, 'created');
  assert.equal(countRef(p), 1, 'only the good record exists');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE changes LIKE ${q(`%${p}-1%`)}`), '0',
    'no audit row for the refused record');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE changes LIKE ${q(`%${p}-2%`)}`), '1',
    'the good record is audited');
});

test('C11: idempotent by external_ref: second run updates (changed or not), no duplicates', async () => {
  const a = await admin();
  const p = uniq('idem');
  const records = [
    { name: 'Idem A', external_ref: `${p}-a`, phone: '1' },
    { name: 'Idem B', external_ref: `${p}-b` },
    { name: 'Idem C', external_ref: `${p}-c` },
  ];
  const first = expectOk(await a.post(B, records));
  assert.deepEqual(first.map((r) => r.result), ['created', 'created', 'created']);
  assert.equal(countRef(p), 3);
  const again = expectOk(await a.post(B, records));
  assert.deepEqual(again.map((r) => r.result), ['updated', 'updated', 'updated']);
  assert.deepEqual(again.map((r) => r.changed), [false, false, false]);
  assert.deepEqual(again.map((r) => r.id), first.map((r) => r.id));
  assert.equal(countRef(p), 3);
  const vBefore = expectOk(await a.get(`/api/v1/customers/${first[1].id}`)).version;
  const third = expectOk(await a.post(B, [{ ...records[0], phone: '2' }, records[1]]));
  assert.equal(third[0].result, 'updated');
  assert.equal(third[0].changed, true);
  assert.equal(third[1].changed, false);
  assert.equal(expectOk(await a.get(`/api/v1/customers/${first[0].id}`)).phone, '2');
  assert.equal(expectOk(await a.get(`/api/v1/customers/${first[1].id}`)).version, vBefore, 'unchanged is untouched');
  assert.equal(countRef(p), 3);
  // the same ref twice in one request: created then updated, one row
  const dup = expectOk(await a.post(B, [{ name: 'Twice 1', external_ref: `${p}-t` }, { name: 'Twice 2', external_ref: `${p}-t` }]));
  assert.deepEqual(dup.map((r) => r.result), ['created', 'updated']);
  assert.equal(dup[0].id, dup[1].id);
  assert.equal(countRef(`${p}-t`), 1);
  assert.equal(expectOk(await a.get(`/api/v1/customers/${dup[0].id}`)).name, 'Twice 2');
  // audit rows: one create per customer, one update only for the real change
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE customer_id = ${first[0].id} AND action = 'customer.updated'`), '1');
});

test('C11: size limits: empty array and more than 1000 records → 422 bulk_size', async () => {
  const a = await admin();
  const p = uniq('size');
  expectError(await a.post(B, []), 422, 'bulk_size');
  const many = Array.from({ length: 1001 }, (_, i) => ({ name: `N${i}`, external_ref: `${p}-${i}` }));
  const r = await a.post(B, many);
  expectError(r, 422, 'bulk_size');
  assert.match(r.body.error.message, /1001/);
  assert.equal(countRef(p), 0);
});

test('C11: body must be a JSON array; 415, 413, 401, 403', async () => {
  const a = await admin();
  const ro = await makeUser('read_only');
  const p = uniq('shape');
  expectError(await a.post(B, { name: 'x', external_ref: p }), 400, 'invalid_json');
  expectError(await a.post(B, '"string"'), 400, 'invalid_json');
  expectError(await a.post(B, '[{"name":'), 400, 'invalid_json');
  expectError(await a.post(B, JSON.stringify([{ name: 'x', external_ref: p }]), { headers: { 'Content-Type': 'text/csv' } }),
    415, 'unsupported_media_type');
  expectError(await raw('POST', B, { headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([{ name: 'x', external_ref: p }]) }), 401, 'no_session');
  expectError(await ro.post(B, [{ name: 'x', external_ref: p }]), 403, 'forbidden');
  expectError(await a.post(B, [{ name: 'x', external_ref: p }], { headers: { 'X-CSRF-Token': undefined } }),
    403, 'csrf_failed');
  // over the 2 MiB program limit (under nginx's 4m for this path)
  const big = JSON.stringify([{ name: 'x', external_ref: p, notes: 'n'.repeat(2 * 1024 * 1024) }]);
  expectError(await a.post(B, big), 413, 'too_large');
  assert.equal(countRef(p), 0);
});

test('C11: technician and account_manager may bulk upsert; results carry ids that exist', async () => {
  const p = uniq('roles');
  for (const role of ['technician', 'account_manager']) {
    const u = await makeUser(role);
    const r = expectOk(await u.post(B, [{ name: `By ${role}`, external_ref: `${p}-${role}` }]));
    assert.equal(r[0].result, 'created');
    assert.equal(expectOk(await u.get(`/api/v1/customers/${r[0].id}`)).name, `By ${role}`);
  }
  assert.equal(countRef(p), 2);
});
