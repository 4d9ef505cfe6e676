import { rows, type PolicyRow } from '../../platform/auth/policy';

/**
 * Membership: a federation's staff see (and reveal, export) the roll of every unit under it — a
 * province's staff the cities' units too — and keep the roll of the units it serves directly (its
 * jurisdiction); a unit union's cadres keep their own unit's. Ending a lost phone's worker
 * sessions is the federation's and the platform admin's.
 */
export const MEMBERSHIP_POLICY: readonly PolicyRow[] = [
  ...rows('federation_staff', 'subtree', ['member.read', 'member.reveal', 'member.export']),
  ...rows('federation_staff', 'jurisdiction', ['member.manage']),
  ...rows('grassroots_cadre', 'org', ['member.read', 'member.manage', 'member.reveal', 'member.export']),
  ...rows('platform_admin', 'jurisdiction', ['worker.end_sessions']),
  ...rows('federation_staff', 'jurisdiction', ['worker.end_sessions']),
];
