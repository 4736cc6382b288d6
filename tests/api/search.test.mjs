// The command palette's search (H2): one request, results grouped by kind:
// customers by name (archived too), contacts of every customer by name or
// email, devices of every customer by name, machine name or IP address
// (prefix), each group bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql, uniq } from './lib.mjs';

const S = (q, extra = '') => `/api/v1/search?q=${encodeURIComponent(q)}${extra}`;

test('H2: customers by name and contacts by name or email, grouped', async () => {
  const a = await admin();
  const tag = uniq('Zebulon').replace(/[^A-Za-z0-9]/g, '');
  const c = await makeCustomer({ name: `${tag} Holdings`, city: 'Oslo' });
  const other = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${other.id}/contacts`,
    { name: `${tag} Smith`, email: `${tag.toLowerCase()}@example.com` }), 201);
  const byMail = expectOk(await a.post(`/api/v1/customers/${c.id}/contacts`,
    { name: 'Plain Name', email: `x.${tag.toLowerCase()}@mail.example` }), 201);

  const r = expectOk(await a.get(S(tag)));
  assert.deepEqual(Object.keys(r).sort(), ['contacts', 'customers', 'devices']);
  assert.deepEqual(r.customers.map((x) => x.id), [c.id]);
  // The city tells two similar names apart (issue 11).
  assert.deepEqual(r.customers[0], { id: c.id, name: `${tag} Holdings`, rank: null, archived: false, city: 'Oslo' });
  assert.deepEqual(r.contacts.map((x) => x.id).sort(), [k.id, byMail.id].sort());
  const hit = r.contacts.find((x) => x.id === k.id);
  assert.equal(hit.customer_id, other.id, 'a contact names its customer');
  assert.equal(hit.customer_name, other.name);
  assert.equal(hit.status, 'active');

  expectOk(await a.post(`/api/v1/customers/${c.id}/archive`));
  assert.equal(expectOk(await a.get(S(tag))).customers[0].archived, true, 'archived customers are found');
});

test('H2: devices of every customer by name, machine name or IP prefix, naming their customer', async () => {
  const a = await admin();
  const tag = uniq('Wombat').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const c = await makeCustomer();
  const other = await makeCustomer();
  const byName = expectOk(await a.post(`/api/v1/customers/${c.id}/devices`,
    { name: `${tag}-pc`, machine_name: 'WS-PLAIN', ip_addresses: '10.77.0.1' }), 201);
  const byMachine = expectOk(await a.post(`/api/v1/customers/${other.id}/devices`,
    { name: 'plain-server', machine_name: `SRV-${tag}`, ip_addresses: '10.77.0.2' }), 201);
  const ip = `10.${100 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const byIp = expectOk(await a.post(`/api/v1/customers/${other.id}/devices`,
    { name: 'plain-printer', ip_addresses: `${ip} fe80::7` }), 201);

  const r = expectOk(await a.get(S(tag)));
  assert.deepEqual(r.devices.map((x) => x.id), [byName.id]);
  assert.deepEqual(r.devices[0], {
    id: byName.id, name: `${tag}-pc`, machine_name: 'WS-PLAIN', ip_addresses: '10.77.0.1',
    customer_id: c.id, customer_name: c.name,
  });
  const m = expectOk(await a.get(S(`SRV-${tag}`))).devices;
  assert.deepEqual(m.map((x) => [x.id, x.customer_id]), [[byMachine.id, other.id]]);
  assert.deepEqual(expectOk(await a.get(S(ip))).devices.map((x) => x.id), [byIp.id]);
  assert.deepEqual(expectOk(await a.get(S(tag.slice(2)))).devices, [], 'a prefix, not a substring');
  assert.deepEqual(expectOk(await a.get(S('%'))).devices.filter((x) => !x.name.startsWith('%')), [],
    'a % matches only a literal %');
});

test('H2: each group is bounded by limit; wildcards are text', async () => {
  const a = await admin();
  const tag = uniq('Quokka').replace(/[^A-Za-z0-9]/g, '');
  for (let i = 0; i < 3; i++) await makeCustomer({ name: `${tag} ${i}` });
  assert.equal(expectOk(await a.get(S(tag, '&limit=2'))).customers.length, 2);
  assert.equal(expectOk(await a.get(S(tag))).customers.length, 3);
  assert.deepEqual(expectOk(await a.get(S('%'))).customers.filter((x) => !x.name.includes('%')), [],
    'a % matches only a literal %');
});

test('H2: rejections: q required and bounded, limit range, no session; read_only may search', async () => {
  const a = await admin();
  expectError(await a.get('/api/v1/search'), 400, 'required', 'q');
  expectError(await a.get('/api/v1/search?q='), 400, undefined, 'q');
  expectError(await a.get(S('x'.repeat(201))), 400, undefined, 'q');
  expectError(await a.get(S('x', '&limit=26')), 400, undefined, 'limit');
  expectError(await a.get(S('x', '&bogus=1')), 400, undefined, 'bogus');
  const ro = await makeUser('read_only');
  expectOk(await ro.get(S('a')));
});

test('H2: the device search reads one index range per column, not every device', () => {
  sql(`INSERT INTO devices (customer_id, name, machine_name, ip_addresses, created_at, updated_at)
    SELECT (SELECT MIN(id) FROM customers), CONCAT('srch-', seq), CONCAT('SRCH-M', seq),
      CONCAT('10.77.', seq DIV 250, '.', seq MOD 250), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_3000`);
  sql('ANALYZE TABLE devices PERSISTENT FOR ALL');
  const plan = sql(`EXPLAIN SELECT d.id FROM (
    (SELECT id FROM devices WHERE name LIKE 'srch-12%' ORDER BY name LIMIT 8)
    UNION (SELECT id FROM devices WHERE machine_name LIKE 'srch-12%' ORDER BY machine_name LIMIT 8)
    UNION (SELECT id FROM devices WHERE ip_addresses LIKE 'srch-12%' LIMIT 8)) m
    JOIN devices d ON d.id = m.id`).split('\n').map((l) => l.split('\t'))
    .filter((r) => r[2] === 'devices');
  const keys = plan.map((r) => r[5]).sort();
  assert.deepEqual(keys, ['devices_search_ip', 'devices_search_machine', 'devices_search_name'], JSON.stringify(plan));
  for (const r of plan) assert.equal(r[3], 'range', JSON.stringify(r));
});
