// cgi/programs is the one list of programs (issue 7 §5): Makefile.am,
// cgi/openapi.json and the programs' own route tables must agree with it.
// (./stack and lib.mjs read it; tests/nginx-config.test.sh checks nginx.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REGISTRY, ROOT, expectError, raw } from './lib.mjs';

// The path of cgi/programs that serves a route or documented path (the
// most specific one), or undefined.  OpenAPI names its ids ({customer_id}).
function servedBy(path) {
  const norm = path.replace(/\{[a-z_]+\}/g, '{id}');
  let best;
  for (const p of REGISTRY) {
    for (const x of p.paths) {
      if ((norm === x || (!p.signin.includes(x) && norm.startsWith(`${x}/`))) &&
        (!best || x.length > best.path.length)) best = { program: p.name, path: x };
    }
  }
  return best;
}

test('registry: one line per program, no path served twice', () => {
  assert.ok(REGISTRY.length > 0);
  const names = REGISTRY.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, 'program names are unique');
  const paths = REGISTRY.flatMap((p) => p.paths);
  assert.equal(new Set(paths).size, paths.length, 'no path listed twice');
  for (const x of paths) {
    // /mailbox is the mail gateway's (M1), outside the API.
    assert.match(x, /^\/(api\/v1\/[a-z0-9-]+|mailbox)(\/([a-z0-9-]+|\{id\}))*$/, `path ${x}`);
    // A path under another is another program's, more specific: it wins.
    const owner = (z) => REGISTRY.find((p) => p.paths.includes(z)).name;
    for (const y of paths) {
      if (x !== y && y.startsWith(`${x}/`)) assert.notEqual(owner(y), owner(x), `${y} lies under ${x}`);
    }
  }
});

test('registry: Makefile.am builds every program, and every program it builds with routes is listed', () => {
  const am = readFileSync(join(ROOT, 'Makefile.am'), 'utf8').replace(/\\\n/g, ' ');
  const line = am.split('\n').find((l) => /^bin_PROGRAMS\s*=/.test(l));
  assert.ok(line, 'bin_PROGRAMS in Makefile.am');
  const built = line.replace(/^bin_PROGRAMS\s*=/, '').trim().split(/\s+/);
  for (const p of REGISTRY) assert.ok(built.includes(`cgi/${p.name}`), `cgi/${p.name} in bin_PROGRAMS`);
  // A built program that answers --routes is an area nginx must reach.
  for (const b of built.filter((x) => !REGISTRY.some((p) => `cgi/${p.name}` === x))) {
    let routes = '';
    try {
      routes = execFileSync(join(BIN, b), ['--routes'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch { routes = ''; }
    assert.equal(routes.trim(), '', `${b} has routes but no line in cgi/programs`);
  }
});

test('registry: every route lies under a path its own program is listed with', () => {
  for (const p of REGISTRY) {
    const routes = execFileSync(join(BIN, 'cgi', p.name), ['--routes'], { encoding: 'utf8' })
      .trim().split('\n').map((l) => l.split(' ')[1]);
    assert.ok(routes.length > 0, `${p.name} has routes`);
    for (const r of routes) assert.equal(servedBy(r)?.program, p.name, `${r} of ${p.name}`);
  }
});

test('registry: every path in cgi/openapi.json is served by a listed program', () => {
  const doc = JSON.parse(readFileSync(join(ROOT, 'cgi/openapi.json'), 'utf8'));
  const paths = Object.keys(doc.paths);
  for (const x of paths) assert.ok(servedBy(x), `${x} is served by a program in cgi/programs`);
  for (const p of REGISTRY) {
    for (const x of p.paths) {
      assert.ok(paths.some((d) => servedBy(d)?.path === x), `${x} of ${p.name} is documented`);
    }
  }
});

test('registry: through nginx, each listed path reaches its program', async () => {
  for (const p of REGISTRY) {
    for (const x of p.paths) {
      // Without a session every program answers 401 (or 405/415 before it);
      // nginx's own fallback for an unrouted /api/ path is a 404.
      const at = x.replace(/\{id\}/g, '1');
      const res = await raw('GET', `${at}/no-such-route`);
      const direct = await raw('GET', at);
      assert.notEqual(direct.body?.error?.message, 'No such API resource', `${x} reaches ${p.name}`);
      if (!p.signin.includes(x)) {
        assert.notEqual(res.body?.error?.message, 'No such API resource', `${x}/… reaches ${p.name}`);
      }
      expectError(direct, direct.status, undefined, undefined, x);
    }
  }
});
