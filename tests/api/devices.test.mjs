// Devices (D1, D2): a customer's devices with every column of D1, search
// and every filter of D2 combined, compact and detailed views, edits with
// If-Match, moves between customers audited on both, counts kept on write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql } from './lib.mjs';

const D = (id) => `/api/v1/customers/${id}/devices`;
const F = (id) => `/api/v1/customers/${id}/folders`;
const names = (list) => list.map((x) => x.name);
const count = (cust, name) => sql(`SELECT COALESCE(SUM(n), 0) FROM customer_counts
  WHERE customer_id = ${cust} AND name = '${name}'`);

test('D1: add a device with every column, read it back; defaults, ETag, Location, timeline, counts', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.post(D(cust.id), {
    name: 'ACME-DC01', machine_name: 'acme-dc01.corp', type: 'server', availability: 'online',
    os_name: 'Windows Server', os_version: '2022', ip_addresses: '10.0.0.5 fe80::1', serial_number: 'SN-1',
    last_user: 'administrator', agent_version: '7.1', alerts_info: 1, alerts_warning: 2, alerts_critical: 3,
    alert_categories: 'disk, performance', pending_reboot: true, available_patches: 4, monitored: true,
    favourite: true, notes: 'Domain controller',
  });
  const d = expectOk(r, 201);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${D(cust.id)}/${d.id}`);
  assert.deepEqual([d.type, d.availability, d.os_name, d.os_version, d.ip_addresses, d.serial_number],
    ['server', 'online', 'Windows Server', '2022', '10.0.0.5 fe80::1', 'SN-1']);
  assert.deepEqual([d.alerts_info, d.alerts_warning, d.alerts_critical], [1, 2, 3]);
  assert.deepEqual(d.alert_categories, ['disk', 'performance']);
  assert.deepEqual([d.pending_reboot, d.available_patches, d.monitored, d.favourite], [true, 4, true, true]);
  assert.equal(d.customer_id, cust.id);
  assert.equal(d.folder_id, null);
  for (const k of ['last_seen_at', 'last_login_at', 'integration_id', 'external_id', 'installer_token_id']) {
    assert.ok(k in d, k);
  }
  assert.deepEqual(expectOk(await a.get(`${D(cust.id)}/${d.id}`)), d);
  const plain = expectOk(await a.post(D(cust.id), { name: 'Bare' }), 201);
  assert.deepEqual([plain.type, plain.availability, plain.monitored, plain.favourite, plain.alert_categories],
    ['generic', 'offline', true, false, []]);
  assert.equal(count(cust.id, 'devices'), '2');
  assert.equal(count(cust.id, 'devices_by_type:server'), '1');
  assert.equal(count(cust.id, 'devices_by_type:generic'), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE customer_id = ${cust.id} AND kind = 'device.created'`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE customer_id = ${cust.id} AND action = 'device.created'`), '2');
});

test('D1: rejections: name required, customer_id not taken on create, bad enums, categories and folders', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const theirs = expectOk(await a.post(F(other.id), { name: 'Theirs' }), 201);
  expectError(await a.post(D(cust.id), { type: 'pc' }), 400, 'required', 'name');
  expectError(await a.post(D(cust.id), { name: 'X', customer_id: other.id }), 400, 'read_only_field', 'customer_id');
  expectError(await a.post(D(cust.id), { name: 'X', type: 'PC' }), 400, 'invalid_choice', 'type');
  expectError(await a.post(D(cust.id), { name: 'X', availability: 'up' }), 400, 'invalid_choice', 'availability');
  expectError(await a.post(D(cust.id), { name: 'X', alert_categories: 'disk,nonsense' }), 400, 'invalid_choice',
    'alert_categories');
  expectError(await a.post(D(cust.id), { name: 'X', alerts_critical: -1 }), 400, undefined, 'alerts_critical');
  expectError(await a.post(D(cust.id), { name: 'X', folder_id: theirs.id }), 400, 'unknown_reference', 'folder_id');
  expectError(await a.post(D(999999999), { name: 'X' }), 404, 'not_found');
  assert.equal(sql(`SELECT COUNT(*) FROM devices WHERE customer_id = ${cust.id}`), '0', 'nothing was created');
  const ro = await makeUser('read_only');
  expectOk(await ro.get(D(cust.id)));
  expectError(await ro.post(D(cust.id), { name: 'x' }), 403, 'forbidden');
});

// A small fleet that tells every filter apart.
async function fleet(a, cust) {
  const folder = expectOk(await a.post(F(cust.id), { name: 'Servers' }), 201);
  const rows = [
    { name: 'alpha-pc', machine_name: 'WS-ALPHA', type: 'pc', availability: 'online', ip_addresses: '10.1.0.11',
      favourite: true, alerts_warning: 1, alert_categories: 'disk' },
    { name: 'beta-pc', machine_name: 'WS-BETA', type: 'pc', availability: 'offline', ip_addresses: '10.1.0.12',
      pending_reboot: true },
    { name: 'core-switch', type: 'snmp', snmp_type: 'switch', availability: 'online', ip_addresses: '10.1.0.2',
      monitored: false },
    { name: 'edge-fw', type: 'snmp', snmp_type: 'firewall', availability: 'unreachable', ip_addresses: '10.1.0.1',
      alerts_critical: 2, alert_categories: 'networks,availability' },
    { name: 'files-01', machine_name: 'SRV-FILES', type: 'server', availability: 'online', ip_addresses: '10.1.5.20',
      folder_id: folder.id, alerts_info: 3, alert_categories: 'disk,performance', pending_reboot: true },
    { name: 'old-mac', type: 'mac', availability: 'retired', favourite: true },
    { name: '100%_sure', type: 'generic' },
  ];
  for (const r of rows) expectOk(await a.post(D(cust.id), r), 201);
  return folder;
}

test('D2: search by name, IP or machine name, and every filter, each alone and combined', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const folder = await fleet(a, cust);
  expectOk(await a.post(D(other.id), { name: 'alpha-elsewhere', type: 'pc' }), 201);
  const list = async (qs) => names(expectOk(await a.get(`${D(cust.id)}?${qs}`)));
  assert.deepEqual(await list(''), ['100%_sure', 'alpha-pc', 'beta-pc', 'core-switch', 'edge-fw', 'files-01', 'old-mac']);
  const cases = [
    ['q=alpha', ['alpha-pc']],
    ['q=10.1.0.1', ['alpha-pc', 'beta-pc', 'edge-fw'], 'an IP part'],
    ['q=srv-files', ['files-01'], 'machine name, any case'],
    ['q=%25', ['100%_sure'], 'a % is taken literally'],
    ['q=_', ['100%_sure'], 'an _ is taken literally'],
    ['name=core', ['core-switch'], 'name prefix'],
    ['name=switch', [], 'name is a prefix, not anywhere'],
    ['type=pc', ['alpha-pc', 'beta-pc']],
    ['type=snmp&snmp_type=firewall', ['edge-fw']],
    ['snmp_type=switch', ['core-switch']],
    ['availability=online', ['alpha-pc', 'core-switch', 'files-01']],
    ['availability=retired', ['old-mac']],
    ['alert_category=disk', ['alpha-pc', 'files-01']],
    ['alert_category=networks', ['edge-fw']],
    ['alert_severity=critical', ['edge-fw']],
    ['alert_severity=warning', ['alpha-pc']],
    ['alert_severity=info', ['files-01']],
    ['monitored=false', ['core-switch']],
    ['monitored=true&type=snmp', ['edge-fw']],
    ['favourite=true', ['alpha-pc', 'old-mac']],
    ['pending_reboot=true', ['beta-pc', 'files-01']],
    ['pending_reboot=1&availability=online', ['files-01']],
    [`folder_id=${folder.id}`, ['files-01']],
    [`folder_id=${folder.id}&type=pc`, []],
    ['type=pc&availability=online&favourite=true&q=10.1&alert_category=disk&alert_severity=warning', ['alpha-pc'],
      'six at once'],
    ['q=alpha&type=pc&name=alpha&monitored=true&pending_reboot=false', ['alpha-pc']],
  ];
  for (const [qs, want, why] of cases) assert.deepEqual(await list(qs), want, `${qs} ${why ?? ''}`);
  for (const bad of ['type=router', 'availability=1', 'monitored=maybe', 'folder_id=0', 'alert_severity=high',
    'view=wide', 'limit=0', 'limit=201', 'after=nonsense']) {
    const r = await a.get(`${D(cust.id)}?${bad}`);
    assert.equal(r.status, 400, `${bad}: ${r.text}`);
  }
});

test('D2: keyset paging over a filtered list repeats and skips nothing', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const want = [];
  for (let i = 0; i < 9; i++) {
    const name = `pc-${String(i).padStart(2, '0')}`;
    expectOk(await a.post(D(cust.id), { name, type: i % 3 === 0 ? 'server' : 'pc' }), 201);
    if (i % 3 !== 0) want.push(name);
  }
  // Two devices of the same name: the id breaks the tie.
  expectOk(await a.post(D(cust.id), { name: 'pc-04', type: 'pc' }), 201);
  want.splice(want.indexOf('pc-04'), 0, 'pc-04');
  const seen = [];
  let next = null;
  let pages = 0;
  do {
    const r = await a.get(`${D(cust.id)}?type=pc&limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...names(expectOk(r)));
    next = r.body.next;
    pages++;
  } while (next);
  assert.deepEqual(seen, want);
  assert.equal(pages, Math.ceil(want.length / 2));
});

