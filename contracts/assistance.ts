import { z } from 'zod';
import { Count, Int32, Money, RowVersion, Year, int, queryInt } from './numbers';
import { BodyPage, Id, IsoDateTime, PageQuery, RequiredText, Text, Version, pageOf } from './common';
import { DivisionCode } from './organisation';

/** Love Alliance (S1): the words users look for on screen are in assistance-labels.ts. */

/**
 * The Love Alliance's actions (screening to archive, then help and follow-up); the policy rows
 * that grant them are in server/modules/assistance/policy.ts.
 */
export const ASSISTANCE_ACTIONS = [
  'alliance.read',
  'alliance.plan_read',
  'alliance.manage',
  'screening.create',
  'household.read',
  'household.reveal',
  // Finding households by an ID number or a phone (a POST body): audited and limited per user.
  'household.search_identifier',
  'household.manage',
  'archive.manage',
  'archive.review',
  'standard.manage',
  // Part 2: help, plans, caring units, referrals, return visits, dashboard
  'help.manage',
  'plan.approve',
  'plan.template',
  'resource.read',
  'resource.manage',
  'referral.read',
  'referral.respond',
  'referral.override',
  // The second person who confirms a partner's recorded consent (item 13 of issue 9).
  'consent.confirm',
  'dashboard.read',
  'dashboard.drill',
] as const;
export type AssistanceAction = (typeof ASSISTANCE_ACTIONS)[number];

export const Situation = z.enum([
  'union_unit_employee',
  'social_org_employee',
  'migrant_worker',
  'flexible_employment',
  'special_group',
  'unemployed',
  'other',
]);
export type Situation = z.infer<typeof Situation>;

export const PartnerKind = z.enum(['union', 'social_work', 'volunteer', 'association']);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const ScreeningMethod = z.enum(['home_visit', 'phone_survey', 'street_visit', 'self_report']);
export const NeedKind = z.enum([
  'medical',
  'education',
  'living',
  'employment',
  'care',
  'psychological',
  'legal',
  'housing',
]);
export const Urgency = z.enum(['urgent', 'normal']);
export const Cause = z.enum([
  'no_capacity',
  'unemployed_able',
  'laid_off',
  'no_social_insurance',
  'insurance_unpaid',
  'serious_illness',
  'natural_disaster',
  'accident',
  'schooling',
  'other',
]);
export type Cause = z.infer<typeof Cause>;
export const HouseholdState = z.enum([
  /** A worker's own request (no account) that no person has accepted yet (职工自助申请，未核实). */
  'unverified',
  'screened',
  'verifying',
  'archived',
  'assisted_below_standard',
  'closed',
  'merged',
]);
export type HouseholdState = z.infer<typeof HouseholdState>;
export const ArchiveState = z.enum(['archived', 'reported', 'approved', 'returned', 'exited']);
export const Category = z.enum(['deep', 'relative', 'accident']);
export type Category = z.infer<typeof Category>;
export const Relation = z.enum(['spouse', 'child', 'parent', 'sibling', 'grandchild', 'other']);

/** Money is integer fen (分) everywhere; the pages convert from yuan. */
export const Fen = Money;
export const DateOnly = z.iso.date();

const IdNumberText = z.string().trim().max(20);
const PhoneText = z.string().trim().max(20);

export const MemberInput = z.strictObject({
  relation: Relation,
  name: RequiredText(30),
  idNumber: IdNumberText.optional(),
  age: int(0, 120).optional(),
  school: Text(60).optional(),
  health: Text(100).optional(),
  work: Text(60).optional(),
  monthlyIncomeFen: Fen.optional(),
});

export const NeedInput = z.strictObject({
  kind: NeedKind,
  urgency: Urgency,
  description: RequiredText(300),
});

/** The idempotency key a phone makes once per form (its offline queue's item id). */
export const ClientRef = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a valid reference');

