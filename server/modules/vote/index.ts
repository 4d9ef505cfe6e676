import { defineModule } from '../../platform/module';
import type { OrganisationService } from '../organisation';
import { CampaignService } from './campaigns/campaign.service';
import { campaignRoutes } from './campaigns/campaign.routes';
import { posterRoutes } from './campaigns/poster.routes';
import { PosterService } from './campaigns/poster.service';
import { CandidateService } from './nominations/candidate.service';
import { ExpertService } from './nominations/expert.service';
import { NominationService } from './nominations/nomination.service';
import { nominationRoutes } from './nominations/nomination.routes';
import { ShortlistService } from './nominations/shortlist.service';
import { ResultService, type CleanTotals } from './results/result.service';
import { resultRoutes } from './results/result.routes';
import { BallotService } from './ballots/ballot.service';
import { ballotRoutes } from './ballots/ballot.routes';
import { IntegrityService } from './integrity/integrity.service';
import { integrityRoutes } from './integrity/integrity.routes';
import { VOTE_MIGRATIONS } from './migrations';
import { VOTE_POLICY } from './policy';

export type { CampaignService, Campaign } from './campaigns/campaign.service';
export type { CandidateService, CandidateState } from './nominations/candidate.service';
export type { NominationService } from './nominations/nomination.service';
export type { ExpertService } from './nominations/expert.service';
export type { ShortlistService } from './nominations/shortlist.service';
export type { ResultService, CleanTotals } from './results/result.service';
export type { VoteTables } from './tables';
export type { BallotService } from './ballots/ballot.service';
export { totalsVisible } from './ballots/ballot.policy';

/**
 * The public role-model vote (S7b): campaigns and their frozen rules, nominations, expert review
 * and the shortlist, candidates, and the result with its working; the ballots and the fraud
 * review (ballots/, integrity/) read campaigns and candidates through the services here.
 */
export const voteModule = defineModule({
  name: 'vote',
  needs: ['organisations', 'membership'],
  migrations: VOTE_MIGRATIONS,
  policy: VOTE_POLICY,
  build(p, { organisations: orgs }: { organisations: OrganisationService; membership: unknown }) {
    const campaigns = new CampaignService(p, orgs);
    const candidates = new CandidateService(p);
    const ballots = new BallotService(p, campaigns, candidates, orgs);
    const integrity = new IntegrityService(p, ballots, candidates);
    const nominations = new NominationService(p, orgs, campaigns);
    const experts = new ExpertService(p, campaigns);
    const shortlists = new ShortlistService(p, campaigns);
    const cleanTotals: CleanTotals = (campaignId) => ballots.cleanTotals(campaignId);
    const results = new ResultService(p, campaigns, candidates, experts, cleanTotals);
    return {
      services: { campaigns, candidates, ballots, integrity, nominations, experts, shortlists, results },
      routes: [
        campaignRoutes(campaigns),
        ballotRoutes(ballots),
        integrityRoutes(integrity),
        nominationRoutes(campaigns, nominations, experts, shortlists, candidates),
        resultRoutes(results),
        posterRoutes(new PosterService(campaigns, candidates)),
      ],
    };
  },
});

/**
 * The write path's and the analytics' queries, for bench/votes.ts only (a whole campaign generated
 * through the same repository calls the write path uses, each query timed beside its raw SQL).
 */
export * as ballotQueries from './ballots/ballot.repository';
export { castSet as ballotWriteSet } from './ballots/ballot.batch';
export * as integrityQueries from './integrity/integrity.repository';
