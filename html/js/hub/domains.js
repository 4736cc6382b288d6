// Mail domains (M3), a section of the Contacts tab: a verified domain
// decides which senders' mail lands on this customer and becomes its
// contacts (M2), so it sits next to the people it creates.  Add, delete,
// include subdomains, send a verification mail to a role address, type
// the code from it; the primary domain is offered when it is not one yet.
import { api } from '/js/api.js';
import { announce, el, clear, formatDate } from '/js/dom.js';
import { confirmDialog } from '/js/dialog.js';

const ROLES = ['postmaster', 'hostmaster', 'webmaster', 'admin', 'administrator'];
const STATES = {
  pending: 'Waiting for confirmation',
  used: 'Confirmed',
  superseded: 'Replaced by a newer mail',
  expired: 'Expired: send a new mail',
  exhausted: 'Too many wrong codes: send a new mail',
};

export function render(panel, hub) {
  const base = `/api/v1/customers/${hub.id}/domains`;
  let alive = true;
  let rows = [];

  const list = el('ul', { class: 'domain-list', 'data-testid': 'domains-list' });
  const empty = el('p', { class: 'muted empty-state', hidden: true, 'data-testid': 'empty-domains' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'domains-error' });
  const info = el('p', { class: 'muted', role: 'status', 'data-testid': 'domains-status' });
  const offer = el('div', { class: 'notice', hidden: true, 'data-testid': 'domains-offer' });
  const section = el('section', { class: 'card mail-domains', 'aria-labelledby': 'domains-heading', 'data-testid': 'domains' },
    el('h2', { id: 'domains-heading' }, 'Mail domains'),
    el('p', { class: 'muted' }, 'Mail from a verified domain becomes a ticket of this customer, and its sender a contact. '
      + 'A domain is verified when someone who reads a role address of it (postmaster@, …) confirms the mail we send there.'),
    error, info, offer, list, empty, hub.canWrite ? addForm() : null);
  panel.append(section);
  load();

  function say(text, isError = false) {
    error.textContent = isError ? text : '';
    error.hidden = !isError || !text;
    info.textContent = isError ? '' : text;
  }

  async function load() {
    try {
      const res = await api('GET', `${base}?limit=200`);
      if (!alive) return;
      rows = res.data;
      paint();
    } catch (e) {
      if (alive && e.status !== 401) say(e.message, true);
    }
  }

  function paint() {
    clear(list).append(...rows.map(row));
    empty.hidden = rows.length > 0;
    empty.textContent = hub.canWrite ? 'No mail domains yet. Add the domain this customer\'s staff send mail from.' : 'No mail domains yet.';
    const primary = hub.customer?.primary_domain;
    const known = primary && rows.some((d) => d.domain === primary);
    offer.hidden = !hub.canWrite || !primary || known;
    if (!offer.hidden) {
      clear(offer).append(`The primary domain ${primary} routes no mail until it is a verified mail domain. `,
        el('button', { type: 'button', class: 'button small', 'data-testid': 'domains-add-primary', onclick: () => add(primary, false).catch((e) => say(e.message, true)) },
          'Add as mail domain'));
    }
  }

  function row(d) {
    const id = `domain-${d.id}`;
    const ch = d.challenge;
    const state = d.verified
      ? `Verified ${formatDate(d.verified_at)} by ${d.verified_via === 'code' ? 'the code' : 'the link'} in the mail.`
      : ch ? `${STATES[ch.state] ?? ch.state}: mail to ${ch.address}, sent ${formatDate(ch.sent_at)}`
        + (ch.state === 'pending' ? `, valid until ${formatDate(ch.expires_at)}.` : '.')
        : 'Not verified: no verification mail sent yet.';
    const sub = el('input', {
      type: 'checkbox', id: `${id}-sub`, checked: d.include_subdomains, disabled: !hub.canWrite,
      'data-testid': 'domain-subdomains', onchange: (e) => setSub(d, e.target.checked),
    });
    return el('li', { class: 'domain-item', 'data-testid': 'domain-row', 'data-id': d.id, 'data-domain': d.domain },
      el('div', { class: 'group-head' },
        el('strong', { class: 'domain-name' }, d.domain_unicode,
          d.domain_unicode !== d.domain ? el('span', { class: 'muted' }, ` (${d.domain})`) : null),
        el('span', { class: 'badge', 'data-testid': 'domain-verified' }, d.verified ? 'Verified' : 'Not verified')),
      el('p', { class: 'muted', 'data-testid': 'domain-state' }, state),
      el('label', { class: 'check', for: `${id}-sub` }, sub, 'Include subdomains (mail from any name under it)'),
      hub.canWrite && !d.verified ? verifyForms(d, id) : null,
      hub.canWrite ? el('div', { class: 'actions' }, el('button', {
        type: 'button', class: 'button small danger', 'data-testid': 'domain-delete',
        'aria-label': `Delete ${d.domain}`, onclick: () => remove(d),
      }, 'Delete')) : null);
  }

  function verifyForms(d, id) {
    const role = el('select', { id: `${id}-role`, 'data-testid': 'domain-role' },
      ROLES.map((r) => el('option', { value: r }, `${r}@${d.domain}`)));
    const code = el('input', {
      id: `${id}-code`, type: 'text', autocomplete: 'one-time-code', maxlength: '32', placeholder: 'ABCD-1234',
      'data-testid': 'domain-code',
    });
    const send = el('form', { class: 'toolbar', novalidate: true, 'data-testid': 'domain-challenge-form' },
      el('div', { class: 'field inline grow' }, el('label', { for: `${id}-role` }, 'Send the verification mail to'), role),
      el('button', { type: 'submit', class: 'button', 'data-testid': 'domain-challenge' }, ch(d) ? 'Send a new mail' : 'Send verification mail'));
    send.addEventListener('submit', async (e) => {
      e.preventDefault();
      await act(() => api('POST', `${base}/${d.id}/challenge`, { address: role.value }),
        `Verification mail queued to ${role.value}@${d.domain}.`, d.id, 'domain-code');
    });
    const verify = el('form', { class: 'toolbar', novalidate: true, 'data-testid': 'domain-verify-form' },
      el('div', { class: 'field inline grow' }, el('label', { for: `${id}-code` }, 'Code from the mail'), code),
      el('button', { type: 'submit', class: 'button primary', 'data-testid': 'domain-verify' }, 'Verify'));
    verify.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!code.value.trim()) { say('Enter the code from the mail.', true); code.focus(); return; }
      await act(() => api('POST', `${base}/${d.id}/verify`, { code: code.value }), `${d.domain} is verified.`, d.id, 'domain-delete');
    });
    return [send, ch(d) ? verify : null];
  }

  function ch(d) { return d.challenge && d.challenge.state === 'pending' ? d.challenge : null; }

  // One write, then the list again; focus goes back to the domain's row.
  async function act(fn, done, id, focus) {
    say('');
    try {
      await fn();
      await load();
      say(done);
      list.querySelector(`[data-id="${id}"] [data-testid="${focus}"]`)?.focus();
    } catch (e) {
      say(e.message, true);
      if (e.status === 409 || e.status === 410) load();
    }
  }

  async function setSub(d, on) {
    await act(() => api('PATCH', `${base}/${d.id}`, { include_subdomains: on }, { ifMatch: d.version }),
      on ? `Subdomains of ${d.domain} included.` : `Subdomains of ${d.domain} excluded.`, d.id, 'domain-subdomains');
  }

  async function add(domain, subdomains) {
    say('');
    const res = await api('POST', base, { domain, include_subdomains: subdomains });
    await load();
    say(`${res.data.domain} added. Send a verification mail to verify it.`);
    list.querySelector(`[data-id="${res.data.id}"] [data-testid="domain-role"]`)?.focus();
  }

  function remove(d) {
    confirmDialog({
      title: `Delete ${d.domain}?`,
      text: d.verified ? 'Mail from this domain stops reaching this customer at once.' : 'The domain and its pending verification go.',
      confirmTestid: 'domain-delete-confirm',
      onConfirm: async () => {
        await api('DELETE', `${base}/${d.id}`);
        announce('Mail domain deleted');
        await load();
        say(`${d.domain} deleted.`);
      },
    });
  }

  function addForm() {
    const input = el('input', { id: 'domain-new', type: 'text', autocomplete: 'off', required: true, placeholder: 'example.com', 'data-testid': 'domain-new' });
    const sub = el('input', { id: 'domain-new-sub', type: 'checkbox', 'data-testid': 'domain-new-sub' });
    const form = el('form', { novalidate: true, class: 'toolbar', 'data-testid': 'domain-add-form' },
      el('div', { class: 'field inline grow' }, el('label', { for: 'domain-new' }, 'Add a mail domain'), input),
      el('label', { class: 'check', for: 'domain-new-sub' }, sub, 'Include subdomains'),
      el('button', { type: 'submit', class: 'button primary', 'data-testid': 'domain-add' }, 'Add domain'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!input.value.trim()) { say('Enter a domain like example.com.', true); input.focus(); return; }
      try {
        await add(input.value, sub.checked);
        form.reset();
      } catch (err) {
        say(err.message, true);
        input.focus();
      }
    });
    return form;
  }

  return () => { alive = false; };
}
