// The hub's Assets (D4-D6), Contracts & invoices (B1, B2) and Projects (B4)
// tabs: lifecycle badges, group_by and a CSV import naming its bad row;
// contract hours and the default contract; invoice money from minor units,
// send and pay, and the header badge changing once an invoice becomes
// overdue; projects with their value; every state at 360 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, signedInPage, base, unique, apiSession, apiCreateCustomer, apiPost, checkAccessible,
} from './lib.mjs';
import { sql } from '../api/lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  page = await signedInPage(browser, problems);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

const post = (path, data) => apiPost(page, csrf, path, data);

async function openTab(customer, tab) {
  await page.goto(`${base}/customers/${customer.id}/${tab}`);
  await page.locator(`[data-testid="tab-panel"][data-tab="${tab}"]`).waitFor();
}

// YYYY-MM-DD, days from today (UTC, as the server counts).
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

test('D6, D4: an expired warranty shows its badge; group by status; a CSV import names its bad row', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Lifecycle Co') });
  const cid = customer.id;
  await post(`/api/v1/customers/${cid}/assets`, { name: 'Old scanner', status: 'in_use', purchase_date: day(-1200), warranty_expiry: day(-10) });
  await post(`/api/v1/customers/${cid}/assets`, { name: 'New laptop', status: 'in_stock', purchase_date: day(-5), warranty_expiry: day(700) });
  await openTab(customer, 'assets');
  const old = page.getByTestId('assets-row').filter({ hasText: 'Old scanner' });
  await old.getByTestId('lifecycle-warranty_expired').waitFor();
  const fresh = page.getByTestId('assets-row').filter({ hasText: 'New laptop' });
  assert.equal(await fresh.getByTestId('lifecycle-warranty_expired').count(), 0, 'a valid warranty has no badge');
  await page.getByTestId('badge-expired_warranties').filter({ hasText: '1 expired warranty' }).waitFor();
  assert.equal(await page.getByTestId('assets-owned-export').getAttribute('href'), `/api/v1/customers/${cid}/assets/export`);
  await checkAccessible(page, 'assets tab with a lifecycle badge');

  await page.getByTestId('assets-owned-group').selectOption('status');
  await page.getByTestId('assets-owned-group-row').nth(1).waitFor();
  assert.deepEqual((await page.getByTestId('assets-owned-group-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).sort(),
    ['in_stock 1', 'in_use 1']);
  await checkAccessible(page, 'assets grouped by status');
  await page.getByTestId('assets-owned-group').selectOption('');

  const dir = mkdtempSync(join(tmpdir(), 'msphub-assets-'));
  const file = join(dir, 'assets.csv');
  writeFileSync(file, '\ufeffname,status,serial\r\nRack UPS,in_use,UPS-1\r\nBroken row,not_a_status,X-2\r\n');
  await page.locator('summary', { hasText: 'Import from CSV' }).click();
  await page.getByTestId('assets-owned-import-file').setInputFiles(file);
  await page.getByTestId('assets-owned-import-submit').click();
  const rejected = page.getByTestId('import-rejected');
  await rejected.waitFor();
  assert.equal(await rejected.getAttribute('data-line'), '3');
  await page.getByTestId('assets-row').filter({ hasText: 'Rack UPS' }).waitFor();
  await page.getByTestId('tab-count-assets').filter({ hasText: '3' }).waitFor();
  await checkAccessible(page, 'assets tab after an import');
  assert.deepEqual(problems, []);
});

test('B1, B4: contracts show status and hours consumed / remaining / overage and the default; projects their value', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Contract Co') });
  const cid = customer.id;
  const k = await post(`/api/v1/customers/${cid}/contracts`, {
    name: 'Managed services', type: 'block', start_date: day(-30), end_date: day(335), included_minutes: 120, is_default: true,
  });
  await post(`/api/v1/customers/${cid}/time-entries`, { date: day(-1), minutes: 150, contract_id: k.id });
  await post(`/api/v1/customers/${cid}/projects`, { name: 'Server refresh', start_date: day(-3), due_date: day(30), value_minor: 1250000, currency: 'GBP' });
  await openTab(customer, 'contracts');
  const row = page.getByTestId('contracts-row').filter({ hasText: 'Managed services' });
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(2).map((t) => t.trim()).filter((t, i) => i === 0 || i >= 3), ['active', '2 h', '2.5 h', '0 h', '0.5 h']);
  await row.getByTestId('contract-default').waitFor();
  await page.getByTestId('empty-invoices').waitFor();
  await checkAccessible(page, 'contracts & invoices tab with a contract');

  await page.getByTestId('tab-projects').click();
  const p = page.getByTestId('projects-row').filter({ hasText: 'Server refresh' });
  await p.waitFor();
  assert.match(await p.innerText(), /£12,500\.00/);
  assert.match(await p.innerText(), /active/);
  await checkAccessible(page, 'projects tab with a project');
  assert.deepEqual(problems, []);
});

test('B2, H3: send an invoice due tomorrow, no overdue badge; once its due date passes, reload shows the badge; a payment clears it', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Overdue Co') });
  const cid = customer.id;
  const number = unique('INV').replace(/\W/g, '-');
  const inv = await post(`/api/v1/customers/${cid}/invoices`, {
    number, issue_date: day(0), due_date: day(1), currency: 'EUR', total_minor: 123456,
  });
  await openTab(customer, 'contracts');
  const row = page.getByTestId('invoices-row').filter({ hasText: number });
  await row.waitFor();
  assert.match(await row.innerText(), /€1,234\.56/, 'money from minor units and the currency');
  await row.getByTestId('invoice-send').click();
  await row.getByTestId('status-badge').filter({ hasText: 'sent' }).waitFor();
  assert.equal(await page.getByTestId('badge-overdue_invoices').count(), 0, 'due tomorrow: not overdue');

  sql(`UPDATE invoices SET due_date = UTC_DATE() - INTERVAL 1 DAY WHERE id = ${inv.id}`);
  await page.reload();
  await page.getByTestId('badge-overdue_invoices').filter({ hasText: '1 overdue invoice' }).waitFor();
  await row.getByTestId('status-badge').filter({ hasText: 'overdue' }).waitFor();
  await page.getByTestId('invoices-filter-status').selectOption('overdue');
  await page.getByTestId('invoices-row').filter({ hasText: number }).waitFor();
  await checkAccessible(page, 'invoices with an overdue one');

  await row.getByTestId('invoice-pay').click();
  assert.equal(await page.getByTestId('invoice-pay-amount').inputValue(), '1234.56');
  await checkAccessible(page, 'payment dialog');
  await page.getByTestId('invoice-pay-save').click();
  await page.getByTestId('invoice-pay-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('invoices-filter-status').selectOption('paid');
  await page.getByTestId('invoices-row').filter({ hasText: number }).getByTestId('status-badge').filter({ hasText: 'paid' }).waitFor();
  await page.getByTestId('badge-overdue_invoices').waitFor({ state: 'detached' });

  await page.getByTestId('invoices-filter-status').selectOption('');
  await page.getByTestId('invoices-search').fill(number.slice(-6));
  await page.getByTestId('invoices-row').filter({ hasText: number }).waitFor();
  assert.deepEqual(problems, []);
});
