// Invoices and batches (B2): integer minor units plus currency, draft ->
// sent -> paid as audited verbs, overdue derived from the due date,
// search by number or batch, and the customer's invoiced and open sums
// kept on write (H4) per currency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql, uniq } from './lib.mjs';

const I = (id) => `/api/v1/customers/${id}/invoices`;
const day = (n) => sql(`SELECT UTC_DATE() + INTERVAL ${n} DAY`);
const counts = (id) => Object.fromEntries(sql(`SELECT name, n FROM customer_counts WHERE customer_id = ${id}`)
  .split('\n').filter(Boolean).map((l) => { const [k, v] = l.split('\t'); return [k, Number(v)]; }));

async function invoice(a, cust, fields = {}) {
  return expectOk(await a.post(I(cust.id), {
    number: uniq('INV'), issue_date: day(0), due_date: day(30), currency: 'EUR', total_minor: 10000, ...fields,
  }), 201);
}

test('B2: create a draft, read it, edit it, delete it; counts and audit', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const number = uniq('INV');
  const r = await a.post(I(cust.id), { number, issue_date: day(0), due_date: day(14), currency: 'EUR', total_minor: 123456 });
  const inv = expectOk(r, 201);
  assert.equal(r.headers.get('location'), `${I(cust.id)}/${inv.id}`);
  assert.deepEqual([inv.number, inv.status, inv.currency, inv.total_minor, inv.paid_minor, inv.open_minor],
    [number, 'draft', 'EUR', 123456, 0, 0]);
  assert.deepEqual(expectOk(await a.get(`${I(cust.id)}/${inv.id}`)), inv);
  assert.equal(counts(cust.id).invoices, 1);
  const edited = expectOk(await a.patch(`${I(cust.id)}/${inv.id}`, { total_minor: 200000 }, { ifMatch: '"1"' }));
  assert.equal(edited.total_minor, 200000);
  assert.equal((await a.del(`${I(cust.id)}/${inv.id}`)).status, 204);
  assert.equal(counts(cust.id).invoices, 0);
  assert.deepEqual(sql(`SELECT action FROM audit_log WHERE object_type = 'invoice' AND object_id = ${inv.id} ORDER BY id`).split('\n'),
    ['invoice.created', 'invoice.updated', 'invoice.deleted']);
});

test('B2: rejections: number unique in the workspace, currency, money bounds, dates, other customer 404', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const inv = await invoice(a, cust);
  expectError(await a.post(I(other.id), { number: inv.number, issue_date: day(0), currency: 'EUR', total_minor: 1 }),
    409, 'duplicate_number', 'number');
  const base = { number: uniq('INV'), issue_date: day(0), total_minor: 1 };
  expectError(await a.post(I(cust.id), { ...base, currency: 'eur' }), 400, 'invalid_choice', 'currency');
  expectError(await a.post(I(cust.id), { ...base, currency: 'XXY' }), 400, 'invalid_choice', 'currency');
  expectError(await a.post(I(cust.id), base), 400, 'required', 'currency');
  expectError(await a.post(I(cust.id), { ...base, currency: 'EUR', total_minor: 1000000000001 }), 400, undefined, 'total_minor');
  expectError(await a.post(I(cust.id), { ...base, currency: 'EUR', total_minor: 12.5 }), 400, undefined, 'total_minor');
  expectError(await a.post(I(cust.id), { ...base, currency: 'EUR', total_minor: -1 }), 400, undefined, 'total_minor');
  expectError(await a.post(I(cust.id), { ...base, currency: 'EUR', due_date: day(-1) }), 400, 'invalid_range', 'due_date');
  expectError(await a.post(I(cust.id), { ...base, currency: 'EUR', batch_id: 999999999 }), 400, 'unknown_reference', 'batch_id');
  expectError(await a.post(I(cust.id), { number: uniq('INV'), currency: 'EUR', total_minor: 1 }), 400, 'required', 'issue_date');
  const p = `${I(other.id)}/${inv.id}`;
  expectError(await a.get(p), 404, 'not_found');
  expectError(await a.patch(p, { total_minor: 1 }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(p), 404, 'not_found');
  expectError(await a.post(`${p}/send`), 404, 'not_found');
  expectError(await a.post(`${p}/pay`, { amount_minor: 1 }), 404, 'not_found');
  expectError(await (await makeUser('read_only')).post(`${I(cust.id)}/${inv.id}/send`), 403, 'forbidden');
});

