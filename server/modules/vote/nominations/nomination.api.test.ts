import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTo,
  campaignWithCandidates,
  createCampaign,
  nominate,
  PNG,
  RULES,
} from '../../../test/factories/vote';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let cadre: Agent;
let expert: Agent;
let other: Agent;

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  cadre = await signIn(t, 'yx_cadre');
  expert = await signIn(t, 'qtx_expert');
  other = await signIn(t, 'yc_staff');
});
afterAll(() => t.close());

describe('nominations', () => {
  it('a unit nominates while open; the ID number is masked; a second nomination of the person is refused', async () => {
    const id = await createCampaign(t, staff);
    const closed = await cadre.post(`/api/vote/campaigns/${id}/nominations`, {});
    expect(closed.statusCode).toBe(400);
    await expect(nominate(t, cadre, id)).rejects.toThrow(/vote.nomination_closed/);
    await advanceTo(staff, id, 'nominating');
    const nid = await nominate(t, cadre, id, { idNumber: '640381198001019991' });
    const n = (await cadre.get(`/api/vote/nominations/${nid}`)).json();
    expect(n.state).toBe('submitted');
    expect(n.idNumberMasked).not.toContain('19800101');
    expect(n.regionCode).toBe('640381101');
    const again = await cadre.post(`/api/vote/campaigns/${id}/nominations`, {
      orgId: t.orgs.get('yingxin'),
      nomineeName: '重复',
      gender: 'male',
      idNumber: '640381198001019991',
      unitName: 'x',
      story: 'y',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('vote.duplicate_nominee');
    expect(fields(again)).toEqual(['body.idNumber']);
    // Another unit's cadre would not see it; another federation not at all.
    expect((await other.get(`/api/vote/nominations/${nid}`)).statusCode).toBe(404);
    const self = await cadre.post(`/api/vote/campaigns/${id}/nominations`, {
      orgId: t.orgs.get('yingxin'),
      source: 'self',
      nomineeName: '自荐',
      gender: 'male',
      idNumber: '640381198001019982',
      unitName: 'x',
      story: 'y',
    });
    expect(self.json().code).toBe('vote.source_not_allowed');
    const foreign = await cadre.post(`/api/vote/campaigns/${id}/nominations`, {
      orgId: t.orgs.get('qtx_school'),
      nomineeName: '别单位',
      gender: 'male',
      idNumber: '640381198001019974',
      unitName: 'x',
      story: 'y',
    });
    expect(fields(foreign)).toEqual(['body.orgId']);
  });

  it('takes a photo, refuses a file that is not what it says; eligibility needs reasons to refuse', async () => {
    const id = await createCampaign(t, staff);
    await advanceTo(staff, id, 'nominating');
    const nid = await nominate(t, cadre, id);
    const photo = await cadre.upload(
      `/api/vote/nominations/${nid}/files?kind=photo`,
      PNG,
      'image/png',
      '照片.png',
    );
    expect(photo.statusCode).toBe(201);
    expect(photo.json().files).toHaveLength(1);
    const fake = await cadre.upload(
      `/api/vote/nominations/${nid}/files?kind=photo`,
      Buffer.from('hello'),
      'image/png',
      'x.png',
    );
    expect(fake.statusCode).toBe(415);
    const file = await staff.get(`/api/vote/files/${photo.json().files[0].id}`);
    expect(file.statusCode).toBe(200);
    const n = photo.json();
    const noReason = await staff.post(`/api/vote/nominations/${nid}/eligibility`, {
      version: n.version,
      eligible: false,
    });
    expect(fields(noReason)).toEqual(['body.reasons']);
    const refused = await staff.post(`/api/vote/nominations/${nid}/eligibility`, {
      version: n.version,
      eligible: false,
      reasons: ['材料不全'],
    });
    expect(refused.json()).toMatchObject({ state: 'ineligible', reasons: ['材料不全'] });
    // The cadre may not review.
    expect(
      (await cadre.post(`/api/vote/nominations/${nid}/eligibility`, { version: 2, eligible: true }))
        .statusCode,
    ).toBe(403);
  });
});

describe('experts, conflicts and the shortlist', () => {
  it('an assigned expert scores; a declared conflict hides the nominee and refuses the score', async () => {
    const id = await createCampaign(t, staff);
    await advanceTo(staff, id, 'nominating');
    const a = await nominate(t, staff, id);
    const b = await nominate(t, staff, id);
    for (const nid of [a, b]) {
      const n = (await staff.get(`/api/vote/nominations/${nid}`)).json();
      await staff.post(`/api/vote/nominations/${nid}/eligibility`, { version: n.version, eligible: true });
    }
    // Not yet assigned: the campaign is not the expert's.
    expect((await expert.get(`/api/vote/campaigns/${id}/my-nominees`)).statusCode).toBe(404);
    const notExpert = await staff.post(`/api/vote/campaigns/${id}/experts`, {
      userId: t.users.get('yx_cadre'),
    });
    expect(fields(notExpert)).toEqual(['body.userId']);
    await staff.post(`/api/vote/campaigns/${id}/experts`, { userId: t.users.get('qtx_expert') });
    await advanceTo(staff, id, 'reviewing');
    const list = (await expert.get(`/api/vote/campaigns/${id}/my-nominees`)).json();
    expect(list.stage).toBe('preliminary');
    expect(list.items.map((x: { nominationId: string }) => x.nominationId).sort()).toEqual([a, b].sort());
    const scored = await expert.put(`/api/vote/nominations/${a}/score`, {
      stage: 'preliminary',
      criteria: { deeds: 90, innovation: 80, influence: 85 },
    });
    expect(scored.statusCode).toBe(200);
    expect(scored.json().total).toBe(85);
    const declared = await expert.post(`/api/vote/campaigns/${id}/my-conflicts`, {
      nominationId: a,
      reason: '同单位亲属',
    });
    expect(declared.statusCode).toBe(200);
    expect(declared.json().items.map((x: { nominationId: string }) => x.nominationId)).toEqual([b]);
    const refused = await expert.put(`/api/vote/nominations/${a}/score`, {
      stage: 'preliminary',
      criteria: { deeds: 90, innovation: 90, influence: 90 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('vote.conflict_declared');
    const score = await t.platform.db
      .selectFrom('voteExpertScore')
      .selectAll()
      .where('nominationId', '=', a)
      .execute();
    expect(score).toEqual([]);
    const wrongStage = await expert.put(`/api/vote/nominations/${b}/score`, {
      stage: 'final',
      criteria: { deeds: 1, innovation: 1, influence: 1 },
    });
    expect(fields(wrongStage)).toEqual(['body.stage']);
    // Conflicts are the organiser's to see.
    const conflicts = (await staff.get(`/api/vote/campaigns/${id}/conflicts`)).json();
    expect(conflicts.items).toHaveLength(1);
  });

  it('the rule shortlists ceil(1.2 × final) by preliminary mean; the rest are not selected', async () => {
    const { campaignId, nominationIds, candidateIds } = await campaignWithCandidates(t, staff, expert, 4, {
      rules: { ...RULES, finalCount: 2 },
    });
    // ceil(1.2 × 2) = 3 of 4, numbered by rank; the photo goes with the candidate.
    expect(candidateIds).toHaveLength(3);
    const cands = (await cadre.get(`/api/vote/campaigns/${campaignId}/candidates`)).json().items;
    expect(cands.map((c: { number: number }) => c.number)).toEqual([1, 2, 3]);
    expect(cands.map((c: { nominationId: string }) => c.nominationId)).toEqual(nominationIds.slice(0, 3));
    expect(cands[0].photoFileId).not.toBeNull();
    const last = (await staff.get(`/api/vote/nominations/${nominationIds[3]}`)).json();
    expect(last.state).toBe('not_selected');
    const view = (await staff.get(`/api/vote/campaigns/${campaignId}/shortlist`)).json();
    expect(view).toMatchObject({ done: true, size: 3 });
    expect(view.working).toContain('⌈1.2 × 2⌉ = 3');
    const photo = await t.app.inject({
      method: 'GET',
      url: `/api/public/vote/candidates/${candidateIds[0]}/photo`,
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    // forBallots and list for the ballots.
    const b = await t.services.vote.candidates.forBallots(campaignId, candidateIds[0]!);
    expect(b).toMatchObject({ id: candidateIds[0], orgId: t.orgs.get('yingxin'), state: 'active' });
    expect(await t.services.vote.candidates.forBallots(campaignId, 'nope')).toBeNull();
  });

  it('an organiser’s own pick needs a reason', async () => {
    const id = await createCampaign(t, staff);
    await advanceTo(staff, id, 'nominating');
    const a = await nominate(t, staff, id);
    const b = await nominate(t, staff, id);
    for (const nid of [a, b]) {
      const n = (await staff.get(`/api/vote/nominations/${nid}`)).json();
      await staff.post(`/api/vote/nominations/${nid}/eligibility`, { version: n.version, eligible: true });
    }
    await advanceTo(staff, id, 'reviewing');
    const pick = await staff.post(`/api/vote/campaigns/${id}/shortlist`, { pick: [a] });
    expect(fields(pick)).toEqual(['body.reason']);
    const ok = await staff.post(`/api/vote/campaigns/${id}/shortlist`, {
      pick: [a],
      reason: '另一人材料存疑',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().reason).toBe('另一人材料存疑');
    const twice = await staff.post(`/api/vote/campaigns/${id}/shortlist`, {});
    expect(twice.statusCode).toBe(409);
  });

  it('pages the nominations beyond 100 with their total; a unit sees its own; the state filters', async () => {
    const id = await createCampaign(t, staff);
    await advanceTo(staff, id, 'nominating');
    const ids: string[] = [];
    for (let i = 0; i < 103; i++) {
      ids.push(await nominate(t, staff, id, { orgId: t.orgs.get('qtx_school') }));
    }
    const mine = [await nominate(t, cadre, id), await nominate(t, cadre, id)];
    ids.push(...mine);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await staff.get(`/api/vote/campaigns/${id}/nominations?page=${page}&pageSize=50`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 105, page, pageSize: 50 });
      expect(body.items).toHaveLength(page < 3 ? 50 : 5);
      seen.push(...body.items.map((n: { id: string }) => n.id));
    }
    // Every nomination once, in the order they came in (then by id).
    expect(new Set(seen).size).toBe(105);
    expect(seen).toEqual(ids);
    const beyond = (await staff.get(`/api/vote/campaigns/${id}/nominations?page=4&pageSize=50`)).json();
    expect(beyond).toMatchObject({ total: 105, items: [] });
    // The default page is the first 20.
    const first = (await staff.get(`/api/vote/campaigns/${id}/nominations`)).json();
    expect(first).toMatchObject({ total: 105, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    // The unit's cadre: its own two only, counted as two.
    const own = (await cadre.get(`/api/vote/campaigns/${id}/nominations?pageSize=200`)).json();
    expect(own.total).toBe(2);
    expect(own.items.map((n: { id: string }) => n.id).sort()).toEqual([...mine].sort());
    const n = (await staff.get(`/api/vote/nominations/${ids[101]}`)).json();
    await staff.post(`/api/vote/nominations/${ids[101]}/eligibility`, { version: n.version, eligible: true });
    const eligible = (await staff.get(`/api/vote/campaigns/${id}/nominations?state=eligible`)).json();
    expect(eligible.total).toBe(1);
    expect(eligible.items.map((x: { id: string }) => x.id)).toEqual([ids[101]]);
    const tooBig = await staff.get(`/api/vote/campaigns/${id}/nominations?pageSize=201`);
    expect(tooBig.statusCode).toBe(400);
    expect(fields(tooBig)).toEqual(['query.pageSize']);
  });
});
