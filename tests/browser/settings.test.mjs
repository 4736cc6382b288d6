// C5, C6, U1 in the browser: the admin-only settings pages, and what
// technicians and read-only users do not get to see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signedInPage, signIn, base, admin, unique, apiSession, apiCreateCustomer, apiCreateLocation, apiCreateUser,
} from './lib.mjs';

let browser;
let page;
const problems = [];

before(async () => {
  browser = await launch();
  page = await signedInPage(browser, problems);
});
after(async () => { await browser?.close(); });

async function getPinned(p) {
  const res = await p.request.get(`${base}/api/v1/settings/pinned-fields`);
  assert.equal(res.status(), 200);
  return (await res.json()).data;
}

async function putPinned(p, csrf, fields) {
  const res = await p.request.put(`${base}/api/v1/settings/pinned-fields`, {
    data: fields, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 200, await res.text());
}

async function pinnedOrder(p) {
  return p.getByTestId('pinned-item').evaluateAll((items) => items.map((li) => li.dataset.field));
}

// A fresh browser context signed in as someone else.
async function signInAs(who, own) {
  const p = await newPage(browser, own);
  await signIn(p, who);
  await p.waitForURL(`${base}/customers`);
  await p.getByTestId('shell-user').waitFor();
  return p;
}

test('the Settings link is in the header for admins and opens the settings', async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId('nav-settings').click();
  await page.waitForURL(`${base}/settings/pinned-fields`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByTestId('pinned-item').first().waitFor();
  await page.getByTestId('settings-nav-users').click();
  await page.waitForURL(`${base}/settings/users`);
  await page.getByTestId('user-row').first().waitFor();
  assert.equal(await page.getByTestId('settings-nav-users').getAttribute('aria-current'), 'page');
  assert.deepEqual(problems, []);
});

test('pin three fields in a new order; the hub header shows them in that order', async () => {
  const csrf = await apiSession(page);
  const original = await getPinned(page);
  const customer = await apiCreateCustomer(page, csrf, {
    name: unique('Pinned Co'), phone: '+1 555 0100', city: 'Springfield', custom_fields: { seats: 17 },
  });
  try {
    await page.goto(`${base}/settings/pinned-fields`);
    await page.getByTestId('pinned-item').first().waitFor();
    assert.deepEqual(await pinnedOrder(page), original);
    // Remove them all with the keyboard-reachable Remove buttons.
    while (await page.getByTestId('pinned-item').count()) {
      await page.getByTestId('pinned-remove').first().click();
    }
    for (const f of ['phone', 'city', 'custom.seats']) {
      await page.getByTestId('pinned-add').selectOption(f);
      await page.getByTestId('pinned-add-button').click();
    }
    assert.deepEqual(await pinnedOrder(page), ['phone', 'city', 'custom.seats']);
    // Seats to the top, then phone below city.
    await page.getByTestId('pinned-item').nth(2).getByTestId('pinned-up').click();
    await page.keyboard.press('Enter'); // focus stays on the moved item's Up button
    assert.deepEqual(await pinnedOrder(page), ['custom.seats', 'phone', 'city']);
    await page.getByTestId('pinned-item').nth(1).getByTestId('pinned-down').click();
    assert.deepEqual(await pinnedOrder(page), ['custom.seats', 'city', 'phone']);
    await page.getByTestId('pinned-save').click();
    await page.getByTestId('pinned-status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await getPinned(page), ['custom.seats', 'city', 'phone']);

    await page.goto(`${base}/customers/${customer.id}`);
    await page.getByTestId('pinned-field').first().waitFor();
    const shown = await page.getByTestId('pinned-field').evaluateAll((fs) => fs.map((f) => [f.dataset.field, (f.querySelector('.value') ?? f.querySelector('dd')).textContent]));
    assert.deepEqual(shown, [['custom.seats', '17'], ['city', 'Springfield'], ['phone', '+1 555 0100']]);
    assert.deepEqual(problems, []);
  } finally {
    await putPinned(page, csrf, original);
  }
});

test('saving only two pinned fields shows the API 422 message', async () => {
  const own = [];
  const p = await newPage(browser, own, { allow: [422] });
  try {
    await signIn(p);
    await p.waitForURL(`${base}/customers`);
    const original = await getPinned(p);
    await p.goto(`${base}/settings/pinned-fields`);
    await p.getByTestId('pinned-item').first().waitFor();
    while (await p.getByTestId('pinned-item').count() > 2) {
      await p.getByTestId('pinned-remove').last().click();
    }
    await p.getByTestId('pinned-save').click();
    const error = p.getByTestId('pinned-error');
    await error.waitFor();
    assert.match(await error.textContent(), /Pin at least 3 and at most 6 fields; 2 given/);
    assert.deepEqual(await getPinned(p), original, 'nothing was saved');
    assert.deepEqual(own, []);
  } finally {
    await p.context().close();
  }
});

test('create a custom field, set it inline on a hub page, see it after reload, delete it', async () => {
  const label = unique('Licence');
  await page.goto(`${base}/settings/custom-fields`);
  await page.getByTestId('cf-row').first().waitFor();
  await page.getByTestId('cf-new-label').fill(label);
  const key = await page.getByTestId('cf-new-key').inputValue();
  assert.match(key, /^licence_[a-z0-9_]+$/, 'key derived from the label');
  await page.getByTestId('cf-new-type').selectOption('text');
  await page.getByTestId('cf-create').click();
  const row = page.locator(`[data-testid="cf-row"][data-key="${key}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('cf-label').textContent(), label);

  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Custom Co') });
  await page.goto(`${base}/customers/${customer.id}`);
  const field = page.getByTestId(`field-custom.${key}`);
  // Empty, so behind "Add a field" (issue 11).
  await page.getByTestId('add-field-custom').selectOption(`custom.${key}`);
  await page.getByTestId(`field-custom.${key}-input`).fill('LIC-4711');
  await page.keyboard.press('Enter');
  await field.filter({ hasText: 'LIC-4711' }).waitFor();
  await page.reload();
  await field.filter({ hasText: 'LIC-4711' }).waitFor();

  // Rename, then delete it through the confirmation dialog.
  await page.goto(`${base}/settings/custom-fields`);
  await row.getByTestId('cf-rename').click();
  await row.getByTestId('cf-rename-input').fill(`${label} (renamed)`);
  await page.keyboard.press('Enter');
  await row.getByTestId('cf-label').filter({ hasText: '(renamed)' }).waitFor();
  await row.getByTestId('cf-delete').click();
  await page.getByTestId('cf-delete-confirm').click();
  await row.waitFor({ state: 'detached' });
  const defs = (await (await page.request.get(`${base}/api/v1/custom-fields`)).json()).data;
  assert.equal(defs.some((d) => d.key === key), false);
  assert.deepEqual(problems, []);
});

test('a technician created in the UI sees no Settings link and no Delete customer button', async () => {
  const email = `tech-${Date.now().toString(36)}@example.com`;
  const password = 'tech-password-123';
  await page.goto(`${base}/settings/users`);
  await page.getByTestId('user-row').first().waitFor();
  await page.getByTestId('user-new-email').fill(email);
  await page.getByTestId('user-new-name').fill('Tess Technician');
  await page.getByTestId('user-new-role').selectOption('technician');
  await page.getByTestId('user-new-password').fill(password);
  await page.getByTestId('user-create').click();
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('user-role').inputValue(), 'technician');

  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Tech Visit Co') });
  const own = [];
  const tech = await signInAs({ email, password }, own);
  try {
    assert.equal(await tech.getByTestId('shell-user').textContent(), 'Tess Technician');
    assert.equal(await tech.getByTestId('nav-settings').count(), 0);
    await tech.goto(`${base}/customers/${customer.id}`);
    await tech.getByTestId('archive').waitFor({ state: 'attached' }); // may still edit
    assert.equal(await tech.getByTestId('delete-customer').count(), 0);
    await tech.goto(`${base}/settings/users`);
    await tech.getByText('Only administrators can change settings.').waitFor();
    assert.equal(await tech.getByTestId('user-row').count(), 0);
    assert.deepEqual(own, []);
  } finally {
    await tech.context().close();
  }

  // Deactivate them again (confirmed), which also ends their sign-in.
  await page.goto(`${base}/settings/users`);
  await row.getByTestId('user-deactivate').click();
  await page.getByTestId('user-deactivate-confirm').click();
  await row.getByTestId('user-status').filter({ hasText: 'Inactive' }).waitFor();
  await row.getByTestId('user-reactivate').waitFor();
  assert.deepEqual(problems, []);
});

test('a read-only user sees no edit controls on the hub', async () => {
  const csrf = await apiSession(page);
  const email = `viewer-${Date.now().toString(36)}@example.com`;
  const password = 'viewer-password-123';
  const user = await apiCreateUser(page, csrf, { email, name: 'Vera Viewer', role: 'read_only', password });
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Viewed Co'), phone: '+1 555 0199' });
  await apiCreateLocation(page, csrf, customer.id, { name: 'HQ' });
  await apiCreateLocation(page, csrf, customer.id, { name: 'Branch' });
  const own = [];
  const viewer = await signInAs({ email, password }, own);
  try {
    assert.equal(await viewer.getByTestId('new-customer').count(), 0);
    assert.equal(await viewer.getByTestId('nav-settings').count(), 0);
    await viewer.goto(`${base}/customers/${customer.id}/locations`);
    await viewer.getByTestId('location-row').first().waitFor();
    assert.equal(await viewer.getByTestId('location-submit').count(), 0, 'no add location');
    await viewer.getByTestId('tab-overview').click();
    await viewer.getByTestId('field-phone').waitFor();
    assert.equal(await viewer.getByTestId('field-phone').textContent(), '+1 555 0199');
    for (const testid of ['archive', 'unarchive', 'delete-customer', 'location-edit', 'location-delete',
      'set-primary', 'location-submit']) {
      assert.equal(await viewer.getByTestId(testid).count(), 0, `no ${testid}`);
    }
    assert.equal(await viewer.locator('button.value').count(), 0, 'no inline edit buttons');
    assert.equal(await viewer.locator('#main button:visible').count(), 0, 'no buttons at all in the page body');
    await viewer.goto(`${base}/customers/${customer.id}/contacts`);
    await viewer.getByTestId('contacts-export').waitFor();
    assert.doesNotMatch(await viewer.locator('#main').textContent(), /\bnull\b/, 'no stray null where the add forms are left out');
    assert.deepEqual(own, []);
  } finally {
    await viewer.context().close();
    await page.request.patch(`${base}/api/v1/users/${user.id}`, {
      data: { active: false }, headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${user.version}"` },
    });
  }
});

