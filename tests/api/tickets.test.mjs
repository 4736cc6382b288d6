// Tickets (T1-T3, T5, C10): numbered without races, limited per customer,
// listed across customers with the T2 filters, changed with If-Match, and
// their messages move the activity status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, expectError, expectOk, makeCustomer, makeUser, sql, uniq } from './lib.mjs';

const CT = (id) => `/api/v1/customers/${id}/tickets`;
const T = (id) => `/api/v1/tickets/${id}`;
const count = (id) => sql(`SELECT IFNULL((SELECT n FROM customer_counts WHERE customer_id = ${id} AND name = 'open_tickets'), 0)`);

test('T1/T3: open a ticket, read it by its own path; number, defaults, ETag, audit and timeline', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const subject = uniq('Printer on fire — ünïcode');
  const r = await a.post(CT(cust.id), { subject, priority: 'high', type: 'incident' });
  const t = expectOk(r, 201);
  assert.match(t.number, /^T-\d+$/);
  assert.equal(t.subject, subject, 'the subject comes back decoded');
  assert.deepEqual([t.status, t.priority, t.type, t.activity, t.spam, t.triage, t.source, t.customer_id],
    ['open', 'high', 'incident', 'unread', false, false, 'api', cust.id]);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), T(t.id));
  assert.deepEqual(expectOk(await a.get(T(t.id))), t);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.created' AND object_id = ${t.id}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE kind = 'ticket.created' AND customer_id = ${cust.id}`), '1');
  assert.equal(count(cust.id), '1');
  expectError(await a.post(CT(cust.id), { priority: 'low' }), 400, 'required', 'subject');
  expectError(await a.post(CT(cust.id), { subject: 'x', priority: 'urgent' }), 400, undefined, 'priority');
  expectError(await a.get(T(999999999)), 404, 'not_found');
  expectError(await a.post(CT(999999999), { subject: 'x' }), 404);
  const ro = await makeUser('read_only');
  expectOk(await ro.get(T(t.id)));
  expectError(await ro.post(CT(cust.id), { subject: 'x' }), 403, 'forbidden');
});

test('T3/T5: contact, device and contract must be the customer\'s; the default contract is taken', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${cust.id}/contacts`, { name: 'Kim' }), 201);
  const d = expectOk(await a.post(`/api/v1/customers/${cust.id}/devices`, { name: uniq('PC') }), 201);
  const od = expectOk(await a.post(`/api/v1/customers/${other.id}/devices`, { name: uniq('PC') }), 201);
  const ok = expectOk(await a.post(`/api/v1/customers/${other.id}/contacts`, { name: 'Lee' }), 201);
  const day = sql('SELECT UTC_DATE()');
  const ct = expectOk(await a.post(`/api/v1/customers/${cust.id}/contracts`,
    { name: uniq('Support'), type: 'block', start_date: day, included_minutes: 600, is_default: true }), 201);
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Slow PC', contact_id: k.id, device_id: d.id }), 201);
  assert.deepEqual([t.contact_id, t.device_id, t.contract_id], [k.id, d.id, ct.id]);
  expectError(await a.post(CT(cust.id), { subject: 'x', device_id: od.id }), 400, 'unknown_reference', 'device_id');
  expectError(await a.post(CT(cust.id), { subject: 'x', contact_id: ok.id }), 400, 'unknown_reference', 'contact_id');
  expectError(await a.post(CT(other.id), { subject: 'x', contract_id: ct.id }), 400, 'unknown_reference', 'contract_id');
  expectError(await a.post(CT(cust.id), { subject: 'x', assignee_id: 999999999 }), 400, 'unknown_reference', 'assignee_id');
  expectError(await a.patch(T(t.id), { device_id: od.id }, { ifMatch: '"1"' }), 400, 'unknown_reference', 'device_id');
  // T5: the device's tickets.
  assert.deepEqual(expectOk(await a.get(`/api/v1/tickets?device_id=${d.id}`)).map((x) => x.id), [t.id]);
});

test('T1: two clients opening tickets at once get distinct numbers', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => a.post(CT(cust.id), { subject: `Race ${i}` })));
  const numbers = rs.map((r) => expectOk(r, 201).number);
  assert.equal(new Set(numbers).size, numbers.length, numbers.join(' '));
  assert.equal(count(cust.id), '12');
});

test('C10: a customer at its ticket limit gets 422; closing one makes room', async () => {
  const a = await admin();
  const cust = await makeCustomer({ ticket_limit: 2 });
  const t1 = expectOk(await a.post(CT(cust.id), { subject: 'One' }), 201);
  expectOk(await a.post(CT(cust.id), { subject: 'Two' }), 201);
  expectError(await a.post(CT(cust.id), { subject: 'Three' }), 422, 'ticket_limit');
  assert.equal(sql(`SELECT COUNT(*) FROM tickets WHERE customer_id = ${cust.id}`), '2', 'nothing was created');
  expectOk(await a.patch(T(t1.id), { status: 'closed' }, { ifMatch: '"1"' }));
  expectOk(await a.post(CT(cust.id), { subject: 'Three' }), 201);
});

test('T1: PATCH needs If-Match; a stale one is 409; status and spam move the open count', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Mail down' }), 201);
  expectError(await a.patch(T(t.id), { status: 'resolved' }), 428);
  const r = await a.patch(T(t.id), { status: 'resolved' }, { ifMatch: '"1"' });
  const u = expectOk(r);
  assert.equal(u.status, 'resolved');
  assert.ok(u.resolved_at);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.equal(count(cust.id), '0');
  const stale = await a.patch(T(t.id), { status: 'open' }, { ifMatch: '"1"' });
  expectError(stale, 409);
  const v = expectOk(await a.patch(T(t.id), { status: 'pending' }, { ifMatch: '"2"' }));
  assert.equal(v.resolved_at, null);
  assert.equal(count(cust.id), '1');
  expectOk(await a.patch(T(t.id), { spam: true }, { ifMatch: '"3"' }));
  assert.equal(count(cust.id), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.updated' AND object_id = ${t.id}`), '3');
  expectError(await a.patch(T(999999999), { status: 'open' }, { ifMatch: '"1"' }), 404);
});

