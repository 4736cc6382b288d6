// The hub page as tabs (issue 8): each tab by its URL, counts in the bar,
// lists loaded only when their tab opens, WAI-ARIA arrow keys, each tab's
// empty state, contacts (add, CSV import with a bad row named, columns kept
// per user), the palette finding a contact; every tab at 360 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, signedInPage, base, unique, apiSession, apiCreateCustomer, checkAccessible,
} from './lib.mjs';

const TABS = ['overview', 'contacts', 'tickets', 'devices', 'assets', 'locations', 'contracts', 'projects', 'timeline', 'audit'];
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

async function openTab(customer, tab) {
  await page.goto(`${base}/customers/${customer.id}${tab === 'overview' ? '' : `/${tab}`}`);
  await page.getByTestId(`tab-${tab}`).and(page.locator('[aria-selected="true"]')).waitFor();
  await page.locator(`[data-testid="tab-panel"][data-tab="${tab}"]`).waitFor();
  await page.waitForLoadState('networkidle');
}

test('each tab opens by its URL, shows its empty state, and passes axe-core at 360 and 1440 px', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Empty Tabs Co') });
  const empties = {
    tickets: 'empty-tickets', contacts: 'empty-contacts', devices: 'empty-devices', assets: 'empty-assets-owned', locations: 'empty-locations',
    contracts: 'empty-contracts', projects: 'empty-projects',
  };
  for (const tab of TABS) {
    await openTab(customer, tab);
    assert.equal(await page.getByTestId('hub-name').textContent(), customer.name, `${tab} keeps the header`);
    assert.equal(await page.locator('[role="tab"][aria-selected="true"]').count(), 1);
    if (empties[tab]) {
      const empty = page.getByTestId(empties[tab]);
      await empty.waitFor();
      assert.match(await empty.textContent(), /\b(Add|add|Create|create|import|appear|show up|listed)\b/, `${tab}: the empty state says what to do`);
    }
    await checkAccessible(page, `hub tab ${tab}`);
  }
  assert.deepEqual(problems, []);
});

test('the overview loads no tab list; a tab loads its list only when opened; arrows move between tabs', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Lazy Co') });
  const seen = [];
  const listen = (r) => { if (r.url().includes('/api/')) seen.push(new URL(r.url()).pathname); };
  page.on('request', listen);
  try {
    await openTab(customer, 'overview');
    const lists = seen.filter((p) => /\/(contacts|tickets|locations|timeline|audit|devices|assets|contracts|invoices|projects)$/.test(p));
    assert.deepEqual(lists, [], 'no list before its tab opens');
    assert.ok(seen.includes(`/api/v1/customers/${customer.id}/summary`));

    await page.getByTestId('tab-overview').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`${base}/customers/${customer.id}/contacts`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'contacts');
    await page.getByTestId('empty-contacts').waitFor();
    assert.ok(seen.includes(`/api/v1/customers/${customer.id}/contacts`), 'the contacts list once its tab is open');
    await page.keyboard.press('End');
    await page.waitForURL(`${base}/customers/${customer.id}/audit`);
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`${base}/customers/${customer.id}`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'overview');
  } finally {
    page.off('request', listen);
  }
  assert.deepEqual(problems, []);
});

test('add a contact: the row, the tab count and the timeline show it', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Contact Co') });
  await openTab(customer, 'contacts');
  assert.equal(await page.getByTestId('tab-count-contacts').textContent(), '0');
  await page.getByTestId('contact-add').locator('summary').click();
  await page.getByTestId('contact-new-name').fill('Grace Hopper');
  await page.getByTestId('contact-new-email').fill('grace@hopper.example');
  await page.getByTestId('contact-new-submit').click();
  await page.getByTestId('contact-row').filter({ hasText: 'Grace Hopper' }).waitFor();
  await page.getByTestId('tab-count-contacts').filter({ hasText: '1' }).waitFor();
  await checkAccessible(page, 'contacts tab with a row and the add form open');

  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('timeline-row').filter({ hasText: 'Grace Hopper' }).first().waitFor();
  await page.getByTestId('timeline-kind').selectOption('location');
  await page.getByTestId('empty-timeline').waitFor();
  await page.getByTestId('timeline-kind').selectOption('contact');
  await page.getByTestId('timeline-row').first().waitFor();
  assert.equal(await page.getByTestId('timeline-row').evaluateAll((rs) => rs.every((r) => r.dataset.kind.startsWith('contact.'))), true);
  assert.deepEqual(problems, []);
});