test('D2: the compact view returns the few list columns; detailed is the default', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  await fleet(a, cust);
  const compact = expectOk(await a.get(`${D(cust.id)}?view=compact&name=files`))[0];
  assert.deepEqual(Object.keys(compact).sort(), ['alerts_critical', 'alerts_info', 'alerts_warning', 'availability',
    'folder_id', 'folder_name', 'id', 'last_seen_at', 'name', 'type', 'version']);
  assert.equal(compact.folder_name, 'Servers');
  const detailed = expectOk(await a.get(`${D(cust.id)}?name=files`))[0];
  assert.ok('os_name' in detailed && 'ip_addresses' in detailed && 'notes' in detailed);
  assert.deepEqual(expectOk(await a.get(`${D(cust.id)}?name=files&view=detailed`))[0], detailed);
});

test('D1: edits need If-Match; a stale one is 409 with the current record; a type change moves its count', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const d = expectOk(await a.post(D(cust.id), { name: 'Vera', type: 'pc' }), 201);
  const p = `${D(cust.id)}/${d.id}`;
  expectError(await a.patch(p, { name: 'x' }), 428, 'if_match_required');
  const ok = expectOk(await a.patch(p, { type: 'linux', os_name: 'Debian', favourite: true }, { ifMatch: '"1"' }));
  assert.deepEqual([ok.type, ok.os_name, ok.favourite, ok.version], ['linux', 'Debian', true, 2]);
  const stale = await a.patch(p, { name: 'y' }, { ifMatch: '"1"' });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.type, 'linux');
  assert.equal(stale.headers.get('etag'), '"2"');
  assert.equal(count(cust.id, 'devices_by_type:pc'), '0');
  assert.equal(count(cust.id, 'devices_by_type:linux'), '1');
  assert.equal(count(cust.id, 'devices'), '1');
  // Nothing changed: no new version, no audit row.
  const audits = sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'device' AND object_id = ${d.id}`);
  assert.equal(expectOk(await a.patch(p, { type: 'linux' }, { ifMatch: '"2"' })).version, 2);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'device' AND object_id = ${d.id}`), audits);
  // Clearing an optional field.
  assert.equal(expectOk(await a.patch(p, { os_name: null }, { ifMatch: '"2"' })).os_name, null);
});

