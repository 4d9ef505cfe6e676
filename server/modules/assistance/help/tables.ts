// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface EvidenceTable {
  id: string;
  householdId: string;
  helpRecordId: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  createdAt: string;
}

/** Evidence attached to help records. */
export interface HelpTables {
  evidence: EvidenceTable;
}