test('T2: default open + pending and not spam; filters, search, newest first, keyset paging', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const ranked = await makeCustomer({ rank: 'D' });
  const tech = await makeUser('technician');
  const mk = async (id, body) => expectOk(await a.post(CT(id), body), 201);
  const tag = uniq('Filter');
  const open = await mk(cust.id, { subject: `${tag} open`, priority: 'critical', assignee_id: tech.id });
  const pending = await mk(cust.id, { subject: `${tag} pending`, status: 'pending' });
  const resolved = await mk(cust.id, { subject: `${tag} resolved`, status: 'resolved' });
  const spam = await mk(cust.id, { subject: `${tag} spam`, spam: true });
  const inRank = await mk(ranked.id, { subject: `${tag} ranked` });
  const ids = async (query) => expectOk(await a.get(`/api/v1/tickets?q=${encodeURIComponent(tag)}&${query}`)).map((x) => x.id);
  assert.deepEqual(await ids(''), [inRank.id, pending.id, open.id]);
  assert.deepEqual(expectOk(await a.get(`${CT(cust.id)}?q=${encodeURIComponent(tag)}`)).map((x) => x.id), [pending.id, open.id]);
  assert.deepEqual(await ids('status=resolved'), [resolved.id]);
  assert.deepEqual(await ids('status=all'), [inRank.id, resolved.id, pending.id, open.id]);
  assert.deepEqual(await ids('spam=true'), [spam.id]);
  assert.deepEqual(await ids('priority=critical'), [open.id]);
  assert.deepEqual(await ids(`assignee_id=${tech.id}`), [open.id]);
  assert.deepEqual(await ids(`customer_id=${ranked.id}`), [inRank.id]);
  assert.deepEqual(await ids('rank=D'), [inRank.id]);
  assert.deepEqual(expectOk(await a.get(`/api/v1/tickets?q=${open.number}`)).map((x) => x.id), [open.id]);
  const seen = [];
  let next = null;
  do {
    const r = await a.get(`/api/v1/tickets?q=${encodeURIComponent(tag)}&status=all&spam=false&limit=1${next ? `&after=${next}` : ''}`);
    seen.push(...expectOk(r).map((x) => x.id));
    next = r.body.next;
  } while (next);
  assert.deepEqual(seen, [inRank.id, resolved.id, pending.id, open.id]);
  expectError(await a.get('/api/v1/tickets?status=later'), 400, undefined, 'status');
  expectError(await a.get('/api/v1/tickets?after=nonsense'), 400, 'invalid_cursor', 'after');
});

test('messages: a reply awaits the contact, a note changes nothing; listed oldest first', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const t = expectOk(await a.post(CT(cust.id), { subject: 'VPN', status: 'pending' }), 201);
  const M = `${T(t.id)}/messages`;
  const n = expectOk(await a.post(M, { kind: 'note', body: 'Checked the logs.' }), 201);
  assert.equal(n.activity, 'unread');
  const r = expectOk(await a.post(M, { body: 'Please restart.\nThanks' }), 201);
  assert.equal(r.activity, 'awaiting_contact');
  assert.equal(r.version, 3);
  const list = expectOk(await a.get(M));
  assert.deepEqual(list.map((m) => [m.kind, m.author_kind, m.body]),
    [['note', 'user', 'Checked the logs.'], ['reply', 'user', 'Please restart.\nThanks']]);
  assert.equal(list[0].author_user_id, a.user.id);
  const page = await a.get(`${M}?limit=1`);
  assert.equal(expectOk(page).length, 1);
  assert.deepEqual(expectOk(await a.get(`${M}?after=${page.body.next}`)).map((m) => m.body), ['Please restart.\nThanks']);
  expectError(await a.post(M, { kind: 'note' }), 400, 'required', 'body');
  expectError(await a.post(`${T(999999999)}/messages`, { body: 'x' }), 404);
  expectError(await a.get(`${T(999999999)}/messages`), 404);
  assert.equal(sql(`SELECT COUNT(*) FROM timeline_events WHERE kind IN ('ticket.replied', 'ticket.noted') AND object_id = ${t.id}`), '2');
});

