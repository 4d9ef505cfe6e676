// The result: the combined ranking with its working, the notice's objections.

export interface VoteResultTable {
  campaignId: string;
  /** JSON ResultView lines (each with its working) and the formula's inputs. */
  lines: string;
  working: string;
  topCleanVotes: number;
  totalCleanVotes: number;
  computedAt: string;
  computedBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  finalAt: string | null;
  version: number;
}

export interface VoteObjectionTable {
  id: string;
  campaignId: string;
  candidateId: string | null;
  text: string;
  /** worker | staff */
  byKind: string;
  byId: string;
  /** Masked label shown with the objection (e.g. 138****0001, 王*明). */
  byLabel: string;
  createdAt: string;
  /** open | answered */
  state: string;
  answer: string | null;
  /** 1 upheld, 0 rejected, null while open. */
  upheld: number | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface ResultTables {
  voteResult: VoteResultTable;
  voteObjection: VoteObjectionTable;
}
