// The hub's Devices tab (D1-D3, D7) and the palette's devices (H2): two
// filters combined and kept in the URL across a reload, the detailed view,
// add a device, edit one someone else changed (409 shows the current
// record), move it to a folder, an installer token shown once, and the
// palette finding a device by IP; every state at 360 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, signIn, base, unique, apiSession, apiCreateCustomer, apiPost, checkAccessible,
} from './lib.mjs';

let browser;
let page;
let csrf;
const problems = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, problems, { allow: [409] });
  await signIn(page);
  await page.waitForURL(`${base}/customers`);
  csrf = await apiSession(page);
});
after(async () => { await browser?.close(); });

const post = (path, data) => apiPost(page, csrf, path, data);

async function openDevices(customer, search = '') {
  await page.goto(`${base}/customers/${customer.id}/devices${search}`);
  await page.locator('[data-testid="tab-panel"][data-tab="devices"]').waitFor();
  await page.waitForLoadState('networkidle');
}

// Waits until the list shows exactly these device names, in order.
async function listShows(expected) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('[data-testid="devices-row"] th')].map((t) => t.textContent);
    return JSON.stringify(got) === JSON.stringify(want);
  }, expected).catch(async () => {
    assert.deepEqual(await page.getByTestId('devices-row').locator('th').allTextContents(), expected);
  });
}

test('D2: two filters combined narrow the list, the URL says so, and a reload keeps them', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Filter Co') });
  const cid = customer.id;
  await post(`/api/v1/customers/${cid}/devices`, { name: 'alpha-pc', type: 'pc', availability: 'online' });
  await post(`/api/v1/customers/${cid}/devices`, { name: 'beta-pc', type: 'pc', availability: 'offline' });
  await post(`/api/v1/customers/${cid}/devices`, { name: 'files-01', type: 'server', availability: 'online', ip_addresses: '10.9.0.5' });
  await openDevices(customer);
  await listShows(['alpha-pc', 'beta-pc', 'files-01']);
  await checkAccessible(page, 'devices tab, compact view');

  await page.getByTestId('devices-filter-type').selectOption('pc');
  await page.getByTestId('devices-filter-availability').selectOption('online');
  await page.waitForURL((u) => u.searchParams.get('type') === 'pc' && u.searchParams.get('availability') === 'online');
  await listShows(['alpha-pc']);

  await page.reload();
  await listShows(['alpha-pc']);
  assert.equal(await page.getByTestId('devices-filter-type').inputValue(), 'pc');
  assert.equal(await page.getByTestId('devices-filter-availability').inputValue(), 'online');

  await page.getByTestId('devices-filter-type').selectOption('');
  await page.getByTestId('devices-filter-availability').selectOption('offline');
  await listShows(['beta-pc']);
  await page.getByTestId('devices-filter-type').selectOption('server');
  await page.getByTestId('empty-devices').filter({ hasText: 'match' }).waitFor();
  await checkAccessible(page, 'devices tab, nothing matches');

  await page.getByTestId('devices-clear').click();
  await page.getByTestId('devices-view-detailed').click();
  await page.waitForURL((u) => u.searchParams.get('view') === 'detailed' && !u.searchParams.has('type'));
  await page.getByTestId('devices-row').filter({ hasText: '10.9.0.5' }).waitFor();
  await checkAccessible(page, 'devices tab, detailed view');
  assert.deepEqual(problems, []);
});

