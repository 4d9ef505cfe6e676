// Nominations, their files, experts' conflicts and scores, and the candidates they become.

export interface VoteNominationTable {
  id: string;
  campaignId: string;
  /** The nominating unit union. */
  orgId: string;
  /** unit | online | self */
  source: string;
  nomineeName: string;
  gender: string;
  idNumberEnc: string;
  /** Blind index of the ID number: one nomination per person per campaign (unique index). */
  idNumberBidx: string;
  unitName: string;
  jobTitle: string;
  /** Division code of the nominating unit (per-region tallies). */
  regionCode: string;
  story: string;
  achievements: string;
  /** submitted → eligible | ineligible → shortlisted → candidate | not_selected */
  state: string;
  /** JSON list of the eligibility check's reasons. */
  reasons: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  submittedBy: string;
  clientRef: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A nomination's photo or supporting file, kept in the database so backups hold it. */
export interface VoteFileTable {
  id: string;
  campaignId: string;
  nominationId: string;
  /** photo | supporting */
  kind: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  createdAt: string;
}

/** An expert's declared conflict: keeps the expert off the nominee (unique per pair). */
export interface VoteConflictTable {
  id: string;
  campaignId: string;
  nominationId: string;
  expertUserId: string;
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

export interface VoteExpertScoreTable {
  id: string;
  campaignId: string;
  nominationId: string;
  expertUserId: string;
  /** preliminary | final */
  stage: string;
  /** JSON { criterion: 0–100 } */
  criteria: string;
  total: number;
  comment: string;
  createdAt: string;
  updatedAt: string;
}

export interface VoteCandidateTable {
  id: string;
  campaignId: string;
  nominationId: string;
  /** 编号 1..n, unique per campaign. */
  number: number;
  name: string;
  unitName: string;
  /** The nominating unit union: notified of flags, may appeal. */
  orgId: string;
  regionCode: string;
  photoFileId: string | null;
  story: string;
  /** active | zeroed | withdrawn */
  state: string;
  version: number;
  createdAt: string;
}

/** How the shortlist was drawn (one row per campaign): the rule's list or the organiser's pick. */
export interface VoteShortlistTable {
  campaignId: string;
  /** JSON [{ nominationId, meanX100, scores, rank, byRule, picked }] */
  lines: string;
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface NominationTables {
  voteNomination: VoteNominationTable;
  voteFile: VoteFileTable;
  voteConflict: VoteConflictTable;
  voteExpertScore: VoteExpertScoreTable;
  voteCandidate: VoteCandidateTable;
  voteShortlist: VoteShortlistTable;
}
