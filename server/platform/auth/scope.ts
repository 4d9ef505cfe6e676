import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor';
import { assignedExists } from './assignment';
import type { Relation } from './policy';

/** Column references a list query exposes so the actor's relations can become one WHERE clause. */
export interface ScopeColumns {
  orgId: string;
  /**
   * For records linked to several organisations (a household screened by two partners): the
   * 'org' relation then means "linked to the actor's organisation" instead of `orgId = …`.
   */
  orgLinked?: (orgId: string) => Expression<SqlBool>;
  orgPath: string;
  jurisdictionId: string;
  ownerId?: string;
  /**
   * For the 'assigned' relation: the subject type the module assigns users to, and the column
   * holding the row's id (an active `assignment` row of the actor to it lets the row through).
   */
  assigned?: { subjectType: string; subjectId: string };
}

/**
 * The list-query twin of `can()`: rows the actor may see under any of its relations.
 * Kept next to the policy so the per-record check and the list filter cannot drift apart.
 * Paths are made of generated ids and '/', so they hold no LIKE wildcards to escape.
 */
export function scopeWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  relations: Set<Relation>,
  cols: ScopeColumns,
): Expression<SqlBool> {
  const ref = (c: string) => eb.ref(c as never);
  const parts: Expression<SqlBool>[] = [];
  for (const r of relations) {
    if (r === 'own' && cols.ownerId) parts.push(eb(ref(cols.ownerId), '=', actor.userId as never));
    if (r === 'org')
      parts.push(
        cols.orgLinked ? cols.orgLinked(actor.orgId) : eb(ref(cols.orgId), '=', actor.orgId as never),
      );
    if (r === 'subtree') parts.push(eb(ref(cols.orgPath), 'like', `${actor.orgPath}%` as never));
    if (r === 'jurisdiction') parts.push(eb(ref(cols.jurisdictionId), '=', actor.jurisdictionId as never));
    if (r === 'assigned' && cols.assigned)
      parts.push(assignedExists(actor.userId, cols.assigned.subjectType, ref(cols.assigned.subjectId)));
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(parts);
}
