// Shared set-up for the browser tests: Debian's chromium driven by
// playwright-core, against the test instance ./stack test started.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const base = process.env.MSPHUB_TEST_URL ?? 'http://127.0.0.1:18080';
export const admin = {
  email: process.env.MSPHUB_TEST_ADMIN_EMAIL ?? 'admin@test.invalid',
  password: process.env.MSPHUB_TEST_ADMIN_PASSWORD ?? '',
};

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A new page whose console errors and failed requests fail the test.
// Chromium logs every 4xx fetch as a console error without its URL; a 401
// from the API is the normal "not signed in" answer (the session probe, a
// wrong password), so those are checked by URL instead: any other failed
// response, and any failed static file, is a problem.
// options.allow: API statuses a test provokes on purpose (e.g. [409]); only
// those, and only from /api/, are let through.
export async function newPage(browser, problems, { allow = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const failed = /^Failed to load resource: the server responded with a status of (\d+)\b/.exec(m.text());
    if (failed && (failed[1] === '401' || allow.includes(Number(failed[1])))) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    const status = r.status();
    if (status < 400) return;
    const path = new URL(r.url()).pathname;
    if ((status === 401 || allow.includes(status)) && path.startsWith('/api/')) return;
    problems.push(`response: ${status} ${r.request().method()} ${path}`);
  });
  page.on('requestfailed', (r) => {
    // Navigating away cancels in-flight fetches; that is not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  return page;
}

export async function signIn(page, who = admin, path = '/signin') {
  await page.goto(base + path);
  await page.getByTestId('signin-email').fill(who.email);
  await page.getByTestId('signin-password').fill(who.password);
  await page.getByTestId('signin-submit').click();
}

// A new page signed in as `who`, already on the customer list; allow:
// statuses the page handles itself (a 409 conflict, a 422 limit).
export async function signedInPage(browser, problems, who = admin, { allow = [] } = {}) {
  const page = await newPage(browser, problems, { allow });
  await signIn(page, who);
  await page.waitForURL(`${base}/customers`);
  return page;
}

// What a test file starts with: a browser, a signed-in page and its CSRF token.
export async function start(problems, { allow = [] } = {}) {
  const browser = await launch();
  const page = await signedInPage(browser, problems, admin, { allow });
  return { browser, page, csrf: await apiSession(page) };
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

// Signs in over the API from the page's context (shares its cookie jar).
export async function apiSession(page, who = admin) {
  const res = await page.request.post(`${base}/api/v1/session`, {
    data: { email: who.email, password: who.password },
  });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()}`);
  return (await res.json()).data.csrf_token;
}

// Creates a customer over the API; returns its record.
export async function apiCreateCustomer(page, csrf, body) {
  const res = await page.request.post(`${base}/api/v1/customers`, {
    data: body, headers: { 'X-CSRF-Token': csrf },
  });
  if (res.status() !== 201) throw new Error(`create failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).data;
}

// Creates a user over the API (admin session in page); returns its record.
export async function apiCreateUser(page, csrf, body) {
  const res = await page.request.post(`${base}/api/v1/users`, {
    data: body, headers: { 'X-CSRF-Token': csrf },
  });
  if (res.status() !== 201) throw new Error(`user create failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).data;
}

// POSTs data over the API; returns the reply's data (any 2xx).
export async function apiPost(page, csrf, path, data) {
  const res = await page.request.post(`${base}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
  if (res.status() >= 300) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()).data;
}

// Adds a location to a customer over the API; returns its record.
export async function apiCreateLocation(page, csrf, customerId, body) {
  const res = await page.request.post(`${base}/api/v1/customers/${customerId}/locations`, {
    data: body, headers: { 'X-CSRF-Token': csrf },
  });
  if (res.status() !== 201) throw new Error(`location create failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).data;
}

const axeSource = readFileSync(
  fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

// Viewports every page state is checked at: a small phone and a desktop.
export const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1440, height: 900 },
];

// Checks the page as it is now at each viewport: axe-core finds no
// violation, and at the phone width nothing makes the page scroll sideways.
// The viewport is put back afterwards.
export async function checkAccessible(page, what) {
  const was = page.viewportSize();
  try {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
        // Through the debugger, so the page's CSP (script-src 'self') holds.
        await page.evaluate(axeSource);
      }
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      });
      assert.deepEqual(violations, [], `${what} at ${vp.width} px: axe-core violations`);
      if (vp.width <= 400) {
        const w = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        }));
        assert.ok(w.scroll <= w.inner, `${what} at ${vp.width} px scrolls sideways (${w.scroll} > ${w.inner})`);
      }
    }
  } finally {
    if (was) await page.setViewportSize(was);
  }
}
