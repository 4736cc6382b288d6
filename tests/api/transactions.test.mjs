// Transactions that cannot lie (runtime issue §1).  Test builds honour
// X-Msphub-Fault: N:lost|deadlock|fetchlost, which fails the Nth SQL
// statement of the request (COMMIT counts) for real: the socket is shut
// down, or the server's transaction is rolled back as a deadlock victim's.
//
// Every write route is swept: for each N the connection is lost at
// statement N, and nothing may be half-written; then a deadlock is thrown
// at statement N, and the request must either succeed exactly as it does
// without one (retried whole) or fail with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ADMIN_EMAIL, ADMIN_PASSWORD, CONFIG, admin, expectError, expectOk, makeCustomer, makeUser, raw,
  routeTable, signIn, sql, uniq,
} from './lib.mjs';

const STATEMENTS_MAX = 40;
// Not sessions: a session in use has its idle expiry moved once a minute.
const TABLES = ['users', 'audit_log', 'customers', 'locations', 'contacts', 'custom_fields',
  'customer_field_values', 'settings', 'timeline_events', 'idempotency_keys', 'assets', 'customer_counts',
  'user_preferences', 'devices', 'device_folders', 'installer_tokens', 'contracts', 'time_entries',
  'invoices', 'invoice_batches', 'billing_settings', 'projects', 'tickets', 'ticket_messages', 'ticket_sequence',
  'ticket_statuses', 'inbound_messages', 'inbound_message_chunks', 'customer_domains', 'domain_challenges',
  'mail_acknowledgements', 'sla_policies', 'customer_sla'];

// The worker delivers queued mail meanwhile: its delivery columns move on
// their own, so the outbox counts by what a request writes, not by those.
const OUTBOX = "SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS('|', id, kind, ticket_id, ticket_message_id, "
  + "to_addr, subject, body, message_id, in_reply_to, refs, auto_submitted, created_at))) FROM outbound_mail";

function checksum() {
  return `${sql(`CHECKSUM TABLE ${TABLES.join(', ')}`)}\noutbound_mail\t${sql(OUTBOX)}`;
}

function auditCount() {
  return Number(sql('SELECT COUNT(*) FROM audit_log'));
}

async function send(client, op, fault) {
  const headers = { ...(op.headers ?? {}), ...(fault ? { 'X-Msphub-Fault': fault } : {}) };
  if (op.ifMatch) headers['If-Match'] = op.ifMatch;
  if (op.method === 'DELETE') return client.del(op.path, { headers });
  return client[op.method.toLowerCase()](op.path, op.body, { headers });
}

// The mailbox's writes (M1).  A fault after the bytes are committed leaves
// the message stored as received: still a 202, reprocessed later.
function mailboxOps() {
  const TOKEN = process.env.MSPHUB_TEST_MAILBOX_TOKEN ?? 'test-mailbox-token-1';
  const mail = () => `From: a@acme.example\r\nSubject: tx\r\nMessage-ID: <${uniq('tx')}@acme.example>\r\n\r\nHi\r\n`;
  const gateway = { post: (path, body, { headers }) => raw('POST', path, {
    headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}`, ...headers }, body,
  }) };
  return [
    { route: 'POST /mailbox/inbound', prepare: async () => ({ client: gateway, body: mail() }) },
    {
      route: 'POST /api/v1/mailbox/messages/{id}/reprocess',
      prepare: async () => {
        const m = expectOk(await gateway.post('/mailbox/inbound', mail(), { headers: {} }), 202);
        return { path: `/api/v1/mailbox/messages/${m.id}/reprocess` };
      },
    },
    {
      // A mail the worker failed (the test SMTP sink refuses reject*@).
      route: 'POST /api/v1/mailbox/outbound/{id}/retry',
      prepare: async () => {
        const tag = uniq('tx');
        sql(`INSERT INTO outbound_mail (kind, to_addr, subject, body, message_id, status, attempts,
          last_error, next_attempt_at, created_at) VALUES ('notice', 'reject-${tag}@example.com', 'Tx', 'Tx',
          '<${tag}@msphub.test>', 'failed', 3, 'SMTP 550', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
        const id = sql(`SELECT id FROM outbound_mail WHERE message_id = '<${tag}@msphub.test>'`);
        return { path: `/api/v1/mailbox/outbound/${id}/retry`, mail: id };
      },
      intact: async (p) => assert.equal(sql(`SELECT CONCAT(status, attempts) FROM outbound_mail WHERE id = ${p.mail}`),
        'failed3'),
    },
  ];
}

