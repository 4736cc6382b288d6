// Sign-in attempts take turns per account on a row lock (runtime issue
// §1 "ready for a cluster", §6): GET_LOCK is per node in a Galera
// cluster, and locks per exact spelling let accent variants of one
// address be checked in parallel past the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { expectError, expectOk, makeUser, otherLoopback, q, requestFrom, sql, until } from './lib.mjs';

const ACCOUNT_MAX = 5;	// MSPHUB_LOGIN_ACCOUNT_MAX's default

test('16 parallel guesses with accent and case variants of one account: at most 5 are checked', async () => {
  const u = await makeUser('technician');
  const [local, domain] = u.email.split('@');
  // One account, as the users table's collation sees it.
  const accented = local.replace(/e/, 'é');
  const spellings = Array.from({ length: 16 }, (_, i) =>
    [u.email, u.email.toUpperCase(), `${accented}@${domain}`, `${accented.toUpperCase()}@${domain}`][i % 4]);
  assert.notEqual(accented, local, `the address has an e to accent: ${local}`);
  const addr = otherLoopback();
  const res = await Promise.all(spellings.map((email) =>
    requestFrom(addr, 'POST', '/api/v1/session', { email, password: 'not the password!' })));
  const checked = res.filter((r) => r.status === 401).length;
  for (const r of res) assert.ok([401, 429].includes(r.status), `${r.status} ${r.text}`);
  assert.ok(checked >= 1 && checked <= ACCOUNT_MAX, `${checked} guesses were checked`);
  // And the right password now waits too: the account is locked, whatever the spelling.
  const right = await requestFrom(otherLoopback(), 'POST', '/api/v1/session',
    { email: `${accented}@${domain}`, password: u.password });
  expectError(right, 429, 'too_many_attempts');
});

test('an attempt waits a bounded time for another on the same account, then 429', async () => {
  const u = await makeUser('technician');
  const addr = otherLoopback();
  // The account's throttle row exists after one failure.
  expectError(await requestFrom(addr, 'POST', '/api/v1/session', { email: u.email, password: 'wrong password 1' }), 401);
  // Another session holds the row, as a slow attempt would.
  const holder = spawn('mariadb', ['--no-defaults', `--socket=${process.env.MSPHUB_TEST_DB_SOCKET}`,
    '-u', process.env.MSPHUB_TEST_DB_USER ?? 'root', 'msphub', '-N', '--unbuffered', '-e',
    `BEGIN; SELECT 'held' FROM login_throttle WHERE scope = 'account' AND subject = ${q(u.email)} FOR UPDATE;
     SELECT SLEEP(4); ROLLBACK;`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  holder.stdout.on('data', (d) => { out += d; });
  await until('the row lock to be held', () => out.includes('held'));
  const waited = await requestFrom(otherLoopback(), 'POST', '/api/v1/session', { email: u.email, password: u.password });
  expectError(waited, 429, 'too_many_attempts');
  assert.ok(Number(waited.headers.get('retry-after')) > 0);
  await new Promise((r) => holder.on('exit', r));
  expectOk(await requestFrom(otherLoopback(), 'POST', '/api/v1/session', { email: u.email, password: u.password }));
  assert.equal(sql(`SELECT failures FROM login_throttle WHERE scope = 'account' AND subject = ${q(u.email)}`), '0',
    'a sign-in clears the account\'s failures');
});
