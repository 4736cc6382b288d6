// The sign-in page: the only page without the shell.
import { api } from '/js/api.js';
import { el } from '/js/dom.js';
import { navigate, safeNext, signedIn } from '/app.js';

export function renderSignin(root, next) {
  const email = el('input', { id: 'signin-email', type: 'email', name: 'email', autocomplete: 'username', required: true, 'data-testid': 'signin-email' });
  const password = el('input', { id: 'signin-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'signin-password' });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'signin-error', hidden: true });
  const submit = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'signin-submit' }, 'Sign in');

  const form = el('form', { class: 'signin-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!email.value.trim() || !password.value) {
      showError('Enter your email and password.');
      return;
    }
    submit.disabled = true;
    try {
      const res = await api('POST', '/api/v1/session', { email: email.value.trim(), password: password.value }, { quiet401: true });
      signedIn(res.data);
      navigate(safeNext(next), { replace: true });
    } catch (err) {
      showError(err.message);
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
  el('h1', {}, 'Sign in'),
  el('div', { class: 'field' }, el('label', { for: 'signin-email' }, 'Email'), email),
  el('div', { class: 'field' }, el('label', { for: 'signin-password' }, 'Password'), password),
  error,
  submit);

  function showError(msg) {
    error.textContent = msg;
    error.hidden = false;
  }

  root.append(el('main', { class: 'signin' }, el('div', { class: 'signin-card' },
    el('div', { class: 'signin-brand' }, 'msphub'), form)));
  email.focus();
}
