// SLA policies and sentiment (T1): policy CRUD and its checks, which policy
// a ticket gets (contract > customer > default), due times and states
// computed on read, the first response set by a technician's first public
// reply only, and the sentiment of the contact's latest message.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  admin, expectError, expectOk, explainRow, filterStatement, makeCustomer, makeUser, sql, uniq,
} from './lib.mjs';

const P = '/api/v1/sla-policies';
const CT = (id) => `/api/v1/customers/${id}/tickets`;
const T = (id) => `/api/v1/tickets/${id}`;
const BERLIN = { business_days: 'mon,tue,wed,thu,fri', business_start: 540, business_end: 1020,
  time_zone: 'Europe/Berlin' };

// The workspace default changes every ticket's JSON: none is left behind.
after(() => sql('UPDATE sla_policies SET is_default = 0'));

async function policy(fields = {}) {
  const a = await admin();
  return expectOk(await a.post(P, { name: uniq('SLA'), ...fields }), 201);
}

async function contract(a, customer) {
  return expectOk(await a.post(`/api/v1/customers/${customer}/contracts`,
    { name: uniq('Support'), type: 'standard', start_date: sql('SELECT UTC_DATE()') }), 201);
}

async function contact(a, customer) {
  return expectOk(await a.post(`/api/v1/customers/${customer}/contacts`, { name: uniq('Kim') }), 201);
}

