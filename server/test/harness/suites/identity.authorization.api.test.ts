/** The authorization matrix (F-1) of identity's routes: server/test/harness/matrix.ts. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STALE_VERSION, authorizationMatrix } from '../matrix';
import { comparable } from '../send';
import { nextUnique } from '../schema';
import { world } from '../world';

const { t, principal } = await authorizationMatrix('identity');

describe('regressions found by the matrix', () => {
  // Federation staff of 青铜峡 creating a user in 银川公交集团工会 must get the answer an id that
  // does not exist gets (once 404 org.not_found against 422 user.org_unknown).
  it('POST /api/users: an out-of-reach orgId answers like a missing one', async () => {
    const staff = principal('qtx_staff');
    const body = (orgId: string) => ({
      orgId,
      username: `probe-${nextUnique()}`,
      displayName: 'probe',
      roles: ['grassroots_cadre'],
    });
    const other = await staff.agent.post('/api/users', body(t.orgs.get('yinchuan_bus')!));
    const missing = await staff.agent.post('/api/users', body(randomUUID()));
    expect(comparable(other)).toBe(comparable(missing));
  });

  it('PATCH /api/users/:id: an out-of-reach orgId answers like a missing one', async () => {
    const staff = principal('qtx_staff');
    const target = world.canaryUserByOrg.get(t.orgs.get('qtx')!)!;
    const other = await staff.agent.patch(`/api/users/${target}`, {
      version: STALE_VERSION,
      orgId: t.orgs.get('yinchuan_bus')!,
    });
    const missing = await staff.agent.patch(`/api/users/${target}`, {
      version: STALE_VERSION,
      orgId: randomUUID(),
    });
    expect(comparable(other)).toBe(comparable(missing));
  });
});
