// A user's own preferences (K1: the contact columns), kept on the server
// per user: null until set, each user's own, checked against a whitelist,
// bounded in size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectOk, makeUser, raw, sql } from './lib.mjs';

const P = '/api/v1/users/me/preferences/contact-columns';

test('K1: the contact columns: null until set, then kept per user', async () => {
  const u = await makeUser('technician');
  const v = await makeUser('read_only');
  const audited = () => sql(`SELECT COUNT(*) FROM audit_log WHERE actor_user_id = ${u.id}`);
  const before = audited();
  assert.equal(expectOk(await u.get(P)), null);
  assert.deepEqual(expectOk(await u.put(P, ['name', 'email', 'status'])), ['name', 'email', 'status']);
  assert.deepEqual(expectOk(await u.get(P)), ['name', 'email', 'status']);
  assert.deepEqual(expectOk(await u.put(P, ['phone', 'name'])), ['phone', 'name'], 'a second PUT replaces');
  assert.deepEqual(expectOk(await u.get(P)), ['phone', 'name']);
  assert.equal(expectOk(await v.get(P)), null, 'another user has their own');
  assert.deepEqual(expectOk(await v.put(P, ['email'])), ['email'], 'read_only may set their own view');
  assert.deepEqual(expectOk(await u.get(P)), ['phone', 'name']);
  assert.equal(audited(), before, 'not audited');
});

test('K1: the contact columns: whitelisted, distinct, not empty, bounded', async () => {
  const u = await makeUser('technician');
  for (const bad of [[], ['name', 'name'], ['password'], [1], [['name']], ['name', null]]) {
    expectError(await u.put(P, bad), 400, 'invalid_value', undefined, JSON.stringify(bad));
  }
  expectError(await u.put(P, { columns: ['name'] }), 400, 'invalid_json');
  expectError(await u.put(P, Array(1000).fill('mobile')), 413, 'too_large');
  assert.equal(expectOk(await u.get(P)), null, 'nothing was stored');
  expectError(await raw('GET', P), 401, 'no_session');
});
