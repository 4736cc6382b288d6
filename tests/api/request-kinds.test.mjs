// Request kinds of the dispatcher (issue 7 §3): raw bodies with their
// media types and limit, bodies read only after routing and exactly
// CONTENT_LENGTH long, 411 without it, HEAD on every GET route, request
// headers by name, service bearer tokens and signed requests (Standard
// Webhooks, GitHub) checked before the body is parsed, and the arena's
// byte cap (§6) answered with 503 by a worker that goes on serving.  Against tests/kinds/kinds, a test-only program with a
// route per kind, over FastCGI; HEAD also through nginx on real routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { admin, raw, sql, until } from './lib.mjs';
import { childrenOf, fcgiOpen, fcgiRequest, startProgram, stopProgram } from './fcgi.mjs';

let p;
const TOKEN = 'kinds-service-token-0123456789';
before(async () => { p = await startProgram('tests/kinds/kinds', { env: { MSPHUB_KINDS_TOKEN: TOKEN } }); });
after(async () => { await stopProgram(p); });

const MB25 = 25 * 1024 * 1024;

function post(path, type, body, length = body?.length, headers = {}) {
  const params = { REQUEST_METHOD: 'POST', SCRIPT_NAME: path, QUERY_STRING: '', ...headers };
  if (type) params.CONTENT_TYPE = type;
  if (length !== undefined) params.CONTENT_LENGTH = length;
  return fcgiRequest(p.sock, params, body);
}

const json = (res) => JSON.parse(res.body.toString());

test('a raw message/rfc822 body of 25 MB arrives whole', async () => {
  const body = randomBytes(MB25);
  const res = await post('/raw', 'message/rfc822', body);
  assert.equal(res.status, 200, res.body.toString());
  assert.equal(json(res).data.length, MB25);
  assert.equal(json(res).data.sha256, createHash('sha256').update(body).digest('hex'));
  const csv = await post('/raw', 'text/csv; charset=utf-8', Buffer.from('a,b\n1,2\n'));
  assert.equal(csv.status, 200);
  assert.equal(json(csv).data.length, 8);
});

test('over the route limit: 413 before a byte of the body is read', async () => {
  // Nothing is sent after the params: a program that read first would wait.
  const r = fcgiOpen(p.sock, {
    REQUEST_METHOD: 'POST', SCRIPT_NAME: '/raw', QUERY_STRING: '',
    CONTENT_TYPE: 'message/rfc822', CONTENT_LENGTH: MB25 + 1,
  });
  const res = await r.reply;
  assert.equal(res.status, 413);
  assert.equal(json(res).error.code, 'too_large');
  // The JSON route keeps the default limit.
  const big = await post('/echo', 'application/json', Buffer.alloc(64 * 1024 + 1, 32));
  assert.equal(big.status, 413);
});

test('a media type the route does not take: 415 naming the ones it does', async () => {
  const res = await post('/raw', 'text/plain', Buffer.from('x'));
  assert.equal(res.status, 415);
  assert.equal(json(res).error.code, 'unsupported_media_type');
  assert.match(json(res).error.message, /message\/rfc822, text\/csv/);
  assert.equal((await post('/echo', 'text/csv', Buffer.from('{}'))).status, 415);
});

test('a body route without Content-Length: 411', async () => {
  for (const path of ['/raw', '/echo']) {
    const res = await post(path, path === '/raw' ? 'text/csv' : 'application/json', Buffer.from('{"name":"x"}'), null);
    assert.equal(res.status, 411, path);
    assert.equal(json(res).error.code, 'length_required');
  }
});

test('a body shorter or longer than Content-Length: 400', async () => {
  const short = await post('/raw', 'text/csv', Buffer.from('a,b'), 100);
  assert.equal(short.status, 400);
  assert.equal(json(short).error.code, 'length_mismatch');
  const long = await post('/raw', 'text/csv', Buffer.from('a,b,c,d'), 3);
  assert.equal(long.status, 400);
  assert.equal(json(long).error.code, 'length_mismatch');
  // A JSON body cut short is a length error, not a JSON one.
  const cut = await post('/echo', 'application/json', Buffer.from('{"name":"a"}'), 40);
  assert.equal(json(cut).error.code, 'length_mismatch');
  const ok = await post('/echo', 'application/json', Buffer.from('{"name":"a"}'));
  assert.equal(ok.status, 200);
  assert.equal(json(ok).data.name, 'a');
});

