import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { BallotService } from './ballot.service';
import type { BallotCampaignView, BallotCandidateView, Voter } from './ports';

/**
 * The vote's write path against the database itself, on both engines: one vote per worker,
 * candidate and day under concurrent duplicates and across midnight, the caps, request keys,
 * tallies in the same commit and recount = tally.
 */
let t: TestApp;
let ballots: BallotService;
const campaign: BallotCampaignView = {
  id: 'camp-1',
  orgId: '',
  state: 'voting',
  rules: {
    votesPerCandidatePerDay: 1,
    candidatesPerDay: 3,
    likesPerDay: 2,
    tiersCounted: ['member', 'public'],
    showTotals: 'hidden',
    zeroOnConfirmedFraud: true,
  },
  votingOpens: '2026-06-01T00:00:00.000Z',
  votingCloses: '2026-06-12T00:00:00.000Z',
  resultPublished: false,
};
const candidates: BallotCandidateView[] = Array.from({ length: 6 }, (_, i) => ({
  id: `cand-${i + 1}`,
  orgId: 'org',
  state: i === 5 ? 'withdrawn' : 'active',
  number: i + 1,
  name: `候选人${i + 1}`,
  unitName: '太原钢铁集团',
  regionCode: i % 2 ? '140100' : '140200',
}));
const voter = (n: number, tier: Voter['tier'] = 'member'): Voter => ({
  workerId: `w-${n}`,
  tier,
  firstSeenAt: '2026-06-01T00:00:00.000Z',
});
const meta = { ip: '10.0.0.1', userAgent: 'test', deviceId: null };
let keyN = 0;
const key = () => `key-${String(++keyN).padStart(8, '0')}`;

beforeAll(async () => {
  t = await createTestApp();
  ballots = new BallotService(
    t.platform,
    { forBallots: async (id) => (id === campaign.id ? campaign : null) },
    { list: async () => candidates },
    { findScope: async () => undefined },
    { cacheMs: 0 },
  );
});
afterAll(async () => {
  await ballots.close();
  await t.close();
});
beforeEach(() => {
  t.clock.set('2026-06-02T03:00:00.000Z'); // 11:00 in China
});

