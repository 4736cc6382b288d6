// Inbound mail (M1): POST /mailbox/inbound commits the raw bytes before it
// parses them, answers 202 with the message, recognises a re-delivery (the
// same bytes or the same Message-ID), keeps a message that fails to parse
// with its error, and an admin lists and reprocesses stored mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BASE, ROOT, admin, expectError, expectOk, makeUser, raw, sql, uniq,
} from './lib.mjs';

const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN ?? 'test-mailbox-token-1';
const INBOUND = '/mailbox/inbound';
const LIST = '/api/v1/mailbox/messages';

function mail({ id = `${uniq('m')}@acme.example`, from = 'alice@acme.example', subject = 'Printer', body = 'Hello' } = {}) {
  return [`From: ${from}`, 'To: help@msp.example', `Subject: ${subject}`, `Message-ID: <${id}>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

function deliver(body, { token = TOKEN, type = 'message/rfc822', headers = {} } = {}) {
  const h = { 'Content-Type': type, ...headers };
  if (token !== null) h.Authorization = `Bearer ${token}`;
  return raw('POST', INBOUND, { headers: h, body });
}

const stored = (id) => sql(`SELECT status, COALESCE(error, ''), size,
  (SELECT COUNT(*) FROM inbound_message_chunks WHERE message_id = ${id}) FROM inbound_messages WHERE id = ${id}`);

test('M1: a message is stored and parsed, 202 with its id; the parse carries what routing needs', async () => {
  const id = `${uniq('m')}@acme.example`;
  const text = mail({ id, subject: '=?UTF-8?Q?Drucker_kaputt_=E2=82=AC?=', body: 'The printer is jammed.' });
  const m = expectOk(await deliver(text), 202);
  assert.ok(m.id > 0);
  assert.equal(m.status, 'parsed');
  assert.equal(m.size, Buffer.byteLength(text));
  assert.equal(m.message_id, id);
  assert.equal(m.class, 'normal');
  assert.equal(m.subject, 'Drucker kaputt \u20ac');
  assert.equal(m.result.from, 'alice@acme.example');
  assert.deepEqual(m.result.to, ['help@msp.example']);
  assert.equal(m.result.text, 'The printer is jammed.');
  assert.deepEqual(m.result.attachments, []);
  assert.equal(sql(`SELECT HEX(sha256) FROM inbound_messages WHERE id = ${m.id}`),
    execFileSync('sha256sum', { input: text, encoding: 'utf8' }).slice(0, 64).toUpperCase());
});

test('M1: re-delivery of the same bytes or the same Message-ID answers 200 with the first message and stores nothing', async () => {
  const id = `${uniq('m')}@acme.example`;
  const first = expectOk(await deliver(mail({ id })), 202);
  const count = () => sql('SELECT COUNT(*) FROM inbound_messages');
  const before = count();
  const again = expectOk(await deliver(mail({ id })), 200);
  assert.equal(again.id, first.id);
  // Other bytes (a relay added a header), the same Message-ID.
  const relayed = expectOk(await deliver(`Received: from relay\r\n${mail({ id })}`), 200);
  assert.equal(relayed.id, first.id);
  assert.equal(count(), before, 'nothing new is stored');
  assert.equal(sql(`SELECT COUNT(*) FROM inbound_message_chunks c LEFT JOIN inbound_messages m
    ON m.id = c.message_id WHERE m.id IS NULL`), '0', 'no chunk is left without its message');
});

test('M1: a message that fails to parse is kept with its error, listed, and can be reprocessed', async () => {
  const text = mail({ from: '' }).replace(/^From: \r\n/, '');
  const m = expectOk(await deliver(text), 202);
  assert.equal(m.status, 'failed');
  assert.match(m.error, /no From address/);
  assert.deepEqual(stored(m.id).split('\t'), ['failed', m.error, String(Buffer.byteLength(text)), '1']);
  const a = await admin();
  const failed = expectOk(await a.get(`${LIST}?status=failed&limit=200`));
  assert.ok(failed.some((x) => x.id === m.id && x.error === m.error));
  assert.ok(failed.every((x) => x.status === 'failed'));
  const again = expectOk(await a.post(`${LIST}/${m.id}/reprocess`));
  assert.equal(again.status, 'failed');
  assert.equal(again.attempts, 2);
});

test('M1: the bytes are committed before the parse: a parse whose write is lost leaves the message received, and reprocess parses it', async () => {
  // Statements: 1 SELECT by hash, 2 INSERT, 3 chunk, 4 COMMIT, 5 SELECT by Message-ID, 6 UPDATE.
  const m = expectOk(await deliver(mail(), { headers: { 'X-Msphub-Fault': '6:lost' } }), 202);
  assert.equal(m.status, 'received');
  assert.equal(stored(m.id).split('\t')[0], 'received');
  const a = await admin();
  const received = expectOk(await a.get(`${LIST}?status=received&limit=200`));
  assert.ok(received.some((x) => x.id === m.id));
  const done = expectOk(await a.post(`${LIST}/${m.id}/reprocess`));
  assert.equal(done.status, 'parsed');
  assert.equal(done.result.text, 'Hello');
  expectError(await a.post(`${LIST}/999999999/reprocess`), 404, 'not_found');
});

test('M1: a large message is stored in chunks and read back whole on reprocess', async () => {
  const body = 'x'.repeat(76) + '\r\n';
  const text = mail({ body: body.repeat(Math.ceil((3 * 1024 * 1024) / body.length)) });
  const m = expectOk(await deliver(text), 202);
  assert.equal(m.status, 'parsed');
  assert.equal(stored(m.id).split('\t')[3], String(Math.ceil(m.size / (1024 * 1024))), '1 MiB chunks');
  assert.ok(m.size > 3 * 1024 * 1024);
  const a = await admin();
  const again = expectOk(await a.post(`${LIST}/${m.id}/reprocess`));
  assert.equal(again.status, 'parsed');
  assert.equal(again.result.text.length, m.result.text.length);
});

test('M1: 401 without or with a wrong token, 415 for another type, 413 over 25 MB; nothing stored', async () => {
  const count = () => sql('SELECT COUNT(*) FROM inbound_messages');
  const before = count();
  let res = await deliver(mail(), { token: null });
  expectError(res, 401, 'bad_token');
  assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  expectError(await deliver(mail(), { token: `${TOKEN}x` }), 401, 'bad_token');
  expectError(await deliver(mail(), { token: '' }), 401, 'bad_token');
  expectError(await deliver(mail(), { type: 'text/plain' }), 415);
  res = await deliver(Buffer.alloc(25 * 1024 * 1024 + 1, 'a'));
  expectError(res, 413, 'too_large');
  assert.equal(count(), before);
});

test('M1: the mail list and reprocess are for admins only', async () => {
  const tech = await makeUser('technician');
  expectError(await tech.get(LIST), 403, 'forbidden');
  expectError(await tech.post(`${LIST}/1/reprocess`), 403, 'forbidden');
  expectError(await raw('GET', LIST), 401);
});

test('M1: the list pages newest first by id with a cursor', async () => {
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(expectOk(await deliver(mail()), 202).id);
  const a = await admin();
  const p1 = await a.get(`${LIST}?limit=2`);
  const d1 = expectOk(p1);
  assert.deepEqual(d1.map((x) => x.id), [ids[2], ids[1]]);
  assert.ok(p1.body.next);
  const d2 = expectOk(await a.get(`${LIST}?limit=1&after=${encodeURIComponent(p1.body.next)}`));
  assert.deepEqual(d2.map((x) => x.id), [ids[0]]);
  expectError(await a.get(`${LIST}?status=lost`), 400);
});

test('M5: a DSN and an auto-reply are classified', async () => {
  const dsn = ['From: MAILER-DAEMON@mx.example', 'To: help@msp.example', 'Subject: Undelivered',
    `Message-ID: <${uniq('dsn')}@mx.example>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary=b', '',
    '--b', 'Content-Type: text/plain', '', 'could not be delivered', '--b',
    'Content-Type: message/delivery-status', '', 'Action: failed', '--b--', ''].join('\r\n');
  assert.equal(expectOk(await deliver(dsn), 202).class, 'bounce');
  const oof = mail().replace('MIME-Version', 'Auto-Submitted: auto-replied\r\nMIME-Version');
  assert.equal(expectOk(await deliver(oof), 202).class, 'auto_reply');
});

test('M1: the mail gateway maps statuses to sysexits: 0 stored, 65 refused, 75 try later', () => {
  const gw = join(ROOT, 'cgi', 'msphub-mail-gateway');
  const run = (input, env) => {
    try {
      execFileSync('sh', [gw], { input, env: { PATH: process.env.PATH, MSPHUB_MAILBOX_URL: BASE + INBOUND, ...env } });
      return 0;
    } catch (e) { return e.status; }
  };
  assert.equal(run(mail(), { MSPHUB_MAILBOX_TOKEN: TOKEN }), 0);
  assert.equal(run(mail(), { MSPHUB_MAILBOX_TOKEN: 'wrong' }), 75, '401: the MTA keeps it');
  assert.equal(run(mail(), {}), 75, 'no token configured');
  assert.equal(run(Buffer.alloc(25 * 1024 * 1024 + 1, 'a'), { MSPHUB_MAILBOX_TOKEN: TOKEN }), 65, '413 bounces');
  assert.equal(run(mail(), { MSPHUB_MAILBOX_TOKEN: TOKEN, MSPHUB_MAILBOX_URL: 'http://127.0.0.1:1/mailbox/inbound' }), 75,
    'no answer: try later');
});
