import type { BallotCampaignView, BallotRules } from './ports';

/**
 * THE one rule of who sees per-candidate totals: live totals, or once the result is published.
 * While it says no, per-candidate totals are absent from every answer, export and report —
 * organisers' too (they see turnout per day and region over all candidates).
 */
export function totalsVisible(campaign: Pick<BallotCampaignView, 'rules' | 'resultPublished'>): boolean {
  return campaign.rules.showTotals === 'live' || campaign.resultPublished;
}

/** Why a vote may not be cast now, or null when it may. */
export function castRefusal(
  campaign: Pick<BallotCampaignView, 'state' | 'votingOpens' | 'votingCloses' | 'rules'>,
  tier: 'member' | 'public',
  at: Date,
): 'vote.window_closed' | 'vote.tier_not_counted' | null {
  const t = at.getTime();
  const opens = campaign.votingOpens ? Date.parse(campaign.votingOpens) : NaN;
  const closes = campaign.votingCloses ? Date.parse(campaign.votingCloses) : NaN;
  if (campaign.state !== 'voting' || !(t >= opens) || !(t < closes)) return 'vote.window_closed';
  if (!campaign.rules.tiersCounted.includes(tier)) return 'vote.tier_not_counted';
  return null;
}

/** Today's caps: votes are one per candidate, so the candidates cap is the votes cap. */
export function dailyCaps(rules: BallotRules): { votes: number; likes: number } {
  return { votes: rules.candidatesPerDay, likes: rules.likesPerDay };
}
