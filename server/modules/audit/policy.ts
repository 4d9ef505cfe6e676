import { rows, type PolicyRow } from '../../platform/auth/policy';

/** Who browses, exports and verifies the audit trail. */
export const AUDIT_POLICY: readonly PolicyRow[] = [
  ...rows('platform_admin', 'subtree', ['audit.read', 'audit.export']),
  ...rows('federation_staff', 'jurisdiction', ['audit.read']),
  ...rows('auditor', 'subtree', ['audit.read', 'audit.export']),
];
