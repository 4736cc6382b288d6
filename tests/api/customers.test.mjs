// C1-C4, C7-C10: customers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, raw, makeUser, admin, sql, expectError, expectOk, uniq, makeCustomer, getWithEtag,
} from './lib.mjs';

const P = '/api/v1/customers';

async function ranks() {
  const a = await admin();
  return expectOk(await a.get('/api/v1/settings/ranks'));
}

async function listAll(client, query, limit = 2) {
  const ids = [];
  const rows = [];
  let after = null;
  for (let i = 0; i < 500; i++) {
    const r = await client.get(`${P}?${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
    const d = expectOk(r);
    assert.ok(d.length <= limit);
    rows.push(...d);
    ids.push(...d.map((x) => x.id));
    if (r.body.next === undefined) break;
    assert.equal(typeof r.body.next, 'string', 'next is an opaque cursor');
    after = r.body.next;
  }
  return { ids, rows };
}

test('C1: create with a name only → 201 with defaults, ETag and Location', async () => {
  const a = await admin();
  const name = uniq('Only Name');
  const r = await a.post(P, { name });
  const c = expectOk(r, 201);
  assert.equal(c.name, name);
  assert.ok(Number.isInteger(c.id));
  assert.equal(c.version, 1);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `${P}/${c.id}`);
  for (const f of ['primary_domain', 'phone', 'website', 'city', 'country', 'rank', 'ticket_limit',
    'external_ref', 'account_manager', 'primary_location', 'archived_at', 'notes']) {
    assert.equal(c[f], null, f);
  }
  assert.equal(c.archived, false);
  assert.equal(c.locations_count, 0);
  assert.deepEqual(c.custom_fields, {});
  assert.match(c.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(expectOk(await a.get(`${P}/${c.id}`)), c);
});

test('C1: create with every optional field; normalised values round-trip', async () => {
  const a = await admin();
  const [rank] = await ranks();
  const mgr = await makeUser('account_manager', { name: 'Manager Person' });
  const ref = uniq('ext');
  const body = {
    name: '  Full Record GmbH  ', primary_domain: 'Example.COM', phone: '+49 30 1234567', fax: '+49 30 7654321',
    website: 'https://www.example.com/path?x=1', address_line1: 'Hauptstraße 1', address_line2: '2. OG',
    city: 'Berlin', region: 'BE', postal_code: '10115', country: 'de', business_id: 'DE123456789',
    account_manager_id: mgr.id,
    billing_address: 'Line 1\nLine 2\tTabbed', notes: 'Multi\nline\r\nnotes', rank, ticket_limit: 25, external_ref: ref,
  };
  const c = expectOk(await a.post(P, body), 201);
  assert.equal(c.name, 'Full Record GmbH');
  assert.equal(c.primary_domain, 'example.com');
  assert.equal(c.country, 'DE');
  assert.equal(c.website, body.website);
  assert.equal(c.billing_address, body.billing_address);
  assert.equal(c.notes, body.notes);
  assert.equal(c.rank, rank);
  assert.equal(c.ticket_limit, 25);
  assert.equal(c.external_ref, ref);
  assert.equal(c.account_manager_id, mgr.id);
  assert.deepEqual(c.account_manager, { id: mgr.id, name: 'Manager Person' });
  for (const f of ['phone', 'fax', 'address_line1', 'address_line2', 'city', 'region', 'postal_code',
    'business_id']) assert.equal(c[f], body[f], f);
});

test('C1: the default contract and billing contact are the customer\'s own records', async () => {
  const a = await admin();
  const day = new Date().toISOString().slice(0, 10);
  expectError(await a.post(P, { name: 'New', default_contract_id: 42 }), 400, 'unknown_reference', 'default_contract_id');
  const c = await makeCustomer();
  const other = await makeCustomer();
  const k = expectOk(await a.post(`${P}/${c.id}/contracts`, { name: 'Own', type: 'standard', start_date: day }), 201);
  const theirs = expectOk(await a.post(`${P}/${other.id}/contracts`, { name: 'Theirs', type: 'standard', start_date: day }), 201);
  const person = expectOk(await a.post(`${P}/${c.id}/contacts`, { name: 'Billing Person' }), 201);
  const stranger = expectOk(await a.post(`${P}/${other.id}/contacts`, { name: 'Stranger' }), 201);
  expectError(await a.patch(`${P}/${c.id}`, { default_contract_id: theirs.id }, { ifMatch: `"${c.version}"` }),
    400, 'unknown_reference', 'default_contract_id');
  expectError(await a.patch(`${P}/${c.id}`, { billing_contact_id: stranger.id }, { ifMatch: `"${c.version}"` }),
    400, 'unknown_reference', 'billing_contact_id');
  const cur = expectOk(await a.get(`${P}/${c.id}`));
  const done = expectOk(await a.patch(`${P}/${c.id}`, { default_contract_id: k.id, billing_contact_id: person.id },
    { ifMatch: `"${cur.version}"` }));
  assert.deepEqual([done.default_contract_id, done.billing_contact_id], [k.id, person.id]);
  // Named, so no page shows a bare id (H2 pickers).
  assert.deepEqual(done.default_contract, { id: k.id, name: 'Own' });
  assert.deepEqual(done.billing_contact, { id: person.id, name: 'Billing Person' });
  const cleared = expectOk(await a.patch(`${P}/${c.id}`, { billing_contact_id: null }, { ifMatch: `"${done.version}"` }));
  assert.equal(cleared.billing_contact_id, null);
  assert.equal(cleared.billing_contact, null);
});

test('C1: accents, CJK, RTL and emoji names round-trip; duplicates allowed', async () => {
  const a = await admin();
  const tag = uniq('i18n');
  for (const name of [`Ångström Café ${tag}`, `株式会社テスト ${tag}`, `شركة الاختبار ${tag}`,
    `Emoji 🚀👩‍💻 ${tag}`, `עברית בדיקה ${tag}`]) {
    const c = expectOk(await a.post(P, { name }), 201);
    assert.equal(c.name, name);
    assert.equal(expectOk(await a.get(`${P}/${c.id}`)).name, name);
  }
  const dupName = `Duplicate ${tag}`;
  const d1 = expectOk(await a.post(P, { name: dupName }), 201);
  const d2 = expectOk(await a.post(P, { name: dupName }), 201);
  assert.notEqual(d1.id, d2.id);
});

test('C1: name length 1..200 characters (not bytes); 0, whitespace, 201 → 400', async () => {
  const a = await admin();
  expectOk(await a.post(P, { name: 'x' }), 201);
  const c200 = expectOk(await a.post(P, { name: 'é'.repeat(199) + '🚀' }), 201);
  assert.equal([...c200.name].length, 200);
  expectError(await a.post(P, { name: '' }), 400, 'required', 'name');
  expectError(await a.post(P, { name: '   \t ' }), 400, 'required', 'name');
  expectError(await a.post(P, { name: 'x'.repeat(201) }), 400, 'too_long', 'name');
  expectError(await a.post(P, { name: 'ü'.repeat(201) }), 400, 'too_long', 'name');
  expectError(await a.post(P, {}), 400, 'required', 'name');
  expectError(await a.post(P, { name: null }), 400, 'required', 'name');
  expectError(await a.post(P, { name: 42 }), 400, 'invalid_type', 'name');
  expectError(await a.post(P, { name: 'bad\u0001name' }), 400, 'invalid_text', 'name');
});

test('C1: invalid optional fields → 400 naming the field', async () => {
  const a = await admin();
  const n = () => uniq('Bad');
  expectError(await a.post(P, { name: n(), website: 'ftp://example.com' }), 400, 'invalid_url', 'website');
  expectError(await a.post(P, { name: n(), website: 'javascript:alert(1)' }), 400, 'invalid_url', 'website');
  expectError(await a.post(P, { name: n(), primary_domain: 'no_domain' }), 400, 'invalid_domain', 'primary_domain');
  expectError(await a.post(P, { name: n(), country: 'DEU' }), 400, 'invalid_country', 'country');
  expectError(await a.post(P, { name: n(), country: 'ZZ' }), 400, 'invalid_country', 'country');
  expectError(await a.post(P, { name: n(), country: 'UK' }), 400, 'invalid_country', 'country');
  expectError(await a.post(P, { name: n(), phone: '1'.repeat(51) }), 400, 'too_long', 'phone');
  expectError(await a.post(P, { name: n(), account_manager_id: 'x' }), 400, 'invalid_integer', 'account_manager_id');
  expectError(await a.post(P, { name: n(), account_manager_id: 9007199254740991 }), 400, 'unknown_reference',
    'account_manager_id');
  expectError(await a.post(P, { name: n(), rank: 'NOT-A-RANK' }), 400, 'invalid_choice', 'rank');
  expectError(await a.post(P, { name: n(), colour: 'red' }), 400, 'unknown_field', 'colour');
  expectError(await a.post(P, { name: n(), custom_fields: [] }), 400, 'invalid_type', 'custom_fields');
  const ref = uniq('dupref');
  expectOk(await a.post(P, { name: n(), external_ref: ref }), 201);
  expectError(await a.post(P, { name: n(), external_ref: ref }), 409, 'duplicate_external_ref', 'external_ref');
});

test('C1: malformed requests: 401, 403 CSRF, 415, bad JSON 400, 413', async () => {
  const a = await admin();
  const body = JSON.stringify({ name: uniq('Malformed') });
  expectError(await raw('POST', P, { headers: { 'Content-Type': 'application/json' }, body }), 401, 'no_session');
  expectError(await raw('POST', P, { cookie: a.token, headers: { 'Content-Type': 'application/json' }, body }),
    403, 'csrf_failed');
  expectError(await a.post(P, body, { headers: { 'X-CSRF-Token': 'wrong' } }), 403, 'csrf_failed');
  expectError(await a.post(P, body, { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  expectError(await raw('POST', P, { cookie: a.token, csrf: a.csrf, body }), 415, 'unsupported_media_type');
  expectError(await a.post(P, '{"name": "x",}'), 400, 'invalid_json');
  expectError(await a.post(P, '"just a string"'), 400, 'invalid_json');
  expectError(await a.post(P, { name: 'x', notes: 'n'.repeat(70 * 1024) }), 413, 'too_large');
});

test('C2: list q is case- and accent-insensitive; % and _ are literal', async () => {
  const a = await admin();
  const tag = uniq('srch').replace(/-/g, '');
  const c = await makeCustomer({ name: `Ångström Électricité ${tag}` });
  const other = await makeCustomer({ name: `Plain ${tag}` });
  const pct = await makeCustomer({ name: `Hundred%Percent ${tag}` });
  for (const qs of ['angstrom', 'ANGSTRÖM', 'electricite', 'ÉLECTRICITÉ', 'gström él']) {
    const ids = expectOk(await a.get(`${P}?q=${encodeURIComponent(`${qs}`)}&limit=200`)).map((x) => x.id);
    assert.ok(ids.includes(c.id), `q=${qs} finds the customer`);
  }
  const ids = expectOk(await a.get(`${P}?q=${tag}&limit=200`)).map((x) => x.id).sort();
  assert.deepEqual(ids, [c.id, other.id, pct.id].sort());
  const p = expectOk(await a.get(`${P}?q=${encodeURIComponent(`%Percent ${tag}`)}`)).map((x) => x.id);
  assert.deepEqual(p, [pct.id]);
  const u = expectOk(await a.get(`${P}?q=${encodeURIComponent(`Pl_in ${tag}`)}`));
  assert.deepEqual(u, []);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${uniq('nomatch')}`)), []);
});

