// The hub's Tickets tab (issue 9, T3): create a ticket from the hub, see it
// in the list and the tab count; expand it, reply, see the reply; resolve
// it and see it move to recently closed; a stale status change shows the
// current ticket (409); the ticket limit's message (422); 360 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signIn, base, unique, apiSession, apiCreateCustomer, checkAccessible,
} from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, problems, { allow: [409, 422] });
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

async function openTickets(customer) {
  await page.goto(`${base}/customers/${customer.id}/tickets`);
  await page.locator('[data-testid="tab-panel"][data-tab="tickets"]').waitFor();
}

const row = (subject) => page.getByTestId('ticket-row').filter({ hasText: subject });

async function createInUi(subject, description) {
  await page.locator('summary', { hasText: 'New ticket' }).click();
  await page.getByTestId('ticket-new-subject').fill(subject);
  await page.getByTestId('ticket-new-priority').selectOption('high');
  if (description) await page.getByTestId('ticket-new-description').fill(description);
  await page.getByTestId('ticket-new-submit').click();
}

test('T3: create from the hub, count, expand, reply, resolve to recently closed', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Tickets Co') });
  await openTickets(customer);
  const empty = page.getByTestId('empty-tickets');
  await empty.waitFor();
  assert.match(await empty.textContent(), /New ticket/);
  assert.equal(await page.getByTestId('tab-count-tickets').textContent(), '0');
  await checkAccessible(page, 'tickets tab, empty');

  const subject = unique('Printer on fire');
  await createInUi(subject, 'Smoke from tray 2');
  const open = page.getByTestId('tickets-open').getByTestId('ticket-row').filter({ hasText: subject });
  await open.waitFor();
  await page.getByTestId('tab-count-tickets').filter({ hasText: /^1$/ }).waitFor();
  assert.match(await open.textContent(), /high priority/);
  assert.match(await open.getByTestId('ticket-status').textContent(), /open/);
  // The new ticket opens expanded with its description as a note.
  await open.getByTestId('ticket-message').filter({ hasText: 'Smoke from tray 2' }).waitFor();
  assert.equal(await open.getByTestId('ticket-toggle').getAttribute('aria-expanded'), 'true');
  await checkAccessible(page, 'tickets tab, a ticket expanded');

  await open.getByTestId('ticket-toggle').click();
  assert.equal(await open.getByTestId('ticket-body').isHidden(), true);
  await open.getByTestId('ticket-toggle').click();
  await open.getByTestId('ticket-reply-body').fill('We are sending a technician.');
  await open.getByTestId('ticket-reply-submit').click();
  const reply = row(subject).getByTestId('ticket-message').filter({ hasText: 'We are sending a technician.' });
  await reply.waitFor();
  assert.equal(await reply.getAttribute('data-kind'), 'reply');
  await row(subject).filter({ hasText: 'awaiting contact' }).waitFor();

  await row(subject).getByTestId('ticket-status-select').selectOption('resolved');
  await row(subject).getByTestId('ticket-status-save').click();
  const closed = page.getByTestId('tickets-closed').getByTestId('ticket-row').filter({ hasText: subject });
  await closed.waitFor();
  assert.equal(await closed.getAttribute('data-status'), 'resolved');
  assert.equal(await page.getByTestId('tickets-open').count(), 0, 'no open list once the only ticket is resolved');
  await page.getByTestId('tab-count-tickets').filter({ hasText: /^0$/ }).waitFor();
  await checkAccessible(page, 'tickets tab, one recently closed');
  assert.deepEqual(problems, []);
});

test('a stale status change shows the current ticket; the ticket limit shows the API message', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Limit Co'), ticket_limit: 1 });
  const res = await page.request.post(`${base}/api/v1/customers/${customer.id}/tickets`, {
    data: { subject: 'First' }, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 201);
  const ticket = (await res.json()).data;
  await openTickets(customer);
  await row('First').getByTestId('ticket-toggle').click();
  await row('First').getByTestId('ticket-status-select').waitFor();

  const patch = await page.request.patch(`${base}/api/v1/tickets/${ticket.id}`, {
    data: { status: 'pending' }, headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${ticket.version}"` },
  });
  assert.equal(patch.status(), 200);
  await row('First').getByTestId('ticket-status-select').selectOption('resolved');
  await row('First').getByTestId('ticket-status-save').click();
  const error = row('First').getByTestId('ticket-status-error');
  await error.waitFor();
  assert.match(await error.textContent(), /now pending/);
  assert.equal(await row('First').getByTestId('ticket-status-select').inputValue(), 'pending');
  await checkAccessible(page, 'tickets tab, a conflict');

  await createInUi('Second');
  const limit = page.getByTestId('ticket-new-error');
  await limit.waitFor();
  assert.match(await limit.textContent(), /ticket limit/);
  assert.equal(await row('Second').count(), 0);
  assert.deepEqual(problems, []);
});

test('more than a page of open tickets: Load more shows the rest', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Busy Co') });
  for (let i = 1; i <= 51; i++) {
    const res = await page.request.post(`${base}/api/v1/customers/${customer.id}/tickets`, {
      data: { subject: `Busy ${i}` }, headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201);
  }
  await openTickets(customer);
  const rows = page.getByTestId('tickets-open').getByTestId('ticket-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 50);
  await page.getByTestId('tab-count-tickets').filter({ hasText: /^51$/ }).waitFor();
  await page.getByTestId('tickets-more').click();
  await rows.nth(50).waitFor();
  assert.equal(await page.getByTestId('tickets-more').isHidden(), true);
  const subjects = await page.getByTestId('tickets-open').getByTestId('ticket-subject').allTextContents();
  assert.equal(new Set(subjects).size, 51, 'each ticket once');
  assert.deepEqual(problems, []);
});

test('T5: a ticket created from a device is listed on the device and names the device on the Tickets tab', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Device Tickets Co') });
  const res = await page.request.post(`${base}/api/v1/customers/${customer.id}/devices`, {
    data: { name: 'FRONT-DESK-PC', type: 'pc' }, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 201);
  await page.goto(`${base}/customers/${customer.id}/devices`);
  const device = page.getByTestId('devices-row').filter({ hasText: 'FRONT-DESK-PC' });
  await device.getByTestId('device-tickets').click();
  const dialog = page.getByTestId('device-tickets-dialog');
  await dialog.getByText('No tickets about this device yet.').waitFor();
  const subject = unique('Disk full');
  await page.getByTestId('device-ticket-subject').fill(subject);
  await page.getByTestId('device-ticket-create').click();
  await dialog.getByTestId('device-ticket').filter({ hasText: subject }).waitFor();
  await checkAccessible(page, 'a device\'s tickets');
  await page.getByTestId('device-tickets-dialog-cancel').click();
  await openTickets(customer);
  await row(subject).getByTestId('ticket-device').filter({ hasText: 'FRONT-DESK-PC' }).waitFor();
  assert.deepEqual(problems, []);
});
