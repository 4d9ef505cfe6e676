/**
 * The shapes the vote pages read, as the S7b design names them (contracts/vote.ts,
 * contracts/vote-ballots.ts, contracts/worker.ts). Written out here rather than imported, so the
 * page never loads zod; kept to the fields the pages use.
 */
export type Tier = 'member' | 'public';

export interface CampaignRules {
  votesPerCandidatePerDay: number;
  candidatesPerDay: number;
  likesPerDay: number;
  tiers: Tier[];
  showTotals: 'live' | 'hidden';
  formula: { publicWeight: number; expertWeight: number; normalisation: 'max' | 'share' };
  shortlistFactor?: number;
  finalCount: number;
  nominatedCount: number;
  zeroOnConfirmedFraud?: boolean;
}

export interface Timeline {
  nominationOpens?: string;
  nominationCloses?: string;
  reviewCloses?: string;
  votingOpens: string;
  votingCloses: string;
  expertReviewCloses?: string;
  noticeOpens?: string;
  noticeCloses?: string;
}

export interface PublicCampaign {
  id: string;
  title: string;
  kind?: string;
  year?: number;
  summary?: string | null;
  orgName?: string;
  coOrganisers?: string[];
  state: string;
  timeline: Timeline;
  rules: CampaignRules;
}

export interface PublicCandidate {
  id: string;
  number: number;
  name: string;
  unitName: string;
  story: string;
  photoUrl?: string | null;
  state?: string;
  /** Present only when the campaign shows totals (or the result is published). */
  votes?: number;
  likes?: number;
}

export interface CandidateList {
  items: PublicCandidate[];
}

export interface Allowance {
  day: string;
  tier?: Tier;
  /** Whether this worker's votes count in this campaign (its tiers). */
  counted?: boolean;
  votesPerCandidatePerDay?: number;
  candidatesPerDay: number;
  candidatesLeft: number;
  likesPerDay: number;
  likesLeft: number;
  /** Candidates this worker has voted for today. */
  votedToday: string[];
}

export type VoteOutcome = 'counted' | 'already_today' | 'cap_reached' | 'likes_exhausted';

export interface VoteAnswer {
  outcome: VoteOutcome | string;
  allowance: Allowance;
}

export interface WorkerMe {
  tier: Tier;
  phoneMasked: string;
  memberName: string | null;
  unitName: string | null;
  signedInAt: string;
  expiresAt: string;
}

export interface MyVote {
  candidateId: string;
  number?: number;
  name?: string;
  kind: 'vote' | 'like';
  day: string;
  castAt: string;
}