test('HEAD answers a GET route: same status and headers, no body', async () => {
  const req = (m) => fcgiRequest(p.sock, { REQUEST_METHOD: m, SCRIPT_NAME: '/thing', QUERY_STRING: '' });
  const get = await req('GET');
  const head = await req('HEAD');
  assert.equal(get.status, 200);
  assert.ok(get.body.length > 0);
  assert.equal(head.head, get.head);
  assert.match(head.head, /^ETag: "7"/m);
  assert.equal(head.body.length, 0);
  const none = await fcgiRequest(p.sock, { REQUEST_METHOD: 'HEAD', SCRIPT_NAME: '/raw', QUERY_STRING: '' });
  assert.equal(none.status, 405, 'no GET route: no HEAD');
  assert.match(none.head, /^Allow: POST\r?$/m);
});

test('HEAD through nginx on the real programs', async () => {
  const a = await admin();
  const get = await raw('GET', '/api/v1/customers?limit=1', { cookie: a.token });
  const head = await raw('HEAD', '/api/v1/customers?limit=1', { cookie: a.token });
  assert.equal(get.status, 200);
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
  assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
  assert.equal((await raw('HEAD', '/api/v1/customers?limit=1')).status, 401);
  assert.equal((await raw('HEAD', '/api/v1/customers/999999999', { cookie: a.token })).status, 404);
  assert.equal((await raw('HEAD', '/api/v1/session', { cookie: a.token })).status, 200);
});

test('a route reads any request header by name', async () => {
  const res = await fcgiRequest(p.sock, {
    REQUEST_METHOD: 'GET', SCRIPT_NAME: '/header', QUERY_STRING: '',
    HTTP_IDEMPOTENCY_KEY: 'key-1', CONTENT_TYPE: 'text/csv',
  });
  assert.equal(res.status, 200);
  assert.deepEqual(json(res).data, { 'Idempotency-Key': 'key-1', 'X-Other': null, 'Content-Type': 'text/csv' });
});

