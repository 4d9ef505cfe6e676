import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWorker } from '../../../test/factories/membership';
import { votingCampaign } from '../../../test/factories/vote-ballots';
import { Agent, createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let workerA: Agent;
let workerB: Agent;
let campaignId: string;
let candidateIds: string[];
const key = () => randomUUID();

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  ({ campaignId, candidateIds } = await votingCampaign(t, staff, { candidates: 4 }));
  workerA = new Agent(t);
  await signInWorker(workerA, '13900000001');
  workerB = new Agent(t);
  await signInWorker(workerB, '13900000002');
});
afterAll(() => t.close());

describe('voting over HTTP', () => {
  it('counts a vote, refuses a second the same day, counts again after midnight in China', async () => {
    const url = `/api/vote/campaigns/${campaignId}/votes`;
    const first = await workerA.post(url, { candidateId: candidateIds[0], kind: 'vote', requestKey: key() });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'counted', allowance: { votedToday: [candidateIds[0]] } });
    const second = await workerA.post(url, { candidateId: candidateIds[0], kind: 'vote', requestKey: key() });
    expect(second.json().outcome).toBe('already_today');
    // Past midnight in China (UTC+8): a new day.
    const now = t.clock.now();
    const nextMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 16, 0, 1);
    t.clock.set(new Date(nextMidnight > now.getTime() ? nextMidnight : nextMidnight + 86_400_000));
    // The worker session lives 30 minutes idle: sign in again on the new day.
    await signInWorker(workerA, '13900000001');
    await signInWorker(workerB, '13900000002');
    const third = await workerA.post(url, { candidateId: candidateIds[0], kind: 'vote', requestKey: key() });
    expect(third.json()).toMatchObject({ outcome: 'counted' });
    expect(third.json().day).not.toBe(first.json().day);
  });

  it('shows a worker their own votes only, and today’s allowance', async () => {
    await workerB.post(`/api/vote/campaigns/${campaignId}/votes`, {
      candidateId: candidateIds[1],
      kind: 'like',
      requestKey: key(),
    });
    const mine = await workerB.get(`/api/vote/campaigns/${campaignId}/my-votes`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ kind: 'like', candidateId: candidateIds[1] }),
    ]);
    const allowance = (await workerB.get(`/api/vote/campaigns/${campaignId}/allowance`)).json();
    expect(allowance).toMatchObject({ votesPerDay: 10, likesPerDay: 20, likesLeft: 19, votedToday: [] });
  });

  it('refuses staff and anonymous callers on the worker routes, and bad bodies naming the field', async () => {
    const body = { candidateId: candidateIds[0], kind: 'vote', requestKey: key() };
    const asStaff = await staff.post(`/api/vote/campaigns/${campaignId}/votes`, body);
    expect(asStaff.statusCode).toBe(401);
    expect((await new Agent(t).post(`/api/vote/campaigns/${campaignId}/votes`, body)).statusCode).toBe(401);
    const unknown = await workerB.post(`/api/vote/campaigns/${campaignId}/votes`, {
      ...body,
      candidateId: 'nobody',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({
      code: 'vote.candidate_unknown',
      errors: [{ field: 'body.candidateId' }],
    });
    const bad = await workerB.post(`/api/vote/campaigns/${campaignId}/votes`, { ...body, kind: 'super' });
    expect(bad.statusCode).toBe(400);
    const count = await t.platform.db
      .selectFrom('voteBallot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workerId', 'in', ['x'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('serves the public candidate list cacheably, with totals hidden as the rules say', async () => {
    const res = await new Agent(t).get(`/api/public/vote/campaigns/${campaignId}/candidates`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const list = res.json();
    expect(list.totalsShown).toBe(false);
    expect(list.items).toHaveLength(4);
    expect(list.items[0]).not.toHaveProperty('votes');
    expect(JSON.stringify(list)).not.toMatch(/1390000/);
  });

  it('gives organisers tallies by day and region without per-candidate totals while hidden; recount = tally', async () => {
    await staff.login('qtx_staff');
    const res = await staff.get(`/api/vote/campaigns/${campaignId}/tallies`);
    expect(res.statusCode, res.body).toBe(200);
    const tally = res.json();
    expect(tally.totalsShown).toBe(false);
    expect(tally).not.toHaveProperty('candidates');
    expect(tally.total).toEqual({ votes: 2, likes: 1 });
    expect(tally.days).toHaveLength(2);
    expect(tally.regions.map((r: { regionCode: string }) => r.regionCode)).toEqual([
      '640381101',
      '640381102',
    ]);
    const recount = await staff.post(`/api/vote/campaigns/${campaignId}/recount`);
    expect(recount.statusCode).toBe(200);
    expect(recount.json()).toMatchObject({ equal: true, recount: { votes: 2, likes: 1 } });
    const other = await signIn(t, 'yc_staff');
    expect((await other.get(`/api/vote/campaigns/${campaignId}/tallies`)).statusCode).toBe(404);
    const clean = await t.services.vote.ballots.cleanTotals(campaignId);
    expect(clean.find((c) => c.candidateId === candidateIds[0])).toMatchObject({
      rawVotes: 2,
      cleanVotes: 2,
    });
  });
});
