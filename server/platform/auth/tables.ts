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

/** The platform's sign-in sessions (platform/auth/session-store.ts). */
export interface PlatformAuthTables {
  session: SessionTable;
}
