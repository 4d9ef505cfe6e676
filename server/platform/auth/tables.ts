// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

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

/** A user assigned to one record, for the policy table's 'assigned' relation (assignment.ts). */
export interface AssignmentTable {
  id: string;
  userId: string;
  subjectType: string;
  subjectId: string;
  assignedBy: string;
  assignedAt: string;
  revokedAt: string | null;
}

/** The platform's sign-in sessions (session-store.ts) and assignments (assignment.ts). */
export interface PlatformAuthTables {
  session: SessionTable;
  assignment: AssignmentTable;
}
