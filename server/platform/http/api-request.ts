import type { FastifyInstance, FastifyRequest } from 'fastify';

export const API_PREFIX = '/api/';

/** The decoded path of a raw request URL; null when it does not decode. */
function decodedPath(rawUrl: string): string | null {
  const path = rawUrl.split('?', 1)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * Whether a request is for the API, decided the way the router decides: by the route it matched
 * (`/%61pi/auth/login` matches `/api/auth/login`), else — for requests no API route matched (the
 * 404 handler, the web app's wildcard) — by the decoded path. A path that does not decode counts
 * as the API, so it is rate-limited rather than let through. The one test every hook uses (rate
 * limit, CSRF, session, caching, the 404 answer); never `req.url.startsWith('/api/')`.
 */
export function isApiRequest(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  if (route !== undefined && route.startsWith(API_PREFIX)) return true;
  const path = decodedPath(req.url);
  return path === null || path.startsWith(API_PREFIX);
}

/**
 * API answers carry personal data: no browser or shared cache may keep them (F-2, F-14). A route
 * that chose its own Cache-Control keeps it; the web app's static files are not touched.
 */
export function installApiNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (isApiRequest(req) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