test('C2: rank filter, status filter, locations_count per row', async () => {
  const a = await admin();
  const rs = await ranks();
  const tag = uniq('rk').replace(/-/g, '');
  const r0 = await makeCustomer({ name: `R0 ${tag}`, rank: rs[0] });
  const r1 = await makeCustomer({ name: `R1 ${tag}`, rank: rs[1] });
  const none = await makeCustomer({ name: `RN ${tag}` });
  const arch = await makeCustomer({ name: `RA ${tag}`, rank: rs[0] });
  expectOk(await a.post(`${P}/${arch.id}/archive`));
  expectOk(await a.post(`${P}/${r1.id}/locations`, { name: 'Site 1' }), 201);
  expectOk(await a.post(`${P}/${r1.id}/locations`, { name: 'Site 2' }), 201);
  const byRank = expectOk(await a.get(`${P}?q=${tag}&rank=${encodeURIComponent(rs[0])}`));
  assert.deepEqual(byRank.map((x) => x.id), [r0.id]);
  const row = expectOk(await a.get(`${P}?q=${tag}`));
  assert.deepEqual(row.map((x) => x.id).sort(), [r0.id, r1.id, none.id].sort());
  const r1row = row.find((x) => x.id === r1.id);
  assert.equal(r1row.locations_count, 2);
  assert.equal(r1row.rank, rs[1]);
  assert.equal(r1row.archived, false);
  assert.equal(row.find((x) => x.id === none.id).locations_count, 0);
  assert.deepEqual(Object.keys(r1row).sort(), ['archived', 'assets_located', 'assets_owned', 'created_at', 'id',
    'locations_count', 'name', 'open_tickets', 'rank']);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${tag}&status=archived`)).map((x) => x.id), [arch.id]);
  assert.equal(expectOk(await a.get(`${P}?q=${tag}&status=all`)).length, 4);
  assert.equal(expectOk(await a.get(`${P}?q=${tag}&status=active`)).length, 3);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${tag}&rank=${encodeURIComponent(rs[0])}&status=all`))
    .map((x) => x.id).sort(), [r0.id, arch.id].sort());
});

