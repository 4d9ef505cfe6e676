/** A set of votes an organiser flagged, with its evidence and decision. */
export interface VoteFlagTable {
  id: string;
  campaignId: string;
  candidateId: string | null;
  /** JSON: the criteria (candidate, time range, address and device clusters). */
  criteria: string;
  evidence: string;
  ballotsCount: number;
  state: 'open' | 'decided';
  decision: 'discount' | 'zero' | 'dismiss' | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The nominating unit told of it (the candidate's org). */
  notifiedOrgId: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

/** The nominating unit's appeal against a decided flag (one per flag). */
export interface VoteAppealTable {
  id: string;
  flagId: string;
  campaignId: string;
  orgId: string;
  text: string;
  state: 'submitted' | 'upheld' | 'rejected';
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

export interface IntegrityTables {
  voteFlag: VoteFlagTable;
  voteAppeal: VoteAppealTable;
}
