import type { ColumnType } from 'kysely';

// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface HouseholdTable {
  id: string;
  jurisdictionId: string;
  state: string;
  headName: string;
  headIdEnc: string | null;
  headIdBidx: string | null;
  /** The last four characters, all a list may ever show. */
  headIdTail: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  phoneTail: string | null;
  phoneNameKey: string | null;
  addressKey: string;
  divisionCode: string;
  addressDetail: string;
  situation: string;
  responsibleOrgId: string | null;
  householdSize: number;
  annualIncomeFen: number;
  rigidExpenseFen: number;
  /** JSON array of cause codes. */
  causes: string;
  suddenEvent: string | null;
  category: string | null;
  closeReason: string | null;
  mergedIntoId: string | null;
  firstScreenedOn: string;
  lastScreenedOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HouseholdOrgTable {
  householdId: string;
  orgId: string;
  link: string;
  createdAt: string;
}

export interface HouseholdMemberTable {
  id: string;
  householdId: string;
  sort: number;
  relation: string;
  name: string;
  idEnc: string | null;
  idTail: string | null;
  age: number | null;
  school: string | null;
  health: string | null;
  work: string | null;
  monthlyIncomeFen: number | null;
}

export interface HouseholdEventTable {
  id: string;
  householdId: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  kind: string;
  summary: string;
}

export interface HouseholdTokenTable {
  token: string;
  householdId: string;
}

export interface ScreeningTable {
  id: string;
  jurisdictionId: string;
  householdId: string | null;
  orgId: string;
  screenerId: string;
  campaignId: string | null;
  clientRef: string | null;
  status: string;
  method: string;
  screenedOn: string;
  divisionCode: string | null;
  headName: string | null;
  match: string | null;
  dataEnc: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** A worker's own request: the blind index of the phone that sent it (its status look-up key). */
  reporterPhoneBidx: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NeedTable {
  id: string;
  householdId: string;
  screeningId: string | null;
  kind: string;
  urgency: string;
  description: string;
  status: string;
  createdAt: string;
  solvedAt: string | null;
  /** `screening` | `self_report` (a worker's own request, no account). */
  source: ColumnType<string, string | undefined, string>;
  /** When a person accepted a self-reported need; null while it is unverified. */
  acceptedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 帮扶记录: one row per thing delivered; (route, sourceId) is unique so nothing counts twice. */
export interface HelpRecordTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  /** urgent | measure | referral | upper */
  route: string;
  /** The plan measure or referral it came from; null for urgent help and upper-federation aid. */
  sourceId: string | null;
  kind: string;
  what: string;
  valueFen: number;
  givenByOrgId: string | null;
  givenByName: string;
  givenOn: string;
  recordedBy: string;
  recordedOrgId: string;
  /** Urgent help given before the archive decision: when and with what it was reconciled. */
  reconciledAt: string | null;
  reconciledWith: string | null;
  createdAt: string;
}

/** Households, their members, screenings, needs, the household trail and the ledger (core/ledger.repository). */
export interface CoreTables {
  household: HouseholdTable;
  householdOrg: HouseholdOrgTable;
  householdMember: HouseholdMemberTable;
  householdEvent: HouseholdEventTable;
  householdToken: HouseholdTokenTable;
  screening: ScreeningTable;
  need: NeedTable;
  helpRecord: HelpRecordTable;
}
