import { ACTIONS, RELATIONS, ROLES, ROLE_LABELS, type Action, type PolicyRow, type Role } from './policy';

const RELATION_WORDS: Record<(typeof RELATIONS)[number], string> = {
  own: 'own',
  org: 'org',
  subtree: 'subtree',
  jurisdiction: 'juris.',
  assigned: 'assigned',
};

/**
 * docs/permissions.md, generated from the policy table so a reviewer reads one table: a row per
 * action, a column per role, each cell the relations under which the role holds it.
 * `npm run permissions:doc` writes it from the combined table (POLICY in server/app.ts); a test
 * fails when the file is out of date.
 */
export function permissionsMarkdown(policy: readonly PolicyRow[]): string {
  const cell = (role: Role, action: Action) =>
    policy
      .filter((r) => r.role === role && r.action === action)
      .map((r) => RELATION_WORDS[r.relation])
      .join(', ') || '·';
  const head = `| action | ${ROLES.map((r) => `${ROLE_LABELS[r].zh}<br>\`${r}\``).join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => '---').join(' | ')} |`;
  const body = ACTIONS.map((a) => `| \`${a}\` | ${ROLES.map((r) => cell(r, a)).join(' | ')} |`);
  return [
    '# Permissions',
    '',
    '<!-- Generated from server/platform/auth/policy.ts by `npm run permissions:doc`; do not edit. -->',
    '',
    'Who may do what: each cell lists the relations under which the role holds the action —',
    "**own** (the actor's own record), **org** (the actor's organisation, or a record linked to it),",
    "**subtree** (the actor's organisation and everything below it), **juris.** (the actor's",
    "federation's jurisdiction: the federation, its grassroots unions and attached partners).",
    'Routes declare the action, services check the record with `can()`, lists filter with',
    '`scopeWhere`, and the authorization-matrix test is generated from the same rows.',
    '',
    head,
    rule,
    ...body,
    '',
  ].join('\n');
}
