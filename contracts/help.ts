import { z } from 'zod';
import { Count, Int32, MoneyTotal, Money, RowVersion, int, queryInt } from './numbers';
import { Id, IsoDateTime, PageQuery, pageOf, RequiredText, Text, Version } from './common';
import { DivisionCode } from './organisation';
import { ArchiveState, Category, Cause, DateOnly, Fen, NeedKind, Situation } from './assistance';

/**
 * Love Alliance (S1), part 2: help while screening goes on, plans (一户一策 / 个案专策 /
 * 同类同策), caring-unit resources and referrals with consent, the ledger of help, return visits
 * and the federation's dashboard. Money is integer fen; dates are yyyy-mm-dd (China time).
 */

// ---- vocabularies ----

export const MeasureKind = z.enum([
  'living_subsidy',
  'medical_aid',
  'education_aid',
  'employment_help',
  'skills_training',
  'home_care',
  'psychological_support',
  'legal_aid',
  'goods',
  'coupons',
]);
export type MeasureKind = z.infer<typeof MeasureKind>;
export const MeasurePolicy = z.enum(['household', 'case', 'category']);
export const MeasureState = z.enum([
  'pending_approval',
  'planned',
  'in_progress',
  'done',
  'cancelled',
  'rejected',
]);
export type MeasureState = z.infer<typeof MeasureState>;
export const ResourceKind = z.enum([
  'green_channel',
  'free_screening',
  'coupons',
  'home_care',
  'counselling',
  'money',
  'goods',
  'jobs',
  'other',
]);
export type ResourceKind = z.infer<typeof ResourceKind>;
export const HelpRoute = z.enum(['urgent', 'measure', 'referral', 'upper']);
export type HelpRoute = z.infer<typeof HelpRoute>;
/** What a ledger row gave: a measure kind or a resource kind. */
export const HelpKind = z.union([MeasureKind, ResourceKind]);
export const ReferralState = z.enum(['sent', 'accepted', 'declined', 'withdrawn', 'delivered']);
export type ReferralState = z.infer<typeof ReferralState>;
export const ConsentGivenBy = z.enum(['self', 'guardian']);
export const ConsentMethod = z.enum(['signed_form', 'verbal', 'phone']);
export const VisitReason = z.enum(['after_help', 'after_exit', 'manual']);
export const VisitState = z.enum(['due', 'done', 'cancelled']);
export const VisitChange = z.enum(['better', 'same', 'worse']);

// ---- urgent help, upper-federation aid and the ledger ----

/** 一边摸排、一边解决: urgent help (before or after verification) or aid from the upper federation. */
export const HelpRecordBody = z.strictObject({
  route: z.enum(['urgent', 'upper']),
  kind: HelpKind,
  what: RequiredText(100),
  valueFen: Fen,
  givenOn: DateOnly,
  /** The organisation that gave it; defaults to the recorder's own. */
  givenByOrgId: Id.optional(),
  /** For givers outside the platform (e.g. 宁夏总工会 送温暖); required when route is upper and no org is given. */
  givenByName: Text(60).optional(),
  /** Urgent needs of the household this help solves. */
  solvesNeedIds: z.array(Id).max(20).default([]),
});
export const EvidenceView = z.object({
  id: Id,
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: Count,
  createdAt: IsoDateTime,
});
export const HelpRecordView = z.object({
  id: Id,
  householdId: Id,
  route: HelpRoute,
  sourceId: Id.nullable(),
  kind: z.string(),
  what: z.string(),
  valueFen: Money,
  givenByName: z.string(),
  givenOn: z.string(),
  recordedByName: z.string().nullable(),
  /** Urgent help not yet reconciled with an archive decision. */
  provisional: z.boolean(),
  reconciledAt: IsoDateTime.nullable(),
  reconciledWith: z.string().nullable(),
  evidence: z.array(EvidenceView),
  createdAt: IsoDateTime,
});
export type HelpRecordView = z.infer<typeof HelpRecordView>;
export const LedgerTotals = z.object({
  valueFen: MoneyTotal,
  count: Count,
  byRoute: z.object({
    urgent: MoneyTotal,
    measure: MoneyTotal,
    referral: MoneyTotal,
    upper: MoneyTotal,
  }),
});

