// Outbound mail (issue 9): a technician's reply on an email ticket goes
// out by SMTP through the worker daemon (cgi/msphub-worker) to the loopback
// sink ./stack test runs (tests/smtp/sink.py, mail in MSPHUB_TEST_SMTP_DIR).
// The sink's recipients choose its answer: reject* 550, tempfail-once* 451
// once, hang-once* never answers RCPT the first time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BIN, CONFIG, RUN, admin, expectError, expectOk, makeCustomer, q, sql, uniq, until, workersOf,
} from './lib.mjs';

const SINK = process.env.MSPHUB_TEST_SMTP_DIR;
const MARKER = '##- Please type your reply above this line -##';
const WORKER_PID = join(RUN, 'msphub-worker.pid');

/** Every message the sink took for address, parsed. */
function received(addr) {
  return readdirSync(SINK).filter((f) => f.endsWith(`-${addr}.eml`))
    .map((f) => parse(readFileSync(join(SINK, f), 'latin1')));
}

// Headers unfolded (names lower-cased, RFC 2047 B words decoded), the
// body quoted-printable decoded; raw keeps the bytes as sent.
function parse(raw) {
  const cut = raw.indexOf('\r\n\r\n');
  assert.ok(cut > 0, 'a header block');
  const headers = {};
  const names = [];
  for (const line of raw.slice(0, cut).replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).toLowerCase();
    names.push(name);
    headers[name] = line.slice(i + 1).trim().replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  }
  const qp = raw.slice(cut + 4).replace(/=\r\n/g, '');
  const bytes = [];
  for (let i = 0; i < qp.length; i++) {
    if (qp[i] === '=' && /^[0-9A-F]{2}$/.test(qp.slice(i + 1, i + 3))) {
      bytes.push(parseInt(qp.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(qp.charCodeAt(i));
  }
  return { raw, headers, names, body: Buffer.from(bytes).toString('utf8') };
}

/** A ticket of a new customer whose contact has address addr. */
async function emailTicket(addr, subject = 'Printer down') {
  const a = await admin();
  const c = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${c.id}/contacts`, { name: 'Jane Doe', email: addr }), 201);
  const t = expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject, contact_id: k.id }), 201);
  return { a, c, k, t };
}

async function reply(a, t, body = 'Fixed: the printer works again.') {
  expectOk(await a.post(`/api/v1/tickets/${t.id}/messages`, { body }), 201);
  return sql(`SELECT id FROM outbound_mail WHERE ticket_id = ${t.id} ORDER BY id DESC LIMIT 1`);
}

function mailRow(id) {
  const [status, attempts, error] = sql(`SELECT status, attempts, COALESCE(last_error, '')
    FROM outbound_mail WHERE id = ${id}`).split('\t');
  return { status, attempts: Number(attempts), error };
}

async function settled(id, status, tries = 150) {
  await until(`mail ${id} ${status}`, () => mailRow(id).status === status, tries);
  return mailRow(id);
}

function addr(prefix) {
  return `${uniq(prefix)}@customer.example`;
}

test('a reply on an email ticket arrives at the SMTP server with threading and loop-safe headers', async () => {
  const to = addr('jane');
  const { a, t } = await emailTicket(to, 'Drucker defekt – Grüße aus Köln');
  // The contact's mail the ticket came from (stored as GMime gives it).
  sql(`INSERT INTO ticket_messages (ticket_id, kind, author_kind, author_name, body, message_id, created_at)
    VALUES (${t.id}, 'reply', 'contact', 'Jane', 'Help', 'first.1@customer.example', UTC_TIMESTAMP(6)),
    (${t.id}, 'reply', 'contact', 'Jane', 'Still?', 'second.2@customer.example', UTC_TIMESTAMP(6))`);
  const id = await reply(a, t, 'Fixed.\nDer Drucker läuft = wieder.');
  assert.equal((await settled(id, 'sent')).attempts, 1);
  const [m, ...more] = received(to);
  assert.equal(more.length, 0, 'delivered once');
  const h = m.headers;
  assert.equal(h.from, 'helpdesk@msphub.test');
  assert.equal(h.to, to);
  assert.equal(h.subject, `Re: Drucker defekt – Grüße aus Köln [#${t.number}]`);
  assert.match(h.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/);
  // Our Message-ID names the ticket (lib/msgid.h) and is kept on the message.
  const mid = h['message-id'].match(/^<msphub\.(\d+)\.\d+\.[A-Za-z0-9_-]+@msphub\.test>$/);
  assert.ok(mid, h['message-id']);
  assert.equal(Number(mid[1]), t.id);
  assert.equal(sql(`SELECT message_id FROM ticket_messages WHERE ticket_id = ${t.id} AND author_kind = 'user'`),
    h['message-id'].slice(1, -1));
  assert.equal(sql(`SELECT LOWER(HEX(message_id_sha)) = SHA2(message_id, 256) FROM ticket_messages
    WHERE ticket_id = ${t.id} AND author_kind = 'user'`), '1');
  assert.equal(h['in-reply-to'], '<second.2@customer.example>', 'the contact\'s latest mail');
  assert.equal(h.references, '<first.1@customer.example> <second.2@customer.example>');
  assert.equal(h['mime-version'], '1.0');
  assert.equal(h['content-type'], 'text/plain; charset=utf-8');
  assert.equal(h['content-transfer-encoding'], 'quoted-printable');
  assert.equal(h['x-auto-response-suppress'], 'All');
  assert.equal(h['auto-submitted'], undefined, 'a person\'s reply is not automatic');
  assert.equal(m.body, `${MARKER}\r\n\r\nFixed.\r\nDer Drucker läuft = wieder.\r\n`);
  assert.match(m.raw, /l=C3=A4uft =3D wieder/);
  assert.doesNotMatch(m.raw, /[^\r]\n/, 'CRLF line ends only');
  // The message shows its delivery; the admin list the mail.
  const msgs = expectOk(await a.get(`/api/v1/tickets/${t.id}/messages`));
  const mine = msgs.find((x) => x.author_kind === 'user');
  assert.deepEqual(mine.delivery, { mail_id: Number(id), status: 'sent', error: null, attempts: 1 });
  assert.equal(msgs.find((x) => x.author_kind === 'contact').delivery, null);
  const list = expectOk(await a.get('/api/v1/mailbox/outbound?status=sent&limit=200'));
  const row = list.find((x) => x.id === Number(id));
  assert.equal(row.to, to);
  assert.equal(row.kind, 'reply');
  assert.equal(row.ticket_id, t.id);
  assert.ok(row.sent_at);
});

test('notes, and replies on tickets whose contact has no address, send nothing', async () => {
  const { a, t } = await emailTicket(addr('note'));
  expectOk(await a.post(`/api/v1/tickets/${t.id}/messages`, { body: 'internal', kind: 'note' }), 201);
  const c = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${c.id}/contacts`, { name: 'No Mail' }), 201);
  const t2 = expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject: 'x', contact_id: k.id }), 201);
  expectOk(await a.post(`/api/v1/tickets/${t2.id}/messages`, { body: 'public' }), 201);
  assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE ticket_id IN (${t.id}, ${t2.id})`), '0');
  const msgs = expectOk(await a.get(`/api/v1/tickets/${t2.id}/messages`));
  assert.equal(msgs[0].delivery, null);
});

