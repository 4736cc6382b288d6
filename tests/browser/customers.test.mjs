// C1, C2, C3, C7, H1, H2 in the browser: create, find with the palette,
// edit inline, archive; hostile names stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, base, unique, apiSession, apiCreateCustomer } from './lib.mjs';

let browser;
let page;
const problems = [];
const name = unique('Test Customer');
let hubUrl;

before(async () => {
  browser = await launch();
  page = await newPage(browser, problems);
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
});
after(async () => { await browser?.close(); });

async function paletteSearch(text) {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await input.waitFor();
  assert.equal(await input.evaluate((e) => e === document.activeElement), true, 'palette input has focus');
  await page.keyboard.type(text);
  await page.getByTestId('palette-result').filter({ hasText: text }).first().waitFor();
}

test('create a customer with the New customer dialog', async () => {
  await page.getByTestId('new-customer').click();
  await page.getByTestId('new-customer-name').fill(name);
  await page.getByTestId('new-customer-submit').click();
  await page.waitForURL(/\/customers\/\d+$/);
  hubUrl = page.url();
  assert.equal(await page.getByTestId('hub-name').textContent(), name);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(problems, []);
});

test('a duplicate name asks before creating', async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId('new-customer').click();
  await page.getByTestId('new-customer-name').fill(name.toUpperCase());
  await page.getByTestId('new-customer-submit').click();
  const warning = page.getByTestId('new-customer-error');
  await warning.waitFor();
  assert.match(await warning.textContent(), /already exists/);
  assert.equal(new URL(page.url()).pathname, '/customers', 'not created yet');
  await page.keyboard.press('Escape');
  await page.locator('dialog').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
});

test('Ctrl+K finds the customer with the keyboard only and opens its hub', async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  await paletteSearch(name);
  await page.keyboard.press('Enter');
  await page.waitForURL(hubUrl);
  assert.equal(await page.getByTestId('hub-name').textContent(), name);
  assert.equal(await page.locator('dialog[open]').count(), 0, 'palette closed');
  // Escape closes the palette too.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('palette-input').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
});

test('edit the phone inline; it is saved', async () => {
  await page.goto(hubUrl);
  const phone = page.getByTestId('field-phone');
  await phone.focus();
  await page.keyboard.press('Enter');
  const input = page.getByTestId('field-phone-input');
  await input.waitFor();
  await input.fill('+44 20 7946 0018');
  await page.keyboard.press('Enter');
  await page.getByTestId('field-phone').filter({ hasText: '+44 20 7946 0018' }).waitFor();
  await page.reload();
  await page.getByTestId('field-phone').filter({ hasText: '+44 20 7946 0018' }).waitFor();
  // The audit log shows the change.
  await page.getByTestId('audit-row').filter({ hasText: '+44 20 7946 0018' }).first().waitFor();

  // Escape cancels without saving.
  await page.getByTestId('field-phone').click();
  await page.getByTestId('field-phone-input').fill('999');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('field-phone').textContent(), '+44 20 7946 0018');
  assert.deepEqual(problems, []);
});

test('archive: gone from the default list, shown under Archived, still in the palette', async () => {
  await page.goto(hubUrl);
  await page.getByTestId('archive').click();
  await page.getByTestId('archived-badge').waitFor();
  await page.getByTestId('unarchive').waitFor();

  await page.goto(`${base}/customers?q=${encodeURIComponent(name)}`);
  await page.getByText('No customers match these filters.').waitFor();
  assert.equal(await page.getByTestId('customer-row').count(), 0);

  await page.getByTestId('filter-status').selectOption('archived');
  const row = page.getByTestId('customer-row').filter({ hasText: name });
  await row.waitFor();
  await row.getByTestId('archived-badge').waitFor();
  assert.match(page.url(), /status=archived/);
  // Back restores the previous filters.
  await page.goBack();
  await page.getByText('No customers match these filters.').waitFor();
  assert.equal(await page.getByTestId('filter-status').inputValue(), 'active');

  await paletteSearch(name);
  const result = page.getByTestId('palette-result').filter({ hasText: name }).first();
  assert.match(await result.textContent(), /\(archived\)/);
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
});

test('a hostile customer name renders as text everywhere', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: hostile });
  const noImg = async () => assert.equal(
    await page.evaluate(() => document.querySelectorAll('img[src="x"], img').length), 0);

  await page.goto(`${base}/customers?q=${encodeURIComponent('<img src=x')}`);
  await page.getByRole('link', { name: hostile, exact: true }).first().waitFor();
  await noImg();

  await page.goto(`${base}/customers/${customer.id}`);
  assert.equal(await page.getByTestId('hub-name').textContent(), hostile);
  await noImg();

  await paletteSearch('<img src=x');
  await noImg();
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
});
