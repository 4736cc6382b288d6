// Mail attachments (M1): a parsed mail's attachments and inline images are
// stored in MariaDB in chunks, in the transaction that marks the mail
// parsed, and served only to signed-in users as downloads a browser never
// renders as one of our pages.  The mail router that links a ticket message
// to its mail is being built beside this: here the test sets
// ticket_messages.inbound_message_id itself through the database socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  BASE, admin, expectError, expectOk, makeCustomer, makeUser, raw, roundTrips, sql, uniq,
} from './lib.mjs';

const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN ?? 'test-mailbox-token-1';
const MSG = '/api/v1/mailbox/messages';
const sha = (b) => createHash('sha256').update(b).digest('hex');

// A 2x2 PNG and a small PDF: the bytes every download must give back.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73'
  + '0000001049444154789c63f8cfc000440c100a001fee03fd8b5f14d40000000049454e44ae426082', 'hex');
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const NAME = 'Rechnung März "Q1".pdf';
const HTML = '<script>alert(1)</script>';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const b64 = (buf) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');

/** A mail with a PDF (RFC 2231 UTF-8 name), an inline PNG, an HTML file, an inline SVG and extra parts. */
function mail({ id = `${uniq('att')}@acme.example`, extra = [] } = {}) {
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', '', 'See the invoice and the screenshot.'],
    ['Content-Type: application/pdf', 'Content-Disposition: attachment;',
      ` filename*=UTF-8''${encodeURIComponent(NAME).replace(/'/g, '%27')}`,
      'Content-Transfer-Encoding: base64', '', b64(PDF)],
    ['Content-Type: image/png; name="screen.png"', 'Content-Disposition: inline; filename="screen.png"',
      'Content-ID: <screen-1@acme.example>', 'Content-Transfer-Encoding: base64', '', b64(PNG)],
    ['Content-Type: text/html; name="page.html"', 'Content-Disposition: attachment; filename="page.html"', '',
      HTML],
    ['Content-Type: image/svg+xml', 'Content-Disposition: inline; filename="logo.svg"', '',
      SVG],
    ...extra,
  ];
  return [`From: alice@acme.example`, 'To: help@msp.example', 'Subject: invoice', `Message-ID: <${id}>`,
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="=_b_7f3a"', '',
    ...parts.flatMap((p) => ['--=_b_7f3a', ...p]), '--=_b_7f3a--', ''].join('\r\n');
}

function deliver(body, headers = {}) {
  return raw('POST', '/mailbox/inbound', {
    headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}`, ...headers }, body,
  });
}

async function download(client, id) {
  const res = await fetch(`${BASE}/api/v1/attachments/${id}`, {
    headers: client ? { Cookie: `msphub_session=${client.token}` } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const stored = (id) => sql(`SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM mail_attachment_chunks c
  WHERE c.attachment_id = a.id)), 0) FROM mail_attachments a WHERE a.inbound_message_id = ${id}`).split('\t');
const orphans = () => sql(`SELECT COUNT(*) FROM mail_attachment_chunks c
  LEFT JOIN mail_attachments a ON a.id = c.attachment_id WHERE a.id IS NULL`);

test('M1: attachments and inline images are stored with the parse and served byte for byte', async () => {
  const m = expectOk(await deliver(mail()), 202);
  assert.equal(m.status, 'parsed');
  const a = await admin();
  const got = expectOk(await a.get(`${MSG}/${m.id}`));
  assert.equal(got.id, m.id);
  const att = got.attachments;
  assert.deepEqual(att.map((x) => [x.filename, x.content_type, x.inline, x.size]), [
    [NAME, 'application/pdf', false, PDF.length],
    ['screen.png', 'image/png', true, PNG.length],
    ['page.html', 'text/html', false, HTML.length],
    ['logo.svg', 'image/svg+xml', true, SVG.length],
  ]);
  assert.equal(att[1].content_id, 'screen-1@acme.example');
  assert.equal(att[0].sha256, sha(PDF));
  assert.equal(att[1].url, `/api/v1/attachments/${att[1].id}`);

  const tech = await makeUser('read_only');
  const pdf = await download(tech, att[0].id);
  assert.equal(pdf.status, 200);
  assert.equal(sha(pdf.bytes), sha(PDF), 'the PDF comes back as it was');
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.headers.get('content-disposition'),
    'attachment; filename="Rechnung M_rz _Q1_.pdf"; filename*=UTF-8\'\'Rechnung%20M%C3%A4rz%20%22Q1%22.pdf');
  assert.match(pdf.headers.get('x-content-type-options'), /nosniff/);
  assert.match(pdf.headers.get('content-security-policy'), /(^|, )sandbox(,|$)/);

  const png = await download(tech, att[1].id);
  assert.equal(sha(png.bytes), sha(PNG));
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.equal(png.headers.get('content-disposition'),
    'inline; filename="screen.png"; filename*=UTF-8\'\'screen.png', 'a raster image may be inline');

  for (const [i, name] of [[2, 'page.html'], [3, 'logo.svg']]) {
    const d = await download(tech, att[i].id);
    assert.equal(d.status, 200);
    assert.equal(d.headers.get('content-type'), 'application/octet-stream', `${name} is not served as itself`);
    assert.equal(d.headers.get('content-disposition'), `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      `${name} is never inline`);
    assert.match(d.headers.get('content-security-policy'), /sandbox/);
  }
});