test('B2: send, pay in parts, paid; no edit after sending; invoiced and open sums per currency', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const inv = await invoice(a, cust, { total_minor: 50000 });
  const usd = await invoice(a, cust, { currency: 'USD', total_minor: 700 });
  const p = `${I(cust.id)}/${inv.id}`;
  expectError(await a.post(`${p}/pay`, { amount_minor: 100 }), 422, 'invalid_transition');
  const sent = expectOk(await a.post(`${p}/send`));
  assert.deepEqual([sent.status, sent.open_minor], ['sent', 50000]);
  assert.ok(sent.sent_at);
  expectError(await a.post(`${p}/send`), 422, 'invalid_transition');
  expectError(await a.patch(p, { total_minor: 1 }, { ifMatch: `"${sent.version}"` }), 422, 'not_draft');
  expectError(await a.del(p), 422, 'not_draft');
  expectOk(await a.post(`${I(cust.id)}/${usd.id}/send`));
  let n = counts(cust.id);
  assert.deepEqual([n['invoiced_minor:EUR'], n['open_minor:EUR'], n['invoiced_minor:USD'], n['open_minor:USD']], [50000, 50000, 700, 700]);
  const part = expectOk(await a.post(`${p}/pay`, { amount_minor: 20000 }));
  assert.deepEqual([part.status, part.paid_minor, part.open_minor], ['sent', 20000, 30000]);
  expectError(await a.post(`${p}/pay`, { amount_minor: 30001 }), 422, 'overpayment', 'amount_minor');
  expectError(await a.post(`${p}/pay`, { amount_minor: 0 }), 400, undefined, 'amount_minor');
  expectError(await a.post(`${p}/pay`, {}), 400, 'required', 'amount_minor');
  const paid = expectOk(await a.post(`${p}/pay`, { amount_minor: 30000 }));
  assert.deepEqual([paid.status, paid.paid_minor, paid.open_minor], ['paid', 50000, 0]);
  assert.ok(paid.paid_at);
  expectError(await a.post(`${p}/pay`, { amount_minor: 1 }), 422, 'invalid_transition');
  n = counts(cust.id);
  assert.deepEqual([n['invoiced_minor:EUR'], n['open_minor:EUR'], n['open_minor:USD']], [50000, 0, 700]);
  assert.deepEqual(sql(`SELECT action FROM audit_log WHERE object_type = 'invoice' AND object_id = ${inv.id} ORDER BY id`).split('\n'),
    ['invoice.created', 'invoice.sent', 'invoice.paid', 'invoice.paid']);
  assert.match(sql(`SELECT summary FROM timeline_events WHERE kind = 'invoice.paid' AND object_id = ${inv.id} ORDER BY id LIMIT 1`),
    /^Payment received: 200\.00 EUR on invoice INV-/);
  // The sums kept on write are the sums of the rows.
  assert.equal(sql(`SELECT SUM(total_minor - paid_minor) FROM invoices WHERE customer_id = ${cust.id} AND status <> 'draft' AND currency = 'USD'`), '700');
});

