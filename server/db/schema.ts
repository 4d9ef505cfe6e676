import type { ColumnType, Generated } from 'kysely';

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
  /** The latest failed sign-in: a streak quiet for a day is forgotten. */
  lastFailedLoginAt: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Failed sign-ins per (username, client address); address `*` is account-wide for unknown usernames. */
export interface LoginThrottleTable {
  username: string;
  address: string;
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
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

/** One row; updating it serialises the writes that change federations' areas (see organisation.repository). */
export interface OrgAreaLockTable {
  id: number;
  version: number;
}

/** Searches by ID number or phone per user and hour (issue 9 item 3). */
export interface IdentifierSearchCountTable {
  userId: string;
  windowStart: string;
  searches: number;
}

export interface AllianceMemberTable {
  id: string;
  orgId: string;
  jurisdictionId: string;
  name: string;
  title: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  userId: string | null;
  status: string;
  joinedOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ResponsibilityRuleTable {
  jurisdictionId: string;
  situation: string;
  partnerKind: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CampaignTable {
  id: string;
  jurisdictionId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** JSON array of GB/T 2260 codes. */
  areas: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CampaignTargetTable {
  campaignId: string;
  orgId: string;
  target: number;
}

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

export interface OtpCodeTable {
  id: string;
  phoneBidx: string;
  codeHash: string;
  ip: string | null;
  attempts: number;
  expiresAt: string;
  consumedAt: string | null;
  createdAt: string;
}

export interface HelpSettingTable {
  jurisdictionId: string;
  visitAfterHelpDays: number;
  visitAfterExitDays: number;
  updatedBy: string | null;
  updatedAt: string;
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

export interface PlanTemplateTable {
  id: string;
  jurisdictionId: string;
  name: string;
  description: string | null;
  /** JSON: which households the template is for. */
  criteria: string;
  /** JSON array of the measures it gives. */
  measures: string;
  status: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TemplateApplicationTable {
  templateId: string;
  householdId: string;
  appliedBy: string;
  appliedAt: string;
}

export interface PlanMeasureTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  /** household (一户一策) | case (个案专策) | category (同类同策) */
  policy: string;
  templateId: string | null;
  kind: string;
  description: string;
  responsibleOrgId: string;
  dueOn: string;
  valueFen: number;
  /** pending_approval → planned → in_progress → done | cancelled; rejected */
  state: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  doneOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ResourceTable {
  id: string;
  jurisdictionId: string;
  orgId: string;
  kind: string;
  title: string;
  description: string | null;
  unit: string;
  quantity: number;
  unitValueFen: number;
  validFrom: string;
  validUntil: string;
  audience: string;
  conditions: string | null;
  status: string;
  /** Places held by sent, accepted and delivered referrals; CHECK reserved <= quantity. */
  reserved: number;
  delivered: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
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

export interface ReturnVisitTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  /** after_help | after_exit | manual */
  reason: string;
  sourceId: string | null;
  dueOn: string;
  assigneeOrgId: string;
  assigneeMemberId: string | null;
  /** due | done | cancelled */
  state: string;
  visitedOn: string | null;
  visitors: string | null;
  /** better | same | worse */
  change: string | null;
  openNeeds: string | null;
  satisfaction: number | null;
  householdWords: string | null;
  relapse: number;
  recordedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Database {
  allianceMember: AllianceMemberTable;
  responsibilityRule: ResponsibilityRuleTable;
  campaign: CampaignTable;
  campaignTarget: CampaignTargetTable;
  household: HouseholdTable;
  householdOrg: HouseholdOrgTable;
  householdMember: HouseholdMemberTable;
  screening: ScreeningTable;
  need: NeedTable;
  mergeCandidate: MergeCandidateTable;
  verification: VerificationTable;
  archiveStandard: ArchiveStandardTable;
  archiveCounter: ArchiveCounterTable;
  archive: ArchiveTable;
  householdEvent: HouseholdEventTable;
  householdToken: HouseholdTokenTable;
  otpCode: OtpCodeTable;
  helpSetting: HelpSettingTable;
  consentEvidence: ConsentEvidenceTable;
  helpRecord: HelpRecordTable;
  evidence: EvidenceTable;
  consent: ConsentTable;
  planTemplate: PlanTemplateTable;
  templateApplication: TemplateApplicationTable;
  planMeasure: PlanMeasureTable;
  resource: ResourceTable;
  referral: ReferralTable;
  returnVisit: ReturnVisitTable;
  organisation: OrganisationTable;
  appUser: AppUserTable;
  userRole: UserRoleTable;
  loginThrottle: LoginThrottleTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  orgAreaLock: OrgAreaLockTable;
  identifierSearchCount: IdentifierSearchCountTable;
}

export type Seq = Generated<number>;
