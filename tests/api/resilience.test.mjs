// The runtime under failure: the database going away and coming back, a
// program stopped with SIGTERM (issue 2, item 3; DESIGN.md §5 502/503).
// nginx answers 502 when a program's socket is gone, the program 503 when
// its database is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ADMIN_EMAIL, ADMIN_PASSWORD, BIN, CONFIG, RUN, admin, expectError, expectOk, raw,
  sessionCookie, sql, until, workersOf,
} from './lib.mjs';

const DB_SOCKET = process.env.MSPHUB_TEST_DB_SOCKET;

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

// One FastCGI request straight to a program's socket; { status, body }.
function fcgi(socket, path, cookie) {
  const out = execFileSync('cgi-fcgi', ['-bind', '-connect', socket], {
    encoding: 'utf8',
    env: {
      ...process.env, REQUEST_METHOD: 'GET', SCRIPT_NAME: path, REQUEST_URI: path,
      QUERY_STRING: '', HTTP_COOKIE: `msphub_session=${cookie}`,
    },
  });
  const [head, body] = out.split('\r\n\r\n');
  return { status: Number(/^Status: (\d+)/m.exec(head)?.[1]), body: JSON.parse(body) };
}

async function sessionToken() {
  const res = await raw('POST', '/api/v1/session', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  assert.equal(res.status, 200);
  return sessionCookie(res);
}

test('database gone: 503 in the JSON error shape; back: the worker reconnects', async () => {
  assert.ok(CONFIG && DB_SOCKET, 'MSPHUB_TEST_CONFIG and MSPHUB_TEST_DB_SOCKET are set');
  const dir = mkdtempSync(join(tmpdir(), 'msphub-db-'));
  // The program reaches MariaDB through a link we can take away.
  const link = join(dir, 'db.sock');
  symlinkSync(DB_SOCKET, link);
  const child = spawn(join(BIN, 'cgi/customers'), [], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_DB_SOCKET: link,
      MSPHUB_SOCKET_DIR: dir, MSPHUB_WORKERS: '1',
    },
  });
  child.stderr.resume();
  const sock = join(dir, 'customers.sock');
  try {
    await until('the program to listen', () => existsSync(sock));
    const token = await sessionToken();
    const path = '/api/v1/customers/1/audit';
    assert.equal(fcgi(sock, '/api/v1/customers').status, 401);
    const ok = fcgi(sock, '/api/v1/customers', token);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));

    unlinkSync(link);
    sql("SELECT GROUP_CONCAT(id) FROM information_schema.processlist WHERE user = 'msphub'")
      .split(',').filter((id) => id && id !== 'NULL')
      .forEach((id) => { try { sql(`KILL CONNECTION ${id}`); } catch { /* already gone */ } });
    const down = fcgi(sock, path, token);
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, 'service_unavailable');
    assert.equal(typeof down.body.error.message, 'string');
    assert.doesNotMatch(JSON.stringify(down.body), /mysql|mariadb|sock|errno/i, 'no internals leak');

    symlinkSync(DB_SOCKET, link);
    const back = fcgi(sock, '/api/v1/customers', token);
    assert.equal(back.status, 200, JSON.stringify(back.body));
  } finally {
    child.kill('SIGTERM');
    await until('the program to stop', () => child.exitCode !== null || child.signalCode !== null);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM stops a program cleanly; nginx answers 502 JSON meanwhile; it comes back', async () => {
  assert.ok(CONFIG, 'MSPHUB_TEST_CONFIG is set');
  const a = await admin();
  const pidFile = join(RUN, 'customers.pid');
  const sock = join(RUN, 'customers.sock');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const workers = workersOf('customers');
  assert.ok(workers.length > 0);
  process.kill(pid, 'SIGTERM');
  try {
    await until('the program and its workers to exit', () => ![pid, ...workers].some(alive));
    assert.equal(existsSync(sock), false, 'the socket is removed');
    const r = await a.get('/api/v1/customers');
    expectError(r, 502, 'unavailable');
  } finally {
    // Start it again as ./stack does, so the rest of the run has it.
    const log = openSync(join(dirname(CONFIG), 'log', 'customers.log'), 'a');
    const child = spawn(join(BIN, 'cgi/customers'), [], {
      detached: true, stdio: ['ignore', log, log],
      env: { ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_WORKERS: '2' },
    });
    child.unref();
    writeFileSync(pidFile, `${child.pid}\n`);
    await until('the program to answer again', async () => (await a.get('/api/v1/customers?limit=1')).status === 200);
  }
  expectOk(await a.get('/api/v1/customers?limit=1'));
});
