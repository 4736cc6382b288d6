// Editing the hub's fields as a technician on a phone or a desk would
// (issue 11, H2, C1, C3): references and the country are picked by name,
// never typed as ids or codes; Save and Cancel work without a keyboard; a
// phone number dials; a conflicting edit keeps what was typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  start, base, unique, apiCreateCustomer, apiCreateUser, apiPost, checkAccessible,
} from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

// A conflict is a 409 the page handles.
before(async () => { ({ browser, page, csrf } = await start(problems, { allow: [409] })); });
after(async () => { await browser?.close(); });

async function openHub(customer) {
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId('field-name').waitFor();
}

// An empty field is behind "Add a field": choosing it opens its editor.
async function addField(field) {
  await page.getByTestId('add-field-core').selectOption(field);
  await page.getByTestId(`field-${field}-input`).waitFor();
}

// Opens an empty field's editor and picks an option (a select saves on change).
async function pick(field, value) {
  await addField(field);
  const input = page.getByTestId(`field-${field}-input`);
  await input.locator(`option[value="${value}"]`).waitFor({ state: 'attached' });
  await input.selectOption(value);
}

test('H2/C1: account manager, default contract, billing contact and country are picked by name', async () => {
  const day = new Date().toISOString().slice(0, 10);
  const manager = await apiCreateUser(page, csrf, {
    email: `${unique('am').replace(/ /g, '')}@example.com`, name: unique('Alex Manager'), role: 'account_manager',
    password: 'a-long-password-1',
  });
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Picker Co') });
  const contract = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/contracts`,
    { name: 'Managed Services', type: 'standard', start_date: day });
  const person = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/contacts`,
    { name: 'Billie Payer', email: 'billie@example.com' });
  await openHub(customer);

  await pick('account_manager_id', String(manager.id));
  await page.getByTestId('field-account_manager_id').filter({ hasText: manager.name }).waitFor();
  await pick('default_contract_id', String(contract.id));
  await page.getByTestId('field-default_contract_id').filter({ hasText: 'Managed Services' }).waitFor();
  await pick('billing_contact_id', String(person.id));
  await page.getByTestId('field-billing_contact_id').filter({ hasText: 'Billie Payer' }).waitFor();
  // "Germany" can no longer become GE (Georgia): the picker offers names.
  await addField('country');
  const country = page.getByTestId('field-country-input');
  await country.locator('option[value="DE"]').waitFor({ state: 'attached' });
  assert.equal(await country.locator('option[value="DE"]').textContent(), 'Germany (DE)');
  assert.equal(await country.locator('option[value="GE"]').textContent(), 'Georgia (GE)');
  await country.selectOption('DE');
  await page.getByTestId('field-country').filter({ hasText: 'Germany' }).waitFor();

  const saved = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
  assert.equal(saved.data.country, 'DE');
  assert.deepEqual(saved.data.billing_contact, { id: person.id, name: 'Billie Payer' });
  for (const f of ['account_manager_id', 'default_contract_id', 'billing_contact_id']) {
    assert.doesNotMatch(await page.getByTestId(`field-${f}`).textContent(), /#\d/, `${f} shows a name, not an id`);
  }
  // The audit names them too.
  await page.getByTestId('tab-audit').click();
  const audit = page.getByTestId('audit-list');
  await audit.getByText('Billie Payer').first().waitFor();
  await audit.getByText('Managed Services (standard)').first().waitFor();
  await audit.getByText(manager.name).first().waitFor();
  await audit.getByText('Germany (DE)').first().waitFor();
  assert.deepEqual(problems, []);
});

test('issue 11: on a phone, Save and Cancel buttons edit without a keyboard and a number dials', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Phone Co'), phone: '+44 20 7946 0018' });
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    await openHub(customer);
    const call = page.getByRole('link', { name: 'Call +44 20 7946 0018' });
    assert.equal(await call.getAttribute('href'), 'tel:+442079460018');
    // Cancel: nothing saved.
    await page.getByTestId('field-phone').click();
    await page.getByTestId('field-phone-input').fill('999');
    await checkAccessible(page, 'a field being edited');
    await page.getByTestId('field-phone-cancel').click();
    assert.equal(await page.getByTestId('field-phone').textContent(), '+44 20 7946 0018');
    // Save: saved.
    await page.getByTestId('field-phone').click();
    await page.getByTestId('field-phone-input').fill('+1 555 0100');
    await page.getByTestId('field-phone-save').click();
    await page.getByTestId('field-phone').filter({ hasText: '+1 555 0100' }).waitFor();
    // Said to screen readers too.
    await page.getByTestId('announcer').filter({ hasText: 'Phone saved' }).waitFor({ state: 'attached' });
    // Archive and delete wait behind "Actions", out of the way.
    assert.equal(await page.getByTestId('delete-customer').isVisible(), false);
    await page.getByTestId('hub-actions-toggle').click();
    assert.equal(await page.getByTestId('delete-customer').isVisible(), true);
    await checkAccessible(page, 'the hub actions menu open');
    await page.getByTestId('hub-actions-toggle').click();
    const saved = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
    assert.equal(saved.data.phone, '+1 555 0100');
  } finally {
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  assert.deepEqual(problems, []);
});

