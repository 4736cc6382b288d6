// The supervisor (issue 7 §2): a request being served when SIGTERM comes
// is finished, workers die with their parent, a second instance and a
// newer schema are refused, a failed fork is retried.  These tests start
// their own cgi/customers on a private socket dir and talk FastCGI to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, CONFIG, admin, sql, uniq, until } from './lib.mjs';
import {
  childrenOf, fcgiOpen, fcgiRequest, startProgram, stopProgram,
} from './fcgi.mjs';

const SIGTERM_BIT = 1n << 14n;

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

// The number of the system call a process is blocked in (0 read, 1 write).
function syscallOf(pid) {
  try { return Number(readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0]); } catch { return -1; }
}

// SIGTERM sent to the process and not yet delivered (it is blocked).
function termPending(pid) {
  try {
    const m = /^ShdPnd:\s*([0-9a-f]+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return (BigInt(`0x${m[1]}`) & SIGTERM_BIT) !== 0n;
  } catch { return false; }
}

const start = (opts) => startProgram('cgi/customers', opts);

function params(method, path, a, extra = {}) {
  return {
    REQUEST_METHOD: method, SCRIPT_NAME: path, REQUEST_URI: path, QUERY_STRING: '',
    REMOTE_ADDR: '127.0.0.1', HTTP_COOKIE: `msphub_session=${a.token}`, HTTP_X_CSRF_TOKEN: a.csrf, ...extra,
  };
}

const health = (sock) => fcgiRequest(sock, { REQUEST_METHOD: 'GET', SCRIPT_NAME: '/health', QUERY_STRING: '' });

test('SIGTERM while a request body is half sent: the request completes (201), then the program exits', async () => {
  const a = await admin();
  const p = await start();
  try {
    const [worker] = childrenOf(p.child.pid);
    const name = uniq('Half sent');
    const body = Buffer.from(JSON.stringify({ name }));
    const r = fcgiOpen(p.sock, params('POST', '/api/v1/customers', a, {
      CONTENT_TYPE: 'application/json', CONTENT_LENGTH: body.length,
    }));
    r.send(body.subarray(0, 7));
    await until('the worker to wait for the rest of the body', () => syscallOf(worker) === 0);
    p.child.kill('SIGTERM');
    await until('SIGTERM to reach the worker', () => termPending(worker) || !alive(worker));
    assert.ok(alive(worker), 'the worker is still serving');
    r.send(body.subarray(7));
    r.end();
    const res = await r.reply;
    assert.equal(res.complete, true, 'the request was ended properly');
    assert.equal(res.status, 201, res.body.toString());
    assert.equal(JSON.parse(res.body).data.name, name);
    await until('the program to exit', () => p.child.exitCode !== null);
    assert.equal(p.child.exitCode, 0, p.stderr());
    assert.equal(sql(`SELECT COUNT(*) FROM customers WHERE name = '${name}'`), '1');
  } finally {
    await stopProgram(p);
  }
});

test('SIGTERM while a large reply goes to a slow reader: every byte arrives', async () => {
  const a = await admin();
  const c = (await a.post('/api/v1/customers', { name: uniq('Big audit') })).body.data;
  let etag = `"${c.version}"`;
  for (let i = 0; i < 20; i++) {
    const res = await a.patch(`/api/v1/customers/${c.id}`, { notes: (i % 2 ? 'a' : 'b').repeat(10000) }, { ifMatch: etag });
    assert.equal(res.status, 200, res.text);
    etag = res.headers.get('etag');
  }
  const path = `/api/v1/customers/${c.id}/audit`;
  const whole = await a.get(path);
  assert.equal(whole.status, 200);
  const expected = Buffer.from(whole.text);
  assert.ok(expected.length > 300 * 1024, `the reply is ${expected.length} bytes`);

  const p = await start();
  try {
    const [worker] = childrenOf(p.child.pid);
    const r = fcgiOpen(p.sock, params('GET', path, a));
    r.socket.pause();
    r.end();
    await until('the worker to block writing the reply', () => syscallOf(worker) === 1);
    p.child.kill('SIGTERM');
    await until('SIGTERM to reach the worker', () => termPending(worker) || !alive(worker));
    r.socket.resume();
    const res = await r.reply;
    assert.equal(res.complete, true, 'the request was ended properly');
    assert.equal(res.status, 200);
    assert.equal(res.body.length, expected.length, 'every byte arrived');
    assert.ok(res.body.equals(expected));
    await until('the program to exit', () => p.child.exitCode !== null);
    assert.equal(p.child.exitCode, 0, p.stderr());
  } finally {
    await stopProgram(p);
  }
});

test('kill -9 of the parent: its workers exit; the stale socket is taken over', async () => {
  const p = await start({ workers: 2 });
  try {
    const workers = childrenOf(p.child.pid);
    p.child.kill('SIGKILL');
    await until('the workers to exit', () => !workers.some(alive));
    assert.equal(existsSync(p.sock), true, 'the dead instance left its socket');
    const q = await start({ dir: p.dir });
    assert.equal((await health(q.sock)).status, 200);
    await stopProgram(q);
  } finally {
    await stopProgram(p);
  }
});

test('a second instance on the same socket dir is refused; the first still serves', async () => {
  const p = await start();
  try {
    const r = spawnSync(join(BIN, 'cgi/customers'), [], {
      encoding: 'utf8', timeout: 10000,
      env: { ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_SOCKET_DIR: p.dir },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /another customers is running/);
    const res = await health(p.sock);
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).status, 'ok');
  } finally {
    await stopProgram(p);
  }
});

