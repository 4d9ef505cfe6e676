import { z } from 'zod';
import { Id, IsoDateTime, pageOf, PageQuery, RequiredText, Text } from './common';
import { Count, int, Int32, RowVersion, Version, Year } from './numbers';

/**
 * The public role-model vote (S7b): campaigns, nominations, expert review, candidates and the
 * result. Ballots, tallies and the fraud review are in ./vote-ballots (re-exported below).
 */

export const VOTE_ACTIONS = [
  'vote.campaign.read',
  'vote.campaign.create',
  'vote.campaign.update',
  'vote.campaign.advance',
  'vote.nominate',
  'vote.review',
  'vote.expert.assign',
  'vote.score',
  'vote.shortlist',
  'vote.result.read',
  'vote.result.compute',
  'vote.result.publish',
  'vote.result.export',
  'vote.objection.answer',
  // The ballots' side (helper B): tallies per day and region, recounts; the fraud review.
  'vote.tally',
  'vote.integrity',
  // A nominating unit answers a flag on its candidate (helper B's appeals).
  'vote.appeal',
] as const;
export type VoteAction = (typeof VOTE_ACTIONS)[number];

export const VOTE_ERROR_CODES = [
  'vote_campaign.not_found',
  'vote_nomination.not_found',
  'vote_candidate.not_found',
  'vote_objection.not_found',
  'vote.stale',
  'vote.rules_frozen',
  'vote.bad_timeline',
  'vote.bad_formula',
  'vote.bad_org',
  'vote.bad_state',
  'vote.step_not_allowed',
  'vote.nomination_closed',
  'vote.source_not_allowed',
  'vote.duplicate_nominee',
  'vote.file_type',
  'vote.file_too_large',
  'vote.file_name',
  'vote.file_missing',
  'vote.too_many_files',
  'vote.not_expert',
  'vote.conflict_declared',
  'vote.score_criteria',
  'vote.not_scoring',
  'vote.shortlist_pick',
  'vote.no_result',
  'vote.result_published',
  'vote.objection_closed',
  'vote.reason_required',
] as const;

export const CAMPAIGN_KINDS = ['model_worker', 'craftsman', 'other'] as const;
export const CampaignKind = z.enum(CAMPAIGN_KINDS);

export const CAMPAIGN_STATES = [
  'draft',
  'nominating',
  'reviewing',
  'displaying',
  'voting',
  'expert_review',
  'result_notice',
  'final',
  'cancelled',
] as const;
export const CampaignState = z.enum(CAMPAIGN_STATES);
export type CampaignState = z.infer<typeof CampaignState>;

export const VOTER_TIERS = ['member', 'public'] as const;
export const VoterTier = z.enum(VOTER_TIERS);

/** 计票规则: how public votes count and how they combine with the experts' scores (frozen at voting). */
export const CampaignFormula = z.strictObject({
  /** Percent of the combined score from public votes; with expertWeight, sums to 100. */
  publicWeight: int(0, 100),
  expertWeight: int(0, 100),
  /** max: votes / top candidate's votes × 100; share: votes / all votes × 100. */
  normalisation: z.enum(['max', 'share']),
});
export type CampaignFormula = z.infer<typeof CampaignFormula>;

export const CampaignRules = z.strictObject({
  /** Votes one person may give one candidate per (Asia/Shanghai) day. */
  votesPerCandidatePerDay: int(1, 1).default(1),
  /** How many different candidates one person may vote for per day. */
  candidatesPerDay: int(1, 500),
  /** Likes (点赞) one person may give per day, over all candidates. */
  likesPerDay: int(0, 1000),
  /** Which identity tiers count: members on the roll only, or the public too. */
  tiersCounted: z.array(VoterTier).min(1).max(2),
  /** live: running totals shown; hidden: no per-candidate total anywhere until the result. */
  showTotals: z.enum(['live', 'hidden']),
  formula: CampaignFormula,
  /** Candidates = ceil(shortlistFactor × finalCount), in tenths (12 = 1.2×). */
  shortlistFactorTenths: int(10, 50),
  /** 命名: how many are named in the final list. */
  finalCount: int(1, 500),
  /** 提名: how many more are nominated (named + nominated = the final list). */
  nominatedCount: int(0, 500),
  allowOnlineRecommendation: z.boolean(),
  allowSelfNomination: z.boolean(),
  /** The published rule: a candidate whose fraud is confirmed scores zero (福州's rule). */
  zeroOnConfirmedFraud: z.boolean(),
});
export type CampaignRules = z.infer<typeof CampaignRules>;

/** An instant with its offset (2023-05-01T00:00:00+08:00). */
const Instant = z.iso.datetime({ offset: true });

