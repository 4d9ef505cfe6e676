import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/**
 * A worker signed in on the phone with a verified mobile number (S7b worker sign-in). Not a
 * staff actor: a worker session grants no staff route and a staff session no worker route. The
 * tier is decided at sign-in by the membership roll ('member' when the phone is an active
 * member's, else 'public').
 */
export interface WorkerPrincipal {
  workerId: string;
  sessionId: string;
  tier: 'member' | 'public';
  memberId: string | null;
  orgId: string | null;
  orgPath: string | null;
  firstSeenAt: string;
}

/**
 * Resolves the `uc_worker` cookie's token to its live worker session (sliding its idle expiry),
 * null when there is none. Provided by the membership module and passed to installAuth by the
 * composition root: the platform never imports a module.
 */
export type WorkerResolver = (token: string) => Promise<WorkerPrincipal | null>;

export const WORKER_COOKIE = 'uc_worker';

declare module 'fastify' {
  interface FastifyRequest {
    /** The worker behind `uc_worker`, or null (never a staff actor). */
    worker: WorkerPrincipal | null;
  }
}

/** The signed-in worker, or 401 `auth.worker_required`. */
export function requireWorker(req: FastifyRequest): WorkerPrincipal {
  if (!req.worker) {
    throw new AppError('auth.worker_required', 401, 'Sign in with your mobile number first');
  }
  return req.worker;
}
