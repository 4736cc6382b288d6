// U1: user administration, /api/v1/users (admin only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  raw, signIn, makeUser, admin, sql, q, expectError, expectOk, uniq, getWithEtag,
} from './lib.mjs';

function newUser(over = {}) {
  return { email: `${uniq('u')}@example.com`, name: 'New Person', role: 'technician', password: 'a-long-password-1', ...over };
}

test('users: admin creates a user (201), gets it with an ETag, and the user can sign in', async () => {
  const a = await admin();
  const body = newUser({ email: `${uniq('Mixed')}@Example.COM`, name: '  Ünïcode Name  ', role: 'account_manager' });
  const res = await a.post('/api/v1/users', body);
  const u = expectOk(res, 201);
  assert.equal(u.email, body.email.toLowerCase());
  assert.equal(u.name, 'Ünïcode Name');
  assert.equal(u.role, 'account_manager');
  assert.equal(u.active, true);
  assert.equal(u.version, 1);
  assert.equal(u.last_sign_in_at, null);
  assert.ok(!('password' in u) && !('password_hash' in u));
  const g = await a.get(`/api/v1/users/${u.id}`);
  assert.deepEqual(expectOk(g), u);
  assert.equal(g.headers.get('etag'), '"1"');
  const c = await signIn(body.email.toLowerCase(), body.password);
  assert.equal(c.user.id, u.id);
  const after = expectOk(await a.get(`/api/v1/users/${u.id}`));
  assert.ok(after.last_sign_in_at);
});

test('users: created with active false, a user exists but cannot sign in', async () => {
  const a = await admin();
  const body = newUser({ active: false });
  const u = expectOk(await a.post('/api/v1/users', body), 201);
  assert.equal(u.active, false);
  const r = await raw('POST', '/api/v1/session', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: body.email, password: body.password }),
  });
  expectError(r, 401, 'invalid_credentials');
  const audit = JSON.parse(sql(`SELECT changes FROM audit_log WHERE action = 'user.created' AND object_id = ${u.id}`));
  assert.deepEqual(audit.active, { old: null, new: false });
});

test('users: list is paged by id with next/after', async () => {
  const a = await admin();
  await makeUser('read_only');
  await makeUser('read_only');
  const all = [];
  let after = null;
  for (let i = 0; i < 1000; i++) {
    const r = await a.get(`/api/v1/users?limit=2${after ? `&after=${after}` : ''}`);
    const d = expectOk(r);
    assert.ok(d.length <= 2);
    all.push(...d.map((u) => u.id));
    if (!r.body.next) break;
    after = r.body.next;
  }
  assert.equal(new Set(all).size, all.length, 'no duplicates');
  assert.deepEqual([...all].sort((x, y) => x - y), all, 'ordered by id');
  assert.equal(all.length, Number(sql('SELECT COUNT(*) FROM users')));
});

test('users: list query validation → 400', async () => {
  const a = await admin();
  expectError(await a.get('/api/v1/users?limit=0'), 400, 'out_of_range', 'limit');
  expectError(await a.get('/api/v1/users?limit=201'), 400, 'out_of_range', 'limit');
  expectError(await a.get('/api/v1/users?limit=abc'), 400, 'invalid_integer', 'limit');
  expectError(await a.get('/api/v1/users?after=-1'), 400, undefined, 'after');
  expectError(await a.get('/api/v1/users?color=red'), 400, 'unknown_parameter', 'color');
  expectError(await a.get('/api/v1/users?limit=1&limit=2'), 400, 'repeated_parameter', 'limit');
  expectOk(await a.get('/api/v1/users?limit=200'));
});

test('users: non-admin roles get 403; no session 401', async () => {
  const a = await admin();
  const target = expectOk(await a.get('/api/v1/users?limit=1'))[0];
  for (const role of ['technician', 'account_manager', 'read_only']) {
    const c = await makeUser(role);
    expectError(await c.get('/api/v1/users'), 403, 'forbidden');
    expectError(await c.get(`/api/v1/users/${target.id}`), 403, 'forbidden');
    expectError(await c.post('/api/v1/users', newUser()), 403, 'forbidden');
    expectError(await c.patch(`/api/v1/users/${c.id}`, { role: 'admin' }, { ifMatch: '"1"' }), 403, 'forbidden');
  }
  expectError(await raw('GET', '/api/v1/users'), 401, 'no_session');
  expectError(await raw('GET', `/api/v1/users/${target.id}`), 401, 'no_session');
  expectError(await raw('POST', '/api/v1/users', { headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(newUser()) }), 401, 'no_session');
});