test('C2: query validation → 400 with the parameter name', async () => {
  const a = await admin();
  expectError(await a.get(`${P}?limit=0`), 400, 'out_of_range', 'limit');
  expectError(await a.get(`${P}?limit=201`), 400, 'out_of_range', 'limit');
  expectError(await a.get(`${P}?limit=-5`), 400, 'out_of_range', 'limit');
  expectError(await a.get(`${P}?limit=ten`), 400, 'invalid_integer', 'limit');
  expectError(await a.get(`${P}?status=deleted`), 400, 'invalid_choice', 'status');
  expectError(await a.get(`${P}?sort=id`), 400, 'invalid_choice', 'sort');
  expectError(await a.get(`${P}?after=abc`), 400, 'invalid_cursor', 'after');
  expectError(await a.get(`${P}?after=0`), 400, 'invalid_cursor', 'after');
  expectError(await a.get(`${P}?include_archived=yes`), 400, 'invalid_choice', 'include_archived');
  expectError(await a.get(`${P}?q=${'x'.repeat(201)}`), 400, 'too_long', 'q');
  expectError(await a.get(`${P}?bogus=1`), 400, 'unknown_parameter', 'bogus');
  expectError(await a.get(`${P}?q=a&q=b`), 400, 'repeated_parameter', 'q');
  expectError(await a.get(`${P}?q=%zz`), 400, 'invalid_query');
  assert.ok(expectOk(await a.get(`${P}?limit=1`)).length <= 1);
  assert.ok(expectOk(await a.get(`${P}?limit=200`)).length <= 200);
  expectError(await raw('GET', P), 401, 'no_session');
});

