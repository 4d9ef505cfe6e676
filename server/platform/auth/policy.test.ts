import { beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../app';
import { can, relationHolds, type Actor } from './actor';
import { ACTIONS, RELATIONS, ROLES, ROLE_LABELS, installPolicy } from './policy';

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  username: 'u',
  displayName: 'U',
  orgId: 'city',
  orgPath: '/root/prov/city/',
  jurisdictionId: 'city',
  roles: ['federation_staff'],
  sessionId: 's',
  mustChangePassword: false,
  ...over,
});

describe('policy table', () => {
  beforeAll(() => installPolicy(POLICY));

  it('uses only known roles, actions and relations, without duplicates', () => {
    const keys = POLICY.map((p) => `${p.role}|${p.action}|${p.relation}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of POLICY) {
      expect(ROLES).toContain(p.role);
      expect(ACTIONS).toContain(p.action);
      expect(RELATIONS).toContain(p.relation);
    }
    for (const r of ROLES) expect(ROLE_LABELS[r].zh).toBeTruthy();
  });

  it('defines each relation against a record', () => {
    const a = actor();
    const partner = { orgId: 'partner', orgPath: '/root/prov/city/partner/', jurisdictionId: 'city' };
    const county = { orgId: 'county', orgPath: '/root/prov/city/county/', jurisdictionId: 'county' };
    const other = { orgId: 'other', orgPath: '/root/prov/other/', jurisdictionId: 'other' };
    expect(relationHolds(a, 'jurisdiction', partner)).toBe(true);
    expect(relationHolds(a, 'jurisdiction', county)).toBe(false);
    expect(relationHolds(a, 'subtree', county)).toBe(true);
    expect(relationHolds(a, 'subtree', other)).toBe(false);
    expect(relationHolds(a, 'org', { ...other, orgId: 'city' })).toBe(true);
    expect(relationHolds(a, 'own', { ...other, ownerId: 'u1' })).toBe(true);
    expect(relationHolds(a, 'own', { ...other, ownerId: null })).toBe(false);
  });

  it('grants by role and relation together', () => {
    const staff = actor();
    const partner = { orgId: 'partner', orgPath: '/root/prov/city/partner/', jurisdictionId: 'city' };
    const other = { orgId: 'other', orgPath: '/root/prov/other/', jurisdictionId: 'other' };
    expect(can(staff, 'org.update', partner)).toBe(true);
    expect(can(staff, 'org.update', other)).toBe(false);
    expect(can(staff, 'audit.export')).toBe(false);
    const volunteer = actor({ roles: ['volunteer'], orgId: 'partner', orgPath: partner.orgPath });
    expect(can(volunteer, 'org.read', partner)).toBe(true);
    expect(can(volunteer, 'org.update', partner)).toBe(false);
    expect(can(volunteer, 'user.read', { ...partner, ownerId: 'u1' })).toBe(true);
    expect(can(volunteer, 'user.read', { ...partner, ownerId: 'u2' })).toBe(false);
  });
});
