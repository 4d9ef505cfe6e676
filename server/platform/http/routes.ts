import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Action } from '../auth/policy';
import { requireActor } from '../auth/auth-plugin';
import { requireWorker, type WorkerPrincipal } from '../auth/worker';
import type { RequestContext } from '../platform';

/**
 * What a route needs before its handler runs. Every /api route declares one: the route table
 * and the policy table together generate the authorization-matrix test.
 * - public:  anyone (health, login, the workers' own pages)
 * - session: any signed-in user (their own account)
 * - action:  a signed-in user holding the action under some relation; the service then checks
 *            the record itself
 * - worker:  a worker signed in on the phone (`uc_worker`, platform/auth/worker.ts); a staff
 *            session does not count, and a worker session never passes the other kinds
 */
export type RouteAccess =
  { kind: 'public' } | { kind: 'session' } | { kind: 'action'; action: Action } | { kind: 'worker' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  hasBody: boolean;
  hasQuery: boolean;
  hasParams: boolean;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export function contextOf(req: FastifyRequest, opts: { allowPasswordChange?: boolean } = {}): RequestContext {
  return { actor: requireActor(req, opts), ip: req.ip ?? null };
}

/** The signed-in worker of a `{ kind: 'worker' }` route (401 `auth.worker_required` without one). */
export function workerOf(req: FastifyRequest): WorkerPrincipal {
  return requireWorker(req);
}

export function routeInfo(route: RouteOptions): RouteInfo[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  return methods
    .filter((m) => m !== 'HEAD')
    .map((method) => ({
      method,
      url: route.url,
      access: route.config?.access,
      hasBody: Boolean(schema.body),
      hasQuery: Boolean(schema.querystring),
      hasParams: Boolean(schema.params),
    }));
}