test('bytes that are not UTF-8 are refused and never echoed back', async () => {
  const a = await admin();
  const strict = new TextDecoder('utf-8', { fatal: true });
  const send = async (method, path, body) => {
    const res = await fetch(BASE + path, {
      method,
      headers: { Cookie: `msphub_session=${a.token}`, 'X-CSRF-Token': a.csrf, 'Content-Type': 'application/json' },
      body,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, text: strict.decode(bytes), headers: res.headers };
  };
  const bad = Buffer.from([0xff, 0xfe]);
  const key = await send('POST', '/api/v1/customers',
    Buffer.concat([Buffer.from('{"name":"x","'), bad, Buffer.from('":1}')]));
  expectError({ ...key, body: JSON.parse(key.text) }, 400, 'invalid_json');
  const value = await send('POST', '/api/v1/customers',
    Buffer.concat([Buffer.from('{"name":"'), bad, Buffer.from('"}')]));
  expectError({ ...value, body: JSON.parse(value.text) }, 400, 'invalid_json');
  const query = await send('GET', '/api/v1/customers?%FF%FE=1');
  expectError({ ...query, body: JSON.parse(query.text) }, 400, 'unknown_parameter', null);
  const named = await send('GET', '/api/v1/customers?colour=1');
  expectError({ ...named, body: JSON.parse(named.text) }, 400, 'unknown_parameter', 'colour');
});

test('C2: keyset paging walks every row once, in order, for every sort', async () => {
  const a = await admin();
  const rs = await ranks();
  const tag = uniq('page').replace(/-/g, '');
  const made = [];
  const names = ['delta', 'Alpha', 'charlie', 'bravo', 'alpha', 'Echo', 'bravo'];
  for (let i = 0; i < names.length; i++) {
    made.push(await makeCustomer({ name: `${tag} ${names[i]}`, rank: i % 3 === 2 ? null : rs[i % rs.length] }));
  }
  const byId = new Map(made.map((c) => [c.id, c]));
  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  const key = {
    name: (c) => c.name.toLowerCase(),
    created: (c) => c.created_at,
    rank: (c) => (c.rank ?? 'zzzz').toLowerCase(),
  };
  for (const sort of ['name', '-name', 'created', '-created', 'rank', '-rank']) {
    const k = key[sort.replace('-', '')];
    const dir = sort.startsWith('-') ? -1 : 1;
    const expected = [...made].sort((x, y) => dir * (cmp(k(x), k(y)) || cmp(x.id, y.id))).map((c) => c.id);
    for (const limit of [1, 2, 3]) {
      const { ids } = await listAll(a, `q=${tag}&sort=${sort}`, limit);
      assert.equal(new Set(ids).size, ids.length, `${sort}/${limit}: no duplicates`);
      assert.deepEqual(ids, expected, `${sort}/${limit}: order`);
      assert.ok(ids.every((id) => byId.has(id)));
    }
  }
  // the default sort is by name
  const { ids } = await listAll(a, `q=${tag}`, 200);
  assert.deepEqual(ids, (await listAll(a, `q=${tag}&sort=name`, 200)).ids);
});

test('C3: PATCH with If-Match; stale → 409 with the current record; missing → 428', async () => {
  const a = await admin();
  const c = await makeCustomer({ city: 'Old City' });
  const { etag } = await getWithEtag(a, `${P}/${c.id}`);
  assert.equal(etag, '"1"');
  const r = await a.patch(`${P}/${c.id}`, { city: 'New City', phone: '123' }, { ifMatch: etag });
  const d = expectOk(r);
  assert.equal(d.city, 'New City');
  assert.equal(d.phone, '123');
  assert.equal(d.name, c.name, 'untouched fields stay');
  assert.equal(d.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  // W/ and bare forms are accepted
  expectOk(await a.patch(`${P}/${c.id}`, { phone: '456' }, { ifMatch: 'W/"2"' }));
  expectOk(await a.patch(`${P}/${c.id}`, { phone: '789' }, { ifMatch: '3' }));
  const stale = await a.patch(`${P}/${c.id}`, { city: 'Stale City' }, { ifMatch: etag });
  expectError(stale, 409, 'version_conflict');
  assert.equal(stale.body.data.id, c.id);
  assert.equal(stale.body.data.city, 'New City');
  assert.equal(stale.body.data.phone, '789');
  assert.equal(stale.body.data.version, 4);
  assert.equal(stale.headers.get('etag'), '"4"');
  expectError(await a.patch(`${P}/${c.id}`, { city: 'x' }), 428, 'if_match_required');
  expectError(await a.patch(`${P}/${c.id}`, { city: 'x' }, { ifMatch: '"abc"' }), 400, 'invalid_if_match');
  // clearing with null and with ''
  const cl = expectOk(await a.patch(`${P}/${c.id}`, { city: null, phone: '' }, { ifMatch: '"4"' }));
  assert.equal(cl.city, null);
  assert.equal(cl.phone, null);
  // a PATCH that changes nothing does not bump the version
  const same = expectOk(await a.patch(`${P}/${c.id}`, { name: cl.name }, { ifMatch: `"${cl.version}"` }));
  assert.equal(same.version, cl.version);
  assert.equal(expectOk(await a.get(`${P}/${c.id}`)).city, null);
});

test('C3: PATCH rejections: invalid field 400, unknown id 404, 401, CSRF 403, 415, 413', async () => {
  const a = await admin();
  const c = await makeCustomer();
  expectError(await a.patch(`${P}/${c.id}`, { name: '' }, { ifMatch: '"1"' }), 400, 'required', 'name');
  expectError(await a.patch(`${P}/${c.id}`, { name: null }, { ifMatch: '"1"' }), 400, 'required', 'name');
  expectError(await a.patch(`${P}/${c.id}`, { website: 'nope' }, { ifMatch: '"1"' }), 400, 'invalid_url', 'website');
  expectError(await a.patch(`${P}/${c.id}`, { id: 5 }, { ifMatch: '"1"' }), 400, 'unknown_field', 'id');
  expectError(await a.patch(`${P}/9007199254740990`, { name: 'x' }, { ifMatch: '"1"' }), 404, 'not_found');
  expectError(await a.get(`${P}/9007199254740990`), 404, 'not_found');
  expectError(await raw('PATCH', `${P}/${c.id}`, { headers: { 'Content-Type': 'application/json', 'If-Match': '"1"' },
    body: '{"name":"x"}' }), 401, 'no_session');
  expectError(await a.patch(`${P}/${c.id}`, { name: 'x' }, { ifMatch: '"1"', headers: { 'X-CSRF-Token': undefined } }),
    403, 'csrf_failed');
  expectError(await a.patch(`${P}/${c.id}`, 'name=x', { ifMatch: '"1"', headers: { 'Content-Type': 'text/plain' } }),
    415, 'unsupported_media_type');
  expectError(await a.patch(`${P}/${c.id}`, { notes: 'n'.repeat(70 * 1024) }, { ifMatch: '"1"' }), 413, 'too_large');
  assert.equal(expectOk(await a.get(`${P}/${c.id}`)).version, 1);
});

test('C4: rank must be one of the workspace scale; null clears it', async () => {
  const a = await admin();
  const rs = await ranks();
  assert.ok(Array.isArray(rs) && rs.length >= 2);
  const c = await makeCustomer();
  const d = expectOk(await a.patch(`${P}/${c.id}`, { rank: rs[1] }, { ifMatch: '"1"' }));
  assert.equal(d.rank, rs[1]);
  expectError(await a.patch(`${P}/${c.id}`, { rank: 'Z-not-a-rank' }, { ifMatch: '"2"' }), 400, 'invalid_choice', 'rank');
  expectError(await a.patch(`${P}/${c.id}`, { rank: '' }, { ifMatch: '"2"' }), 400, undefined, 'rank');
  expectError(await a.patch(`${P}/${c.id}`, { rank: 3 }, { ifMatch: '"2"' }), 400, 'invalid_type', 'rank');
  const cl = expectOk(await a.patch(`${P}/${c.id}`, { rank: null }, { ifMatch: '"2"' }));
  assert.equal(cl.rank, null);
});

test('C4: rank scale settings: GET for everyone; PUT admin only, 2..10 distinct ranks', async () => {
  const a = await admin();
  const ro = await makeUser('read_only');
  const tech = await makeUser('technician');
  const rs = expectOk(await ro.get('/api/v1/settings/ranks'));
  expectError(await tech.put('/api/v1/settings/ranks', rs), 403, 'forbidden');
  expectError(await a.put('/api/v1/settings/ranks', ['A']), 422, 'ranks_count');
  expectError(await a.put('/api/v1/settings/ranks', Array.from({ length: 11 }, (_, i) => `R${i}`)), 422, 'ranks_count');
  expectError(await a.put('/api/v1/settings/ranks', ['A', 'A']), 400, 'duplicate');
  expectError(await a.put('/api/v1/settings/ranks', [' A ', 'A', 'B']), 400, 'duplicate');
  expectError(await a.put('/api/v1/settings/ranks', ['A', 5]), 400, 'invalid_choice');
  expectError(await a.put('/api/v1/settings/ranks', { ranks: ['A', 'B'] }), 400, 'invalid_json');
  expectError(await a.put('/api/v1/settings/ranks', JSON.stringify(rs), { headers: { 'Content-Type': 'text/csv' } }),
    415, 'unsupported_media_type');
  // items are stored as validated (trimmed); the same scale goes back after
  try {
    assert.deepEqual(expectOk(await a.put('/api/v1/settings/ranks', rs.map((r) => ` ${r}  `))), rs);
    assert.deepEqual(expectOk(await a.get('/api/v1/settings/ranks')), rs);
  } finally {
    assert.deepEqual(expectOk(await a.put('/api/v1/settings/ranks', rs)), rs);
  }
  expectError(await raw('GET', '/api/v1/settings/ranks'), 401, 'no_session');
});

test('C7: archive / unarchive; archived leaves the default list, stays under status=archived and include_archived', async () => {
  const a = await admin();
  const tag = uniq('arch').replace(/-/g, '');
  const c = await makeCustomer({ name: `Archive Me ${tag}` });
  const r = await a.post(`${P}/${c.id}/archive`);
  const d = expectOk(r);
  assert.equal(d.archived, true);
  assert.ok(d.archived_at);
  assert.equal(d.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  // archiving twice is a no-op
  assert.equal(expectOk(await a.post(`${P}/${c.id}/archive`)).version, 2);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${tag}`)), []);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${tag}&status=archived`)).map((x) => x.id), [c.id]);
  const pick = expectOk(await a.get(`${P}?q=${tag}&include_archived=search`));
  assert.deepEqual(pick.map((x) => x.id), [c.id]);
  assert.equal(pick[0].archived, true);
  // still readable by id
  assert.equal(expectOk(await a.get(`${P}/${c.id}`)).archived, true);
  const u = expectOk(await a.post(`${P}/${c.id}/unarchive`));
  assert.equal(u.archived, false);
  assert.equal(u.archived_at, null);
  assert.deepEqual(expectOk(await a.get(`${P}?q=${tag}`)).map((x) => x.id), [c.id]);
  const kinds = sql(`SELECT kind FROM timeline_events WHERE customer_id = ${c.id} ORDER BY id`).split('\n');
  assert.deepEqual(kinds, ['customer.created', 'customer.archived', 'customer.unarchived']);
});

