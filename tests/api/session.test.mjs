// U1: sign-in, sessions, CSRF, throttling, and the dispatcher's generic
// answers (404, 405, 413, 415, 400) as seen through nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import {
  raw, signIn, makeUser, admin, sql, q, expectError, expectOk, requestFrom, otherLoopback,
  sessionCookie, sessionCookieLine, uniq, ADMIN_EMAIL, ADMIN_PASSWORD, BASE, PROGRAMS,
} from './lib.mjs';

const JSON_CT = { 'Content-Type': 'application/json' };

function tokenHashSql(token) {
  return `UNHEX(SHA2(${q(token)}, 256))`;
}

test('sign-in: 200, HttpOnly SameSite=Lax Path=/ cookie, csrf_token and user in JSON', async () => {
  const u = await makeUser('technician');
  const res = await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: u.email, password: u.password }),
  });
  const data = expectOk(res, 200);
  const line = sessionCookieLine(res);
  assert.ok(line, 'Set-Cookie msphub_session');
  assert.match(line, /;\s*HttpOnly/i);
  assert.match(line, /;\s*SameSite=Lax/i);
  assert.match(line, /;\s*Path=\/(;|$)/);
  assert.match(sessionCookie(res), /^[A-Za-z0-9_-]{43}$/);
  assert.equal(typeof data.csrf_token, 'string');
  assert.ok(data.csrf_token.length >= 20);
  assert.equal(data.user.email, u.email);
  assert.equal(data.user.role, 'technician');
  assert.equal(data.user.id, u.id);
  assert.ok(!('password_hash' in data.user));
  // the token is stored only as its hash
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${tokenHashSql(sessionCookie(res))}`), '1');
});

test('sign-in: email is case-insensitive and trimmed', async () => {
  const u = await makeUser('read_only');
  const res = await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: `  ${u.email.toUpperCase()} `, password: u.password }),
  });
  expectOk(res, 200);
});

test('sign-in: wrong password and unknown user get the same 401 body', async () => {
  const u = await makeUser('technician');
  const from = otherLoopback();
  const wrong = await requestFrom(from, 'POST', '/api/v1/session', { email: u.email, password: 'not-the-password' });
  const unknown = await requestFrom(from, 'POST', '/api/v1/session',
    { email: `${uniq('nobody')}@example.com`, password: 'whatever-password' });
  expectError(wrong, 401, 'invalid_credentials');
  expectError(unknown, 401, 'invalid_credentials');
  assert.equal(wrong.text, unknown.text);
  assert.equal(sessionCookie(wrong), null);
  assert.equal(sessionCookie(unknown), null);
  // a failed sign-in is audited
  assert.ok(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'session.sign_in_failed'
    AND remote_addr = ${q(from)}`)) >= 2);
});

test('sign-in: account locked after 5 failures; 6th is 429 with Retry-After, even with the right password', async () => {
  const u = await makeUser('technician');
  const from = otherLoopback();
  for (let i = 0; i < 5; i++) {
    const r = await requestFrom(from, 'POST', '/api/v1/session', { email: u.email, password: `bad-${i}-password` });
    expectError(r, 401, 'invalid_credentials');
  }
  const sixth = await requestFrom(from, 'POST', '/api/v1/session', { email: u.email, password: 'bad-6-password' });
  expectError(sixth, 429, 'too_many_attempts');
  const ra = Number(sixth.headers.get('retry-after'));
  assert.ok(Number.isInteger(ra) && ra > 0 && ra <= 900, `Retry-After ${sixth.headers.get('retry-after')}`);
  // the right password is refused while locked, from any address
  const right = await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: u.email, password: u.password }),
  });
  expectError(right, 429, 'too_many_attempts');
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  assert.equal(sessionCookie(right), null);
  // the existing session of the user still works
  expectOk(await u.get('/api/v1/session'));
});