test('M1: a file name cannot break the header: quotes, CR/LF and directories are taken out', async () => {
  const evil = ['Content-Type: text/plain', 'Content-Disposition: attachment;',
    ' filename="=?UTF-8?Q?..=2F..=2Fevil=0D=0ASet-Cookie:_x=3D1.txt?="', '', 'plain'];
  const m = expectOk(await deliver(mail({ extra: [evil] })), 202);
  const a = await admin();
  const att = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  assert.equal(att.length, 5);
  assert.equal(att[4].filename, 'evil__Set-Cookie: x=1.txt', 'no directory, control characters as _');
  const d = await download(a, att[4].id);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('set-cookie'), null);
  assert.equal(d.headers.get('content-type'), 'text/plain');
  assert.equal(d.headers.get('content-disposition'),
    'attachment; filename="evil__Set-Cookie: x=1.txt"; filename*=UTF-8\'\'evil__Set-Cookie%3A%20x%3D1.txt');
  assert.equal(d.bytes.toString(), 'plain');
});

test('M1: attachments are for signed-in users only: 401 signed out, 404 unknown; the message view is for admins', async () => {
  const m = expectOk(await deliver(mail()), 202);
  const a = await admin();
  const [first] = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  const out = await raw('GET', `/api/v1/attachments/${first.id}`);
  expectError(out, 401);
  expectError(await raw('GET', `/api/v1/attachments/${first.id}`, { cookie: 'forged' }), 401);
  expectError(await a.get('/api/v1/attachments/999999999'), 404, 'not_found');
  expectError(await a.get(`${MSG}/999999999`), 404, 'not_found');
  const tech = await makeUser('technician');
  expectError(await tech.get(`${MSG}/${m.id}`), 403, 'forbidden');
  const head = await raw('HEAD', `/api/v1/attachments/${first.id}`, { cookie: a.token });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(PDF.length));
  assert.equal(head.text, '');
});

test('M1: reprocessing a mail replaces its attachments, never duplicates them', async () => {
  const m = expectOk(await deliver(mail()), 202);
  assert.deepEqual(stored(m.id), ['4', '4']);
  const a = await admin();
  const before = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  for (let i = 0; i < 2; i++) assert.equal(expectOk(await a.post(`${MSG}/${m.id}/reprocess`)).status, 'parsed');
  assert.deepEqual(stored(m.id), ['4', '4']);
  const after = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  assert.deepEqual(after.map((x) => [x.filename, x.sha256]), before.map((x) => [x.filename, x.sha256]));
  assert.equal(sha((await download(a, after[0].id)).bytes), sha(PDF));
  expectError(await a.get(`/api/v1/attachments/${before[0].id}`), 404, 'not_found', undefined, 'the old copy is gone');
  assert.equal(orphans(), '0');
});

test('M1: at most 100 attachments of a mail are stored', async () => {
  const extra = Array.from({ length: 98 }, (_, i) => ['Content-Type: application/octet-stream',
    `Content-Disposition: attachment; filename="part-${i}.bin"`, '', `part ${i}`]);
  const m = expectOk(await deliver(mail({ extra })), 202);
  assert.equal(m.status, 'parsed');
  assert.equal(m.result.attachments.length, 102, 'the parse names them all');
  assert.deepEqual(stored(m.id), ['100', '100']);
  const a = await admin();
  const att = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  assert.equal(att[99].filename, 'part-95.bin', 'the first hundred, in order');
});

