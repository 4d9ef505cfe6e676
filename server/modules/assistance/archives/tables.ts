// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface VerificationTable {
  id: string;
  householdId: string;
  verifierId: string;
  verifiedOn: string;
  homeVisit: number;
  documents: string;
  incomeConsent: number;
  /** JSON array of the standard's exclusions found on the visit. */
  exclusions: string;
  migrantQualified: number | null;
  result: string;
  noticeStart: string | null;
  noticeEnd: string | null;
  noticeResult: string | null;
  notes: string | null;
  createdAt: string;
}

export interface ArchiveStandardTable {
  id: string;
  jurisdictionId: string;
  year: number;
  minLivingFen: number;
  relativeMultiplierPct: number;
  accidentDropPct: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  supersededAt: string | null;
}

export interface ArchiveCounterTable {
  jurisdictionId: string;
  year: number;
  lastSeq: number;
}

export interface ArchiveTable {
  id: string;
  householdId: string;
  jurisdictionId: string;
  archiveNo: string;
  year: number;
  seq: number;
  category: string;
  tier: string;
  primaryCause: string;
  secondaryCauses: string;
  perCapitaFen: number;
  standardId: string;
  explanation: string;
  state: string;
  reportedToId: string | null;
  reportedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  exitKind: string | null;
  exitReason: string | null;
  exitedAt: string | null;
  reviewDueOn: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Verifications, standards and archives. */
export interface ArchiveTables {
  verification: VerificationTable;
  archiveStandard: ArchiveStandardTable;
  archiveCounter: ArchiveCounterTable;
  archive: ArchiveTable;
}
