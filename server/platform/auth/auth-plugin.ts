import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAction, type Actor } from './actor';
import { DEVICE_LOST, type SessionStore } from './session-store';
import { AppError, unauthenticated } from '../errors';
import { randomToken } from '../personal-data/crypto';
import { isApiRequest } from '../http/api-request';
import { WORKER_COOKIE, requireWorker, type WorkerResolver } from './worker';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The cookie's session was ended by staff for a lost device (the phone wipes what it keeps). */
    sessionRevoked: boolean;
  }
}

export const SESSION_COOKIE = 'uc_session';
export const CSRF_COOKIE = 'uc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Loads the user behind a session; null when the account is gone or disabled. */
export type ActorLoader = (userId: string, sessionId: string) => Promise<Actor | null>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthPluginOptions {
  sessions: SessionStore;
  loadActor: ActorLoader;
  secureCookies: boolean;
  /**
   * Resolves worker sessions (`uc_worker`, membership module); unset, no request has a worker.
   * The two principals never mix: `req.actor` comes only from `uc_session`, `req.worker` only
   * from `uc_worker`.
   */
  resolveWorker?: WorkerResolver;
}

/**
 * The CSRF token of a session: an HMAC keyed with the session's own secret token, so it is bound
 * to that session (a token from another session, or one planted before sign-in, does not pass)
 * and changes with every sign-in. Only our pages can read it (the `uc_csrf` cookie); the session
 * token it derives from stays HttpOnly and cannot be recovered from it.
 */
export function csrfTokenForSession(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('uc_csrf').digest('base64url');
}

function setCsrfCookie(reply: FastifyReply, value: string, secure: boolean): void {
  reply.setCookie(CSRF_COOKIE, value, { path: '/', sameSite: 'lax', secure, httpOnly: false });
}

/**
 * Resolves the actor on every /api request (so a disabled user or changed roles apply at once)
 * and guards state-changing requests with a CSRF token in the `x-csrf-token` header: a page on
 * another site can send our cookies but cannot read `uc_csrf` to echo it. Signed in, the token
 * must be the one bound to the session (`csrfTokenForSession`); signed out, it must equal the
 * `uc_csrf` cookie (double submit). The right cookie is (re)issued on any API answer, a refusal
 * included, so a page holding a stale one recovers by retrying once.
 */
export function installAuth(app: FastifyInstance, opts: AuthPluginOptions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionRevoked', false);
  app.decorateRequest('worker', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isApiRequest(req)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await opts.sessions.resolve(token);
      const actor = session ? await opts.loadActor(session.userId, session.id) : null;
      if (session && !actor) await opts.sessions.end(session.id, 'user_unavailable');
      if (actor) req.actor = actor;
      else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (!session) req.sessionRevoked = (await opts.sessions.endReason(token)) === DEVICE_LOST;
      }
    }
    const workerToken = req.cookies[WORKER_COOKIE];
    if (workerToken && opts.resolveWorker) {
      const worker = await opts.resolveWorker(workerToken);
      if (worker) req.worker = worker;
      else reply.clearCookie(WORKER_COOKIE, { path: '/' });
    }
    const cookie = req.cookies[CSRF_COOKIE];
    const bound = req.actor && token ? csrfTokenForSession(token) : null;
    if (bound ? cookie !== bound : !cookie) {
      setCsrfCookie(reply, bound ?? randomToken(24), opts.secureCookies);
    }
    if (UNSAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      const sent = Array.isArray(header) ? header[0] : header;
      const expected = bound ?? cookie;
      if (!sent || !expected || !same(sent, expected)) {
        throw new AppError('auth.csrf', 403, 'Missing or wrong CSRF token; reload the page');
      }
    }
    enforceDeclaredAccess(req);
  });
}

/**
 * The route's declared access is enforced here, before the body is even validated, so a caller
 * without the action learns nothing from validation messages; services still check each record.
 */
function enforceDeclaredAccess(req: FastifyRequest): void {
  const access = req.routeOptions.config?.access;
  if (!access || access.kind === 'public') return;
  if (access.kind === 'worker') {
    requireWorker(req);
    return;
  }
  if (access.kind === 'session') {
    requireActor(req, { allowPasswordChange: true });
    return;
  }
  requireAction(requireActor(req), access.action);
}

/** Sign-in: the session cookie, and a CSRF token bound to the new session (rotated). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  setCsrfCookie(reply, csrfTokenForSession(token), secure);
}

/** Sign-out: the session cookie goes, and a fresh signed-out CSRF token replaces the bound one. */
export function clearSessionCookie(reply: FastifyReply, secure = false): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  setCsrfCookie(reply, randomToken(24), secure);
}

/**
 * Worker sign-in: the worker cookie (HttpOnly, SameSite=Lax, path /), beside and never instead
 * of a staff session. Worker requests use the signed-out double-submit CSRF token (`uc_csrf`),
 * or the staff one when the same browser is also signed in as staff.
 */
export function setWorkerCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(WORKER_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearWorkerCookie(reply: FastifyReply): void {
  reply.clearCookie(WORKER_COOKIE, { path: '/' });
}

/** The signed-in actor, or 401. A user who must change their password may only do that. */
export function requireActor(req: FastifyRequest, opts: { allowPasswordChange?: boolean } = {}): Actor {
  if (!req.actor && req.sessionRevoked) {
    throw new AppError('auth.session_revoked', 401, 'This device was signed out by an administrator');
  }
  if (!req.actor) throw unauthenticated();
  if (req.actor.mustChangePassword && !opts.allowPasswordChange) {
    throw new AppError('auth.password_change_required', 403, 'Change your password first');
  }
  return req.actor;
}
