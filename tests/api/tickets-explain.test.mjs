// Ticket lists that scale (T2): the statements lib/filter.c assembles for
// the common ticket lists read an index that also gives the order, newest
// first (no full scan, no filesort), on thousands of tickets.
// tests/filter/filter-sql prints the statement of a combination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainRow, filterStatement, makeCustomer, makeUser, sql } from './lib.mjs';

const STATUSES = ['open', 'pending', 'resolved', 'closed'];



test('T2: the default, status and assignee lists use an index that gives newest first', async () => {
  const cust = await makeCustomer();
  const others = [await makeCustomer(), await makeCustomer()];
  const tech = await makeUser('technician');
  const fill = (customer, n) => sql(`INSERT INTO tickets (number, customer_id, subject, status, spam,
      assignee_id, created_at, updated_at)
    SELECT CONCAT('X-', ${customer}, '-', seq), ${customer}, CONCAT('Load ', seq),
      ELT(1 + seq % 4, ${STATUSES.map((s) => `'${s}'`).join(', ')}), seq % 25 = 0,
      IF(seq % 7 = 0, ${tech.id}, NULL), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_${n}`);
  fill(cust.id, 1200);
  for (const o of others) fill(o.id, 1200);
  sql('ANALYZE TABLE tickets PERSISTENT FOR ALL');
  const cases = [
    [['customer_id', 'open', 'spam'], [cust.id, 0, 51], 'tickets_by_customer_queue'],
    [['customer_id', 'status', 'spam'], [cust.id, 'resolved', 0, 51], 'tickets_by_customer'],
    [['open', 'spam'], [0, 51], 'tickets_by_queue'],
    [['status', 'spam'], ['closed', 0, 51], 'tickets_by_status'],
    [['open', 'spam', 'assignee_id'], [0, tech.id, 51], 'tickets_by_assignee'],
    [['customer_id', 'open', 'spam', 'after'], [cust.id, 0, null, 900, 51], 'tickets_by_customer_queue'],
    [['open', 'spam', 'unassigned'], [0, 51], 'tickets_by_customer_queue'],
  ];
  for (const [filters, values, index] of cases) {
    const plan = explainRow(filterStatement('tickets', ...filters), values, 't');
    assert.equal(plan.key, index, `${filters}: ${JSON.stringify(plan)}`);
    assert.ok(['ref', 'range'].includes(plan.type), `${filters}: not a full scan (${plan.type})`);
    assert.doesNotMatch(plan.extra, /filesort/, `${filters}: ${plan.extra}`);
  }
  // Leave the counts test a consistent table: the load rows go.
  sql(`DELETE FROM tickets WHERE number LIKE 'X-%'`);
});
