// Bad input that got through before (issue 7 §6), checked through nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  admin, expectError, expectOk, makeCustomer, otherLoopback, q, raw, requestFrom, sql, uniq, workersOf,
} from './lib.mjs';

const P = '/api/v1/customers';

test('§6: a key holding \\u0000 or an escaped lone surrogate is invalid JSON (400)', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const bodies = [
    '{"name\\u0000x":"Renamed by NUL"}',
    '{"name":"Lone \\ud800"}',
    '{"name":"Lone \\udc00"}',
    '{"name":"Pair broken \\ud83dx"}',
  ];
  for (const body of bodies) {
    expectError(await a.patch(`${P}/${c.id}`, body, { ifMatch: `"${c.version}"` }),
      400, 'invalid_json', undefined, body);
    expectError(await a.post(P, body), 400, 'invalid_json', undefined, body);
  }
  const now = expectOk(await a.get(`${P}/${c.id}`));
  assert.equal(now.name, c.name);
  assert.equal(now.version, c.version);
  // A proper pair still arrives as one character.
  const name = `${uniq('Pair')} \ud83d\ude00`;
  const made = expectOk(await a.post(P, `{"name":${JSON.stringify(name).replace('\ud83d\ude00', '\\ud83d\\ude00')}}`), 201);
  assert.equal(made.name, name);
});

// A custom number keeps the text it was sent with.  Canonical form: the
// exponent marker becomes "e" without "+" or leading zeros; everything
// else (trailing zeros, digits beyond a double's precision) stays as sent.
// Integers must fit 64 bits (json-c saturates beyond); non-finite numbers
// are refused.
test('§6: a custom number is stored and returned as the text sent', async () => {
  const a = await admin();
  const key = `n_${uniq('').replace(/-/g, '_').slice(1)}`;
  expectOk(await a.post('/api/v1/custom-fields', { key, label: 'Exact number', type: 'number' }), 201);
  let c = await makeCustomer();
  const kept = [
    ['0.1', '0.1'], ['1e2', '1e2'], ['-0.5', '-0.5'],
    ['12345678901234567890', '12345678901234567890'], ['1.50', '1.50'],
    ['1E+02', '1e2'], ['2.5e-007', '2.5e-7'], ['-0', '0'], ['0.30000000000000004', '0.30000000000000004'],
  ];
  for (const [sent, want] of kept) {
    const body = `{"custom_fields":{"${key}":${sent}}}`;
    const r = await a.patch(`${P}/${c.id}`, body, { ifMatch: `"${c.version}"` });
    c = expectOk(r);
    const field = new RegExp(`"${key}":\\s*([^,}\\s]+)`);
    assert.equal(r.text.match(field)?.[1], want, `PATCH reply for ${sent}`);
    assert.equal((await a.get(`${P}/${c.id}`)).text.match(field)?.[1], want, `GET for ${sent}`);
    const audit = await a.get(`${P}/${c.id}/audit?limit=1`);
    assert.match(audit.text, new RegExp(`"custom\\.${key}":\\{"old":[^,]*,\\s*"new":${want.replace(/[.+]/g, '\\$&')}\\}`),
      `audit for ${sent}`);
  }
  const refused = [
    ['123456789012345678901234567890', 'out_of_range'], ['-12345678901234567890', 'out_of_range'],
    ['1e999', 'invalid_number'], ['-1e999', 'invalid_number'], ['NaN', 'invalid_number'],
    ['Infinity', 'invalid_number'],
  ];
  for (const [sent, code] of refused) {
    expectError(await a.patch(`${P}/${c.id}`, `{"custom_fields":{"${key}":${sent}}}`, { ifMatch: `"${c.version}"` }),
      400, code, `custom.${key}`, sent);
  }
});