test('a service route: the configured bearer token, else 401; the actor is the service', async () => {
  const body = Buffer.from('{"name":"from the MTA"}');
  const send = (auth) => post('/service', 'application/json', body, undefined,
    auth === undefined ? {} : { HTTP_AUTHORIZATION: auth });
  const ok = await send(`Bearer ${TOKEN}`);
  assert.equal(ok.status, 200, ok.body.toString());
  assert.deepEqual(json(ok).data, { kind: 'service', name: 'kinds-mta', sent: 'from the MTA' });
  assert.equal((await send(`bearer ${TOKEN}`)).status, 200, 'the scheme is case-insensitive');
  for (const auth of [undefined, '', 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`,
    `Basic ${TOKEN}`, `Bearer  ${TOKEN}`, 'Bearer wrong']) {
    const res = await send(auth);
    assert.equal(res.status, 401, String(auth));
    assert.equal(json(res).error.code, 'bad_token');
    assert.match(res.head, /^WWW-Authenticate: Bearer/m);
  }
  // A session cookie is no service token.
  const cookie = await post('/service', 'application/json', body, undefined, { HTTP_COOKIE: 'msphub_session=x' });
  assert.equal(cookie.status, 401);
});

test('a service route whose token is not configured: 503, logged once', async () => {
  const get = () => fcgiRequest(p.sock, { REQUEST_METHOD: 'GET', SCRIPT_NAME: '/service-unset',
    QUERY_STRING: '', HTTP_AUTHORIZATION: 'Bearer anything' });
  for (let i = 0; i < 3; i++) {
    const res = await get();
    assert.equal(res.status, 503);
    assert.equal(json(res).error.code, 'not_configured');
  }
  assert.equal(p.stderr().split('MSPHUB_KINDS_UNSET_TOKEN is not configured').length - 1, 1, p.stderr());
});

const SW_SECRET = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
const swSign = (id, ts, body, key = SW_SECRET) =>
  `v1,${createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64')}`;
const now = () => Math.floor(Date.now() / 1000);

function signed(body, { id = 'msg_1', ts = now(), sig } = {}) {
  const h = { HTTP_WEBHOOK_ID: id, HTTP_WEBHOOK_TIMESTAMP: String(ts) };
  h.HTTP_WEBHOOK_SIGNATURE = sig ?? swSign(id, ts, body);
  if (sig === null) delete h.HTTP_WEBHOOK_SIGNATURE;
  return post('/signed', 'application/json', body, undefined, h);
}

test('a Standard Webhooks signed route: a good signature reaches the handler as the service', async () => {
  const body = Buffer.from('{"name":"event"}');
  const ok = await signed(body);
  assert.equal(ok.status, 200, ok.body.toString());
  assert.deepEqual(json(ok).data, { kind: 'service', name: 'kinds-hook', sent: 'event' });
  // Key rotation: the old key's signature next to the new one.
  const ts = now();
  const two = `${swSign('msg_2', ts, body, randomBytes(24))} ${swSign('msg_2', ts, body)}`;
  assert.equal((await signed(body, { id: 'msg_2', ts, sig: two })).status, 200);
});

test('a bad, missing or stale signature: 401 before the body is parsed', async () => {
  // Not JSON at all: a parse before the check would answer 400.
  const junk = Buffer.from('{"name":');
  const cases = [
    [{ sig: null }, 'bad_signature'],
    [{ sig: '' }, 'bad_signature'],
    [{ sig: swSign('msg_1', now(), Buffer.from('other')) }, 'bad_signature'],
    [{ sig: swSign('msg_1', now(), junk, randomBytes(24)) }, 'bad_signature'],
    [{ sig: swSign('msg_9', now(), junk) }, 'bad_signature'],
    [{ ts: now() - 301 }, 'stale_timestamp'],
    [{ ts: now() + 301 }, 'stale_timestamp'],
    [{ ts: 'yesterday' }, 'bad_signature'],
  ];
  for (const [opt, code] of cases) {
    const res = await signed(junk, opt);
    assert.equal(res.status, 401, JSON.stringify(opt));
    assert.equal(json(res).error.code, code, JSON.stringify(opt));
  }
  // Signed but malformed: now the body is parsed, and refused.
  assert.equal((await signed(junk)).status, 400);
});

test('a GitHub-style signed route: X-Hub-Signature-256', async () => {
  const body = Buffer.from('a,b\n1,2\n');
  const gh = (sig) => post('/signed-github', 'text/csv', body, undefined,
    sig ? { HTTP_X_HUB_SIGNATURE_256: sig } : {});
  const good = `sha256=${createHmac('sha256', "It's a Secret to Everybody").update(body).digest('hex')}`;
  const ok = await gh(good);
  assert.equal(ok.status, 200, ok.body.toString());
  assert.deepEqual(json(ok).data, { kind: 'service', name: 'kinds-github' });
  const other = `sha256=${createHmac('sha256', "It's a Secret to Everybody").update('x').digest('hex')}`;
  for (const sig of [undefined, good.replace('sha256=', 'sha1='), good.slice(0, -1), other]) {
    const res = await gh(sig);
    assert.equal(res.status, 401, String(sig));
    assert.equal(json(res).error.code, 'bad_signature');
  }
});

test('a request past the arena cap: 503 overloaded, and the same worker serves the next', async () => {
  const pids = childrenOf(p.child.pid);
  assert.equal(pids.length, 1);
  const get = (path) => fcgiRequest(p.sock, { REQUEST_METHOD: 'GET', SCRIPT_NAME: path, QUERY_STRING: '' });
  for (let i = 0; i < 2; i++) {
    const res = await get('/hog');
    assert.equal(res.status, 503, res.body.toString());
    assert.equal(json(res).error.code, 'overloaded');
    assert.match(res.head, /^Retry-After: 1/m);
    const ok = await get('/thing');
    assert.equal(ok.status, 200);
    assert.equal(json(ok).data.thing, 'a thing');
  }
  assert.deepEqual(childrenOf(p.child.pid), pids, 'the worker was not replaced');
  // The 25 MB body still fits under the cap.
  const body = randomBytes(MB25);
  assert.equal((await post('/raw', 'message/rfc822', body)).status, 200);
});

test('a handler that leaves its transaction open: rolled back, logged, answered 500', async () => {
  const before = sql("SELECT COUNT(*) FROM audit_log WHERE action = 'kinds.left_open'");
  const res = await fcgiRequest(p.sock, {
    REQUEST_METHOD: 'POST', SCRIPT_NAME: '/tx-left-open', QUERY_STRING: '',
  });
  assert.equal(res.status, 500, res.body.toString());
  assert.equal(json(res).error.code, 'internal');
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'kinds.left_open'"), before,
    'the write was rolled back');
  await until('the log line', () => /a transaction was left open; rolled back/.test(p.stderr()));
  // The worker goes on, outside any transaction.
  assert.equal((await fcgiRequest(p.sock, { REQUEST_METHOD: 'GET', SCRIPT_NAME: '/thing', QUERY_STRING: '' })).status, 200);
});

test('one statement run on two connections of a process runs on each (statements are per connection)', async () => {
  const res = await fcgiRequest(p.sock, { REQUEST_METHOD: 'GET', SCRIPT_NAME: '/connections', QUERY_STRING: '' });
  assert.equal(res.status, 200, res.body.toString());
  const { first, second } = json(res).data;
  assert.ok(first > 0 && second > 0);
  assert.notEqual(first, second);
});
