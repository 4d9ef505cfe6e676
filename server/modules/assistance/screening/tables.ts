// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface MergeCandidateTable {
  id: string;
  jurisdictionId: string;
  householdA: string;
  householdB: string;
  reason: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** The merge queue. */
export interface ScreeningTables {
  mergeCandidate: MergeCandidateTable;
}