/** A complete screening, as submitted from the phone page, the desktop form or an import row. */
export const ScreeningForm = z.strictObject({
  method: ScreeningMethod,
  screenedOn: DateOnly,
  campaignId: Id.optional(),
  headName: RequiredText(30),
  idNumber: IdNumberText.optional(),
  phone: PhoneText.optional(),
  situation: Situation,
  divisionCode: DivisionCode,
  addressDetail: RequiredText(120),
  householdSize: int(1, 30),
  annualIncomeFen: Fen,
  rigidExpenseFen: Fen,
  causes: z.array(Cause).max(4).default([]),
  suddenEvent: Text(200).optional(),
  members: z.array(MemberInput).max(20).default([]),
  needs: z.array(NeedInput).max(20).default([]),
  leads: Text(2000).optional(),
});
export type ScreeningForm = z.infer<typeof ScreeningForm>;

export const SubmitScreeningBody = z.strictObject({
  form: ScreeningForm,
  /** Set by the client once per form: a retried submission returns the first result. */
  clientRef: ClientRef.optional(),
  draftId: Id.optional(),
  /**
   * A return visit to a household the phone fetched (`GET /api/households/:id/revisit`): the
   * screening belongs to that household, and is refused (409 `screening.household_changed`, with
   * the household as it is now) when the household changed since that version — never applied
   * over someone else's change.
   */
  revisit: z.strictObject({ householdId: Id, version: Version }).optional(),
});

/** A draft takes whatever the screener has so far; it is validated in full only on submit. */
export const DraftBody = z.strictObject({
  form: ScreeningForm.partial().extend({
    members: z.array(MemberInput.partial()).max(20).optional(),
    needs: z.array(NeedInput.partial()).max(20).optional(),
  }),
});
export const UpdateDraftBody = DraftBody.extend({ version: Version });
export const Draft = z.object({
  id: Id,
  form: z.record(z.string(), z.unknown()),
  updatedAt: IsoDateTime,
  version: RowVersion,
});
export const DraftList = z.object({ items: z.array(Draft) });

export const SubmitResult = z.object({
  screeningId: Id,
  householdId: Id,
  /**
   * How the household was found: a new one, the same ID number, the same phone and name, or the
   * household the return visit named.
   */
  match: z.enum(['new', 'id_number', 'phone_name', 'revisit']),
  nearMatches: Count,
  responsibleOrgId: Id.nullable(),
  responsibleOrgName: z.string().nullable(),
});

export const HouseholdSummary = z.object({
  id: Id,
  headName: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  addressDetail: z.string(),
  situation: Situation,
  state: HouseholdState,
  category: Category.nullable(),
  archiveNo: z.string().nullable(),
  archiveState: ArchiveState.nullable(),
  responsibleOrgName: z.string().nullable(),
  householdSize: Count,
  urgentOpen: Count,
  screenings: Count,
  lastScreenedOn: z.string(),
});
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;
export const HouseholdPage = pageOf(HouseholdSummary);

