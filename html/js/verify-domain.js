// M3: the page a domain challenge links to.  Opening it changes nothing
// (a mail scanner fetches links); only the button POSTs the token.  The
// token travels in the fragment, so it is in no server log.
const WHY = {
  used: 'This link was already used.',
  superseded: 'A newer mail replaced this one: use the link in the latest mail.',
  expired: 'This link has expired. Ask your IT service provider to send a new one.',
  exhausted: 'This challenge was spent by too many wrong codes. Ask for a new one.',
  removed: 'The domain was removed; there is nothing to confirm.',
};

const status = document.getElementById('verify-status');
const ask = document.getElementById('verify-ask');
const button = document.getElementById('verify-confirm');

function token() {
  const hash = location.hash.replace(/^#/, '');
  return hash || new URLSearchParams(location.search).get('token') || '';
}

async function post(body) {
  const res = await fetch('/api/v1/domain-verifications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let json = null;
  try { json = await res.json(); } catch { json = null; }
  return { ok: res.ok, status: res.status, data: json?.data, error: json?.error };
}

function say(text) { status.textContent = text; }

async function start() {
  const t = token();
  if (!t) { say('This link is incomplete: copy the whole link from the mail.'); return; }
  let r;
  try { r = await post({ token: t, dry_run: true }); } catch { say('Cannot reach the server; try again.'); return; }
  if (!r.ok) { say(r.error?.message ?? 'This link is not valid.'); return; }
  if (r.data.state !== 'pending') { say(WHY[r.data.state] ?? 'This link cannot be used.'); return; }
  say('');
  ask.textContent = `Confirm that mail from ${r.data.domain} may be routed to your IT service provider's helpdesk as your company's. `
    + `The request was sent to ${r.data.address}.`;
  ask.hidden = false;
  button.textContent = `Confirm ${r.data.domain}`;
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    let v;
    try { v = await post({ token: t }); } catch { v = { ok: false }; }
    if (v.ok) {
      button.hidden = true;
      ask.hidden = true;
      say(`${v.data.domain} is confirmed. You can close this page.`);
    } else {
      button.disabled = false;
      say(v.error?.message ?? 'The confirmation failed; try again.');
    }
  });
}

start();