test('C3: a conflicting edit keeps the typed value, names who changed it, and saves on request', async () => {
  const other = await apiCreateUser(page, csrf, {
    email: `${unique('ot').replace(/ /g, '')}@example.com`, name: unique('Olga Other'), role: 'technician',
    password: 'a-long-password-1',
  });
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Conflict Co'), city: 'Leeds', phone: '111' });
  const otherCtx = await browser.newContext();
  try {
    const signIn = await otherCtx.request.post(`${base}/api/v1/session`, {
      data: { email: other.email, password: 'a-long-password-1' },
    });
    const otherCsrf = (await signIn.json()).data.csrf_token;
    const patch = async (body, version) => {
      const r = await otherCtx.request.patch(`${base}/api/v1/customers/${customer.id}`, {
        data: body, headers: { 'X-CSRF-Token': otherCsrf, 'If-Match': `"${version}"` },
      });
      assert.equal(r.status(), 200, await r.text());
      return (await r.json()).data;
    };
    await openHub(customer);

    // Someone else changed another field: ours is applied on top, quietly.
    const v2 = await patch({ city: 'York' }, customer.version);
    await page.getByTestId('field-phone').click();
    await page.getByTestId('field-phone-input').fill('222');
    await page.keyboard.press('Enter');
    await page.getByTestId('field-phone').filter({ hasText: '222' }).waitFor();
    await page.getByTestId('field-city').filter({ hasText: 'York' }).waitFor();

    // Someone else changed this very field: say who and what, keep ours.
    const now = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
    assert.equal(now.data.version, v2.version + 1);
    await page.getByTestId('field-phone').click();
    await patch({ phone: '333' }, now.data.version);
    await page.getByTestId('field-phone-input').fill('444');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('field-phone-error');
    await error.filter({ hasText: other.name }).waitFor();
    assert.match(await error.textContent(), /changed Phone to “333”/);
    assert.equal(await page.getByTestId('field-phone-input').inputValue(), '444');
    await page.getByTestId('field-phone-save').click();
    await page.getByTestId('field-phone').filter({ hasText: '444' }).waitFor();
    const saved = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
    assert.equal(saved.data.phone, '444');
    assert.equal(saved.data.city, 'York');
  } finally {
    await otherCtx.close();
  }
  assert.deepEqual(problems, []);
});

test('C1/L1: a location\'s country is picked by name when adding and editing it', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Sites Co') });
  await page.goto(`${base}/customers/${customer.id}/locations`);
  await page.locator('summary', { hasText: 'Add location' }).click();
  await page.getByTestId('location-name').fill('Paris office');
  const country = page.getByTestId('location-country');
  await country.locator('option[value="FR"]').waitFor({ state: 'attached' });
  await country.selectOption('FR');
  await page.getByTestId('location-submit').click();
  await page.getByText('Paris office').first().waitFor();
  const list = await (await page.request.get(`${base}/api/v1/customers/${customer.id}/locations`)).json();
  assert.equal(list.data[0].country, 'FR');
  await page.getByTestId('location-edit').first().click();
  const edit = page.getByTestId('location-edit-country');
  await edit.locator('option[value="FR"]').waitFor({ state: 'attached' });
  assert.equal(await edit.inputValue(), 'FR');
  assert.equal(await edit.locator('option:checked').textContent(), 'France (FR)');
  assert.deepEqual(problems, []);
});

test('H4: a field opened for editing before the custom fields arrive keeps its editor and text', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Slow Co'), address_line1: '1 Main St' });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/custom-fields', async (route) => { await held; await route.continue(); });
  try {
    await openHub(customer);
    await page.getByTestId('field-address_line1').click();
    await page.getByTestId('field-address_line1-input').fill('Half typed');
    release();
    await page.getByTestId('section-custom-fields').getByText('Loading…').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('field-address_line1-input').inputValue(), 'Half typed');
  } finally {
    release();
    await page.unroute('**/api/v1/custom-fields');
  }
  assert.deepEqual(problems, []);
});