test('sign-in: parallel guesses cannot outrun the account lock', async () => {
  const u = await makeUser('technician');
  const from = otherLoopback();
  const all = await Promise.all(Array.from({ length: 12 }, (_, i) =>
    requestFrom(from, 'POST', '/api/v1/session', { email: u.email, password: `parallel-${i}-guess` })));
  const statuses = all.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 401).length, 5, `statuses ${statuses}`);
  assert.equal(statuses.filter((s) => s === 429).length, 7, `statuses ${statuses}`);
  assert.equal(sql(`SELECT failures FROM login_throttle WHERE scope = 'account' AND subject = ${q(u.email)}`), '5');
});

test('sign-in: a User-Agent that is not UTF-8 does not stop a sign-in', async () => {
  // Written byte for byte: HTTP clients would re-encode the header.
  const url = new URL(BASE);
  const body = JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const request = Buffer.concat([
    Buffer.from(`POST /api/v1/session HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: Mozilla`),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(`/5.0\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n`
      + `Connection: close\r\n\r\n${body}`),
  ]);
  const reply = await new Promise((resolve, reject) => {
    const chunks = [];
    const sock = createConnection({ host: url.hostname, port: Number(url.port) }, () => sock.write(request));
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.on('error', reject);
  });
  assert.match(reply, /^HTTP\/1\.1 200 /, reply.slice(0, 300));
  assert.match(reply, /Set-Cookie: msphub_session=[A-Za-z0-9_-]{43};/i);
});

test('sign-in: an address is throttled after 20 failures (from another loopback address)', async () => {
  const from = otherLoopback();
  const u = await makeUser('read_only');
  // 20 failures, spread over distinct unknown accounts (no account lock)
  for (let i = 0; i < 20; i++) {
    const r = await requestFrom(from, 'POST', '/api/v1/session',
      { email: `${uniq('addr')}@example.com`, password: 'wrong-password' });
    expectError(r, 401, 'invalid_credentials');
  }
  const blocked = await requestFrom(from, 'POST', '/api/v1/session', { email: u.email, password: u.password });
  expectError(blocked, 429, 'too_many_attempts');
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  // 127.0.0.1 is unaffected: the same account signs in from there
  const ok = await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: u.email, password: u.password }),
  });
  expectOk(ok, 200);
  assert.equal(sql(`SELECT locked_until > UTC_TIMESTAMP(6) FROM login_throttle
    WHERE scope = 'address' AND subject = ${q(from)}`), '1');
});

test('sign-in: a deactivated user cannot sign in (same 401 as a wrong password)', async () => {
  const a = await admin();
  const u = await makeUser('technician');
  const g = await a.get(`/api/v1/users/${u.id}`);
  const p = await a.patch(`/api/v1/users/${u.id}`, { active: false }, { ifMatch: g.headers.get('etag') });
  expectOk(p, 200);
  const r = await requestFrom(otherLoopback(), 'POST', '/api/v1/session', { email: u.email, password: u.password });
  expectError(r, 401, 'invalid_credentials');
  assert.equal(sessionCookie(r), null);
});

test('session: GET /api/v1/session says who is signed in', async () => {
  const u = await makeUser('account_manager', { name: 'Whoami Person' });
  const d = expectOk(await u.get('/api/v1/session'));
  assert.equal(d.user.id, u.id);
  assert.equal(d.user.email, u.email);
  assert.equal(d.user.name, 'Whoami Person');
  assert.equal(d.user.role, 'account_manager');
  assert.equal(d.csrf_token, u.csrf);
});

test('session: no cookie, garbage cookie, unknown token → 401 no_session', async () => {
  expectError(await raw('GET', '/api/v1/session'), 401, 'no_session');
  expectError(await raw('GET', '/api/v1/session', { cookie: 'garbage' }), 401, 'no_session');
  expectError(await raw('GET', '/api/v1/session', { cookie: 'A'.repeat(43) }), 401, 'no_session');
  expectError(await raw('DELETE', '/api/v1/session', { csrf: 'x' }), 401, 'no_session');
});

test('session: idle-expired and absolutely-expired sessions → 401', async () => {
  const u1 = await makeUser('technician');
  expectOk(await u1.get('/api/v1/session'));
  sql(`UPDATE sessions SET idle_expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 HOUR
    WHERE token_hash = ${tokenHashSql(u1.token)}`);
  expectError(await u1.get('/api/v1/session'), 401, 'no_session');

  const u2 = await makeUser('technician');
  sql(`UPDATE sessions SET created_at = UTC_TIMESTAMP(6) - INTERVAL 2 DAY,
    expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 DAY WHERE token_hash = ${tokenHashSql(u2.token)}`);
  expectError(await u2.get('/api/v1/session'), 401, 'no_session');
  expectError(await u2.get('/api/v1/customers'), 401, 'no_session');
});

