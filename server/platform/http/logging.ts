import type { FastifyServerOptions } from 'fastify';

/**
 * Personal data never reaches the logs: credentials and the fields that hold ID numbers, phones,
 * names, addresses or bank accounts are censored wherever they appear, and request logs carry the
 * route pattern rather than a URL that might hold a search term.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.idNumber',
  '*.phone',
  '*.bankAccount',
  '*.temporaryPassword',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: { method: string; routeOptions?: { url?: string }; url: string; id: string; ip?: string }) {
        return { id: req.id, method: req.method, route: req.routeOptions?.url ?? '(no route)' };
      },
    },
  };
}