test('import a CSV with one bad row: good rows kept, the bad row named by its line', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Import Co') });
  const dir = mkdtempSync(join(tmpdir(), 'msphub-csv-'));
  const file = join(dir, 'contacts.csv');
  writeFileSync(file, '\ufeffname,email\r\nAda Lovelace,ada@example.com\r\nBad Row,not-an-email\r\nAlan Turing,alan@example.com\r\n');
  await openTab(customer, 'contacts');
  await page.locator('summary', { hasText: 'Import from CSV' }).click();
  await page.getByTestId('contact-import-file').setInputFiles(file);
  await page.getByTestId('contact-import-submit').click();
  const rejected = page.getByTestId('import-rejected');
  await rejected.waitFor();
  assert.equal(await rejected.count(), 1);
  assert.equal(await rejected.getAttribute('data-line'), '3');
  assert.match(await rejected.textContent(), /^Line 3: /);
  await page.getByTestId('contact-row').filter({ hasText: 'Alan Turing' }).waitFor();
  assert.equal(await page.getByTestId('contact-row').count(), 2);
  await page.getByTestId('tab-count-contacts').filter({ hasText: '2' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the column choice is kept for the user across reloads', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Columns Co') });
  await page.request.post(`${base}/api/v1/customers/${customer.id}/contacts`, {
    data: { name: 'Col Umn', email: 'col@example.com', mobile: '+1 555 0111' }, headers: { 'X-CSRF-Token': csrf },
  });
  const original = (await (await page.request.get(`${base}/api/v1/users/me/preferences/contact-columns`)).json()).data;
  try {
    await openTab(customer, 'contacts');
    await page.getByTestId('contact-row').first().waitFor();
    await page.locator('.columns-chooser summary').click();
    if (!(await page.getByTestId('column-mobile').isChecked())) await page.getByTestId('column-mobile').check();
    if (await page.getByTestId('column-job_title').isChecked()) await page.getByTestId('column-job_title').uncheck();
    await page.locator('td[data-col="mobile"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.getByTestId('contact-row').first().waitFor();
    assert.equal(await page.locator('td[data-col="mobile"]').first().textContent(), '+1 555 0111');
    assert.equal(await page.locator('td[data-col="job_title"]').count(), 0);
  } finally {
    await page.request.put(`${base}/api/v1/users/me/preferences/contact-columns`, {
      data: original ?? ['name', 'job_title', 'email', 'phone', 'status'], headers: { 'X-CSRF-Token': csrf },
    });
  }
  assert.deepEqual(problems, []);
});

test('the palette finds a contact by email, grouped apart from customers, and opens its contacts tab', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Palette Co') });
  const mail = `${unique('pal').replace(/\W/g, '')}@palette.example`;
  await page.request.post(`${base}/api/v1/customers/${customer.id}/contacts`, {
    data: { name: 'Pat Palette', email: mail }, headers: { 'X-CSRF-Token': csrf },
  });
  await page.goto(`${base}/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.type(mail);
  const hit = page.getByTestId('palette-group-contacts').getByTestId('palette-result').filter({ hasText: 'Pat Palette' });
  await hit.waitFor();
  assert.equal(await page.getByTestId('palette-group-customers').count(), 0, 'no customer matches that email');
  await checkAccessible(page, 'palette with grouped results');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/customers/${customer.id}/contacts`);
  await page.getByTestId('contact-row').filter({ hasText: 'Pat Palette' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the assets tab lists what the customer owns once its count says there is one', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Asset Co') });
  const res = await page.request.post(`${base}/api/v1/customers/${customer.id}/assets`, {
    data: { name: 'Rental laptop', status: 'in_use' }, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 201, await res.text());
  await openTab(customer, 'assets');
  assert.equal(await page.getByTestId('tab-count-assets').textContent(), '1');
  await page.getByTestId('assets-row').filter({ hasText: 'Rental laptop' }).waitFor();
  await page.getByTestId('empty-assets-located').waitFor();
  await checkAccessible(page, 'assets tab with a row');
  assert.deepEqual(problems, []);
});
