import type { RecordScope } from '../../../platform/auth/actor';

/**
 * What the ballots read from the other capabilities and modules, through their services (never
 * their repositories). The shapes are the shared design's (`CampaignService.forBallots`,
 * `CandidateService.forBallots` / `list`, the worker principal).
 */
export interface BallotRules {
  votesPerCandidatePerDay: number;
  candidatesPerDay: number;
  likesPerDay: number;
  tiersCounted: readonly ('member' | 'public')[];
  showTotals: 'live' | 'hidden';
  zeroOnConfirmedFraud: boolean;
}

export interface BallotCampaignView {
  id: string;
  orgId: string;
  state: string;
  rules: BallotRules;
  votingOpens: string | null;
  votingCloses: string | null;
  resultPublished: boolean;
}

export interface BallotCandidateView {
  id: string;
  orgId: string;
  state: string;
  number?: number;
  name?: string;
  unitName?: string;
  regionCode?: string | null;
  photoFileId?: string | null;
  story?: string;
}

export interface CampaignsPort {
  forBallots(campaignId: string): Promise<BallotCampaignView | null | undefined>;
}

export interface CandidatesPort {
  list(campaignId: string): Promise<readonly BallotCandidateView[]>;
  /** Zeroes a candidate by the published rule (a flag's decision), in the caller's transaction. */
  zero?(trx: unknown, candidateId: string, reason: string): Promise<void>;
}

export interface OrgsPort {
  findScope(id: string): Promise<RecordScope | undefined>;
}

/** The worker principal, as much of it as a ballot needs. */
export interface Voter {
  workerId: string;
  tier: 'member' | 'public';
  firstSeenAt: string;
}

/** Where the request came from, hashed before it is stored (clusters, never addresses). */
export interface CastMeta {
  ip: string | null;
  userAgent: string | null;
  deviceId: string | null;
}