// ---- consent ----

export const ConsentBody = z.strictObject({
  orgId: Id,
  /** The member the consent is for; a child under 14 needs a guardian's consent. */
  memberId: Id.optional(),
  givenBy: ConsentGivenBy,
  guardianName: Text(30).optional(),
  method: ConsentMethod,
  givenOn: DateOnly,
  note: Text(200).optional(),
});
export const ConsentView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  memberId: Id.nullable(),
  memberName: z.string().nullable(),
  givenBy: ConsentGivenBy,
  guardianName: z.string().nullable(),
  method: ConsentMethod,
  givenOn: z.string(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  active: z.boolean(),
  revokedAt: IsoDateTime.nullable(),
  revokeReason: z.string().nullable(),
  createdAt: IsoDateTime,
  /**
   * A consent gates a referral only when confirmed: recorded by federation staff, confirmed by
   * them, or carrying its signed form. A partner's record waits (待确认) until then.
   */
  confirmed: z.boolean(),
  confirmedHow: z.enum(['recorded_by_staff', 'staff_confirmed', 'evidence', 'legacy']).nullable(),
  confirmedAt: IsoDateTime.nullable(),
  confirmedByName: z.string().nullable(),
  /** The signed form, when one was uploaded (download: GET /api/consents/{id}/evidence). */
  evidence: z
    .object({ fileName: z.string(), mime: z.string(), sizeBytes: Count, createdAt: IsoDateTime })
    .nullable(),
});
export const ConfirmConsentBody = z.strictObject({ note: Text(200).optional() });
export const RevokeBody = z.strictObject({ reason: RequiredText(200) });

// ---- plans ----