test('T1: SLA policy CRUD: create, read, list, change with If-Match, delete; admin only; audited', async () => {
  const a = await admin();
  const name = uniq('Gold');
  const r = await a.post(P, { name, first_response_high: 60, resolution_high: 480, business_days: 'fri,mon',
    business_start: 480, business_end: 1080, time_zone: 'Europe/Berlin' });
  const p = expectOk(r, 201);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${P}/${p.id}`);
  assert.deepEqual([p.name, p.first_response_high, p.resolution_high, p.first_response_low, p.business_days,
    p.time_zone, p.is_default], [name, 60, 480, null, 'mon,fri', 'Europe/Berlin', false],
  'days come back in week order; a target not given is null');
  assert.deepEqual(expectOk(await a.get(`${P}/${p.id}`)), p);
  assert.ok(expectOk(await a.get(P)).some((x) => x.id === p.id));
  const up = expectOk(await a.patch(`${P}/${p.id}`, { first_response_high: 30 }, { ifMatch: '"1"' }));
  assert.deepEqual([up.first_response_high, up.resolution_high, up.version], [30, 480, 2]);
  expectError(await a.patch(`${P}/${p.id}`, { first_response_high: 20 }, { ifMatch: '"1"' }), 409, 'version_conflict');
  expectError(await a.patch(`${P}/${p.id}`, { first_response_high: 20 }), 428);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'sla_policy' AND object_id = ${p.id}`), '2');
  const ro = await makeUser('read_only');
  const tech = await makeUser('technician');
  expectOk(await ro.get(`${P}/${p.id}`));
  expectError(await tech.post(P, { name: uniq('x') }), 403, 'forbidden');
  expectError(await tech.patch(`${P}/${p.id}`, { name: 'x' }, { ifMatch: '"2"' }), 403, 'forbidden');
  expectOk(await a.del(`${P}/${p.id}`), 204);
  expectError(await a.get(`${P}/${p.id}`), 404, 'not_found');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'sla_policy.deleted' AND object_id = ${p.id}`), '1');
});

test('T1: SLA policy checks: name, targets, business hours all or none, days, window, time zone', async () => {
  const a = await admin();
  const p = await policy();
  expectError(await a.post(P, { name: p.name }), 409, 'duplicate_name', 'name');
  expectError(await a.post(P, { first_response_low: 10 }), 400, 'required', 'name');
  expectError(await a.post(P, { name: uniq('x'), first_response_low: 0 }), 400, undefined, 'first_response_low');
  expectError(await a.post(P, { name: uniq('x'), resolution_low: 'soon' }), 400, undefined, 'resolution_low');
  expectError(await a.post(P, { name: uniq('x'), business_days: 'mon,tue' }), 400, 'required', 'business_start');
  expectError(await a.post(P, { name: uniq('x'), ...BERLIN, time_zone: null }), 400, 'required', 'time_zone');
  expectError(await a.post(P, { name: uniq('x'), ...BERLIN, business_days: 'monday' }), 400, 'invalid', 'business_days');
  expectError(await a.post(P, { name: uniq('x'), ...BERLIN, business_days: 'mon,mon' }), 400, 'invalid', 'business_days');
  expectError(await a.post(P, { name: uniq('x'), ...BERLIN, business_end: 540 }), 400, 'invalid', 'business_end');
  expectError(await a.post(P, { name: uniq('x'), ...BERLIN, business_end: 1441 }), 400, undefined, 'business_end');
  for (const zone of ['Europe/Nowhere', '../../etc/passwd', 'Mars/Olympus', 'zone.tab']) {
    expectError(await a.post(P, { name: uniq('x'), ...BERLIN, time_zone: zone }), 400, undefined, 'time_zone', zone);
  }
  // A PATCH is checked as the whole policy it makes.
  const h = await policy(BERLIN);
  expectError(await a.patch(`${P}/${h.id}`, { time_zone: null }, { ifMatch: '"1"' }), 400, 'required', 'time_zone');
  const off = expectOk(await a.patch(`${P}/${h.id}`, { business_days: null, business_start: null, business_end: null,
    time_zone: null }, { ifMatch: '"1"' }));
  assert.deepEqual([off.business_days, off.time_zone, off.version], [null, null, 2], 'back to 24x7');
});

test('T1: a ticket\'s policy is its contract\'s, else its customer\'s, else the default, else none', async () => {
  const a = await admin();
  const byContract = await policy({ first_response_medium: 10 });
  const byCustomer = await policy({ first_response_medium: 20 });
  const byDefault = await policy({ first_response_medium: 30, is_default: true });
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const k = await contract(a, cust.id);
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla/contracts/${k.id}`, { sla_policy_id: byContract.id }));
  const assigned = expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: byCustomer.id }));
  assert.deepEqual([assigned.sla_policy_id, assigned.default_policy_id], [byCustomer.id, byDefault.id]);
  assert.deepEqual(expectOk(await a.get(`/api/v1/customers/${cust.id}/sla`)), assigned);
  const withContract = expectOk(await a.post(CT(cust.id), { subject: 'a', contract_id: k.id }), 201);
  const withoutContract = expectOk(await a.post(CT(cust.id), { subject: 'b' }), 201);
  const elsewhere = expectOk(await a.post(CT(other.id), { subject: 'c' }), 201);
  assert.deepEqual(withContract.sla.policy, { id: byContract.id, name: byContract.name });
  assert.equal(withContract.sla.first_response.target_minutes, 10);
  assert.deepEqual(withoutContract.sla.policy.id, byCustomer.id);
  assert.deepEqual(elsewhere.sla.policy.id, byDefault.id);
  // A new default takes the mark from the old one.
  const next = await policy({ first_response_medium: 40, is_default: true });
  const was = expectOk(await a.get(`${P}/${byDefault.id}`));
  assert.deepEqual([was.is_default, was.version], [false, 2]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'sla_policy.updated' AND object_id = ${byDefault.id}`),
    '1', 'the old default\'s change is audited');
  assert.equal(expectOk(await a.get(T(elsewhere.id))).sla.policy.id, next.id);
  // Unassigned, each falls back one step.
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla/contracts/${k.id}`, { sla_policy_id: null }));
  assert.equal(expectOk(await a.get(T(withContract.id))).sla.policy.id, byCustomer.id);
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: null }));
  assert.equal(expectOk(await a.get(T(withContract.id))).sla.policy.id, next.id);
  sql('UPDATE sla_policies SET is_default = 0');
  assert.deepEqual(expectOk(await a.get(T(withContract.id))).sla,
    { policy: null, first_response: null, resolution: null });
  // The assignments are audited; a policy in use cannot go.
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'customer.sla_changed' AND customer_id = ${cust.id}`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'contract.sla_changed' AND object_id = ${k.id}`), '2');
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: byCustomer.id }));
  expectError(await a.del(`${P}/${byCustomer.id}`), 409, 'in_use');
  expectError(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: 999999999 }), 400,
    'unknown_reference', 'sla_policy_id');
  expectError(await a.put(`/api/v1/customers/${cust.id}/sla`, {}), 400, 'required', 'sla_policy_id');
  expectError(await a.put(`/api/v1/customers/${other.id}/sla/contracts/${k.id}`, { sla_policy_id: null }), 404);
});

