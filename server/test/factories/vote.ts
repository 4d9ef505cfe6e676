import type { CampaignBody, CampaignRules } from '../../../contracts/vote';
import type { Agent, TestApp } from '../test-app';

/** Instants from the test clock's start (2026-06-01T08:00Z) by whole days. */
export function dayFrom(t: TestApp, days: number): string {
  return new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();
}

export const RULES: CampaignRules = {
  votesPerCandidatePerDay: 1,
  candidatesPerDay: 10,
  likesPerDay: 20,
  tiersCounted: ['member', 'public'],
  showTotals: 'hidden',
  formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
  shortlistFactorTenths: 12,
  finalCount: 2,
  nominatedCount: 0,
  allowOnlineRecommendation: false,
  allowSelfNomination: false,
  zeroOnConfirmedFraud: true,
};

/**
 * A campaign of 青铜峡市总工会 whose timeline starts now: nominations for 2 days, review, display,
 * 5 days of voting, expert review, a 5-day notice.
 */
export function campaignBody(t: TestApp, over: Partial<CampaignBody> = {}): CampaignBody {
  return {
    orgId: t.orgs.get('qtx')!,
    coOrganisers: ['中共青铜峡市委宣传部'],
    kind: 'model_worker',
    title: '青铜峡市最美劳动者',
    year: 2026,
    summary: '寻找身边的最美劳动者',
    timeline: {
      nominationOpens: dayFrom(t, 0),
      nominationCloses: dayFrom(t, 2),
      reviewCloses: dayFrom(t, 3),
      votingOpens: dayFrom(t, 4),
      votingCloses: dayFrom(t, 9),
      expertReviewCloses: dayFrom(t, 11),
      noticeOpens: dayFrom(t, 12),
      noticeCloses: dayFrom(t, 17),
    },
    rules: RULES,
    ...over,
  };
}

/** Creates a campaign as `staff` (federation staff of 青铜峡) and returns its id. */
export async function createCampaign(
  t: TestApp,
  staff: Agent,
  over: Partial<CampaignBody> = {},
): Promise<string> {
  const res = await staff.post('/api/vote/campaigns', campaignBody(t, over));
  if (res.statusCode !== 201) throw new Error(`campaign: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** Moves a campaign step by step to `to` (each step version-checked, as the page does). */
export async function advanceTo(staff: Agent, id: string, to: string): Promise<void> {
  const order = ['draft', 'nominating', 'reviewing', 'displaying', 'voting', 'expert_review'];
  for (;;) {
    const c = (await staff.get(`/api/vote/campaigns/${id}`)).json();
    if (c.state === to) return;
    const next = order[order.indexOf(c.state) + 1];
    if (!next || order.indexOf(c.state) >= order.indexOf(to))
      throw new Error(`cannot reach ${to} from ${c.state}`);
    const res = await staff.post(`/api/vote/campaigns/${id}/advance`, { version: c.version, to: next });
    if (res.statusCode !== 200) throw new Error(`advance to ${next}: ${res.statusCode} ${res.body}`);
  }
}
