import { defineModule } from '../../platform/module';
import type { OrganisationService } from '../organisation';
import { CampaignService } from './campaigns/campaign.service';
import { campaignRoutes } from './campaigns/campaign.routes';
import { CandidateService } from './nominations/candidate.service';
import { BallotService } from './ballots/ballot.service';
import { ballotRoutes } from './ballots/ballot.routes';
import { IntegrityService } from './integrity/integrity.service';
import { integrityRoutes } from './integrity/integrity.routes';
import { VOTE_MIGRATIONS } from './migrations';
import { VOTE_POLICY } from './policy';

export type { CampaignService, Campaign } from './campaigns/campaign.service';
export type { CandidateService, CandidateState } from './nominations/candidate.service';
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
  needs: ['organisations'],
  migrations: VOTE_MIGRATIONS,
  policy: VOTE_POLICY,
  build(p, { organisations: orgs }: { organisations: OrganisationService }) {
    const campaigns = new CampaignService(p, orgs);
    const candidates = new CandidateService(p);
    const ballots = new BallotService(p, campaigns, candidates, orgs);
    const integrity = new IntegrityService(p, ballots, candidates);
    return {
      services: { campaigns, candidates, ballots, integrity },
      routes: [campaignRoutes(campaigns), ballotRoutes(ballots), integrityRoutes(integrity)],
    };
  },
});

/**
 * The write path's and the analytics' queries, for bench/votes.ts only (a whole campaign generated
 * through the same repository calls the write path uses, each query timed beside its raw SQL).
 */
export * as ballotQueries from './ballots/ballot.repository';
export * as integrityQueries from './integrity/integrity.repository';
