// Inbound mail end to end in the browser (issue 9): a customer's domain is
// verified through the real challenge mail (delivered by the worker to the
// loopback SMTP sink, confirmed with the page's button), a mail from that
// domain with our MTA's DMARC pass becomes a ticket on the customer's hub,
// and the technician's reply goes out by SMTP with its delivery shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, base, unique, apiCreateCustomer, apiPost, checkAccessible } from './lib.mjs';

const SINK = process.env.MSPHUB_TEST_SMTP_DIR;
const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN;
const AUTHSERV = process.env.MSPHUB_TEST_MAIL_AUTHSERV_ID;
let browser;
let page;
let csrf;
const problems = [];

before(async () => { ({ browser, page, csrf } = await start(problems)); });
after(async () => { await browser?.close(); });

// The text of the first mail the sink took for addr that matches re,
// waiting for the worker to deliver it.
async function mailTo(addr, re = /./) {
  for (let i = 0; i < 200; i++) {
    const hit = readdirSync(SINK).filter((n) => n.endsWith(`-${addr}.eml`)).sort()
      .map((n) => readFileSync(join(SINK, n), 'latin1').replace(/=\r\n/g, ''))
      .find((text) => re.test(text));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${addr} matching ${re}`);
}

test('M1-M4: a mail from a verified domain becomes a ticket on the hub; the reply is mailed back', async () => {
  const domain = `${unique('mailco').replace(/[^a-z0-9]/g, '')}.example`;
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Mail Co') });
  const d = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/domains`, { domain });
  await apiPost(page, csrf, `/api/v1/customers/${customer.id}/domains/${d.id}/challenge`, { address: 'postmaster' });

  // The postmaster opens the link and confirms with the button.
  const challenge = await mailTo(`postmaster@${domain}`);
  const link = /(http:\/\/\S+\/verify-domain\.html#\S+)/.exec(challenge)?.[1];
  assert.ok(link, 'the challenge mail holds the link');
  const other = await browser.newContext();
  try {
    const confirm = await other.newPage();
    await confirm.goto(link);
    await confirm.locator('#verify-confirm').click();
    await confirm.locator('#verify-status').filter({ hasText: `${domain} is confirmed` }).waitFor();
  } finally {
    await other.close();
  }

  // A mail from the domain, authenticated by our MTA.
  const subject = unique('Scanner jammed');
  const mail = [`From: Jane Roe <jane@${domain}>`, 'To: support@msp.example', `Subject: ${subject}`,
    `Message-ID: <${unique('m').replace(/ /g, '')}@${domain}>`, `Authentication-Results: ${AUTHSERV}; dmarc=pass header.from=${domain}`,
    'Content-Type: text/plain; charset=utf-8', '', 'The scanner on floor 2 is jammed again.', ''].join('\r\n');
  const res = await page.request.post(`${base}/mailbox/inbound`, {
    data: mail, headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status(), 202);

  await page.goto(`${base}/customers/${customer.id}/tickets`);
  const row = page.getByTestId('tickets-open').getByTestId('ticket-row').filter({ hasText: subject });
  await row.waitFor();
  await page.getByTestId('tab-count-contacts').filter({ hasText: /^1$/ }).waitFor();
  await row.getByTestId('ticket-toggle').click();
  await row.getByTestId('ticket-message').filter({ hasText: 'floor 2 is jammed' }).waitFor();
  await checkAccessible(page, 'a ticket from mail');

  // The reply goes out by SMTP; the hub says so.
  await row.getByTestId('ticket-reply-body').fill('On our way with a new roller.');
  await row.getByTestId('ticket-reply-submit').click();
  // First the acknowledgement of the new ticket (once), then the reply.
  const ack = await mailTo(`jane@${domain}`, /We have received your message/);
  assert.equal(ack.split('##- Please type your reply above this line -##').length, 2, 'one reply marker');
  const sent = await mailTo(`jane@${domain}`, /On our way with a new roller\./);
  assert.match(sent, new RegExp(`Subject: Re: .*\\[#T-\\d+\\]`));
  await page.reload();
  const again = page.getByTestId('tickets-open').getByTestId('ticket-row').filter({ hasText: subject });
  await again.getByTestId('ticket-toggle').click();
  await again.getByTestId('ticket-delivery').filter({ hasText: /Mailed to the contact/ }).waitFor();
  assert.deepEqual(problems, []);
});
