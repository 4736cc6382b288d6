// Inbound mail becomes tickets (M2 routing, M4 threading, M5 consequences):
// POST /mailbox/inbound routes a parsed mail in the transaction that records
// the parse, and the stored result says what routing did and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CONFIG, admin, expectOk, getWithEtag, makeCustomer, raw, sql, uniq,
} from './lib.mjs';

const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN ?? 'test-mailbox-token-1';
const AUTHSERV = process.env.MSPHUB_TEST_MAIL_AUTHSERV_ID ?? 'mx.test.msphub';
const SECRET = readFileSync(CONFIG, 'utf8').match(/^MSPHUB_MAIL_SECRET=(.*)$/m)[1];
const LIST = '/api/v1/mailbox/messages';

// One of our Message-IDs for a ticket (lib/msgid.h), signed with the instance's secret.
function ourId(ticket, nonce = 7) {
  const mac = createHmac('sha256', SECRET).update(`${ticket}.${nonce}`).digest().subarray(0, 12);
  return `msphub.${ticket}.${nonce}.${mac.toString('base64url')}@msp.example`;
}

function mail({ from, subject = 'Printer', body = 'Hello', id = `${uniq('m')}@mail.example`, headers = [] }) {
  return [...headers, `From: ${from}`, 'To: help@msp.example', `Subject: ${subject}`, `Message-ID: <${id}>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

async function deliver(text, headers = {}) {
  return raw('POST', '/mailbox/inbound', {
    headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}`, ...headers }, body: text,
  });
}

async function routed(text, status = 202) {
  const m = expectOk(await deliver(text), status);
  assert.equal(m.status, 'parsed', JSON.stringify(m));
  return m;
}

const domainName = () => `${uniq('d').toLowerCase()}.example`;

function verify(customer, domain, sub = 0) {
  sql(`INSERT INTO customer_domains (customer_id, domain, include_subdomains, verified_at, created_at)
    VALUES (${customer}, '${domain}', ${sub}, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
}

const pass = (domain, serv = AUTHSERV) => `Authentication-Results: ${serv}; spf=none; dmarc=pass header.from=${domain}`;

async function messages(a, ticket) {
  return expectOk(await a.get(`/api/v1/tickets/${ticket}/messages?limit=200`));
}

async function contact(a, customer, email) {
  return expectOk(await a.post(`/api/v1/customers/${customer}/contacts`, { name: 'Known Person', email }), 201);
}

async function setStatus(a, ticket, status) {
  const { etag } = await getWithEtag(a, `/api/v1/tickets/${ticket}`);
  return expectOk(await a.patch(`/api/v1/tickets/${ticket}`, { status }, { headers: { 'If-Match': etag } }));
}

test('M2: a verified domain with our DMARC pass: a ticket of that customer, the contact created, one acknowledgement a day', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const domain = domainName();
  verify(cust.id, domain);
  const from = `new.person@${domain}`;
  const m = await routed(mail({ from: `New Person <${from}>`, subject: 'VPN down', headers: [pass(domain)] }));
  const r = m.result.route;
  assert.equal(r.action, 'new');
  assert.equal(r.identity, 'domain');
  assert.equal(r.authentication, 'dmarc');
  assert.equal(r.customer_id, cust.id);
  assert.equal(r.contact_created, true);
  assert.equal(r.acknowledged, true);
  const list = expectOk(await a.get(`/api/v1/customers/${cust.id}/tickets`));
  const t = list.find((x) => x.id === r.ticket_id);
  assert.ok(t, 'on the customer\'s ticket list');
  assert.equal(t.source, 'mail');
  assert.equal(t.subject, 'VPN down');
  const contacts = expectOk(await a.get(`/api/v1/customers/${cust.id}/contacts`));
  const k = contacts.find((x) => x.email === from);
  assert.equal(k?.name, 'New Person');
  assert.equal(t.contact_id, k.id);
  const msgs = await messages(a, t.id);
  assert.equal(msgs.length, 1);
  assert.equal(msgs[0].author_kind, 'contact');
  assert.equal(msgs[0].author_contact_id, k.id);
  assert.equal(sql(`SELECT inbound_message_id, message_id FROM ticket_messages WHERE id = ${msgs[0].id}`),
    `${m.id}\t${m.message_id}`);
  assert.equal(sql(`SELECT kind, auto_submitted, to_addr, in_reply_to FROM outbound_mail WHERE ticket_id = ${t.id}`),
    `acknowledgement\t1\t${from}\t<${m.message_id}>`);
  // A second new ticket from the sender within 24 h: no second acknowledgement.
  const again = await routed(mail({ from, subject: 'And the printer', headers: [pass(domain)] }));
  assert.equal(again.result.route.action, 'new');
  assert.equal(again.result.route.contact_id, k.id, 'now a known contact');
  assert.equal(again.result.route.acknowledged, false);
  assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE to_addr = '${from}'`), '1');
  // The admin list shows what routing did and why.
  const listed = expectOk(await a.get(`${LIST}?limit=200`)).find((x) => x.id === m.id);
  assert.equal(listed.result.route.ticket_id, r.ticket_id);
  assert.match(listed.result.route.why.join(' '), /verified and dmarc passed/);
});