test('D1, D3: add a device into a folder, edit it over a concurrent change, move it, delete it', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Device Co') });
  const cid = customer.id;
  const folder = await post(`/api/v1/customers/${cid}/folders`, { name: 'Servers' });
  await openDevices(customer);
  await page.getByTestId('empty-devices').waitFor();
  assert.equal(await page.getByTestId('tab-count-devices').textContent(), '0');

  await page.getByTestId('device-add').locator('summary').click();
  await page.getByTestId('device-new-name').fill('db-01');
  await page.getByTestId('device-new-machine_name').fill('SRV-DB01');
  await page.getByTestId('device-new-type').selectOption('server');
  await page.getByTestId('device-new-ip_addresses').fill('10.20.0.7');
  await checkAccessible(page, 'devices tab, add form open');
  await page.getByTestId('device-new-submit').click();
  await page.getByTestId('devices-row').filter({ hasText: 'db-01' }).waitFor();
  await page.getByTestId('tab-count-devices').filter({ hasText: '1' }).waitFor();
  const [device] = (await (await page.request.get(`${base}/api/v1/customers/${cid}/devices`)).json()).data;
  assert.equal(device.machine_name, 'SRV-DB01');
  assert.equal(device.type, 'server');

  // Someone else renames it while the dialog is open: the save is refused
  // and the dialog shows their version.
  await page.getByTestId('device-edit').click();
  await page.locator(`[data-testid="device-edit-dialog"] [data-version="${device.version}"]`).waitFor();
  assert.equal(await page.getByTestId('device-edit-name').inputValue(), 'db-01');
  await checkAccessible(page, 'device edit dialog');
  const res = await page.request.patch(`${base}/api/v1/customers/${cid}/devices/${device.id}`, {
    data: { name: 'db-01-renamed' }, headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${device.version}"` },
  });
  assert.equal(res.status(), 200);
  await page.getByTestId('device-edit-os_name').fill('Debian');
  await page.getByTestId('device-edit-save').click();
  await page.getByTestId('device-edit-dialog-error').filter({ hasText: 'Someone else' }).waitFor();
  await page.locator(`[data-testid="device-edit-dialog"] [data-version="${device.version + 1}"]`).waitFor();
  assert.equal(await page.getByTestId('device-edit-name').inputValue(), 'db-01-renamed');
  await page.getByTestId('device-edit-os_name').fill('Debian');
  await page.getByTestId('device-edit-save').click();
  await page.getByTestId('device-edit-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('devices-row').filter({ hasText: 'db-01-renamed' }).waitFor();
  const saved = (await (await page.request.get(`${base}/api/v1/customers/${cid}/devices/${device.id}`)).json()).data;
  assert.deepEqual([saved.name, saved.os_name], ['db-01-renamed', 'Debian']);

  await page.getByTestId('device-move').click();
  await page.getByTestId('device-move-folder').selectOption(String(folder.id));
  await checkAccessible(page, 'device move dialog');
  await page.getByTestId('device-move-save').click();
  await page.getByTestId('devices-row').filter({ hasText: 'Servers' }).waitFor();
  await page.getByTestId('devices-filter-folder_id').locator('option', { hasText: 'Servers (1)' }).waitFor({ state: 'attached' });

  await page.getByTestId('device-delete').click();
  await page.getByTestId('device-delete-confirm').click();
  await page.getByTestId('empty-devices').waitFor();
  await page.getByTestId('tab-count-devices').filter({ hasText: '0' }).waitFor();
  assert.deepEqual(problems, []);
});

test('D7: an installer token is shown once with a copy button, listed without its secret, and revoked', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Token Co') });
  await openDevices(customer);
  await page.getByTestId('tokens-empty').waitFor();
  await page.getByTestId('token-add').locator('summary').click();
  await page.getByTestId('token-label').fill('Head office rollout');
  await page.getByTestId('token-create').click();
  const secret = page.getByTestId('token-secret');
  await secret.waitFor();
  const token = await secret.inputValue();
  assert.ok(token.length >= 32, 'the secret is shown');
  await page.getByTestId('token-row').filter({ hasText: 'Head office rollout' }).waitFor();
  assert.equal(await page.getByTestId('token-copy').isVisible(), true);
  await checkAccessible(page, 'devices tab with a new installer token shown');

  // The token works once shown: an agent enrols with it.
  const enrol = await page.request.post(`${base}/api/v1/enroll`, { data: { token, name: 'agent-pc', machine_name: 'WS-AGENT' } });
  assert.equal(enrol.status(), 201, await enrol.text());

  // Shown once: after a reload it is nowhere on the page.
  await page.reload();
  await page.getByTestId('token-row').first().waitFor();
  assert.equal(await page.getByTestId('token-secret').count(), 0);
  assert.equal((await page.content()).includes(token), false, 'the secret is never shown again');
  await page.getByTestId('devices-row').filter({ hasText: 'agent-pc' }).waitFor();

  await page.getByTestId('token-revoke').click();
  await page.getByTestId('token-revoke-confirm').click();
  await page.locator('[data-testid="token-row"][data-status="revoked"]').waitFor();
  assert.equal(await page.getByTestId('token-revoke').count(), 0);
  assert.deepEqual(problems, []);
});

test('H2: the palette finds a device by IP address, names its customer, and opens its devices tab', async () => {
  const customer = await apiCreateCustomer(page, csrf, { name: unique('Palette Device Co') });
  const ip = `10.${100 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const name = unique('kiosk').replace(/\W/g, '-');
  await post(`/api/v1/customers/${customer.id}/devices`, { name, ip_addresses: ip });
  await page.goto(`${base}/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.type(ip);
  const hit = page.getByTestId('palette-group-devices').getByTestId('palette-result').filter({ hasText: name });
  await hit.waitFor();
  assert.match(await hit.textContent(), new RegExp(customer.name));
  await checkAccessible(page, 'palette with a device found');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/customers/${customer.id}/devices`);
  await page.getByTestId('devices-row').filter({ hasText: name }).waitFor();
  assert.equal(await page.getByTestId('devices-search').inputValue(), name);
  assert.deepEqual(problems, []);
});