test('T1: due times and states on read; breached once created_at is set back', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const p = await policy({ first_response_high: 60, resolution_high: 240, resolution_low: 480 });
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: p.id }));
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Server down', priority: 'high' }), 201);
  const fr = t.sla.first_response;
  assert.equal(fr.state, 'running');
  assert.equal(Date.parse(fr.due_at) - Date.parse(t.created_at.replace(/\.\d+Z$/, 'Z')), 3600 * 1000);
  assert.ok(fr.minutes_left > 0 && fr.minutes_left <= 60, `${fr.minutes_left} minutes left`);
  assert.equal(t.sla.resolution.target_minutes, 240);
  // The priority picks the target; a priority without one has no clock.
  const low = expectOk(await a.patch(T(t.id), { priority: 'low' }, { ifMatch: '"1"' }));
  assert.deepEqual([low.sla.first_response, low.sla.resolution.target_minutes], [null, 480]);
  expectOk(await a.patch(T(t.id), { priority: 'high' }, { ifMatch: '"2"' }));
  sql(`UPDATE tickets SET created_at = '2026-03-02 10:00:00' WHERE id = ${t.id}`);
  const late = expectOk(await a.get(T(t.id))).sla;
  assert.deepEqual([late.first_response.due_at, late.first_response.state], ['2026-03-02T11:00:00Z', 'breached']);
  assert.deepEqual([late.resolution.due_at, late.resolution.state], ['2026-03-02T14:00:00Z', 'breached']);
  assert.ok(late.first_response.minutes_left < -60 * 24, 'overdue minutes are negative');
  // The list shows the same clocks, and filters the ticket as before.
  const listed = expectOk(await a.get(`${CT(cust.id)}?status=open`)).find((x) => x.id === t.id);
  assert.deepEqual([listed.sla.first_response.due_at, listed.sla.resolution.state],
    ['2026-03-02T11:00:00Z', 'breached']);
  // Business hours: a Friday 15:00 CET ticket is due on Monday.
  const h = await policy({ ...BERLIN, first_response_medium: 240 });
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: h.id }));
  const fri = expectOk(await a.post(CT(cust.id), { subject: 'Friday' }), 201);
  sql(`UPDATE tickets SET created_at = '2026-03-06 14:00:00' WHERE id = ${fri.id}`);
  assert.equal(expectOk(await a.get(T(fri.id))).sla.first_response.due_at, '2026-03-09T10:00:00Z');
  // Resolved in time: met, and no minutes left to show.
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: p.id }));
  const quick = expectOk(await a.post(CT(cust.id), { subject: 'Quick', priority: 'high' }), 201);
  const done = expectOk(await a.patch(T(quick.id), { status: 'resolved' }, { ifMatch: '"1"' })).sla;
  assert.deepEqual([done.resolution.state, done.resolution.minutes_left], ['met', null]);
  assert.equal(done.first_response.state, 'met', 'resolved without a reply: that was the response');
  // Resolved after its due time: breached.
  sql(`UPDATE tickets SET created_at = '2026-03-02 10:00:00', resolved_at = '2026-03-02 15:00:00' WHERE id = ${quick.id}`);
  assert.equal(expectOk(await a.get(T(quick.id))).sla.resolution.state, 'breached');
});

