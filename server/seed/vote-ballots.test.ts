import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFrom } from '../test/factories/vote';
import { votingCampaign } from '../test/factories/vote-ballots';
import { createTestApp, signIn, type TestApp } from '../test/test-app';
import { demoContexts } from './index';
import { seedVoteBallots, type VoteBallotsSummary } from './vote-ballots';

/**
 * The demo's raw votes on a campaign of 青铜峡市总工会 whose voting window is 16 days, the clock 12
 * days into it: the eleven latest days are seeded through the write path, the burst is flagged,
 * discounted and appealed, and a recount equals the tally.
 */
let t: TestApp;
let campaignId: string;
let candidateIds: string[];
let summary: VoteBallotsSummary;
const VOTES = 3000;

beforeAll(async () => {
  t = await createTestApp();
  const staff = await signIn(t, 'qtx_staff');
  const timeline = {
    nominationOpens: dayFrom(t, 0),
    nominationCloses: dayFrom(t, 2),
    reviewCloses: dayFrom(t, 3),
    votingOpens: dayFrom(t, 4),
    votingCloses: dayFrom(t, 20),
    expertReviewCloses: dayFrom(t, 21),
    noticeOpens: dayFrom(t, 22),
    noticeCloses: dayFrom(t, 27),
  };
  ({ campaignId, candidateIds } = await votingCampaign(t, staff, { candidates: 6, over: { timeline } }));
  t.clock.advance(12 * 86_400_000);
  summary = await seedVoteBallots(t.platform, t.services, {
    campaignId,
    candidateIds,
    as: demoContexts(t.users, (id) => t.services.users.loadActor(id, 'seed')),
    votes: VOTES,
    organiser: 'qtx_staff',
    unitCadre: 'yx_cadre',
  });
}, 120_000);
afterAll(() => t?.close());

describe('the demo raw votes', () => {
  it('casts the stated number over eleven past days, the recount equal to the tally', async () => {
    expect(summary.notes).toEqual([]);
    process.stdout.write(`seeded ${summary.votes} votes, ${summary.likes} likes in ${summary.ms} ms\n`);
    expect(summary.days).toHaveLength(11);
    // Some presses meet a vote already cast for that candidate that day: refused, not counted.
    expect(summary.votes).toBeGreaterThan(VOTES * 0.9);
    expect(summary.votes + summary.likes + summary.refused).toBe(
      Math.round(VOTES * 1.2) + summary.burst!.votes,
    );
    const recount = await t.services.vote.ballots.recountRaw(campaignId);
    expect(recount.equal).toBe(true);
    expect(recount.tally).toEqual({ votes: summary.votes, likes: summary.likes });
    const stored = await t.platform.db
      .selectFrom('voteBallot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(summary.votes);
  });

  it('follows a plausible curve: heavier first and last days, an evening peak', async () => {
    const rows = await t.platform.db
      .selectFrom('voteBallot')
      .select(['day', 'castAt'])
      .where('campaignId', '=', campaignId)
      .execute();
    const perDay = new Map<string, number>();
    const perHour = new Array<number>(24).fill(0);
    for (const r of rows) {
      perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
      perHour[(new Date(r.castAt).getUTCHours() + 8) % 24]++;
    }
    expect([...perDay.keys()].sort()).toEqual(summary.days);
    const day = (i: number) => perDay.get(summary.days[i]) ?? 0;
    expect(day(0)).toBeGreaterThan(day(5));
    expect(day(10)).toBeGreaterThan(day(5));
    const evening = perHour[19] + perHour[20] + perHour[21];
    const night = perHour[2] + perHour[3] + perHour[4];
    expect(evening).toBeGreaterThan(night * 5);
  });

  it('flags the burst with evidence, discounts it, and the nominating unit appeals', async () => {
    expect(summary.flagId).toBeTruthy();
    expect(summary.appealed).toBe(true);
    const staff = await signIn(t, 'qtx_staff');
    const flags = (await staff.get(`/api/vote/campaigns/${campaignId}/flags`)).json();
    expect(flags.items).toHaveLength(1);
    const flag = flags.items[0];
    expect(flag).toMatchObject({
      candidateId: summary.burst!.candidateId,
      state: 'decided',
      decision: 'discount',
      ballotsCount: summary.burst!.votes,
    });
    expect(flag.evidence).toContain('设备');
    expect(flag.appeal).toMatchObject({ state: 'submitted' });
    const clean = await t.services.vote.ballots.cleanTotals(campaignId);
    expect(clean.find((c) => c.candidateId === summary.burst!.candidateId)).toMatchObject({
      discountedVotes: summary.burst!.votes,
    });
    // The burst is one device cluster the analytics find.
    const analytics = (await staff.get(`/api/vote/campaigns/${campaignId}/integrity?clusterMin=4`)).json();
    const farm = analytics.clusters.filter((c: { by: string }) => c.by === 'device');
    expect(farm).toHaveLength(summary.burst!.devices);
    expect(farm.reduce((s: number, c: { votes: number }) => s + c.votes, 0)).toBe(summary.burst!.votes);
  });

  it('refuses a stated time in the future or outside the window (the seed path is no way around the clock)', async () => {
    const voter = { workerId: 'w-late', tier: 'member' as const, firstSeenAt: dayFrom(t, 0) };
    const body = { candidateId: candidateIds[0], kind: 'vote' as const, requestKey: 'seed-future-1' };
    const meta = { ip: null, userAgent: null, deviceId: null };
    await expect(
      t.services.vote.ballots.castAsOf(voter, campaignId, body, meta, new Date(dayFrom(t, 1))),
    ).rejects.toMatchObject({ code: 'vote.window_closed' });
    await expect(
      t.services.vote.ballots.castAsOf(voter, campaignId, body, meta, new Date(dayFrom(t, -14))),
    ).rejects.toMatchObject({ code: 'vote.window_closed' });
  });
});
