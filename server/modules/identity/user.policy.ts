import { PRIVILEGED_ROLES } from '../../../contracts/auth';
import type { OrgKind } from '../../../contracts/organisation';
import type { Role } from '../../platform/auth/policy';

const FEDERATIONS: OrgKind[] = ['national', 'province', 'city', 'county'];

/** Which organisations a role can sit in: a volunteer belongs to a volunteer association, and so on. */
export const ROLE_ORG_KINDS: Record<Role, OrgKind[]> = {
  platform_admin: FEDERATIONS,
  federation_staff: FEDERATIONS,
  upper_reviewer: ['national', 'province', 'city'],
  auditor: FEDERATIONS,
  grassroots_cadre: ['grassroots'],
  social_worker: ['social_work', 'association'],
  volunteer: ['volunteer', 'association'],
  caring_unit_staff: ['caring_unit'],
  // 评审专家: outside reviewers, their accounts kept by the organising federation.
  expert: FEDERATIONS,
};

export function roleFitsOrg(role: Role, kind: OrgKind): boolean {
  return ROLE_ORG_KINDS[role].includes(kind);
}

/** Granting a role needs the right to grant it: privileged roles only from a platform admin. */
export function mayGrant(granterRoles: readonly Role[], role: Role): boolean {
  return !PRIVILEGED_ROLES.includes(role) || granterRoles.includes('platform_admin');
}

/**
 * Acting on an account — editing it, changing its roles or organisation, resetting its password,
 * disabling or enabling it — needs the right to grant every role it holds: a reset password or a
 * demotion would otherwise hand the actor (or take away) a role it could never give.
 */
export function mayAdminister(actorRoles: readonly Role[], heldRoles: readonly Role[]): boolean {
  return heldRoles.every((role) => mayGrant(actorRoles, role));
}

/** Failed logins 1–2 answer at once; later ones wait longer each time, up to 2 s. */
export function loginDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(2000, 250 * 2 ** (failures - 3));
}
