// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

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

/** The audit trail and its head row (platform/audit/audit-log.ts). */
export interface PlatformAuditTables {
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
}
