// cgi/openapi.json must describe exactly what the programs route, with the
// same access level: the programs print their route tables with --routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, routeTable } from './lib.mjs';

// "METHOD pattern access" of every route.
function routed() {
  return new Set(routeTable().map((r) => `${r.method} ${r.pattern} ${r.access}`));
}

// METHOD pattern -> body kind ("none", "object", "array").
function routedBodies() {
  return new Map(routeTable().map((r) => [`${r.method} ${r.pattern}`, r.body]));
}

function documented() {
  const doc = JSON.parse(readFileSync(join(ROOT, 'cgi/openapi.json'), 'utf8'));
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

test('every signed-in POST documents the Idempotency-Key header and its 422', () => {
  const { doc } = documented();
  for (const [path, ops] of Object.entries(doc.paths)) {
    const op = ops.post;
    if (!op || op['x-access'] === 'public') continue;
    assert.ok((op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey'),
      `POST ${path} lacks Idempotency-Key`);
    assert.ok('422' in op.responses, `POST ${path} lacks 422`);
  }
});