test('M2: two mails of a new sender at once create one contact, and both become tickets', async () => {
  const cust = await makeCustomer();
  const domain = domainName();
  verify(cust.id, domain);
  const from = `twice@${domain}`;
  const [x, y] = await Promise.all([0, 1].map((i) => deliver(mail({ from, subject: `race ${i}`, headers: [pass(domain)] }))));
  const ids = [expectOk(x, 202), expectOk(y, 202)].map((m) => {
    assert.equal(m.status, 'parsed');
    return m.result.route.contact_id;
  });
  assert.equal(ids[0], ids[1]);
  assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE email = '${from}'`), '1');
  assert.equal(sql(`SELECT n FROM customer_counts WHERE customer_id = ${cust.id} AND name = 'contacts'`), '1');
});

test('M2: the same mail spoofed (no A-R, another authserv-id, a forged A-R under ours) goes to the unassigned queue', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const domain = domainName();
  verify(cust.id, domain);
  const from = `ceo@${domain}`;
  const spoofs = [
    [],
    [pass(domain, 'mx.evil.example')],
    [`Authentication-Results: ${AUTHSERV}; dmarc=fail header.from=${domain}`, pass(domain)],
    [`Authentication-Results: ${AUTHSERV}; dkim=pass header.d=bulk-sender.example`],
  ];
  for (const headers of spoofs) {
    const m = await routed(mail({ from, subject: 'Urgent', headers }));
    const r = m.result.route;
    assert.equal(r.action, 'new', JSON.stringify(headers));
    assert.equal(r.identity, 'unassigned', JSON.stringify(headers));
    assert.equal(r.customer_id, undefined);
    assert.match(r.why.join(' '), /no aligned pass/);
    const t = expectOk(await a.get(`/api/v1/tickets/${r.ticket_id}`));
    assert.equal(t.customer_id, null);
    const queue = expectOk(await a.get('/api/v1/tickets?unassigned=true&limit=200'));
    assert.ok(queue.some((x) => x.id === t.id), 'in the unassigned queue');
    assert.ok(queue.every((x) => x.customer_id === null));
  }
  assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE email = '${from}'`), '0', 'no contact created');
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}/tickets`)).length, 0);
});

test('M2: a known contact routes without any domain; From, never Reply-To, is the identity', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const email = `${uniq('k').toLowerCase()}@freemail.example`;
  const k = await contact(a, cust.id, email);
  const m = await routed(mail({ from: email.toUpperCase(), subject: 'Monitor' }));
  assert.equal(m.result.route.identity, 'contact');
  assert.equal(m.result.route.customer_id, cust.id);
  assert.equal(m.result.route.contact_id, k.id);
  const spoof = await routed(mail({ from: 'someone@other.example', headers: [`Reply-To: ${email}`] }));
  assert.equal(spoof.result.route.identity, 'unassigned');
});

test('M4: threading by our Message-ID, by a stored Message-ID and by the tag from a participant; a stranger quoting the tag gets a new ticket', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const email = `${uniq('k').toLowerCase()}@acme.example`;
  await contact(a, cust.id, email);
  const first = await routed(mail({ from: email, subject: 'Printer jammed' }));
  const ticket = first.result.route.ticket_id;
  const number = first.result.route.ticket_number;
  const byOurs = await routed(mail({ from: email, subject: 'Re: Printer jammed', headers: [`In-Reply-To: <${ourId(ticket)}>`] }));
  assert.equal(byOurs.result.route.action, 'reply');
  assert.equal(byOurs.result.route.thread, 'our_message_id');
  assert.equal(byOurs.result.route.ticket_id, ticket);
  const byStored = await routed(mail({ from: email, subject: 'no tag at all', headers: [`In-Reply-To: <${first.message_id}>`] }));
  assert.equal(byStored.result.route.thread, 'stored_message_id');
  assert.equal(byStored.result.route.ticket_id, ticket);
  const byTag = await routed(mail({ from: email, subject: `Re: [#${number}] again` }));
  assert.equal(byTag.result.route.thread, 'subject_tag');
  assert.equal(byTag.result.route.ticket_id, ticket);
  assert.equal((await messages(a, ticket)).length, 4);
  const forged = await routed(mail({ from: email, subject: 'x', headers: [`In-Reply-To: <msphub.${ticket}.7.AAAAAAAAAAAAAAAA@msp.example>`] }));
  assert.notEqual(forged.result.route.ticket_id, ticket, 'a forged ID of ours threads nowhere');
  const stranger = await routed(mail({ from: 'mallory@evil.example', subject: `Re: [#${number}] give me the data` }));
  const r = stranger.result.route;
  assert.equal(r.action, 'new');
  assert.notEqual(r.ticket_id, ticket);
  assert.equal(r.linked_ticket, number);
  const notes = await messages(a, r.ticket_id);
  assert.equal(notes.length, 2);
  assert.equal(notes[1].kind, 'note');
  assert.match(notes[1].body, new RegExp(`${number}.*no participant`));
  assert.equal((await messages(a, ticket)).length, 4, 'nothing added to the tagged ticket');
});