test('M1: a connection lost anywhere while the attachments are stored leaves the mail reprocessable and no orphan chunk', async () => {
  const a = await admin();
  // Statements: 1-4 store the bytes; 5 begins the parse's writes: Message-ID, delete, 4 x (insert, chunk), update.
  let received = 0;
  for (let n = 5; n <= 16; n++) {
    const res = await deliver(mail(), { 'X-Msphub-Fault': `${n}:lost` });
    const m = expectOk(res, 202);
    assert.ok(res.headers.get('x-msphub-fault-fired'), `fault ${n} fired`);
    if (m.status === 'received') {
      received++;
      assert.deepEqual(stored(m.id), ['0', '0'], `fault ${n}: nothing half stored`);
      const again = expectOk(await a.post(`${MSG}/${m.id}/reprocess`));
      assert.equal(again.status, 'parsed');
    }
    assert.deepEqual(stored(m.id), ['4', '4'], `fault ${n}: all four attachments, once`);
  }
  assert.ok(received >= 9, `the faults hit the attachment writes (${received})`);
  assert.equal(orphans(), '0');
});

test('M1: a 20 MB attachment round-trips in 1 MiB chunks, and its mail reprocesses', async () => {
  // Base64 makes 20 MB 27 MB, over the 25 MB message limit: binary transfer encoding.
  const big = randomBytes(20 * 1024 * 1024);
  const head = [`From: alice@acme.example`, 'To: help@msp.example', 'Subject: big',
    `Message-ID: <${uniq('big')}@acme.example>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="=_big_0c6d9f2e41a8"', '', '--=_big_0c6d9f2e41a8',
    'Content-Type: text/plain', '', 'The disk image.', '--=_big_0c6d9f2e41a8',
    'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="disk.img"',
    'Content-Transfer-Encoding: binary', '', ''].join('\r\n');
  const body = Buffer.concat([Buffer.from(head), big, Buffer.from('\r\n--=_big_0c6d9f2e41a8--\r\n')]);
  const m = expectOk(await deliver(body), 202);
  assert.equal(m.status, 'parsed');
  assert.deepEqual(stored(m.id), ['1', '20']);
  const a = await admin();
  const [att] = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  assert.equal(att.size, big.length);
  const d = await download(a, att.id);
  assert.equal(d.status, 200);
  assert.equal(d.bytes.length, big.length);
  assert.equal(sha(d.bytes), sha(big));
  assert.equal(d.headers.get('content-type'), 'application/octet-stream');
  // Reprocessing reads the 20 MB back and stores it again, within a request's memory.
  assert.equal(expectOk(await a.post(`${MSG}/${m.id}/reprocess`)).status, 'parsed');
  assert.deepEqual(stored(m.id), ['1', '20']);
  const [again] = expectOk(await a.get(`${MSG}/${m.id}`)).attachments;
  assert.equal(again.sha256, sha(big));
});

test('M1/T1: a ticket message made from a mail lists its attachments, one statement for the page', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const t = expectOk(await a.post(`/api/v1/customers/${cust.id}/tickets`, { subject: 'From mail' }), 201);
  const path = `/api/v1/tickets/${t.id}/messages`;
  // The reply is the ticket; the message is its newest.
  const add = async (body) => {
    expectOk(await a.post(path, { kind: 'note', body }), 201);
    return { id: Number(sql(`SELECT MAX(id) FROM ticket_messages WHERE ticket_id = ${t.id}`)) };
  };
  const plain = await add('typed in the hub');
  const fromMail = await add('came by mail');
  const m = expectOk(await deliver(mail()), 202);
  // The mail router sets this; here the test does.
  sql(`UPDATE ticket_messages SET inbound_message_id = ${m.id} WHERE id = ${fromMail.id}`);
  const page = expectOk(await a.get(path));
  assert.deepEqual(page.find((x) => x.id === plain.id).attachments, []);
  const listed = page.find((x) => x.id === fromMail.id).attachments;
  assert.deepEqual(listed.map((x) => x.filename), [NAME, 'screen.png', 'page.html', 'logo.svg']);
  assert.equal(sha((await download(a, listed[1].id)).bytes), sha(PNG));
  // More mail messages on the page cost no more statements.
  const one = await roundTrips(a, path);
  for (let i = 0; i < 3; i++) {
    const x = await add(`mail ${i}`);
    const mi = expectOk(await deliver(mail()), 202);
    sql(`UPDATE ticket_messages SET inbound_message_id = ${mi.id} WHERE id = ${x.id}`);
  }
  assert.equal(expectOk(await a.get(path)).filter((x) => x.attachments.length === 4).length, 4);
  assert.equal(await roundTrips(a, path), one);
});
