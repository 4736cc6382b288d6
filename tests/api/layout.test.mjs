// H6: the hub layout — a user's own overrides the workspace default an
// admin sets, which overrides the built-in one; reset by DELETE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeUser, sql } from './lib.mjs';

const ME = '/api/v1/me/layout';
const WS = '/api/v1/settings/layout';
const BUILTIN = {
  tabs: ['overview', 'contacts', 'tickets', 'devices', 'assets', 'locations', 'contracts', 'projects', 'timeline', 'audit'],
  sections: ['account_manager', 'open_tickets', 'contract', 'value', 'projects', 'assets', 'sites'],
};

test('H6: user over workspace over built-in; DELETE resets to the default', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const reader = await makeUser('read_only');
  sql("DELETE FROM settings WHERE name = 'layout'");
  assert.deepEqual(expectOk(await tech.get(ME)), { layout: BUILTIN, source: 'default' });

  const workspace = { tabs: ['overview', 'tickets', 'contacts', 'devices'], sections: ['open_tickets', 'contract'] };
  assert.deepEqual(expectOk(await a.put(WS, workspace)), { layout: workspace, source: 'workspace' });
  assert.deepEqual(expectOk(await tech.get(ME)), { layout: workspace, source: 'workspace' });

  const mine = { tabs: ['overview', 'devices', 'timeline'], sections: [] };
  assert.deepEqual(expectOk(await tech.put(ME, mine)), { layout: mine, source: 'user' });
  assert.deepEqual(expectOk(await tech.get(ME)), { layout: mine, source: 'user' });
  // Someone else's view is theirs alone; read-only users arrange theirs too.
  assert.deepEqual(expectOk(await reader.get(ME)).source, 'workspace');
  expectOk(await reader.put(ME, { tabs: ['overview'], sections: ['value'] }));
  assert.deepEqual(expectOk(await tech.get(ME)), { layout: mine, source: 'user' });

  assert.deepEqual(expectOk(await tech.del(ME)), { layout: workspace, source: 'workspace' });
  assert.deepEqual(expectOk(await tech.get(ME)).source, 'workspace');
  // The workspace change is audited.
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.updated' AND JSON_EXISTS(changes, '$.layout')") > 0, true);
  sql("DELETE FROM settings WHERE name = 'layout'");
});

test('H6: rejections — unknown or repeated names, overview left out, wrong shapes, workspace admin only', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  expectError(await tech.put(ME, { tabs: ['overview', 'nope'], sections: [] }), 400, 'invalid_choice', 'tabs');
  expectError(await tech.put(ME, { tabs: ['overview', 'audit', 'audit'], sections: [] }), 400, 'duplicate', 'tabs');
  expectError(await tech.put(ME, { tabs: ['contacts'], sections: [] }), 400, 'overview_required', 'tabs');
  expectError(await tech.put(ME, { tabs: [], sections: [] }), 400, 'out_of_range', 'tabs');
  expectError(await tech.put(ME, { tabs: 'overview', sections: [] }), 400, 'invalid_type', 'tabs');
  expectError(await tech.put(ME, { tabs: ['overview', 3], sections: [] }), 400, 'invalid_type', 'tabs');
  expectError(await tech.put(ME, { tabs: ['overview'] }), 400, 'required', 'sections');
  expectError(await tech.put(ME, { tabs: ['overview'], sections: ['sites'], extra: 1 }), 400, 'unknown_field', 'extra');
  expectError(await tech.put(WS, { tabs: ['overview'], sections: [] }), 403, 'forbidden');
  assert.equal(expectOk(await tech.get(ME)).source !== 'user', true, 'nothing was stored');
  expectOk(await a.get(WS));
});