/** The timeline, as ISO instants; each step no earlier than the one before. */
export const CampaignTimeline = z.strictObject({
  nominationOpens: Instant,
  nominationCloses: Instant,
  reviewCloses: Instant,
  votingOpens: Instant,
  votingCloses: Instant,
  expertReviewCloses: Instant,
  noticeOpens: Instant,
  noticeCloses: Instant,
});
export type CampaignTimeline = z.infer<typeof CampaignTimeline>;
export const TIMELINE_STEPS = [
  'nominationOpens',
  'nominationCloses',
  'reviewCloses',
  'votingOpens',
  'votingCloses',
  'expertReviewCloses',
  'noticeOpens',
  'noticeCloses',
] as const satisfies readonly (keyof CampaignTimeline)[];

export const CampaignBody = z.strictObject({
  /** The organising federation (e.g. 山西省总工会). */
  orgId: Id,
  coOrganisers: z.array(RequiredText(80)).max(10).default([]),
  kind: CampaignKind,
  title: RequiredText(120),
  year: Year,
  summary: Text(4000).default(''),
  timeline: CampaignTimeline,
  rules: CampaignRules,
});
export type CampaignBody = z.infer<typeof CampaignBody>;

export const CampaignUpdateBody = z.strictObject({
  version: Version,
  coOrganisers: z.array(RequiredText(80)).max(10).optional(),
  title: RequiredText(120).optional(),
  summary: Text(4000).optional(),
  timeline: CampaignTimeline.optional(),
  rules: CampaignRules.optional(),
});
export type CampaignUpdateBody = z.infer<typeof CampaignUpdateBody>;

export const CampaignAdvanceBody = z.strictObject({
  version: Version,
  to: CampaignState,
  reason: Text(500).optional(),
});

export const CampaignView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  coOrganisers: z.array(z.string()),
  kind: CampaignKind,
  title: z.string(),
  year: Year,
  summary: z.string(),
  state: CampaignState,
  timeline: CampaignTimeline,
  rules: CampaignRules,
  rulesFrozenAt: IsoDateTime.nullable(),
  /** True once voting has opened (by the clock or the state): rules and timeline are read-only. */
  frozen: z.boolean(),
  /** Where the campaign may go next (the state table). */
  nextStates: z.array(CampaignState),
  candidateCount: Count,
  nominationCount: Count,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: RowVersion,
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignQuery = PageQuery.extend({
  state: CampaignState.optional(),
  kind: CampaignKind.optional(),
});
export const CampaignListItem = CampaignView.pick({
  id: true,
  orgId: true,
  orgName: true,
  kind: true,
  title: true,
  year: true,
  state: true,
  frozen: true,
  candidateCount: true,
  nominationCount: true,
  version: true,
}).extend({ votingOpens: IsoDateTime, votingCloses: IsoDateTime });
export const CampaignPage = pageOf(CampaignListItem);

/** The public rules page (no sign-in): who runs it, when, and by which rules. */
export const PublicCampaignView = z.object({
  id: Id,
  title: z.string(),
  kind: CampaignKind,
  year: Year,
  summary: z.string(),
  organiser: z.string(),
  coOrganisers: z.array(z.string()),
  state: CampaignState,
  timeline: CampaignTimeline,
  rules: CampaignRules,
  rulesFrozenAt: IsoDateTime.nullable(),
  resultPublished: z.boolean(),
  candidateCount: Count,
});
export type PublicCampaignView = z.infer<typeof PublicCampaignView>;

/** What the ballots read about a campaign (CampaignService.forBallots). */
export interface BallotCampaign {
  id: string;
  orgId: string;
  state: CampaignState;
  rules: CampaignRules;
  votingOpens: string;
  votingCloses: string;
  resultPublished: boolean;
}

// ---- nominations ----

export const NOMINATION_SOURCES = ['unit', 'online', 'self'] as const;
export const NominationSource = z.enum(NOMINATION_SOURCES);
export const NOMINATION_STATES = [
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'candidate',
  'not_selected',
] as const;
export const NominationState = z.enum(NOMINATION_STATES);

export const NominationBody = z.strictObject({
  /** The nominating unit union (the candidate's org; notified of flags, may appeal). */
  orgId: Id,
  source: NominationSource.default('unit'),
  nomineeName: RequiredText(40),
  gender: z.enum(['male', 'female']),
  /** 身份证号: encrypted, blind-indexed (one nomination per person per campaign), masked in lists. */
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, 'an 18-character ID number'),
  unitName: RequiredText(120),
  jobTitle: Text(80).default(''),
  story: RequiredText(6000),
  achievements: Text(4000).default(''),
  clientRef: Id.optional(),
});
export type NominationBody = z.infer<typeof NominationBody>;

