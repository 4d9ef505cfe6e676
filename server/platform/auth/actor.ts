import { policyRows, type Action, type Relation, type Role } from './policy';
import { AppError, forbidden, type NotFoundSubject } from '../errors';

/** Who is making the request, loaded fresh from the database on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgPath: string;
  jurisdictionId: string;
  roles: Role[];
  sessionId: string;
  mustChangePassword: boolean;
}

/** Where a record sits, as far as permissions are concerned. */
export interface RecordScope {
  orgId: string;
  orgPath: string;
  jurisdictionId: string;
  ownerId?: string | null;
  /** Every organisation the record is linked to, when that is more than its owner (see ScopeColumns.orgLinked). */
  linkedOrgIds?: string[];
  /**
   * The users the record is assigned to (active rows of the `assignment` table, read with
   * AssignmentStore.assignees), for the 'assigned' relation; absent, nobody is.
   */
  assignees?: readonly string[];
}

export function relationsFor(actor: Actor, action: Action): Set<Relation> {
  const roles = new Set(actor.roles);
  return new Set(
    policyRows()
      .filter((p) => p.action === action && roles.has(p.role))
      .map((p) => p.relation),
  );
}

export function relationHolds(actor: Actor, relation: Relation, record: RecordScope): boolean {
  switch (relation) {
    case 'own':
      return record.ownerId != null && record.ownerId === actor.userId;
    case 'org':
      return record.linkedOrgIds ? record.linkedOrgIds.includes(actor.orgId) : record.orgId === actor.orgId;
    case 'subtree':
      return record.orgPath.startsWith(actor.orgPath);
    case 'jurisdiction':
      return record.jurisdictionId === actor.jurisdictionId;
    case 'assigned':
      return record.assignees?.includes(actor.userId) ?? false;
  }
}

export function can(actor: Actor, action: Action, record?: RecordScope): boolean {
  const relations = relationsFor(actor, action);
  if (!record) return relations.size > 0;
  for (const r of relations) if (relationHolds(actor, r, record)) return true;
  return false;
}

/**
 * For a route: the actor must hold the action under some relation, else 403.
 * Returns the relations so list queries can filter by them.
 */
export function requireAction(actor: Actor, action: Action): Set<Relation> {
  const relations = relationsFor(actor, action);
  if (relations.size === 0) throw forbidden();
  return relations;
}

/**
 * For one record: a record outside the actor's reach answers exactly like a missing one, so
 * probing ids reveals nothing about other organisations (F-1).
 */
export function requireRecord(
  actor: Actor,
  action: Action,
  record: RecordScope | undefined,
  what: NotFoundSubject,
): void {
  requireAction(actor, action);
  if (!record || !can(actor, action, record))
    throw new AppError(`${what}.not_found` as const, 404, `${what} not found`);
}