export const MeasureBody = z.strictObject({
  /** 一户一策 takes effect at once; 个案专策 waits for the federation's approval. */
  policy: z.enum(['household', 'case']),
  kind: MeasureKind,
  description: RequiredText(300),
  responsibleOrgId: Id,
  dueOn: DateOnly,
  valueFen: Fen.default(0),
});
export const MeasureView = z.object({
  id: Id,
  householdId: Id,
  headName: z.string(),
  policy: MeasurePolicy,
  templateId: Id.nullable(),
  templateName: z.string().nullable(),
  kind: MeasureKind,
  description: z.string(),
  responsibleOrgId: Id,
  responsibleOrgName: z.string(),
  dueOn: z.string(),
  valueFen: Money,
  state: MeasureState,
  overdue: z.boolean(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  doneOn: z.string().nullable(),
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type MeasureView = z.infer<typeof MeasureView>;
export const MeasurePage = pageOf(MeasureView);
export const MeasureQuery = PageQuery.extend({
  state: MeasureState.optional(),
  policy: MeasurePolicy.optional(),
  responsibleOrgId: Id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
}).strict();
export const MeasureStateBody = z.strictObject({
  version: Version,
  state: z.enum(['in_progress', 'done', 'cancelled']),
  /** When done: the day it was delivered and its actual value (defaults to the planned value). */
  doneOn: DateOnly.optional(),
  valueFen: Fen.optional(),
  note: Text(200).optional(),
});
export const MeasureDecisionBody = z.strictObject({
  version: Version,
  approve: z.boolean(),
  note: Text(200).optional(),
});

// ---- 同类同策 templates ----

export const TemplateCriteria = z.strictObject({
  categories: z.array(Category).max(3).default([]),
  /** Any of these causes. */
  causes: z.array(Cause).max(10).default([]),
  situations: z.array(Situation).max(10).default([]),
  archiveStates: z.array(ArchiveState).max(5).default(['archived', 'reported', 'approved']),
  /**
   * Households in any of these states fit too, with or without an archive: above all
   * 帮扶(未达标准) (assisted_below_standard), verified below the standard and so never archived.
   * A household fits when its archive state is listed OR its own state is (both empty: any).
   */
  householdStates: z
    .array(z.enum(['screened', 'verifying', 'archived', 'assisted_below_standard']))
    .max(4)
    .default([]),
  /** Households with an open need of any of these kinds. */
  needKinds: z.array(NeedKind).max(8).default([]),
  divisionCode: DivisionCode.optional(),
});
export type TemplateCriteria = z.infer<typeof TemplateCriteria>;
export const TemplateMeasure = z.strictObject({
  kind: MeasureKind,
  description: RequiredText(300),
  responsibleOrgId: Id,
  dueInDays: int(1, 365),
  valueFen: Fen.default(0),
});
export const TemplateBody = z.strictObject({
  name: RequiredText(60),
  description: Text(300).optional(),
  criteria: TemplateCriteria,
  measures: z.array(TemplateMeasure).min(1).max(10),
});
export const TemplateUpdateBody = TemplateBody.extend({ version: Version });
export const TemplateView = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  criteria: TemplateCriteria,
  measures: z.array(
    z.object({
      kind: MeasureKind,
      description: z.string(),
      responsibleOrgId: Id,
      responsibleOrgName: z.string(),
      dueInDays: Int32,
      valueFen: Money,
    }),
  ),
  status: z.enum(['active', 'archived']),
  appliedCount: Count,
  createdAt: IsoDateTime,
  version: RowVersion,
});
export const TemplateList = z.object({ items: z.array(TemplateView) });
export const TemplatePreview = z.object({
  matching: Count,
  alreadyApplied: Count,
  toApply: Count,
  /** The first households it would touch (up to 50). */
  households: z.array(
    z.object({
      id: Id,
      headName: z.string(),
      divisionName: z.string(),
      category: Category.nullable(),
      archiveNo: z.string().nullable(),
    }),
  ),
});
export const TemplateApplyResult = z.object({
  applied: Count,
  skipped: Count,
  measuresCreated: Count,
});

// ---- caring-unit resources ----

export const ResourceBody = z.strictObject({
  /** Federation staff may publish on a caring unit's behalf; a caring unit always publishes as itself. */
  orgId: Id.optional(),
  kind: ResourceKind,
  title: RequiredText(60),
  description: Text(500).optional(),
  unit: RequiredText(10),
  quantity: int(1, 10_000_000),
  unitValueFen: Fen,
  validFrom: DateOnly,
  validUntil: DateOnly,
  audience: RequiredText(200),
  conditions: Text(300).optional(),
});
export const ResourceUpdateBody = ResourceBody.omit({ orgId: true }).extend({ version: Version });
export const ResourceView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: ResourceKind,
  title: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  quantity: Count,
  reserved: Count,
  delivered: Count,
  available: Count,
  unitValueFen: Money,
  validFrom: z.string(),
  validUntil: z.string(),
  audience: z.string(),
  conditions: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  /** Past its validity. */
  expired: z.boolean(),
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type ResourceView = z.infer<typeof ResourceView>;
export const ResourcePage = pageOf(ResourceView);
export const ResourceQuery = PageQuery.extend({
  kind: ResourceKind.optional(),
  orgId: Id.optional(),
  status: z.enum(['active', 'withdrawn']).optional(),
  /** Only resources that can still be referred to (active, valid today, places left). */
  available: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(30).optional(),
}).strict();
export const VersionBody = z.strictObject({ version: Version });

// ---- referrals ----

export const ReferralBody = z.strictObject({
  resourceId: Id,
  /** The member who is to receive it; a child under 14 needs a guardian's consent. */
  memberId: Id.optional(),
  quantity: int(1, 10_000).default(1),
  need: RequiredText(300),
  /** Without a recorded consent naming the caring unit, a permitted role may override with a reason. */
  overrideReason: Text(300).optional(),
});
export const ReferralView = z.object({
  id: Id,
  /** Null for the caring unit: it sees only the minimum (name, masked phone, the need). */
  householdId: Id.nullable(),
  headName: z.string(),
  phoneMasked: z.string().nullable(),
  memberName: z.string().nullable(),
  divisionName: z.string().nullable(),
  resourceId: Id,
  resourceTitle: z.string(),
  resourceKind: ResourceKind,
  unit: z.string(),
  orgId: Id,
  orgName: z.string(),
  quantity: Count,
  need: z.string(),
  state: ReferralState,
  consentGivenOn: z.string().nullable(),
  consentGivenBy: ConsentGivenBy.nullable(),
  overrideReason: z.string().nullable(),
  /** Null for the caring unit: who referred the household (e.g. an association) is not its business. */
  referredByName: z.string().nullable(),
  referredOrgName: z.string().nullable(),
  responseNote: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  deliveredValueFen: Money.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: RowVersion,
});
export type ReferralView = z.infer<typeof ReferralView>;
export const ReferralPage = pageOf(ReferralView);
export const ReferralQuery = PageQuery.extend({
  state: ReferralState.optional(),
  resourceId: Id.optional(),
  orgId: Id.optional(),
}).strict();
export const ReferralNoteBody = z.strictObject({ version: Version, note: Text(300).optional() });
export const ReferralReasonBody = z.strictObject({ version: Version, reason: RequiredText(300) });
export const DeliverBody = z.strictObject({
  version: Version,
  deliveredOn: DateOnly,
  /** Defaults to quantity × the resource's unit value. */
  valueFen: Fen.optional(),
  note: Text(300).optional(),
});

// ---- return visits ----

export const VisitView = z.object({
  id: Id,
  householdId: Id,
  headName: z.string(),
  phoneMasked: z.string().nullable(),
  divisionName: z.string(),
  reason: VisitReason,
  dueOn: z.string(),
  overdue: z.boolean(),
  assigneeOrgId: Id,
  assigneeOrgName: z.string(),
  assigneeMemberId: Id.nullable(),
  assigneeMemberName: z.string().nullable(),
  state: VisitState,
  visitedOn: z.string().nullable(),
  visitors: z.string().nullable(),
  change: VisitChange.nullable(),
  openNeeds: z.string().nullable(),
  satisfaction: Int32.nullable(),
  householdWords: z.string().nullable(),
  /** A worse visit after an exit: the case may need reopening. */
  relapse: z.boolean(),
  archiveId: Id.nullable(),
  archiveState: ArchiveState.nullable(),
  archiveVersion: RowVersion.nullable(),
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type VisitView = z.infer<typeof VisitView>;
export const VisitPage = pageOf(VisitView);
export const VisitQuery = PageQuery.extend({
  state: VisitState.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  assigneeOrgId: Id.optional(),
  assigneeMemberId: Id.optional(),
}).strict();
export const ScheduleVisitBody = z.strictObject({
  dueOn: DateOnly,
  assigneeOrgId: Id.optional(),
  assigneeMemberId: Id.optional(),
});
export const AssignVisitBody = z.strictObject({
  version: Version,
  assigneeOrgId: Id.optional(),
  assigneeMemberId: Id.nullable().optional(),
  dueOn: DateOnly.optional(),
});
export const RecordVisitBody = z.strictObject({
  version: Version,
  visitedOn: DateOnly,
  visitors: RequiredText(100),
  change: VisitChange,
  openNeeds: Text(500).optional(),
  satisfaction: int(1, 5),
  householdWords: Text(500).optional(),
});
export const VisitWorklist = z.object({
  byOrg: z.array(z.object({ orgId: Id, orgName: z.string(), due: Count, overdue: Count })),
  byMember: z.array(
    z.object({
      memberId: Id,
      memberName: z.string(),
      orgName: z.string(),
      due: Count,
      overdue: Count,
    }),
  ),
});
export const HelpSettings = z.object({
  visitAfterHelpDays: int(1, 365),
  visitAfterExitDays: int(1, 730),
});
export const HelpSettingsBody = HelpSettings.strict();

/** Reopening an exited archive after a relapse. */
export const ReopenArchiveBody = z.strictObject({ version: Version, reason: RequiredText(300) });

/**
 * The organisations a help form may name (responsible organisation, giver, consent recipient,
 * visit assignee): the active organisations of the actor's jurisdiction, and the federations
 * above it (upper-federation aid). Names only — partners see no other organisation's details.
 */
export const HelpOrgList = z.object({
  items: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: z.string(),
      /** A federation above the jurisdiction (only a giver of upper-federation aid). */
      upper: z.boolean(),
    }),
  ),
});

