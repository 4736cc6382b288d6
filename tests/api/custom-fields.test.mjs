// C5 custom field definitions and values, C6 pinned fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { raw, makeUser, admin, expectError, expectOk, makeCustomer } from './lib.mjs';

const F = '/api/v1/custom-fields';
const PIN = '/api/v1/settings/pinned-fields';
const P = '/api/v1/customers';

function key(prefix = 'f') {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function makeField(type, label) {
  const a = await admin();
  const k = key(type);
  const d = expectOk(await a.post(F, { key: k, label: label ?? `Label ${type}`, type }), 201);
  return d;
}

test('C5: admin creates a field of each type; everyone can list them', async () => {
  const a = await admin();
  const ro = await makeUser('read_only');
  const made = [];
  for (const type of ['text', 'number', 'date', 'boolean', 'url']) {
    const k = key(type);
    const r = await a.post(F, { key: k, label: `My ${type}`, type });
    const d = expectOk(r, 201);
    assert.equal(d.key, k);
    assert.equal(d.type, type);
    assert.equal(d.label, `My ${type}`);
    assert.equal(d.version, 1);
    assert.equal(r.headers.get('etag'), '"1"');
    made.push(d);
  }
  const list = expectOk(await ro.get(F));
  for (const d of made) assert.deepEqual(list.find((x) => x.id === d.id), d);
});

test('C5: definition rejections: invalid type/key 400, duplicate 409, non-admin 403, 401, 415', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  expectError(await a.post(F, { key: key(), label: 'L', type: 'money' }), 400, 'invalid_choice', 'type');
  expectError(await a.post(F, { key: 'Bad-Key', label: 'L', type: 'text' }), 400, 'invalid_key', 'key');
  expectError(await a.post(F, { key: '1abc', label: 'L', type: 'text' }), 400, 'invalid_key', 'key');
  expectError(await a.post(F, { key: 'k'.repeat(41), label: 'L', type: 'text' }), 400, 'too_long', 'key');
  expectError(await a.post(F, { label: 'L', type: 'text' }), 400, 'required', 'key');
  expectError(await a.post(F, { key: key(), type: 'text' }), 400, 'required', 'label');
  expectError(await a.post(F, { key: key(), label: 'L' }), 400, 'required', 'type');
  const d = await makeField('text');
  expectError(await a.post(F, { key: d.key, label: 'Other', type: 'number' }), 409, 'duplicate_key', 'key');
  expectError(await tech.post(F, { key: key(), label: 'L', type: 'text' }), 403, 'forbidden');
  expectError(await raw('POST', F, { headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: key(), label: 'L', type: 'text' }) }), 401, 'no_session');
  expectError(await raw('GET', F), 401, 'no_session');
  expectError(await a.post(F, 'key=x', { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  expectError(await a.post(F, { key: key(), label: 'L', type: 'text' }, { headers: { 'X-CSRF-Token': 'x' } }),
    403, 'csrf_failed');
});

test('C5: PATCH changes only the label, with If-Match; DELETE is admin only', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const d = await makeField('text');
  const r = await a.patch(`${F}/${d.id}`, { label: 'Renamed' }, { ifMatch: '"1"' });
  assert.equal(expectOk(r).label, 'Renamed');
  assert.equal(r.headers.get('etag'), '"2"');
  expectError(await a.patch(`${F}/${d.id}`, { label: 'Stale' }, { ifMatch: '"1"' }), 409, 'version_conflict');
  expectError(await a.patch(`${F}/${d.id}`, { label: 'No' }), 428, 'if_match_required');
  expectError(await a.patch(`${F}/${d.id}`, { type: 'number' }, { ifMatch: '"2"' }), 400, 'read_only_field', 'type');
  expectError(await a.patch(`${F}/${d.id}`, { key: 'other' }, { ifMatch: '"2"' }), 400, 'read_only_field', 'key');
  expectError(await a.patch(`${F}/9007199254740990`, { label: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await tech.patch(`${F}/${d.id}`, { label: 'x' }, { ifMatch: '"2"' }), 403, 'forbidden');
  expectError(await tech.del(`${F}/${d.id}`), 403, 'forbidden');
  assert.equal((await a.del(`${F}/${d.id}`)).status, 204);
  expectError(await a.del(`${F}/${d.id}`), 404, 'not_found');
  assert.ok(!expectOk(await a.get(F)).some((x) => x.id === d.id));
});

test('C5: values are validated by type on customer POST and PATCH', async () => {
  const a = await admin();
  const f = {};
  for (const type of ['text', 'number', 'date', 'boolean', 'url']) f[type] = await makeField(type);
  const good = {
    [f.text.key]: 'Some text ✓', [f.number.key]: 12.5, [f.date.key]: '2024-02-29',
    [f.boolean.key]: true, [f.url.key]: 'https://example.com/x',
  };
  const c = expectOk(await a.post(P, { name: 'CF customer', custom_fields: good }), 201);
  assert.deepEqual(c.custom_fields, good);
  assert.deepEqual(expectOk(await a.get(`${P}/${c.id}`)).custom_fields, good);
  const bad = [
    [f.number.key, 'twelve', 'invalid_number'], [f.number.key, '12', 'invalid_number'],
    [f.date.key, '2023-02-29', 'invalid_date'], [f.date.key, '29.02.2024', 'invalid_date'],
    [f.boolean.key, 'yes', 'invalid_boolean'], [f.boolean.key, 1, 'invalid_boolean'],
    [f.url.key, 'not a url', 'invalid_url'], [f.text.key, 'x'.repeat(1001), 'too_long'],
    [f.text.key, 5, 'invalid_type'],
  ];
  for (const [k, v, code] of bad) {
    expectError(await a.post(P, { name: 'CF bad', custom_fields: { [k]: v } }), 400, code, `custom.${k}`);
    expectError(await a.patch(`${P}/${c.id}`, { custom_fields: { [k]: v } }, { ifMatch: `"${c.version}"` }),
      400, code, `custom.${k}`);
  }
  expectError(await a.post(P, { name: 'CF bad', custom_fields: { no_such_field_xyz: 1 } }), 400, 'unknown_field',
    'custom.no_such_field_xyz');
  // nothing was written by the rejected requests
  assert.deepEqual(expectOk(await a.get(`${P}/${c.id}`)).custom_fields, good);
});

test('C5: PATCH of custom values updates them, null clears, audit shows custom.<key> old → new, version moves', async () => {
  const a = await admin();
  const t = await makeField('text');
  const n = await makeField('number');
  const c = await makeCustomer({ custom_fields: { [t.key]: 'before', [n.key]: 1 } });
  const r = await a.patch(`${P}/${c.id}`, { custom_fields: { [t.key]: 'after', [n.key]: null } }, { ifMatch: '"1"' });
  const d = expectOk(r);
  assert.deepEqual(d.custom_fields, { [t.key]: 'after' });
  const audit = expectOk(await a.get(`${P}/${c.id}/audit?limit=1`))[0];
  assert.equal(audit.action, 'customer.updated');
  assert.deepEqual(audit.changes[`custom.${t.key}`], { old: 'before', new: 'after' });
  assert.deepEqual(audit.changes[`custom.${n.key}`], { old: 1, new: null });
  // a change of custom values is a change of the record: the ETag must move,
  // or a concurrent editor holding the old ETag silently overwrites it
  assert.equal(d.version, 2, 'version after a custom-field-only change');
  assert.equal(r.headers.get('etag'), '"2"');
  expectError(await a.patch(`${P}/${c.id}`, { custom_fields: { [t.key]: 'lost update' } }, { ifMatch: '"1"' }),
    409, 'version_conflict');
});

test('C6: pinned fields GET for everyone, with the available fields', async () => {
  const ro = await makeUser('read_only');
  const r = await ro.get(PIN);
  const d = expectOk(r);
  assert.ok(Array.isArray(d));
  assert.ok(d.length >= 3 && d.length <= 6);
  const names = r.body.available.map((x) => x.name);
  for (const n of ['phone', 'rank', 'city', 'ticket_limit', 'locations_count', 'primary_location']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('name'));
  for (const p of d) assert.ok(names.includes(p), `${p} is available`);
  expectError(await raw('GET', PIN), 401, 'no_session');
});

test('C6: PUT pinned fields: 3..6 accepted in order; 2 and 7 → 422 pinned_fields_count', async () => {
  const a = await admin();
  const before = expectOk(await a.get(PIN));
  const cf = await makeField('text', 'Pinned custom');
  try {
    const three = ['city', 'phone', 'rank'];
    assert.deepEqual(expectOk(await a.put(PIN, three)), three);
    assert.deepEqual(expectOk(await a.get(PIN)), three);
    const six = ['ticket_limit', `custom.${cf.key}`, 'locations_count', 'primary_location', 'website', 'country'];
    assert.deepEqual(expectOk(await a.put(PIN, six)), six);
    assert.deepEqual(expectOk(await a.get(PIN)), six);
    // a pinned custom field cannot be deleted
    expectError(await a.del(`${F}/${cf.id}`), 409, 'pinned_field');
    const two = await a.put(PIN, ['city', 'phone']);
    const e2 = expectError(two, 422, 'pinned_fields_count');
    assert.match(e2.message, /at least 3/);
    assert.match(e2.message, /2 given/);
    const seven = await a.put(PIN, ['city', 'phone', 'rank', 'fax', 'website', 'country', 'region']);
    const e7 = expectError(seven, 422, 'pinned_fields_count');
    assert.match(e7.message, /at most 6/);
    assert.match(e7.message, /7 given/);
    expectError(await a.put(PIN, []), 422, 'pinned_fields_count');
    expectError(await a.put(PIN, ['city', 'phone', 'no_such_field']), 400, 'invalid_choice', 'no_such_field');
    expectError(await a.put(PIN, ['city', 'phone', 'name']), 400, 'invalid_choice', 'name');
    expectError(await a.put(PIN, ['city', 'phone', 'custom.does_not_exist']), 400, 'invalid_choice');
    expectError(await a.put(PIN, ['city', 'phone', 'city']), 400, 'duplicate', 'city');
    expectError(await a.put(PIN, ['city', 'phone', 3]), 400, 'invalid_choice');
    expectError(await a.put(PIN, { fields: ['city', 'phone', 'rank'] }), 400, 'invalid_json');
    expectError(await a.put(PIN, '[', {}), 400, 'invalid_json');
    assert.deepEqual(expectOk(await a.get(PIN)), six, 'rejected PUTs change nothing');
  } finally {
    expectOk(await a.put(PIN, before));
    await a.del(`${F}/${cf.id}`);
  }
});

test('C6: PUT pinned fields: non-admin 403, no session 401, CSRF 403, 415', async () => {
  const a = await admin();
  const before = expectOk(await a.get(PIN));
  for (const role of ['technician', 'account_manager', 'read_only']) {
    const u = await makeUser(role);
    expectError(await u.put(PIN, ['city', 'phone', 'rank']), 403, 'forbidden');
  }
  expectError(await raw('PUT', PIN, { headers: { 'Content-Type': 'application/json' }, body: '["city","phone","rank"]' }),
    401, 'no_session');
  expectError(await a.put(PIN, ['city', 'phone', 'rank'], { headers: { 'X-CSRF-Token': undefined } }), 403, 'csrf_failed');
  expectError(await a.put(PIN, '["city","phone","rank"]', { headers: { 'Content-Type': 'text/plain' } }),
    415, 'unsupported_media_type');
  assert.deepEqual(expectOk(await a.get(PIN)), before);
});
