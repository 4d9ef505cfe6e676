import { z } from 'zod';
import { Count, queryInt } from './numbers';
import { Id, IsoDateTime, RequiredText, Version } from './common';

/**
 * The vote's ballots (S7b, points 6 and 7): votes and likes cast by signed-in workers, tallies,
 * recount, and the fraud review with due process (flags, decisions, appeals). Re-exported by
 * contracts/vote.ts.
 */

/** The actions (vote.tally, vote.integrity, vote.appeal) are declared with the vote's in ./vote.ts. */
export const VOTE_BALLOT_ERROR_CODES = [
  'vote.window_closed',
  'vote.tier_not_counted',
  'vote.candidate_unknown',
  'vote.request_key_reused',
  'vote.busy',
  'vote.flag_empty',
  'vote.flag_decided',
  'vote.flag_not_decided',
  'vote.flag_stale',
  'vote.zero_not_allowed',
  'vote.appeal_exists',
  'vote.appeal_decided',
  'vote.appeal_not_yours',
  'vote_ballot_campaign.not_found',
  'vote_flag.not_found',
  'vote_appeal.not_found',
] as const;

/** The day in China a vote counts for: `YYYY-MM-DD`. */
export const VoteDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A client's key for one press of the button: a retry with it gets the first answer. */
export const RequestKey = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const BallotKind = z.enum(['vote', 'like']);
export type BallotKind = z.infer<typeof BallotKind>;

export const CastBody = z.strictObject({
  candidateId: Id,
  kind: BallotKind,
  requestKey: RequestKey,
});
export type CastBody = z.infer<typeof CastBody>;

export const CastOutcome = z.enum(['counted', 'already_today', 'cap_reached']);
export type CastOutcome = z.infer<typeof CastOutcome>;

export const Allowance = z.object({
  day: VoteDay,
  votesLeft: Count,
  likesLeft: Count,
  votesPerDay: Count,
  likesPerDay: Count,
  /** Candidates this worker already voted for today ("今日已投"). */
  votedToday: z.array(Id),
});
export type Allowance = z.infer<typeof Allowance>;

export const CastAnswer = z.object({
  outcome: CastOutcome,
  kind: BallotKind,
  candidateId: Id,
  day: VoteDay,
  /** True when this answer is the stored first answer of the same request key. */
  replayed: z.boolean(),
  allowance: Allowance,
});
export type CastAnswer = z.infer<typeof CastAnswer>;

export const MyVote = z.object({
  kind: BallotKind,
  candidateId: Id,
  candidateNumber: Count.nullable(),
  candidateName: z.string().nullable(),
  day: VoteDay,
  castAt: IsoDateTime,
});
export const MyVotesQuery = z.strictObject({ limit: queryInt(1, 500).default(100) });
export const MyVotesAnswer = z.object({ items: z.array(MyVote) });

/** The public candidate list (no personal data; cacheable). `votes` is absent while totals are hidden. */
export const PublicCandidate = z.object({
  id: Id,
  number: Count,
  name: z.string(),
  unitName: z.string(),
  regionCode: z.string().nullable(),
  photoFileId: z.string().nullable(),
  storyExcerpt: z.string(),
  votes: Count.optional(),
  likes: Count.optional(),
});
export const PublicCandidateList = z.object({
  campaignId: Id,
  state: z.string(),
  totalsShown: z.boolean(),
  items: z.array(PublicCandidate),
});

export const TallyQuery = z.strictObject({
  from: VoteDay.optional(),
  to: VoteDay.optional(),
});
export const TallyDay = z.object({ day: VoteDay, votes: Count, likes: Count, voters: Count.optional() });
export const TallyRegion = z.object({ regionCode: z.string(), votes: Count, likes: Count });
export const TallyCandidate = z.object({
  candidateId: Id,
  number: Count.nullable(),
  name: z.string().nullable(),
  votes: Count,
  likes: Count,
});
export const TallyAnswer = z.object({
  campaignId: Id,
  totalsShown: z.boolean(),
  /** Turnout over all candidates: always shown to organisers. */
  days: z.array(TallyDay),
  regions: z.array(TallyRegion),
  byTier: z.array(z.object({ tier: z.string(), votes: Count, likes: Count })),
  total: z.object({ votes: Count, likes: Count }),
  /** Per candidate: absent while totals are hidden and the result is not published. */
  candidates: z.array(TallyCandidate).optional(),
});
export type TallyAnswer = z.infer<typeof TallyAnswer>;