// The billing program's writes (B1-B4, C1).
function billingOps() {
  const day = (n) => sql(`SELECT UTC_DATE() + INTERVAL ${n} DAY`);
  const under = async (kind, body) => {
    const c = await makeCustomer();
    const r = body ? expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/${kind}`, body), 201) : null;
    return { base: `/api/v1/customers/${c.id}/${kind}`, c, r };
  };
  const contract = () => ({ name: uniq('Tx Contract'), type: 'block', start_date: day(0), included_minutes: 60 });
  const invoice = () => ({ number: uniq('TX'), issue_date: day(0), currency: 'EUR', total_minor: 1000 });
  const sent = async () => {
    const u = await under('invoices', invoice());
    expectOk(await (await admin()).post(`${u.base}/${u.r.id}/send`));
    return u;
  };
  return [
    {
      route: 'POST /api/v1/customers/{id}/contracts',
      prepare: async () => {
        const u = await under('contracts', contract());
        return { path: u.base, body: { ...contract(), is_default: true } };
      },
    },
    {
      route: 'PATCH /api/v1/customers/{id}/contracts/{id}',
      prepare: async () => {
        const u = await under('contracts', { ...contract(), is_default: true });
        const k = expectOk(await (await admin()).post(u.base, contract()), 201);
        return { path: `${u.base}/${k.id}`, body: { name: uniq('Renamed'), is_default: true }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/customers/{id}/contracts/{id}',
      prepare: async () => {
        const u = await under('contracts', { ...contract(), is_default: true });
        return { path: `${u.base}/${u.r.id}` };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/time-entries',
      prepare: async () => {
        const u = await under('contracts', contract());
        return { path: `/api/v1/customers/${u.c.id}/time-entries`, body: { date: day(0), minutes: 30, contract_id: u.r.id } };
      },
    },
    {
      route: 'PATCH /api/v1/customers/{id}/time-entries/{id}',
      prepare: async () => {
        const a = await admin();
        const u = await under('contracts', contract());
        const k2 = expectOk(await a.post(u.base, contract()), 201);
        const t = expectOk(await a.post(`/api/v1/customers/${u.c.id}/time-entries`,
          { date: day(0), minutes: 30, contract_id: u.r.id }), 201);
        return { path: `/api/v1/customers/${u.c.id}/time-entries/${t.id}`, body: { minutes: 45, contract_id: k2.id }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/customers/{id}/time-entries/{id}',
      prepare: async () => {
        const u = await under('contracts', contract());
        const t = expectOk(await (await admin()).post(`/api/v1/customers/${u.c.id}/time-entries`,
          { date: day(0), minutes: 30, contract_id: u.r.id }), 201);
        return { path: `/api/v1/customers/${u.c.id}/time-entries/${t.id}` };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/invoices',
      prepare: async () => ({ path: (await under('invoices')).base, body: invoice() }),
    },
    {
      route: 'PATCH /api/v1/customers/{id}/invoices/{id}',
      prepare: async () => {
        const u = await under('invoices', invoice());
        return { path: `${u.base}/${u.r.id}`, body: { total_minor: 2500 }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/customers/{id}/invoices/{id}',
      prepare: async () => {
        const u = await under('invoices', invoice());
        return { path: `${u.base}/${u.r.id}` };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/invoices/{id}/send',
      prepare: async () => {
        const u = await under('invoices', invoice());
        return { path: `${u.base}/${u.r.id}/send` };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/invoices/{id}/pay',
      prepare: async () => {
        const u = await sent();
        return { path: `${u.base}/${u.r.id}/pay`, body: { amount_minor: 1000 } };
      },
    },
    {
      route: 'POST /api/v1/invoice-batches',
      prepare: async () => ({ body: { name: uniq('Tx Batch') } }),
    },
    {
      route: 'PUT /api/v1/customers/{id}/billing',
      prepare: async () => ({
        path: `/api/v1/customers/${(await makeCustomer()).id}/billing`,
        body: { currency: 'EUR', hourly_rate_minor: 9000 }, ifMatch: '"0"',
      }),
    },
    {
      route: 'POST /api/v1/customers/{id}/projects',
      prepare: async () => ({ path: (await under('projects')).base, body: { name: uniq('Tx Project'), start_date: day(0) } }),
    },
    {
      route: 'PATCH /api/v1/customers/{id}/projects/{id}',
      prepare: async () => {
        const u = await under('projects', { name: uniq('Tx Project'), start_date: day(0) });
        return { path: `${u.base}/${u.r.id}`, body: { completed: true, progress: 100 }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/customers/{id}/projects/{id}',
      prepare: async () => {
        const u = await under('projects', { name: uniq('Tx Project'), start_date: day(0) });
        return { path: `${u.base}/${u.r.id}` };
      },
    },
  ];
}

// One write per route: prepare() makes what it needs and returns
// { client?, method, path, body?, ifMatch? }.  ok(res) checks a success.
const pinnable = ['phone', 'rank', 'city', 'fax'];
const OPS = [
  { route: 'POST /api/v1/customers', prepare: async () => ({ body: { name: uniq('Tx') } }) },
  {
    route: 'POST /api/v1/customers/bulk',
    prepare: async () => ({ body: [{ name: uniq('TxBulk'), external_ref: uniq('ref') }] }),
    // One record is one transaction: a failure is reported in the record
    // (or, before any record, for the whole request).
    failed: (res) => (res.status === 503 && res.body.error.code === 'service_unavailable') ||
      (res.status === 200 && res.body.data[0].result === 'rejected' &&
      res.body.data[0].error.code === 'service_unavailable'),
  },
  {
    route: 'PATCH /api/v1/customers/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      return { path: `/api/v1/customers/${c.id}`, body: { city: uniq('City') }, ifMatch: `"${c.version}"` };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}',
    prepare: async () => {
      const a = await admin();
      const c = await makeCustomer();
      for (const name of ['HQ', 'Branch']) {
        expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name }), 201);
      }
      return { path: `/api/v1/customers/${c.id}?cascade=true` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/archive',
    prepare: async () => ({ path: `/api/v1/customers/${(await makeCustomer()).id}/archive` }),
  },
  {
    route: 'POST /api/v1/customers/{id}/unarchive',
    prepare: async () => {
      const c = await makeCustomer();
      expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/archive`));
      return { path: `/api/v1/customers/${c.id}/unarchive` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/locations',
    prepare: async () => {
      const c = await makeCustomer();
      expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/locations`, { name: 'Old HQ' }), 201);
      return { path: `/api/v1/customers/${c.id}/locations`, body: { name: 'New HQ', is_primary: true } };
    },
  },
  {
    route: 'PATCH /api/v1/customers/{id}/locations/{id}',
    prepare: async () => {
      const a = await admin();
      const c = await makeCustomer();
      expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'HQ' }), 201);
      const b = expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'Branch' }), 201);
      return {
        path: `/api/v1/customers/${c.id}/locations/${b.id}`, body: { is_primary: true, city: 'Gent' },
        ifMatch: `"${b.version}"`,
      };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/locations/{id}',
    prepare: async () => {
      const a = await admin();
      const c = await makeCustomer();
      const l = expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name: 'Only' }), 201);
      return { path: `/api/v1/customers/${c.id}/locations/${l.id}` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/contacts',
    prepare: async () => ({
      path: `/api/v1/customers/${(await makeCustomer()).id}/contacts`,
      body: { name: uniq('Tx Contact'), email: `${uniq('tx')}@example.com` },
    }),
  },
  {
    route: 'POST /api/v1/customers/{id}/contacts/import',
    prepare: async () => ({
      path: `/api/v1/customers/${(await makeCustomer()).id}/contacts/import`,
      headers: { 'Content-Type': 'text/csv' },
      body: `Name,Email\r\n${uniq('Imported')},${uniq('imp')}@example.com\r\n`,
    }),
    // One row is one transaction: its failure is reported in the row.
    failed: (res) => (res.status === 503 && res.body.error.code === 'service_unavailable') ||
      (res.status === 200 && res.body.data.rejected.length === 1 &&
      res.body.data.rejected[0].error.code === 'service_unavailable'),
  },
  {
    route: 'PATCH /api/v1/customers/{id}/contacts/{id}',
    prepare: async () => {
      const a = await admin();
      const from = await makeCustomer();
      const to = await makeCustomer();
      const k = expectOk(await a.post(`/api/v1/customers/${from.id}/contacts`, { name: 'Moving' }), 201);
      return { path: `/api/v1/customers/${from.id}/contacts/${k.id}`, body: { customer_id: to.id, phone: '1' }, ifMatch: '"1"' };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/contacts/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      const k = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/contacts`, { name: 'Leaving' }), 201);
      return { path: `/api/v1/customers/${c.id}/contacts/${k.id}` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/assets',
    prepare: async () => {
      const a = await admin();
      const msp = await makeCustomer();
      const at = await makeCustomer();
      const k = expectOk(await a.post(`/api/v1/customers/${msp.id}/contacts`, { name: 'Holder' }), 201);
      const l = expectOk(await a.post(`/api/v1/customers/${at.id}/locations`, { name: 'Client' }), 201);
      return {
        path: `/api/v1/customers/${msp.id}/assets`,
        body: { name: uniq('Tx Asset'), serial: uniq('SN'), contact_id: k.id, location_id: l.id },
      };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/assets/import',
    prepare: async () => ({
      path: `/api/v1/customers/${(await makeCustomer()).id}/assets/import`,
      headers: { 'Content-Type': 'text/csv' },
      body: `Name,Serial,Status\r\n${uniq('Imported')},${uniq('SN')},in_stock\r\n`,
    }),
    failed: (res) => (res.status === 503 && res.body.error.code === 'service_unavailable') ||
      (res.status === 200 && res.body.data.rejected.length === 1 &&
      res.body.data.rejected[0].error.code === 'service_unavailable'),
  },
  {
    route: 'PATCH /api/v1/customers/{id}/assets/{id}',
    prepare: async () => {
      const a = await admin();
      const owner = await makeCustomer();
      const [from, to] = [await makeCustomer(), await makeCustomer()];
      const l1 = expectOk(await a.post(`/api/v1/customers/${from.id}/locations`, { name: 'Here' }), 201);
      const l2 = expectOk(await a.post(`/api/v1/customers/${to.id}/locations`, { name: 'There' }), 201);
      const x = expectOk(await a.post(`/api/v1/customers/${owner.id}/assets`, { name: 'Moving', location_id: l1.id }), 201);
      return {
        path: `/api/v1/customers/${owner.id}/assets/${x.id}`, body: { location_id: l2.id, status: 'damaged' }, ifMatch: '"1"',
      };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/assets/{id}',
    prepare: async () => {
      const a = await admin();
      const owner = await makeCustomer();
      const at = await makeCustomer();
      const l = expectOk(await a.post(`/api/v1/customers/${at.id}/locations`, { name: 'Site' }), 201);
      const x = expectOk(await a.post(`/api/v1/customers/${owner.id}/assets`, { name: 'Leaving', location_id: l.id }), 201);
      return { path: `/api/v1/customers/${owner.id}/assets/${x.id}` };
    },
  },
  {
    route: 'PUT /api/v1/settings/asset-age',
    prepare: async () => {
      const cur = expectOk(await (await admin()).get('/api/v1/settings/asset-age'));
      return { body: { years: cur.years === 5 ? 6 : 5 } };
    },
  },
  {
    route: 'POST /api/v1/custom-fields',
    prepare: async () => ({ body: { key: `k${uniq('').replace(/-/g, '_')}`, label: 'Tx', type: 'text' } }),
  },
  {
    route: 'PATCH /api/v1/custom-fields/{id}',
    prepare: async () => {
      const f = expectOk(await (await admin()).post('/api/v1/custom-fields',
        { key: `k${uniq('').replace(/-/g, '_')}`, label: 'Before', type: 'text' }), 201);
      return { path: `/api/v1/custom-fields/${f.id}`, body: { label: 'After' }, ifMatch: `"${f.version}"` };
    },
  },
  {
    route: 'DELETE /api/v1/custom-fields/{id}',
    prepare: async () => {
      const f = expectOk(await (await admin()).post('/api/v1/custom-fields',
        { key: `k${uniq('').replace(/-/g, '_')}`, label: 'Gone', type: 'text' }), 201);
      return { path: `/api/v1/custom-fields/${f.id}` };
    },
  },
  {
    route: 'PUT /api/v1/settings/pinned-fields',
    prepare: async () => {
      const cur = expectOk(await (await admin()).get('/api/v1/settings/pinned-fields'));
      const next = cur.join() === pinnable.slice(0, 3).join() ? pinnable.slice(1) : pinnable.slice(0, 3);
      return { body: next };
    },
  },
  {
    route: 'PUT /api/v1/settings/ranks',
    prepare: async () => {
      const cur = expectOk(await (await admin()).get('/api/v1/settings/ranks'));
      return { body: cur.length === 4 ? ['A', 'B', 'C', 'D', 'E'] : ['A', 'B', 'C', 'D'] };
    },
  },
  {
    route: 'PUT /api/v1/users/me/preferences/contact-columns',
    prepare: async () => {
      const u = await makeUser('technician');
      return { client: u, body: ['email', 'name'] };
    },
  },
  {
    route: 'PUT /api/v1/me/layout',
    prepare: async () => {
      const u = await makeUser('technician');
      return { client: u, body: { tabs: ['overview', 'tickets'], sections: ['contract'] } };
    },
  },
  {
    route: 'DELETE /api/v1/me/layout',
    prepare: async () => {
      const u = await makeUser('technician');
      expectOk(await u.put('/api/v1/me/layout', { tabs: ['overview'], sections: [] }));
      return { client: u };
    },
  },
  {
    route: 'PUT /api/v1/settings/layout',
    prepare: async () => {
      // The tabs as built (later suites open them by keyboard); only the
      // cards' order moves.
      const cur = expectOk(await (await admin()).get('/api/v1/settings/layout'));
      const sections = [...cur.layout.sections].reverse();
      return { body: { tabs: cur.layout.tabs, sections } };
    },
  },
  {
    route: 'POST /api/v1/users',
    prepare: async () => ({
      body: { email: `${uniq('tx')}@example.com`, name: 'Tx User', role: 'technician', password: 'a long password 1' },
    }),
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    prepare: async () => {
      const u = await makeUser('technician');
      return { path: `/api/v1/users/${u.id}`, body: { role: 'read_only', active: false }, ifMatch: `"${u.record.version}"` };
    },
  },
  {
    route: 'DELETE /api/v1/session',
    prepare: async () => ({ client: await signIn(ADMIN_EMAIL, ADMIN_PASSWORD), path: '/api/v1/session' }),
    // A sign-out that failed leaves the session signed in.
    intact: async (p) => expectOk(await p.client.get('/api/v1/session')),
  },
  {
    route: 'POST /api/v1/session',
    prepare: async () => ({
      client: { post: (path, body, { headers }) => raw('POST', path, {
        headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
      }) },
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    }),
  },
  {
    route: 'POST /api/v1/customers/{id}/devices',
    prepare: async () => {
      const c = await makeCustomer();
      const f = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/folders`, { name: 'Tx' }), 201);
      return { path: `/api/v1/customers/${c.id}/devices`, body: { name: uniq('Tx Device'), type: 'pc', folder_id: f.id } };
    },
  },
  {
    route: 'PATCH /api/v1/customers/{id}/devices/{id}',
    prepare: async () => {
      const a = await admin();
      const from = await makeCustomer();
      const to = await makeCustomer();
      const f = expectOk(await a.post(`/api/v1/customers/${to.id}/folders`, { name: 'There' }), 201);
      const d = expectOk(await a.post(`/api/v1/customers/${from.id}/devices`, { name: 'Moving', type: 'pc' }), 201);
      return {
        path: `/api/v1/customers/${from.id}/devices/${d.id}`, body: { customer_id: to.id, folder_id: f.id, type: 'server' },
        ifMatch: '"1"',
      };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/devices/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      const d = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/devices`, { name: 'Leaving' }), 201);
      return { path: `/api/v1/customers/${c.id}/devices/${d.id}` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/folders',
    prepare: async () => ({ path: `/api/v1/customers/${(await makeCustomer()).id}/folders`, body: { name: uniq('F') } }),
  },
  {
    route: 'PATCH /api/v1/customers/{id}/folders/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      const f = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/folders`, { name: 'Before' }), 201);
      return { path: `/api/v1/customers/${c.id}/folders/${f.id}`, body: { name: 'After' }, ifMatch: '"1"' };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/folders/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      const f = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/folders`, { name: 'Empty' }), 201);
      return { path: `/api/v1/customers/${c.id}/folders/${f.id}` };
    },
  },
  {
    route: 'POST /api/v1/customers/{id}/installer-tokens',
    prepare: async () => ({
      path: `/api/v1/customers/${(await makeCustomer()).id}/installer-tokens`, body: { label: 'Tx' },
    }),
  },
  {
    route: 'POST /api/v1/customers/{id}/installer-tokens/{id}/revoke',
    prepare: async () => {
      const c = await makeCustomer();
      const t = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/installer-tokens`, { label: 'Tx' }), 201);
      return { path: `/api/v1/customers/${c.id}/installer-tokens/${t.id}/revoke` };
    },
  },
  {
    route: 'DELETE /api/v1/customers/{id}/installer-tokens/{id}',
    prepare: async () => {
      const c = await makeCustomer();
      const t = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/installer-tokens`, { label: 'Tx' }), 201);
      return { path: `/api/v1/customers/${c.id}/installer-tokens/${t.id}` };
    },
  },
  {
    route: 'POST /api/v1/enroll',
    prepare: async () => {
      const c = await makeCustomer();
      const t = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/installer-tokens`, { label: 'Tx' }), 201);
      return {
        client: { post: (path, body, { headers }) => raw('POST', path, {
          headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
        }) },
        body: { token: t.token, name: uniq('Agent'), serial_number: uniq('S') },
      };
    },
  },
  ...billingOps(),
  ...ticketOps(),
  ...slaOps(),
  ...mailboxOps(),
  ...domainOps(),
];

