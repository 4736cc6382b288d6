// M3: a customer's mail domains.  Normalised (IDN to A-labels), unique
// across customers, free-mail and public suffixes refused (here and in
// C1's primary_domain); verified by a challenge mail to a role address
// (queued in outbound_mail) whose single-use link or code proves it:
// the link only by a POST of its token, the code with a limit on wrong
// tries; challenges expire, replace each other and are rate limited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  BASE, admin, expectError, expectOk, getWithEtag, makeCustomer, makeUser, q, raw, sql, uniq,
} from './lib.mjs';

const D = (cid) => `/api/v1/customers/${cid}/domains`;
const VERIFY = '/api/v1/domain-verifications';
const name = () => `${uniq('d').toLowerCase()}.example`;

async function addDomain(cid, domain = name(), extra = {}) {
  return expectOk(await (await admin()).post(D(cid), { domain, ...extra }), 201);
}

// The newest challenge mail to a domain: its row, link token and code.
function challengeMail(domain) {
  const row = sql(`SELECT id, to_addr, subject, auto_submitted, status, kind, body FROM outbound_mail
    WHERE kind = 'domain_challenge' AND to_addr LIKE ${q(`%@${domain}`)} ORDER BY id DESC LIMIT 1`);
  assert.ok(row, `a challenge mail to ${domain}`);
  const [id, to, subject, auto, status, kind, ...body] = row.split('\t');
  const text = body.join('\t').replace(/\\n/g, '\n');
  const token = text.match(/\/verify-domain.html#([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/)?.[1];
  const code = text.match(/\b([0-9A-Z]{4})-([0-9A-Z]{4})\b/);
  assert.ok(token, `a link in ${text}`);
  assert.ok(code, `a code in ${text}`);
  return { id: Number(id), to, subject, auto: Number(auto), status, kind, text, token, code: code[1] + code[2] };
}

async function challenge(cid, did, body = {}, opts) {
  return (await admin()).post(`${D(cid)}/${did}/challenge`, body, opts);
}

// A customer with a domain and a challenge sent to it; the mail's link
// token and code, a wrong code, and the domain's path.
async function challenged(body = {}) {
  const c = await makeCustomer();
  const d = await addDomain(c.id);
  expectOk(await challenge(c.id, d.id, body), 202);
  const m = challengeMail(d.domain);
  return { c, d, m, wrong: m.code === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ', path: `${D(c.id)}/${d.id}` };
}

const publicPost = (body) => raw('POST', VERIFY, {
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

test('M3: refusals: free-mail, public suffixes and bad syntax are 400 with their own codes', async () => {
  const a = await admin();
  const c = await makeCustomer();
  for (const [domain, code] of [
    ['gmail.com', 'freemail_domain'], ['GMail.com', 'freemail_domain'], ['hotmail.co.uk', 'freemail_domain'],
    ['yahoo.co.jp', 'freemail_domain'], ['web.de', 'freemail_domain'], ['mail.gmail.com', 'freemail_domain'],
    ['co.uk', 'public_suffix'], ['github.io', 'public_suffix'], ['com.au', 'public_suffix'],
    ['com', 'invalid_domain'], ['exa mple.com', 'invalid_domain'], ['-x.example', 'invalid_domain'],
    ['user@acme.example', 'invalid_domain'], ['acme..example', 'invalid_domain'], ['1.2.3.4', 'invalid_domain'],
    [`${'a'.repeat(64)}.example`, 'invalid_domain'],
  ]) {
    expectError(await a.post(D(c.id), { domain }), 400, code, 'domain', domain);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM customer_domains WHERE customer_id = ${c.id}`), '0');
  // A subdomain on a private public suffix is someone's own.
  expectOk(await a.post(D(c.id), { domain: `${uniq('o').toLowerCase()}.github.io` }), 201);
});

test('M3: an IDN is kept as its A-label; create, get, list, PATCH with If-Match, delete; audited and on the timeline', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const label = uniq('b').toLowerCase();
  const r = await a.post(D(c.id), { domain: `  Bücher-${label}.Example. ` });
  const d = expectOk(r, 201);
  assert.match(d.domain, /^xn--bcher-.*-[a-z0-9]+\.example$/);
  assert.equal(d.customer_id, c.id);
  assert.equal(d.verified, false);
  assert.equal(d.verified_at, null);
  assert.equal(d.include_subdomains, false);
  assert.equal(d.challenge, null);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${D(c.id)}/${d.id}`);
  const exact = expectOk(await a.post(D(c.id), { domain: 'Bücher.example' }), 201);
  assert.equal(exact.domain, 'xn--bcher-kva.example');
  assert.equal(exact.domain_unicode, 'bücher.example', 'shown as people read it');
  assert.equal(d.domain_unicode, `bücher-${label}.example`);
  assert.deepEqual(expectOk(await a.get(`${D(c.id)}/${d.id}`)), d);
  assert.deepEqual(expectOk(await a.get(D(c.id))).map((x) => x.id), [d.id, exact.id]);
  const p1 = await a.get(`${D(c.id)}?limit=1`);
  assert.deepEqual(expectOk(p1).map((x) => x.id), [d.id]);
  assert.deepEqual(expectOk(await a.get(`${D(c.id)}?limit=1&after=${p1.body.next}`)).map((x) => x.id), [exact.id]);

  expectError(await a.patch(`${D(c.id)}/${d.id}`, { include_subdomains: true }), 428);
  const p = await a.patch(`${D(c.id)}/${d.id}`, { include_subdomains: true }, { ifMatch: '"1"' });
  assert.equal(expectOk(p).include_subdomains, true);
  assert.equal(p.headers.get('etag'), '"2"');
  const stale = await a.patch(`${D(c.id)}/${d.id}`, { include_subdomains: false }, { ifMatch: '"1"' });
  expectError(stale, 409);
  expectError(await a.patch(`${D(c.id)}/${d.id}`, { domain: 'other.example' }, { ifMatch: '"2"' }), 400,
    undefined, 'domain', 'the name is not editable');

  assert.equal((await a.del(`${D(c.id)}/${exact.id}`)).status, 204);
  expectError(await a.get(`${D(c.id)}/${exact.id}`), 404, 'not_found');
  const audit = sql(`SELECT action FROM audit_log WHERE object_type = 'domain' AND customer_id = ${c.id} ORDER BY id`);
  assert.deepEqual(audit.split('\n'), ['domain.created', 'domain.created', 'domain.updated', 'domain.deleted']);
  const tl = expectOk(await a.get(`/api/v1/customers/${c.id}/timeline?kind=domain`));
  assert.deepEqual(tl.map((e) => e.kind), ['domain.deleted', 'domain.updated', 'domain.created', 'domain.created']);
  assert.match(tl[0].summary, /xn--bcher-kva\.example/);
});

test('M3: a domain is one customer\'s: 409 domain_exists, or domain_taken naming the other customer', async () => {
  const a = await admin();
  const c1 = await makeCustomer();
  const c2 = await makeCustomer();
  const domain = name();
  await addDomain(c1.id, domain);
  expectError(await a.post(D(c1.id), { domain: domain.toUpperCase() }), 409, 'domain_exists', 'domain');
  const taken = await a.post(D(c2.id), { domain: ` ${domain}.` });
  expectError(taken, 409, 'domain_taken', 'domain');
  assert.deepEqual(taken.body.customer, { id: c1.id, name: c1.name });
  assert.match(taken.body.error.message, new RegExp(c1.name));
  // The U-label and the A-label are one domain.
  const idn = `bücher-${uniq('u').toLowerCase()}.example`;
  const first = await addDomain(c1.id, idn);
  expectError(await a.post(D(c2.id), { domain: first.domain }), 409, 'domain_taken');
});

test('M3: two parallel POSTs of one domain for two customers: one 201, one 409', async () => {
  const a = await admin();
  const c1 = await makeCustomer();
  const c2 = await makeCustomer();
  for (let i = 0; i < 5; i++) {
    const domain = name();
    const res = await Promise.all([a.post(D(c1.id), { domain }), a.post(D(c2.id), { domain })]);
    assert.deepEqual(res.map((r) => r.status).sort(), [201, 409], res.map((r) => r.text).join(' | '));
    expectError(res.find((r) => r.status === 409), 409, 'domain_taken');
    assert.equal(sql(`SELECT COUNT(*) FROM customer_domains WHERE domain = ${q(domain)}`), '1');
  }
});

test('M3: roles and scoping: read_only reads, cannot write; another customer\'s domain id is 404', async () => {
  const ro = await makeUser('read_only');
  const tech = await makeUser('technician');
  const c1 = await makeCustomer();
  const c2 = await makeCustomer();
  const d = await addDomain(c1.id);
  assert.equal(expectOk(await ro.get(D(c1.id))).length, 1);
  expectError(await ro.post(D(c1.id), { domain: name() }), 403);
  expectError(await ro.post(`${D(c1.id)}/${d.id}/challenge`, {}), 403);
  expectError(await ro.del(`${D(c1.id)}/${d.id}`), 403);
  expectError(await tech.get(`${D(c2.id)}/${d.id}`), 404, 'not_found');
  expectError(await tech.del(`${D(c2.id)}/${d.id}`), 404, 'not_found');
  expectError(await tech.post(`${D(c2.id)}/${d.id}/challenge`, {}), 404, 'not_found');
  expectError(await tech.post(`${D(c2.id)}/${d.id}/verify`, { code: 'ABCD-EFGH' }), 404, 'not_found');
  expectError(await raw('GET', D(c1.id)), 401);
  expectOk(await tech.post(D(c1.id), { domain: name() }), 201);
});

test('M3: a challenge is queued in outbound_mail to the role address with a link and a code, stored hashed', async () => {
  const c = await makeCustomer();
  const d = await addDomain(c.id);
  expectError(await challenge(c.id, d.id, { address: 'abuse' }), 400, 'invalid_choice', 'address');
  expectError(await challenge(c.id, d.id, { address: 'info' }), 400, undefined, 'address');
  const r = expectOk(await challenge(c.id, d.id), 202);
  assert.equal(r.challenge.address, `postmaster@${d.domain}`);
  assert.equal(r.challenge.state, 'pending');
  assert.equal(r.challenge.attempts_left, 5);
  const hours = (Date.parse(r.challenge.expires_at) - Date.parse(r.challenge.sent_at)) / 3600e3;
  assert.equal(hours, 72);
  const m = challengeMail(d.domain);
  assert.equal(m.to, `postmaster@${d.domain}`);
  assert.equal(m.kind, 'domain_challenge');
  assert.equal(m.auto, 1, 'automatic mail: Auto-Submitted');
  // Queued in the write; the worker may have sent it since.
  assert.ok(['queued', 'sent'].includes(m.status), m.status);
  assert.match(m.subject, new RegExp(d.domain));
  assert.match(m.text, new RegExp(c.name));
  // Neither the code nor the token is stored, nor in the reply.
  const stored = sql(`SELECT HEX(token_sha), HEX(code_sha), outbound_mail_id FROM domain_challenges
    WHERE domain_id = ${d.id}`).split('\t');
  assert.equal(stored[0], createHash('sha256').update(m.token).digest('hex').toUpperCase());
  assert.notEqual(stored[1], createHash('sha256').update(m.code).digest('hex').toUpperCase(), 'salted');
  assert.equal(Number(stored[2]), m.id);
  assert.equal(sql(`SELECT COUNT(*) FROM domain_challenges WHERE domain_id = ${d.id}
    AND (INSTR(token_sha, ${q(m.token)}) > 0 OR INSTR(code_sha, ${q(m.code)}) > 0)`), '0');
  const all = JSON.stringify(expectOk(await (await admin()).get(`${D(c.id)}/${d.id}`)));
  assert.ok(!all.includes(m.code) && !all.includes(m.token));
  // Another role address the admin picks.
  const r2 = expectOk(await challenge(c.id, d.id, { address: 'hostmaster' }), 202);
  assert.equal(r2.challenge.address, `hostmaster@${d.domain}`);
  assert.equal(challengeMail(d.domain).to, `hostmaster@${d.domain}`);
  const audit = sql(`SELECT action FROM audit_log WHERE object_type = 'domain' AND object_id = ${d.id} ORDER BY id`);
  assert.deepEqual(audit.split('\n'), ['domain.created', 'domain.challenge_sent', 'domain.challenge_sent']);
});

test('M3: the code verifies once (as typed: case, spaces, dash); reuse is refused; a verified domain needs no challenge', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const d = await addDomain(c.id);
  expectError(await a.post(`${D(c.id)}/${d.id}/verify`, { code: 'ABCD-EFGH' }), 409, 'no_challenge');
  expectOk(await challenge(c.id, d.id), 202);
  const m = challengeMail(d.domain);
  expectError(await a.post(`${D(c.id)}/${d.id}/verify`, { code: 'short' }), 400, 'invalid_code', 'code');
  const typed = `${m.code.slice(0, 4).toLowerCase()} - ${m.code.slice(4)}`;
  const v = await a.post(`${D(c.id)}/${d.id}/verify`, { code: typed });
  const done = expectOk(v);
  assert.equal(done.verified, true);
  assert.equal(done.verified_via, 'code');
  assert.match(done.verified_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(done.challenge.state, 'used');
  expectError(await a.post(`${D(c.id)}/${d.id}/verify`, { code: m.code }), 410, 'challenge_used');
  expectError(await publicPost({ token: m.token }), 410, 'challenge_used');
  expectError(await challenge(c.id, d.id), 409, 'already_verified');
  const tl = expectOk(await a.get(`/api/v1/customers/${c.id}/timeline?kind=domain`));
  assert.equal(tl[0].kind, 'domain.verified');
  assert.match(tl[0].summary, /verified/);
});

test('M3: the link\'s token verifies only by POST: a GET of the link or a dry run changes nothing; single use', async () => {
  const { c, d, m } = await challenged({ address: 'webmaster' });
  // What a mail scanner does: fetch the link (the fragment never reaches the server), and more.
  const page = await raw('GET', `/verify-domain.html#${m.token}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<button/);
  assert.equal((await raw('GET', `/verify-domain.html?token=${m.token}`)).status, 200);
  expectError(await raw('GET', `${VERIFY}?token=${m.token}`), 405);
  const dry = expectOk(await publicPost({ token: m.token, dry_run: true }));
  assert.deepEqual([dry.domain, dry.address, dry.state], [d.domain, `webmaster@${d.domain}`, 'pending']);
  assert.equal(expectOk(await (await admin()).get(`${D(c.id)}/${d.id}`)).verified, false);
  expectError(await publicPost({ token: `${m.token.slice(0, -1)}A` === m.token ? 'x' : `${m.token.slice(0, -1)}A` }),
    404, 'unknown_token');
  expectError(await publicPost({}), 400, 'required', 'token');
  const ok = expectOk(await publicPost({ token: m.token }));
  assert.equal(ok.state, 'verified');
  const got = expectOk(await (await admin()).get(`${D(c.id)}/${d.id}`));
  assert.equal(got.verified, true);
  assert.equal(got.verified_via, 'link');
  expectError(await publicPost({ token: m.token }), 410, 'challenge_used');
  assert.equal(expectOk(await publicPost({ token: m.token, dry_run: true })).state, 'used');
  const actor = sql(`SELECT actor_name FROM audit_log WHERE object_type = 'domain' AND object_id = ${d.id}
    AND action = 'domain.verified'`);
  assert.match(actor, /^domain_challenge:\d+$/);
});

test('M3: a new challenge replaces older ones; an expired one is refused (410)', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const d = await addDomain(c.id);
  expectOk(await challenge(c.id, d.id), 202);
  const old = challengeMail(d.domain);
  expectOk(await challenge(c.id, d.id), 202);
  const cur = challengeMail(d.domain);
  assert.notEqual(cur.token, old.token);
  expectError(await publicPost({ token: old.token }), 410, 'challenge_superseded');
  if (old.code !== cur.code) {
    expectError(await a.post(`${D(c.id)}/${d.id}/verify`, { code: old.code }), 400, 'invalid_code');
  }
  sql(`UPDATE domain_challenges SET created_at = created_at - INTERVAL 73 HOUR,
    expires_at = expires_at - INTERVAL 73 HOUR WHERE domain_id = ${d.id}`);
  assert.equal(expectOk(await a.get(`${D(c.id)}/${d.id}`)).challenge.state, 'expired');
  expectError(await a.post(`${D(c.id)}/${d.id}/verify`, { code: cur.code }), 410, 'challenge_expired');
  expectError(await publicPost({ token: cur.token }), 410, 'challenge_expired');
  assert.equal(expectOk(await a.get(`${D(c.id)}/${d.id}`)).verified, false);
  // Old challenges are out of the 24 h window: a new one may go.
  expectOk(await challenge(c.id, d.id), 202);
});

test('M3: five wrong codes spend the challenge, its link too', async () => {
  const a = await admin();
  const { d, m, wrong, path } = await challenged();
  for (let left = 4; left >= 0; left--) {
    const e = expectError(await a.post(`${path}/verify`, { code: wrong }), 400, 'invalid_code', 'code');
    assert.match(e.message, left > 0 ? new RegExp(`${left} attempt`) : /spent/);
  }
  assert.equal(expectOk(await a.get(path)).challenge.state, 'exhausted');
  expectError(await a.post(`${path}/verify`, { code: m.code }), 410, 'challenge_exhausted');
  expectError(await publicPost({ token: m.token }), 410, 'challenge_exhausted');
  assert.equal(sql(`SELECT attempts FROM domain_challenges WHERE domain_id = ${d.id}`), '5');
});

test('M3: wrong codes sent in parallel are each counted: never more than five compared', async () => {
  const a = await admin();
  const { d, wrong, path } = await challenged();
  const res = await Promise.all(Array.from({ length: 8 }, () => a.post(`${path}/verify`, { code: wrong })));
  assert.deepEqual(res.map((r) => r.status).sort(), [400, 400, 400, 400, 400, 410, 410, 410]);
  assert.equal(sql(`SELECT attempts FROM domain_challenges WHERE domain_id = ${d.id}`), '5');
});

test('M3: challenges are rate limited per domain (3 in 24 h, even after delete and re-add) and per customer (10): 429 with Retry-After', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const domain = name();
  let d = await addDomain(c.id, domain);
  for (let i = 0; i < 3; i++) expectOk(await challenge(c.id, d.id), 202);
  const mails = () => sql(`SELECT COUNT(*) FROM outbound_mail WHERE to_addr = ${q(`postmaster@${domain}`)}`);
  assert.equal(mails(), '3');
  const limited = await challenge(c.id, d.id);
  expectError(limited, 429, 'rate_limited');
  const after = Number(limited.headers.get('retry-after'));
  assert.ok(after > 23 * 3600 && after <= 24 * 3600, `Retry-After ${after}`);
  assert.equal((await a.del(`${D(c.id)}/${d.id}`)).status, 204);
  d = await addDomain(c.id, domain);
  expectError(await challenge(c.id, d.id), 429, 'rate_limited');
  assert.equal(mails(), '3');
  // Per customer: seven more over other domains, then none.
  for (let i = 0; i < 7; i++) expectOk(await challenge(c.id, (await addDomain(c.id)).id), 202);
  const other = await addDomain(c.id);
  expectError(await challenge(c.id, other.id), 429, 'rate_limited');
  // An hour older than 24 h, the first three leave the window.
  sql(`UPDATE domain_challenges SET created_at = created_at - INTERVAL 25 HOUR WHERE domain = ${q(domain)}`);
  expectOk(await challenge(c.id, d.id), 202);
});

test('M3: Idempotency-Key: a repeated add or challenge writes and mails once', async () => {
  const a = await admin();
  const c = await makeCustomer();
  const domain = name();
  const k1 = uniq('idem');
  const one = expectOk(await a.post(D(c.id), { domain }, { headers: { 'Idempotency-Key': k1 } }), 201);
  const two = await a.post(D(c.id), { domain }, { headers: { 'Idempotency-Key': k1 } });
  assert.equal(two.headers.get('idempotent-replayed'), 'true');
  assert.equal(expectOk(two, 201).id, one.id);
  const k2 = uniq('idem');
  expectOk(await challenge(c.id, one.id, {}, { headers: { 'Idempotency-Key': k2 } }), 202);
  const again = await challenge(c.id, one.id, {}, { headers: { 'Idempotency-Key': k2 } });
  assert.equal(again.status, 202);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(sql(`SELECT COUNT(*) FROM outbound_mail WHERE to_addr = ${q(`postmaster@${domain}`)}`), '1');
});

test('M3: deleting a verified domain stops routing at once; its link then verifies nothing', async () => {
  const a = await admin();
  const { c, d, m } = await challenged();
  expectOk(await a.post(`${D(c.id)}/${d.id}/verify`, { code: m.code }));
  const routed = () => sql(`SELECT COUNT(*) FROM customer_domains WHERE domain = ${q(d.domain)}
    AND verified_at IS NOT NULL`);
  assert.equal(routed(), '1');
  assert.equal((await a.del(`${D(c.id)}/${d.id}`)).status, 204);
  assert.equal(routed(), '0');
  const audit = JSON.parse(sql(`SELECT changes FROM audit_log WHERE object_id = ${d.id} AND action = 'domain.deleted'`));
  assert.deepEqual(audit.verified, { old: true, new: null });
  // Added again (unverified) and challenged: an old link has no domain.
  const d2 = await addDomain(c.id, name());
  expectOk(await challenge(c.id, d2.id), 202);
  const m2 = challengeMail(d2.domain);
  assert.equal((await a.del(`${D(c.id)}/${d2.id}`)).status, 204);
  expectError(await publicPost({ token: m2.token }), 410, 'domain_removed');
});

test('C1/M3: primary_domain refuses free-mail and public suffixes with the same codes', async () => {
  const a = await admin();
  expectError(await a.post('/api/v1/customers', { name: uniq('C'), primary_domain: 'gmail.com' }), 400,
    'freemail_domain', 'primary_domain');
  expectError(await a.post('/api/v1/customers', { name: uniq('C'), primary_domain: 'github.io' }), 400,
    'public_suffix', 'primary_domain');
  const c = await makeCustomer({ primary_domain: 'Acme-Corp.example' });
  assert.equal(c.primary_domain, 'acme-corp.example');
  const { etag } = await getWithEtag(a, `/api/v1/customers/${c.id}`);
  for (const [v, code] of [['outlook.com', 'freemail_domain'], ['co.uk', 'public_suffix'], ['yahoo.fr', 'freemail_domain']]) {
    expectError(await a.patch(`/api/v1/customers/${c.id}`, { primary_domain: v }, { ifMatch: etag }), 400, code,
      'primary_domain', v);
  }
  expectOk(await a.patch(`/api/v1/customers/${c.id}`, { primary_domain: null }, { ifMatch: etag }));
  // Bulk upsert goes through the same check.
  const bulk = await a.post('/api/v1/customers/bulk', [{ name: uniq('B'), external_ref: uniq('ref'), primary_domain: 'gmx.de' }]);
  assert.match(bulk.text, /freemail_domain/);
});

test('M3: the verification page is public and names no secret; the base URL of links is shared', async () => {
  const res = await raw('GET', '/verify-domain.html');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(res.text, /verify-domain\.js/);
  assert.ok(BASE.startsWith('http://127.'));
});
