/**
 * The vote pages' fetch: JSON in and out, the signed-out double-submit CSRF token (`uc_csrf`
 * cookie echoed in `x-csrf-token`, as the help pages send it; a worker session is not a staff
 * session, so the token stays the cookie's own), problem+json turned into a VoteError naming its
 * code and field. Framework-free and without zod: web/api/client.ts validates answers with zod,
 * which alone would take a third of the candidate list's 60 KB.
 */
export const CSRF_COOKIE = 'uc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A stable random id of this browser, sent with votes for the integrity review (never personal). */
export const DEVICE_HEADER = 'x-device-id';
const DEVICE_KEY = 'uc_v_device';

export class VoteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly field?: string,
    readonly problem?: Record<string, unknown>,
  ) {
    super(title);
    this.name = 'VoteError';
  }
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const item = part.trim();
    if (item.startsWith(`${name}=`)) return decodeURIComponent(item.slice(name.length + 1));
  }
  return undefined;
}

/** A random id: crypto.randomUUID where the page is a secure context, else 16 random bytes. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export function deviceId(): string {
  try {
    let id = window.localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = randomId();
      window.localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'no-storage';
  }
}

async function toError(res: Response): Promise<VoteError> {
  let body: Record<string, unknown> | undefined;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const code = typeof body?.code === 'string' ? body.code : `http.${res.status}`;
  const title = typeof body?.title === 'string' ? body.title : res.statusText || `HTTP ${res.status}`;
  const errors = Array.isArray(body?.errors) ? (body.errors as { field?: unknown }[]) : [];
  const field = typeof errors[0]?.field === 'string' ? errors[0].field : undefined;
  return new VoteError(res.status, code, title, field, body);
}

async function call(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { ...init, method, credentials: 'same-origin' });
  } catch {
    throw new VoteError(0, 'client.network', 'Network error');
  }
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await call('GET', path, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** Every API answer hands out the CSRF cookie: make sure this browser holds one before writing. */
async function ensureCsrf(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await call('GET', '/api/worker/me', { headers: { accept: 'application/json' } }).catch(() => undefined);
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  await ensureCsrf();
  const send = () =>
    call('POST', path, {
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        [CSRF_HEADER]: readCookie(CSRF_COOKIE) ?? '',
        [DEVICE_HEADER]: deviceId(),
      },
      body: JSON.stringify(body),
    });
  let res = await send();
  // A token rotated under us (sign-in or sign-out in another tab): the refusal carried the new one.
  if (res.status === 403) {
    const err = await toError(res);
    if (err.code !== 'auth.csrf') throw err;
    res = await send();
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
