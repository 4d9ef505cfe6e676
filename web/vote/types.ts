/**
 * The shapes the vote pages read, from the contracts — imported type-only, so the bundle never
 * loads zod (the page keeps under 60 KB): a drift between server and page fails `tsc`.
 */
import type { z } from 'zod';
import type {
  Allowance as AllowanceSchema,
  CastAnswer as CastAnswerSchema,
  MyVotesAnswer as MyVotesAnswerSchema,
  PublicCandidate as PublicCandidateSchema,
  PublicCandidateList as PublicCandidateListSchema,
} from '../../contracts/vote-ballots';
import type {
  ObjectionBody as ObjectionBodySchema,
  ObjectionList as ObjectionListSchema,
  ObjectionView as ObjectionViewSchema,
  PublicCandidateView as PublicCandidateViewSchema,
  PublicCampaignView,
  PublicResult as PublicResultSchema,
} from '../../contracts/vote';
import type { WorkerMe } from '../../contracts/worker';

export type { PublicCampaignView as PublicCampaign, WorkerMe };
/** The published result with its working. */
export type PublicResult = z.infer<typeof PublicResultSchema>;
export type Allowance = z.infer<typeof AllowanceSchema>;
export type VoteAnswer = z.infer<typeof CastAnswerSchema>;
export type MyVotes = z.infer<typeof MyVotesAnswerSchema>;
export type MyVote = MyVotes['items'][number];
export type CandidateList = z.infer<typeof PublicCandidateListSchema>;
/** One candidate as the list shows it: totals only when the campaign shows them. */
export type PublicCandidate = z.infer<typeof PublicCandidateSchema>;
/** One candidate's page: the whole story and its state, never a total. */
export type CandidateDetail = z.infer<typeof PublicCandidateViewSchema>;
/** One objection to the notice (公示期异议) as its author sees it, with the organiser's answer. */
export type Objection = z.infer<typeof ObjectionViewSchema>;
export type ObjectionList = z.infer<typeof ObjectionListSchema>;
/** What a worker sends: the candidate (or none: the result as a whole) and the text. */
export type ObjectionBody = z.input<typeof ObjectionBodySchema>;