// ---- a household's help, on one page ----

export const HouseholdHelp = z.object({
  ledger: z.array(HelpRecordView),
  totals: LedgerTotals,
  measures: z.array(MeasureView),
  referrals: z.array(ReferralView),
  consents: z.array(ConsentView),
  visits: z.array(VisitView),
});
export type HouseholdHelp = z.infer<typeof HouseholdHelp>;

// ---- dashboard ----

export const DashboardQuery = z.strictObject({
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  divisionCode: DivisionCode.optional(),
  orgId: Id.optional(),
  campaignId: Id.optional(),
});
export const FunnelStage = z.enum(['screened', 'verified', 'archived', 'reported', 'approved']);
export const Dashboard = z.object({
  /** federation: the whole jurisdiction; caring_unit: only what this unit gave, without personal data. */
  scope: z.enum(['federation', 'caring_unit']),
  screening: z
    .object({
      byPartnerMethod: z.array(
        z.object({ orgId: Id, orgName: z.string(), method: z.string(), households: Count }),
      ),
      byWeek: z.array(z.object({ week: z.string(), method: z.string(), households: Count })),
    })
    .nullable(),
  funnel: z.array(z.object({ stage: FunnelStage, households: Count })).nullable(),
  archivesByCategory: z.array(z.object({ category: Category, households: Count })).nullable(),
  urgentNeeds: z.object({ open: Count, solved: Count }).nullable(),
  resources: z.array(
    z.object({
      resourceId: Id,
      orgId: Id,
      orgName: z.string(),
      title: z.string(),
      unit: z.string(),
      quantity: Count,
      reserved: Count,
      delivered: Count,
      households: Count,
      valueFen: MoneyTotal,
    }),
  ),
  valueByRoute: z.array(
    z.object({
      route: HelpRoute,
      valueFen: MoneyTotal,
      households: Count,
      records: Count,
    }),
  ),
  visits: z.object({ due: Count, overdue: Count, done: Count }).nullable(),
  outOfDifficulty: z.array(z.object({ exitKind: z.string(), households: Count })).nullable(),
  /**
   * 上报 → 退回: of the funnel's households, how many archives were ever reported and how many the
   * region has returned and that wait to be corrected (drill: metric=funnel&key=returned).
   */
  archivesReturned: z.object({ reported: Count, returned: Count }).nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
export const DrillMetric = z.enum([
  'screened',
  'funnel',
  'category',
  'urgent',
  'resource',
  'route',
  'visits',
  'exited',
]);
export type DrillMetric = z.infer<typeof DrillMetric>;
/**
 * The list behind one number. `key` names the slice: screened → `orgId:method` (either part may
 * be empty), funnel → stage (or `returned`: archives the region returned), category → category, urgent → open|solved, resource → resourceId,
 * route → route, visits → due|overdue|done, exited → exit kind.
 */
export const DrillQuery = DashboardQuery.extend({
  metric: DrillMetric,
  key: z.string().trim().max(80).default(''),
  page: queryInt(1, 100000).default(1),
  pageSize: queryInt(1, 200).default(20),
}).strict();
export const DrillRow = z.object({
  householdId: Id,
  headName: z.string(),
  phoneMasked: z.string().nullable(),
  divisionName: z.string(),
  detail: z.string(),
  date: z.string().nullable(),
  valueFen: MoneyTotal.nullable(),
});
export const DrillPage = pageOf(DrillRow);
export const DashboardChart = z.enum([
  'screening',
  'funnel',
  'category',
  'urgent',
  'resources',
  'routes',
  'visits',
  'exited',
]);
export const DashboardExportQuery = DashboardQuery.extend({ chart: DashboardChart.optional() }).strict();
