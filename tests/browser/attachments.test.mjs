// The Tickets tab lists the attachments of a ticket message that came by
// mail as download links (M1), checked at 360 and 1440 px.  The mail router
// that links a ticket message to its mail is being built beside this: the
// test sets ticket_messages.inbound_message_id itself through the database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  launch, newPage, signIn, base, unique, apiSession, apiCreateCustomer, apiPost, checkAccessible,
} from './lib.mjs';
import { sql } from '../api/lib.mjs';

const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN ?? 'test-mailbox-token-1';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, problems);
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

test('M1: a mailed message shows its attachments as links that download the bytes', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Attach Co') });
  const subject = unique('Invoice question');
  const t = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/tickets`, { subject });
  await apiPost(page, csrf, `/api/v1/tickets/${t.id}/messages`, { kind: 'note', body: 'See the scan.' });
  const pdf = Buffer.from('%PDF-1.4 scan of the invoice\n%%EOF\n');
  const name = 'Rechnungsscan_Maerz_2026_Buchhaltung_Abteilung_Nord_final.pdf';
  const mail = ['From: anna@acme.example', 'To: help@msp.example', 'Subject: scan',
    `Message-ID: <${Date.now()}.${Math.random()}@acme.example>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'See the scan.',
    '--b', 'Content-Type: application/pdf', `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64', '', pdf.toString('base64'), '--b--', ''].join('\r\n');
  const res = await fetch(`${base}/mailbox/inbound`, {
    method: 'POST', body: mail,
    headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 202);
  const m = (await res.json()).data;
  sql(`UPDATE ticket_messages SET inbound_message_id = ${m.id} WHERE id =
    (SELECT MAX(id) FROM ticket_messages WHERE ticket_id = ${t.id})`);

  await page.goto(`${base}/customers/${customer.id}/tickets`);
  const row = page.getByTestId('ticket-row').filter({ hasText: subject });
  await row.getByTestId('ticket-toggle').click();
  const link = row.getByTestId('ticket-attachment');
  await link.waitFor();
  assert.equal(await link.textContent(), name);
  assert.equal(await link.getAttribute('download'), name);
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/v1\/attachments\/\d+$/);
  await checkAccessible(page, 'tickets tab, a message with an attachment');
  const got = await page.request.get(`${base}${href}`);
  assert.equal(got.status(), 200);
  assert.equal(createHash('sha256').update(await got.body()).digest('hex'),
    createHash('sha256').update(pdf).digest('hex'));
  assert.deepEqual(problems, []);
});