test('users: create validation (400), duplicate email (409), CSRF (403), 415, 413', async () => {
  const a = await admin();
  expectError(await a.post('/api/v1/users', newUser({ role: 'superuser' })), 400, 'invalid_choice', 'role');
  expectError(await a.post('/api/v1/users', newUser({ email: 'not-an-email' })), 400, 'invalid_email', 'email');
  expectError(await a.post('/api/v1/users', newUser({ email: 'a@b' })), 400, 'invalid_email', 'email');
  expectError(await a.post('/api/v1/users', newUser({ name: '' })), 400, 'required', 'name');
  expectError(await a.post('/api/v1/users', newUser({ name: 'x'.repeat(201) })), 400, 'too_long', 'name');
  expectError(await a.post('/api/v1/users', newUser({ password: 'short' })), 400, 'too_short', 'password');
  expectError(await a.post('/api/v1/users', newUser({ active: 'yes' })), 400, 'invalid_boolean', 'active');
  expectError(await a.post('/api/v1/users', newUser({ admin: true })), 400, 'unknown_field', 'admin');
  for (const f of ['email', 'name', 'role', 'password']) {
    const b = newUser();
    delete b[f];
    expectError(await a.post('/api/v1/users', b), 400, 'required', f);
  }
  const b = newUser();
  expectOk(await a.post('/api/v1/users', b), 201);
  expectError(await a.post('/api/v1/users', { ...b, email: b.email.toUpperCase() }), 409, 'duplicate_email', 'email');
  expectError(await a.post('/api/v1/users', newUser(), { headers: { 'X-CSRF-Token': undefined } }), 403, 'csrf_failed');
  expectError(await a.post('/api/v1/users', JSON.stringify(newUser()), { headers: { 'Content-Type': 'text/plain' } }),
    415, 'unsupported_media_type');
  expectError(await a.post('/api/v1/users', '{"email": "x@', {}), 400, 'invalid_json');
  expectError(await a.post('/api/v1/users', newUser({ name: 'x'.repeat(70 * 1024) })), 413, 'too_large');
});