test('D1: a device is 404 under another customer; moving it is audited on both and moves its counts', async () => {
  const a = await admin();
  const from = await makeCustomer();
  const to = await makeCustomer();
  const folder = expectOk(await a.post(F(from.id), { name: 'Lab' }), 201);
  const d = expectOk(await a.post(D(from.id), { name: 'Mover', type: 'mac', folder_id: folder.id }), 201);
  expectError(await a.get(`${D(to.id)}/${d.id}`), 404, 'not_found');
  expectError(await a.patch(`${D(to.id)}/${d.id}`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${D(to.id)}/${d.id}`), 404, 'not_found');
  expectError(await a.patch(`${D(from.id)}/${d.id}`, { customer_id: 999999999 }, { ifMatch: '"1"' }),
    400, 'unknown_reference', 'customer_id');
  // The folder is the old customer's: with it, the move is refused.
  expectError(await a.patch(`${D(from.id)}/${d.id}`, { customer_id: to.id, folder_id: folder.id }, { ifMatch: '"1"' }),
    400, 'unknown_reference', 'folder_id');
  const moved = expectOk(await a.patch(`${D(from.id)}/${d.id}`, { customer_id: to.id }, { ifMatch: '"1"' }));
  assert.equal(moved.customer_id, to.id);
  assert.equal(moved.folder_id, null, 'the folder stays behind');
  expectError(await a.get(`${D(from.id)}/${d.id}`), 404, 'not_found');
  expectOk(await a.get(`${D(to.id)}/${d.id}`));
  for (const cust of [from, to]) {
    const audit = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`));
    const row = audit.find((x) => x.action === 'device.moved');
    assert.ok(row, `customer ${cust.id} audits the move`);
    assert.deepEqual(row.changes.customer_id, { old: from.id, new: to.id });
    assert.deepEqual(row.changes.folder_id, { old: folder.id, new: null });
    assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE customer_id = ${cust.id} AND kind = 'device.moved'`), '1');
  }
  assert.deepEqual([count(from.id, 'devices'), count(to.id, 'devices')], ['0', '1']);
  assert.deepEqual([count(from.id, 'devices_by_type:mac'), count(to.id, 'devices_by_type:mac')], ['0', '1']);
});

test('D1: delete is audited and takes the device off the counts', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const d = expectOk(await a.post(D(cust.id), { name: 'Gone', type: 'tcp' }), 201);
  assert.equal((await a.del(`${D(cust.id)}/${d.id}`)).status, 204);
  expectError(await a.get(`${D(cust.id)}/${d.id}`), 404, 'not_found');
  expectError(await a.del(`${D(cust.id)}/${d.id}`), 404, 'not_found');
  assert.deepEqual([count(cust.id, 'devices'), count(cust.id, 'devices_by_type:tcp')], ['0', '0']);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'device.deleted' AND object_id = ${d.id}`), '1');
});

