// M3 in the browser: the Mail domains section of the Contacts tab (add,
// the primary domain offered, refusals shown, a verification mail to a
// chosen role address, the code typed, subdomains, delete) and the
// verification page: a GET of the link, as a mail scanner does, verifies
// nothing; the page's button does.  Each state at 360 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, signIn, base, unique, apiSession, apiCreateCustomer, apiCreateUser, apiPost, checkAccessible, newPage,
} from './lib.mjs';
import { sql, q } from '../api/lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  // The refusals and the wrong code are 400s on purpose.
  page = await newPage(browser, problems, { allow: [400] });
  await signIn(page);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

const slug = () => unique('d').toLowerCase().replace(/[^a-z0-9]+/g, '-');

// The newest challenge mail to domain: the link's token and the code.
function mail(domain) {
  const body = sql(`SELECT body FROM outbound_mail WHERE kind = 'domain_challenge'
    AND to_addr LIKE ${q(`%@${domain}`)} ORDER BY id DESC LIMIT 1`);
  return {
    link: body.match(/(https?:\/\/\S+\/verify-domain\.html)#([A-Za-z0-9_-]{43})/),
    code: body.match(/\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/)[1],
  };
}

async function domainOf(customerId, domainId) {
  const res = await page.request.get(`${base}/api/v1/customers/${customerId}/domains/${domainId}`);
  return (await res.json()).data;
}

test('Mail domains in the Contacts tab: offer the primary domain, add, refuse, send a mail, type the code, subdomains, delete', async () => {
  const primary = `${slug()}.example`;
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Domains Co'), primary_domain: primary });
  await page.goto(`${base}/customers/${customer.id}/contacts`);
  await page.getByTestId('empty-domains').waitFor();
  await page.getByTestId('domains-offer').waitFor();
  assert.match(await page.getByTestId('domains-offer').textContent(), new RegExp(primary));
  await page.waitForLoadState('networkidle');
  await checkAccessible(page, 'mail domains, empty, primary domain offered');

  await page.getByTestId('domains-add-primary').click();
  const row = page.locator(`[data-testid="domain-row"][data-domain="${primary}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('domain-verified').textContent(), 'Not verified');
  assert.equal(await page.getByTestId('domains-offer').isHidden(), true, 'no offer once it is a domain');

  await page.getByTestId('domain-new').fill('gmail.com');
  await page.getByTestId('domain-add').click();
  await page.getByTestId('domains-error').filter({ hasText: /free-mail/ }).waitFor();
  const idn = slug();
  await page.getByTestId('domain-new').fill(`Bücher-${idn}.Example`);
  await page.getByTestId('domain-new-sub').check();
  await page.getByTestId('domain-add').click();
  const idnRow = page.locator('[data-testid="domain-row"]').filter({ hasText: /xn--bcher-/ });
  await idnRow.waitFor();
  assert.match(await idnRow.locator('.domain-name').textContent(), new RegExp(`^bücher-${idn}\\.example \\(xn--bcher-`));
  assert.equal(await idnRow.getByTestId('domain-subdomains').isChecked(), true);

  await row.getByTestId('domain-role').selectOption('hostmaster');
  await row.getByTestId('domain-challenge').click();
  await page.getByTestId('domains-status').filter({ hasText: `hostmaster@${primary}` }).waitFor();
  await row.getByTestId('domain-code').waitFor();
  assert.match(await row.getByTestId('domain-state').textContent(), new RegExp(`Waiting for confirmation: mail to hostmaster@${primary}`));
  await checkAccessible(page, 'mail domains, a verification mail sent');

  const m = mail(primary);
  await row.getByTestId('domain-code').fill('ZZZZ-ZZZY');
  await row.getByTestId('domain-verify').click();
  await page.getByTestId('domains-error').filter({ hasText: /Wrong code/ }).waitFor();
  await row.getByTestId('domain-code').fill(m.code.toLowerCase());
  await row.getByTestId('domain-verify').click();
  await row.getByTestId('domain-verified').filter({ hasText: /^Verified$/ }).waitFor();
  assert.match(await row.getByTestId('domain-state').textContent(), /by the code/);
  assert.equal(await row.getByTestId('domain-code').count(), 0, 'a verified domain needs no code');

  await row.getByTestId('domain-subdomains').check();
  await page.getByTestId('domains-status').filter({ hasText: 'included' }).waitFor();
  await page.reload();
  await row.waitFor();
  assert.equal(await row.getByTestId('domain-subdomains').isChecked(), true, 'kept on the server');
  await checkAccessible(page, 'mail domains, one verified');

  await idnRow.getByTestId('domain-delete').click();
  await page.getByTestId('domain-delete-confirm').click();
  await idnRow.waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid="domain-row"]').count(), 1);
  assert.deepEqual(problems, []);
});

test('the verification link: a scanner\'s GET verifies nothing; the page\'s button does', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Link Co') });
  const d = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/domains`, { domain: `${slug()}.example` });
  await apiPost(page, csrf, `/api/v1/customers/${customer.id}/domains/${d.id}/challenge`, { address: 'webmaster' });
  const { link } = mail(d.domain);
  assert.ok(link, 'a link in the mail');
  const token = link[2];
  const path = `/verify-domain.html#${token}`;
  // What a mail scanner does: fetch the link, with and without the token in the query.
  for (const url of [`${base}${path}`, `${base}/verify-domain.html?token=${token}`]) {
    const res = await page.request.get(url);
    assert.equal(res.status(), 200);
  }
  assert.equal((await domainOf(customer.id, d.id)).verified, false, 'a GET verifies nothing');

  // A person, signed in nowhere, opens it and presses the button.
  const visitorProblems = [];
  const visitor = await newPage(browser, visitorProblems);
  await visitor.goto(`${base}${path}`);
  const confirm = visitor.locator('#verify-confirm');
  await confirm.waitFor();
  assert.match(await visitor.locator('#verify-ask').textContent(), new RegExp(`${d.domain}.*webmaster@${d.domain}`));
  assert.equal((await domainOf(customer.id, d.id)).verified, false, 'opening the page verifies nothing');
  await checkAccessible(visitor, 'verification page, before the button');
  await confirm.click();
  await visitor.locator('#verify-status').filter({ hasText: `${d.domain} is confirmed` }).waitFor();
  const done = await domainOf(customer.id, d.id);
  assert.equal(done.verified, true);
  assert.equal(done.verified_via, 'link');
  await checkAccessible(visitor, 'verification page, confirmed');

  // Opened again: used, and the page says so.
  await visitor.goto('about:blank');
  await visitor.goto(`${base}${path}`);
  await visitor.locator('#verify-status').filter({ hasText: /already used/ }).waitFor();
  assert.equal(await confirm.isHidden(), true);
  await visitor.context().close();
  assert.deepEqual(visitorProblems, []);
  assert.deepEqual(problems, []);
});

test('a read-only user sees the domains and their state, and no control that writes', async () => {
  const primary = `${slug()}.example`;
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Read Co'), primary_domain: `x${primary}` });
  await apiPost(page, csrf, `/api/v1/customers/${customer.id}/domains`, { domain: primary });
  const who = { email: `${slug()}@example.com`, password: `pw-${slug()}` };
  await apiCreateUser(page, csrf, { ...who, name: 'Reader', role: 'read_only' });
  const readerProblems = [];
  const reader = await newPage(browser, readerProblems);
  await signIn(reader, who);
  await reader.waitForURL(`${base}/customers`);
  await reader.goto(`${base}/customers/${customer.id}/contacts`);
  const row = reader.locator(`[data-testid="domain-row"][data-domain="${primary}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('domain-verified').textContent(), 'Not verified');
  assert.equal(await row.getByTestId('domain-subdomains').isDisabled(), true);
  for (const id of ['domain-add-form', 'domain-challenge', 'domain-verify', 'domain-delete', 'domains-add-primary']) {
    assert.equal(await reader.getByTestId(id).count(), 0, `no ${id}`);
  }
  await reader.waitForLoadState('networkidle');
  await checkAccessible(reader, 'mail domains, read-only');
  await reader.context().close();
  assert.deepEqual(readerProblems, []);
});
