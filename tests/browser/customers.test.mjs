// C1, C2, C3, C7, C8, H1, H2, L1 in the browser: create, find with the
// palette, edit inline, archive, delete; edit and delete locations; hostile
// names stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signedInPage, base, unique, apiSession, apiCreateCustomer, apiCreateLocation,
} from './lib.mjs';

let browser;
let page;
const problems = [];
const name = unique('Test Customer');
let hubUrl;

before(async () => {
  browser = await launch();
  page = await signedInPage(browser, problems);
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
  const warning = page.getByTestId('new-customer-dialog-error');
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
  // The audit tab shows the change.
  await page.getByTestId('tab-audit').click();
  await page.getByTestId('audit-row').filter({ hasText: '+44 20 7946 0018' }).first().waitFor();
  await page.getByTestId('tab-overview').click();

  // Escape cancels without saving.
  await page.getByTestId('field-phone').click();
  await page.getByTestId('field-phone-input').fill('999');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('field-phone').textContent(), '+44 20 7946 0018');
  assert.deepEqual(problems, []);
});

test('archive: gone from the default list, shown under Archived, still in the palette', async () => {
  await page.goto(hubUrl);
  await page.getByTestId('hub-actions-toggle').click();
  await page.getByTestId('archive').click();
  await page.getByTestId('archived-badge').waitFor();
  await page.getByTestId('unarchive').waitFor({ state: 'attached' });

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

test('edit a location: its status becomes closed and stays so after reload', async () => {
  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Location Edit Co') });
  const loc = await apiCreateLocation(page, csrf, customer.id, { name: 'Head office', city: 'Leeds' });
  await page.goto(`${base}/customers/${customer.id}/locations`);
  const row = page.getByTestId('location-row').filter({ hasText: 'Head office' });
  await row.getByTestId('location-edit').click();
  const dialog = page.getByTestId('location-dialog');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('location-edit-city').inputValue(), 'Leeds');
  await page.getByTestId('location-edit-city').fill('York');
  await page.getByTestId('location-status').selectOption('closed');
  await page.getByTestId('location-save').click();
  await dialog.waitFor({ state: 'detached' });
  await row.getByTestId('location-status-text').filter({ hasText: 'closed' }).waitFor();
  // Focus returns to the row's Edit button.
  assert.equal(await row.getByTestId('location-edit').evaluate((e) => e === document.activeElement), true);
  await page.reload();
  await row.getByTestId('location-status-text').filter({ hasText: 'closed' }).waitFor();
  assert.match(await row.textContent(), /York/);
  // The API has it too, with a new version.
  const res = await page.request.get(`${base}/api/v1/customers/${customer.id}/locations/${loc.id}`);
  const saved = (await res.json()).data;
  assert.equal(saved.status, 'closed');
  assert.equal(saved.city, 'York');
  assert.ok(saved.version > loc.version);
  assert.deepEqual(problems, []);
});

test('delete a location after confirming in a dialog; Cancel keeps it', async () => {
  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Location Delete Co') });
  await apiCreateLocation(page, csrf, customer.id, { name: 'Main site' });
  await apiCreateLocation(page, csrf, customer.id, { name: 'Old depot' });
  await page.goto(`${base}/customers/${customer.id}/locations`);
  const row = page.getByTestId('location-row').filter({ hasText: 'Old depot' });
  await row.getByTestId('location-delete').click();
  await page.getByTestId('location-delete-dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('location-delete-dialog').waitFor({ state: 'detached' });
  assert.equal(await row.count(), 1, 'still there after Escape');

  await row.getByTestId('location-delete').click();
  await page.getByTestId('location-delete-confirm').click();
  await page.getByTestId('location-delete-dialog').waitFor({ state: 'detached' });
  await row.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('location-row').count(), 1);
  await page.getByTestId('hub-locations-count').filter({ hasText: '1' }).waitFor();
  await page.getByTestId('announcer').filter({ hasText: 'Location deleted' }).waitFor({ state: 'attached' });
  assert.deepEqual(problems, []);
});

test('delete a customer with a location: the 409 message, then cascade delete', async () => {
  // This test provokes the API's 409 on purpose.
  const own = [];
  const p = await newPage(browser, own, { allow: [409] });
  try {
    const csrf = await apiSession(p);
    const doomed = unique('Doomed Co');
    const customer = await apiCreateCustomer(p, csrf, { name: doomed });
    await apiCreateLocation(p, csrf, customer.id, { name: 'Only site' });
    await p.goto(`${base}/customers/${customer.id}`);
    await p.getByTestId('hub-name').waitFor();
    await p.getByTestId('hub-actions-toggle').click();
    await p.getByTestId('delete-customer').click();
    const dialog = p.getByTestId('delete-dialog');
    await dialog.waitFor();
    assert.equal(await p.getByTestId('delete-cascade').isVisible(), false, 'no cascade before the 409');
    await p.getByTestId('delete-confirm').click();
    const error = p.getByTestId('delete-dialog-error');
    await error.waitFor();
    assert.match(await error.textContent(), /still has 1 location\. Delete them together with the customer\?/);
    assert.doesNotMatch(await error.textContent(), /cascade/, 'plain words, not the API\'s parameter');
    assert.equal(await p.getByTestId('delete-confirm').isVisible(), false);
    await p.getByTestId('delete-cascade').click();
    await p.waitForURL(`${base}/customers`);
    // The dialog removes itself on its (asynchronous) close event.
    await p.locator('dialog').waitFor({ state: 'detached' });

    const res = await p.request.get(`${base}/api/v1/customers/${customer.id}`);
    assert.equal(res.status(), 404);
    await p.goto(`${base}/customers?status=all&q=${encodeURIComponent(doomed)}`);
    await p.getByText('No customers match these filters.').waitFor();
    assert.deepEqual(own, []);
  } finally {
    await p.context().close();
  }
});

test('delete a customer without records goes straight to /customers', async () => {
  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Empty Co') });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('hub-actions-toggle').click();
  await page.getByTestId('delete-customer').click();
  await page.getByTestId('delete-confirm').click();
  await page.waitForURL(`${base}/customers`);
  const res = await page.request.get(`${base}/api/v1/customers/${customer.id}`);
  assert.equal(res.status(), 404);
  assert.deepEqual(problems, []);
});

test('C2: the list shows assets on location and assets owned per customer', async () => {
  const csrf = await apiSession(page);
  const tag = unique('C2 Assets');
  const owner = await apiCreateCustomer(page, csrf, { name: `${tag} owner` });
  const client = await apiCreateCustomer(page, csrf, { name: `${tag} client` });
  const site = await apiCreateLocation(page, csrf, client.id, { name: 'Office' });
  for (const body of [{ name: 'Rented router', location_id: site.id }, { name: 'Spare' }]) {
    const res = await page.request.post(`${base}/api/v1/customers/${owner.id}/assets`, {
      data: body, headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201);
  }
  await page.goto(`${base}/customers?q=${encodeURIComponent(tag)}`);
  const ownerRow = page.getByTestId('customer-row').filter({ hasText: `${tag} owner` });
  const clientRow = page.getByTestId('customer-row').filter({ hasText: `${tag} client` });
  await ownerRow.waitFor();
  assert.equal(await ownerRow.getByTestId('assets-owned').textContent(), '2');
  assert.equal(await ownerRow.getByTestId('assets-located').textContent(), '0');
  assert.equal(await clientRow.getByTestId('assets-located').textContent(), '1');
});