export const EligibilityBody = z.strictObject({
  version: Version,
  eligible: z.boolean(),
  /** Reasons (required when ineligible): e.g. 材料不全, 不符合条件. */
  reasons: z.array(RequiredText(200)).max(10).default([]),
  note: Text(500).optional(),
});

export const NominationFile = z.object({
  id: Id,
  kind: z.enum(['photo', 'supporting']),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: Count,
  createdAt: IsoDateTime,
});

export const NominationView = z.object({
  id: Id,
  campaignId: Id,
  orgId: Id,
  orgName: z.string(),
  source: NominationSource,
  nomineeName: z.string(),
  gender: z.enum(['male', 'female']),
  idNumberMasked: z.string(),
  unitName: z.string(),
  jobTitle: z.string(),
  regionCode: z.string(),
  story: z.string(),
  achievements: z.string(),
  state: NominationState,
  reasons: z.array(z.string()),
  reviewNote: z.string().nullable(),
  files: z.array(NominationFile),
  /** Preliminary mean × 100 (e.g. 8650 = 86.50), null before any score. */
  preliminaryMeanX100: int(0, 10000).nullable(),
  scoreCount: Count,
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type NominationView = z.infer<typeof NominationView>;
export const NominationQuery = PageQuery.extend({ state: NominationState.optional() });
export const NominationPage = pageOf(NominationView);

// ---- experts ----

export const ExpertAssignBody = z.strictObject({ userId: Id });
export const ExpertView = z.object({
  userId: Id,
  displayName: z.string(),
  assignedAt: IsoDateTime,
  scored: Count,
  conflicts: Count,
});
export const ExpertList = z.object({ items: z.array(ExpertView) });

export const ConflictBody = z.strictObject({ nominationId: Id, reason: RequiredText(500) });
export const ConflictView = z.object({
  id: Id,
  nominationId: Id,
  nomineeName: z.string(),
  expertUserId: Id,
  expertName: z.string(),
  reason: z.string(),
  declaredAt: IsoDateTime,
});
export const ConflictList = z.object({ items: z.array(ConflictView) });

export const SCORE_STAGES = ['preliminary', 'final'] as const;
export const ScoreStage = z.enum(SCORE_STAGES);
/** The criteria every score names, each 0–100 (the total is their mean, rounded). */
export const SCORE_CRITERIA = ['deeds', 'innovation', 'influence'] as const;
export const ScoreBody = z.strictObject({
  stage: ScoreStage,
  criteria: z.strictObject({ deeds: int(0, 100), innovation: int(0, 100), influence: int(0, 100) }),
  comment: Text(1000).default(''),
});
export const ScoreView = z.object({
  nominationId: Id,
  stage: ScoreStage,
  criteria: z.record(z.string(), int(0, 100)),
  total: int(0, 100),
  comment: z.string(),
  updatedAt: IsoDateTime,
});
/** An expert's own list: the nominees assigned to them (conflicts left out), with their scores. */
export const ExpertNominee = z.object({
  nominationId: Id,
  candidateId: Id.nullable(),
  number: Int32.nullable(),
  nomineeName: z.string(),
  unitName: z.string(),
  jobTitle: z.string(),
  story: z.string(),
  achievements: z.string(),
  state: NominationState,
  scores: z.array(ScoreView),
});
export const ExpertNomineeList = z.object({
  stage: ScoreStage,
  items: z.array(ExpertNominee),
  conflicts: z.array(ConflictView),
});

export const ShortlistBody = z.strictObject({
  /** Absent: the rule's top ceil(factor × finalCount) by preliminary mean. */
  pick: z.array(Id).max(500).optional(),
  /** Required when the organiser picks other than the rule's list. */
  reason: Text(1000).optional(),
});
export const ShortlistLine = z.object({
  nominationId: Id,
  nomineeName: z.string(),
  unitName: z.string(),
  meanX100: int(0, 10000).nullable(),
  scores: Count,
  rank: Count,
  byRule: z.boolean(),
  picked: z.boolean(),
});
export const ShortlistView = z.object({
  factorTenths: Count,
  finalCount: Count,
  size: Count,
  /** The rule, in words: ceil(1.2 × 10) = 12 by the preliminary mean. */
  working: z.string(),
  lines: z.array(ShortlistLine),
  reason: z.string().nullable(),
  done: z.boolean(),
});

// ---- candidates ----

export const CandidateState = z.enum(['active', 'zeroed', 'withdrawn']);
export const CandidateView = z.object({
  id: Id,
  campaignId: Id,
  nominationId: Id,
  number: Int32,
  name: z.string(),
  unitName: z.string(),
  orgId: Id,
  regionCode: z.string(),
  photoFileId: Id.nullable(),
  story: z.string(),
  state: CandidateState,
  version: RowVersion,
});
export type CandidateView = z.infer<typeof CandidateView>;
export const CandidateList = z.object({ items: z.array(CandidateView) });

// ---- results ----

/**
 * One line of the result. While totals are hidden (showTotals 'hidden') and the result is not
 * published, everything that reveals a candidate's votes is null — organisers included.
 */
export const ResultLine = z.object({
  candidateId: Id,
  number: Int32,
  name: z.string(),
  unitName: z.string(),
  state: CandidateState,
  rawVotes: Count.nullable(),
  discountedVotes: Count.nullable(),
  cleanVotes: Count.nullable(),
  /** Normalised public score × 100 (0–10000). */
  publicScoreX100: int(0, 10000).nullable(),
  expertMeanX100: int(0, 10000).nullable(),
  expertScores: Count,
  combinedX100: int(0, 10000).nullable(),
  rank: Count.nullable(),
  outcome: z.enum(['named', 'nominated', 'none']).nullable(),
  /** Each number and how it was computed, in words. */
  working: z.string(),
});
export const ResultView = z.object({
  campaignId: Id,
  formula: CampaignFormula,
  /** The formula and its inputs in words (top votes, total votes). */
  working: z.string(),
  /** True while the campaign hides totals and the result is not published: vote figures are null. */
  totalsHidden: z.boolean(),
  topCleanVotes: Count.nullable(),
  totalCleanVotes: Count.nullable(),
  computedAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
  finalAt: IsoDateTime.nullable(),
  openObjections: Count,
  lines: z.array(ResultLine),
  version: RowVersion,
});
export type ResultView = z.infer<typeof ResultView>;
export const ResultPublishBody = z.strictObject({ version: Version });

/** What the result reads from the ballots: BallotService.cleanTotals(campaignId). */
export interface CleanTotal {
  candidateId: string;
  rawVotes: number;
  discountedVotes: number;
  cleanVotes: number;
  likes: number;
}

export const ObjectionBody = z.strictObject({
  candidateId: Id.nullable().default(null),
  text: RequiredText(2000),
});
export const ObjectionAnswerBody = z.strictObject({
  answer: RequiredText(2000),
  upheld: z.boolean(),
});
export const ObjectionView = z.object({
  id: Id,
  campaignId: Id,
  candidateId: Id.nullable(),
  candidateName: z.string().nullable(),
  text: z.string(),
  byKind: z.enum(['worker', 'staff']),
  /** Masked: an objector's name is not shown to others (staff see who through the audit). */
  byLabel: z.string(),
  createdAt: IsoDateTime,
  state: z.enum(['open', 'answered']),
  answer: z.string().nullable(),
  upheld: z.boolean().nullable(),
  answeredAt: IsoDateTime.nullable(),
});
export const ObjectionList = z.object({ items: z.array(ObjectionView) });

/** One certificate (荣誉证书) of the final list, for the printable page. */
export const Certificate = z.object({
  candidateId: Id,
  name: z.string(),
  unitName: z.string(),
  outcome: z.enum(['named', 'nominated']),
  title: z.string(),
  organiser: z.string(),
  coOrganisers: z.array(z.string()),
  serial: z.string(),
  issuedOn: z.string(),
});
export const CertificateList = z.object({ items: z.array(Certificate) });

/** The public result (after publication): rank, names, both raw and cleaned votes. */
export const PublicResult = z.object({
  campaignId: Id,
  publishedAt: IsoDateTime,
  working: z.string(),
  lines: z.array(
    ResultLine.pick({
      candidateId: true,
      number: true,
      name: true,
      unitName: true,
      rawVotes: true,
      cleanVotes: true,
      publicScoreX100: true,
      expertMeanX100: true,
      combinedX100: true,
      rank: true,
      outcome: true,
    }),
  ),
});

export * from './vote-ballots';

// ---- the public vote pages (/v): one candidate's page and its share poster ----

/** Params of one candidate of a campaign, on the public pages. */
export const CandidateParams = z.strictObject({ id: Id, candidateId: Id });

/**
 * One candidate's public page (no sign-in, no personal data): the whole story. Never a total:
 * totals are the public list's, which the ballots' one visibility rule decides.
 */
export const PublicCandidateView = z.object({
  id: Id,
  campaignId: Id,
  number: Int32,
  name: z.string(),
  unitName: z.string(),
  photoFileId: Id.nullable(),
  story: z.string(),
  state: z.enum(['active', 'zeroed', 'withdrawn']),
});
export type PublicCandidateView = z.infer<typeof PublicCandidateView>;
