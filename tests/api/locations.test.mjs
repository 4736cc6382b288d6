// L1: a customer's locations; exactly one primary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raw, makeUser, admin, sql, expectError, expectOk, makeCustomer } from './lib.mjs';

const L = (cid) => `/api/v1/customers/${cid}/locations`;

function primaries(cid) {
  return sql(`SELECT id FROM locations WHERE customer_id = ${cid} AND is_primary = 1`).split('\n').filter(Boolean).map(Number);
}

test('L1: create (first is primary), get, list, patch, delete', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const r = await a.post(L(c.id), { name: '  HQ  ', city: 'Berlin', country: 'de', address_line1: 'Str. 1' });
  const hq = expectOk(r, 201);
  assert.equal(hq.name, 'HQ');
  assert.equal(hq.country, 'DE');
  assert.equal(hq.status, 'active');
  assert.equal(hq.is_primary, true);
  assert.equal(hq.customer_id, c.id);
  assert.equal(hq.version, 1);
  assert.equal(r.headers.get('etag'), '"1"');
  const br = expectOk(await a.post(L(c.id), { name: 'Branch', status: 'inactive' }), 201);
  assert.equal(br.is_primary, false);
  assert.equal(br.status, 'inactive');
  assert.deepEqual(expectOk(await a.get(`${L(c.id)}/${hq.id}`)), hq);
  const list = expectOk(await a.get(L(c.id)));
  assert.deepEqual(list.map((x) => x.id), [hq.id, br.id]);
  const cust = expectOk(await a.get(`/api/v1/customers/${c.id}`));
  assert.equal(cust.locations_count, 2);
  assert.deepEqual(cust.primary_location, { id: hq.id, name: 'HQ' });
  const p = await a.patch(`${L(c.id)}/${br.id}`, { status: 'closed', city: 'Paris' }, { ifMatch: '"1"' });
  const pd = expectOk(p);
  assert.equal(pd.status, 'closed');
  assert.equal(pd.city, 'Paris');
  assert.equal(pd.version, 2);
  assert.equal(p.headers.get('etag'), '"2"');
  // paging
  const p1 = await a.get(`${L(c.id)}?limit=1`);
  assert.deepEqual(expectOk(p1).map((x) => x.id), [hq.id]);
  assert.equal(typeof p1.body.next, 'string', 'an opaque cursor');
  assert.deepEqual(expectOk(await a.get(`${L(c.id)}?limit=1&after=${p1.body.next}`)).map((x) => x.id), [br.id]);
  const del = await a.del(`${L(c.id)}/${br.id}`);
  assert.equal(del.status, 204);
  expectError(await a.get(`${L(c.id)}/${br.id}`), 404, 'not_found');
  expectError(await a.del(`${L(c.id)}/${br.id}`), 404, 'not_found');
  assert.equal(expectOk(await a.get(`/api/v1/customers/${c.id}`)).locations_count, 1);
});

test('L1: setting another location primary moves the flag; exactly one primary', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const l1 = expectOk(await a.post(L(c.id), { name: 'One' }), 201);
  const l2 = expectOk(await a.post(L(c.id), { name: 'Two' }), 201);
  assert.deepEqual(primaries(c.id), [l1.id]);
  const p = expectOk(await a.patch(`${L(c.id)}/${l2.id}`, { is_primary: true }, { ifMatch: '"1"' }));
  assert.equal(p.is_primary, true);
  assert.deepEqual(primaries(c.id), [l2.id]);
  const old = expectOk(await a.get(`${L(c.id)}/${l1.id}`));
  assert.equal(old.is_primary, false);
  assert.equal(old.version, 2, 'losing the flag is a change of the location');
  const lost = sql(`SELECT changes FROM audit_log WHERE object_type = 'location' AND object_id = ${l1.id}
    AND action = 'location.updated'`);
  assert.deepEqual(JSON.parse(lost).is_primary, { old: true, new: false }, 'and it is audited');
  // a new location created as primary takes the flag too
  const l3 = expectOk(await a.post(L(c.id), { name: 'Three', is_primary: true }), 201);
  assert.equal(l3.is_primary, true);
  assert.deepEqual(primaries(c.id), [l3.id]);
  assert.deepEqual(expectOk(await a.get(`/api/v1/customers/${c.id}`)).primary_location, { id: l3.id, name: 'Three' });
});

