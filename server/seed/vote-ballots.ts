import type { App } from '../app';
import type { Platform, RequestContext } from '../platform/platform';

/**
 * The demo campaign's raw votes (最美劳动者 2023): eleven days of voting with a plausible daily
 * curve, written through the ballot service's write path so that a recount equals the tally, and
 * one fraud case flagged, decided and appealed through the integrity service. Called by
 * `seedVote` (server/seed/vote.ts) after the candidates are set and before the result is computed.
 */
export interface VoteBallotsSeed {
  campaignId: string;
  candidateIds: readonly string[];
  /** Acting as a demo user (see `demoContexts`): the organiser flags and decides, the unit cadre appeals. */
  as: (username: string) => Promise<RequestContext>;
}

export async function seedVoteBallots(
  _p: Platform,
  _services: App['services'],
  _seed: VoteBallotsSeed,
): Promise<void> {
  // Filled by the ballots work (the raw votes and the fraud case).
}
