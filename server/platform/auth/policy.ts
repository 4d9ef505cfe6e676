import { ACTIONS, type Action } from '../../../contracts/actions';
import { ROLES, type RoleName } from '../../../contracts/auth';

/**
 * The policy language: role × action × record relation. Roles and actions are declared once in
 * contracts/ (contracts/auth.ts, each system's contract file, composed in contracts/actions.ts);
 * each module contributes its own rows (`policy` of its ModuleDefinition, in its policy.ts) and
 * the composition root combines them into the one table (`POLICY` in server/app.ts) and installs
 * it here. Services ask `can()` / `scopeFor()`, the web menu reads the same rows through
 * /api/auth/me, docs/permissions.md and the authorization-matrix test are generated from it.
 *
 * Relations (how the record relates to the actor):
 * - own:          the record is the actor's own (their user account, a record they created)
 * - org:          the record belongs to the actor's organisation
 * - subtree:      the record belongs to the actor's organisation or any organisation below it
 * - jurisdiction: the record is owned by the actor's federation (the federation itself, its
 *                 grassroots unions and the partners attached to it)
 * - assigned:     the record is assigned to the actor (a judge to an event, a reviewer to an
 *                 entry): an active row of the `assignment` table for (actor, subject type,
 *                 subject id), kept by platform/auth/assignment.ts; the record scope carries its
 *                 assignees for `can()`, and `scopeWhere` filters lists with the matching EXISTS
 */
export { ACTIONS, ROLES };
export type { Action };
export type Role = RoleName;

export const RELATIONS = ['own', 'org', 'subtree', 'jurisdiction', 'assigned'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface PolicyRow {
  role: Role;
  action: Action;
  relation: Relation;
}

/** One role holding several actions under one relation. */
export const rows = (role: Role, relation: Relation, actions: readonly Action[]): PolicyRow[] =>
  actions.map((action) => ({ role, action, relation }));

/** The rows of every module, in module order (the order docs/permissions.md keeps within a cell). */
export function combinePolicy(modules: readonly { policy?: readonly PolicyRow[] }[]): readonly PolicyRow[] {
  return Object.freeze(modules.flatMap((m) => m.policy ?? []));
}

let installed: readonly PolicyRow[] | undefined;

/**
 * Sets the table `can()` reads. The composition root installs the combined table (buildApp);
 * the table is static, so installing it again replaces it with the same rows.
 */
export function installPolicy(table: readonly PolicyRow[]): void {
  installed = table;
}

/** The installed table; asking before the app installed one is a programming error. */
export function policyRows(): readonly PolicyRow[] {
  if (!installed) throw new Error('no policy table installed: build the app (server/app.ts) first');
  return installed;
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  federation_staff: { zh: '总工会工作人员', en: 'Federation staff' },
  grassroots_cadre: { zh: '基层工会干部', en: 'Grassroots union cadre' },
  social_worker: { zh: '社工', en: 'Social worker' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  caring_unit_staff: { zh: '爱心单位工作人员', en: 'Caring-unit staff' },
  upper_reviewer: { zh: '上级工会审核人', en: 'Upper-federation reviewer' },
  auditor: { zh: '审计员', en: 'Auditor' },
  expert: { zh: '评审专家', en: 'Review expert' },
};
