// Contacts (K1-K3): a customer's contacts, moved between customers as an
// audited change, imported from CSV (bad rows named by line, good rows
// kept, a second import of the same file creates nothing) and exported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE, COOKIE_NAME, ROOT, admin, expectError, expectOk, makeCustomer, makeUser, raw, sql, uniq,
} from './lib.mjs';

const C = (id) => `/api/v1/customers/${id}/contacts`;
const csv = (client, id, body, type = 'text/csv') =>
  client.post(`${C(id)}/import`, body, { headers: { 'Content-Type': type } });

test('K2: add a contact, read it, list and search it; defaults and ETag', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const name = uniq('Ada Lovelace');
  const r = await a.post(C(cust.id), { name, email: 'Ada@Example.COM', job_title: 'Analyst', phone: '+32 2 123' });
  const k = expectOk(r, 201);
  assert.equal(k.name, name);
  assert.equal(k.email, 'ada@example.com', 'an email is kept lower-cased');
  assert.equal(k.status, 'active');
  assert.equal(k.customer_id, cust.id);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${C(cust.id)}/${k.id}`);
  assert.deepEqual(expectOk(await a.get(`${C(cust.id)}/${k.id}`)), k);
  assert.deepEqual(expectOk(await a.get(`${C(cust.id)}?q=lovelace`)).map((x) => x.id), [k.id]);
  assert.deepEqual(expectOk(await a.get(`${C(cust.id)}?q=ada@example`)).map((x) => x.id), [k.id]);
  assert.deepEqual(expectOk(await a.get(`${C(cust.id)}?q=nobody`)), []);
  const ro = await makeUser('read_only');
  expectOk(await ro.get(C(cust.id)));
  expectError(await ro.post(C(cust.id), { name: 'x' }), 403, 'forbidden');
});

test('K2: a name is required; customer_id is not taken on create; email is unique within the customer', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  expectError(await a.post(C(cust.id), { email: 'x@example.com' }), 400, 'required', 'name');
  expectError(await a.post(C(cust.id), { name: 'X', customer_id: other.id }), 400, 'read_only_field', 'customer_id');
  expectError(await a.post(C(cust.id), { name: 'X', email: 'not-an-email' }), 400, undefined, 'email');
  expectOk(await a.post(C(cust.id), { name: 'One', email: 'same@example.com' }), 201);
  expectError(await a.post(C(cust.id), { name: 'Two', email: 'same@example.com' }), 409, 'duplicate_email', 'email');
  expectOk(await a.post(C(other.id), { name: 'Elsewhere', email: 'same@example.com' }), 201);
});

test('K1: list by name with keyset paging, active by default, deactivated on request', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const names = ['Dora', 'Bert', 'Anna', 'Cleo', 'Emil'];
  const ids = {};
  for (const n of names) ids[n] = expectOk(await a.post(C(cust.id), { name: n }), 201);
  const d = ids.Dora;
  expectOk(await a.patch(`${C(cust.id)}/${d.id}`, { status: 'deactivated' }, { ifMatch: '"1"' }));
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`${C(cust.id)}?limit=2${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.name));
    next = r.body.next;
  } while (next);
  assert.deepEqual(seen, ['Anna', 'Bert', 'Cleo', 'Emil']);
  assert.deepEqual(expectOk(await a.get(`${C(cust.id)}?status=deactivated`)).map((x) => x.name), ['Dora']);
  assert.equal(expectOk(await a.get(`${C(cust.id)}?status=all`)).length, 5);
  expectError(await a.get(`${C(cust.id)}?after=nonsense`), 400, 'invalid_cursor', 'after');
});

test('K2: edits need If-Match; a stale one is 409 with the current record', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = expectOk(await a.post(C(cust.id), { name: 'Vera' }), 201);
  const p = `${C(cust.id)}/${k.id}`;
  expectError(await a.patch(p, { mobile: '1' }), 428, 'if_match_required');
  expectOk(await a.patch(p, { mobile: '0470 11 22 33' }, { ifMatch: '"1"' }));
  const stale = await a.patch(p, { mobile: '2' }, { ifMatch: '"1"' });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.mobile, '0470 11 22 33');
  assert.equal(stale.headers.get('etag'), '"2"');
});

test('K2: a contact is 404 under another customer; moving it is audited on both', async () => {
  const a = await admin();
  const from = await makeCustomer();
  const to = await makeCustomer();
  const k = expectOk(await a.post(C(from.id), { name: 'Mover', email: 'mover@example.com' }), 201);
  expectError(await a.get(`${C(to.id)}/${k.id}`), 404, 'not_found');
  expectError(await a.patch(`${C(to.id)}/${k.id}`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.del(`${C(to.id)}/${k.id}`), 404, 'not_found');
  expectError(await a.patch(`${C(from.id)}/${k.id}`, { customer_id: 999999999 }, { ifMatch: '"1"' }),
    400, 'unknown_reference', 'customer_id');
  const moved = expectOk(await a.patch(`${C(from.id)}/${k.id}`, { customer_id: to.id }, { ifMatch: '"1"' }));
  assert.equal(moved.customer_id, to.id);
  expectError(await a.get(`${C(from.id)}/${k.id}`), 404, 'not_found');
  expectOk(await a.get(`${C(to.id)}/${k.id}`));
  for (const cust of [from, to]) {
    const audit = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`));
    const row = audit.find((x) => x.action === 'contact.moved');
    assert.ok(row, `customer ${cust.id} audits the move`);
    assert.deepEqual(row.changes.customer_id, { old: from.id, new: to.id });
    assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE customer_id = ${cust.id} AND kind = 'contact.moved'`), '1');
  }
});