test('messages: a contact\'s message awaits a technician and reopens a pending or resolved ticket', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const other = await makeCustomer();
  const k = expectOk(await a.post(`/api/v1/customers/${cust.id}/contacts`, { name: 'Rita Caller' }), 201);
  const stranger = expectOk(await a.post(`/api/v1/customers/${other.id}/contacts`, { name: 'Stranger' }), 201);
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Phone', contact_id: k.id }), 201);
  const M = `${T(t.id)}/messages`;
  expectOk(await a.patch(T(t.id), { status: 'resolved' }, { ifMatch: '"1"' }));
  assert.equal(count(cust.id), '0');
  const r = expectOk(await a.post(M, { body: 'Still broken', contact_id: k.id }), 201);
  assert.deepEqual([r.status, r.activity], ['open', 'awaiting_technician']);
  assert.equal(count(cust.id), '1', 'the reopened ticket is counted again');
  const m = expectOk(await a.get(M)).at(-1);
  assert.deepEqual([m.author_kind, m.author_contact_id, m.author_user_id, m.author_name],
    ['contact', k.id, null, 'Rita Caller']);
  expectError(await a.post(M, { body: 'x', contact_id: stranger.id }), 400, 'unknown_reference', 'contact_id');
  expectOk(await a.patch(T(t.id), { status: 'closed' }, { ifMatch: `"${r.version}"` }));
  const c = expectOk(await a.post(M, { body: 'Thanks', contact_id: k.id }), 201);
  assert.equal(c.status, 'closed', 'a closed ticket stays closed');
  assert.equal(count(cust.id), '0');
});

test('B1: minutes logged on a ticket are a time entry against its contract, consumed by it', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const day = sql('SELECT UTC_DATE()');
  const ct = expectOk(await a.post(`/api/v1/customers/${cust.id}/contracts`,
    { name: uniq('Block'), type: 'block', start_date: day, included_minutes: 600, is_default: true }), 201);
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Backup failed' }), 201);
  const TE = `${T(t.id)}/time-entries`;
  const e = expectOk(await a.post(TE, { minutes: 45, description: 'Re-ran the job' }), 201);
  assert.deepEqual([e.ticket_id, e.contract_id, e.minutes, e.billable, e.date, e.description],
    [t.id, ct.id, 45, true, day, 'Re-ran the job']);
  expectOk(await a.post(TE, { minutes: 15, billable: false }), 201);
  assert.equal(sql(`SELECT consumed_minutes FROM contracts WHERE id = ${ct.id}`), '60');
  assert.equal(sql(`SELECT COUNT(*) FROM time_entries WHERE ticket_id = ${t.id} AND customer_id = ${cust.id}`), '2');
  const listed = expectOk(await a.get(`/api/v1/customers/${cust.id}/time-entries`));
  assert.ok(listed.some((x) => x.id === e.id), 'the billing program lists it');
  expectError(await a.post(TE, { minutes: 0 }), 400, undefined, 'minutes');
  expectError(await a.post(TE, {}), 400, 'required', 'minutes');
  expectError(await a.post(`${T(999999999)}/time-entries`, { minutes: 5 }), 404);
  const ro = await makeUser('read_only');
  expectError(await ro.post(TE, { minutes: 5 }), 403, 'forbidden');
});

test('T1: a custom status sets its base status; a plain status change clears it', async () => {
  const a = await admin();
  const cust = await makeCustomer();
  const name = uniq('Waiting on vendor');
  const st = expectOk(await a.post('/api/v1/ticket-statuses', { name, base: 'pending' }), 201);
  assert.deepEqual([st.name, st.base], [name, 'pending']);
  assert.ok(expectOk(await a.get('/api/v1/ticket-statuses')).some((x) => x.id === st.id && x.base === 'pending'));
  expectError(await a.post('/api/v1/ticket-statuses', { name, base: 'open' }), 409, 'duplicate_name', 'name');
  const tech = await makeUser('technician');
  expectError(await tech.post('/api/v1/ticket-statuses', { name: uniq('x'), base: 'open' }), 403, 'forbidden');
  const t = expectOk(await a.post(CT(cust.id), { subject: 'Vendor', status: 'resolved', custom_status_id: st.id }), 201);
  assert.deepEqual([t.status, t.custom_status_id], ['pending', st.id]);
  assert.equal(count(cust.id), '1');
  const u = expectOk(await a.patch(T(t.id), { status: 'resolved' }, { ifMatch: '"1"' }));
  assert.deepEqual([u.status, u.custom_status_id], ['resolved', null]);
  assert.equal(count(cust.id), '0');
  const v = expectOk(await a.patch(T(t.id), { custom_status_id: st.id }, { ifMatch: '"2"' }));
  assert.deepEqual([v.status, v.custom_status_id], ['pending', st.id]);
  assert.equal(count(cust.id), '1');
  expectError(await a.patch(T(t.id), { custom_status_id: 999999999 }, { ifMatch: '"3"' }), 400, 'unknown_reference', 'custom_status_id');
});
