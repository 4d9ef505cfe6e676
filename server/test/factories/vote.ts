import { randomUUID } from 'node:crypto';
import type { CampaignBody, CampaignRules } from '../../../contracts/vote';
import { makeIdNumber } from '../../platform/personal-data/identity';
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

let nominee = 0;
/** A nomination by 迎鑫's union (the cadre, or the organiser for it); returns its id. */
export async function nominate(
  t: TestApp,
  agent: Agent,
  campaignId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const n = ++nominee;
  const res = await agent.post(`/api/vote/campaigns/${campaignId}/nominations`, {
    orgId: t.orgs.get('yingxin'),
    nomineeName: `劳动者${n}`,
    gender: n % 2 ? 'male' : 'female',
    idNumber: makeIdNumber('640381', '19800101', String(n % 1000).padStart(3, '0')),
    unitName: '宁夏塞上迎鑫农牧有限公司',
    jobTitle: '技术员',
    story: `扎根一线${n}年，带出一支过硬的班组。`,
    achievements: '全国五一劳动奖章',
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`nominate: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** A tiny valid PNG (the first bytes are what the upload checks). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2a1a80000000049454e44ae426082',
  'hex',
);

/**
 * A campaign with `count` eligible nominees (each with a photo) shortlisted into candidates by
 * the expert's preliminary scores, left displaying. Returns the ids.
 */
export async function campaignWithCandidates(
  t: TestApp,
  staff: Agent,
  expert: Agent,
  count: number,
  over: Partial<CampaignBody> = {},
): Promise<{ campaignId: string; nominationIds: string[]; candidateIds: string[] }> {
  const campaignId = await createCampaign(t, staff, over);
  await advanceTo(staff, campaignId, 'nominating');
  const nominationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await nominate(t, staff, campaignId);
    await staff.upload(`/api/vote/nominations/${id}/files?kind=photo`, PNG, 'image/png', `照片${i}.png`);
    const n = (await staff.get(`/api/vote/nominations/${id}`)).json();
    const ok = await staff.post(`/api/vote/nominations/${id}/eligibility`, {
      version: n.version,
      eligible: true,
    });
    if (ok.statusCode !== 200) throw new Error(`eligibility: ${ok.statusCode} ${ok.body}`);
    nominationIds.push(id);
  }
  const expertId = t.users.get('qtx_expert')!;
  const assigned = await staff.post(`/api/vote/campaigns/${campaignId}/experts`, { userId: expertId });
  if (assigned.statusCode !== 200) throw new Error(`assign: ${assigned.statusCode} ${assigned.body}`);
  await advanceTo(staff, campaignId, 'reviewing');
  for (const [i, id] of nominationIds.entries()) {
    const v = 90 - i;
    const s = await expert.put(`/api/vote/nominations/${id}/score`, {
      stage: 'preliminary',
      criteria: { deeds: v, innovation: v, influence: v },
    });
    if (s.statusCode !== 200) throw new Error(`score: ${s.statusCode} ${s.body}`);
  }
  const drawn = await staff.post(`/api/vote/campaigns/${campaignId}/shortlist`, {});
  if (drawn.statusCode !== 200) throw new Error(`shortlist: ${drawn.statusCode} ${drawn.body}`);
  await advanceTo(staff, campaignId, 'displaying');
  const cands = (await staff.get(`/api/vote/campaigns/${campaignId}/candidates`)).json().items as {
    id: string;
  }[];
  return { campaignId, nominationIds, candidateIds: cands.map((c) => c.id) };
}

/**
 * A timeline whose steps come `minutes[i]` minutes from now: a campaign that can be nominated to
 * now and reach its voting window after a few minutes of the test clock, not days (so the test's
 * sessions stay).
 */
export function timelineIn(t: TestApp, minutes: readonly number[]): CampaignBody['timeline'] {
  const steps = [
    'nominationOpens',
    'nominationCloses',
    'reviewCloses',
    'votingOpens',
    'votingCloses',
    'expertReviewCloses',
    'noticeOpens',
    'noticeCloses',
  ] as const;
  const start = t.clock.now().getTime();
  return Object.fromEntries(
    steps.map((s, i) => [s, new Date(start + (minutes[i] ?? 0) * 60_000).toISOString()]),
  ) as CampaignBody['timeline'];
}

/**
 * A campaign with `count` candidates taken to its result's notice (result_notice): the expert's
 * final scores, the result computed and published. Returns the ids.
 */
export async function publishedCampaign(
  t: TestApp,
  staff: Agent,
  expert: Agent,
  count: number,
  over: Partial<CampaignBody> = {},
): Promise<{ campaignId: string; nominationIds: string[]; candidateIds: string[] }> {
  const made = await campaignWithCandidates(t, staff, expert, count, over);
  await advanceTo(staff, made.campaignId, 'expert_review');
  for (const [i, id] of made.nominationIds.entries()) {
    const v = 80 - i;
    const s = await expert.put(`/api/vote/nominations/${id}/score`, {
      stage: 'final',
      criteria: { deeds: v, innovation: v, influence: v },
    });
    if (s.statusCode !== 200) throw new Error(`final score: ${s.statusCode} ${s.body}`);
  }
  const computed = await staff.post(`/api/vote/campaigns/${made.campaignId}/result/compute`);
  if (computed.statusCode !== 200) throw new Error(`compute: ${computed.statusCode} ${computed.body}`);
  const published = await staff.post(`/api/vote/campaigns/${made.campaignId}/result/publish`, {
    version: computed.json().version,
  });
  if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);
  return made;
}

/** A worker's vote (or like) for a candidate; returns the outcome. */
export async function castVote(
  worker: Agent,
  campaignId: string,
  candidateId: string,
  kind: 'vote' | 'like' = 'vote',
): Promise<string> {
  const res = await worker.post(`/api/vote/campaigns/${campaignId}/votes`, {
    candidateId,
    kind,
    requestKey: randomUUID(),
  });
  if (res.statusCode !== 200 && res.statusCode !== 201)
    throw new Error(`vote: ${res.statusCode} ${res.body}`);
  return res.json().outcome as string;
}

/**
 * The organiser flags a candidate's votes and decides (discount); the nominating unit's cadre
 * appeals. Returns the flag's and the appeal's ids.
 */
export async function flagDecidedAndAppealed(
  staff: Agent,
  cadre: Agent,
  campaignId: string,
  candidateId: string,
): Promise<{ flagId: string; appealId: string }> {
  const base = `/api/vote/campaigns/${campaignId}`;
  const created = await staff.post(`${base}/flags`, {
    criteria: { candidateId },
    evidence: '同一设备短时间内集中投票',
  });
  if (created.statusCode !== 201) throw new Error(`flag: ${created.statusCode} ${created.body}`);
  const flag = created.json();
  const decided = await staff.post(`${base}/flags/${flag.id}/decide`, {
    decision: 'discount',
    reason: '核减可疑票',
    version: flag.version,
  });
  if (decided.statusCode !== 200) throw new Error(`decide: ${decided.statusCode} ${decided.body}`);
  const appealed = await cadre.post(`${base}/flags/${flag.id}/appeal`, { text: '请复核' });
  if (appealed.statusCode !== 201) throw new Error(`appeal: ${appealed.statusCode} ${appealed.body}`);
  return { flagId: flag.id as string, appealId: appealed.json().appeal.id as string };
}
