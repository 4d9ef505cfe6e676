/**
 * Membership's harness descriptor: worker sign-in (the worker principal — every matrix signs in
 * a public-tier worker, this set-up adds a member-tier one) and the membership roll: a canary
 * member in every demo unit union, added by its federation's staff.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { memberBody, signInWorker } from '../../factories/membership';
import { Agent, signIn, type TestApp } from '../../test-app';
import type { HarnessDescriptor } from '../descriptor';
import { NO_HINT } from '../schema';
import { orgById, tag, world, type RecordRef } from '../world';

const members: RecordRef[] = [];
let malformedMember = '';
let unitA = '';
let unitB = '';
let driver: Agent | undefined;

/** The demo unit unions by their federation's staff user. */
const UNITS: Record<string, string[]> = {
  qtx_staff: ['yingxin', 'qtx_school', 'qtx_logistics'],
  yc_staff: ['yinchuan_bus'],
};

export const membershipHarness = {
  name: 'membership',
  routes: ['/api/worker', '/api/workers', '/api/members'],
  needs: ['organisation'],
  matrix: {
    async setUp(t: TestApp) {
      for (const [username, keys] of Object.entries(UNITS)) {
        const staff = await signIn(t, username);
        for (const key of keys) {
          const orgId = t.orgs.get(key);
          if (!orgId || !orgById.has(orgId)) continue;
          const name = tag(key, 'mem');
          const res = await staff.post('/api/members', memberBody(orgId, { name }));
          expect(res.statusCode, res.body).toBe(201);
          const rec: RecordRef = {
            id: (res.json() as { id: string }).id,
            orgId,
            ownerId: null,
            label: `roll member of ${key}`,
          };
          members.push(rec);
          world.canaries.push({ value: name, rec, shows: ['roll_member'] });
        }
      }
      // A member-tier worker: the phone of a member of 迎鑫.
      const phone = '13603510999';
      const staff = await signIn(t, 'qtx_staff');
      const added = await staff.post('/api/members', memberBody(t.orgs.get('yingxin')!, { phone }));
      expect(added.statusCode, added.body).toBe(201);
      const agent = new Agent(t);
      const me = await signInWorker(agent, phone);
      expect(me.tier).toBe('member');
      world.workers.push({
        label: 'member worker',
        tier: 'member',
        phone,
        agent,
        memberOrgId: t.orgs.get('yingxin')!,
      });
    },
    recordRoutes: {
      '/api/members/:id': { records: () => members },
      // Import jobs live in memory and only their starter reads them: only the missing id is driven.
      '/api/members/import/:id': { records: () => [] },
    },
    referenceFields: { toOrgId: 'organisation' },
    // A filter of the roll inside the caller's reach (it never widens it; the canaries prove it).
    uncheckedFields: {
      'POST /api/members/search body.orgId': 'filter',
      'POST /api/members/export body.orgId': 'filter',
    },
    listShows: {
      'GET /api/worker/me': [],
      'POST /api/members/search': ['roll_member'],
      'POST /api/members/export': ['roll_member'],
      'GET /api/members/counts': [],
      'GET /api/members/template': [],
    },
  },
  malformed: {
    needs: ['organisation'],
    async setUp(t) {
      unitA = t.orgs.get('yingxin')!;
      unitB = t.orgs.get('qtx_school')!;
      driver = await signIn(t, 'qtx_staff');
      const res = await driver.post('/api/members', memberBody(unitA));
      expect(res.statusCode, res.body).toBe(201);
      malformedMember = (res.json() as { id: string }).id;
    },
    recordPrefixes: {
      '/api/members/:id': { id: () => malformedMember, table: 'member' },
      '/api/members/import/:id': { id: () => randomUUID() },
    },
    drivers: () => (driver ? [{ agent: driver, roles: ['federation_staff'] }] : []),
    hint(field) {
      if (field === 'orgId') return unitA;
      if (field === 'toOrgId') return unitB;
      if (field === 'joinedOn') return '2015-07-01';
      if (field === 'leftOn') return '2026-05-31';
      return NO_HINT;
    },
  },
} satisfies HarnessDescriptor;