/** Search goes in a POST body: ID numbers and phones never travel in a URL. */
export const HouseholdQuery = BodyPage.extend({
  q: z.string().trim().max(50).optional(),
  idNumber: IdNumberText.optional(),
  phone: PhoneText.optional(),
  archiveNo: z.string().trim().max(40).optional(),
  state: HouseholdState.optional(),
  category: Category.optional(),
  orgId: Id.optional(),
  campaignId: Id.optional(),
  divisionCode: DivisionCode.optional(),
  urgentOnly: z.boolean().optional(),
  sort: z.enum(['lastScreenedOn', 'headName', 'state']).default('lastScreenedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
}).strict();

/**
 * What the households list may keep in its URL: only the filters that name no person (state,
 * category, organisation, campaign, area, urgent, sort) and the paging, as query text. The words,
 * ID number, phone and archive number of a search stay in the page and travel only in the
 * `HouseholdQuery` body.
 */
export const HouseholdUrlFilters = PageQuery.extend({
  state: HouseholdState.optional(),
  category: Category.optional(),
  orgId: Id.optional(),
  campaignId: Id.optional(),
  divisionCode: DivisionCode.optional(),
  urgentOnly: z.enum(['true', 'false']).optional(),
  sort: HouseholdQuery.shape.sort,
  order: HouseholdQuery.shape.order,
}).strict();

export const Member = z.object({
  id: Id,
  relation: Relation,
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  age: Count.nullable(),
  school: z.string().nullable(),
  health: z.string().nullable(),
  work: z.string().nullable(),
  monthlyIncomeFen: Money.nullable(),
});
export const Need = z.object({
  id: Id,
  kind: NeedKind,
  urgency: Urgency,
  description: z.string(),
  status: z.enum(['open', 'solved']),
  createdAt: IsoDateTime,
  /** `self_report`: told by the worker with no account (来自职工自助申请). */
  source: z.enum(['screening', 'self_report']),
  /** A self-reported need no person has accepted yet (未核实). */
  unverified: z.boolean(),
});
export const ScreeningView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  screenerName: z.string(),
  method: ScreeningMethod,
  screenedOn: z.string(),
  match: z.string().nullable(),
  /** Notes are shown only to the screening organisation and the federation. */
  leads: z.string().nullable(),
  /** True when the note belongs to another partner and is withheld (null leads then mean "hidden", not "none"). */
  leadsHidden: z.boolean(),
});
export const TimelineEvent = z.object({
  at: IsoDateTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export const Verification = z.object({
  id: Id,
  verifiedOn: z.string(),
  homeVisit: z.boolean(),
  documents: z.array(z.string()),
  incomeConsent: z.boolean(),
  exclusions: z.array(z.string()),
  migrantQualified: z.boolean().nullable(),
  result: z.enum(['confirmed', 'not_in_difficulty', 'unreachable']),
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  noticeResult: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: IsoDateTime,
});

export const Assessment = z.object({
  year: Int32,
  standardId: Id.nullable(),
  minLivingFen: Money,
  relativeLimitFen: Money,
  perCapitaMonthlyFen: Money,
  eligible: z.boolean(),
  category: Category.nullable(),
  tier: z.enum(['provincial', 'city']).nullable(),
  rule: z.string(),
  /** Step by step, in the order the standard applies them: the numbers and the rule that matched. */
  steps: z.array(z.object({ zh: z.string(), en: z.string() })),
  exclusions: z.array(z.string()),
});
export type Assessment = z.infer<typeof Assessment>;

export const ArchiveView = z.object({
  id: Id,
  householdId: Id,
  archiveNo: z.string(),
  year: Int32,
  category: Category,
  tier: z.string(),
  primaryCause: Cause,
  secondaryCauses: z.array(Cause),
  perCapitaFen: Money,
  explanation: Assessment,
  state: ArchiveState,
  reportedToName: z.string().nullable(),
  reportedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  returnReason: z.string().nullable(),
  exitKind: z.string().nullable(),
  exitReason: z.string().nullable(),
  reviewDueOn: z.string(),
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type ArchiveView = z.infer<typeof ArchiveView>;

export const HouseholdDetail = HouseholdSummary.extend({
  jurisdictionId: Id,
  annualIncomeFen: Money,
  rigidExpenseFen: Money,
  causes: z.array(Cause),
  suddenEvent: z.string().nullable(),
  closeReason: z.string().nullable(),
  members: z.array(Member),
  needs: z.array(Need),
  screeningList: z.array(ScreeningView),
  verifications: z.array(Verification),
  archive: ArchiveView.nullable(),
  timeline: z.array(TimelineEvent),
  canReveal: z.boolean(),
  version: RowVersion,
});
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;

/**
 * A household as a return visit's form starts from (and as a stale visit's conflict shows it):
 * the screening form's fields, identifiers masked, and the version the visit is based on.
 */
export const RevisitHousehold = z.object({
  id: Id,
  version: RowVersion,
  state: HouseholdState,
  headName: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  situation: Situation,
  divisionCode: z.string(),
  divisionName: z.string(),
  addressDetail: z.string(),
  householdSize: Count,
  annualIncomeFen: Money,
  rigidExpenseFen: Money,
  causes: z.array(Cause),
  suddenEvent: z.string().nullable(),
  members: z.array(
    z.object({
      relation: Relation,
      name: z.string(),
      age: Count.nullable(),
      school: z.string().nullable(),
      health: z.string().nullable(),
      work: z.string().nullable(),
      monthlyIncomeFen: Money.nullable(),
    }),
  ),
  lastScreenedOn: z.string(),
});
export type RevisitHousehold = z.infer<typeof RevisitHousehold>;

export const RevealBody = z.strictObject({
  field: z.enum(['idNumber', 'phone', 'memberIdNumber']),
  memberId: Id.optional(),
  reason: RequiredText(200),
});
export const Revealed = z.object({ value: z.string() });

export const Exclusion = z.enum(['two_homes', 'business_owner', 'private_school']);

export const VerifyBody = z.strictObject({
  version: Version,
  verifiedOn: DateOnly,
  homeVisit: z.boolean(),
  documents: z
    .array(
      z.enum([
        'id_card',
        'household_register',
        'income_proof',
        'medical_records',
        'disability_card',
        'other',
      ]),
    )
    .max(6),
  incomeConsent: z.boolean(),
  result: z.enum(['confirmed', 'not_in_difficulty', 'unreachable']),
  noticeStart: DateOnly.optional(),
  noticeEnd: DateOnly.optional(),
  noticeResult: Text(200).optional(),
  notes: Text(1000).optional(),
  /** Corrections found on the visit replace the screened figures. */
  householdSize: int(1, 30).optional(),
  annualIncomeFen: Fen.optional(),
  rigidExpenseFen: Fen.optional(),
  exclusions: z.array(Exclusion).max(3).optional(),
  /** Migrant workers only: long-term resident, union member, a year of (de facto) employment. */
  migrantQualified: z.boolean().optional(),
  suddenEvent: Text(200).optional(),
});

export const EstablishArchiveBody = z.strictObject({
  version: Version,
  primaryCause: Cause,
  secondaryCauses: z.array(Cause).max(3).default([]),
});
export const ReasonBody = z.strictObject({ version: Version, reason: RequiredText(300) });
export const ArchiveFixBody = z.strictObject({
  version: Version,
  primaryCause: Cause.optional(),
  secondaryCauses: z.array(Cause).max(3).optional(),
});
export const ExitArchiveBody = z.strictObject({
  version: Version,
  kind: z.enum(['out_of_difficulty', 'cancelled']),
  reason: RequiredText(300),
});
export const ArchiveListQuery = PageQuery.extend({
  state: ArchiveState.optional(),
  reviewDue: z.enum(['true', 'false']).optional(),
}).strict();
export const ArchiveSummary = z.object({
  id: Id,
  householdId: Id,
  archiveNo: z.string(),
  headName: z.string(),
  category: Category,
  state: ArchiveState,
  jurisdictionName: z.string(),
  reportedAt: IsoDateTime.nullable(),
  reviewDueOn: z.string(),
  version: RowVersion,
});
export const ArchivePage = pageOf(ArchiveSummary);
export const ArchiveDetail = z.object({ archive: ArchiveView, household: HouseholdSummary });

export const Standard = z.object({
  id: Id,
  year: Int32,
  minLivingFen: Money,
  relativeMultiplierPct: Int32,
  accidentDropPct: Int32,
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateTime,
  current: z.boolean(),
});
export const StandardList = z.object({ items: z.array(Standard) });
export const StandardQuery = z.strictObject({ year: queryInt(2000, 2100).optional() });
export const StandardBody = z.strictObject({
  year: Year,
  minLivingFen: int(1, 10_000_00),
  relativeMultiplierPct: int(100, 500),
  accidentDropPct: int(1, 100),
  note: Text(300).optional(),
});

export const MergeCandidateView = z.object({
  id: Id,
  reason: z.string(),
  status: z.enum(['pending', 'merged', 'kept_apart']),
  a: HouseholdSummary,
  b: HouseholdSummary,
  createdAt: IsoDateTime,
});
export type MergeCandidateView = z.infer<typeof MergeCandidateView>;
export const MergeCandidateList = z.object({ items: z.array(MergeCandidateView) });
export const MergeBody = z.strictObject({ keep: z.enum(['a', 'b']) });
export const StatusQuery = z.strictObject({
  status: z.enum(['pending', 'merged', 'kept_apart']).default('pending'),
});

export const AllianceMember = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  username: z.string().nullable(),
  status: z.enum(['active', 'left']),
  joinedOn: z.string(),
  version: RowVersion,
});
export const AllianceMemberPage = pageOf(AllianceMember);
export const AllianceMemberQuery = PageQuery.extend({
  orgId: Id.optional(),
  q: z.string().trim().max(30).optional(),
}).strict();
export const AllianceMemberBody = z.strictObject({
  orgId: Id,
  name: RequiredText(30),
  title: Text(30).optional(),
  phone: PhoneText.optional(),
  joinedOn: DateOnly,
});
export const AllianceSummary = z.object({
  partners: z.array(z.object({ orgId: Id, orgName: z.string(), kind: z.string(), members: Count })),
  totalMembers: Count,
});

export const ResponsibilityRule = z.object({ situation: Situation, partnerKind: PartnerKind });
export const ResponsibilityTable = z.object({ items: z.array(ResponsibilityRule) });
export const ResponsibilityBody = z.strictObject({
  items: z
    .array(z.strictObject({ situation: Situation, partnerKind: PartnerKind }))
    .min(1)
    .max(7),
});

export const CampaignBody = z.strictObject({
  name: RequiredText(60),
  startsOn: DateOnly,
  endsOn: DateOnly,
  areas: z.array(DivisionCode).max(50).default([]),
  targets: z
    .array(z.strictObject({ orgId: Id, target: int(0, 1_000_000) }))
    .max(200)
    .default([]),
});
export const Campaign = z.object({
  id: Id,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  areas: z.array(z.string()),
  targets: z.array(z.object({ orgId: Id, orgName: z.string(), target: Count })),
  version: RowVersion,
});
export const CampaignList = z.object({ items: z.array(Campaign) });
export const Coverage = z.object({
  campaignId: Id,
  total: Count,
  target: Count,
  byPartner: z.array(
    z.object({
      orgId: Id,
      orgName: z.string(),
      target: Count,
      screened: Count,
      byMethod: z.record(z.string(), Count),
    }),
  ),
  byArea: z.array(z.object({ divisionCode: z.string(), divisionName: z.string(), screened: Count })),
  byWeek: z.array(z.object({ week: z.string(), screened: Count })),
});

// ---- the worker's own phone page (no account) ----

export const OtpBody = z.strictObject({ phone: PhoneText });
export const OtpSent = z.object({ sent: z.literal(true), expiresInSeconds: Int32 });

/** What a worker tells about themselves: the screening form without the screener's fields. */
export const SelfReportForm = ScreeningForm.omit({
  method: true,
  screenedOn: true,
  campaignId: true,
  leads: true,
}).extend({
  /** In the worker's own words. */
  story: Text(1000).optional(),
});
export const SelfReportBody = z.strictObject({
  phone: PhoneText,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
  form: SelfReportForm,
  /** Made once per request on the phone: a retry (the answer was lost) returns the first reference. */
  clientRef: ClientRef.optional(),
});
/** The same words whoever the request is about: nothing about existing records. */
export const SelfReportResult = z.object({
  reference: z.string(),
  received: z.literal(true),
});
export const StatusBody = z.strictObject({
  phone: PhoneText,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
});
/** The requests this phone sent, and whether a person has taken each up; never a household's state. */
export const PublicStatus = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      headNameMasked: z.string(),
      submittedOn: z.string(),
      state: z.enum(['received', 'reviewed']),
    }),
  ),
});
export const SelfTestBody = z.strictObject({
  divisionCode: DivisionCode,
  householdSize: int(1, 30),
  annualIncomeFen: Fen,
  rigidExpenseFen: Fen,
  suddenEvent: Text(200).optional(),
  previousAnnualIncomeFen: Fen.optional(),
});