test('D3: two clients move the same device at once: one wins, the other is refused; counts stay right', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const from = await makeCustomer();
  const to1 = await makeCustomer();
  const to2 = await makeCustomer();
  const d = expectOk(await a.post(D(from.id), { name: 'Contested', type: 'pc' }), 201);
  const res = await Promise.all([[a, to1], [tech, to2]].map(([client, to]) =>
    client.patch(`${D(from.id)}/${d.id}`, { customer_id: to.id }, { ifMatch: '"1"' })));
  const [won, lost] = res.map((r) => r.status).sort();
  assert.equal(won, 200);
  // The loser waited for the row lock, then found the device gone from
  // its path (404) or at a newer version (409).
  assert.ok([404, 409].includes(lost), `the other: ${lost}`);
  const winner = res.find((r) => r.status === 200).body.data.customer_id;
  const total = [from, to1, to2].map((c) => Number(count(c.id, 'devices')));
  assert.deepEqual(total.reduce((x, y) => x + y), 1);
  assert.equal(count(winner, 'devices'), '1');
  assert.equal(sql(`SELECT customer_id FROM devices WHERE id = ${d.id}`), String(winner));
});

test('D3: two clients move many devices into one folder at once: all land, each audited once', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const cust = await makeCustomer();
  const folder = expectOk(await a.post(F(cust.id), { name: 'Target' }), 201);
  const ids = [];
  for (let i = 0; i < 8; i++) ids.push(expectOk(await a.post(D(cust.id), { name: `m-${i}` }), 201).id);
  const res = await Promise.all(ids.map((id, i) =>
    (i % 2 ? a : tech).patch(`${D(cust.id)}/${id}`, { folder_id: folder.id }, { ifMatch: '"1"' })));
  for (const r of res) expectOk(r);
  assert.equal(expectOk(await a.get(`${F(cust.id)}/${folder.id}`)).devices, 8);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'device.moved' AND customer_id = ${cust.id}`), '8');
});

test('D1: a customer that still has devices is not deleted: 409, never a 503', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectOk(await a.post(D(cust.id), { name: 'Anchor' }), 201);
  expectError(await a.del(`/api/v1/customers/${cust.id}`), 409, 'has_records');
  expectError(await a.del(`/api/v1/customers/${cust.id}?cascade=true`), 409, 'has_records');
  expectOk(await a.get(`/api/v1/customers/${cust.id}`));
});

test('D2: more filter combinations than a worker keeps prepared: each still answers right, again and again', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const rows = [];
  const types = ['pc', 'server', 'mac', 'linux'];
  const avail = ['online', 'offline', 'unreachable', 'retired'];
  for (let i = 0; i < 16; i++) {
    const r = { name: `n-${String(i).padStart(2, '0')}`, type: types[i % 4], availability: avail[(i >> 2) % 4],
      favourite: i % 3 === 0, monitored: i % 5 !== 0, pending_reboot: i % 2 === 0 };
    rows.push(expectOk(await a.post(D(cust.id), r), 201));
  }
  // Every subset of seven conditions: 128 statements (a worker keeps 32).
  const keys = ['type', 'availability', 'favourite', 'monitored', 'pending_reboot', 'name', 'q'];
  const combos = [];
  for (let mask = 0; mask < 128; mask++) {
    const c = {};
    keys.forEach((k, b) => {
      if (!(mask & (1 << b))) return;
      c[k] = { type: types[mask % 4], availability: avail[(mask >> 2) % 4], favourite: mask % 3 === 0,
        monitored: mask % 5 !== 0, pending_reboot: mask % 2 === 0, name: 'n-0', q: '-1' }[k];
    });
    combos.push(c);
  }
  const match = (r, k, v) => (k === 'name' ? r.name.startsWith(v) : k === 'q' ? r.name.includes(v) : r[k] === v);
  for (let round = 0; round < 2; round++) {
    for (const c of combos) {
      const qs = Object.entries(c).map(([k, v]) => `${k}=${v}`).join('&');
      const want = rows.filter((r) => Object.entries(c).every(([k, v]) => match(r, k, v))).map((r) => r.name);
      assert.deepEqual(names(expectOk(await a.get(`${D(cust.id)}?${qs}`))), want, `round ${round}: ${qs}`);
    }
  }
});