test('a 451 is retried with backoff: sent on the second attempt, both attempts recorded', async () => {
  const to = addr('tempfail-once');
  const { a, t } = await emailTicket(to);
  const id = await reply(a, t);
  const r = await settled(id, 'sent');
  assert.equal(r.attempts, 2);
  assert.equal(r.error, '', 'the error is cleared once sent');
  assert.equal(received(to).length, 1);
});

test('a 550 fails the mail at once, visibly; an admin retry queues it again', async () => {
  const to = addr('reject');
  const { a, t } = await emailTicket(to);
  const id = await reply(a, t);
  const r = await settled(id, 'failed');
  assert.equal(r.attempts, 1, 'a permanent failure is not retried');
  assert.match(r.error, /550/);
  assert.equal(received(to).length, 0);
  const failed = expectOk(await a.get('/api/v1/mailbox/outbound?status=failed&limit=200'));
  assert.match(failed.find((x) => x.id === Number(id)).error, /550/);
  const msg = expectOk(await a.get(`/api/v1/tickets/${t.id}/messages`)).find((x) => x.delivery);
  assert.equal(msg.delivery.status, 'failed');
  assert.match(msg.delivery.error, /550/);
  // Retry: 409 while not failed, 404 for no mail; audited.
  expectError(await a.post('/api/v1/mailbox/outbound/999999999/retry', {}), 404, 'not_found');
  // The address is corrected (as an admin would), then retried.
  const fixed = addr('fixed');
  sql(`UPDATE outbound_mail SET to_addr = ${q(fixed)} WHERE id = ${id}`);
  const again = expectOk(await a.post(`/api/v1/mailbox/outbound/${id}/retry`, {}));
  assert.equal(again.status, 'queued');
  assert.equal(again.attempts, 0);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'mail.retried' AND object_id = ${id}`), '1');
  assert.equal((await settled(id, 'sent')).attempts, 1);
  assert.equal(received(fixed).length, 1);
  expectError(await a.post(`/api/v1/mailbox/outbound/${id}/retry`, {}), 409, 'not_failed');
});

test('the admin list pages newest first with a cursor and filters by status', async () => {
  const a = await admin();
  const res = await a.get('/api/v1/mailbox/outbound?limit=2');
  const first = expectOk(res);
  assert.equal(first.length, 2);
  assert.ok(first[0].id > first[1].id);
  assert.ok(res.body.next);
  const second = expectOk(await a.get(`/api/v1/mailbox/outbound?limit=2&after=${encodeURIComponent(res.body.next)}`));
  assert.ok(second[0].id < first[1].id);
  const sent = expectOk(await a.get('/api/v1/mailbox/outbound?status=sent&limit=200'));
  assert.ok(sent.length > 0);
  assert.ok(sent.every((x) => x.status === 'sent'));
  expectError(await a.get('/api/v1/mailbox/outbound?status=lost'), 400);
});

test('a worker killed -9 mid-send: the lease runs out, another worker sends the mail once', async () => {
  const to = addr('hang-once');
  const { a, t } = await emailTicket(to);
  const id = await reply(a, t);
  await until('the sink holds the RCPT', () => existsSync(join(SINK, `hanging-${to}`)), 150);
  const before = workersOf('msphub-worker');
  for (const pid of before) process.kill(pid, 'SIGKILL');
  const r = await settled(id, 'sent', 400);
  assert.equal(r.attempts, 2, 'the killed attempt counts');
  assert.equal(received(to).length, 1, 'delivered once');
  const after = workersOf('msphub-worker');
  assert.equal(after.length, before.length, 'the supervisor restarted its workers');
  assert.ok(after.every((p) => !before.includes(p)));
});

test('an SMTP server that does not answer: the attempt times out and is retried', async () => {
  const to = addr('hang-once');
  const { a, t } = await emailTicket(to);
  const id = await reply(a, t);
  const r = await settled(id, 'sent', 300);
  assert.equal(r.attempts, 2);
  assert.equal(received(to).length, 1);
  const log = readFileSync(join(RUN, '..', 'log', 'msphub-worker.log'), 'utf8');
  assert.match(log, new RegExp(`mail ${id}: attempt 1 failed, will retry: .*(timed out|[Tt]imeout)`));
});

test('two workers, 200 mails: each delivered exactly once', async () => {
  const tag = uniq('bulk');
  sql(`INSERT INTO outbound_mail (kind, to_addr, subject, body, message_id, next_attempt_at, created_at)
    SELECT 'notice', CONCAT('${tag}-', seq, '@customer.example'), 'Bulk', 'Hi',
      CONCAT('<${tag}.', seq, '@msphub.test>'), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_200`);
  await until('200 sent', () => sql(`SELECT COUNT(*) FROM outbound_mail
    WHERE message_id LIKE '<${tag}.%' AND status = 'sent'`) === '200', 600);
  const files = readdirSync(SINK).filter((f) => f.includes(`-${tag}-`));
  assert.equal(files.length, 200, 'one delivery per mail');
  const ids = files.map((f) => parse(readFileSync(join(SINK, f), 'latin1')).headers['message-id']);
  assert.equal(new Set(ids).size, 200, 'no mail twice');
  assert.equal(sql(`SELECT MAX(attempts) FROM outbound_mail WHERE message_id LIKE '<${tag}.%'`), '1');
});

test('a reply whose transaction loses its connection queues nothing', async () => {
  let fired = 0;
  for (let n = 1; n <= 40; n++) {
    const { a, t } = await emailTicket(addr('lost'));
    const res = await a.post(`/api/v1/tickets/${t.id}/messages`, { body: 'x' },
      { headers: { 'X-Msphub-Fault': `${n}:lost` } });
    if (!res.headers.get('x-msphub-fault-fired')) {
      expectOk(res, 201);
      assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE ticket_id = ${t.id}`), '1');
      assert.ok(fired > 3, 'the statements of the reply were failed');
      return;
    }
    fired++;
    // A read whose failure is repeated on a new connection: no harm done.
    if (res.status < 300) continue;
    expectError(res, 503);
    assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE ticket_id = ${t.id}`), '0', `lost at ${n}`);
    assert.equal(sql(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`), '0', `lost at ${n}`);
  }
  assert.fail('more than 40 statements');
});

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