test('C7: archive rejections: 401, read_only 403, CSRF 403, unknown 404', async () => {
  const a = await admin();
  const ro = await makeUser('read_only');
  const c = await makeCustomer();
  expectError(await raw('POST', `${P}/${c.id}/archive`), 401, 'no_session');
  expectError(await ro.post(`${P}/${c.id}/archive`), 403, 'forbidden');
  expectError(await ro.post(`${P}/${c.id}/unarchive`), 403, 'forbidden');
  expectError(await a.post(`${P}/${c.id}/archive`, undefined, { headers: { 'X-CSRF-Token': 'bad' } }), 403, 'csrf_failed');
  expectError(await a.post(`${P}/9007199254740990/archive`), 404, 'not_found');
  expectError(await a.post(`${P}/9007199254740990/unarchive`), 404, 'not_found');
  expectError(await a.get(`${P}/${c.id}/archive`), 405, 'method_not_allowed');
  assert.equal(expectOk(await a.get(`${P}/${c.id}`)).archived, false);
});

test('C8: delete is admin only; 409 with locations unless cascade=true; 404 after', async () => {
  const a = await admin();
  const tech = await makeUser('technician');
  const am = await makeUser('account_manager');
  const ro = await makeUser('read_only');
  const c = await makeCustomer();
  expectOk(await a.post(`${P}/${c.id}/locations`, { name: 'HQ' }), 201);
  for (const u of [tech, am, ro]) expectError(await u.del(`${P}/${c.id}`), 403, 'forbidden');
  expectError(await raw('DELETE', `${P}/${c.id}`), 401, 'no_session');
  expectError(await a.del(`${P}/${c.id}`, { headers: { 'X-CSRF-Token': undefined } }), 403, 'csrf_failed');
  const conflict = await a.del(`${P}/${c.id}`);
  expectError(conflict, 409, 'has_records');
  assert.match(conflict.body.error.message, /1 location/);
  expectError(await a.del(`${P}/${c.id}?cascade=false`), 409, 'has_records');
  expectError(await a.del(`${P}/${c.id}?cascade=maybe`), 400, 'invalid_boolean', 'cascade');
  assert.equal(expectOk(await a.get(`${P}/${c.id}`)).locations_count, 1);
  const del = await a.del(`${P}/${c.id}?cascade=true`);
  assert.equal(del.status, 204);
  assert.equal(del.text, '');
  expectError(await a.get(`${P}/${c.id}`), 404, 'not_found');
  expectError(await a.del(`${P}/${c.id}`), 404, 'not_found');
  expectError(await a.get(`${P}/${c.id}/locations`), 404, 'not_found');
  assert.equal(sql(`SELECT COUNT(*) FROM locations WHERE customer_id = ${c.id}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'customer.deleted' AND object_id = ${c.id}`), '1');
  // without locations, no cascade needed
  const e = await makeCustomer();
  assert.equal((await a.del(`${P}/${e.id}`)).status, 204);
  expectError(await a.get(`${P}/${e.id}`), 404, 'not_found');
});

