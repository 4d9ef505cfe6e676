/**
 * The organisation tree's harness descriptor: an organisation `:id` route acts on every demo
 * organisation, a body field naming an organisation (`parentId`, `orgId`) is checked against the
 * route's own action on it; the malformed-input harness works on an organisation of its own.
 */
import { expect } from 'vitest';
import type { HarnessDescriptor } from '../descriptor';
import { NO_HINT } from '../schema';
import { orgRecords, policyAllows } from '../world';

/** The organisation the malformed-input `:id` routes act on, for `orgId` fields as the admin. */
let targetOrgId = '';
let qtxId = '';

export const organisationTarget = () => targetOrgId;

export const organisationHarness = {
  name: 'organisation',
  routes: ['/api/orgs', '/api/divisions'],
  // The organisation canaries (identity's) show in its lists; households and their people must
  // not (the Love Alliance's part 1; its part 2 adds help on those households, no organisation).
  needs: ['identity', 'assistance:households'],
  matrix: {
    recordRoutes: { '/api/orgs/:id': { records: orgRecords } },
    referenceTypes: {
      organisation: {
        orgValued: true,
        records: orgRecords,
        allowed: (p, action, ref) => policyAllows(p, action, ref),
      },
    },
    referenceFields: { parentId: 'organisation', orgId: 'organisation' },
    listShows: { 'GET /api/divisions': [], 'GET /api/orgs': ['org'] },
  },
  malformed: {
    needs: [],
    async setUp(t, h) {
      const admin = await h.throwaway();
      qtxId = t.orgs.get('qtx')!;
      // Under the other city federation, not under 青铜峡 where the create cases add their orgs:
      // sibling names are unique, and the rename cases must not collide with the created ones.
      const org = await admin.post('/api/orgs', {
        parentId: t.orgs.get('yinchuan')!,
        kind: 'grassroots',
        name: '畸形输入测试工会',
        divisionCode: '640381',
      });
      expect(org.statusCode, org.body).toBe(201);
      targetOrgId = (JSON.parse(org.body) as { id: string }).id;
    },
    recordPrefixes: { '/api/orgs/:id': { id: () => targetOrgId, table: 'organisation' } },
    // A real parent, a grassroots org the grassroots role fits.
    hint(field, schema, ctx) {
      if (field === 'parentId') return qtxId;
      if (field === 'orgId' && ctx.asAdmin) return targetOrgId;
      if (field === 'kind' && schema.enum?.includes('grassroots')) return 'grassroots';
      return NO_HINT;
    },
  },
} satisfies HarnessDescriptor;