test('users: GET unknown id → 404', async () => {
  const a = await admin();
  expectError(await a.get('/api/v1/users/9007199254740991'), 404, 'not_found');
  expectError(await a.patch('/api/v1/users/9007199254740991', { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
});

test('users: PATCH with If-Match changes name/role; stale 409 with current record; missing 428', async () => {
  const a = await admin();
  const u = await makeUser('technician');
  const { etag } = await getWithEtag(a, `/api/v1/users/${u.id}`);
  const r = await a.patch(`/api/v1/users/${u.id}`, { name: 'Renamed', role: 'account_manager' }, { ifMatch: etag });
  const d = expectOk(r);
  assert.equal(d.name, 'Renamed');
  assert.equal(d.role, 'account_manager');
  assert.equal(d.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  // the user's own session now has the new role
  assert.equal(expectOk(await u.get('/api/v1/session')).user.role, 'account_manager');
  // stale
  const stale = await a.patch(`/api/v1/users/${u.id}`, { name: 'Again' }, { ifMatch: etag });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.name, 'Renamed');
  // missing
  expectError(await a.patch(`/api/v1/users/${u.id}`, { name: 'Again' }), 428, 'if_match_required');
  // malformed
  expectError(await a.patch(`/api/v1/users/${u.id}`, { name: 'Again' }, { ifMatch: 'abc' }), 400, 'invalid_if_match');
  // invalid fields
  expectError(await a.patch(`/api/v1/users/${u.id}`, { role: 'root' }, { ifMatch: '"2"' }), 400, 'invalid_choice', 'role');
  expectError(await a.patch(`/api/v1/users/${u.id}`, { email: 'new@example.com' }, { ifMatch: '"2"' }),
    400, 'read_only_field', 'email');
  expectError(await a.patch(`/api/v1/users/${u.id}`, { active: 0 }, { ifMatch: '"2"' }), 400, 'invalid_boolean', 'active');
  expectError(await a.patch(`/api/v1/users/${u.id}`, { name: 'x' }, { ifMatch: '"2"', headers: { 'X-CSRF-Token': 'nope' } }),
    403, 'csrf_failed');
  assert.equal(expectOk(await a.get(`/api/v1/users/${u.id}`)).name, 'Renamed');
});

test('users: a password change ends the user\'s sessions; the new password works', async () => {
  const a = await admin();
  const u = await makeUser('technician');
  const { etag } = await getWithEtag(a, `/api/v1/users/${u.id}`);
  expectOk(await a.patch(`/api/v1/users/${u.id}`, { password: 'the-new-password-2' }, { ifMatch: etag }));
  expectError(await u.get('/api/v1/session'), 401, 'no_session');
  await signIn(u.email, 'the-new-password-2');
});

test('users: deactivating a user ends their sessions; reactivating lets them sign in again', async () => {
  const a = await admin();
  const u = await makeUser('technician');
  const second = await signIn(u.email, u.password);
  const { etag } = await getWithEtag(a, `/api/v1/users/${u.id}`);
  const d = expectOk(await a.patch(`/api/v1/users/${u.id}`, { active: false }, { ifMatch: etag }));
  assert.equal(d.active, false);
  expectError(await u.get('/api/v1/session'), 401, 'no_session');
  expectError(await second.get('/api/v1/customers'), 401, 'no_session');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  expectOk(await a.patch(`/api/v1/users/${u.id}`, { active: true }, { ifMatch: `"${d.version}"` }));
  await signIn(u.email, u.password);
});

test('users: the last active admin cannot be demoted or deactivated (422 last_admin)', async () => {
  const a = await admin();
  const others = sql(`SELECT id FROM users WHERE role = 'admin' AND active = 1 AND id <> ${a.user.id}`)
    .split('\n').filter(Boolean);
  try {
    if (others.length) sql(`UPDATE users SET active = 0 WHERE id IN (${others.join(',')})`);
    const { etag } = await getWithEtag(a, `/api/v1/users/${a.user.id}`);
    expectError(await a.patch(`/api/v1/users/${a.user.id}`, { role: 'technician' }, { ifMatch: etag }), 422, 'last_admin');
    expectError(await a.patch(`/api/v1/users/${a.user.id}`, { active: false }, { ifMatch: etag }), 422, 'last_admin');
    const me = expectOk(await a.get(`/api/v1/users/${a.user.id}`));
    assert.equal(me.role, 'admin');
    assert.equal(me.active, true);
    assert.equal(a.user.id && `"${me.version}"`, etag);
    // with a second admin, demoting one of them is fine
    const second = await makeUser('admin');
    const e2 = (await getWithEtag(a, `/api/v1/users/${second.id}`)).etag;
    expectOk(await a.patch(`/api/v1/users/${second.id}`, { role: 'read_only' }, { ifMatch: e2 }));
  } finally {
    if (others.length) sql(`UPDATE users SET active = 1 WHERE id IN (${others.join(',')})`);
  }
});

test('users: audit rows are written for create and update, with old -> new', async () => {
  const a = await admin();
  const b = newUser({ role: 'read_only' });
  const u = expectOk(await a.post('/api/v1/users', b), 201);
  const created = JSON.parse(sql(`SELECT changes FROM audit_log WHERE action = 'user.created'
    AND object_type = 'user' AND object_id = ${u.id}`));
  assert.deepEqual(created.email, { old: null, new: b.email });
  assert.deepEqual(created.role, { old: null, new: 'read_only' });
  assert.equal(sql(`SELECT actor_user_id FROM audit_log WHERE action = 'user.created' AND object_id = ${u.id}`),
    String(a.user.id));
  assert.ok(!sql(`SELECT changes FROM audit_log WHERE object_id = ${u.id} AND object_type = 'user'`).includes(b.password));
  expectOk(await a.patch(`/api/v1/users/${u.id}`, { role: 'technician', password: 'another-password-3' }, { ifMatch: '"1"' }));
  const upd = JSON.parse(sql(`SELECT changes FROM audit_log WHERE action = 'user.updated'
    AND object_type = 'user' AND object_id = ${u.id} ORDER BY id DESC LIMIT 1`));
  assert.deepEqual(upd.role, { old: 'read_only', new: 'technician' });
  assert.ok(!('name' in upd), 'unchanged fields are not listed');
  assert.ok(upd.password, 'password change is recorded');
  assert.ok(!JSON.stringify(upd).includes('another-password-3'), 'the password itself is not');
  // the sign-in of a user is audited too
  await signIn(b.email, 'another-password-3');
  assert.ok(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'session.signed_in' AND object_id = ${u.id}`)) >= 1);
});

test('msphub-user: creates a user from the shell who can sign in', async (t) => {
  const bin = process.env.MSPHUB_TEST_BIN;
  const conf = process.env.MSPHUB_TEST_CONFIG;
  assert.ok(bin && conf, 'MSPHUB_TEST_BIN and MSPHUB_TEST_CONFIG are set');
  const email = `${uniq('cli')}@example.com`;
  execFileSync(join(bin, 'cgi/msphub-user'), ['--email', email, '--name', 'CLI User', '--role', 'read_only',
    '--password-stdin'], { input: 'cli-password-123\n', env: { ...process.env, MSPHUB_CONFIG: conf } });
  const c = await signIn(email, 'cli-password-123');
  assert.equal(c.user.role, 'read_only');
  assert.equal(c.user.name, 'CLI User');
});

test('H2 pickers: any signed-in user reads the directory of active users by name, without addresses', async () => {
  const a = await admin();
  const gone = await makeUser('technician');
  const { etag } = await getWithEtag(a, `/api/v1/users/${gone.id}`);
  expectOk(await a.patch(`/api/v1/users/${gone.id}`, { active: false }, { ifMatch: etag }));
  const reader = await makeUser('read_only');
  const dir = expectOk(await reader.get('/api/v1/users/directory'));
  assert.ok(dir.some((u) => u.id === reader.id && u.role === 'read_only'));
  assert.ok(!dir.some((u) => u.id === gone.id), 'deactivated users are not offered');
  for (const u of dir) assert.deepEqual(Object.keys(u).sort(), ['id', 'name', 'role']);
  expectError(await raw('GET', '/api/v1/users/directory'), 401, 'no_session');
});
