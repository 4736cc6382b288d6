// Shared helpers for the HTTP API tests (node:test, no npm packages).
// Configuration comes from the environment `./stack test` sets.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';

export const BASE = (process.env.MSPHUB_TEST_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '');
export const ADMIN_EMAIL = process.env.MSPHUB_TEST_ADMIN_EMAIL ?? 'admin@example.com';
export const ADMIN_PASSWORD = process.env.MSPHUB_TEST_ADMIN_PASSWORD ?? '';
const DB_SOCKET = process.env.MSPHUB_TEST_DB_SOCKET;
const DB_USER = process.env.MSPHUB_TEST_DB_USER ?? 'root';

export const COOKIE_NAME = 'msphub_session';

/** The checkout, the build holding cgi/, the instance's config and run dir. */
export const ROOT = process.env.MSPHUB_TEST_ROOT ?? new URL('../..', import.meta.url).pathname;
export const BIN = process.env.MSPHUB_TEST_BIN ?? ROOT;
export const CONFIG = process.env.MSPHUB_TEST_CONFIG;
export const RUN = dirname(DB_SOCKET ?? '/nonexistent/x');
/**
 * The programs of cgi/programs, the one registry: { name, paths, signin }
 * (signin: the path nginx rate-limits, exact).
 */
export const REGISTRY = readFileSync(join(ROOT, 'cgi', 'programs'), 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
  .map((l) => {
    const [name, ...words] = l.split(/\s+/);
    return {
      name,
      paths: words.map((w) => w.replace(/^signin:/, '')),
      signin: words.filter((w) => w.startsWith('signin:')).map((w) => w.slice(7)),
    };
  });
export const PROGRAMS = REGISTRY.map((p) => p.name);

/**
 * Every program's routes, from `cgi/<program> --routes`: { method, pattern,
 * access, body, max, types (a raw body's media types), required (fields),
 * ownLoad (the handler, not the dispatcher, loads the path's record) }.
 */
export function routeTable() {
  return PROGRAMS.flatMap((p) =>
    execFileSync(join(BIN, 'cgi', p), ['--routes'], { encoding: 'utf8' }).trim().split('\n')
      .map((l) => {
        const [method, pattern, access, body, max, types = '-', required = '-', load = 'want'] = l.split(' ');
        const list = (x) => (x === '-' ? [] : x.split(','));
        return {
          method, pattern, access, body, max: Number(max), types: list(types), required: list(required),
          ownLoad: load === 'own',
        };
      }));
}

/** The pids of a running program's workers. */
export function workersOf(program) {
  const parent = readFileSync(join(RUN, `${program}.pid`), 'utf8').trim();
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', parent], { encoding: 'utf8' });
  return out.split('\n').map((x) => x.trim()).filter(Boolean).map(Number);
}

/** Waits in 100 ms steps until ok() holds; fails the test after `tries`. */
export async function until(what, ok, tries = 100) {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** A name no other test (or earlier run) uses. */
export function uniq(prefix = 't') {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Runs one SQL statement in the msphub database; returns the raw -N output (tab separated). */
export function sql(query) {
  assert.ok(DB_SOCKET, 'MSPHUB_TEST_DB_SOCKET is not set');
  return execFileSync('mariadb', ['--no-defaults', `--socket=${DB_SOCKET}`, '-u', DB_USER,
    'msphub', '-N', '-B', '-e', query], { encoding: 'utf8' }).replace(/\n$/, '');
}

/** SQL string literal (for values the tests generate themselves). */
export function q(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

async function wrap(res) {
  const text = await res.text();
  let body = null;
  if (text.length > 0) {
    try { body = JSON.parse(text); } catch { body = undefined; }
  }
  return { status: res.status, headers: res.headers, text, body };
}

/**
 * A request exactly as given: method, path, { headers, body (string or Buffer), cookie, csrf }.
 * No content type or CSRF header is added unless asked for.
 */
export async function raw(method, path, { headers = {}, body, cookie, csrf } = {}) {
  const h = { ...headers };
  if (cookie) h.Cookie = `${COOKIE_NAME}=${cookie}`;
  if (csrf !== undefined) h['X-CSRF-Token'] = csrf;
  const res = await fetch(BASE + path, { method, headers: h, body, redirect: 'manual' });
  return wrap(res);
}

/**
 * A request over node:http from a chosen local address (REMOTE_ADDR on
 * the server side), e.g. 127.0.0.7; resolves { status, headers, body, text }.
 */
export function requestFrom(localAddress, method, path, body, headers = {}) {
  const url = new URL(BASE + path);
  const data = body === undefined ? undefined :
    (typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress,
      headers: {
        ...(data !== undefined ? { 'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(data) } : {}),
        ...headers,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        if (text) { try { parsed = JSON.parse(text); } catch { parsed = undefined; } }
        const hdrs = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => hdrs.append(k, x)); else if (v !== undefined) hdrs.set(k, v);
        }
        resolve({ status: res.statusCode, headers: hdrs, text, body: parsed });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** A random loopback address other than 127.0.0.1, for throttling tests. */
export function otherLoopback() {
  const b = randomBytes(3);
  return `127.${1 + (b[0] % 250)}.${b[1]}.${1 + (b[2] % 250)}`;
}

// Node 18's Headers has no getSetCookie(); msphub sets one cookie at most.
function setCookies(res) {
  if (typeof res.headers.getSetCookie === 'function') return res.headers.getSetCookie();
  const line = res.headers.get('set-cookie');
  return line ? [line] : [];
}

/** The session token in a response's Set-Cookie, or null ('' when cleared). */
export function sessionCookie(res) {
  for (const c of setCookies(res)) {
    const m = c.match(new RegExp(`^${COOKIE_NAME}=([^;]*)`));
    if (m) return m[1];
  }
  return null;
}

/** The raw Set-Cookie line of the session cookie. */
export function sessionCookieLine(res) {
  return setCookies(res).find((c) => c.startsWith(`${COOKIE_NAME}=`)) ?? null;
}

/**
 * Every error: status, Content-Type application/json and the shape
 * {"error":{"code","message",("field")?}}.  field: undefined = not checked,
 * null = must be absent, string = must equal.  what names the request in
 * failure messages.
 */
export function expectError(res, status, code, field, what) {
  const ctx = `${what ? `${what}: ` : ''}${res.status} ${res.text?.slice(0, 300)}`;
  assert.equal(res.status, status, `status (${ctx})`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/i, `content type (${ctx})`);
  assert.ok(res.body && typeof res.body === 'object', `JSON body (${ctx})`);
  assert.ok(res.body.error && typeof res.body.error === 'object', `error object (${ctx})`);
  const e = res.body.error;
  assert.equal(typeof e.code, 'string', `error.code (${ctx})`);
  assert.equal(typeof e.message, 'string', `error.message (${ctx})`);
  assert.ok(e.message.length > 0, `error.message not empty (${ctx})`);
  if ('field' in e) assert.equal(typeof e.field, 'string', `error.field (${ctx})`);
  if (code !== undefined) assert.equal(e.code, code, `error.code (${ctx})`);
  if (field === null) assert.ok(!('field' in e), `no error.field (${ctx})`);
  else if (field !== undefined) assert.equal(e.field, field, `error.field (${ctx})`);
  return e;
}

/** A success: status and a JSON body; returns body.data. */
export function expectOk(res, status = 200) {
  assert.equal(res.status, status, `status (${res.status} ${res.text?.slice(0, 300)})`);
  if (status !== 204) {
    assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/i);
    assert.ok(res.body && 'data' in res.body, `data in ${res.text?.slice(0, 200)}`);
    return res.body.data;
  }
  return undefined;
}

function makeClient(token, csrf, user) {
  const send = (method, path, body, opts = {}) => {
    const headers = { ...(opts.headers ?? {}) };
    if (method !== 'GET') {
      if (!('Content-Type' in headers) && body !== undefined) headers['Content-Type'] = 'application/json';
      if (!('X-CSRF-Token' in headers)) headers['X-CSRF-Token'] = csrf;
    }
    if (opts.ifMatch !== undefined) headers['If-Match'] = opts.ifMatch;
    for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
    const payload = body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body));
    return raw(method, path, { headers, body: payload, cookie: token });
  };
  return {
    token, csrf, user,
    get: (path, opts) => send('GET', path, undefined, opts),
    post: (path, body, opts) => send('POST', path, body, opts),
    patch: (path, body, opts) => send('PATCH', path, body, opts),
    put: (path, body, opts) => send('PUT', path, body, opts),
    del: (path, opts) => send('DELETE', path, undefined, opts),
  };
}

/** Signs in; returns a client that keeps the cookie and sends the CSRF token. */
export async function signIn(email, password) {
  const res = await raw('POST', '/api/v1/session', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `sign in as ${email}: ${res.status} ${res.text}`);
  const token = sessionCookie(res);
  assert.ok(token, 'session cookie set');
  return makeClient(token, res.body.data.csrf_token, res.body.data.user);
}

let adminPromise = null;
/** The admin client of this test file (one sign-in per process). */
export function admin() {
  adminPromise ??= signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  return adminPromise;
}

/** Creates a user with role via the admin API; returns its signed-in client (+ email, password, id). */
export async function makeUser(role, { name } = {}) {
  const a = await admin();
  const email = `${uniq(role.replace(/_/g, '-'))}@example.com`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const res = await a.post('/api/v1/users', { email, name: name ?? `Test ${role}`, role, password });
  assert.equal(res.status, 201, `create user: ${res.status} ${res.text}`);
  const client = await signIn(email, password);
  return Object.assign(client, { email, password, id: res.body.data.id, record: res.body.data });
}

/** Creates a customer as client (admin by default); returns the record. */
export async function makeCustomer(fields = {}, client) {
  const c = client ?? await admin();
  const res = await c.post('/api/v1/customers', { name: uniq('Cust'), ...fields });
  assert.equal(res.status, 201, `create customer: ${res.status} ${res.text}`);
  return res.body.data;
}

/** GET a record; returns { data, etag }. */
export async function getWithEtag(client, path) {
  const res = await client.get(path);
  assert.equal(res.status, 200, `GET ${path}: ${res.status} ${res.text}`);
  return { data: res.body.data, etag: res.headers.get('etag') };
}

/** The statement lib/filter.c assembles for list with these query fields set (tests/filter/filter-sql). */
export function filterStatement(list, ...fields) {
  return execFileSync(join(BIN, 'tests/filter/filter-sql'), [list, ...fields], { encoding: 'utf8' }).trim();
}

/**
 * EXPLAIN of text with values bound in order (the tests' own values, so
 * quoting is enough); returns the plan row of table (its alias):
 * { type, key, extra }.
 */
export function explainRow(text, values, table) {
  let i = 0;
  const bound = text.replace(/\?/g, () => {
    const v = values[i++];
    if (v === null) return 'NULL';
    return typeof v === 'number' ? String(v) : `'${v}'`;
  });
  assert.equal(i, values.length, 'one value per marker');
  const row = sql(`EXPLAIN ${bound}`).split('\n').map((l) => l.split('\t')).find((r) => r[2] === table);
  return { type: row[3], key: row[5], extra: row[9] ?? '' };
}

/**
 * The SQL round trips a GET of path takes once every worker has its
 * statements prepared and the session is not due its once-a-minute
 * touch: the fewest of several tries (test builds report each
 * request's in X-Msphub-Round-Trips).
 */
export async function roundTrips(client, path, tries = 8) {
  let least = Infinity;
  for (let i = 0; i < tries; i++) {
    const res = await client.get(path);
    assert.equal(res.status, 200, `GET ${path}: ${res.status} ${res.text}`);
    least = Math.min(least, Number(res.headers.get('x-msphub-round-trips')));
  }
  return least;
}
