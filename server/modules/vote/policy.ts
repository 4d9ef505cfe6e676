import { rows, type PolicyRow } from '../../platform/auth/policy';

/**
 * The vote: the organising federation runs its campaigns end to end; unit unions nominate their
 * people (and answer a flag on their candidate); experts assigned to a campaign read it and score
 * its nominees. Counting and the fraud review are the federation's (ballots/, integrity/).
 */
export const VOTE_POLICY: readonly PolicyRow[] = [
  ...rows('federation_staff', 'jurisdiction', [
    'vote.campaign.read',
    'vote.campaign.create',
    'vote.campaign.update',
    'vote.campaign.advance',
    'vote.nominate',
    'vote.review',
    'vote.expert.assign',
    'vote.shortlist',
    'vote.result.read',
    'vote.result.compute',
    'vote.result.publish',
    'vote.result.export',
    'vote.objection.answer',
    'vote.tally',
    'vote.integrity',
  ]),
  // A unit union nominates its own people and sees its nominations; it answers a flag raised on
  // its candidate. The campaigns it may nominate to are those of the federations above it.
  ...rows('grassroots_cadre', 'org', ['vote.campaign.read', 'vote.nominate', 'vote.appeal']),
  // 评审专家: only the campaigns they are assigned to (p.assignments, subject 'vote_campaign').
  ...rows('expert', 'assigned', ['vote.campaign.read', 'vote.score']),
];
