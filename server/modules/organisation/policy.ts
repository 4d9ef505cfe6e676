import { rows, type Action, type PolicyRow } from '../../platform/auth/policy';

const ORG_ADMIN: Action[] = ['org.read', 'org.create', 'org.update', 'org.move', 'org.deactivate'];

/** Who reads and runs the organisation tree. */
export const ORGANISATION_POLICY: readonly PolicyRow[] = [
  ...rows('platform_admin', 'subtree', ORG_ADMIN),
  ...rows('federation_staff', 'jurisdiction', ORG_ADMIN),
  ...rows('grassroots_cadre', 'org', ['org.read']),
  ...rows('social_worker', 'org', ['org.read']),
  ...rows('volunteer', 'org', ['org.read']),
  ...rows('caring_unit_staff', 'org', ['org.read']),
  ...rows('upper_reviewer', 'subtree', ['org.read']),
  ...rows('auditor', 'subtree', ['org.read']),
];
