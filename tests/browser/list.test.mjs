// The customer list as a technician triages with it (C2, issue 11): column
// headers sort with a direction, the total is shown, Load more moves focus
// to the first new row, and Back from a hub restores the rows loaded and
// the scroll position.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, base, unique, apiCreateCustomer, checkAccessible } from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];
const tag = unique('Triage').replace(/ /g, '-');
const COUNT = 53;

before(async () => {
  ({ browser, page, csrf } = await start(problems));
  for (let i = 0; i < COUNT; i++) {
    await apiCreateCustomer(page, csrf, { name: `${tag} ${String(i).padStart(2, '0')}`, rank: i % 2 ? 'A' : 'B' });
  }
});
after(async () => { await browser?.close(); });

const names = () => page.getByTestId('customer-row').locator('a').allTextContents();

test('C2: the total, Load more focusing the first new row, and Back restoring rows and scroll', async () => {
  await page.goto(`${base}/customers?q=${encodeURIComponent(tag)}`);
  await page.getByTestId('customer-total').filter({ hasText: `${COUNT} customers` }).waitFor();
  assert.equal(await page.getByTestId('customer-row').count(), 50);
  await page.getByTestId('load-more').click();
  await page.getByTestId('customer-row').nth(COUNT - 1).waitFor();
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, `${tag} 50`, 'focus on the first new row');
  await checkAccessible(page, 'customer list with a total');

  // Open the last customer, then come Back.
  await page.getByTestId('customer-row').nth(COUNT - 1).locator('a').scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.getByTestId('customer-row').nth(COUNT - 1).locator('a').click();
  await page.getByTestId('hub-name').filter({ hasText: `${tag} ${COUNT - 1}` }).waitFor();
  let listRequests = 0;
  const count = (r) => { if (new URL(r.url()).pathname === '/api/v1/customers') listRequests++; };
  page.on('request', count);
  await page.goBack();
  await page.getByTestId('customer-row').nth(COUNT - 1).waitFor();
  assert.equal(await page.getByTestId('customer-row').count(), COUNT, 'every loaded row is back');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled);
  page.off('request', count);
  assert.equal(listRequests, 0, 'restored without asking the API again');
  assert.deepEqual(problems, []);
});

test('C2: column headers sort, again reverses, and say so to screen readers', async () => {
  await page.goto(`${base}/customers?q=${encodeURIComponent(tag)}`);
  await page.getByTestId('customer-row').first().waitFor();
  const nameHeader = page.locator('th', { has: page.getByTestId('sort-name') });
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
  assert.equal((await names())[0], `${tag} 00`);
  await page.getByTestId('sort-name').click();
  await page.waitForURL(/sort=-name/);
  await page.getByTestId('customer-row').first().filter({ hasText: `${tag} ${COUNT - 1}` }).waitFor();
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
  await page.getByTestId('sort-rank').click();
  await page.waitForURL(/sort=rank/);
  await page.getByTestId('customer-row').first().locator('.badge', { hasText: 'A' }).waitFor();
  assert.equal(await page.locator('th', { has: page.getByTestId('sort-rank') }).getAttribute('aria-sort'), 'ascending');
  assert.equal(await nameHeader.getAttribute('aria-sort'), null);
  assert.equal(await page.getByTestId('filter-sort').inputValue(), 'rank');
  await checkAccessible(page, 'customer list sorted by rank');
  assert.deepEqual(problems, []);
});
