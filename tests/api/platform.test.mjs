// The runtime around the handlers: migrations, the schema check at start,
// worker restarts (issue 2, items 3 and 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIN, CONFIG, ROOT, admin, expectOk, sql, uniq, until, workersOf,
} from './lib.mjs';

test('every migration in sql/ is recorded once in schema_version, in order', () => {
  const files = readdirSync(join(ROOT, 'sql')).filter((f) => /^\d{4}-.*\.sql$/.test(f)).sort();
  const rows = sql('SELECT version, name FROM schema_version ORDER BY version').split('\n')
    .map((l) => l.split('\t'));
  assert.deepEqual(rows.map(([v]) => Number(v)), files.map((f) => Number(f.slice(0, 4))));
  assert.deepEqual(rows.map(([, n]) => n), files.map((f) => f.replace(/\.sql$/, '')));
});

// Runs a program against a scratch database whose schema_version says
// `version` (or has no such table when version is null).
function startAgainst(version) {
  assert.ok(CONFIG, 'MSPHUB_TEST_CONFIG is set');
  const db = `msphub_${uniq('schema').replace(/-/g, '_')}`;
  const dir = mkdtempSync(join(tmpdir(), 'msphub-schema-'));
  sql(`CREATE DATABASE ${db}`);
  try {
    if (version !== null) {
      sql(`CREATE TABLE ${db}.schema_version (version INT UNSIGNED PRIMARY KEY,
        name VARCHAR(200) NOT NULL, applied_at DATETIME(6) NOT NULL)`);
      sql(`INSERT INTO ${db}.schema_version VALUES (${version}, 'old', UTC_TIMESTAMP(6))`);
    }
    sql(`GRANT SELECT ON ${db}.* TO 'msphub'@'localhost'`);
    const r = spawnSync(join(BIN, 'cgi/customers'), [], {
      encoding: 'utf8', timeout: 10000,
      env: { ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_DB_NAME: db, MSPHUB_SOCKET_DIR: dir },
    });
    return { ...r, socketMade: existsSync(join(dir, 'customers.sock')) };
  } finally {
    sql(`DROP DATABASE ${db}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a program refuses to start on an older schema, saying which versions', () => {
  const r = startAgainst(1);
  assert.equal(r.status, 1, `exit status (stderr: ${r.stderr})`);
  assert.match(r.stderr, /schema is at version 1 but this program needs \d+: apply the migrations/);
  assert.equal(r.socketMade, false, 'no socket is created');
});

test('a program refuses to start when there is no schema_version at all', () => {
  const r = startAgainst(null);
  assert.equal(r.status, 1, `exit status (stderr: ${r.stderr})`);
  assert.match(r.stderr, /cannot read the schema version/);
  assert.equal(r.socketMade, false);
});

test('a worker that dies is replaced and requests keep succeeding', async () => {
  const a = await admin();
  const before = workersOf('customers');
  assert.ok(before.length >= 2, `workers: ${before}`);
  process.kill(before[0], 'SIGKILL');
  // A connection the kernel hands to a process in the instant it is
  // killed is lost with it; wait until the supervisor has reaped it.
  await until('the killed worker to be reaped', () => !workersOf('customers').includes(before[0]));
  for (let i = 0; i < 20; i++) expectOk(await a.get('/api/v1/customers?limit=1'));
  await until('a new worker', () => workersOf('customers').length === before.length);
  assert.ok(!workersOf('customers').includes(before[0]), 'the killed worker is gone');
});