test('L1: unsetting the only primary → 422 primary_required', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const l1 = expectOk(await a.post(L(c.id), { name: 'One' }), 201);
  expectOk(await a.post(L(c.id), { name: 'Two' }), 201);
  const r = await a.patch(`${L(c.id)}/${l1.id}`, { is_primary: false }, { ifMatch: '"1"' });
  expectError(r, 422, 'primary_required');
  assert.deepEqual(primaries(c.id), [l1.id]);
});

test('L1: the primary site cannot be deleted while others exist; the last one can', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const l1 = expectOk(await a.post(L(c.id), { name: 'One' }), 201);
  const l2 = expectOk(await a.post(L(c.id), { name: 'Two' }), 201);
  expectError(await a.del(`${L(c.id)}/${l1.id}`), 422, 'primary_required');
  assert.deepEqual(primaries(c.id), [l1.id], 'nothing changed');
  expectOk(await a.patch(`${L(c.id)}/${l2.id}`, { is_primary: true }, { ifMatch: '"1"' }));
  assert.equal((await a.del(`${L(c.id)}/${l1.id}`)).status, 204);
  assert.equal((await a.del(`${L(c.id)}/${l2.id}`)).status, 204, 'the last location may go');
  const cust = expectOk(await a.get(`/api/v1/customers/${c.id}`));
  assert.equal(cust.locations_count, 0);
  assert.equal(cust.primary_location, null);
});

test('L1: status must be active, inactive or closed; other invalid fields → 400', async () => {
  const a = await admin();
  const c = await makeCustomer();
  for (const status of ['open', 'ACTIVE', '', 'deleted']) {
    expectError(await a.post(L(c.id), { name: 'S', status }), 400, 'invalid_choice', 'status');
  }
  expectError(await a.post(L(c.id), { name: 'S', status: null }), 400, 'required', 'status');
  expectError(await a.post(L(c.id), { name: '' }), 400, 'required', 'name');
  expectError(await a.post(L(c.id), {}), 400, 'required', 'name');
  expectError(await a.post(L(c.id), { name: 'x'.repeat(201) }), 400, 'too_long', 'name');
  expectError(await a.post(L(c.id), { name: 'S', country: 'Germany' }), 400, 'invalid_country', 'country');
  expectError(await a.post(L(c.id), { name: 'S', is_primary: 'yes' }), 400, 'invalid_boolean', 'is_primary');
  expectError(await a.post(L(c.id), { name: 'S', customer_id: 1 }), 400, 'unknown_field', 'customer_id');
  const l = expectOk(await a.post(L(c.id), { name: 'S' }), 201);
  for (const status of ['active', 'inactive', 'closed']) {
    const v = expectOk(await a.get(`${L(c.id)}/${l.id}`)).version;
    assert.equal(expectOk(await a.patch(`${L(c.id)}/${l.id}`, { status }, { ifMatch: `"${v}"` })).status, status);
  }
  expectError(await a.patch(`${L(c.id)}/${l.id}`, { status: 'gone' }, { ifMatch: '"1"' }), 400, 'invalid_choice', 'status');
  expectError(await a.get(`${L(c.id)}?limit=0`), 400, 'out_of_range', 'limit');
  expectError(await a.get(`${L(c.id)}?limit=201`), 400, 'out_of_range', 'limit');
  assert.equal(sql(`SELECT COUNT(*) FROM locations WHERE customer_id = ${c.id}`), '1');
});

