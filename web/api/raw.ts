import { ProblemSchema } from '../../contracts/common';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, readCookie, type Download } from './client';

/*
 * Raw-body POSTs beside the JSON client: a workbook upload, and a download asked for with a JSON
 * body (the filters of an export travel in the body, never in a URL). The same CSRF handling as
 * apiSend — fetch a cookie first if we hold none, send it back as a header, retry once on
 * `auth.csrf` — but the body and the answer are not JSON.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function fetchOnce(
  path: string,
  body: BodyInit,
  contentType: string,
  accept: string,
  extra: Record<string, string>,
) {
  const headers: Record<string, string> = { ...extra, accept, 'content-type': contentType };
  const token = readCookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  try {
    return await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'client.network', 'Network error');
  }
}

async function ensureCsrfCookie(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await fetch('/api/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' }).catch(
    () => undefined,
  );
}

/** A failed response as an ApiError: the server's problem+json, or a synthetic one (413 from a proxy). */
export async function problemOf(res: Response): Promise<ApiError> {
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
  if (res.status === 413) return new ApiError(413, 'request.too_large', 'Request body too large');
  return new ApiError(res.status, `http.${res.status}`, res.statusText || `HTTP ${res.status}`);
}

/** POSTs a raw body (a workbook, or JSON for a download); resolves with an ok Response or throws. */
export async function postRaw(
  path: string,
  body: BodyInit,
  contentType: string,
  accept = 'application/json',
  /** Further request headers (an upload's `x-file-name`). */
  extra: Record<string, string> = {},
): Promise<Response> {
  await ensureCsrfCookie();
  let res = await fetchOnce(path, body, contentType, accept, extra);
  if (res.ok) return res;
  let error = await problemOf(res);
  if (error.code === 'auth.csrf') {
    await ensureCsrfCookie();
    res = await fetchOnce(path, body, contentType, accept, extra);
    if (res.ok) return res;
    error = await problemOf(res);
  }
  throw error;
}

function filenameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/** A file from a JSON POST (the filters in the body, never in a URL). */
export async function postForDownload(path: string, body: unknown): Promise<Download> {
  const res = await postRaw(
    path,
    JSON.stringify(body),
    'application/json',
    `${XLSX_TYPE}, application/problem+json`,
  );
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition')) };
}
