import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWorker } from '../../../test/factories/membership';
import { votingCampaign } from '../../../test/factories/vote-ballots';
import { Agent, createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let cadre: Agent;
let campaignId: string;
let candidateIds: string[];
const base = () => `/api/vote/campaigns/${campaignId}`;

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  ({ campaignId, candidateIds } = await votingCampaign(t, staff, { candidates: 4 }));
  // A burst for candidate 1 from one device: 12 new workers a few seconds apart.
  for (let i = 0; i < 12; i++) {
    const w = new Agent(t);
    await signInWorker(w, `1380000${String(i).padStart(4, '0')}`);
    const res = await w.request({
      method: 'POST',
      url: `${base()}/votes`,
      payload: { candidateId: candidateIds[0], kind: 'vote', requestKey: randomUUID() },
      headers: { 'x-device-id': 'farm-phone-1' },
    });
    expect(res.json().outcome).toBe('counted');
    t.clock.advance(1000);
  }
  // An honest vote for candidate 2.
  const honest = new Agent(t);
  await signInWorker(honest, '13900009999');
  await honest.post(`${base()}/votes`, {
    candidateId: candidateIds[1],
    kind: 'vote',
    requestKey: randomUUID(),
  });
  await staff.login('qtx_staff');
  cadre = await signIn(t, 'yx_cadre');
});
afterAll(() => t.close());

describe('fraud review with due process', () => {
  let flagId: string;
  let deviceHash: string;

  it('finds the device cluster and the newly registered workers, without per-candidate totals while hidden', async () => {
    const res = await staff.get(`${base()}/integrity?clusterMin=5`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    const device = a.clusters.find((c: { by: string }) => c.by === 'device');
    expect(device).toMatchObject({ workers: 12, votes: 12 });
    deviceHash = device.hash;
    const first = a.newWorkers.find((n: { candidateId: string }) => n.candidateId === candidateIds[0]);
    expect(first.shareX10000).toBe(10000);
    expect(first).not.toHaveProperty('votes');
  });

  it('flags the votes with evidence, tells the nominating unit, discounts them, and the unit appeals', async () => {
    const empty = await staff.post(`${base()}/flags`, {
      criteria: { deviceHashes: ['nothing-here'] },
      evidence: '同一设备',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('vote.flag_empty');
    const created = await staff.post(`${base()}/flags`, {
      criteria: { candidateId: candidateIds[0], deviceHashes: [deviceHash] },
      evidence: '12 个新注册账号在 12 秒内用同一设备投票',
    });
    expect(created.statusCode, created.body).toBe(201);
    const flag = created.json();
    flagId = flag.id;
    expect(flag).toMatchObject({ ballotsCount: 12, state: 'open' });
    // The nominating unit (迎新社区工会, candidate 1's) sees it on its page.
    const mine = await cadre.get(`${base()}/unit-flags`);
    expect(mine.json().items.map((f: { id: string }) => f.id)).toEqual([flagId]);
    const early = await cadre.post(`${base()}/flags/${flagId}/appeal`, { text: '请复核' });
    expect(early.json().code).toBe('vote.flag_not_decided');
    const decided = await staff.post(`${base()}/flags/${flagId}/decide`, {
      decision: 'discount',
      reason: '设备聚集且间隔异常',
      version: flag.version,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const clean = await t.services.vote.ballots.cleanTotals(campaignId);
    expect(clean.find((c) => c.candidateId === candidateIds[0])).toMatchObject({
      rawVotes: 12,
      discountedVotes: 12,
      cleanVotes: 0,
    });
    const again = await staff.post(`${base()}/flags/${flagId}/decide`, {
      decision: 'dismiss',
      reason: 'x',
      version: decided.json().version,
    });
    expect(again.json().code).toBe('vote.flag_decided');
    const appealed = await cadre.post(`${base()}/flags/${flagId}/appeal`, {
      text: '这些是同一车间的工友，用班组手机投票',
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    expect((await cadre.post(`${base()}/flags/${flagId}/appeal`, { text: '再次' })).json().code).toBe(
      'vote.appeal_exists',
    );
    const other = await signIn(t, 'qtx_school_cadre').catch(() => null);
    if (other)
      expect((await other.post(`${base()}/flags/${flagId}/appeal`, { text: 'x' })).statusCode).toBe(404);
    const appeal = appealed.json().appeal;
    const rejected = await staff.post(`${base()}/appeals/${appeal.id}/decide`, {
      decision: 'rejected',
      reason: '同一设备 12 秒内 12 票，不符合正常投票',
      version: appeal.version,
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().state).toBe('rejected');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'vote.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'vote.flag.create',
        'vote.flag.decide',
        'vote.appeal.create',
        'vote.appeal.decide',
      ]),
    );
  });

  it('zeroes a candidate by the published rule (clean votes 0, raw votes kept)', async () => {
    const created = await staff.post(`${base()}/flags`, {
      criteria: { candidateId: candidateIds[1] },
      evidence: '复核',
    });
    const flag = created.json();
    const zeroed = await staff.post(`${base()}/flags/${flag.id}/decide`, {
      decision: 'zero',
      reason: '确认刷票，按规则取消资格',
      version: flag.version,
    });
    expect(zeroed.statusCode, zeroed.body).toBe(200);
    let clean = await t.services.vote.ballots.cleanTotals(campaignId);
    expect(clean.find((c) => c.candidateId === candidateIds[1])?.cleanVotes).toBe(0);
    const school = await signIn(t, 'qtx_staff');
    expect(school).toBeTruthy();
    const flags = await staff.get(`${base()}/flags`);
    expect(flags.json().items).toHaveLength(2);
    // candidate 2 is the school's; its cadre would appeal — here the organiser upholds on review.
    const c = await t.services.vote.candidates.get(campaignId, candidateIds[1]);
    expect(c?.state).toBe('zeroed');
    const stillVoting = await t.services.vote.ballots.publicCandidates(campaignId);
    expect(stillVoting.items.find((i) => i.id === candidateIds[1])).toBeTruthy();
    clean = await t.services.vote.ballots.cleanTotals(campaignId);
    expect(clean.find((x) => x.candidateId === candidateIds[1])?.rawVotes).toBe(1);
  });

  it('keeps the review to organisers and the unit', async () => {
    expect((await cadre.get(`${base()}/integrity`)).statusCode).toBe(403);
    expect((await cadre.get(`${base()}/flags`)).statusCode).toBe(403);
    const yc = await signIn(t, 'yc_staff');
    expect((await yc.get(`${base()}/flags`)).statusCode).toBe(404);
  });
});