// ---- Excel import of screenings, export of household lists ----

export const ImportRowIssue = z.object({ row: Count, column: z.string(), message: z.string() });
export const ImportStarted = z.object({ jobId: Id });
export const ImportJob = z.object({
  id: Id,
  state: z.enum(['parsing', 'writing', 'done', 'failed']),
  total: Count,
  done: Count,
  errors: z.array(ImportRowIssue),
  moreErrors: Count,
  imported: Count,
  alreadyImported: Count,
  message: z.string().nullable(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
/** The list's filters without paging; in a POST body, so ID numbers and phones never sit in a URL. */
export const HouseholdExportBody = HouseholdQuery.omit({ page: true, pageSize: true });

/**
 * The problem codes the Love Alliance answers with (screening to archive, help and follow-up).
 */
export const ASSISTANCE_ERROR_CODES = [
  'alliance.bad_org',
  'alliance.bad_phone',
  'alliance.duplicate_situation',
  'alliance.member_already_active',
  'alliance.member_already_left',
  'alliance.member_stale',
  'alliance.org_inactive',
  'alliance.org_unknown',
  'alliance_member.not_found',
  'archive.bad_causes',
  'archive.no_standard',
  'archive.no_upper',
  'archive.not_eligible',
  'archive.not_for_upper',
  'archive.not_found',
  'archive.not_verified',
  'archive.stale',
  'archive.wrong_state',
  'campaign.bad_area',
  'campaign.bad_period',
  'campaign.bad_target',
  'campaign.duplicate_target',
  'campaign.not_found',
  'campaign.stale',
  'consent.already_confirmed',
  'consent.already_revoked',
  'consent.bad_org',
  'consent.evidence_exists',
  'consent.future_date',
  'consent.guardian_name_required',
  'consent.guardian_name_unexpected',
  'consent.guardian_required',
  'consent.member_unknown',
  'consent.not_found',
  'consent_evidence.not_found',
  'dashboard.bad_key',
  'dashboard.bad_period',
  'dashboard.chart_unavailable',
  'draft.not_found',
  'draft.stale',
  'evidence.bad_file_name',
  'evidence.empty',
  'evidence.file_name_required',
  'evidence.not_found',
  'evidence.too_large',
  'evidence.too_many',
  'evidence.type_mismatch',
  'evidence.unsupported_type',
  'export.empty',
  'export.too_large',
  'help.future_date',
  'help.giver_required',
  'help.unknown_need',
  'help.unknown_org',
  'help_record.not_found',
  'household.bad_id_number',
  'household.bad_notice_period',
  'household.bad_phone',
  'household.member_required',
  'household.member_unknown',
  'household.not_found',
  'household.nothing_to_reveal',
  'household.same_id_number',
  'household.search_identifier_forbidden',
  'household.search_limited',
  'household.stale',
  'household.wrong_state',
  'import.bad_file',
  'import.busy',
  'import.not_found',
  'measure.done_only',
  'measure.future_date',
  'measure.not_found',
  'measure.stale',
  'measure.wrong_state',
  'merge.decided',
  'merge.different_id',
  'merge.gone',
  'merge.keep_archived',
  'merge.keep_verified',
  'merge_candidate.not_found',
  'otp.bad_phone',
  'otp.invalid',
  'otp.rate_limited',
  'otp.too_soon',
  'plan.org_inactive',
  'plan.unknown_org',
  'referral.consent_required',
  'referral.bad_delivered_on',
  'referral.duplicate',
  'referral.future_delivery',
  'referral.member_unknown',
  'referral.not_found',
  'referral.resource_unknown',
  'referral.stale',
  'referral.value_too_large',
  'referral.wrong_state',
  'request.unsupported_media_type',
  'resource.bad_org',
  'resource.bad_validity',
  'resource.below_reserved',
  'resource.exhausted',
  'resource.expired',
  'resource.not_found',
  'resource.not_yet_valid',
  'resource.org_required',
  'resource.stale',
  'resource.withdrawn',
  'screening.campaign_unknown',
  'screening.invalid',
  'screening.household_changed',
  'self_report.no_federation',
  'template.archived',
  'template.not_found',
  'template.org_inactive',
  'template.stale',
  'template.unknown_division',
  'visit.already_due',
  'visit.assignee_unknown',
  'visit.bad_assignee',
  'visit.bad_member',
  'visit.future_date',
  'visit.member_without_org',
  'visit.not_found',
  'visit.past_due',
  'visit.stale',
  'visit.wrong_state',
] as const;