test('issue 11: the first screen — pinned fields and notes in the header, empty fields behind "Add a field", nothing twice', async () => {
  const customer = await apiCreateCustomer(page, csrf, {
    name: unique('First Screen Co'), phone: '+1 555 0123', city: 'Oslo', rank: 'A', business_id: 'NO-1',
    notes: 'X-ray PCs must never reboot during opening hours.',
  });
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    await openHub(customer);
    // The notes are a warning in the first screen, even on a phone.
    const notes = page.getByTestId('hub-notes');
    assert.match(await notes.textContent(), /never reboot/);
    const box = await notes.boundingBox();
    assert.ok(box.y + box.height <= 740, `notes end at ${box.y + box.height} px, below the first screen`);
    // Each field once: pinned ones (phone, rank, city) only in the header.
    for (const f of ['phone', 'city', 'rank', 'notes', 'business_id']) {
      assert.equal(await page.getByTestId(`field-${f}`).count(), 1, `${f} shown once`);
    }
    assert.equal(await page.getByTestId('hub-rank').count(), 0, 'no rank badge next to a pinned rank');
    // No "Not set" rows in the details: empty fields wait behind "Add a field".
    assert.equal(await page.getByTestId('section-overview').getByText('Not set').count(), 0);
    assert.equal(await page.getByTestId('field-fax').count(), 0);
    await page.getByTestId('add-field-core').selectOption('fax');
    await page.getByTestId('field-fax-input').fill('+1 555 0124');
    await page.getByTestId('field-fax-save').click();
    await page.getByTestId('field-fax').filter({ hasText: '+1 555 0124' }).waitFor();
    // A pinned field is edited in the header, and the notes too.
    await page.getByTestId('field-city').click();
    await page.getByTestId('field-city-input').fill('Bergen');
    await page.getByTestId('field-city-save').click();
    await page.getByTestId('field-city').filter({ hasText: 'Bergen' }).waitFor();
    await checkAccessible(page, 'the hub header with pinned fields and notes');
    // The header stays on other tabs.
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('hub-notes').filter({ hasText: 'never reboot' }).waitFor();
    const saved = await (await page.request.get(`${base}/api/v1/customers/${customer.id}`)).json();
    assert.deepEqual([saved.data.city, saved.data.fax], ['Bergen', '+1 555 0124']);
  } finally {
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  assert.deepEqual(problems, []);
});

test('issue 11: an error names the limit, marks the field and keeps focus there', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Limit Co') });
  await openHub(customer);
  await page.getByTestId('field-name').click();
  const input = page.getByTestId('field-name-input');
  await input.fill('x'.repeat(201));
  await page.keyboard.press('Enter');
  const error = page.getByTestId('field-name-error');
  await error.filter({ hasText: 'At most 200 characters' }).waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await input.getAttribute('aria-describedby'), await error.getAttribute('id'));
  assert.equal(await input.evaluate((e) => e === document.activeElement), true);
  assert.equal(await input.inputValue(), 'x'.repeat(201), 'the typed value is kept');
  await page.getByTestId('field-name-cancel').click();
  assert.deepEqual(problems.filter((p) => !/ 400 /.test(p) && !/status of 400/.test(p)), []);
  problems.length = 0;
});

test('L1/issue 11: a location edited meanwhile keeps the typed values; another field is re-applied quietly, the same field names the change', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Sites Conflict Co') });
  const loc = await apiPost(page, csrf, `/api/v1/customers/${customer.id}/locations`, { name: 'Depot', city: 'Leeds' });
  const patch = async (body, version) => {
    const r = await page.request.patch(`${base}/api/v1/customers/${customer.id}/locations/${loc.id}`, {
      data: body, headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${version}"` },
    });
    assert.equal(r.status(), 200, await r.text());
    return (await r.json()).data;
  };
  await page.goto(`${base}/customers/${customer.id}/locations`);
  // Someone else renames it while the dialog is open; our city still goes in.
  await page.getByTestId('location-edit').first().click();
  await page.getByTestId('location-edit-city').fill('York');
  const v2 = await patch({ name: 'Main depot' }, loc.version);
  await page.getByTestId('location-save').click();
  await page.getByTestId('location-dialog').waitFor({ state: 'detached' });
  let now = (await (await page.request.get(`${base}/api/v1/customers/${customer.id}/locations/${loc.id}`)).json()).data;
  assert.deepEqual([now.name, now.city], ['Main depot', 'York']);
  // Someone else changes the same field: ours is kept and the clash named.
  await page.getByTestId('location-edit').first().click();
  await page.getByTestId('location-edit-city').fill('Hull');
  await patch({ city: 'Bristol' }, now.version);
  await page.getByTestId('location-save').click();
  await page.getByTestId('location-dialog-error').filter({ hasText: 'City to “Bristol”' }).waitFor();
  assert.equal(await page.getByTestId('location-edit-city').inputValue(), 'Hull');
  await page.getByTestId('location-save').click();
  await page.getByTestId('location-dialog').waitFor({ state: 'detached' });
  now = (await (await page.request.get(`${base}/api/v1/customers/${customer.id}/locations/${loc.id}`)).json()).data;
  assert.equal(now.city, 'Hull');
  assert.ok(v2.version > loc.version);
  assert.deepEqual(problems, []);
});
