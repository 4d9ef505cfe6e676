import { rows, type PolicyRow } from '../../platform/auth/policy';

/**
 * Love Alliance: the federation runs it; partners screen and see the households their
 * organisation screened or was routed; the upper federation reviews what was reported to it.
 * Caring units, auditors and platform admins see no case data here (need to know).
 */
export const ASSISTANCE_POLICY: readonly PolicyRow[] = [
  ...rows('federation_staff', 'jurisdiction', [
    'alliance.read',
    'alliance.manage',
    'screening.create',
    'household.read',
    'household.reveal',
    'household.search_identifier',
    'household.manage',
    'archive.manage',
    'standard.manage',
  ]),
  // The responsibility table, campaigns and their coverage are the federation's plan for the
  // whole alliance: every partner in the jurisdiction may read them (no personal data).
  ...(['federation_staff', 'grassroots_cadre', 'social_worker', 'volunteer'] as const).flatMap((role) =>
    rows(role, 'jurisdiction', ['alliance.plan_read']),
  ),
  // Finding a household by ID number or phone is for those who answer for cases: the federation
  // (a worker calls in), union cadres and social workers (their organisation's households).
  // Volunteers screen door to door — a screening is matched to its household on the server — and
  // find the households they visit by name, address or archive number, never by identifier.
  ...rows('grassroots_cadre', 'org', [
    'alliance.read',
    'screening.create',
    'household.read',
    'household.search_identifier',
  ]),
  ...rows('social_worker', 'org', [
    'alliance.read',
    'screening.create',
    'household.read',
    'household.search_identifier',
  ]),
  ...rows('volunteer', 'org', ['alliance.read', 'screening.create', 'household.read']),
  ...rows('upper_reviewer', 'org', ['archive.review']),
  // Help: the federation for its whole jurisdiction, partners for the households linked to their
  // organisation (urgent help, plans, consent, referrals, ledger, return visits).
  ...rows('federation_staff', 'jurisdiction', [
    'help.manage',
    'plan.approve',
    'plan.template',
    'resource.read',
    'resource.manage',
    'referral.read',
    'referral.override',
    'consent.confirm',
    'dashboard.read',
    // The households behind a figure: personal data, so the federation's only.
    'dashboard.drill',
  ]),
  ...(['grassroots_cadre', 'social_worker', 'volunteer'] as const).flatMap((role) => [
    ...rows(role, 'org', ['help.manage']),
    // Partners pick resources when they refer a household; resources hold no personal data.
    ...rows(role, 'jurisdiction', ['resource.read']),
  ]),
  // Caring units publish their own resources and answer the referrals sent to them, with the
  // minimum data; their dashboard shows only what they gave.
  ...rows('caring_unit_staff', 'org', [
    'resource.read',
    'resource.manage',
    'referral.read',
    'referral.respond',
    'dashboard.read',
  ]),
];
