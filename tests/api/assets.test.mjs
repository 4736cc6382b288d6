// Assets (D4-D6): CRUD with If-Match, search and groups; owned vs. on
// location (D5: hardware as a service, a repair in the MSP's workshop);
// lifecycle indicators computed from data (D6); CSV import and export by
// K3's rules; counts kept on write for the hub page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE, COOKIE_NAME, ROOT, admin, expectError, expectOk, makeCustomer, makeUser, raw, sql, uniq,
} from './lib.mjs';

const A = (id) => `/api/v1/customers/${id}/assets`;
const csv = (client, id, body, type = 'text/csv') =>
  client.post(`${A(id)}/import`, body, { headers: { 'Content-Type': type } });
const today = () => sql('SELECT UTC_DATE()');
const dayOffset = (n) => sql(`SELECT UTC_DATE() + INTERVAL ${n} DAY`);

async function location(cust, name = 'Site') {
  return expectOk(await (await admin()).post(`/api/v1/customers/${cust.id}/locations`, { name }), 201);
}

// The customer's counts as kept on write, and as counted from the rows.
function counts(id) {
  const kept = Object.fromEntries(sql(`SELECT name, n FROM customer_counts WHERE customer_id = ${id}
    AND name LIKE 'assets%' AND n <> 0 ORDER BY name`).split('\n').filter(Boolean).map((l) => {
    const [k, v] = l.split('\t');
    return [k, Number(v)];
  }));
  const real = {};
  const add = (k, n) => { if (Number(n) !== 0) real[k] = Number(n); };
  add('assets_owned', sql(`SELECT COUNT(*) FROM assets WHERE customer_id = ${id}`));
  add('assets_located', sql(`SELECT COUNT(*) FROM assets a JOIN locations l ON l.id = a.location_id
    WHERE l.customer_id = ${id}`));
  for (const l of sql(`SELECT status, COUNT(*) FROM assets WHERE customer_id = ${id} GROUP BY status`)
    .split('\n').filter(Boolean)) {
    const [s, n] = l.split('\t');
    add(`assets_by_status:${s}`, n);
  }
  assert.deepEqual(kept, Object.fromEntries(Object.entries(real).sort()), `counts of customer ${id}`);
  return kept;
}

