// Request kinds of the dispatcher (issue 7 §3): raw bodies with their
// media types and limit, bodies read only after routing and exactly
// CONTENT_LENGTH long, 411 without it, HEAD on every GET route, request
// headers by name.  Against tests/kinds/kinds, a test-only program with a
// route per kind, over FastCGI; HEAD also through nginx on real routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { admin, raw } from './lib.mjs';
import { fcgiOpen, fcgiRequest, startProgram, stopProgram } from './fcgi.mjs';

let p;
before(async () => { p = await startProgram('tests/kinds/kinds'); });
after(async () => { await stopProgram(p); });

const MB25 = 25 * 1024 * 1024;

function post(path, type, body, length = body?.length) {
  const params = { REQUEST_METHOD: 'POST', SCRIPT_NAME: path, QUERY_STRING: '' };
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
