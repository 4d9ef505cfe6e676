import { rows, type PolicyRow } from '../../platform/auth/policy';

/**
 * Membership: the federation keeps its jurisdiction's roll; a unit union's cadres their own
 * unit's. Ending a lost phone's worker sessions is the federation's and the platform admin's.
 */
export const MEMBERSHIP_POLICY: readonly PolicyRow[] = [
  ...rows('federation_staff', 'jurisdiction', [
    'member.read',
    'member.manage',
    'member.reveal',
    'member.export',
  ]),
  ...rows('grassroots_cadre', 'org', ['member.read', 'member.manage', 'member.reveal', 'member.export']),
  ...rows('platform_admin', 'jurisdiction', ['worker.end_sessions']),
  ...rows('federation_staff', 'jurisdiction', ['worker.end_sessions']),
];