test('D4: add an asset, read it, list and search it by name and serial; defaults and ETag', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const name = uniq('ThinkPad');
  const r = await a.post(A(cust.id), { name, type: 'Laptop', serial: 'PF-1234', purchase_date: '2024-02-29' });
  const x = expectOk(r, 201);
  assert.equal(x.name, name);
  assert.equal(x.status, 'in_use', 'in use unless said otherwise');
  assert.equal(x.customer_id, cust.id, 'owned by the customer of the path');
  assert.equal(x.purchase_date, '2024-02-29');
  assert.equal(x.location_id, null);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${A(cust.id)}/${x.id}`);
  assert.deepEqual(expectOk(await a.get(`${A(cust.id)}/${x.id}`)), x);
  assert.deepEqual(expectOk(await a.get(`${A(cust.id)}?q=thinkpad`)).map((y) => y.id), [x.id]);
  assert.deepEqual(expectOk(await a.get(`${A(cust.id)}?q=F-12`)).map((y) => y.id), [x.id], 'serial');
  assert.deepEqual(expectOk(await a.get(`${A(cust.id)}?q=nothing`)), []);
  const ro = await makeUser('read_only');
  expectOk(await ro.get(A(cust.id)));
  expectError(await ro.post(A(cust.id), { name: 'x' }), 403, 'forbidden');
  assert.deepEqual(counts(cust.id), { assets_owned: 1, 'assets_by_status:in_use': 1 });
});

test('D4: refusals: name, status, dates, owner, contact of another customer, unknown location, serial twice', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const theirs = expectOk(await a.post(`/api/v1/customers/${other.id}/contacts`, { name: 'Not yours' }), 201);
  expectError(await a.post(A(cust.id), { type: 'Laptop' }), 400, 'required', 'name');
  expectError(await a.post(A(cust.id), { name: 'X', status: 'lost' }), 400, undefined, 'status');
  expectError(await a.post(A(cust.id), { name: 'X', purchase_date: '2023-02-30' }), 400, undefined, 'purchase_date');
  expectError(await a.post(A(cust.id), { name: 'X', purchase_date: '2023-01-02', warranty_expiry: '2023-01-01' }),
    400, 'invalid_range', 'warranty_expiry');
  expectError(await a.post(A(cust.id), { name: 'X', customer_id: other.id }), 400, 'read_only_field', 'customer_id');
  expectError(await a.post(A(cust.id), { name: 'X', contact_id: theirs.id }), 400, 'unknown_reference', 'contact_id');
  expectError(await a.post(A(cust.id), { name: 'X', location_id: 999999999 }), 400, 'unknown_reference', 'location_id');
  expectOk(await a.post(A(cust.id), { name: 'One', serial: 'SAME-1' }), 201);
  expectError(await a.post(A(cust.id), { name: 'Two', serial: 'SAME-1' }), 409, 'duplicate_serial', 'serial');
  expectOk(await a.post(A(other.id), { name: 'Elsewhere', serial: 'SAME-1' }), 201);
  assert.equal(sql(`SELECT COUNT(*) FROM assets WHERE customer_id = ${cust.id}`), '1', 'nothing else written');
  counts(cust.id);
});

test('D4: keyset paging by name, filter by status, a contact of the owner', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${cust.id}/contacts`, { name: 'Owner Contact' }), 201);
  for (const [name, status] of [['Dell', 'in_use'], ['Brother', 'damaged'], ['Acer', 'in_use'], ['Cisco', 'retired'], ['Epson', 'in_use']]) {
    expectOk(await a.post(A(cust.id), { name, status, contact_id: name === 'Acer' ? k.id : undefined }), 201);
  }
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`${A(cust.id)}?limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.name));
    next = r.body.next;
  } while (next);
  assert.deepEqual(seen, ['Acer', 'Brother', 'Cisco', 'Dell', 'Epson']);
  assert.deepEqual(expectOk(await a.get(`${A(cust.id)}?status=in_use`)).map((x) => x.name), ['Acer', 'Dell', 'Epson']);
  const acer = expectOk(await a.get(`${A(cust.id)}?q=acer`))[0];
  assert.deepEqual([acer.contact_id, acer.contact_name], [k.id, 'Owner Contact']);
  expectError(await a.get(`${A(cust.id)}?after=nonsense`), 400, 'invalid_cursor', 'after');
  expectError(await a.get(`${A(cust.id)}?status=lost`), 400, undefined, 'status');
  expectError(await a.get(`${A(cust.id)}?scope=everything`), 400, undefined, 'scope');
});

test('D4: group_by type, status, contact and folder answers groups with counts', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${cust.id}/contacts`, { name: 'Grace' }), 201);
  const f = expectOk(await a.post(`/api/v1/customers/${cust.id}/folders`, { name: 'Laptops' }), 201);
  const rows = [
    { name: 'L1', type: 'Laptop', status: 'in_use', contact_id: k.id, folder_id: f.id },
    { name: 'L2', type: 'Laptop', status: 'in_stock', folder_id: f.id },
    { name: 'P1', type: 'Printer', status: 'in_use', contact_id: k.id },
    { name: 'U1', status: 'retired' },
  ];
  for (const b of rows) expectOk(await a.post(A(cust.id), b), 201);
  const g = async (by, extra = '') => expectOk(await a.get(`${A(cust.id)}?group_by=${by}${extra}`))
    .map((x) => [x.key, x.label, x.count]);
  assert.deepEqual(await g('type'), [['Laptop', null, 2], ['Printer', null, 1], [null, null, 1]]);
  assert.deepEqual(await g('status'), [['in_stock', null, 1], ['in_use', null, 2], ['retired', null, 1]]);
  assert.deepEqual(await g('contact'), [[String(k.id), 'Grace', 2], [null, null, 2]]);
  assert.deepEqual(await g('folder'), [[String(f.id), 'Laptops', 2], [null, null, 2]]);
  assert.deepEqual(await g('type', '&status=in_use'), [['Laptop', null, 1], ['Printer', null, 1]], 'filters apply');
  assert.deepEqual(await g('type', '&scope=located'), [], 'none at its locations');
  expectError(await a.get(`${A(cust.id)}?group_by=colour`), 400, undefined, 'group_by');
});

