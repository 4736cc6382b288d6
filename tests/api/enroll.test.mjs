// Installer tokens and enrolment (D7).  A token is made for one customer,
// shown once and stored as its SHA-256 only; POST /api/v1/enroll with it
// registers a device of that customer, audited with the token as actor.
// Revoked, expired and unknown tokens get 401 and create nothing; a retry
// (or a second agent at once) with the same machine name finds the device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { admin, expectError, expectOk, makeCustomer, makeUser, q, raw, sql, uniq } from './lib.mjs';

const T = (id) => `/api/v1/customers/${id}/installer-tokens`;
const D = (id) => `/api/v1/customers/${id}/devices`;
const enroll = (body, headers = {}) => raw('POST', '/api/v1/enroll', {
  headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
});
const devices = (cust) => Number(sql(`SELECT COUNT(*) FROM devices WHERE customer_id = ${cust}`));

async function token(cust, fields = {}) {
  const a = await admin();
  return expectOk(await a.post(T(cust.id), { label: uniq('Installer'), ...fields }), 201);
}

test('D7: a token is shown once, stored as its SHA-256 only, listed without its secret', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.post(T(cust.id), { label: 'Main office', expires_in_days: 7 });
  const t = expectOk(r, 201);
  assert.equal(r.headers.get('location'), `${T(cust.id)}/${t.id}`);
  assert.match(r.headers.get('cache-control'), /no-store/);
  assert.match(t.token, /^mhi_[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
  assert.deepEqual([t.label, t.status, t.uses, t.customer_id, t.revoked_at], ['Main office', 'active', 0, cust.id, null]);
  const days = (Date.parse(t.expires_at) - Date.parse(t.created_at)) / 86400000;
  assert.equal(Math.round(days), 7);
  const sha = createHash('sha256').update(t.token).digest('hex').toUpperCase();
  assert.equal(sql(`SELECT HEX(token_hash) FROM installer_tokens WHERE id = ${t.id}`), sha);
  const secret = t.token.slice(4);
  assert.equal(sql(`SELECT COUNT(*) FROM installer_tokens WHERE CONCAT_WS(' ', label, HEX(token_hash)) LIKE ${q(`%${secret}%`)}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE changes LIKE ${q(`%${secret}%`)}`), '0');
  const list = expectOk(await a.get(T(cust.id)));
  assert.equal(list.length, 1);
  assert.ok(!('token' in list[0]), 'no secret in the list');
  assert.equal(list[0].id, t.id);
  const t2 = await token(cust);
  assert.notEqual(t2.token, t.token);
  assert.deepEqual(expectOk(await a.get(T(cust.id))).map((x) => x.id), [t2.id, t.id], 'newest first');
  const page = await a.get(`${T(cust.id)}?limit=1`);
  assert.deepEqual(expectOk(page).map((x) => x.id), [t2.id]);
  assert.deepEqual(expectOk(await a.get(`${T(cust.id)}?limit=1&after=${page.body.next}`)).map((x) => x.id), [t.id]);
});

test('D7: token rejections: label required, days bounded, no replay by Idempotency-Key, roles, other customer', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  expectError(await a.post(T(cust.id), {}), 400, 'required', 'label');
  expectError(await a.post(T(cust.id), { label: 'x', expires_in_days: 0 }), 400, undefined, 'expires_in_days');
  expectError(await a.post(T(cust.id), { label: 'x', expires_in_days: 366 }), 400, undefined, 'expires_in_days');
  expectError(await a.post(T(cust.id), { label: 'x' }, { headers: { 'Idempotency-Key': uniq('k') } }),
    400, 'invalid_idempotency_key');
  assert.equal(sql(`SELECT COUNT(*) FROM installer_tokens WHERE customer_id = ${cust.id}`), '0');
  const ro = await makeUser('read_only');
  expectError(await ro.get(T(cust.id)), 403, 'forbidden');
  expectError(await ro.post(T(cust.id), { label: 'x' }), 403, 'forbidden');
  const t = await token(cust);
  expectError(await a.post(`${T(other.id)}/${t.id}/revoke`), 404, 'not_found');
  expectError(await a.del(`${T(other.id)}/${t.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await a.get(T(other.id))), []);
});

test('D7: enrolment registers a device of the token\'s customer, audited with the token as actor', async () => {
  const cust = await makeCustomer();
  const t = await token(cust);
  const r = await enroll({
    token: t.token, name: 'Reception PC', machine_name: 'ACME-FD-01', type: 'pc', os_name: 'Windows 11 Pro',
    os_version: '23H2', ip_addresses: '10.0.1.30', serial_number: 'CZC9876', last_user: 'tom', agent_version: '7.2',
  });
  const d = expectOk(r, 201);
  assert.equal(d.customer_id, cust.id);
  assert.deepEqual([d.name, d.machine_name, d.type, d.os_name, d.serial_number, d.last_user, d.installer_token_id],
    ['Reception PC', 'ACME-FD-01', 'pc', 'Windows 11 Pro', 'CZC9876', 'tom', t.id]);
  assert.ok(d.last_seen_at && d.last_login_at, 'seen and logged in now');
  const a = await admin();
  expectOk(await a.get(`${D(cust.id)}/${d.id}`));
  const row = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`)).find((x) => x.action === 'device.created');
  assert.deepEqual(row.actor, { id: null, name: `installer_token:${t.id}` });
  const used = expectOk(await a.get(T(cust.id)))[0];
  assert.equal(used.uses, 1);
  assert.ok(used.last_used_at);
  assert.equal(sql(`SELECT n FROM customer_counts WHERE customer_id = ${cust.id} AND name = 'devices'`), '1');
  // Without a machine name the name is taken as one.
  const bare = expectOk(await enroll({ token: t.token, name: 'LAPTOP-7' }), 201);
  assert.deepEqual([bare.machine_name, bare.type], ['LAPTOP-7', 'generic']);
});