test('L1: a location under another customer → 404 for GET, PATCH, DELETE', async () => {
  const a = await admin();
  const c1 = await makeCustomer();
  const c2 = await makeCustomer();
  const l = expectOk(await a.post(L(c1.id), { name: 'Mine' }), 201);
  expectError(await a.get(`${L(c2.id)}/${l.id}`), 404, 'not_found');
  expectError(await a.patch(`${L(c2.id)}/${l.id}`, { name: 'Stolen' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${L(c2.id)}/${l.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await a.get(L(c2.id))), []);
  const still = expectOk(await a.get(`${L(c1.id)}/${l.id}`));
  assert.equal(still.name, 'Mine');
  assert.equal(still.version, 1);
  // unknown customer / location
  expectError(await a.get(L(9007199254740990)), 404, 'not_found');
  expectError(await a.post(L(9007199254740990), { name: 'X' }), 404, 'not_found');
  expectError(await a.get(`${L(c1.id)}/9007199254740990`), 404, 'not_found');
});

test('L1: PATCH If-Match: stale 409 with the current location, missing 428', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const l = expectOk(await a.post(L(c.id), { name: 'Site' }), 201);
  expectOk(await a.patch(`${L(c.id)}/${l.id}`, { city: 'A' }, { ifMatch: '"1"' }));
  const stale = await a.patch(`${L(c.id)}/${l.id}`, { city: 'B' }, { ifMatch: '"1"' });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.city, 'A');
  assert.equal(stale.body.data.version, 2);
  assert.equal(stale.headers.get('etag'), '"2"');
  expectError(await a.patch(`${L(c.id)}/${l.id}`, { city: 'B' }), 428, 'if_match_required');
  assert.equal(expectOk(await a.get(`${L(c.id)}/${l.id}`)).city, 'A');
});

test('L1: roles and malformed requests: 401, read_only 403, CSRF 403, 415, 413', async () => {
  const a = await admin();
  const ro = await makeUser('read_only');
  const tech = await makeUser('technician');
  const c = await makeCustomer();
  const l = expectOk(await tech.post(L(c.id), { name: 'Tech site' }), 201);
  expectOk(await ro.get(L(c.id)));
  expectOk(await ro.get(`${L(c.id)}/${l.id}`));
  expectError(await ro.post(L(c.id), { name: 'RO' }), 403, 'forbidden');
  expectError(await ro.patch(`${L(c.id)}/${l.id}`, { name: 'RO' }, { ifMatch: '"1"' }), 403, 'forbidden');
  expectError(await ro.del(`${L(c.id)}/${l.id}`), 403, 'forbidden');
  expectError(await raw('GET', L(c.id)), 401, 'no_session');
  expectError(await raw('POST', L(c.id), { headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' }),
    401, 'no_session');
  expectError(await a.post(L(c.id), { name: 'x' }, { headers: { 'X-CSRF-Token': undefined } }), 403, 'csrf_failed');
  expectError(await a.del(`${L(c.id)}/${l.id}`, { headers: { 'X-CSRF-Token': 'nope' } }), 403, 'csrf_failed');
  expectError(await a.post(L(c.id), '{"name":"x"}', { headers: { 'Content-Type': 'text/plain' } }), 415,
    'unsupported_media_type');
  expectError(await a.post(L(c.id), { name: 'x', city: 'c'.repeat(70 * 1024) }), 413, 'too_large');
  expectError(await a.post(L(c.id), '{"name":'), 400, 'invalid_json');
  // technician may delete a location
  assert.equal((await tech.del(`${L(c.id)}/${l.id}`)).status, 204);
});

test('L1: timeline and audit rows are written for create, update, delete', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const l = expectOk(await a.post(L(c.id), { name: 'Timeline Site' }), 201);
  expectOk(await a.patch(`${L(c.id)}/${l.id}`, { city: 'Rome' }, { ifMatch: '"1"' }));
  assert.equal((await a.del(`${L(c.id)}/${l.id}`)).status, 204);
  const rows = sql(`SELECT kind, summary, object_type, object_id, actor_user_id FROM timeline_events
    WHERE customer_id = ${c.id} AND object_type = 'location' ORDER BY id`).split('\n').map((r) => r.split('\t'));
  assert.deepEqual(rows.map((r) => r[0]), ['location.created', 'location.updated', 'location.deleted']);
  assert.equal(rows[0][1], 'Location added: Timeline Site');
  assert.equal(rows[2][1], 'Location removed: Timeline Site');
  for (const r of rows) {
    assert.equal(Number(r[3]), l.id);
    assert.equal(Number(r[4]), a.user.id);
  }
  const audit = expectOk(await a.get(`/api/v1/customers/${c.id}/audit`));
  assert.deepEqual(audit.filter((x) => x.object_type === 'location').map((x) => x.action),
    ['location.deleted', 'location.updated', 'location.created']);
  assert.deepEqual(audit.find((x) => x.action === 'location.updated').changes, { city: { old: null, new: 'Rome' } });
});
