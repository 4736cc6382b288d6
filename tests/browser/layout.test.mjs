// H6: each user hides and reorders the hub's tabs and overview cards; an
// admin sets the workspace default; a user's own wins, with "Reset to
// default"; hidden tabs stay reachable under "More".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, base, unique, apiCreateCustomer, checkAccessible } from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

const BUILTIN = {
  tabs: ['overview', 'contacts', 'tickets', 'devices', 'assets', 'locations', 'contracts', 'projects', 'timeline', 'audit'],
  sections: ['account_manager', 'open_tickets', 'contract', 'value', 'projects', 'assets', 'sites'],
};
// Other suites change the workspace default (the API fault sweep does).
const workspace = (data) => page.request.put(`${base}/api/v1/settings/layout`, { data, headers: { 'X-CSRF-Token': csrf } });

before(async () => {
  ({ browser, page, csrf } = await start(problems));
  await page.request.delete(`${base}/api/v1/me/layout`, { headers: { 'X-CSRF-Token': csrf } });
  assert.equal((await workspace(BUILTIN)).status(), 200);
});
after(async () => {
  await page.request.delete(`${base}/api/v1/me/layout`, { headers: { 'X-CSRF-Token': csrf } });
  await browser?.close();
});

const tabs = () => page.getByTestId('hub-tabs').getByRole('tab').evaluateAll((ts) => ts.map((t) => t.dataset.tab));
const cards = () => page.getByTestId('overview-cards').locator('[data-testid^="card-"]')
  .evaluateAll((cs) => cs.map((c) => c.dataset.testid));

test('H6: a user hides and moves tabs and cards; hidden tabs are under More; reset restores the default', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Layout Co') });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('overview-cards').locator('[data-testid="card-account-manager"]').waitFor();
  const before = await tabs();
  // A new customer: what other tools feed waits under More (H5).
  assert.deepEqual(before, ['overview', 'contacts', 'tickets', 'locations', 'timeline', 'audit']);

  await page.getByTestId('more-tabs-toggle').click();
  await page.getByTestId('arrange-tabs').click();
  await page.getByTestId('layout-dialog').waitFor();
  assert.equal(await page.getByTestId('layout-tabs-show-overview').isDisabled(), true, 'the overview stays');
  await page.getByTestId('layout-tabs-show-audit').uncheck();
  await page.getByTestId('layout-tabs-show-projects').uncheck();
  await page.getByTestId('layout-tabs-up-tickets').click();		// tickets before contacts
  await page.getByTestId('layout-sections-show-value').uncheck();
  await page.getByTestId('layout-sections-up-sites').click();
  await checkAccessible(page, 'the layout dialog');
  await page.getByTestId('layout-save').click();
  await page.getByTestId('layout-dialog').waitFor({ state: 'detached' });

  await page.waitForFunction(() => !document.querySelector('[data-testid="tab-audit"]'));
  assert.deepEqual(await tabs(), ['overview', 'tickets', 'contacts', 'locations', 'timeline']);
  assert.deepEqual(await cards(), ['card-account-manager', 'card-open-tickets', 'card-contract', 'card-sites']);
  // Still there after a reload, from the server.
  await page.reload();
  await page.getByTestId('overview-cards').locator('[data-testid="card-sites"]').waitFor();
  assert.deepEqual(await tabs(), ['overview', 'tickets', 'contacts', 'locations', 'timeline']);
  // A hidden tab is one click away and opens by its URL too.
  await page.getByTestId('more-tabs-toggle').click();
  await page.getByTestId('more-tab-audit').click();
  await page.waitForURL(`${base}/customers/${customer.id}/audit`);
  await page.getByTestId('audit-list').waitFor();
  assert.equal((await tabs()).at(-1), 'audit', 'the open tab shows while it is open');
  await checkAccessible(page, 'a hidden tab opened from More');

  await page.getByTestId('more-tabs-toggle').click();
  await page.getByTestId('arrange-tabs').click();
  await page.getByTestId('layout-reset').click();
  await page.getByTestId('layout-dialog').waitFor({ state: 'detached' });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('overview-cards').locator('[data-testid="card-sites"]').waitFor();
  assert.deepEqual(await tabs(), before);
  assert.deepEqual(problems, []);
});

test("H6: the admin's workspace default applies to users without their own", async () => {
  await page.goto(`${base}/settings/hub-layout`);
  await page.getByTestId('workspace-layout-edit').click();
  await page.getByTestId('layout-tabs-show-timeline').uncheck();
  await page.getByTestId('layout-save').click();
  await page.getByTestId('workspace-layout').filter({ hasText: 'Set for this workspace.' }).waitFor();
  assert.doesNotMatch(await page.getByTestId('workspace-layout').textContent(), /Timeline/);
  await checkAccessible(page, 'the hub layout settings page');
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Default Co') });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('tab-overview').waitFor();
  assert.equal((await tabs()).includes('timeline'), false);
  // Back to the built-in default for the other tests.
  assert.equal((await workspace(BUILTIN)).status(), 200);
  assert.deepEqual(problems, []);
});

test('H5: an empty area other tools feed waits under More and takes its tab once it holds something', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Quiet Co') });
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('tab-overview').waitFor();
  assert.equal((await tabs()).includes('devices'), false);
  assert.equal(await page.getByTestId('card-assets').count(), 0, 'no empty Assets card');
  await page.getByTestId('more-tabs-toggle').click();
  await page.getByTestId('more-tab-devices').click();
  await page.getByTestId('empty-devices').waitFor();
  await checkAccessible(page, 'an empty area opened from More');
  const res = await page.request.post(`${base}/api/v1/customers/${customer.id}/devices`, {
    data: { name: 'PC-001', type: 'pc' }, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 201, await res.text());
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('tab-count-devices').filter({ hasText: /^1$/ }).waitFor();
  assert.equal((await tabs()).includes('devices'), true);
  assert.deepEqual(problems, []);
});
