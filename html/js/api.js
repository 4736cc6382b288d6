// fetch wrapper: JSON in and out, CSRF header on unsafe methods, one error type.
let csrfToken = null;
let onUnauthorized = () => {};

export function setCsrf(token) { csrfToken = token; }
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export class ApiError extends Error {
  constructor(status, body) {
    const err = body?.error ?? {};
    super(err.message ?? `Request failed (${status})`);
    this.status = status;
    this.code = err.code ?? 'error';
    this.field = err.field ?? null;
    this.body = body;
  }
}

// options.ifMatch: record version for optimistic locking.
// options.quiet401: the caller handles 401 itself (the session check, sign-in).
// options.contentType: body is sent as it is, with this type (a CSV file).
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined || options.contentType ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: 'Cannot reach the server; check your connection and try again.' } });
  }
  let json = null;
  if (res.status !== 204) {
    try { json = await res.json(); } catch { json = null; }
  }
  if (!res.ok) {
    if (res.status === 401 && !options.quiet401) onUnauthorized();
    throw new ApiError(res.status, json);
  }
  return json ?? {};
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