// Stored settings are read as data that may be damaged: anything but an
// array of strings is answered with a clean 503, never a crashed worker.
test('§6: a damaged settings row gives 503 JSON errors and no worker crash', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const field = expectOk(await a.post('/api/v1/custom-fields',
    { key: `d_${uniq('').replace(/-/g, '_').slice(1)}`, label: 'Damage', type: 'text' }), 201);
  const workers = workersOf('customers').sort();
  const saved = {
    ranks: sql("SELECT value_json FROM settings WHERE name = 'ranks'"),
    pinned_fields: sql("SELECT value_json FROM settings WHERE name = 'pinned_fields'"),
  };
  const requests = {
    ranks: [
      () => a.get('/api/v1/settings/ranks'),
      () => a.put('/api/v1/settings/ranks', ['A', 'B']),
      () => a.patch(`${P}/${c.id}`, { rank: 'A' }, { ifMatch: `"${c.version}"` }),
      () => a.post(P, { name: uniq('Ranked'), rank: 'A' }),
    ],
    pinned_fields: [
      () => a.get('/api/v1/settings/pinned-fields'),
      () => a.put('/api/v1/settings/pinned-fields', ['phone', 'city', 'website']),
      () => a.del(`/api/v1/custom-fields/${field.id}`),
    ],
  };
  try {
    for (const name of Object.keys(requests)) {
      for (const damage of ['[1,null,{}]', '[null]', '["A",2]', '{"a":"b"}', '"A"', 'null']) {
        sql(`UPDATE settings SET value_json = ${q(damage)} WHERE name = ${q(name)}`);
        for (const send of requests[name]) {
          expectError(await send(), 503, 'service_unavailable', undefined, `${name} = ${damage}`);
        }
      }
      sql(`UPDATE settings SET value_json = ${q(saved[name])} WHERE name = ${q(name)}`);
    }
  } finally {
    for (const [name, v] of Object.entries(saved)) {
      sql(`UPDATE settings SET value_json = ${q(v)} WHERE name = ${q(name)}`);
    }
  }
  assert.deepEqual(workersOf('customers').sort(), workers, 'no customers worker died');
  assert.deepEqual(expectOk(await a.get('/api/v1/settings/ranks')), JSON.parse(saved.ranks));
  const now = expectOk(await a.get(`${P}/${c.id}`));
  assert.equal(now.version, c.version, 'the refused PATCH wrote nothing');
});

// What every reply carries, nginx's own error pages included.
function expectSecurityHeaders(res, what) {
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `CSP on ${what}`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `nosniff on ${what}`);
  assert.equal(res.headers.get('referrer-policy'), 'same-origin', `Referrer-Policy on ${what}`);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', `X-Frame-Options on ${what}`);
}

test('§6: nginx\'s own 413 and 404 carry the security headers', async () => {
  const a = await admin();
  const big = await a.post(P, JSON.stringify({ name: 'x'.repeat(200 * 1024) }));
  expectError(big, 413, 'too_large');
  expectSecurityHeaders(big, '413');
  const missing = await raw('GET', `/api/v1/no-such-thing-${uniq()}`);
  expectError(missing, 404, 'not_found');
  expectSecurityHeaders(missing, '404');
  // Outside the API a missing page is the app's own not-found page.
  const page = await raw('GET', `/no-such-file-${uniq()}.png`);
  assert.equal(page.status, 404);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  expectSecurityHeaders(page, 'the not-found page');
});

// The test instance allows 100 sign-ins a second per address after a
// burst of 200: four senders in a row from one address soon meet
// limit_req (never so many at once that the program's backlog overflows).
test('§6: the sign-in 429 from limit_req carries the security headers and Retry-After', async () => {
  const from = otherLoopback();
  const replies = [];
  const sender = async () => {
    while (replies.length < 4000 && !replies.some((r) => r.status === 429)) {
      replies.push(await requestFrom(from, 'POST', '/api/v1/session', 'x',
        { 'Content-Type': 'text/plain', 'Content-Length': 1 }));
    }
  };
  await Promise.all([sender(), sender(), sender(), sender()]);
  const limited = replies.filter((r) => r.status === 429);
  assert.ok(limited.length > 0, `no 429 among ${replies.length} sign-ins`);
  for (const r of limited) {
    expectError(r, 429, 'rate_limited');
    expectSecurityHeaders(r, '429');
    assert.equal(r.headers.get('retry-after'), '60');
  }
  for (const r of replies) assert.ok(r.status === 429 || r.status === 415, `status ${r.status}`);
});