describe('casting votes', () => {
  it('counts one vote per worker, candidate and day under concurrent duplicates', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ballots.cast(voter(1), campaign.id, { candidateId: 'cand-1', kind: 'vote', requestKey: key() }, meta),
      ),
    );
    expect(answers.filter((a) => a.outcome === 'counted')).toHaveLength(1);
    expect(answers.filter((a) => a.outcome === 'already_today')).toHaveLength(19);
    const last = answers.at(-1)!;
    expect(last.allowance).toMatchObject({ day: '2026-06-02', votesLeft: 2, votedToday: ['cand-1'] });
  });

  it('holds the cap of candidates per day under concurrency, and opens again after midnight in China', async () => {
    const answers = await Promise.all(
      ['cand-1', 'cand-2', 'cand-3', 'cand-4', 'cand-5'].map((c) =>
        ballots.cast(voter(2), campaign.id, { candidateId: c, kind: 'vote', requestKey: key() }, meta),
      ),
    );
    expect(answers.filter((a) => a.outcome === 'counted')).toHaveLength(3);
    expect(answers.filter((a) => a.outcome === 'cap_reached')).toHaveLength(2);
    t.clock.set('2026-06-02T15:59:59.000Z'); // 23:59:59 in China: still the same day
    const late = await ballots.cast(
      voter(2),
      campaign.id,
      { candidateId: 'cand-1', kind: 'vote', requestKey: key() },
      meta,
    );
    expect(late.outcome).not.toBe('counted');
    t.clock.set('2026-06-02T16:00:00.000Z'); // midnight in China
    const next = await ballots.cast(
      voter(2),
      campaign.id,
      { candidateId: 'cand-1', kind: 'vote', requestKey: key() },
      meta,
    );
    expect(next).toMatchObject({ outcome: 'counted', day: '2026-06-03' });
    expect(next.allowance.votesLeft).toBe(2);
  });

  it('answers a retry with the same request key with the first answer, also after midnight', async () => {
    const k = key();
    const first = await ballots.cast(
      voter(3),
      campaign.id,
      { candidateId: 'cand-2', kind: 'vote', requestKey: k },
      meta,
    );
    const again = await ballots.cast(
      voter(3),
      campaign.id,
      { candidateId: 'cand-2', kind: 'vote', requestKey: k },
      meta,
    );
    expect(first).toMatchObject({ outcome: 'counted', replayed: false });
    expect(again).toMatchObject({ outcome: 'counted', replayed: true, day: first.day });
    const dupKey = key();
    const dup = await ballots.cast(
      voter(3),
      campaign.id,
      { candidateId: 'cand-2', kind: 'vote', requestKey: dupKey },
      meta,
    );
    expect(dup.outcome).toBe('already_today');
    t.clock.set('2026-06-02T16:00:01.000Z');
    const retried = await ballots.cast(
      voter(3),
      campaign.id,
      { candidateId: 'cand-2', kind: 'vote', requestKey: dupKey },
      meta,
    );
    expect(retried).toMatchObject({ outcome: 'already_today', replayed: true, day: '2026-06-02' });
    await expect(
      ballots.cast(voter(4), campaign.id, { candidateId: 'cand-2', kind: 'vote', requestKey: k }, meta),
    ).rejects.toMatchObject({ code: 'vote.request_key_reused' });
  });

  it('holds the like cap under concurrency', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        ballots.cast(voter(5), campaign.id, { candidateId: 'cand-3', kind: 'like', requestKey: key() }, meta),
      ),
    );
    expect(answers.filter((a) => a.outcome === 'counted')).toHaveLength(2);
    expect(answers.at(-1)!.allowance.likesLeft).toBe(0);
  });

  it('refuses closed windows, uncounted tiers and unknown or withdrawn candidates, naming the field', async () => {
    t.clock.set('2026-06-12T00:00:00.000Z');
    await expect(
      ballots.cast(voter(6), campaign.id, { candidateId: 'cand-1', kind: 'vote', requestKey: key() }, meta),
    ).rejects.toMatchObject({ code: 'vote.window_closed', status: 409 });
    t.clock.set('2026-06-03T00:00:00.000Z');
    campaign.rules = { ...campaign.rules, tiersCounted: ['member'] };
    await expect(
      ballots.cast(
        voter(6, 'public'),
        campaign.id,
        { candidateId: 'cand-1', kind: 'vote', requestKey: key() },
        meta,
      ),
    ).rejects.toMatchObject({ code: 'vote.tier_not_counted' });
    campaign.rules = { ...campaign.rules, tiersCounted: ['member', 'public'] };
    for (const candidateId of ['cand-6', 'nobody']) {
      await expect(
        ballots.cast(voter(6), campaign.id, { candidateId, kind: 'vote', requestKey: key() }, meta),
      ).rejects.toMatchObject({
        code: 'vote.candidate_unknown',
        details: { fields: [{ field: 'body.candidateId' }] },
      });
    }
  });

  it('keeps the tallies equal to a recount of the raw votes, and shows mine only', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        ballots.cast(
          voter(100 + (i % 15)),
          campaign.id,
          { candidateId: `cand-${(i % 5) + 1}`, kind: i % 3 ? 'vote' : 'like', requestKey: key() },
          meta,
        ),
      ),
    );
    const r = await ballots.recountRaw(campaign.id);
    expect(r.equal).toBe(true);
    expect(r.tally).toEqual(r.recount);
    expect(r.recount.votes).toBeGreaterThan(0);
    const clean = await ballots.cleanTotals(campaign.id);
    expect(clean.map((c) => c.candidateId)).toEqual(['cand-1', 'cand-2', 'cand-3', 'cand-4', 'cand-5']);
    expect(clean.reduce((n, c) => n + c.rawVotes, 0)).toBe(r.recount.votes);
    const mine = await ballots.myVotes(voter(3), campaign.id, 50);
    expect(mine.items.every((m) => m.candidateId === 'cand-2')).toBe(true);
    const pub = await ballots.publicCandidates(campaign.id);
    expect(pub.totalsShown).toBe(false);
    expect(pub.items.every((c) => c.votes === undefined)).toBe(true);
    expect(pub.items).toHaveLength(5);
  });

  it('decides a mixed batch as one request at a time would: twins, reused keys, caps, likes', async () => {
    t.clock.set('2026-06-04T03:00:00.000Z');
    const twin = key();
    const other = key();
    const stats = ballots.writes.stats;
    const alone = stats.aloneItems;
    const cast = (w: number, candidateId: string, kind: 'vote' | 'like', requestKey = key()) =>
      ballots.cast(voter(w), campaign.id, { candidateId, kind, requestKey }, meta).then(
        (a) => a,
        (e: { code?: string }) => ({ error: e.code }),
      );
    const answers = await Promise.all([
      cast(200, 'cand-1', 'vote', twin), // counted
      cast(200, 'cand-1', 'vote', twin), // the same press twice: its first answer, replayed
      cast(201, 'cand-1', 'vote', other), // counted
      cast(202, 'cand-2', 'vote', other), // another worker's key: refused
      ...['cand-1', 'cand-2', 'cand-3', 'cand-4'].map((c) => cast(203, c, 'vote')), // cap 3: one refused
      cast(204, 'cand-1', 'vote'),
      cast(204, 'cand-1', 'vote'), // the same pair again, another key: already today
      ...[1, 2, 3].map(() => cast(205, 'cand-2', 'like')), // like cap 2
    ]);
    expect(answers[0]).toMatchObject({ outcome: 'counted', replayed: false });
    expect(answers[1]).toMatchObject({ outcome: 'counted', replayed: true });
    expect(answers[2]).toMatchObject({ outcome: 'counted' });
    expect(answers[3]).toEqual({ error: 'vote.request_key_reused' });
    const w203 = answers.slice(4, 8) as { outcome: string; allowance: { votesLeft: number } }[];
    expect(w203.map((a) => a.outcome).sort()).toEqual(['cap_reached', 'counted', 'counted', 'counted']);
    expect(answers[8]).toMatchObject({ outcome: 'counted' });
    expect(answers[9]).toMatchObject({ outcome: 'already_today', replayed: false });
    const likes = answers.slice(10) as { outcome: string }[];
    expect(likes.map((a) => a.outcome).sort()).toEqual(['cap_reached', 'counted', 'counted']);
    expect(stats.aloneItems).toBeGreaterThan(alone); // the twin and the over-cap groups
    expect(stats.setFallbacks).toBe(0); // the rest decided set-wise
    const mine = await ballots.allowance(voter(203), campaign.id);
    expect(mine).toMatchObject({ votesLeft: 0 });
    expect(mine.votedToday).toHaveLength(3);
    expect((await ballots.recountRaw(campaign.id)).equal).toBe(true);
  });
});
