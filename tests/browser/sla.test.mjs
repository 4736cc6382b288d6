// SLA time left and the contact's sentiment on the hub's Tickets tab, and
// the SLA policies settings page (T1), at 360 and 1440 px with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signIn, base, unique, apiSession, apiCreateCustomer, apiPost, checkAccessible,
} from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, problems, { allow: [400] });
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

async function put(path, data) {
  const res = await page.request.put(`${base}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
  assert.equal(res.status(), 200, await res.text());
}

test('T1: the Tickets tab shows SLA time left, a met response and the contact\'s sentiment in words', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('SLA Co') });
  const policy = await apiPost(page, csrf, '/api/v1/sla-policies',
    { name: unique('Gold'), first_response_high: 120, resolution_high: 2880 });
  await put(`/api/v1/customers/${customer.id}/sla`, { sla_policy_id: policy.id });
  const contact = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/contacts`, { name: 'Kim Angry' });
  const angry = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/tickets`,
    { subject: unique('Mail down'), priority: 'high', contact_id: contact.id });
  await apiPost(page, csrf, `/api/v1/tickets/${angry.id}/messages`,
    { body: 'This is unacceptable, the mail server is down again!', contact_id: contact.id });
  const answered = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/tickets`,
    { subject: unique('New laptop'), priority: 'high' });
  await apiPost(page, csrf, `/api/v1/tickets/${answered.id}/messages`, { body: 'Ordered, arrives Monday.' });

  await page.goto(`${base}/customers/${customer.id}/tickets`);
  const row = (t) => page.getByTestId('ticket-row').filter({ hasText: t.subject });
  await row(angry).waitFor();
  const clocks = row(angry).getByTestId('ticket-sla');
  assert.match(await clocks.nth(0).textContent(), /^Response: (2 h 0 min|1 h \d+ min) left$/);
  assert.match(await clocks.nth(1).textContent(), /^Resolution: (2 d 0 h|1 d 23 h) left$/);
  assert.equal(await clocks.nth(0).getAttribute('data-state'), 'running');
  assert.match(await clocks.nth(0).getAttribute('title'), /^due /);
  assert.equal(await row(angry).getByTestId('ticket-sentiment').textContent(), 'Contact sentiment: negative');
  assert.equal(await row(answered).getByTestId('ticket-sla').first().textContent(), 'Response met');
  assert.equal(await row(answered).getByTestId('ticket-sentiment').count(), 0, 'no contact message, no sentiment');
  await checkAccessible(page, 'tickets tab with SLA and sentiment');
  assert.deepEqual(problems, []);
});

test('T1: the SLA policies settings page lists, creates with business hours, makes default and deletes', async () => {
  await page.goto(`${base}/settings/sla-policies`);
  await page.getByTestId('sla-form').waitFor();
  assert.equal(await page.getByTestId('settings-nav-sla-policies').getAttribute('aria-current'), 'page');
  const name = unique('Office hours');
  await page.getByTestId('sla-name').fill(name);
  await page.getByTestId('sla-first_response_high').fill('60');
  await page.getByTestId('sla-resolution_high').fill('480');
  await page.getByTestId('sla-hours').check();
  await page.getByTestId('sla-day-fri').uncheck();
  await page.getByTestId('sla-end').fill('18:30');
  await page.getByTestId('sla-zone').fill('Mars/Olympus');
  await page.getByTestId('sla-create').click();
  await page.getByTestId('sla-error').filter({ hasText: 'time zone' }).waitFor();
  await page.getByTestId('sla-zone').fill('Europe/Berlin');
  await page.getByTestId('sla-create').click();
  const row = page.getByTestId('sla-row').filter({ hasText: name });
  await row.waitFor();
  assert.match(await row.textContent(), /mon tue wed thu 09:00–18:30 Europe\/Berlin/);
  assert.match(await row.textContent(), /H 60/);
  await checkAccessible(page, 'SLA policies page');
  await row.getByTestId('sla-make-default').click();
  await row.getByTestId('sla-default').waitFor();
  await row.getByTestId('sla-delete').click();
  await page.getByTestId('sla-delete-confirm').click();
  await row.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
});