test('removing the last admin shows the API 422 message', async () => {
  const own = [];
  const p = await newPage(browser, own, { allow: [422] });
  // Other tests leave admins behind: make the signed-in one the last active
  // admin for this test, and give the others back afterwards.
  const paused = [];
  let csrf;
  const setActive = (u, active) => p.request.patch(`${base}/api/v1/users/${u.id}`, {
    data: { active }, headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${u.version}"` },
  });
  try {
    await signIn(p);
    await p.waitForURL(`${base}/customers`);
    csrf = (await (await p.request.get(`${base}/api/v1/session`)).json()).data.csrf_token;
    const users = (await (await p.request.get(`${base}/api/v1/users?limit=200`)).json()).data;
    for (const u of users.filter((x) => x.role === 'admin' && x.active && x.email !== admin.email)) {
      const r = await setActive(u, false);
      assert.equal(r.status(), 200, `pause admin ${u.email}`);
      paused.push((await r.json()).data);
    }
    await p.goto(`${base}/settings/users`);
    const row = p.locator(`[data-testid="user-row"][data-email="${admin.email}"]`);
    await row.waitFor();
    await row.getByTestId('user-role').selectOption('technician');
    await row.getByTestId('user-role-save').click();
    const error = p.getByTestId('users-error');
    await error.waitFor();
    assert.match(await error.textContent(), /at least one active administrator/);
    assert.equal(await row.getByTestId('user-role').inputValue(), 'admin', 'the select is reset');
    assert.deepEqual(own, []);
  } finally {
    for (const u of paused) await setActive(u, true);
    await p.context().close();
  }
});

