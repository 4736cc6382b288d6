// The rejections every route owes, driven by the programs' own route
// tables (`cgi/<program> --routes`), so a new route is covered the day it
// is added: no session 401, too low a role 403, no CSRF header 403,
// wrong content type 415, too large 413, malformed JSON 400, unknown id 404.
// Service and signed routes have no session: no token or no signature 401.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, makeUser, raw, routeTable } from './lib.mjs';

const MISSING = 999999999;

const routes = routeTable();
const path = (r, id = MISSING) => r.pattern.replace(/\{id\}/g, String(id));
const unsafe = (r) => r.method !== 'GET';
const name = (r) => `${r.method} ${r.pattern}`;
const session = (r) => ['read', 'write', 'admin'].includes(r.access);

// client.get/post/patch/put/del for route r.
function call(client, r, body, opts = {}) {
  if (r.method === 'DELETE') return client.del(path(r), opts);
  return client[r.method.toLowerCase()](path(r), body, opts);
}

test('the route tables were read', () => {
  assert.ok(routes.length >= 29, `${routes.length} routes`);
  assert.ok(routes.every((r) => r.method && /^\/(api\/v1|mailbox)\//.test(r.pattern)));
});

test('every session route: no session → 401, bad cookie → 401', async () => {
  for (const r of routes.filter(session)) {
    expectError(await raw(r.method, path(r)), 401, 'no_session', undefined, name(r));
    expectError(await raw(r.method, path(r), { cookie: 'not-a-session-token', csrf: 'x' }), 401,
      'no_session', undefined, name(r));
  }
});

test('every write route refuses read_only and every admin route a technician: 403', async () => {
  const viewer = await makeUser('read_only');
  const tech = await makeUser('technician');
  for (const r of routes) {
    const body = r.body === 'array' ? [] : r.body === 'object' ? {} : undefined;
    const send = (client) => call(client, r, body);
    if (r.access === 'write' || r.access === 'admin') {
      expectError(await send(viewer), 403, 'forbidden', undefined, `${name(r)} as read_only`);
    }
    if (r.access === 'admin') {
      expectError(await send(tech), 403, 'forbidden', undefined, `${name(r)} as technician`);
    }
  }
});

test('every unsafe route without or with a wrong CSRF header → 403 csrf_failed', async () => {
  const a = await admin();
  for (const r of routes.filter((x) => unsafe(x) && session(x))) {
    const send = (headers) => call(a, r, r.body === 'none' ? undefined : '{}', { headers });
    expectError(await send({ 'X-CSRF-Token': undefined }), 403, 'csrf_failed', undefined, name(r));
    expectError(await send({ 'X-CSRF-Token': 'AAAA' }), 403, 'csrf_failed', undefined, name(r));
  }
});

test('every route with a body: wrong content type 415, malformed JSON 400, too large 413', async () => {
  const a = await admin();
  for (const r of routes.filter((x) => x.body !== 'none' && (session(x) || x.access === 'public'))) {
    const send = (body, type) => call(a, r, body, { headers: { 'Content-Type': type } });
    const valid = r.body === 'array' ? '[]' : '{}';
    // A raw route takes its own media types; JSON is the wrong one there.
    const own = r.body === 'raw' ? r.types[0] : 'application/json';
    expectError(await send(valid, 'text/plain'), 415, 'unsupported_media_type', undefined, name(r));
    expectError(await send(valid, 'application/x-www-form-urlencoded'), 415,
      'unsupported_media_type', undefined, name(r));
    if (r.body === 'raw') {
      expectError(await send(valid, 'application/json'), 415, 'unsupported_media_type', undefined, name(r));
    } else {
      expectError(await send('{"a":', 'application/json'), 400, 'invalid_json', undefined, name(r));
    }
    // Over the program's limit (nginx allows a little more, so the program answers).
    const big = JSON.stringify({ pad: 'x'.repeat(r.max) });
    expectError(await send(big, own), 413, 'too_large', undefined, name(r));
  }
});

test('every route with an id and no body: an unknown id → 404', async () => {
  const a = await admin();
  for (const r of routes.filter((x) => x.pattern.includes('{id}') && x.body === 'none' && session(x))) {
    const res = await call(a, r);
    expectError(res, 404, 'not_found', undefined, name(r));
  }
});

test('every service route without its token, every signed route unsigned → 401', async () => {
  const a = await admin();
  for (const r of routes.filter((x) => x.access === 'service' || x.access === 'signed')) {
    const res = await call(a, r, r.body === 'none' ? undefined : '{}', { headers: { 'Content-Type': 'application/json' } });
    // An instance without the route's token configured answers 503.
    if (res.status === 503) expectError(res, 503, 'not_configured', undefined, name(r));
    else expectError(res, 401, r.access === 'service' ? 'bad_token' : 'bad_signature', undefined, name(r));
  }
});

test('an unrouted method on a routed path → 405 with Allow', async () => {
  const a = await admin();
  for (const pattern of new Set(routes.map((r) => r.pattern))) {
    const allowed = routes.filter((r) => r.pattern === pattern).map((r) => r.method);
    const other = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].find((m) => !allowed.includes(m));
    if (!other) continue;
    const res = await raw(other, pattern.replace(/\{id\}/g, '1'), {
      cookie: a.token, csrf: a.csrf, headers: { 'Content-Type': 'application/json' }, body: other === 'GET' ? undefined : '{}',
    });
    expectError(res, 405, 'method_not_allowed', undefined, `${other} ${pattern}`);
    const allow = (res.headers.get('allow') ?? '').split(/,\s*/);
    for (const m of allowed) assert.ok(allow.includes(m), `${other} ${pattern}: Allow ${allow} lacks ${m}`);
  }
});
