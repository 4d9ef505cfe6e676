// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface ConsentTable {
  id: string;
  householdId: string;
  /** The organisation the household agreed to share its data with. */
  orgId: string;
  /** The member the consent is for (a child's consent is given by a guardian); null = the household. */
  memberId: string | null;
  /** self | guardian */
  givenBy: string;
  guardianName: string | null;
  /** signed_form | verbal | phone */
  method: string;
  givenOn: string;
  note: string | null;
  recordedBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** Null: recorded by a partner and waiting for its signed form or a federation confirmation. */
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** recorded_by_staff | staff_confirmed | evidence | legacy */
  confirmedHow: string | null;
}

/** The signed consent form: at most one per consent (unique index). */
export interface ConsentEvidenceTable {
  id: string;
  consentId: string;
  householdId: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  createdAt: string;
}

export interface ReferralTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  resourceId: string;
  /** The caring unit (the resource's organisation). */
  orgId: string;
  memberId: string | null;
  quantity: number;
  need: string;
  /** sent → accepted | declined | withdrawn → delivered */
  state: string;
  consentId: string | null;
  overrideReason: string | null;
  overrideBy: string | null;
  referredBy: string;
  referredOrgId: string;
  responseNote: string | null;
  deliveredOn: string | null;
  deliveredValueFen: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Consents, their signed forms and referrals. */
export interface ReferralTables {
  consent: ConsentTable;
  consentEvidence: ConsentEvidenceTable;
  referral: ReferralTable;
}
