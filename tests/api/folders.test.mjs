// Folders (D3): a customer's device folders; a device moved between
// folders is audited; a folder of another customer is 404 at its path and
// 400 as a device's folder_id; a folder holding devices is not deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql } from './lib.mjs';

const D = (id) => `/api/v1/customers/${id}/devices`;
const F = (id) => `/api/v1/customers/${id}/folders`;

test('D3: add, read, list by name, rename with If-Match, delete; each audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.post(F(cust.id), { name: 'Workstations' });
  const f = expectOk(r, 201);
  assert.equal(r.headers.get('location'), `${F(cust.id)}/${f.id}`);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.deepEqual([f.name, f.devices, f.version], ['Workstations', 0, 1]);
  assert.deepEqual(expectOk(await a.get(`${F(cust.id)}/${f.id}`)), f);
  for (const n of ['Servers', 'Printers', 'Network']) expectOk(await a.post(F(cust.id), { name: n }), 201);
  const seen = [];
  let next = null;
  do {
    const page = await a.get(`${F(cust.id)}?limit=3${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(page).map((x) => x.name));
    next = page.body.next;
  } while (next);
  assert.deepEqual(seen, ['Network', 'Printers', 'Servers', 'Workstations']);
  expectError(await a.patch(`${F(cust.id)}/${f.id}`, { name: 'PCs' }), 428, 'if_match_required');
  const renamed = expectOk(await a.patch(`${F(cust.id)}/${f.id}`, { name: 'PCs' }, { ifMatch: '"1"' }));
  assert.deepEqual([renamed.name, renamed.version], ['PCs', 2]);
  expectError(await a.patch(`${F(cust.id)}/${f.id}`, { name: 'Old' }, { ifMatch: '"1"' }), 409, 'version_conflict');
  assert.equal((await a.del(`${F(cust.id)}/${f.id}`)).status, 204);
  expectError(await a.get(`${F(cust.id)}/${f.id}`), 404, 'not_found');
  const actions = sql(`SELECT action FROM audit_log WHERE object_type = 'folder' AND object_id = ${f.id} ORDER BY id`);
  assert.deepEqual(actions.split('\n'), ['folder.created', 'folder.updated', 'folder.deleted']);
});

test('D3: rejections: name required and unique per customer, read_only 403, another customer\'s folder 404', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  expectError(await a.post(F(cust.id), {}), 400, 'required', 'name');
  expectError(await a.post(F(cust.id), { name: '' }), 400, undefined, 'name');
  const f = expectOk(await a.post(F(cust.id), { name: 'Lab' }), 201);
  expectError(await a.post(F(cust.id), { name: 'Lab' }), 409, 'duplicate_name');
  const g = expectOk(await a.post(F(cust.id), { name: 'Other' }), 201);
  expectError(await a.patch(`${F(cust.id)}/${g.id}`, { name: 'Lab' }, { ifMatch: '"1"' }), 409, 'duplicate_name');
  expectOk(await a.post(F(other.id), { name: 'Lab' }), 201);
  expectError(await a.get(`${F(other.id)}/${f.id}`), 404, 'not_found');
  expectError(await a.patch(`${F(other.id)}/${f.id}`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${F(other.id)}/${f.id}`), 404, 'not_found');
  const ro = await makeUser('read_only');
  expectOk(await ro.get(F(cust.id)));
  expectError(await ro.post(F(cust.id), { name: 'x' }), 403, 'forbidden');
  expectError(await ro.del(`${F(cust.id)}/${f.id}`), 403, 'forbidden');
});

test('D3: moving a device between folders is audited; a folder of another customer is refused', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const one = expectOk(await a.post(F(cust.id), { name: 'One' }), 201);
  const two = expectOk(await a.post(F(cust.id), { name: 'Two' }), 201);
  const theirs = expectOk(await a.post(F(other.id), { name: 'Theirs' }), 201);
  const d = expectOk(await a.post(D(cust.id), { name: 'Roamer', folder_id: one.id }), 201);
  assert.equal(d.folder_name, 'One');
  expectError(await a.patch(`${D(cust.id)}/${d.id}`, { folder_id: theirs.id }, { ifMatch: '"1"' }),
    400, 'unknown_reference', 'folder_id');
  expectError(await a.patch(`${D(cust.id)}/${d.id}`, { folder_id: 999999999 }, { ifMatch: '"1"' }),
    400, 'unknown_reference', 'folder_id');
  const moved = expectOk(await a.patch(`${D(cust.id)}/${d.id}`, { folder_id: two.id }, { ifMatch: '"1"' }));
  assert.deepEqual([moved.folder_id, moved.folder_name], [two.id, 'Two']);
  const row = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`)).find((x) => x.action === 'device.moved');
  assert.deepEqual(row.changes.folder_id, { old: one.id, new: two.id });
  assert.deepEqual(expectOk(await a.get(`${D(cust.id)}?folder_id=${two.id}`)).map((x) => x.id), [d.id]);
  assert.deepEqual(expectOk(await a.get(`${D(cust.id)}?folder_id=${one.id}`)), []);
  const out = expectOk(await a.patch(`${D(cust.id)}/${d.id}`, { folder_id: null }, { ifMatch: '"2"' }));
  assert.equal(out.folder_id, null);
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE customer_id = ${cust.id} AND kind = 'device.moved'`), '2');
});

test('D3: a folder that holds devices is not deleted (409) until they leave it', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const f = expectOk(await a.post(F(cust.id), { name: 'Full' }), 201);
  const d = expectOk(await a.post(D(cust.id), { name: 'Inside', folder_id: f.id }), 201);
  assert.equal(expectOk(await a.get(`${F(cust.id)}/${f.id}`)).devices, 1);
  expectError(await a.del(`${F(cust.id)}/${f.id}`), 409, 'has_records');
  expectOk(await a.get(`${F(cust.id)}/${f.id}`));
  expectOk(await a.patch(`${D(cust.id)}/${d.id}`, { folder_id: null }, { ifMatch: '"1"' }));
  assert.equal((await a.del(`${F(cust.id)}/${f.id}`)).status, 204);
});

test('D3: deleting a folder while a device is put into it at once: never a device in a missing folder', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  for (let round = 0; round < 5; round++) {
    const cust = await makeCustomer();
    const f = expectOk(await a.post(F(cust.id), { name: 'Racing' }), 201);
    const d = expectOk(await a.post(D(cust.id), { name: 'Racer' }), 201);
    const [del, put] = await Promise.all([
      a.del(`${F(cust.id)}/${f.id}`),
      tech.patch(`${D(cust.id)}/${d.id}`, { folder_id: f.id }, { ifMatch: '"1"' }),
    ]);
    const folderLeft = sql(`SELECT COUNT(*) FROM device_folders WHERE id = ${f.id}`);
    const inFolder = sql(`SELECT COUNT(*) FROM devices WHERE id = ${d.id} AND folder_id = ${f.id}`);
    if (del.status === 204) {
      assert.equal(inFolder, '0', `round ${round}: the folder went, so the device is not in it`);
      assert.ok([400].includes(put.status), `round ${round}: put ${put.status}`);
    } else {
      expectError(del, 409, 'has_records');
      assert.deepEqual([folderLeft, inFolder, put.status], ['1', '1', 200], `round ${round}`);
    }
  }
});