// Mail domains and their verification (M3): each op on a fresh domain
// with a fresh challenge, whose code and token are read from its mail.
function domainOps() {
  const domain = async (challenged) => {
    const a = await admin();
    const c = await makeCustomer();
    const base = `/api/v1/customers/${c.id}/domains`;
    const d = expectOk(await a.post(base, { domain: `${uniq('tx').toLowerCase()}.example` }), 201);
    if (!challenged) return { base, d };
    expectOk(await a.post(`${base}/${d.id}/challenge`, {}), 202);
    const body = sql(`SELECT body FROM outbound_mail WHERE to_addr = 'postmaster@${d.domain}'`);
    return {
      base, d, token: body.match(/#([A-Za-z0-9_-]{43})/)[1],
      code: body.match(/\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/)[1],
    };
  };
  return [
    {
      route: 'POST /api/v1/customers/{id}/domains',
      prepare: async () => ({
        path: `/api/v1/customers/${(await makeCustomer()).id}/domains`,
        body: { domain: `${uniq('tx').toLowerCase()}.example`, include_subdomains: true },
      }),
    },
    {
      route: 'PATCH /api/v1/customers/{id}/domains/{id}',
      prepare: async () => {
        const { base, d } = await domain(false);
        return { path: `${base}/${d.id}`, body: { include_subdomains: true }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/customers/{id}/domains/{id}',
      prepare: async () => {
        const { base, d } = await domain(true);
        return { path: `${base}/${d.id}` };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/domains/{id}/challenge',
      prepare: async () => {
        const { base, d } = await domain(true);
        return { path: `${base}/${d.id}/challenge`, body: { address: 'hostmaster' } };
      },
    },
    {
      route: 'POST /api/v1/customers/{id}/domains/{id}/verify',
      prepare: async () => {
        const { base, d, code } = await domain(true);
        return { path: `${base}/${d.id}/verify`, body: { code } };
      },
    },
    {
      route: 'POST /api/v1/domain-verifications',
      prepare: async () => {
        const { token } = await domain(true);
        return {
          client: { post: (path, body, { headers }) => raw('POST', path, {
            headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
          }) },
          body: { token },
        };
      },
    },
  ];
}

// The tickets program's writes (T1-T3, C10): a ticket with a contact and
// its customer's default contract, so every check and count runs.
function ticketOps() {
  const ticket = async (body = {}) => {
    const a = await admin();
    const c = await makeCustomer({ ticket_limit: 5 });
    // An address: a public reply queues its mail in the same transaction.
    const k = expectOk(await a.post(`/api/v1/customers/${c.id}/contacts`, { name: 'Tx', email: `${uniq('tx')}@example.com` }), 201);
    const t = expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject: 'Tx', contact_id: k.id, ...body }), 201);
    return { c, k, t };
  };
  return [
    {
      route: 'POST /api/v1/ticket-statuses',
      prepare: async () => ({ body: { name: uniq('Tx status'), base: 'pending' } }),
    },
    {
      route: 'POST /api/v1/customers/{id}/tickets',
      prepare: async () => {
        const { c, k } = await ticket();
        return { path: `/api/v1/customers/${c.id}/tickets`, body: { subject: uniq('Tx'), contact_id: k.id } };
      },
    },
    {
      route: 'PATCH /api/v1/tickets/{id}',
      prepare: async () => {
        const { t } = await ticket();
        return { path: `/api/v1/tickets/${t.id}`, body: { status: 'resolved', priority: 'high' }, ifMatch: '"1"' };
      },
    },
    {
      route: 'POST /api/v1/tickets/{id}/messages',
      prepare: async () => {
        const { t } = await ticket({ status: 'pending' });
        return { path: `/api/v1/tickets/${t.id}/messages`, body: { body: 'Tx reply' }, ticket: t.id };
      },
      // outbound_mail is not checksummed (the worker updates it meanwhile).
      intact: async (p) => assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE ticket_id = ${p.ticket}`), '0'),
    },
    {
      route: 'POST /api/v1/tickets/{id}/time-entries',
      prepare: async () => {
        const a = await admin();
        const c = await makeCustomer();
        const k = expectOk(await a.post(`/api/v1/customers/${c.id}/contracts`, { name: uniq('Tx'), type: 'block',
          start_date: sql('SELECT UTC_DATE()'), included_minutes: 60, is_default: true }), 201);
        const t = expectOk(await a.post(`/api/v1/customers/${c.id}/tickets`, { subject: 'Tx', contract_id: k.id }), 201);
        return { path: `/api/v1/tickets/${t.id}/time-entries`, body: { minutes: 30 } };
      },
    },
  ];
}

// SLA policies and their assignment (T1); none is made the default, which
// would change every other test's tickets.
function slaOps() {
  const policy = async () => expectOk(await (await admin()).post('/api/v1/sla-policies', {
    name: uniq('Tx SLA'), first_response_high: 60, business_days: 'mon,fri', business_start: 540,
    business_end: 1020, time_zone: 'Europe/Berlin' }), 201);
  return [
    {
      route: 'POST /api/v1/sla-policies',
      prepare: async () => ({ body: { name: uniq('Tx SLA'), resolution_low: 600 } }),
    },
    {
      route: 'PATCH /api/v1/sla-policies/{id}',
      prepare: async () => {
        const p = await policy();
        return { path: `/api/v1/sla-policies/${p.id}`, body: { first_response_high: 30 }, ifMatch: '"1"' };
      },
    },
    {
      route: 'DELETE /api/v1/sla-policies/{id}',
      prepare: async () => ({ path: `/api/v1/sla-policies/${(await policy()).id}` }),
    },
    {
      route: 'PUT /api/v1/customers/{id}/sla',
      prepare: async () => {
        const c = await makeCustomer();
        return { path: `/api/v1/customers/${c.id}/sla`, body: { sla_policy_id: (await policy()).id } };
      },
    },
    {
      route: 'PUT /api/v1/customers/{id}/sla/contracts/{id}',
      prepare: async () => {
        const c = await makeCustomer();
        const k = expectOk(await (await admin()).post(`/api/v1/customers/${c.id}/contracts`, { name: uniq('Tx'),
          type: 'standard', start_date: sql('SELECT UTC_DATE()') }), 201);
        return { path: `/api/v1/customers/${c.id}/sla/contracts/${k.id}`, body: { sla_policy_id: (await policy()).id } };
      },
    },
  ];
}

async function prepared(op) {
  const [method, pattern] = op.route.split(' ');
  const p = await op.prepare();
  return { ...p, client: p.client ?? await admin(), method, path: p.path ?? pattern };
}

test('the sweep covers every write route of the route tables', () => {
  const writes = routeTable().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.pattern}`);
  assert.deepEqual([...new Set(OPS.map((o) => o.route))].sort(), [...new Set(writes)].sort());
});

for (const op of OPS) {
  test(`${op.route}: the connection lost at any statement leaves nothing half-written`, async () => {
    let fired = 0;
    for (let n = 1; n <= STATEMENTS_MAX; n++) {
      const p = await prepared(op);
      const before = checksum();
      const res = await send(p.client, p, `${n}:lost`);
      if (!res.headers.get('x-msphub-fault-fired')) {
        assert.ok(res.status < 300, `no fault at ${n}: a success (${res.status} ${res.text.slice(0, 200)})`);
        assert.ok(fired > 0, 'some statement was failed');
        return;
      }
      fired++;
      // A statement whose failure the handler may ignore (a purge) is
      // followed by one on a new connection: then the request succeeds.
      if (res.status < 300 && !(op.failed && op.failed(res))) continue;
      if (op.failed) assert.ok(op.failed(res), `statement ${n}: ${res.status} ${res.text.slice(0, 200)}`);
      else expectError(res, 503, 'service_unavailable', undefined, `lost at statement ${n}`);
      assert.equal(checksum(), before, `statement ${n} lost: the database is unchanged`);
      if (op.intact) await op.intact(p);
    }
    assert.fail(`more than ${STATEMENTS_MAX} statements`);
  });

  test(`${op.route}: a deadlock at any statement is retried whole, or fails with nothing written`, async () => {
    const p0 = await prepared(op);
    const a0 = auditCount();
    const normal = await send(p0.client, p0);
    assert.ok(normal.status < 300, `${normal.status} ${normal.text.slice(0, 200)}`);
    const audits = auditCount() - a0;
    let retried = 0;
    for (let n = 1; n <= STATEMENTS_MAX; n++) {
      const p = await prepared(op);
      const before = checksum();
      const a1 = auditCount();
      const res = await send(p.client, p, `${n}:deadlock`);
      if (!res.headers.get('x-msphub-fault-fired')) {
        assert.equal(res.status, normal.status);
        assert.ok(retried > 0, 'at least one deadlock inside the transaction was retried');
        return;
      }
      if (res.status === normal.status && !(op.failed && op.failed(res))) {
        retried++;
        assert.equal(auditCount() - a1, audits, `deadlock at ${n}: written once, as without one`);
      } else {
        if (op.failed) assert.ok(op.failed(res), `deadlock at ${n}: ${res.status} ${res.text.slice(0, 200)}`);
        else expectError(res, 503, 'service_unavailable', undefined, `deadlock at statement ${n}`);
        assert.equal(checksum(), before, `deadlock at ${n} outside a transaction: nothing written`);
        if (op.intact) await op.intact(p);
      }
    }
    assert.fail(`more than ${STATEMENTS_MAX} statements`);
  });
}

test('reads survive a connection lost before or while their rows stream (safe to repeat)', async () => {
  const a = await admin();
  const c = await makeCustomer({ city: 'Leuven' });
  for (const fault of ['1:lost', '2:lost', '1:fetchlost', '2:fetchlost']) {
    const res = await a.get(`/api/v1/customers/${c.id}`, { headers: { 'X-Msphub-Fault': fault } });
    assert.ok(res.headers.get('x-msphub-fault-fired'), `${fault} fired`);
    assert.equal(expectOk(res).city, 'Leuven', fault);
  }
});

test('a write is never repeated on a new connection: lost after any statement ran, one row or none', async () => {
  const a = await admin();
  let lost = 0;
  for (let n = 1; n <= 12; n++) {
    const name = uniq('Once');
    // The statement runs, then its connection goes before the reply is read.
    const res = await a.post('/api/v1/customers', { name }, { headers: { 'X-Msphub-Fault': `${n}:fetchlost` } });
    const rows = sql(`SELECT COUNT(*) FROM customers WHERE name = '${name}'`);
    if (res.status === 201) assert.equal(rows, '1', `fetchlost at ${n}: created once`);
    else {
      expectError(res, 503, 'service_unavailable', undefined, `fetchlost at ${n}`);
      assert.equal(rows, '0', `fetchlost at ${n}: the transaction went with its connection`);
      lost++;
    }
  }
  assert.ok(lost > 0, 'some statement of the write was inside the transaction');
});

test('parallel bulk imports of 1,000 new records lose none (deadlocks are retried), three times', async () => {
  const a = await admin();
  for (let round = 0; round < 3; round++) {
    const tag = uniq('par');
    const batch = (k) => Array.from({ length: 500 }, (_, i) => ({ name: `${tag} ${k}-${i}`, external_ref: `${tag}-${k}-${i}` }));
    const results = await Promise.all([0, 1].map((k) => a.post('/api/v1/customers/bulk', batch(k))));
    for (const r of results) {
      const data = expectOk(r);
      const bad = data.filter((x) => x.result !== 'created');
      assert.deepEqual(bad, [], `round ${round}: every record created`);
    }
    assert.equal(sql(`SELECT COUNT(*) FROM customers WHERE external_ref LIKE '${tag}-%'`), '1000');
  }
});

test('deleting a custom field twice at once: one 204, one 404, one audit row', async () => {
  const a = await admin();
  const f = expectOk(await a.post('/api/v1/custom-fields',
    { key: `k${uniq('').replace(/-/g, '_')}`, label: 'Twice', type: 'text' }), 201);
  const res = await Promise.all([1, 2].map(() => a.del(`/api/v1/custom-fields/${f.id}`)));
  assert.deepEqual(res.map((r) => r.status).sort(), [204, 404]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'custom_field.deleted' AND object_id = ${f.id}`), '1');
});

test('a cascade delete audits each location it removes', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const ids = [];
  for (const name of ['HQ', 'Depot', 'Shop']) {
    ids.push(expectOk(await a.post(`/api/v1/customers/${c.id}/locations`, { name }), 201).id);
  }
  assert.equal((await a.del(`/api/v1/customers/${c.id}?cascade=true`)).status, 204);
  const rows = sql(`SELECT object_id FROM audit_log WHERE action = 'location.deleted' AND customer_id = ${c.id} ORDER BY object_id`);
  assert.deepEqual(rows.split('\n').map(Number), ids);
});

test('a session\'s idle expiry is written at most once a minute', async () => {
  const s = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  const hash = `UNHEX(SHA2('${s.token}', 256))`;
  const idle = () => sql(`SELECT idle_expires_at FROM sessions WHERE token_hash = ${hash}`);
  const first = idle();
  expectOk(await s.get('/api/v1/session'));
  assert.equal(idle(), first, 'a fresh session is not written to');
  // As if the last write was over a minute ago: the next request moves it, once.
  sql(`UPDATE sessions SET idle_expires_at = idle_expires_at - INTERVAL 2 MINUTE WHERE token_hash = ${hash}`);
  const aged = idle();
  expectOk(await s.get('/api/v1/session'));
  const moved = idle();
  assert.ok(moved > aged, `moved: ${aged} -> ${moved}`);
  expectOk(await s.get('/api/v1/session'));
  assert.equal(idle(), moved, 'not again within the minute');
});

test('no request left a transaction open (the runtime would have logged it)', () => {
  assert.ok(CONFIG, 'MSPHUB_TEST_CONFIG is set');
  const logs = join(dirname(CONFIG), 'log');
  for (const f of readdirSync(logs).filter((x) => x.endsWith('.log'))) {
    assert.doesNotMatch(readFileSync(join(logs, f), 'utf8'), /transaction was left open/, f);
  }
});
