import { ROLES, rows, type Action, type PolicyRow } from '../../platform/auth/policy';

const USER_ADMIN: Action[] = [
  'user.read',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.disable',
];

/** Who reads and manages user accounts. */
export const IDENTITY_POLICY: readonly PolicyRow[] = [
  ...rows('platform_admin', 'subtree', USER_ADMIN),
  ...rows('federation_staff', 'jurisdiction', USER_ADMIN),
  ...rows('grassroots_cadre', 'org', ['user.read']),
  ...rows('auditor', 'subtree', ['user.read']),
  // Everyone may read their own account.
  ...ROLES.map((role): PolicyRow => ({ role, action: 'user.read', relation: 'own' })),
];
