// Bad input that got through before (issue 7 §6), checked through nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, uniq } from './lib.mjs';

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
