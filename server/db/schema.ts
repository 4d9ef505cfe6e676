import type { Generated } from 'kysely';

/**
 * The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case).
 * Timestamps are ISO-8601 UTC text on both engines; money is integer fen; flags are text states.
 */
export interface OrganisationTable {
  id: string;
  parentId: string | null;
  /** Materialised path of ids, `/root/…/self/`, so a subtree is one prefix match on both engines. */
  path: string;
  depth: number;
  kind: string;
  caringKind: string | null;
  name: string;
  divisionCode: string;
  /** The federation that owns this organisation (itself, for a federation): the permission and sharding scope. */
  jurisdictionId: string;
  status: string;
  contactPerson: string | null;
  address: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AppUserTable {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: string;
  mustChangePassword: number;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UserRoleTable {
  userId: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not hand out live sessions. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  ip: string | null;
  userAgent: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  jurisdictionId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  result: string;
  ip: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  organisation: OrganisationTable;
  appUser: AppUserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
}

export type Seq = Generated<number>;
