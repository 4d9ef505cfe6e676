import type { FastifyInstance } from 'fastify';
import { ChangePasswordBody, LoginBody, Me, RoleList } from '../../../contracts/auth';
import { Ok } from '../../../contracts/common';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/auth-plugin';
import { ROLE_LABELS, ROLES } from '../../platform/auth/policy';
import { contextOf, typed } from '../../platform/http/routes';
import { ROLE_ORG_KINDS } from './user.policy';
import type { UserService } from './user.service';

export function authRoutes(service: UserService, opts: { secureCookies: boolean; loginPerMinute: number }) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['auth'];

    r.post(
      '/api/auth/login',
      {
        config: {
          access: { kind: 'public' },
          rateLimit: { max: opts.loginPerMinute, timeWindow: 60_000 },
        },
        schema: { tags, summary: 'Sign in; sets the session cookie', body: LoginBody, response: { 200: Me } },
      },
      async (req, reply) => {
        const { token, me } = await service.login(req.body, {
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, token, opts.secureCookies);
        return me;
      },
    );

    r.post(
      '/api/auth/logout',
      { config: { access: { kind: 'session' } }, schema: { tags, response: { 200: Ok } } },
      async (req, reply) => {
        await service.logout(contextOf(req, { allowPasswordChange: true }));
        clearSessionCookie(reply, opts.secureCookies);
        return { ok: true as const };
      },
    );

    r.get(
      '/api/auth/me',
      { config: { access: { kind: 'session' } }, schema: { tags, response: { 200: Me } } },
      async (req) => service.describe(contextOf(req, { allowPasswordChange: true }).actor),
    );

    r.post(
      '/api/auth/password',
      {
        config: { access: { kind: 'session' } },
        schema: { tags, summary: 'Change my password', body: ChangePasswordBody, response: { 200: Ok } },
      },
      async (req) => {
        await service.changePassword(contextOf(req, { allowPasswordChange: true }), req.body);
        return { ok: true as const };
      },
    );

    r.get(
      '/api/roles',
      { config: { access: { kind: 'session' } }, schema: { tags, response: { 200: RoleList } } },
      async (req) => {
        contextOf(req);
        return {
          items: ROLES.map((role) => ({ role, ...ROLE_LABELS[role], orgKinds: ROLE_ORG_KINDS[role] })),
        };
      },
    );
  };
}
