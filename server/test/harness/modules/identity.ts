/**
 * Identity's harness descriptor: a user `:id` route acts on a canary user in every demo
 * organisation (and on the principal's own user); the organisation canaries are made here, last
 * (an organisation's address, a user's display name and, because that user signs in once, an
 * audit row whose actor is that name), so the sign-ins are among the newest rows of the audit
 * trail; the malformed-input harness works on a user of its own.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { Agent } from '../../test-app';
import type { HarnessDescriptor } from '../descriptor';
import { NO_HINT } from '../schema';
import { world, type Role } from '../world';
import { organisationTarget } from './organisation';

const admin = () => world.admin!;
let targetUserId = '';

export const identityHarness = {
  name: 'identity',
  routes: ['/api/auth', '/api/users', '/api/roles'],
  // Its user lists show the organisation canaries; households and their people (the Love
  // Alliance's part 1, whose set-up creates a user too; part 2 creates none) must not show.
  needs: ['organisation', 'assistance:households'],
  matrix: {
    async setUpLast(t) {
      // Canaries (F-1): one unique value per organisation, placed where each list route shows it:
      // the organisation's address (organisation lists), a user's display name (user lists) and,
      // because that user signs in once, an audit row whose actor is that name (audit list/export).
      // Made last, so the sign-ins are among the newest rows of the audit trail.
      const roles = await admin().get('/api/roles');
      expect(roles.statusCode).toBe(200);
      const roleInfo = (JSON.parse(roles.body) as { items: { role: Role; orgKinds: string[] }[] }).items;
      const orgs = await admin().get('/api/orgs');
      expect(orgs.statusCode).toBe(200);
      const orgItems = (JSON.parse(orgs.body) as { items: { id: string; kind: string; version: number }[] })
        .items;
      for (const [key, orgId] of t.orgs) {
        const org = orgItems.find((o) => o.id === orgId);
        if (!org) throw new Error(`admin cannot see demo organisation ${key}`);
        const canary = `CANARY-${key}-${randomBytes(5).toString('hex')}`;
        const patched = await admin().patch(`/api/orgs/${orgId}`, { version: org.version, address: canary });
        expect(patched.statusCode, patched.body).toBe(200);
        // Privileged roles are avoided so the canary users widen nobody's reach.
        const role = roleInfo.find(
          (r) => r.orgKinds.includes(org.kind) && r.role !== 'platform_admin' && r.role !== 'auditor',
        )?.role;
        if (!role) throw new Error(`no role fits a ${org.kind} organisation`);
        const username = `cn_${key}`.toLowerCase().slice(0, 32);
        const created = await admin().post('/api/users', {
          orgId,
          username,
          displayName: canary,
          roles: [role],
          password: world.password,
        });
        expect(created.statusCode, created.body).toBe(201);
        const userId = (JSON.parse(created.body) as { user: { id: string } }).user.id;
        world.canaryUserByOrg.set(orgId, userId);
        world.canaries.push({
          value: canary,
          rec: { id: orgId, orgId, ownerId: userId },
          shows: ['org'],
          ownOnly: true,
        });
        const login = await new Agent(t).login(username, world.password);
        expect(login.statusCode, login.body).toBe(200);
      }
    },
    recordRoutes: {
      '/api/users/:id': {
        // A user record is "own" for the user it describes (scope of a user in policy.ts).
        records: () => [...world.canaryUserByOrg].map(([orgId, id]) => ({ id, orgId, ownerId: id })),
        own: (p) => ({ id: p.userId, orgId: p.orgId, ownerId: p.userId }),
      },
    },
    listShows: { 'GET /api/auth/me': [], 'GET /api/roles': [], 'GET /api/users': ['org'] },
    // A role a grassroots union can hold: never a privileged one, and it does not fit the
    // federations the principals sit in, so an allowed create stops at validation.
    hints: { roles: () => ['grassroots_cadre'] },
  },
  malformed: {
    // Its disposable user sits in the organisation's disposable organisation.
    needs: ['organisation'],
    async setUp(_t, h) {
      const a = await h.throwaway();
      const user = await a.post('/api/users', {
        orgId: organisationTarget(),
        username: 'malformed_target',
        displayName: '畸形输入测试用户',
        roles: ['grassroots_cadre'],
      });
      expect(user.statusCode, user.body).toBe(201);
      targetUserId = (JSON.parse(user.body) as { user: { id: string } }).user.id;
    },
    recordPrefixes: { '/api/users/:id': { id: () => targetUserId, table: 'appUser' } },
    hint(field) {
      if (field === 'roles') return ['grassroots_cadre'];
      return NO_HINT;
    },
  },
} satisfies HarnessDescriptor;