test('D4: edits need If-Match; a stale one is 409 with the current record; status changes move the counts', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const x = expectOk(await a.post(A(cust.id), { name: 'Switch', status: 'purchased' }), 201);
  const p = `${A(cust.id)}/${x.id}`;
  expectError(await a.patch(p, { status: 'in_use' }), 428, 'if_match_required');
  const y = expectOk(await a.patch(p, { status: 'in_use', notes: 'Rack 2' }, { ifMatch: '"1"' }));
  assert.equal(y.version, 2);
  const stale = await a.patch(p, { notes: 'x' }, { ifMatch: '"1"' });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.notes, 'Rack 2');
  assert.equal(stale.headers.get('etag'), '"2"');
  assert.deepEqual(counts(cust.id), { assets_owned: 1, 'assets_by_status:in_use': 1 });
  const audit = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`));
  const row = audit.find((r) => r.action === 'asset.updated');
  assert.deepEqual(row.changes.status, { old: 'purchased', new: 'in_use' });
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE customer_id = ${cust.id} AND object_type = 'asset'`), '2');
  assert.equal((await a.del(p)).status, 204);
  expectError(await a.get(p), 404, 'not_found');
  assert.deepEqual(counts(cust.id), {});
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'asset.deleted' AND object_id = ${x.id}`), '1');
});

test('D4: another customer\'s asset is 404 for every method', async () => {
  const a = await admin();
  const owner = await makeCustomer();
  const stranger = await makeCustomer();
  const x = expectOk(await a.post(A(owner.id), { name: 'Private' }), 201);
  expectError(await a.get(`${A(stranger.id)}/${x.id}`), 404, 'not_found');
  expectError(await a.patch(`${A(stranger.id)}/${x.id}`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${A(stranger.id)}/${x.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await a.get(`${A(stranger.id)}?scope=located`)), []);
  expectOk(await a.get(`${A(owner.id)}/${x.id}`));
});

test('D5 hardware as a service: owned by the MSP, at the client; the client sees it located, only the owner writes', async () => {
  const a = await admin();
  const msp = await makeCustomer({ name: uniq('Our MSP') });
  const client = await makeCustomer();
  const office = await location(client, 'Client office');
  const x = expectOk(await a.post(A(msp.id), { name: 'HaaS laptop', serial: uniq('HAAS'), location_id: office.id }), 201);
  assert.deepEqual([x.customer_id, x.location_customer_id, x.location_name], [msp.id, client.id, 'Client office']);
  // The two lists differ.
  assert.deepEqual(expectOk(await a.get(A(msp.id))).map((y) => y.id), [x.id], 'the MSP owns it');
  assert.deepEqual(expectOk(await a.get(`${A(msp.id)}?scope=located`)), [], 'not at the MSP');
  assert.deepEqual(expectOk(await a.get(A(client.id))), [], 'the client does not own it');
  assert.deepEqual(expectOk(await a.get(`${A(client.id)}?scope=located`)).map((y) => [y.id, y.owner_name]),
    [[x.id, msp.name]], 'at the client, named by its owner');
  // Readable at the client's path, writable only at the owner's.
  assert.equal(expectOk(await a.get(`${A(client.id)}/${x.id}`)).id, x.id);
  expectError(await a.patch(`${A(client.id)}/${x.id}`, { notes: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${A(client.id)}/${x.id}`), 404, 'not_found');
  assert.deepEqual(counts(msp.id), { assets_owned: 1, 'assets_by_status:in_use': 1 });
  assert.deepEqual(counts(client.id), { assets_located: 1 });
  assert.equal(sql(`SELECT summary FROM timeline_events WHERE customer_id = ${client.id} AND object_type = 'asset'`),
    'Asset now at your location: HaaS laptop');
  // The client's location and the client itself are held while it is there.
  expectError(await a.del(`/api/v1/customers/${client.id}/locations/${office.id}`), 409, 'has_assets');
  expectError(await a.del(`/api/v1/customers/${client.id}?cascade=true`), 409, 'has_records');
  expectError(await a.del(`/api/v1/customers/${msp.id}?cascade=true`), 409, 'has_records');
  expectOk(await a.get(`/api/v1/customers/${client.id}/locations/${office.id}`));
  // Taken back: the located count goes.
  expectOk(await a.patch(`${A(msp.id)}/${x.id}`, { location_id: null }, { ifMatch: '"1"' }));
  assert.deepEqual(counts(client.id), {});
  assert.deepEqual(expectOk(await a.get(`${A(client.id)}?scope=located`)), []);
  expectError(await a.get(`${A(client.id)}/${x.id}`), 404, 'not_found');
  assert.equal((await a.del(`/api/v1/customers/${client.id}/locations/${office.id}`)).status, 204);
});

