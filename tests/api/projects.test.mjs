// Projects (B4): status derived from the dates and the completed flag,
// value as minor units plus currency, progress; counted on write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql } from './lib.mjs';

const P = (id) => `/api/v1/customers/${id}/projects`;
const day = (n) => sql(`SELECT UTC_DATE() + INTERVAL ${n} DAY`);
const count = (id) => Number(sql(`SELECT COALESCE(SUM(n), 0) FROM customer_counts WHERE customer_id = ${id} AND name = 'projects'`));

test('B4: create, read, edit, delete a project; value and progress; audit and count', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.post(P(cust.id), { name: 'Server refresh', start_date: day(-3), due_date: day(30), value_minor: 1250000, currency: 'GBP' });
  const p = expectOk(r, 201);
  assert.deepEqual([p.name, p.status, p.completed, p.progress, p.value_minor, p.currency, p.overdue],
    ['Server refresh', 'active', false, 0, 1250000, 'GBP', false]);
  assert.deepEqual(expectOk(await a.get(`${P(cust.id)}/${p.id}`)), p);
  assert.equal(count(cust.id), 1);
  const done = expectOk(await a.patch(`${P(cust.id)}/${p.id}`, { progress: 100, completed: true }, { ifMatch: '"1"' }));
  assert.deepEqual([done.status, done.progress], ['past', 100]);
  assert.equal((await a.del(`${P(cust.id)}/${p.id}`)).status, 204);
  assert.equal(count(cust.id), 0);
  assert.deepEqual(sql(`SELECT action FROM audit_log WHERE object_type = 'project' AND object_id = ${p.id} ORDER BY id`).split('\n'),
    ['project.created', 'project.updated', 'project.deleted']);
});

test('B4: status upcoming / active / past around today; overdue when not done past its due date; list filters', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const mk = async (name, fields) => expectOk(await a.post(P(cust.id), { name, ...fields }), 201);
  assert.equal((await mk('Starts today', { start_date: day(0) })).status, 'active');
  assert.equal((await mk('Starts tomorrow', { start_date: day(1) })).status, 'upcoming');
  assert.equal((await mk('Done', { start_date: day(-60), due_date: day(-30), completed: true })).status, 'past');
  const late = await mk('Late', { start_date: day(-60), due_date: day(-1) });
  assert.deepEqual([late.status, late.overdue], ['active', true]);
  assert.equal((await mk('Due today', { start_date: day(-5), due_date: day(0) })).overdue, false);
  assert.deepEqual(expectOk(await a.get(`${P(cust.id)}?status=upcoming`)).map((x) => x.name), ['Starts tomorrow']);
  assert.deepEqual(expectOk(await a.get(`${P(cust.id)}?status=past`)).map((x) => x.name), ['Done']);
  assert.deepEqual(expectOk(await a.get(`${P(cust.id)}?q=late`)).map((x) => x.name), ['Late']);
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`${P(cust.id)}?limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.name));
    next = r.body.next;
  } while (next);
  // Newest start first; the same start: the newest project first.
  assert.deepEqual(seen, ['Starts tomorrow', 'Starts today', 'Due today', 'Late', 'Done']);
});

test('B4: rejections: required, value without currency, progress and money bounds, dates, other customer 404', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  expectError(await a.post(P(cust.id), { start_date: day(0) }), 400, 'required', 'name');
  expectError(await a.post(P(cust.id), { name: 'X' }), 400, 'required', 'start_date');
  expectError(await a.post(P(cust.id), { name: 'X', start_date: day(0), value_minor: 5 }), 400, 'required', 'currency');
  expectError(await a.post(P(cust.id), { name: 'X', start_date: day(0), currency: 'EUR' }), 400, 'required', 'value_minor');
  expectError(await a.post(P(cust.id), { name: 'X', start_date: day(0), progress: 101 }), 400, undefined, 'progress');
  expectError(await a.post(P(cust.id), { name: 'X', start_date: day(0), value_minor: 1e13, currency: 'EUR' }), 400, undefined, 'value_minor');
  expectError(await a.post(P(cust.id), { name: 'X', start_date: day(0), due_date: day(-1) }), 400, 'invalid_range', 'due_date');
  const p = expectOk(await a.post(P(cust.id), { name: 'Mine', start_date: day(0) }), 201);
  expectError(await a.get(`${P(other.id)}/${p.id}`), 404, 'not_found');
  expectError(await a.patch(`${P(other.id)}/${p.id}`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${P(other.id)}/${p.id}`), 404, 'not_found');
  expectError(await a.patch(`${P(cust.id)}/${p.id}`, { name: 'x' }, { ifMatch: '"7"' }), 409, 'version_conflict');
  expectError(await (await makeUser('read_only')).del(`${P(cust.id)}/${p.id}`), 403, 'forbidden');
});