test('C9: audit is newest first, paged, with who/when/action and field old → new', async () => {
  const a = await admin();
  const tech = await makeUser('technician', { name: 'Audit Tech' });
  const c = await makeCustomer({ city: 'One' });
  let v = 1;
  for (const city of ['Two', 'Three', 'Four']) {
    expectOk(await tech.patch(`${P}/${c.id}`, { city }, { ifMatch: `"${v}"` }));
    v++;
  }
  const ro = await makeUser('read_only');
  const all = expectOk(await ro.get(`${P}/${c.id}/audit`));
  assert.equal(all.length, 4);
  assert.deepEqual(all.map((r) => r.action), ['customer.updated', 'customer.updated', 'customer.updated', 'customer.created']);
  const ids = all.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort((x, y) => y - x), 'newest first');
  assert.deepEqual(all[0].changes, { city: { old: 'Three', new: 'Four' } });
  assert.deepEqual(all[0].actor, { id: tech.id, name: 'Audit Tech' });
  assert.equal(all[0].object_type, 'customer');
  assert.equal(all[0].object_id, c.id);
  assert.match(all[0].occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(all[3].changes.name, { old: null, new: c.name });
  assert.deepEqual(all[3].actor.id, a.user.id);
  // paging
  const p1 = await ro.get(`${P}/${c.id}/audit?limit=3`);
  assert.deepEqual(expectOk(p1).map((r) => r.id), ids.slice(0, 3));
  assert.equal(typeof p1.body.next, 'string', 'an opaque cursor');
  const p2 = await ro.get(`${P}/${c.id}/audit?limit=3&after=${p1.body.next}`);
  assert.deepEqual(expectOk(p2).map((r) => r.id), ids.slice(3));
  assert.equal(p2.body.next, undefined);
  // rejections
  expectError(await ro.get(`${P}/9007199254740990/audit`), 404, 'not_found');
  expectError(await ro.get(`${P}/${c.id}/audit?limit=0`), 400, 'out_of_range', 'limit');
  expectError(await ro.get(`${P}/${c.id}/audit?limit=201`), 400, 'out_of_range', 'limit');
  expectError(await raw('GET', `${P}/${c.id}/audit`), 401, 'no_session');
});

