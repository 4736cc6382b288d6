// Router and shell: client-side routes on location.pathname, history.pushState.
import { api, setCsrf, setUnauthorizedHandler } from '/js/api.js';
import { el, clear } from '/js/dom.js';
import { renderSignin } from '/js/signin.js';
import { renderCustomers } from '/js/customers.js';
import { renderHub } from '/js/hub.js';
import { renderSettings } from '/js/settings.js';
import { openPalette, installPaletteShortcut } from '/js/palette.js';
import { confirmDialog } from '/js/dialog.js';

const root = document.getElementById('app');
const state = { user: null, cleanup: null };

export function currentUser() { return state.user; }

// A page with unsaved changes (settings) says so: leaving asks first.
let unsaved = null;
let here = location.href;	// the page shown, to come back to
export function guardUnsaved(what) { unsaved = what; }

function askLeave(go) {
  const what = unsaved?.();
  if (!what) { go(); return; }
  confirmDialog({
    title: 'Leave without saving?',
    text: `Your changes to ${what} are not saved yet.`,
    confirmLabel: 'Leave without saving',
    testid: 'leave-dialog',
    confirmTestid: 'leave-confirm',
    onConfirm: () => { unsaved = null; go(); },
  });
}

window.addEventListener('beforeunload', (e) => { if (unsaved?.()) e.preventDefault(); });

export function navigate(path, { replace = false } = {}) {
  askLeave(() => {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    render();
  });
}

// Only same-origin absolute paths: "/x" but not "//evil.example".
export function safeNext(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    && !value.startsWith('/\\') ? value : '/customers';
}

function goSignin() {
  const here = location.pathname + location.search;
  state.user = null;
  setCsrf(null);
  const next = location.pathname === '/signin' ? '' : `?next=${encodeURIComponent(here)}`;
  navigate(`/signin${next}`, { replace: true });
}

export function signedIn(data) {
  state.user = data.user;
  setCsrf(data.csrf_token);
}

async function signOut() {
  try { await api('DELETE', '/api/v1/session', undefined, { quiet401: true }); } catch { /* signed out anyway */ }
  state.user = null;
  setCsrf(null);
  navigate('/signin');
}

function shell() {
  const main = el('main', { id: 'main', class: 'page', tabindex: '-1' });
  const header = el('header', { class: 'topbar' },
    el('a', { href: '/customers', class: 'brand', 'data-link': '' }, 'msphub'),
    el('nav', { class: 'topnav', 'aria-label': 'Main' },
      navLink('/customers', 'Customers', 'nav-customers'),
      state.user.role === 'admin' ? navLink('/settings', 'Settings', 'nav-settings') : null),
    el('button', { type: 'button', class: 'search-button', 'data-testid': 'open-palette', onclick: () => openPalette() },
      el('span', {}, 'Search'), el('kbd', {}, isMac() ? '⌘K' : 'Ctrl+K')),
    el('span', { class: 'spacer' }),
    el('span', { class: 'user', 'data-testid': 'shell-user' }, state.user.name),
    el('button', { type: 'button', class: 'button subtle', 'data-testid': 'signout', onclick: signOut }, 'Sign out'));
  clear(root).append(el('a', { href: '#main', class: 'skip' }, 'Skip to content'), header, main);
  return main;
}

function navLink(href, text, testid) {
  const here = location.pathname === href || location.pathname.startsWith(`${href}/`);
  return el('a', { href, 'data-link': '', 'data-testid': testid, 'aria-current': here ? 'page' : null }, text);
}

function isMac() { return /Mac|iPhone|iPad/.test(navigator.platform); }

const routes = [
  [/^\/signin$/, null],
  [/^\/customers\/?$/, (main) => renderCustomers(main)],
  [/^\/customers\/(\d+)(?:\/([a-z]+))?\/?$/, (main, m) => renderHub(main, Number(m[1]), m[2] ?? 'overview')],
  [/^\/settings(?:\/([a-z-]+))?\/?$/, (main, m) => renderSettings(main, m[1] ?? '')],
];

async function render() {
  if (typeof state.cleanup === 'function') state.cleanup();
  state.cleanup = null;
  unsaved = null;
  here = location.href;
  // Back/forward or a 401 must not leave a dialog from the last page open.
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  const path = location.pathname;
  if (path === '/signin') {
    document.title = 'Sign in · msphub';
    renderSignin(clear(root), new URLSearchParams(location.search).get('next'));
    return;
  }
  if (!state.user) {
    try {
      signedIn((await api('GET', '/api/v1/session', undefined, { quiet401: true })).data);
    } catch (e) {
      if (e.status === 401) { goSignin(); return; }
      clear(root).append(el('p', { class: 'error page', role: 'alert' }, e.message));
      return;
    }
  }
  if (path === '/' ) { navigate('/customers', { replace: true }); return; }
  for (const [re, view] of routes) {
    const m = path.match(re);
    if (m && view) {
      state.cleanup = view(shell(), m) ?? null;
      return;
    }
  }
  const main = shell();
  document.title = 'Not found · msphub';
  main.append(el('h1', {}, 'Page not found'), el('p', {}, el('a', { href: '/customers', 'data-link': '' }, 'Back to customers')));
}

// Plain left clicks on in-app links navigate without a page load.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-link]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});

// Back or forward from a page with unsaved changes: stay unless confirmed.
window.addEventListener('popstate', () => {
  if (!unsaved?.()) { here = location.href; render(); return; }
  const to = location.href;
  history.pushState(null, '', here);
  askLeave(() => { history.replaceState(null, '', to); here = to; render(); });
});
setUnauthorizedHandler(goSignin);
installPaletteShortcut(() => state.user !== null && location.pathname !== '/signin');
render();