test('D5 repair: owned by the client, at the MSP\'s workshop; moving it back adjusts both sides', async () => {
  const a = await admin();
  const msp = await makeCustomer({ name: uniq('Our MSP') });
  const workshop = await location(msp, 'Workshop');
  const client = await makeCustomer();
  const site = await location(client, 'Client site');
  const x = expectOk(await a.post(A(client.id), { name: 'Broken server', status: 'damaged', location_id: workshop.id }), 201);
  assert.deepEqual(expectOk(await a.get(`${A(msp.id)}?scope=located`)).map((y) => y.id), [x.id], 'in the workshop');
  assert.deepEqual(expectOk(await a.get(A(msp.id))), [], 'not the MSP\'s');
  assert.deepEqual(expectOk(await a.get(A(client.id))).map((y) => y.id), [x.id], 'the client owns it');
  assert.deepEqual(expectOk(await a.get(`${A(client.id)}?scope=located`)), [], 'not at the client');
  assert.deepEqual(counts(msp.id), { assets_located: 1 });
  assert.deepEqual(counts(client.id), { assets_owned: 1, 'assets_by_status:damaged': 1 });
  // Repaired and returned: one edit moves status and place.
  const back = expectOk(await a.patch(`${A(client.id)}/${x.id}`, { status: 'in_use', location_id: site.id }, { ifMatch: '"1"' }));
  assert.equal(back.location_customer_id, client.id);
  assert.deepEqual(counts(msp.id), {});
  assert.deepEqual(counts(client.id), { assets_owned: 1, assets_located: 1, 'assets_by_status:in_use': 1 });
  assert.deepEqual(expectOk(await a.get(`${A(msp.id)}?scope=located`)), []);
  assert.equal(sql(`SELECT summary FROM timeline_events WHERE customer_id = ${msp.id} AND object_type = 'asset'
    ORDER BY id DESC LIMIT 1`), 'Asset left your location: Broken server');
});