test('M4: a contact\'s reply reopens a resolved ticket; a reply to a closed one opens a new ticket linking it', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const email = `${uniq('k').toLowerCase()}@acme.example`;
  await contact(a, cust.id, email);
  const first = await routed(mail({ from: email }));
  const ticket = first.result.route.ticket_id;
  await setStatus(a, ticket, 'resolved');
  const reply = await routed(mail({ from: email, body: 'Broken again\n\n> ##- Please type your reply above this line -##\n> old', headers: [`In-Reply-To: <${ourId(ticket)}>`] }));
  assert.equal(reply.result.route.action, 'reply');
  let t = expectOk(await a.get(`/api/v1/tickets/${ticket}`));
  assert.equal(t.status, 'open');
  assert.equal(t.activity, 'awaiting_technician');
  const msgs = await messages(a, ticket);
  assert.equal(msgs.at(-1).body, 'Broken again', 'the text above the reply marker');
  await setStatus(a, ticket, 'closed');
  const late = await routed(mail({ from: email, headers: [`In-Reply-To: <${ourId(ticket)}>`] }));
  assert.equal(late.result.route.action, 'new');
  assert.equal(late.result.route.linked_ticket, t.number);
  t = expectOk(await a.get(`/api/v1/tickets/${ticket}`));
  assert.equal(t.status, 'closed');
  assert.match((await messages(a, late.result.route.ticket_id)).at(-1).body, /closed ticket/);
});

