// Billing settings (B3): defaults at version 0 until saved, PUT replaces
// them under If-Match, audited; invoices take their currency and due date
// from them; recent invoices come with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql, uniq } from './lib.mjs';

const B = (id) => `/api/v1/customers/${id}/billing`;

test('B3: defaults, then a PUT with If-Match "0", then edits; audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const r = await a.get(B(cust.id));
  const d = expectOk(r);
  assert.equal(r.headers.get('etag'), '"0"');
  assert.deepEqual([d.currency, d.hourly_rate_minor, d.auto_billing, d.payment_terms_days, d.recent_invoices],
    [null, null, false, null, []]);
  const body = {
    currency: 'EUR', hourly_rate_minor: 9500, device_rate_minor: 1200, auto_billing: true, payment_terms_days: 14,
    invoice_email: 'AP@Example.com', po_number: 'PO-77', tax_id: 'DE123456789',
  };
  expectError(await a.put(B(cust.id), body), 428, 'if_match_required');
  const saved = await a.put(B(cust.id), body, { ifMatch: '"0"' });
  const s = expectOk(saved);
  assert.equal(saved.headers.get('etag'), '"1"');
  assert.deepEqual([s.currency, s.hourly_rate_minor, s.device_rate_minor, s.auto_billing, s.payment_terms_days, s.invoice_email, s.po_number, s.tax_id],
    ['EUR', 9500, 1200, true, 14, 'ap@example.com', 'PO-77', 'DE123456789']);
  expectError(await a.put(B(cust.id), body, { ifMatch: '"0"' }), 409, 'version_conflict');
  // PUT replaces: what is not sent goes back to its default.
  const next = expectOk(await a.put(B(cust.id), { currency: 'USD' }, { ifMatch: '"1"' }));
  assert.deepEqual([next.currency, next.hourly_rate_minor, next.auto_billing, next.version], ['USD', null, false, 2]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'billing.updated' AND customer_id = ${cust.id}`), '2');
});

test('B3: an invoice takes currency and due date from the settings; recent invoices are listed', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectOk(await a.put(B(cust.id), { currency: 'CHF', payment_terms_days: 10 }, { ifMatch: '"0"' }));
  const issue = sql('SELECT UTC_DATE() - INTERVAL 3 DAY');
  const inv = expectOk(await a.post(`/api/v1/customers/${cust.id}/invoices`,
    { number: uniq('INV'), issue_date: issue, total_minor: 5000 }), 201);
  assert.equal(inv.currency, 'CHF');
  assert.equal(inv.due_date, sql(`SELECT '${issue}' + INTERVAL 10 DAY`));
  const other = await makeCustomer();
  const dflt = expectOk(await a.post(`/api/v1/customers/${other.id}/invoices`,
    { number: uniq('INV'), issue_date: '2024-02-20', currency: 'EUR', total_minor: 1 }), 201);
  assert.equal(dflt.due_date, '2024-03-21', 'thirty days by default, across a leap day');
  assert.deepEqual(expectOk(await a.get(B(cust.id))).recent_invoices.map((x) => x.id), [inv.id]);
});

test('B3: rejections: bad currency, negative rate, terms bound, bad email, other roles', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectError(await a.put(B(cust.id), { currency: 'EURO' }, { ifMatch: '"0"' }), 400, 'invalid_choice', 'currency');
  expectError(await a.put(B(cust.id), { hourly_rate_minor: -1 }, { ifMatch: '"0"' }), 400, undefined, 'hourly_rate_minor');
  expectError(await a.put(B(cust.id), { payment_terms_days: 366 }, { ifMatch: '"0"' }), 400, undefined, 'payment_terms_days');
  expectError(await a.put(B(cust.id), { invoice_email: 'nope' }, { ifMatch: '"0"' }), 400, undefined, 'invoice_email');
  expectError(await a.get(B(999999999)), 404, 'not_found');
  expectError(await (await makeUser('read_only')).put(B(cust.id), {}, { ifMatch: '"0"' }), 403, 'forbidden');
  assert.equal(sql(`SELECT COUNT(*) FROM billing_settings WHERE customer_id = ${cust.id}`), '0');
});