test('a program refuses to start on a schema newer than its own', () => {
  const db = `msphub_${uniq('newer').replace(/-/g, '_')}`;
  const dir = mkdtempSync(join(tmpdir(), 'msphub-schema-'));
  sql(`CREATE DATABASE ${db}`);
  try {
    sql(`CREATE TABLE ${db}.schema_version (version INT UNSIGNED PRIMARY KEY,
      name VARCHAR(200) NOT NULL, applied_at DATETIME(6) NOT NULL)`);
    sql(`INSERT INTO ${db}.schema_version VALUES (999999, 'future', UTC_TIMESTAMP(6))`);
    sql(`GRANT SELECT ON ${db}.* TO 'msphub'@'localhost'`);
    const r = spawnSync(join(BIN, 'cgi/customers'), [], {
      encoding: 'utf8', timeout: 10000,
      env: { ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_DB_NAME: db, MSPHUB_SOCKET_DIR: dir },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /schema is at version 999999, newer than this program's \d+/);
    assert.equal(existsSync(join(dir, 'customers.sock')), false);
  } finally {
    sql(`DROP DATABASE ${db}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed fork is retried with growing delays until it succeeds', async () => {
  // RLIMIT_NPROC binds only non-root users: run as nobody, with room for
  // two processes of that user, one of them taken by a sleeper.
  const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const sleeper = spawn(nobody[0], [...nobody.slice(1), 'sleep', '600'], { stdio: 'ignore' });
  const env = Object.fromEntries(readFileSync(CONFIG, 'utf8').split('\n')
    .filter((l) => /^MSPHUB_\w+=/.test(l) && !/^MSPHUB_SOCKET_(GROUP|DIR)=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const dir = mkdtempSync(join(tmpdir(), 'msphub-fork-'));
  execFileSync('chmod', ['0777', dir]);
  const p = await start({ dir, env: { ...env, MSPHUB_CONFIG: '' }, wrap: [...nobody, 'prlimit', '--nproc=2'], wait: false,
  });
  try {
    await until('three failed forks', () => (p.stderr().match(/retrying fork/g) ?? []).length >= 3);
    const delays = [...p.stderr().matchAll(/retrying fork in (\d+) ms/g)].map((m) => Number(m[1]));
    assert.deepEqual(delays.slice(0, 3), [100, 200, 400], 'exponential backoff');
    assert.deepEqual(childrenOf(p.child.pid), [], 'no worker yet');
    sleeper.kill('SIGKILL');
    await until('the worker after the next retry', () => childrenOf(p.child.pid).length === 1, 200);
    assert.equal((await health(p.sock)).status, 200);
  } finally {
    sleeper.kill('SIGKILL');
    await stopProgram(p);
  }
});