export const RecountAnswer = z.object({
  campaignId: Id,
  equal: z.boolean(),
  tally: z.object({ votes: Count, likes: Count }),
  recount: z.object({ votes: Count, likes: Count }),
  /** Rows (candidate, day, tier) where the tally and the raw votes differ (none when equal). */
  differences: Count,
  ms: Count,
});

// ---- integrity ----

export const AnalyticsQuery = z.strictObject({
  /** Per-minute count at least this many times the candidate's mean minute counts as a burst. */
  burstFactor: queryInt(2, 1000).default(5),
  /** A cluster: at least this many workers on one address or device. */
  clusterMin: queryInt(2, 100000).default(5),
  /** Inhuman: consecutive votes of one worker at most this many seconds apart. */
  rateSeconds: queryInt(1, 60).default(2),
});
export const Burst = z.object({
  candidateId: Id,
  minute: IsoDateTime,
  votes: Count,
  /** The candidate's mean votes per minute with any vote, × 100 (integer; decision 0010). */
  baselineX100: Count,
});
export const Cluster = z.object({
  by: z.enum(['ip', 'device']),
  hash: z.string(),
  workers: Count,
  votes: Count,
  candidates: z.array(z.object({ candidateId: Id, votes: Count })),
});
/** Counts are absent while per-candidate totals are hidden (the share stays). */
export const NewWorkerShare = z.object({
  candidateId: Id,
  votes: Count.optional(),
  newWorkerVotes: Count.optional(),
  /** Newly registered workers' share of the candidate's votes, × 10,000 (basis points). */
  shareX10000: z.number().int().min(0).max(10000),
});
export const InhumanRate = z.object({ workerRef: z.string(), fastPairs: Count, votes: Count });
export const AnalyticsAnswer = z.object({
  campaignId: Id,
  bursts: z.array(Burst),
  clusters: z.array(Cluster),
  newWorkers: z.array(NewWorkerShare),
  inhuman: z.array(InhumanRate),
  ms: Count,
});

export const FlagCriteria = z
  .strictObject({
    candidateId: Id.optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    ipHashes: z.array(z.string().min(1).max(128)).max(200).optional(),
    deviceHashes: z.array(z.string().min(1).max(128)).max(200).optional(),
  })
  .refine((c) => c.candidateId || c.ipHashes?.length || c.deviceHashes?.length || (c.from && c.to), {
    message: 'name a candidate, a time range or clusters',
    path: ['candidateId'],
  });
export type FlagCriteria = z.infer<typeof FlagCriteria>;

export const CreateFlagBody = z.strictObject({
  criteria: FlagCriteria,
  evidence: RequiredText(4000),
});
export const FlagDecision = z.enum(['discount', 'zero', 'dismiss']);
export const DecideFlagBody = z.strictObject({
  decision: FlagDecision,
  reason: RequiredText(2000),
  version: Version,
});
export const AppealState = z.enum(['submitted', 'upheld', 'rejected']);
export const Appeal = z.object({
  id: Id,
  flagId: Id,
  orgId: Id,
  text: z.string(),
  state: AppealState,
  decisionReason: z.string().nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  version: Version,
});
export const Flag = z.object({
  id: Id,
  campaignId: Id,
  candidateId: Id.nullable(),
  criteria: z.record(z.string(), z.unknown()),
  evidence: z.string(),
  ballotsCount: Count,
  state: z.enum(['open', 'decided']),
  decision: FlagDecision.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: Version,
  appeal: Appeal.nullable(),
});
export type Flag = z.infer<typeof Flag>;
export const FlagList = z.object({ items: z.array(Flag) });
export const AppealBody = z.strictObject({ text: RequiredText(4000) });
export const DecideAppealBody = z.strictObject({
  decision: z.enum(['upheld', 'rejected']),
  reason: RequiredText(2000),
  version: Version,
});

export const CleanTotal = z.object({
  candidateId: Id,
  rawVotes: Count,
  discountedVotes: Count,
  cleanVotes: Count,
  likes: Count,
});
export type CleanTotal = z.infer<typeof CleanTotal>;

export const FlagParams = z.strictObject({ id: Id, flagId: Id });
export const AppealParams = z.strictObject({ id: Id, appealId: Id });
export const FlagQuery = z.strictObject({ state: z.enum(['open', 'decided']).optional() });