test('B2: a retried payment with the same Idempotency-Key is applied once', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const inv = await invoice(a, cust, { total_minor: 9000 });
  const p = `${I(cust.id)}/${inv.id}`;
  expectOk(await a.post(`${p}/send`));
  const key = uniq('pay');
  const first = await a.post(`${p}/pay`, { amount_minor: 4000 }, { headers: { 'Idempotency-Key': key } });
  const again = await a.post(`${p}/pay`, { amount_minor: 4000 }, { headers: { 'Idempotency-Key': key } });
  assert.equal(expectOk(first).paid_minor, 4000);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(expectOk(again), expectOk(first));
  assert.equal(expectOk(await a.get(p)).paid_minor, 4000);
  assert.equal(counts(cust.id)['open_minor:EUR'], 5000);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.paid' AND object_id = ${inv.id}`), '1');
  expectError(await a.post(`${p}/pay`, { amount_minor: 1 }, { headers: { 'Idempotency-Key': key } }), 422);
});

test('B2: overdue is a sent invoice past its due date, derived at read time around today', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const mk = async (due, send) => {
    const inv = await invoice(a, cust, { issue_date: day(-40), due_date: due });
    return send ? expectOk(await a.post(`${I(cust.id)}/${inv.id}/send`)) : inv;
  };
  assert.equal((await mk(day(-1), true)).status, 'overdue');
  assert.equal((await mk(day(0), true)).status, 'sent', 'due today is not overdue yet');
  assert.equal((await mk(day(-10), false)).status, 'draft', 'a draft is never overdue');
  assert.equal(expectOk(await a.get(`${I(cust.id)}?status=overdue`)).length, 1);
  assert.equal(expectOk(await a.get(`${I(cust.id)}?status=sent`)).length, 1);
  // The badge's count (H3) reads the index invoices_overdue.
  const q = `SELECT COUNT(*) FROM invoices WHERE customer_id = ${cust.id} AND status = 'sent' AND due_date < UTC_DATE()`;
  assert.equal(sql(q), '1');
  assert.match(sql(`EXPLAIN ${q}`), /invoices_overdue/);
  // Tomorrow (as if): the one due today is overdue too.
  sql(`UPDATE invoices SET due_date = due_date - INTERVAL 1 DAY WHERE customer_id = ${cust.id} AND due_date = UTC_DATE()`);
  assert.equal(expectOk(await a.get(`${I(cust.id)}?status=overdue`)).length, 2);
});

test('B2: batches; search by number or batch name; newest first with keyset paging', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const name = uniq('Run');
  const batch = expectOk(await a.post('/api/v1/invoice-batches', { name }), 201);
  assert.equal(batch.name, name);
  expectError(await a.post('/api/v1/invoice-batches', { name }), 409, 'duplicate_name', 'name');
  expectError(await a.post('/api/v1/invoice-batches', {}), 400, 'required', 'name');
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await invoice(a, cust, { issue_date: day(-i), ...(i % 2 ? { batch_id: batch.id } : {}) })).id);
  }
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`${I(cust.id)}?limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.id));
    next = r.body.next;
  } while (next);
  assert.deepEqual(seen, ids, 'newest issue date first');
  const inBatch = expectOk(await a.get(`${I(cust.id)}?q=${encodeURIComponent(name)}`));
  assert.deepEqual(inBatch.map((x) => x.id), [ids[1], ids[3]]);
  assert.equal(inBatch[0].batch_name, name);
  assert.deepEqual(expectOk(await a.get(`${I(cust.id)}?batch_id=${batch.id}`)).map((x) => x.id), [ids[1], ids[3]]);
  const number = expectOk(await a.get(`${I(cust.id)}/${ids[2]}`)).number;
  assert.deepEqual(expectOk(await a.get(`${I(cust.id)}?q=${number}`)).map((x) => x.id), [ids[2]]);
  const listed = expectOk(await a.get(`/api/v1/invoice-batches?q=${encodeURIComponent(name)}`));
  assert.deepEqual(listed.map((x) => [x.id, x.invoices]), [[batch.id, 2]]);
  expectError(await a.get(`${I(cust.id)}?status=late`), 400, 'invalid_choice', 'status');
});
