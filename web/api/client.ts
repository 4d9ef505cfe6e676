import { z } from 'zod';
import { ProblemSchema, type Problem } from '../../contracts/common';

export const CSRF_COOKIE = 'uc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** A failed API call: the server's RFC 9457 problem, or a synthetic one for network and parse failures. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly problem: Problem | undefined;

  constructor(status: number, code: string, title: string, problem?: Problem) {
    super(problem?.detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = problem?.detail;
    this.fieldErrors = problem?.errors ?? [];
    this.problem = problem;
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

export type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return undefined;
}

/** Builds `path?a=1&b=2`, leaving out empty values so the server's defaults apply. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ProblemSchema.safeParse(json);
  if (parsed.success)
    return new ApiError(parsed.data.status, parsed.data.code, parsed.data.title, parsed.data);
  // A proxy or a crashed server answers with something that is not problem+json.
  return new ApiError(res.status, `http.${res.status}`, res.statusText || `HTTP ${res.status}`);
}

async function parseBody<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const text = res.status === 204 ? '' : await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, 'client.bad_response', 'The server sent a response that is not JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // A contract drift between server and web: surface it loudly in the console, calmly on screen.
    console.error('Response did not match the contract', res.url, parsed.error.issues);
    throw new ApiError(res.status, 'client.bad_response', 'The server sent an unexpected response');
  }
  return parsed.data;
}

async function request(method: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, method, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'client.network', 'Network error');
  }
}

export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const res = await request('GET', path, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw await toApiError(res);
  return parseBody(res, schema);
}

/** The server hands out the CSRF cookie on any /api response; make sure we hold one before writing. */
async function ensureCsrfCookie(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await request('GET', '/api/auth/me', { headers: { accept: 'application/json' } });
}

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Read on every call, never kept: the cookie changes at sign-in and sign-out.
  const token = readCookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return request(method, path, { headers, body: payload });
}

export async function apiSend<S extends z.ZodType>(
  method: Method,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  await ensureCsrfCookie();
  let res = await send(method, path, body);
  if (!res.ok) {
    let error = await toApiError(res);
    // The token is bound to the session and rotates at sign-in and sign-out (another tab may have
    // signed in or out since); the rejected response carries the right cookie, `send` reads it
    // afresh, and the server did nothing, so one retry is safe.
    if (error.code === 'auth.csrf') {
      await ensureCsrfCookie();
      res = await send(method, path, body);
      if (res.ok) return parseBody(res, schema);
      error = await toApiError(res);
    }
    throw error;
  }
  return parseBody(res, schema);
}

export interface Download {
  blob: Blob;
  filename: string | undefined;
}

function filenameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}

/** A file from a GET; fetched (not navigated to) so a refusal arrives as an ApiError, not a JSON page. */
export async function apiDownload(path: string): Promise<Download> {
  const res = await request('GET', path, {});
  if (!res.ok) throw await toApiError(res);
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition')) };
}

/** Hands a downloaded file to the browser's save mechanism. */
export function saveDownload({ blob, filename }: Download, fallbackName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