test('D6: warranty expired, OS end of life and too old are computed against today and the setting', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const os = uniq('TestOS');
  sql(`INSERT INTO os_lifecycle VALUES ('${os}', 'ends-today', UTC_DATE()), ('${os}', 'ended', UTC_DATE() - INTERVAL 1 DAY)`);
  const mk = async (b) => expectOk(await a.post(A(cust.id), { name: uniq('L'), ...b }), 201);
  const flags = (x) => [x.warranty_expired, x.os_end_of_life, x.too_old];
  assert.deepEqual(flags(await mk({ warranty_expiry: today() })), [false, false, false], 'the warranty holds today');
  assert.deepEqual(flags(await mk({ warranty_expiry: dayOffset(-1) })), [true, false, false], 'ended yesterday');
  assert.deepEqual(flags(await mk({})), [false, false, false], 'nothing known: no flag');
  const t = await mk({ os_name: os, os_version: 'ends-today' });
  assert.deepEqual([t.os_end_of_life, t.os_end_of_support], [false, today()]);
  assert.equal((await mk({ os_name: os, os_version: 'ended' })).os_end_of_life, true);
  const srv = await mk({ os_name: 'Windows Server', os_version: '2012 R2' });
  assert.deepEqual([srv.os_end_of_life, srv.os_end_of_support], [true, '2023-10-10'], 'the seeded table');
  const mac = await mk({ os_name: 'macOS', os_version: '26' });
  assert.deepEqual([mac.os_end_of_life, mac.os_end_of_support], [false, null], 'known, no end announced');
  const fiveYears = sql('SELECT UTC_DATE() - INTERVAL 5 YEAR');
  const older = sql('SELECT UTC_DATE() - INTERVAL 5 YEAR - INTERVAL 1 DAY');
  const edge = await mk({ purchase_date: fiveYears });
  const old = await mk({ purchase_date: older });
  assert.deepEqual([edge.too_old, old.too_old], [false, true], 'older than 5 years');
  // The standard age is a workspace setting (default 5 years).
  assert.deepEqual(expectOk(await a.get('/api/v1/settings/asset-age')), { years: 5 });
  try {
    expectOk(await a.put('/api/v1/settings/asset-age', { years: 10 }));
    assert.equal(expectOk(await a.get(`${A(cust.id)}/${old.id}`)).too_old, false, 'not past 10 years');
    expectOk(await a.put('/api/v1/settings/asset-age', { years: 1 }));
    assert.deepEqual(expectOk(await a.get(`${A(cust.id)}?q=${edge.name}`)).map((x) => x.too_old), [true]);
  } finally {
    expectOk(await a.put('/api/v1/settings/asset-age', { years: 5 }));
    sql(`DELETE FROM os_lifecycle WHERE os_name = '${os}'`);
  }
  expectError(await a.put('/api/v1/settings/asset-age', { years: 0 }), 400, undefined, 'years');
  expectError(await a.put('/api/v1/settings/asset-age', {}), 400, 'required', 'years');
  const tech = await makeUser('technician');
  expectError(await tech.put('/api/v1/settings/asset-age', { years: 3 }), 403, 'forbidden');
  assert.ok(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'settings.updated'
    AND changes LIKE '%asset_age_years%'`)) >= 3, 'each change audited');
});

test('D6: the OS table lists the seeded releases with their end of support', async () => {
  const a = await admin();
  const list = expectOk(await a.get('/api/v1/os-lifecycle'));
  const find = (n, v) => list.find((x) => x.os_name === n && x.os_version === v);
  assert.deepEqual(find('Windows 10 Pro', '22H2'),
    { os_name: 'Windows 10 Pro', os_version: '22H2', end_of_support: '2025-10-14', ended: '2025-10-14' < today() });
  for (const [n, v] of [['Windows 11 Enterprise', '24H2'], ['Windows Server', '2025'], ['Ubuntu', '24.04'], ['Debian', '12'],
    ['Red Hat Enterprise Linux', '9'], ['macOS', '13']]) {
    assert.ok(find(n, v)?.end_of_support, `${n} ${v}`);
  }
  expectError(await raw('GET', '/api/v1/os-lifecycle'), 401, 'no_session');
});

test('D4 CSV: import maps the header, names bad rows by line, keeps good ones; re-import creates nothing', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const body = readFileSync(join(ROOT, 'tests/data/csv/assets/bad-rows.csv'));
  const send = () => raw('POST', `${A(cust.id)}/import`, {
    cookie: a.token, csrf: a.csrf, headers: { 'Content-Type': 'text/csv' }, body,
  });
  const d = expectOk(await send());
  assert.deepEqual(d.rejected.map((r) => [r.line, r.error.code, r.error.field ?? null]), [
    [3, 'invalid_choice', 'status'],
    [4, 'invalid_date', 'purchase_date'],
    [5, 'required', 'name'],
    [6, 'invalid_range', 'warranty_expiry'],
    [7, 'malformed_csv', null],
  ]);
  assert.equal(d.created, 2);
  const again = expectOk(await send());
  assert.deepEqual([again.created, again.updated, again.unchanged, again.rejected.length], [0, 0, 2, 5]);
  assert.equal(sql(`SELECT COUNT(*) FROM assets WHERE customer_id = ${cust.id}`), '2');
  // A row matches on its serial: a new name updates the asset.
  const u = expectOk(await csv(a, cust.id, 'Name,Serial,Status\r\nRenamed,BR-1,In stock\r\nNo serial,,\r\n'));
  assert.deepEqual([u.created, u.updated], [1, 1]);
  const u2 = expectOk(await csv(a, cust.id, 'Name,Serial,Notes\r\nNo serial,,now with notes\r\n'));
  assert.deepEqual([u2.created, u2.updated], [0, 1], 'without a serial, the name matches');
  const names = expectOk(await a.get(A(cust.id))).map((x) => [x.name, x.status]);
  assert.deepEqual(names, [['Good two', 'retired'], ['No serial', 'in_use'], ['Renamed', 'in_stock']]);
  counts(cust.id);
});

test('D4 CSV: a spreadsheet export (BOM, CRLF, quoted line breaks) imports whole', async () => {
  const dir = join(ROOT, 'tests/data/csv/assets');
  const a = await admin();
  const cust = await makeCustomer();
  const d = expectOk(await raw('POST', `${A(cust.id)}/import`, {
    cookie: a.token, csrf: a.csrf, headers: { 'Content-Type': 'text/csv' },
    body: readFileSync(join(dir, 'spreadsheet-export.csv')),
  }));
  assert.deepEqual([d.created, d.rejected, d.ignored_columns], [5, [], ['Cost Center']]);
  const spare = expectOk(await a.get(`${A(cust.id)}?q=spare`))[0];
  assert.deepEqual([spare.type, spare.status, spare.serial, spare.os_name, spare.os_version],
    ['Laptop', 'in_stock', '5CG0001XYZ', 'Windows 11 Pro', '24H2']);
  assert.match(spare.notes, /^Charger in drawer 3\r?\nBag in storage$/);
  const printer = expectOk(await a.get(`${A(cust.id)}?q=label`))[0];
  assert.deepEqual([printer.status, printer.serial, printer.notes], ['damaged', null, 'Paper jam, "beyond repair"']);
  assert.equal(expectOk(await a.get(`${A(cust.id)}?q=file server`))[0].os_end_of_life, true);
  assert.ok(readdirSync(dir).length >= 2);
});

test('D4 CSV: refusals: no header, no name column, wrong type, too large, unknown customer, read-only', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectError(await csv(a, cust.id, ''), 422, 'no_header');
  expectError(await csv(a, cust.id, 'Serial,Type\nX,Laptop\n'), 422, 'no_name_column');
  expectError(await csv(a, cust.id, 'Name\nx\n', 'application/json'), 415, 'unsupported_media_type');
  expectError(await csv(a, cust.id, `Name\n${'x'.repeat(5 * 1024 * 1024)}\n`), 413, 'too_large');
  expectError(await csv(a, 999999999, 'Name\nx\n'), 404, 'not_found');
  const ro = await makeUser('read_only');
  expectError(await ro.post(`${A(cust.id)}/import`, 'Name\nx\n', { headers: { 'Content-Type': 'text/csv' } }), 403, 'forbidden');
  expectError(await ro.get(`/api/v1/customers/999999999/assets/export`), 404, 'not_found');
});

test('D4 CSV: export is UTF-8 with a BOM and CRLF, owned assets only, and imports back the same', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const elsewhere = await makeCustomer();
  const at = await location(cust, 'Here');
  expectOk(await a.post(A(cust.id), { name: 'Müller, "Max" PC', serial: 'S-1', purchase_date: '2020-01-02', notes: 'one\ntwo' }), 201);
  expectOk(await a.post(A(cust.id), { name: '=cmd|calc', status: 'retired', os_name: 'Debian', os_version: '12' }), 201);
  expectOk(await a.post(A(elsewhere.id), { name: 'Not theirs', location_id: at.id }), 201);
  const r = await a.get(`${A(cust.id)}/export`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="assets-\d+\.csv"/);
  const bytes = Buffer.from(await (await fetch(`${BASE}${A(cust.id)}/export`,
    { headers: { Cookie: `${COOKIE_NAME}=${a.token}` } })).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(r.text.startsWith('Name,Type,Status,Serial,Purchase date,Warranty expiry,OS,OS version,Notes\r\n'));
  assert.ok(r.text.includes("'=cmd|calc"), 'a formula is defused');
  assert.ok(!r.text.includes('Not theirs'), 'only what the customer owns');
  const copy = await makeCustomer();
  const d = expectOk(await csv(a, copy.id, r.text));
  assert.deepEqual([d.created, d.rejected], [2, []]);
  const back = expectOk(await a.get(A(copy.id))).map((x) => [x.name, x.status, x.serial, x.purchase_date, x.os_name, x.notes]);
  assert.deepEqual(back, [
    ['=cmd|calc', 'retired', null, null, 'Debian', null],
    ['Müller, "Max" PC', 'in_use', 'S-1', '2020-01-02', null, 'one\ntwo'],
  ]);
});

test('D4: two clients importing the same file at once create each asset once; counts stay true', async () => {
  const a = await admin();
  const other = await makeUser('technician');
  const cust = await makeCustomer();
  const rows = Array.from({ length: 40 }, (_, i) => `Asset ${i},${i % 2 ? `SER-${i}` : ''},${i % 3 ? 'in_use' : 'in_stock'}`);
  const body = `Name,Serial,Status\r\n${rows.join('\r\n')}\r\n`;
  const res = await Promise.all([csv(a, cust.id, body), csv(other, cust.id, body)]);
  const [d1, d2] = res.map((r) => expectOk(r));
  assert.deepEqual([...d1.rejected, ...d2.rejected], []);
  assert.equal(d1.created + d2.created, 40, 'each row created by one of them');
  assert.equal(d1.unchanged + d2.unchanged, 40, 'and found by the other');
  assert.equal(sql(`SELECT COUNT(*) FROM assets WHERE customer_id = ${cust.id}`), '40');
  assert.deepEqual(counts(cust.id), { assets_owned: 40, 'assets_by_status:in_stock': 14, 'assets_by_status:in_use': 26 });
  // And two edits of one version: one wins, one is told.
  const x = expectOk(await a.get(`${A(cust.id)}?q=Asset 1&limit=1`))[0];
  const edits = await Promise.all([a, other].map((cl, i) =>
    cl.patch(`${A(cust.id)}/${x.id}`, { status: i ? 'damaged' : 'retired' }, { ifMatch: `"${x.version}"` })));
  assert.deepEqual(edits.map((e) => e.status).sort(), [200, 409]);
  counts(cust.id);
});

test('D3/D4: an asset sits only in one of its owner\'s folders; a folder holding an asset is not deleted', async () => {
  const a = await admin();
  const own = await makeCustomer();
  const other = await makeCustomer();
  const mine = expectOk(await a.post(`/api/v1/customers/${own.id}/folders`, { name: 'Spares' }), 201);
  const theirs = expectOk(await a.post(`/api/v1/customers/${other.id}/folders`, { name: 'Elsewhere' }), 201);
  expectError(await a.post(`/api/v1/customers/${own.id}/assets`, { name: 'Stray', folder_id: theirs.id }), 400, 'unknown_reference');
  const x = expectOk(await a.post(`/api/v1/customers/${own.id}/assets`, { name: 'Kept', folder_id: mine.id }), 201);
  assert.equal(x.folder_id, mine.id);
  expectError(await a.del(`/api/v1/customers/${own.id}/folders/${mine.id}`), 409, 'has_records');
});
