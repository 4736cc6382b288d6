// U1 in the browser: sign in, the shell, sign out, wrong password, and a
// bookmark that survives the detour through the sign-in page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, admin, base, unique, apiSession, apiCreateCustomer } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('sign in shows the shell with the user name; sign out lands on /signin', async () => {
  const problems = [];
  const page = await newPage(browser, problems);
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
  const user = page.getByTestId('shell-user');
  await user.waitFor();
  assert.ok((await user.textContent()).trim().length > 0, 'user name shown');
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();

  await page.getByTestId('signout').click();
  await page.waitForURL(`${base}/signin`);
  await page.getByTestId('signin-email').waitFor();
  // The session is gone: a signed-in page sends us back to sign-in.
  await page.goto(`${base}/customers`);
  await page.waitForURL(/\/signin\?next=%2Fcustomers$/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a wrong password shows the error and stays on /signin', async () => {
  const problems = [];
  const page = await newPage(browser, problems);
  // An unknown account, so repeated runs never lock out the real admin.
  await signIn(page, { email: `nobody-${Date.now()}@example.invalid`, password: 'not the password' });
  const error = page.getByTestId('signin-error');
  await error.waitFor();
  assert.match(await error.textContent(), /\S/);
  assert.equal(new URL(page.url()).pathname, '/signin');
  assert.equal(await page.getByTestId('shell-user').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a bookmark to a hub visited signed out returns there after sign-in', async () => {
  const problems = [];
  const setup = await newPage(browser, problems);
  const csrf = await apiSession(setup);
  const name = unique('Bookmark Co');
  const customer = await apiCreateCustomer(setup, csrf, { name });
  await setup.context().close();

  const page = await newPage(browser, problems);
  await page.goto(`${base}/customers/${customer.id}`);
  await page.waitForURL(`${base}/signin?next=${encodeURIComponent(`/customers/${customer.id}`)}`);
  await page.getByTestId('signin-email').fill(admin.email);
  await page.getByTestId('signin-password').fill(admin.password);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL(`${base}/customers/${customer.id}`);
  assert.equal(await page.getByTestId('hub-name').textContent(), name);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('an off-site next is ignored after sign-in', async () => {
  const problems = [];
  const page = await newPage(browser, problems);
  await signIn(page, admin, '/signin?next=//evil.example/x');
  await page.waitForURL(`${base}/customers`);
  assert.deepEqual(problems, []);
  await page.context().close();
});