test('K2: delete; a customer with contacts is deleted only with cascade, each contact audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const k = expectOk(await a.post(C(cust.id), { name: 'Gone' }), 201);
  assert.equal((await a.del(`${C(cust.id)}/${k.id}`)).status, 204);
  expectError(await a.get(`${C(cust.id)}/${k.id}`), 404, 'not_found');
  const ids = [];
  for (const n of ['P', 'Q']) ids.push(expectOk(await a.post(C(cust.id), { name: n }), 201).id);
  expectError(await a.del(`/api/v1/customers/${cust.id}`), 409, 'has_records');
  assert.equal((await a.del(`/api/v1/customers/${cust.id}?cascade=true`)).status, 204);
  assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE customer_id = ${cust.id}`), '0');
  assert.deepEqual(sql(`SELECT object_id FROM audit_log WHERE action = 'contact.deleted' AND customer_id = ${cust.id}
    AND object_id IN (${ids}) ORDER BY object_id`).split('\n').map(Number), ids);
});

test('K3: import maps the header by name, names bad rows by line, keeps the good ones', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const body = '\ufeffFirst Name,Last Name,E-mail Address,Mobile Phone,Notes,Fax\r\n' +
    'Anna,Zed,anna@example.com,0470,CEO,123\r\n' +
    'Bert,,not-an-email,,,\r\n' +
    '"Cleo, Jr.","O""Neil",cleo@example.com,,"Head of\r\nIT",\r\n' +
    ',,,,,\r\n' +
    'Dirk,Bad "quote,dirk@example.com,,,\r\n' +
    'Emil,,emil@example.com,,,\r\n';
  const r = await csv(a, cust.id, body);
  const d = expectOk(r);
  assert.equal(d.created, 3);
  assert.equal(d.rejected.length, 2, JSON.stringify(d.rejected));
  assert.deepEqual([d.rejected[0].line, d.rejected[0].error.field], [3, 'email']);
  assert.deepEqual([d.rejected[1].line, d.rejected[1].error.code], [7, 'malformed_csv'],
    'the line after a quoted line break counts it');
  assert.deepEqual(d.ignored_columns, ['Fax']);
  const list = expectOk(await a.get(`${C(cust.id)}?status=all`));
  const cleo = list.find((x) => x.email === 'cleo@example.com');
  assert.equal(cleo.name, 'Cleo, Jr. O"Neil');
  assert.match(cleo.notes, /^Head of\r?\nIT$/);
  assert.deepEqual(list.map((x) => x.name).sort(), ['Anna Zed', 'Cleo, Jr. O"Neil', 'Emil']);
  // The same file again: nothing new, nothing changed.
  const again = expectOk(await csv(a, cust.id, body));
  assert.equal(again.created, 0);
  assert.equal(again.updated, 0);
  assert.equal(again.unchanged, 3);
  assert.equal(expectOk(await a.get(`${C(cust.id)}?status=all`)).length, 3);
});

test('K3: a changed row updates its contact (matched on email), audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectOk(await csv(a, cust.id, 'Name,Email,Phone\nRia,ria@example.com,1\nNo Mail,,2\n'));
  const d = expectOk(await csv(a, cust.id, 'Name,Email,Phone\nRia Renamed,RIA@example.com,9\nNo Mail,,3\n'));
  assert.equal(d.updated, 2);
  assert.equal(d.created, 0);
  const list = expectOk(await a.get(C(cust.id)));
  assert.deepEqual(list.map((x) => [x.name, x.phone]), [['No Mail', '3'], ['Ria Renamed', '9']]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE customer_id = ${cust.id} AND action = 'contact.updated'`), '2');
});

test('K3: refusals: no header, no name column, wrong type, too large, bad body length', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectError(await csv(a, cust.id, ''), 422, 'no_header');
  expectError(await csv(a, cust.id, '\r\n'), 422, 'no_header');
  expectError(await csv(a, cust.id, 'Email,Phone\nx@example.com,1\n'), 422, 'no_name_column');
  expectError(await csv(a, cust.id, 'Name\nx\n', 'application/json'), 415, 'unsupported_media_type');
  const big = `Name\n${'x'.repeat(5 * 1024 * 1024)}\n`;
  expectError(await csv(a, cust.id, big), 413, 'too_large');
  expectError(await csv(a, 999999999, 'Name\nx\n'), 404, 'not_found');
  const ro = await makeUser('read_only');
  expectError(await ro.post(`${C(cust.id)}/import`, 'Name\nx\n', { headers: { 'Content-Type': 'text/csv' } }), 403, 'forbidden');
});

