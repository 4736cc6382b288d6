// Every page at 360 and 1440 px: no axe-core violation, no sideways scroll
// on a phone.  The hub's tabs are checked in hub.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signIn, signedInPage, base, unique, apiSession, apiCreateCustomer, apiCreateLocation,
  checkAccessible,
} from './lib.mjs';

let browser;
const problems = [];
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the sign-in page, empty and with an error', async () => {
  const page = await newPage(browser, problems);
  await page.goto(`${base}/signin`);
  await page.getByTestId('signin-email').waitFor();
  await checkAccessible(page, 'sign-in');
  await page.getByTestId('signin-email').fill(`nobody-${Date.now()}@example.invalid`);
  await page.getByTestId('signin-password').fill('not the password');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signin-error').waitFor();
  await checkAccessible(page, 'sign-in with an error');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the customer list, the palette, a hub and the settings pages', async () => {
  const page = await signedInPage(browser, problems);
  const csrf = await apiSession(page);
  const customer = await apiCreateCustomer(page, csrf, {
    name: unique('A11y Co'), phone: '+1 555 0100', website: 'https://a11y.example',
  });
  await apiCreateLocation(page, csrf, customer.id, { name: 'Head office', city: 'Springfield', is_primary: true });
  await page.goto(`${base}/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  await checkAccessible(page, 'customer list');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.type(customer.name);
  await page.getByTestId('palette-result').first().waitFor();
  await checkAccessible(page, 'palette');
  await page.keyboard.press('Escape');

  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('hub-name').waitFor();
  await checkAccessible(page, 'hub');

  for (const section of ['pinned-fields', 'custom-fields', 'users']) {
    await page.goto(`${base}/settings/${section}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await checkAccessible(page, `settings ${section}`);
  }
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('an unknown URL gets the app\'s own not-found page with status 404; the API keeps its JSON', async () => {
  const own = [];
  const page = await newPage(browser, own, { allow: [404] });
  const paths = ['/no-such-page', '/customers/abc', '/js/no-such-module.js'];
  try {
    await signIn(page);
    await page.waitForURL(`${base}/customers`);
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res.status(), 404, path);
      assert.match(res.headers()['content-type'], /^text\/html/, path);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await checkAccessible(page, `not found: ${path}`);
    }
    const api = await page.request.get(`${base}/api/v1/no-such-thing`);
    assert.equal(api.status(), 404);
    assert.equal((await api.json()).error.code, 'not_found');
    // The only problems are the 404s asked for.
    assert.deepEqual(own, paths.map((p) => `response: 404 GET ${p}`));
  } finally {
    await page.context().close();
  }
});
