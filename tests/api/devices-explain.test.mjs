// Filters that scale (D2): the statements lib/filter.c assembles for the
// common device filters read an index led by the customer that also gives
// the list's order (no full scan, no filesort), on a table of thousands of
// devices.  tests/filter/filter-sql prints the statement of a combination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectOk, explainRow, filterStatement, makeCustomer, sql } from './lib.mjs';

const TYPES = ['pc', 'server', 'mac', 'linux', 'snmp', 'tcp', 'http', 'generic'];
const AVAIL = ['online', 'offline', 'unreachable', 'retired'];



test('D2: the common filters use an index that gives the order: customer + type, status, name prefix, folder', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const others = [await makeCustomer(), await makeCustomer()];
  const folders = [];
  for (let i = 0; i < 10; i++) {
    folders.push(expectOk(await a.post(`/api/v1/customers/${cust.id}/folders`, { name: `F${i}` }), 201).id);
  }
  // 1,200 devices here and 1,600 elsewhere, every type, status and folder.
  const fill = (customer, n, withFolders) => sql(`INSERT INTO devices (customer_id, folder_id, name, machine_name,
      type, availability, created_at, updated_at)
    SELECT ${customer}, ${withFolders ? `ELT(1 + seq % 10, ${folders.join(', ')})` : 'NULL'},
      CONCAT('ws-', LPAD(seq, 5, '0')), CONCAT('M', seq),
      ELT(1 + seq % 8, ${TYPES.map((t) => `'${t}'`).join(', ')}),
      ELT(1 + seq % 4, ${AVAIL.map((t) => `'${t}'`).join(', ')}),
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_${n}`);
  fill(cust.id, 1200, true);
  for (const o of others) fill(o.id, 800, false);
  sql('ANALYZE TABLE devices PERSISTENT FOR ALL');
  const cases = [
    [['type'], [cust.id, 'server', 51], 'devices_by_type'],
    [['availability'], [cust.id, 'offline', 51], 'devices_by_availability'],
    [['name'], [cust.id, 'ws-001%', 51], 'devices_by_name'],
    [['folder_id'], [cust.id, folders[3], 51], 'devices_by_folder'],
    [['type', 'after'], [cust.id, 'server', 'ws-00500', 500, 51], 'devices_by_type'],
  ];
  for (const [filters, values, index] of cases) {
    const plan = explainRow(filterStatement('devices', ...filters), values, 'devices');
    assert.equal(plan.key, index, `${filters}: ${JSON.stringify(plan)}`);
    assert.ok(['ref', 'range'].includes(plan.type), `${filters}: not a full scan (${plan.type})`);
    assert.doesNotMatch(plan.extra, /filesort/, `${filters}: the index gives the order`);
  }
  // And the lists they serve answer from those rows.
  const page = expectOk(await a.get(`/api/v1/customers/${cust.id}/devices?type=server&availability=offline&limit=5`));
  assert.equal(page.length, 5);
  assert.ok(page.every((d) => d.type === 'server' && d.availability === 'offline'));
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}/devices?name=ws-0012&limit=200`)).length, 10);
});