test('K3: every export in tests/data/csv imports; the bad one names its bad rows', async () => {
  const dir = join(ROOT, 'tests/data/csv');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  assert.ok(files.length >= 3, `${files.length} fixtures`);
  const a = await admin();
  for (const f of files) {
    const cust = await makeCustomer();
    // The file's bytes as they are (the client would re-encode a string).
    const d = expectOk(await raw('POST', `${C(cust.id)}/import`, {
      cookie: a.token, csrf: a.csrf, headers: { 'Content-Type': 'text/csv' }, body: readFileSync(join(dir, f)),
    }));
    if (f === 'bad-rows.csv') {
      // Text after a closing quote, Latin-1 bytes, a stray quote, a quote
      // never closed (the row after it is read again).
      assert.deepEqual(d.rejected.map((r) => [r.line, r.error.code]),
        [[3, 'malformed_csv'], [5, 'malformed_csv'], [6, 'malformed_csv'], [8, 'malformed_csv']], f);
      assert.equal(d.created, 4, f);
    } else {
      assert.deepEqual(d.rejected, [], `${f}: nothing rejected`);
    }
    assert.ok(d.created > 0, `${f}: contacts created`);
    if (f === 'outlook-export.csv') {
      const tom = expectOk(await a.get(`${C(cust.id)}?q=alvarez`))[0];
      assert.deepEqual([tom.name, tom.job_title, tom.phone, tom.notes],
        ['Tom Alvarez', 'Office manager', '+1 415 555 0102', 'Holds the alarm code'], f);
    }
    if (f === 'spreadsheet-quoted.csv') {
      const sam = expectOk(await a.get(`${C(cust.id)}?q=sam@`))[0];
      assert.equal(sam.name, 'Sam "Sammy" Reed', f);
      assert.match(sam.notes, /server room\.\r?\nBackup key/, f);
    }
    assert.equal(Number(sql(`SELECT COUNT(*) FROM contacts WHERE customer_id = ${cust.id}`)), d.created, f);
  }
});

test('K3: export is UTF-8 CSV with a BOM and CRLF that imports back the same; formulas are defused in the file', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  expectOk(await a.post(C(cust.id), { name: 'Müller, "Max"', email: 'max@example.com', notes: 'line one\nline two' }), 201);
  expectOk(await a.post(C(cust.id), { name: '=HYPERLINK("http://evil")', phone: '+1 415 555 0101', status: 'deactivated' }), 201);
  const r = await a.get(`${C(cust.id)}/export`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="contacts-\d+\.csv"/);
  // Response.text() drops a BOM: read the bytes.
  const bytes = Buffer.from(await (await fetch(`${BASE}${C(cust.id)}/export`,
    { headers: { Cookie: `${COOKIE_NAME}=${a.token}` } })).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
  assert.ok(r.text.startsWith('Name,Job title,Email,Phone,Mobile,Notes,Status\r\n'), r.text.slice(0, 80));
  assert.ok(r.text.includes('"Müller, ""Max"""'), 'quotes doubled, commas quoted');
  assert.ok(r.text.includes("'=HYPERLINK"), 'a formula is prefixed');
  assert.ok(r.text.includes("'+1 415 555 0101"), 'so is a leading +');
  const copy = await makeCustomer();
  const d = expectOk(await csv(a, copy.id, r.text));
  assert.equal(d.created, 2);
  const back = expectOk(await a.get(`${C(copy.id)}?status=all`));
  const max = back.find((x) => x.email === 'max@example.com');
  assert.equal(max.name, 'Müller, "Max"');
  assert.equal(max.notes, 'line one\nline two');
  const evil = back.find((x) => x.status === 'deactivated');
  assert.equal(evil.name, '=HYPERLINK("http://evil")', 'the import takes the export\'s guard off');
  assert.equal(evil.phone, '+1 415 555 0101');
});

test('C1/K2: a billing contact that is deleted or moved away is no longer the customer\'s billing contact, audited', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const set = async (id) => {
    const cur = expectOk(await a.get(`/api/v1/customers/${cust.id}`));
    return expectOk(await a.patch(`/api/v1/customers/${cust.id}`, { billing_contact_id: id }, { ifMatch: `"${cur.version}"` }));
  };
  const leaving = expectOk(await a.post(C(cust.id), { name: 'Leaving' }), 201);
  assert.equal((await set(leaving.id)).billing_contact_id, leaving.id);
  assert.equal((await a.del(`${C(cust.id)}/${leaving.id}`)).status, 204);
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).billing_contact_id, null);
  const audit = expectOk(await a.get(`/api/v1/customers/${cust.id}/audit`));
  assert.ok(audit.some((r) => r.action === 'customer.updated' && r.changes?.billing_contact_id?.old === leaving.id),
    JSON.stringify(audit.slice(0, 3)));
  const moving = expectOk(await a.post(C(cust.id), { name: 'Moving' }), 201);
  await set(moving.id);
  expectOk(await a.patch(`${C(cust.id)}/${moving.id}`, { customer_id: other.id }, { ifMatch: '"1"' }));
  assert.equal(expectOk(await a.get(`/api/v1/customers/${cust.id}`)).billing_contact_id, null);
});