test('issue 11: unsaved pinned fields ask before leaving; Stay keeps them, Leave drops them', async () => {
  // Into the settings within the app, so Back stays in the app too.
  await page.goto(`${base}/customers`);
  await page.getByTestId('nav-settings').click();
  await page.waitForURL(`${base}/settings/pinned-fields`);
  await page.getByTestId('pinned-item').nth(1).waitFor();
  const order = () => page.getByTestId('pinned-item').evaluateAll((xs) => xs.map((x) => x.dataset.field));
  const saved = await order();
  await page.getByTestId('pinned-item').nth(1).getByTestId('pinned-up').click();
  const moved = await order();
  assert.notDeepEqual(moved, saved);
  // An in-app link: asked; Cancel stays with the change.
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('leave-dialog').waitFor();
  await page.getByTestId('leave-dialog-cancel').click();
  assert.match(page.url(), /\/settings\/pinned-fields$/);
  assert.deepEqual(await order(), moved);
  // Back: asked too; leaving drops the change.
  // (The app handles Back itself: no page load to wait for.)
  await page.evaluate(() => history.back());
  await page.getByTestId('leave-dialog').waitFor();
  await page.getByTestId('leave-confirm').click();
  await page.waitForURL(`${base}/customers`);
  await page.goto(`${base}/settings/pinned-fields`);
  await page.getByTestId('pinned-item').nth(1).waitFor();
  assert.deepEqual(await order(), saved, 'nothing was saved');
  assert.deepEqual(problems, []);
});
