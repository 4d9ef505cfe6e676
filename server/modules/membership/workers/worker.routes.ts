import type { FastifyInstance } from 'fastify';
import {
  EndWorkerSessionsBody,
  WorkerCodeBody,
  WorkerCodeSent,
  WorkerMe,
  WorkerSessionsEnded,
  WorkerSignInBody,
  WorkerSignedOut,
} from '../../../../contracts/worker';
import { clearWorkerCookie, setWorkerCookie } from '../../../platform/auth/auth-plugin';
import { WORKER_COOKIE } from '../../../platform/auth/worker';
import { contextOf, typed, workerOf } from '../../../platform/http/routes';
import type { WorkerService } from './worker.service';

/**
 * Worker sign-in on the phone: public, rate-limited per address like the staff sign-in (the
 * module option `loginPerMinute`) on top of the one-time codes' own per-phone limits.
 */
export function workerRoutes(
  service: WorkerService,
  opts: { secureCookies: boolean; signInPerMinute: number },
) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['worker'];
    const open = (perMinute: number) => ({
      access: { kind: 'public' as const },
      rateLimit: { max: perMinute, timeWindow: 60_000 },
    });

    r.post(
      '/api/worker/code',
      {
        config: open(opts.signInPerMinute),
        schema: {
          tags,
          summary: '职工登录验证码 Send a sign-in code',
          body: WorkerCodeBody,
          response: { 200: WorkerCodeSent },
        },
      },
      async (req) => service.requestCode(req.body.phone, req.ip ?? null),
    );
    r.post(
      '/api/worker/sign-in',
      {
        config: open(opts.signInPerMinute),
        schema: {
          tags,
          summary: '职工手机号登录 Sign in with phone and code; sets uc_worker',
          body: WorkerSignInBody,
          response: { 200: WorkerMe },
        },
      },
      async (req, reply) => {
        const { token, me } = await service.signIn(req.body, {
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setWorkerCookie(reply, token, opts.secureCookies);
        return me;
      },
    );
    r.get(
      '/api/worker/me',
      {
        config: { access: { kind: 'worker' } },
        schema: { tags, summary: '当前职工 The signed-in worker', response: { 200: WorkerMe } },
      },
      async (req) => service.me(workerOf(req)),
    );
    r.post(
      '/api/worker/sign-out',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '职工退出 Sign out (no error when signed out)',
          response: { 200: WorkerSignedOut },
        },
      },
      async (req, reply) => {
        await service.signOut(req.cookies[WORKER_COOKIE]);
        clearWorkerCookie(reply);
        return { signedOut: true as const };
      },
    );
    r.post(
      '/api/workers/end-sessions',
      {
        config: { access: { kind: 'action', action: 'worker.end_sessions' } },
        schema: {
          tags,
          summary: '结束职工会话（手机丢失） End a lost phone’s worker sessions',
          body: EndWorkerSessionsBody,
          response: { 200: WorkerSessionsEnded },
        },
      },
      async (req) => service.endSessions(contextOf(req), req.body.phone),
    );
  };
}
