/** One counted vote: at most one per worker, candidate and day in China (unique index). */
export interface VoteBallotTable {
  id: string;
  campaignId: string;
  candidateId: string;
  workerId: string;
  tier: string;
  day: string;
  castAt: string;
  requestKey: string;
  ipHash: string | null;
  deviceHash: string | null;
  /** Set when a decision discounts it (the cleaned totals drop it). */
  flagId: string | null;
  /** 1 when the voter was first seen within 24 hours before the vote (the integrity review's share). */
  newWorker: number;
}

/** One counted like (no per-candidate limit; the day's cap is held by vote_voter_day). */
export type VoteLikeTable = VoteBallotTable;

/** A worker's day in one campaign: the caps held by conditional upserts (`… WHERE likes < cap`). */
export interface VoteVoterDayTable {
  campaignId: string;
  workerId: string;
  day: string;
  votes: number;
  likes: number;
  candidates: number;
  /** The candidates voted for that day, ",id,id" (answers only: the rule is vote_ballot's unique index). */
  voted: string;
}

/** Running totals per candidate, day and tier, written in the same commit as the ballots. */
export interface VoteTallyTable {
  campaignId: string;
  candidateId: string;
  day: string;
  tier: string;
  votes: number;
  likes: number;
}

/** The first answer to a request key that was not counted (already today, cap reached). */
export interface VoteRefusalTable {
  requestKey: string;
  campaignId: string;
  workerId: string;
  candidateId: string;
  kind: string;
  outcome: string;
  day: string;
  at: string;
}

export interface BallotTables {
  voteBallot: VoteBallotTable;
  voteLike: VoteLikeTable;
  voteVoterDay: VoteVoterDayTable;
  voteTally: VoteTallyTable;
  voteRefusal: VoteRefusalTable;
}