test('C10: ticket_limit is a whole number 0..100000 or null', async () => {
  const a = await admin();
  const c = await makeCustomer({ ticket_limit: 0 });
  assert.equal(c.ticket_limit, 0);
  const d = expectOk(await a.patch(`${P}/${c.id}`, { ticket_limit: 100000 }, { ifMatch: '"1"' }));
  assert.equal(d.ticket_limit, 100000);
  for (const [bad, code] of [[-1, 'out_of_range'], [100001, 'out_of_range'], [1.5, 'invalid_integer'],
    ['10', 'invalid_integer'], [true, 'invalid_integer'], [1e20, 'out_of_range']]) {
    expectError(await a.patch(`${P}/${c.id}`, { ticket_limit: bad }, { ifMatch: '"2"' }), 400, code, 'ticket_limit');
  }
  expectError(await a.post(P, { name: uniq('TL'), ticket_limit: -5 }), 400, 'out_of_range', 'ticket_limit');
  const n = expectOk(await a.patch(`${P}/${c.id}`, { ticket_limit: null }, { ifMatch: '"2"' }));
  assert.equal(n.ticket_limit, null);
});

test('roles: read_only reads but cannot write; technician and account_manager write', async () => {
  const ro = await makeUser('read_only');
  const c = await makeCustomer();
  expectOk(await ro.get(P));
  expectOk(await ro.get(`${P}/${c.id}`));
  expectError(await ro.post(P, { name: uniq('RO') }), 403, 'forbidden');
  expectError(await ro.patch(`${P}/${c.id}`, { name: 'x' }, { ifMatch: '"1"' }), 403, 'forbidden');
  expectError(await ro.post(`${P}/bulk`, [{ name: 'x', external_ref: uniq('ro') }]), 403, 'forbidden');
  for (const role of ['technician', 'account_manager']) {
    const u = await makeUser(role);
    const mine = expectOk(await u.post(P, { name: uniq(role) }), 201);
    const upd = expectOk(await u.patch(`${P}/${mine.id}`, { phone: '1' }, { ifMatch: '"1"' }));
    assert.equal(upd.phone, '1');
    expectOk(await u.post(`${P}/${mine.id}/archive`));
    expectError(await u.del(`${P}/${mine.id}`), 403, 'forbidden');
  }
  assert.equal(expectOk(await ro.get(`${P}/${c.id}`)).version, 1);
});