test('sign-out: 204, clears the cookie, and the old cookie is useless', async () => {
  const u = await makeUser('technician');
  const out = await u.del('/api/v1/session');
  assert.equal(out.status, 204);
  const line = sessionCookieLine(out);
  assert.ok(line);
  assert.match(line, /^msphub_session=;/);
  assert.match(line, /Max-Age=0/);
  expectError(await u.get('/api/v1/session'), 401, 'no_session');
  expectError(await u.get('/api/v1/customers'), 401, 'no_session');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${tokenHashSql(u.token)}`), '0');
});

test('sign-out: missing or wrong CSRF token → 403 csrf_failed, session survives', async () => {
  const u = await makeUser('technician');
  expectError(await u.del('/api/v1/session', { headers: { 'X-CSRF-Token': undefined } }), 403, 'csrf_failed');
  const noHeader = await raw('DELETE', '/api/v1/session', { cookie: u.token });
  expectError(noHeader, 403, 'csrf_failed');
  expectError(await u.del('/api/v1/session', { headers: { 'X-CSRF-Token': 'wrong' } }), 403, 'csrf_failed');
  // another session's token is wrong too
  const other = await makeUser('technician');
  expectError(await u.del('/api/v1/session', { headers: { 'X-CSRF-Token': other.csrf } }), 403, 'csrf_failed');
  expectOk(await u.get('/api/v1/session'));
});

test('CSRF is enforced on every unsafe method (POST, PATCH, PUT, DELETE)', async () => {
  const a = await admin();
  const wrong = { 'X-CSRF-Token': a.csrf.slice(0, -1) + (a.csrf.endsWith('A') ? 'B' : 'A') };
  expectError(await a.post('/api/v1/customers', { name: uniq('csrf') }, { headers: wrong }), 403, 'csrf_failed');
  expectError(await a.patch('/api/v1/customers/1', { name: 'x' }, { headers: wrong, ifMatch: '"1"' }), 403, 'csrf_failed');
  expectError(await a.put('/api/v1/settings/ranks', ['A', 'B'], { headers: wrong }), 403, 'csrf_failed');
  expectError(await a.del('/api/v1/customers/1', { headers: wrong }), 403, 'csrf_failed');
  expectError(await a.post('/api/v1/users', {}, { headers: { 'X-CSRF-Token': '' } }), 403, 'csrf_failed');
});

test('GET /health on each program socket: 200 with program and schema', async (t) => {
  // ./stack test provides both; their absence is a failure, not a skip.
  assert.ok(process.env.MSPHUB_TEST_DB_SOCKET, 'MSPHUB_TEST_DB_SOCKET is set');
  const run = dirname(process.env.MSPHUB_TEST_DB_SOCKET);
  const schema = Number(sql('SELECT MAX(version) FROM schema_version'));
  for (const p of PROGRAMS) {
    const out = execFileSync('cgi-fcgi', ['-bind', '-connect', join(run, `${p}.sock`)], {
      encoding: 'utf8',
      env: { ...process.env, REQUEST_METHOD: 'GET', SCRIPT_NAME: '/health', REQUEST_URI: '/health', QUERY_STRING: '' },
    });
    assert.match(out, /^Status: 200/);
    assert.match(out, /Content-Type: application\/json/i);
    const body = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
    assert.equal(body.status, 'ok');
    assert.equal(body.program, p);
    assert.equal(body.schema, schema);
  }
});

test('GET /health through nginx is not an API route: JSON 404', async () => {
  const r = await raw('GET', '/api/v1/health');
  expectError(r, 404, 'not_found');
});

test('unknown API paths → 404 JSON (nginx and program)', async () => {
  const a = await admin();
  expectError(await raw('GET', '/api/v1/nope'), 404, 'not_found');
  expectError(await raw('GET', '/api/v2/customers'), 404, 'not_found');
  expectError(await a.get('/api/v1/customers/1/nothing'), 404, 'not_found');
  expectError(await a.get('/api/v1/settings/unknown'), 404, 'not_found');
  expectError(await a.get('/api/v1/customers/abc'), 404, 'not_found');
  expectError(await a.get('/api/v1/customers/0'), 404, 'not_found');
  expectError(await a.get('/api/v1/users/007'), 404, 'not_found');
});

test('wrong method → 405 with Allow header', async () => {
  const r = await raw('PUT', '/api/v1/session', { headers: JSON_CT, body: '{}' });
  expectError(r, 405, 'method_not_allowed');
  const allow = r.headers.get('allow').split(/\s*,\s*/).sort();
  assert.deepEqual(allow, ['DELETE', 'GET', 'HEAD', 'POST']);
  const r2 = await raw('DELETE', '/api/v1/customers');
  expectError(r2, 405, 'method_not_allowed');
  assert.deepEqual(r2.headers.get('allow').split(/\s*,\s*/).sort(), ['GET', 'HEAD', 'POST']);
  const r3 = await raw('PUT', '/api/v1/users/1', { headers: JSON_CT, body: '{}' });
  expectError(r3, 405, 'method_not_allowed');
  assert.deepEqual(r3.headers.get('allow').split(/\s*,\s*/).sort(), ['GET', 'HEAD', 'PATCH']);
});

test('sign-in body: wrong content type → 415', async () => {
  const body = JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  expectError(await raw('POST', '/api/v1/session', { headers: { 'Content-Type': 'text/plain' }, body }),
    415, 'unsupported_media_type');
  expectError(await raw('POST', '/api/v1/session', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b',
  }), 415, 'unsupported_media_type');
  expectError(await raw('POST', '/api/v1/session', {
    headers: { 'Content-Type': 'application/json; charset=latin1' }, body,
  }), 415, 'unsupported_media_type');
  // charset=utf-8 is fine
  const ok = await raw('POST', '/api/v1/session', { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
  expectOk(ok);
});

test('sign-in body: bad JSON, not an object, missing/unknown fields → 400', async () => {
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: '{"email":' }), 400, 'invalid_json');
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: '' }), 400);
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: '[1,2]' }), 400, 'invalid_json');
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: '{"email":"a@example.com"}' }),
    400, 'required', 'password');
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: '{"password":"xxxxxxxx"}' }),
    400, 'required', 'email');
  expectError(await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: 'a@example.com', password: 'x', remember: true }),
  }), 400, 'unknown_field', 'remember');
  expectError(await raw('POST', '/api/v1/session', {
    headers: JSON_CT, body: JSON.stringify({ email: 'a@example.com', password: 12345678 }),
  }), 400, 'invalid_type', 'password');
});

test('sign-in body: oversize → 413 (program limit and nginx limit)', async () => {
  const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(20 * 1024) });
  expectError(await raw('POST', '/api/v1/session', { headers: JSON_CT, body: big }), 413, 'too_large');
  const huge = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(200 * 1024) });
  const r = await requestFrom('127.0.0.1', 'POST', '/api/v1/session', huge);
  expectError(r, 413, 'too_large');
});

test('a session cookie of a user who has been deactivated stops working', async () => {
  const a = await admin();
  const u = await makeUser('read_only');
  const g = await a.get(`/api/v1/users/${u.id}`);
  expectOk(await a.patch(`/api/v1/users/${u.id}`, { active: false }, { ifMatch: g.headers.get('etag') }));
  expectError(await u.get('/api/v1/session'), 401, 'no_session');
});

test('signing in again gives a new, independent session', async () => {
  const u = await makeUser('technician');
  const second = await signIn(u.email, u.password);
  assert.notEqual(second.token, u.token);
  assert.notEqual(second.csrf, u.csrf);
  expectOk(await second.del('/api/v1/session'), 204);
  expectOk(await u.get('/api/v1/session'));
  // the first session's CSRF token does not work for the second
  expectError(await raw('DELETE', '/api/v1/session', { cookie: second.token, csrf: u.csrf }), 401, 'no_session');
});