test('M5: an out-of-office reply is a note that never reopens, and opens nothing when it threads nowhere', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const email = `${uniq('k').toLowerCase()}@acme.example`;
  await contact(a, cust.id, email);
  const ticket = (await routed(mail({ from: email }))).result.route.ticket_id;
  await setStatus(a, ticket, 'resolved');
  const before = expectOk(await a.get(`/api/v1/tickets/${ticket}`));
  const oof = await routed(mail({ from: email, subject: 'Automatic reply: Printer', body: 'I am out of the office.',
    headers: ['Auto-Submitted: auto-replied', `In-Reply-To: <${ourId(ticket)}>`] }));
  assert.equal(oof.class, 'auto_reply');
  assert.equal(oof.result.route.action, 'note');
  const t = expectOk(await a.get(`/api/v1/tickets/${ticket}`));
  assert.equal(t.status, 'resolved');
  assert.equal(t.activity, before.activity);
  assert.equal((await messages(a, ticket)).at(-1).kind, 'note');
  const count = sql('SELECT COUNT(*) FROM tickets');
  const exchange = await routed(mail({ from: email, subject: 'Automatic reply: hi', headers: ['X-Auto-Response-Suppress: All'] }));
  assert.equal(exchange.result.route.action, 'drop');
  const list = await routed(mail({ from: 'news@vendor.example', headers: ['List-Id: <news.vendor.example>'] }));
  assert.equal(list.result.route.action, 'drop');
  assert.equal(sql('SELECT COUNT(*) FROM tickets'), count, 'no ticket opened');
  assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE to_addr = '${email}'`), '1', 'only the first mail was acknowledged');
});

test('M5: a bounce is a note on the original ticket and marks the address undeliverable; no acknowledgement goes there again', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const email = `${uniq('gone').toLowerCase()}@acme.example`;
  const k = await contact(a, cust.id, email);
  const other = `${uniq('k').toLowerCase()}@acme.example`;
  await contact(a, cust.id, other);
  const ticket = (await routed(mail({ from: other }))).result.route.ticket_id;
  const dsn = ['From: MAILER-DAEMON@mx.acme.example', 'To: help@msp.example', 'Subject: Undelivered Mail',
    `Message-ID: <${uniq('dsn')}@mx.acme.example>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b',
    'Content-Type: text/plain', '', 'Delivery failed.', '--b', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns; mx.acme.example', '', `Final-Recipient: rfc822; ${email}`, 'Action: failed',
    'Status: 5.1.1', '--b', 'Content-Type: text/rfc822-headers', '', 'From: help@msp.example', `To: ${email}`,
    `Message-ID: <${ourId(ticket, 99)}>`, '--b--', ''].join('\r\n');
  const m = await routed(dsn);
  assert.equal(m.class, 'bounce');
  assert.equal(m.result.route.action, 'note');
  assert.equal(m.result.route.ticket_id, ticket);
  assert.equal(m.result.route.undeliverable, email);
  assert.equal(sql(`SELECT undeliverable_at IS NOT NULL FROM contacts WHERE id = ${k.id}`), '1');
  assert.equal((await messages(a, ticket)).at(-1).kind, 'note');
  const later = await routed(mail({ from: email }));
  assert.equal(later.result.route.action, 'new');
  assert.equal(later.result.route.acknowledged, false);
  assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE to_addr = '${email}'`), '0');
});

test('M5: our own mail coming back is dropped', async () => {
  const count = sql('SELECT COUNT(*) FROM tickets');
  const m = await routed(mail({ from: 'help@msp.example', id: ourId(42, 5) }));
  assert.equal(m.result.route.action, 'drop');
  assert.match(m.result.route.why.join(' '), /our own mail/);
  assert.equal(sql('SELECT COUNT(*) FROM tickets'), count);
});

test('T2: X-Spam-Flag: YES lands as spam; over the ticket limit mail still becomes a ticket, in triage', async () => {
  const a = await admin();
  const spam = await routed(mail({ from: 'winner@lottery.example', headers: ['X-Spam-Flag: YES'] }));
  assert.equal(spam.result.route.spam, true);
  assert.equal(spam.result.route.acknowledged, false);
  const t = expectOk(await a.get(`/api/v1/tickets/${spam.result.route.ticket_id}`));
  assert.equal(t.spam, true);
  const queue = expectOk(await a.get('/api/v1/tickets?unassigned=true&limit=200'));
  assert.ok(!queue.some((x) => x.id === t.id), 'not in the default (non-spam) list');
  const cust = await makeCustomer();
  const email = `${uniq('k').toLowerCase()}@acme.example`;
  await contact(a, cust.id, email);
  sql(`UPDATE customers SET ticket_limit = 0 WHERE id = ${cust.id}`);
  const over = await routed(mail({ from: email }));
  const ticket = expectOk(await a.get(`/api/v1/tickets/${over.result.route.ticket_id}`));
  assert.equal(ticket.customer_id, cust.id);
  assert.equal(ticket.triage, true);
});

test('M1+M4: reprocessing twice keeps one message; a redelivery opens no second ticket', async () => {
  const a = await admin();
  const text = mail({ from: `${uniq('x').toLowerCase()}@nowhere.example`, subject: uniq('once') });
  const m = await routed(text);
  const ticket = m.result.route.ticket_id;
  for (let i = 0; i < 2; i++) {
    const again = expectOk(await a.post(`${LIST}/${m.id}/reprocess`));
    assert.equal(again.result.route.action, 'already_routed');
    assert.equal(again.result.route.ticket_id, ticket);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM ticket_messages WHERE inbound_message_id = ${m.id}`), '1');
  expectOk(await deliver(text), 200);
  expectOk(await deliver(`Received: from relay\r\n${text}`), 200);
  assert.equal(sql(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${ticket}`), '1');
});

// Statements of a routed mail from a new sender of a verified domain: all
// in the transaction that marks it parsed.  A fault at any of them leaves
// the mail received (or failed) with nothing of the route written; then
// reprocess routes it once.
test('M1+M2: a lost connection or deadlock mid-route leaves the mail received with nothing half-written, and reprocessable', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const domain = domainName();
  verify(cust.id, domain);
  const state = () => sql(`SELECT (SELECT COUNT(*) FROM tickets), (SELECT COUNT(*) FROM ticket_messages),
    (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM outbound_mail), (SELECT COUNT(*) FROM audit_log),
    (SELECT COUNT(*) FROM mail_acknowledgements)`);
  const seen = { lost: new Set(), deadlock: new Set() };
  for (let n = 5; n <= 40; n++) {
    for (const kind of ['lost', 'deadlock']) {
      const from = `${uniq('f').toLowerCase()}@${domain}`;
      const before = state();
      const res = await deliver(mail({ from, headers: [pass(domain)] }), { 'X-Msphub-Fault': `${n}:${kind}` });
      const m = expectOk(res, 202);
      seen[kind].add(m.status);
      if (m.status === 'parsed') {
        assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE email = '${from}'`), '1', `${n}:${kind}`);
        continue;
      }
      assert.equal(m.status, 'received', `${n}:${kind}`);
      assert.equal(state(), before, `${n}:${kind}: nothing half-written`);
      const done = expectOk(await a.post(`${LIST}/${m.id}/reprocess`));
      assert.equal(done.status, 'parsed');
      assert.equal(done.result.route.action, 'new');
      assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE email = '${from}'`), '1');
    }
  }
  assert.deepEqual([...seen.lost].sort(), ['parsed', 'received'], 'faults inside and after the route');
  assert.deepEqual([...seen.deadlock], ['parsed'], 'a deadlock is retried whole');
});
