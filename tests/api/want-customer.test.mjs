// want_customer (issue 7 §3): every /api/v1/customers/{id}/… route has its
// customer loaded once by the dispatcher, which answers 404 before the
// handler runs.  X-Msphub-Fault counts the statements: a fault armed at
// statement 3 never fires when only the session check (1) and the
// customer read (2) ran.  A route that reads its customer with the rest
// of its reply (own_load: the summary, the timeline) may take one more
// when that read finds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, makeCustomer, raw, routeTable } from './lib.mjs';

const MISSING = 999999;
const sub = routeTable().filter((r) => r.pattern.startsWith('/api/v1/customers/{id}/'));
const FAULT = (r) => ({ 'X-Msphub-Fault': r.ownLoad ? '4:lost' : '3:lost' });

// A body each route accepts, so only the customer can be missing: its
// required fields (a typed one gets a value of its type), or for a raw
// route a small body of its media type.
const TYPED = {
  type: 'standard', start_date: '2025-01-01', date: '2025-01-01', issue_date: '2025-01-01',
  minutes: 30, total_minor: 100, amount_minor: 100,
};
const body = (r) => {
  if (r.body === 'none') return undefined;
  if (r.body === 'raw') return 'Name\nx\n';
  return JSON.stringify(Object.fromEntries(r.required.map((f) => [f, TYPED[f] ?? 'Main office'])));
};

test('every customer sub-route: an unknown customer is 404 after two statements', async () => {
  const a = await admin();
  assert.ok(sub.length >= 6, `${sub.length} sub-routes`);
  for (const r of sub) {
    const path = r.pattern.replace(/\{id\}/g, String(MISSING));
    const type = r.body === 'raw' ? r.types[0] : 'application/json';
    // An Idempotency-Key makes a POST run statements of its own first.
    const res = await raw(r.method, path, {
      cookie: a.token, csrf: a.csrf, body: body(r),
      headers: {
        ...FAULT(r), 'Content-Type': type, 'If-Match': '"1"',
        ...(r.method === 'POST' ? { 'Idempotency-Key': `want-${r.method}-${r.pattern}` } : {}),
      },
    });
    const what = `${r.method} ${r.pattern}`;
    expectError(res, 404, 'not_found', undefined, what);
    assert.equal(res.body.error.message, 'No such customer', what);
    assert.equal(res.headers.get('x-msphub-fault-fired'), null, `${what} ran a statement too many`);
  }
});

test('no session is still 401, not 404, for an unknown customer', async () => {
  for (const r of sub) {
    const path = r.pattern.replace(/\{id\}/g, String(MISSING));
    expectError(await raw(r.method, path), 401, 'no_session', undefined, `${r.method} ${r.pattern}`);
  }
});

test('an existing customer: the handler gets it and answers', async () => {
  const a = await admin();
  const c = await makeCustomer({}, a);
  const res = await a.get(`/api/v1/customers/${c.id}/locations`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.data, []);
  const audit = await a.get(`/api/v1/customers/${c.id}/audit`);
  assert.equal(audit.status, 200);
  assert.ok(audit.body.data.length >= 1);
});
