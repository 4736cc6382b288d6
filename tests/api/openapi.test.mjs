// cgi/openapi.json must describe exactly what the programs route, with the
// same access level: the programs print their route tables with --routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.MSPHUB_TEST_ROOT ?? new URL('../..', import.meta.url).pathname;
const bin = join(process.env.MSPHUB_TEST_BIN ?? root, 'cgi');
const programs = ['session', 'customers'];

// "METHOD pattern access" of every route (--routes adds body kind and limit).
function routed() {
  const rows = new Set();
  for (const p of programs) {
    const out = execFileSync(join(bin, p), ['--routes'], { encoding: 'utf8' });
    for (const line of out.trim().split('\n')) rows.add(line.split(' ').slice(0, 3).join(' '));
  }
  return rows;
}

// METHOD pattern -> body kind ("none", "object", "array").
function routedBodies() {
  const bodies = new Map();
  for (const p of programs) {
    const out = execFileSync(join(bin, p), ['--routes'], { encoding: 'utf8' });
    for (const line of out.trim().split('\n')) {
      const [method, pattern, , body] = line.split(' ');
      bodies.set(`${method} ${pattern}`, body);
    }
  }
  return bodies;
}

function documented() {
  const doc = JSON.parse(readFileSync(join(root, 'cgi/openapi.json'), 'utf8'));
  const rows = new Set();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const p = path.replace(/\{[a-z_]+\}/g, '{id}');
      rows.add(`${method.toUpperCase()} ${p} ${op['x-access']}`);
    }
  }
  return { doc, rows };
}

test('every routed endpoint is documented with its access level', () => {
  const { rows } = documented();
  const missing = [...routed()].filter((r) => !rows.has(r));
  assert.deepEqual(missing, []);
});

test('every documented endpoint is routed', () => {
  const { rows } = documented();
  const routes = routed();
  const extra = [...rows].filter((r) => !routes.has(r));
  assert.deepEqual(extra, []);
});

test('every operation documents at least one rejection', () => {
  const { doc } = documented();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses).filter((c) => c >= '400');
      assert.ok(codes.length > 0, `${method} ${path} lists no error status`);
      if (op['x-access'] !== 'public') {
        assert.ok(codes.includes('401'), `${method} ${path} lacks 401`);
      }
    }
  }
});

test('an operation documents a request body exactly when the program reads one', () => {
  const { doc } = documented();
  const bodies = routedBodies();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method.toUpperCase()} ${path.replace(/\{[a-z_]+\}/g, '{id}')}`;
      const body = bodies.get(key);
      assert.equal('requestBody' in op, body !== 'none', `${key}: routed body ${body}`);
      if (body === 'array') {
        assert.equal(op.requestBody.content['application/json'].schema.type, 'array', key);
      }
    }
  }
});
