// Tickets tab (issue 9, T3): the customer's open and pending tickets and the
// recently closed ones; a ticket expands inline to its messages, a reply or
// an internal note, and a change of status; a new ticket from the hub.
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';

const STATUSES = ['open', 'pending', 'resolved', 'closed'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const CLOSED_SHOWN = 10;
const OPEN_PAGE = 50;

const when = (t) => (t ? new Date(t.replace(' ', 'T') + (/[zZ+]/.test(t.slice(10)) ? '' : 'Z')).toLocaleString() : '');
const label = (s) => String(s ?? '').replace(/_/g, ' ');

// T1: SLA time left or overdue, and the contact's sentiment, in words.
const span = (m) => (m < 60 ? `${m} min` : m < 1440 ? `${Math.floor(m / 60)} h ${m % 60} min`
  : `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`);
function slaClock(name, c) {
  if (!c) return null;
  const text = c.minutes_left === null ? `${name} ${c.state}`
    : c.minutes_left > 0 ? `${name}: ${span(c.minutes_left)} left` : `${name}: overdue by ${span(-c.minutes_left)}`;
  return el('span', { class: `sla sla-${c.state}`, 'data-testid': 'ticket-sla', 'data-state': c.state,
    title: `due ${when(c.due_at)}` }, text);
}
function slaParts(t) {
  const parts = [slaClock('Response', t.sla?.first_response), slaClock('Resolution', t.sla?.resolution),
    t.sentiment ? el('span', { class: `badge sentiment-${t.sentiment}`, 'data-testid': 'ticket-sentiment' },
      `Contact sentiment: ${t.sentiment}`) : null].filter(Boolean);
  return parts.flatMap((x) => [' · ', x]);
}

export function render(panel, hub) {
  let alive = true;
  const expanded = new Set();
  const base = `/api/v1/customers/${hub.id}/tickets`;
  load().catch(fail);

  function fail(e) {
    if (alive && e.status !== 401) clear(panel).append(el('p', { class: 'error' }, e.message));
  }

  async function load() {
    const [open, resolved, closed] = await Promise.all([
      api('GET', `${base}?limit=${OPEN_PAGE}`),
      api('GET', `${base}?status=resolved&limit=${CLOSED_SHOWN}`),
      api('GET', `${base}?status=closed&limit=${CLOSED_SHOWN}`),
    ]);
    if (!alive) return;
    const recent = [...resolved.data, ...closed.data]
      .sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)))
      .slice(0, CLOSED_SHOWN);
    const focused = document.activeElement?.closest?.('[data-testid="ticket-row"]')?.dataset.id;
    clear(panel).append(
      el('h2', {}, 'Tickets'),
      hub.canWrite ? newTicketForm() : '',
      el('h3', { id: 'tickets-open-h' }, 'Open and pending'),
      ...(open.data.length
        ? [list(open.data, 'tickets-open', 'tickets-open-h'), moreButton(open.next)]
        : [el('p', { class: 'muted empty-state', 'data-testid': 'empty-tickets' },
          hub.canWrite
            ? 'No open tickets. Create one with “New ticket” above; tickets mailed in by this customer’s contacts appear here too.'
            : 'No open tickets. Tickets mailed in by this customer’s contacts appear here.')]),
      el('h3', { id: 'tickets-closed-h' }, 'Recently closed'),
      recent.length
        ? list(recent, 'tickets-closed', 'tickets-closed-h')
        : el('p', { class: 'muted', 'data-testid': 'empty-tickets-closed' }, 'Resolved and closed tickets show up here.'));
    if (focused) panel.querySelector(`[data-testid="ticket-row"][data-id="${Number(focused)}"] .ticket-toggle`)?.focus();
  }

  async function reload() {
    await load();
    await hub.refresh();
  }

  // A message (none if body is empty), then the ticket shown open.
  async function addMessage(id, kind, body) {
    if (body) await api('POST', `/api/v1/tickets/${id}/messages`, { kind, body });
    expanded.add(id);
    await reload();
  }

  function say(box, text) {
    box.textContent = text;
    box.hidden = false;
  }

  function list(tickets, testid, labelledby) {
    return el('ul', { class: 'ticket-list', 'data-testid': testid, 'aria-labelledby': labelledby },
      tickets.map((t) => ticketItem(t)));
  }

  // Keyset paging: each click appends the next page of open tickets.
  function moreButton(next) {
    let cursor = next;
    const more = el('button', { type: 'button', class: 'button', hidden: !cursor, 'data-testid': 'tickets-more' }, 'Load more');
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const res = await api('GET', `${base}?limit=${OPEN_PAGE}&after=${encodeURIComponent(cursor)}`);
        if (!alive) return;
        panel.querySelector('[data-testid="tickets-open"]').append(...res.data.map((t) => ticketItem(t)));
        cursor = res.next ?? null;
        more.hidden = !cursor;
      } catch (e) {
        hub.showNotice(e.message);
      }
      more.disabled = false;
    });
    return more;
  }

  // T5: the device a ticket is about, by name, linked to the devices tab.
  const deviceNames = new Map();
  function deviceLink(id) {
    const a = el('a', { href: `/customers/${hub.id}/devices`, 'data-link': '', 'data-testid': 'ticket-device' }, `device #${id}`);
    if (!deviceNames.has(id)) {
      deviceNames.set(id, api('GET', `/api/v1/customers/${hub.id}/devices/${id}`).then((r) => r.data.name).catch(() => null));
    }
    deviceNames.get(id).then((name) => { if (name) { a.textContent = name; a.href = `/customers/${hub.id}/devices?q=${encodeURIComponent(name)}`; } });
    return [' · ', el('span', {}, 'Device: ', a)];
  }

  function ticketItem(t) {
    const body = el('div', { class: 'ticket-body', id: `ticket-body-${t.id}`, hidden: true, 'data-testid': 'ticket-body' });
    const toggle = el('button', {
      type: 'button', class: 'ticket-toggle', 'aria-expanded': 'false', 'aria-controls': body.id,
      'data-testid': 'ticket-toggle',
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        body.hidden = !open;
        if (open) { expanded.add(t.id); paintBody(body, t).catch((e) => showError(body, e)); } else expanded.delete(t.id);
      },
    }, el('span', { class: 'ticket-number' }, t.number), ' ', el('span', { class: 'ticket-subject', 'data-testid': 'ticket-subject' }, t.subject));
    const item = el('li', { class: 'ticket', 'data-testid': 'ticket-row', 'data-id': t.id, 'data-status': t.status },
      toggle,
      el('p', { class: 'ticket-meta muted' },
        el('span', { class: `badge status status-${t.status}`, 'data-testid': 'ticket-status' }, t.status), ' ',
        el('span', { class: `badge priority-${t.priority}` }, `${t.priority} priority`), ' ',
        el('span', {}, label(t.activity)), ' · ',
        el('span', {}, `updated ${when(t.updated_at)}`), ...slaParts(t),
        t.device_id ? deviceLink(t.device_id) : null),
      body);
    if (expanded.has(t.id)) {
      toggle.setAttribute('aria-expanded', 'true');
      body.hidden = false;
      paintBody(body, t).catch((e) => showError(body, e));
    }
    return item;
  }

  function showError(box, e) {
    if (alive && e.status !== 401) clear(box).append(el('p', { class: 'error', role: 'alert' }, e.message));
  }

  async function paintBody(box, t) {
    const res = await api('GET', `/api/v1/tickets/${t.id}/messages?limit=100`);
    if (!alive) return;
    const msgs = res.data.length
      ? el('ol', { class: 'ticket-messages', 'aria-label': `Messages on ${t.number}` }, res.data.map((m) => el('li', {
        class: `ticket-message ${m.kind}`, 'data-testid': 'ticket-message', 'data-kind': m.kind,
      },
      el('p', { class: 'muted' }, el('span', { class: 'badge kind' }, m.kind === 'note' ? 'Internal note' : 'Reply'), ' ',
        m.author_name ?? '', ' · ', when(m.created_at)),
      el('p', { class: 'message-body' }, m.body),
      m.attachments?.length ? attachmentList(m.attachments) : null,
      m.delivery ? deliveryLine(t, m.delivery) : null)))
      : el('p', { class: 'muted' }, 'No messages yet. Write the first reply or note below.');
    clear(box).append(msgs, hub.canWrite ? replyForm(t) : null, hub.canWrite ? statusForm(t) : null);
  }

  // A public reply's mail to the contact: queued, sent or failed; an
  // admin retries a failed one (the worker sends it again).
  function deliveryLine(t, d) {
    const text = {
      sent: 'Mailed to the contact',
      queued: d.attempts ? `Mail not sent yet (attempt ${d.attempts}: ${d.error ?? 'retrying'})` : 'Mail queued',
      failed: `Mail failed: ${d.error ?? 'unknown error'}`,
    }[d.status] ?? d.status;
    const retry = d.status === 'failed' && hub.isAdmin
      ? el('button', {
        type: 'button', class: 'button small', 'data-testid': 'ticket-delivery-retry',
        onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api('POST', `/api/v1/mailbox/outbound/${d.mail_id}/retry`);
            expanded.add(t.id);
            await load();
          } catch (err) { hub.showNotice(err.message); e.target.disabled = false; }
        },
      }, 'Retry')
      : null;
    return el('p', { class: `delivery ${d.status}`, 'data-testid': 'ticket-delivery' }, text, retry ? ' ' : null, retry);
  }

  // The mail's attachments: downloads served to signed-in users only.
  function attachmentList(list) {
    const kb = (n) => (n < 1024 ? `${n} B` : `${Math.ceil(n / 1024)} KB`);
    return el('ul', { class: 'attachments', 'aria-label': 'Attachments', 'data-testid': 'ticket-attachments' },
      list.map((a) => el('li', {}, el('a', { href: a.url, download: a.filename ?? '', 'data-testid': 'ticket-attachment' },
        a.filename ?? 'attachment'), ' ', el('span', { class: 'muted' }, `(${kb(a.size)})`))));
  }

  function replyForm(t) {
    const id = `reply-${t.id}`;
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'ticket-reply-error' });
    const text = el('textarea', { id: `${id}-body`, name: 'body', rows: '3', required: true, 'data-testid': 'ticket-reply-body' });
    const kind = el('select', { id: `${id}-kind`, name: 'kind', 'data-testid': 'ticket-reply-kind' },
      el('option', { value: 'reply' }, 'Public reply'), el('option', { value: 'note' }, 'Internal note'));
    const send = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'ticket-reply-submit' }, 'Send');
    const form = el('form', { class: 'ticket-reply', novalidate: true },
      el('div', { class: 'field' }, el('label', { for: text.id }, 'Reply or note'), text),
      el('div', { class: 'field' }, el('label', { for: kind.id }, 'Kind'), kind),
      error, el('div', { class: 'actions' }, send));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = text.value.trim();
      if (!body) { say(error, 'Write a message first.'); text.focus(); return; }
      send.disabled = true;
      try {
        await addMessage(t.id, kind.value, body);
      } catch (err) {
        say(error, err.message);
        send.disabled = false;
      }
    });
    return form;
  }

  function statusForm(t) {
    const id = `status-${t.id}`;
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'ticket-status-error' });
    const select = el('select', { id, name: 'status', 'data-testid': 'ticket-status-select' },
      STATUSES.map((s) => el('option', { value: s, selected: s === t.status }, s)));
    const save = el('button', { type: 'submit', class: 'button', 'data-testid': 'ticket-status-save' }, 'Change status');
    const form = el('form', { class: 'ticket-status-form', novalidate: true },
      el('div', { class: 'field' }, el('label', { for: id }, 'Status'), select), error, el('div', { class: 'actions' }, save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (select.value === t.status) return;
      save.disabled = true;
      try {
        await api('PATCH', `/api/v1/tickets/${t.id}`, { status: select.value }, { ifMatch: t.version });
        await reload();
      } catch (err) {
        save.disabled = false;
        if (err.status === 409 && err.body?.data) {
          Object.assign(t, err.body.data);
          select.value = t.status;
          say(error, `Someone else changed this ticket; it is now ${t.status} (${label(t.activity)}). Choose the status again.`);
        } else {
          say(error, err.message);
        }
      }
    });
    return form;
  }

  // T3: the API preselects the customer's default contract.
  function newTicketForm() {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'ticket-new-error' });
    const field = (node, text) => el('div', { class: 'field' }, el('label', { for: node.id }, text), node);
    const subject = el('input', { id: 'ticket-new-subject', name: 'subject', type: 'text', required: true, maxlength: '250', autocomplete: 'off', 'data-testid': 'ticket-new-subject' });
    const description = el('textarea', { id: 'ticket-new-description', name: 'description', rows: '3', 'data-testid': 'ticket-new-description' });
    const priority = el('select', { id: 'ticket-new-priority', name: 'priority', 'data-testid': 'ticket-new-priority' },
      PRIORITIES.map((p) => el('option', { value: p, selected: p === 'medium' }, p)));
    const submit = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'ticket-new-submit' }, 'Create ticket');
    const form = el('form', { class: 'ticket-new', novalidate: true },
      el('div', { class: 'form-grid' }, field(subject, 'Subject'), field(priority, 'Priority')),
      field(description, 'Description (an internal note)'),
      error, el('div', { class: 'actions' }, submit));
    const details = el('details', { class: 'add-ticket', 'data-testid': 'ticket-new' }, el('summary', {}, 'New ticket'), form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!subject.value.trim()) { say(error, 'Enter a subject.'); subject.focus(); return; }
      submit.disabled = true;
      try {
        const res = await api('POST', base, { subject: subject.value.trim(), priority: priority.value });
        // The API takes no first message; the description becomes a note.
        await addMessage(res.data.id, 'note', description.value.trim());
      } catch (err) {
        say(error, err.message);
        submit.disabled = false;
      }
    });
    return details;
  }

  return () => { alive = false; };
}
