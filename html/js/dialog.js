// Modal <dialog>s for confirmations and small forms; never window.confirm.
import { el } from '/js/dom.js';

let serial = 0;

// Opens a modal with a title, body nodes and a row of buttons.
// Returns { dialog, error, actions, showError, close }. Escape and Cancel close it;
// the dialog removes itself when closed.
export function modal({ title, body = [], buttons = [], cancelLabel = 'Cancel', testid = null, onsubmit = null }) {
  const id = `dialog-${++serial}`;
  const error = el('p', { id: `${id}-error`, class: 'error', role: 'alert', hidden: true, 'data-testid': testid ? `${testid}-error` : null });
  const cancel = el('button', { type: 'button', class: 'button', 'data-testid': testid ? `${testid}-cancel` : null, onclick: () => dialog.close() }, cancelLabel);
  const actions = el('div', { class: 'actions' }, cancel, buttons);
  const content = [el('h2', { id: `${id}-title` }, title), body, error, actions];
  const dialog = el('dialog', { class: 'dialog', 'aria-labelledby': `${id}-title`, 'data-testid': testid },
    onsubmit ? el('form', { method: 'dialog', novalidate: true, onsubmit }, content) : content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return {
    dialog, error, actions, cancel,
    // An API error naming a field marks that control and takes focus there.
    showError(text, field = null) {
      for (const c of dialog.querySelectorAll('[aria-invalid="true"]')) c.removeAttribute('aria-invalid');
      const control = field ? dialog.querySelector(`[name="${CSS.escape(field)}"]`) : null;
      const label = control?.id ? dialog.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent : null;
      error.textContent = label ? `${label}: ${text}` : text;
      error.hidden = false;
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', error.id);
        control.focus();
      }
    },
    close() { if (dialog.open) dialog.close(); },
  };
}

// "Are you sure?" with one destructive button. onConfirm(ctl) may throw an
// ApiError (its message is shown and the dialog stays open) or return false
// to keep the dialog open; anything else closes it.
export function confirmDialog({ title, text, confirmLabel = 'Delete', confirmTestid = null, testid = null, onConfirm }) {
  const confirm = el('button', { type: 'button', class: 'button danger', 'data-testid': confirmTestid }, confirmLabel);
  const ctl = modal({ title, body: el('p', {}, text), buttons: [confirm], testid });
  confirm.addEventListener('click', () => run(confirm, onConfirm));
  // Cancel first: Enter on a freshly opened confirmation must not destroy anything.
  ctl.cancel.focus();
  ctl.run = run;
  return ctl;

  async function run(button, fn) {
    for (const b of ctl.actions.querySelectorAll('button')) b.disabled = true;
    ctl.error.hidden = true;
    let keep = false;
    try {
      keep = (await fn(ctl)) === false;
    } catch (e) {
      ctl.showError(e.message, e.field);
      keep = true;
    }
    if (!keep) { ctl.close(); return; }
    for (const b of ctl.actions.querySelectorAll('button')) b.disabled = false;
    if (!button.isConnected || button.hidden) ctl.cancel.focus();
  }
}
