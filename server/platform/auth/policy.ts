/**
 * The policy table: role × action × record relation. This is the only place that says who may
 * do what; services ask `can()` / `scopeFor()`, the web menu reads the same rows through
 * /api/auth/me, and the authorization-matrix test is generated from it.
 *
 * Relations (how the record relates to the actor):
 * - own:          the record is the actor's own (their user account, a record they created)
 * - org:          the record belongs to the actor's organisation
 * - subtree:      the record belongs to the actor's organisation or any organisation below it
 * - jurisdiction: the record is owned by the actor's federation (the federation itself, its
 *                 grassroots unions and the partners attached to it)
 */
export const ROLES = [
  'platform_admin',
  'federation_staff',
  'grassroots_cadre',
  'social_worker',
  'volunteer',
  'caring_unit_staff',
  'upper_reviewer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const RELATIONS = ['own', 'org', 'subtree', 'jurisdiction'] as const;
export type Relation = (typeof RELATIONS)[number];

export const ACTIONS = [
  'org.read',
  'org.create',
  'org.update',
  'org.move',
  'org.deactivate',
  'user.read',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.disable',
  'audit.read',
  'audit.export',
  // Love Alliance (S1)
  'alliance.read',
  'alliance.plan_read',
  'alliance.manage',
  'screening.create',
  'household.read',
  'household.reveal',
  // Finding households by an ID number or a phone (a POST body): audited and limited per user.
  'household.search_identifier',
  'household.manage',
  'archive.manage',
  'archive.review',
  'standard.manage',
  // Love Alliance part 2: help, plans, caring units, referrals, return visits, dashboard
  'help.manage',
  'plan.approve',
  'plan.template',
  'resource.read',
  'resource.manage',
  'referral.read',
  'referral.respond',
  'referral.override',
  // The second person who confirms a partner's recorded consent (item 13 of issue 9).
  'consent.confirm',
  'dashboard.read',
  'dashboard.drill',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface PolicyRow {
  role: Role;
  action: Action;
  relation: Relation;
}

const rows = (role: Role, relation: Relation, actions: Action[]): PolicyRow[] =>
  actions.map((action) => ({ role, action, relation }));

const ORG_ADMIN: Action[] = ['org.read', 'org.create', 'org.update', 'org.move', 'org.deactivate'];
const USER_ADMIN: Action[] = [
  'user.read',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.disable',
];

export const POLICY: readonly PolicyRow[] = [
  ...rows('platform_admin', 'subtree', [...ORG_ADMIN, ...USER_ADMIN, 'audit.read', 'audit.export']),
  ...rows('federation_staff', 'jurisdiction', [...ORG_ADMIN, ...USER_ADMIN, 'audit.read']),
  ...rows('grassroots_cadre', 'org', ['org.read', 'user.read']),
  ...rows('social_worker', 'org', ['org.read']),
  ...rows('volunteer', 'org', ['org.read']),
  ...rows('caring_unit_staff', 'org', ['org.read']),
  ...rows('upper_reviewer', 'subtree', ['org.read']),
  ...rows('auditor', 'subtree', ['org.read', 'user.read', 'audit.read', 'audit.export']),
  // Love Alliance: the federation runs it; partners screen and see the households their
  // organisation screened or was routed; the upper federation reviews what was reported to it.
  // Caring units, auditors and platform admins see no case data here (need to know).
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
  // Everyone may read their own account.
  ...ROLES.map((role) => ({ role, action: 'user.read' as Action, relation: 'own' as Relation })),
];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  federation_staff: { zh: '总工会工作人员', en: 'Federation staff' },
  grassroots_cadre: { zh: '基层工会干部', en: 'Grassroots union cadre' },
  social_worker: { zh: '社工', en: 'Social worker' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  caring_unit_staff: { zh: '爱心单位工作人员', en: 'Caring-unit staff' },
  upper_reviewer: { zh: '上级工会审核人', en: 'Upper-federation reviewer' },
  auditor: { zh: '审计员', en: 'Auditor' },
};