test('C1/C3: create and update write audit rows and timeline events', async () => {
  const a = await admin();
  const c = await makeCustomer({ phone: '1' });
  expectOk(await a.patch(`${P}/${c.id}`, { phone: '2', city: 'X' }, { ifMatch: '"1"' }));
  const rows = sql(`SELECT action FROM audit_log WHERE customer_id = ${c.id} ORDER BY id`).split('\n');
  assert.deepEqual(rows, ['customer.created', 'customer.updated']);
  const tl = sql(`SELECT kind, summary FROM timeline_events WHERE customer_id = ${c.id} ORDER BY id`).split('\n');
  assert.equal(tl.length, 2);
  assert.match(tl[1], /^customer\.updated\tCustomer updated: .*phone/);
  assert.match(tl[1], /city/);
});

test('C2: a row renamed or deleted between two pages skips nothing and repeats nothing', async () => {
  const a = await admin();
  const tag = uniq('Keyset');
  const made = [];
  for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) made.push(await makeCustomer({ name: `${tag} ${n}` }));
  const page = async (after) => {
    const r = await a.get(`${P}?q=${encodeURIComponent(tag)}&sort=name&limit=2${after ? `&after=${after}` : ''}`);
    return { rows: expectOk(r), next: r.body.next };
  };
  for (const change of ['rename', 'delete']) {
    const seen = [];
    let p = await page();
    seen.push(...p.rows.map((x) => x.name));
    // The last row of the page is renamed to sort first, or deleted.
    const last = made.find((m) => m.id === p.rows[1].id);
    if (change === 'rename') {
      const cur = await a.get(`${P}/${last.id}`);
      expectOk(await a.patch(`${P}/${last.id}`, { name: `${tag} 0 ${last.name}` },
        { ifMatch: cur.headers.get('etag') }));
    } else {
      assert.equal((await a.del(`${P}/${last.id}`)).status, 204);
    }
    while (p.next) {
      p = await page(p.next);
      seen.push(...p.rows.map((x) => x.name));
    }
    const expected = made.map((m) => m.name).filter((n) => n !== last.name && n > seen[1]);
    assert.deepEqual(seen.slice(2), expected, `${change}: the rest, once each, in order`);
    assert.equal(new Set(seen).size, seen.length, `${change}: no row twice`);
    made.splice(made.indexOf(last), 1);
  }
});

test('C1: the country picker lists exactly the codes the API accepts', async () => {
  const a = await admin();
  const list = expectOk(await a.get('/api/v1/settings/countries'));
  assert.equal(list.length, 249);
  assert.deepEqual(list.find((k) => k.code === 'DE'), { code: 'DE', name: 'Germany' });
  assert.equal(list.find((k) => k.code === 'GE').name, 'Georgia');
  assert.equal(new Set(list.map((k) => k.code)).size, list.length);
  const c = expectOk(await a.post(P, { name: uniq('Country') }), 201);
  let version = c.version;
  for (const k of list) {
    const r = await a.patch(`${P}/${c.id}`, { country: k.code.toLowerCase() }, { ifMatch: `"${version}"` });
    const d = expectOk(r);
    assert.equal(d.country, k.code);
    version = d.version;
  }
});