test('D7: a retry with the same machine name, or the same serial, finds the device: no duplicate', async () => {
  const cust = await makeCustomer();
  const t = await token(cust);
  const body = { token: t.token, name: 'SRV-01', machine_name: 'srv-01.corp', os_version: '2019' };
  const first = expectOk(await enroll(body), 201);
  const again = await enroll(body);
  assert.equal(again.status, 200);
  assert.equal(again.body.data.id, first.id);
  assert.equal(again.body.data.version, first.version, 'nothing changed');
  const upgraded = expectOk(await enroll({ ...body, os_version: '2022' }));
  assert.deepEqual([upgraded.id, upgraded.os_version], [first.id, '2022']);
  const s = expectOk(await enroll({ token: t.token, name: 'Laptop', machine_name: 'LT-1', serial_number: 'SER-9' }), 201);
  const renamed = expectOk(await enroll({ token: t.token, name: 'Laptop', machine_name: 'LT-1-NEW', serial_number: 'SER-9' }));
  assert.deepEqual([renamed.id, renamed.machine_name], [s.id, 'LT-1-NEW'], 'matched on the serial');
  assert.equal(devices(cust.id), 2);
  assert.equal(sql(`SELECT uses FROM installer_tokens WHERE id = ${t.id}`), '5');
  // The same machine name at another customer is another device.
  const other = await makeCustomer();
  const t2 = await token(other);
  expectOk(await enroll({ ...body, token: t2.token }), 201);
});

test('D7: parallel enrolments with one token: the same machine once, different machines each once', async () => {
  const cust = await makeCustomer();
  const t = await token(cust);
  const same = await Promise.all(Array.from({ length: 6 }, () =>
    enroll({ token: t.token, name: 'TWIN', machine_name: 'TWIN-01' })));
  assert.deepEqual(same.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 201]);
  assert.equal(new Set(same.map((r) => r.body.data.id)).size, 1);
  const many = await Promise.all(Array.from({ length: 6 }, (_, i) =>
    enroll({ token: t.token, name: `PC-${i}` })));
  for (const r of many) expectOk(r, 201);
  assert.equal(devices(cust.id), 7);
  assert.equal(sql(`SELECT n FROM customer_counts WHERE customer_id = ${cust.id} AND name = 'devices'`), '7');
});

test('D7: revoked, expired and unknown tokens get 401 and create nothing', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const revoked = await token(cust);
  const r = expectOk(await a.post(`${T(cust.id)}/${revoked.id}/revoke`));
  assert.equal(r.status, 'revoked');
  assert.ok(r.revoked_at);
  assert.equal(expectOk(await a.post(`${T(cust.id)}/${revoked.id}/revoke`)).revoked_at, r.revoked_at,
    'revoking again changes nothing');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'installer_token.revoked' AND object_id = ${revoked.id}`), '1');
  const deleted = await token(cust);
  assert.equal((await a.del(`${T(cust.id)}/${deleted.id}`)).status, 204);
  const expired = await token(cust);
  sql(`UPDATE installer_tokens SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = ${expired.id}`);
  assert.equal(expectOk(await a.get(T(cust.id))).find((x) => x.id === expired.id).status, 'expired');
  const audits = sql('SELECT COUNT(*) FROM audit_log');
  for (const [what, tok] of [['revoked', revoked.token], ['deleted', deleted.token], ['expired', expired.token],
    ['unknown', `mhi_${'A'.repeat(43)}`], ['another form', 'x']]) {
    expectError(await enroll({ token: tok, name: 'Intruder' }), 401, 'invalid_token', undefined, what);
  }
  assert.equal(devices(cust.id), 0);
  assert.equal(sql('SELECT COUNT(*) FROM audit_log'), audits, 'no audit row either');
  expectError(await enroll({ name: 'No token' }), 400, 'required', 'token');
  const live = await token(cust);
  expectError(await enroll({ token: live.token }), 400, 'required', 'name');
  expectError(await enroll({ token: live.token, name: 'X', type: 'toaster' }), 400, 'invalid_choice', 'type');
  expectError(await enroll({ token: live.token, name: 'X', customer_id: 1 }), 400);
  assert.equal(devices(cust.id), 0);
});
