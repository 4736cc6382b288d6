// el('a', {href: '/x', class: 'link', onclick: fn}, 'text', child, ...)
// Strings become text nodes, so API data can never turn into markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'value') {
      node.value = value;
    } else if (key === 'checked' || key === 'selected') {
      node[key] = Boolean(value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// fn after ms of quiet; .cancel() drops a call still waiting.
export function debounce(fn, ms) {
  let timer;
  const later = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  later.cancel = () => clearTimeout(timer);
  return later;
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// A short confirmation ("Saved", "Deleted") for screen readers: one polite
// live region outside the app's root, so it survives page changes.
export function announce(text) {
  let region = document.getElementById('announcer');
  if (!region) {
    region = el('div', { id: 'announcer', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'announcer' });
    document.body.append(region);
  }
  // Cleared first, so the same words twice are announced twice.
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