test('T1: the first response is the first public reply of a technician; notes and the contact do not count', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = await contact(a, cust.id);
  const p = await policy({ first_response_medium: 60 });
  expectOk(await a.put(`/api/v1/customers/${cust.id}/sla`, { sla_policy_id: p.id }));
  const t = expectOk(await a.post(CT(cust.id), { subject: 'VPN', contact_id: k.id }), 201);
  const M = `${T(t.id)}/messages`;
  let now = expectOk(await a.post(M, { kind: 'note', body: 'Looking into it' }), 201);
  assert.equal(now.first_responded_at, null, 'an internal note is no response');
  now = expectOk(await a.post(M, { body: 'It is still broken', contact_id: k.id }), 201);
  assert.equal(now.first_responded_at, null, 'the contact\'s own message is no response');
  assert.equal(now.sla.first_response.state, 'running');
  now = expectOk(await a.post(M, { body: 'Fixed, please try again' }), 201);
  assert.match(now.first_responded_at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(now.sla.first_response.state, 'met');
  assert.equal(now.sla.first_response.minutes_left, null);
  const first = now.first_responded_at;
  now = expectOk(await a.post(M, { body: 'Anything else?' }), 201);
  assert.equal(now.first_responded_at, first, 'the first reply stays the first');
  // Responded after the due time: breached.
  sql(`UPDATE tickets SET created_at = '2026-03-02 10:00:00', first_responded_at = '2026-03-02 11:30:00' WHERE id = ${t.id}`);
  assert.equal(expectOk(await a.get(T(t.id))).sla.first_response.state, 'breached');
});

test('T1: the sentiment of the contact\'s latest message is stored, shown and filterable', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = await contact(a, cust.id);
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Mail', contact_id: k.id }), 201);
  const calm = expectOk(await a.post(CT(cust.id), { subject: 'Calm', contact_id: k.id }), 201);
  assert.deepEqual([t.sentiment, t.sentiment_score], [null, null]);
  const M = `${T(t.id)}/messages`;
  let now = expectOk(await a.post(M, { body: 'This is UNACCEPTABLE, the server is down again!', contact_id: k.id }), 201);
  assert.equal(now.sentiment, 'negative');
  assert.ok(now.sentiment_score < 0);
  expectOk(await a.post(`${T(calm.id)}/messages`, { body: 'Please install Office on the new laptop.',
    contact_id: k.id }), 201);
  const ids = async (s) => expectOk(await a.get(`${CT(cust.id)}?sentiment=${s}`)).map((x) => x.id);
  assert.deepEqual(await ids('negative'), [t.id]);
  assert.deepEqual(await ids('neutral'), [calm.id]);
  assert.deepEqual(await ids('positive'), []);
  assert.ok(expectOk(await a.get(`/api/v1/tickets?sentiment=negative&customer_id=${cust.id}`))
    .every((x) => x.sentiment === 'negative'));
  // A technician's words are not the contact's.
  now = expectOk(await a.post(M, { body: 'Terrible, sorry! We are on it.' }), 201);
  assert.equal(now.sentiment, 'negative');
  now = expectOk(await a.post(M, { body: 'Vielen Dank, jetzt funktioniert alles super!', contact_id: k.id }), 201);
  assert.equal(now.sentiment, 'positive');
  assert.deepEqual(await ids('positive'), [t.id]);
  expectError(await a.get(`${CT(cust.id)}?sentiment=angry`), 400, undefined, 'sentiment');
});

test('T1/T2: the sentiment filter reads an index in the list\'s order; the policy joins read one row each', async () => {
  const cust = await makeCustomer();
  sql(`INSERT INTO tickets (number, customer_id, subject, sentiment, created_at, updated_at)
    SELECT CONCAT('S-', ${cust.id}, '-', seq), ${cust.id}, CONCAT('Load ', seq), IF(seq % 50 = 0, 'negative', NULL),
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_3000`);
  try {
    sql('ANALYZE TABLE tickets PERSISTENT FOR ALL');
    const text = filterStatement('tickets', 'open', 'spam', 'sentiment');
    const values = [0, 'negative', 51];
    const t = explainRow(text, values, 't');
    assert.equal(t.key, 'tickets_by_sentiment', JSON.stringify(t));
    assert.doesNotMatch(t.extra, /filesort/);
    for (const alias of ['sk', 'sc', 'sd', 'sp']) {
      const row = explainRow(text, values, alias);
      assert.ok(['eq_ref', 'const'].includes(row.type), `${alias}: ${JSON.stringify(row)}`);
    }
  } finally {
    sql(`DELETE FROM tickets WHERE number LIKE 'S-%'`);
  }
});