// Last: the stack's worker is stopped, then started again as it was.
test('SIGTERM stops an idle worker cleanly; without MSPHUB_SMTP_URL mail waits, visibly', async () => {
  const pid = Number(readFileSync(WORKER_PID, 'utf8'));
  const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0')
    .filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  process.kill(pid, 'SIGTERM');
  await until('the worker stops', () => !alive(pid));

  // A worker of our own, with no SMTP server configured.
  const exe = join(BIN, 'cgi', 'msphub-worker');
  // Its log (and any sanitizer report) goes where ./stack test looks.
  const log = openSync(join(RUN, '..', 'log', 'msphub-worker.log'), 'a');
  const own = spawn(exe, [], { env: { ...env, MSPHUB_CONFIG: CONFIG, MSPHUB_SMTP_URL: '', MSPHUB_WORKER_PROCS: '1' },
    stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => own.on('exit', (code, signal) => resolve({ code, signal })));
  const to = addr('waiting');
  let id;
  try {
    const { a, t } = await emailTicket(to);
    id = await reply(a, t);
    await until('the reason is shown', () => mailRow(id).error === 'MSPHUB_SMTP_URL is not set');
    assert.deepEqual(mailRow(id), { status: 'queued', attempts: 0, error: 'MSPHUB_SMTP_URL is not set' });
    const msg = expectOk(await a.get(`/api/v1/tickets/${t.id}/messages`)).find((x) => x.delivery);
    assert.equal(msg.delivery.error, 'MSPHUB_SMTP_URL is not set');
  } finally {
    own.kill('SIGTERM');
  }
  assert.deepEqual(await exited, { code: 0, signal: null }, 'stopped cleanly');
  assert.equal(received(to).length, 0);

  // The stack's worker again: the waiting mail goes out.
  const back = spawn(exe, [], { env, stdio: ['ignore', log, log], detached: true });
  back.unref();
  writeFileSync(WORKER_PID, `${back.pid}\n`);
  await settled(id, 'sent');
  assert.equal(received(to).length, 1);
});
