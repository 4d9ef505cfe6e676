import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { seedShanxiFoundation } from './foundation';
import { demoContexts } from './index';
import { MODEL_WORKER_TITLE, seedVote, type VoteSeedSummary } from './vote';

/** The two Shanxi campaigns, seeded through the vote's services into a fresh database. */

let t: TestApp;
let summary: VoteSeedSummary;
let as: ReturnType<typeof demoContexts>;

beforeAll(async () => {
  t = await createTestApp();
  await seedShanxiFoundation(t.platform, t);
  as = demoContexts(t.users, (id) => t.services.users.loadActor(id, 'seed'));
  summary = await seedVote(t.platform, t.services, t.orgs, t.users, as);
}, 180_000);
afterAll(() => t?.close());

const v = () => t.services.vote;

describe('the demo vote campaigns', () => {
  it('puts the platform clock back after running the 2023 campaign in its own time', () => {
    expect(t.platform.clock).toBe(t.clock);
  });

  it('lists both campaigns for the provincial organiser', async () => {
    const page = await v().campaigns.list(await as('sx_staff'), { page: 1, pageSize: 20 });
    expect(page.items.map((c) => c.kind).sort()).toEqual(['craftsman', 'model_worker']);
  });

  it('runs 新时代最美劳动者 2023 from 42 nominations to 40 candidates, totals hidden, result published', async () => {
    const sx = await as('sx_staff');
    const c = await v().campaigns.get(sx, summary.modelWorker.campaignId);
    expect(c).toMatchObject({
      title: MODEL_WORKER_TITLE,
      year: 2023,
      orgName: '山西省总工会',
      coOrganisers: ['中共山西省委宣传部'],
      state: 'result_notice',
      candidateCount: 40,
      nominationCount: 42,
      frozen: true,
    });
    expect(c.rules.showTotals).toBe('hidden');
    const days = (Date.parse(c.timeline.votingCloses) - Date.parse(c.timeline.votingOpens)) / 86_400_000;
    expect(Math.ceil(days)).toBe(11);
    const noms = (await v().nominations.list(sx, c.id, { page: 1, pageSize: 100 })).items;
    expect(noms.filter((n) => n.state === 'ineligible').every((n) => n.reasons.length > 0)).toBe(true);
    expect(noms.filter((n) => n.state === 'candidate')).toHaveLength(40);
    expect(noms.filter((n) => n.state === 'ineligible')).toHaveLength(2);
    const cands = await v().candidates.list(c.id);
    expect(cands.map((x) => x.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(summary.modelWorker.candidateIds).toEqual(cands.map((x) => x.id));
    expect(cands[0]!.orgId).toBe(t.orgs.get('taigang'));
  });

  it('publishes the result ranking all 40 with its working: 10 named, the rest nominated by the rules', async () => {
    const id = summary.modelWorker.campaignId;
    const r = await v().results.get(await as('sx_staff'), id);
    expect(r.totalsHidden).toBe(false);
    expect(r.publishedAt).not.toBeNull();
    expect(r.working).toContain('综合得分 = 公众得分 × 30% + 专家终评平均分 × 70%');
    expect(r.lines.map((l) => l.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(r.lines.every((l) => l.expertScores === 5 && l.working.length > 0)).toBe(true);
    expect(r.lines.filter((l) => l.outcome === 'named')).toHaveLength(10);
    const active = r.lines.filter((l) => l.state === 'active').length;
    expect(r.lines.filter((l) => l.outcome === 'nominated')).toHaveLength(Math.min(30, active - 10));
    const pub = await v().results.publicResult(id);
    expect(pub.lines).toHaveLength(40);
    expect(pub.working).toBe(r.working);
  });

  it('leaves 三晋工匠 at the expert stage: 30 candidates of 36, five experts, one conflict, some final scores', async () => {
    const sx = await as('sx_staff');
    const id = summary.craftsman.campaignId;
    const c = await v().campaigns.get(sx, id);
    expect(c).toMatchObject({ kind: 'craftsman', state: 'expert_review', candidateCount: 30 });
    expect(c.rules.finalCount).toBe(10);
    const now = t.clock.now().getTime();
    expect(Date.parse(c.timeline.votingCloses)).toBeLessThan(now);
    expect(Date.parse(c.timeline.expertReviewCloses)).toBeGreaterThan(now);
    expect(await v().candidates.list(id)).toHaveLength(30);
    const experts = await v().experts.list(sx, id);
    expect(experts.items).toHaveLength(5);
    const conflicts = await v().experts.conflicts(sx, id);
    expect(conflicts.items).toHaveLength(1);
    expect(conflicts.items[0]!.nominationId).toBe(summary.craftsman.conflictNominationId);
    const mine = await v().experts.myNominees(await as('sx_expert3'), id);
    expect(mine.stage).toBe('final');
    expect(mine.items.some((n) => n.nominationId === summary.craftsman.conflictNominationId)).toBe(false);
    const scored = (await v().experts.finalMeans(id)).size;
    expect(scored).toBeGreaterThan(0);
    expect(scored).toBeLessThanOrEqual(30);
    const done = (await v().experts.myNominees(await as('sx_expert5'), id)).items.filter((n) =>
      n.scores.some((s) => s.stage === 'final'),
    );
    expect(done).toHaveLength(0);
  });
});
