// The palette (H2, issue 11) on a slow network: Enter acts on the answer
// when it arrives; results tell similar names apart; Ctrl+K during an
// inline edit neither saves nor loses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, base, unique, apiCreateCustomer, checkAccessible } from './lib.mjs';

const LATENCY_MS = 400;
let browser;
let page;
let csrf;
const problems = [];

before(async () => { ({ browser, page, csrf } = await start(problems)); });
after(async () => { await browser?.close(); });

async function slowSearch() {
  await page.route('**/api/v1/search?*', async (route) => {
    await new Promise((r) => setTimeout(r, LATENCY_MS));
    await route.continue();
  });
}

test(`Enter typed before the search has answered (${LATENCY_MS} ms) opens the first result, 3 of 3`, async () => {
  await slowSearch();
  try {
    let searches = 0;
    const count = (r) => { if (new URL(r.url()).pathname === '/api/v1/search') searches++; };
    page.on('request', count);
    for (let i = 0; i < 3; i++) {
      const customer = await apiCreateCustomer(page, csrf, { name: unique(`Latency Co ${i}`) });
      searches = 0;
      await page.goto(`${base}/customers`);
      await page.getByTestId('new-customer').waitFor();
      await page.keyboard.press('Control+k');
      await page.getByTestId('palette-input').waitFor();
      await page.keyboard.type(customer.name);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/customers/${customer.id}`);
      await page.getByTestId('hub-name').filter({ hasText: customer.name }).waitFor();
      assert.equal(searches, 1, 'Enter asks once; the pending search from typing is dropped');
    }
    page.off('request', count);
  } finally {
    await page.unroute('**/api/v1/search?*');
  }
  assert.deepEqual(problems, []);
});

test('two customers of the same name are told apart by city and rank', async () => {
  const name = unique('Northwind');
  await apiCreateCustomer(page, csrf, { name, city: 'Oslo', rank: 'A' });
  await apiCreateCustomer(page, csrf, { name, city: 'Bergen' });
  await page.goto(`${base}/customers`);
  await page.getByTestId('new-customer').waitFor();
  await page.keyboard.press('Control+k');
  await page.keyboard.type(name);
  const rows = page.getByTestId('palette-result').filter({ hasText: name });
  await rows.nth(1).waitFor();
  const texts = (await rows.allTextContents()).sort();
  assert.deepEqual(texts, [`${name} · Bergen`, `${name} · OsloA`].sort());
  await checkAccessible(page, 'palette with two similar names');
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
});

test('Ctrl+K during an inline edit does not save it; the edit is still there after Esc', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Edit Co'), address_line1: '1 Main St' });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('field-address_line1').click();
  await page.getByTestId('field-address_line1-input').fill('2 Half Typed Rd');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('palette-input').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('field-address_line1-input').inputValue(), '2 Half Typed Rd');
  const saved = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
  assert.equal(saved.data.address_line1, '1 Main St', 'nothing saved');
  assert.deepEqual(problems, []);
});

test('Esc closes the add-location form and returns to its summary', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Esc Co') });
  await page.goto(`${base}/customers/${customer.id}/locations`);
  const summary = page.locator('summary', { hasText: 'Add location' });
  await summary.click();
  await page.getByTestId('location-name').fill('Draft');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('details.add-location').evaluate((d) => d.open), false);
  assert.equal(await summary.evaluate((s) => s === document.activeElement), true);
  assert.deepEqual(problems, []);
});
