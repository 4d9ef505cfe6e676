import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo, campaignBody, createCampaign, RULES } from '../../../test/factories/vote';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let cadre: Agent;
let other: Agent;

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  cadre = await signIn(t, 'yx_cadre');
  other = await signIn(t, 'yc_staff');
});
afterAll(() => t.close());

describe('campaign set-up', () => {
  it('creates a draft with rules and timeline, audited', async () => {
    const res = await staff.post('/api/vote/campaigns', campaignBody(t));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      state: 'draft',
      frozen: false,
      rules: RULES,
      nextStates: ['nominating', 'cancelled'],
    });
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'vote.campaign.create')
      .where('subjectId', '=', c.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a timeline out of order, weights not summing to 100, a foreign organiser', async () => {
    const body = campaignBody(t);
    const bad = await staff.post('/api/vote/campaigns', {
      ...body,
      timeline: { ...body.timeline, votingCloses: body.timeline.nominationOpens },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('vote.bad_timeline');
    expect(fields(bad)).toEqual(['body.timeline.votingCloses']);
    const formula = await staff.post('/api/vote/campaigns', {
      ...body,
      rules: { ...RULES, formula: { publicWeight: 30, expertWeight: 60, normalisation: 'max' } },
    });
    expect(formula.statusCode).toBe(422);
    expect(fields(formula)).toEqual(['body.rules.formula.expertWeight']);
    const foreign = await staff.post('/api/vote/campaigns', { ...body, orgId: t.orgs.get('yinchuan') });
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['body.orgId']);
  });

  it('is seen by its federation and the units below it, not by another federation', async () => {
    const id = await createCampaign(t, staff);
    expect((await staff.get(`/api/vote/campaigns/${id}`)).statusCode).toBe(200);
    expect((await cadre.get(`/api/vote/campaigns/${id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/vote/campaigns/${id}`)).statusCode).toBe(404);
    const listed = (await cadre.get('/api/vote/campaigns')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await other.get('/api/vote/campaigns')).json().items).toEqual([]);
  });
});

describe('rules frozen when voting opens', () => {
  it('changes rules before voting; refuses (409, field named, audited) once voting opened', async () => {
    const id = await createCampaign(t, staff);
    let c = (await staff.get(`/api/vote/campaigns/${id}`)).json();
    const changed = await staff.patch(`/api/vote/campaigns/${id}`, {
      version: c.version,
      rules: { ...RULES, likesPerDay: 5 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().rules.likesPerDay).toBe(5);

    await advanceTo(staff, id, 'voting');
    c = (await staff.get(`/api/vote/campaigns/${id}`)).json();
    expect(c.frozen).toBe(true);
    expect(c.rulesFrozenAt).not.toBeNull();
    const refused = await staff.patch(`/api/vote/campaigns/${id}`, {
      version: c.version,
      rules: { ...RULES, likesPerDay: 50 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('vote.rules_frozen');
    expect(fields(refused)).toEqual(['body.rules']);
    const timeline = await staff.patch(`/api/vote/campaigns/${id}`, {
      version: c.version,
      timeline: {
        ...c.timeline,
        votingCloses: new Date(Date.parse(c.timeline.votingCloses) + 86_400_000).toISOString(),
      },
    });
    expect(fields(timeline)).toEqual(['body.timeline']);
    const denied = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'vote.campaign.update')
      .where('subjectId', '=', id)
      .where('result', '=', 'denied')
      .execute();
    expect(denied).toHaveLength(2);
    // The title may still be corrected; the rules as they were are not a change.
    const title = await staff.patch(`/api/vote/campaigns/${id}`, {
      version: c.version,
      title: '新标题',
      rules: c.rules,
    });
    expect(title.statusCode).toBe(200);
  });

  it('freezes by the clock too: past the published opening, a draft keeps its rules', async () => {
    // Published to open yesterday: the clock has passed it whatever the state says.
    const body = campaignBody(t);
    const shifted = Object.fromEntries(
      Object.entries(body.timeline).map(([k, v]) => [
        k,
        new Date(Date.parse(v) - 5 * 86_400_000).toISOString(),
      ]),
    ) as typeof body.timeline;
    const id = await createCampaign(t, staff, { timeline: shifted });
    const c = (await staff.get(`/api/vote/campaigns/${id}`)).json();
    expect(c).toMatchObject({ state: 'draft', frozen: true });
    const refused = await staff.patch(`/api/vote/campaigns/${id}`, {
      version: c.version,
      rules: { ...RULES, likesPerDay: 1 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('vote.rules_frozen');
  });
});

describe('the public rules page and the ballots view', () => {
  it('shows organisers, timeline and rules without sign-in once out of draft', async () => {
    const id = await createCampaign(t, staff);
    const anon = await t.app.inject({ method: 'GET', url: `/api/public/vote/campaigns/${id}` });
    expect(anon.statusCode).toBe(404);
    await advanceTo(staff, id, 'nominating');
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/vote/campaigns/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      organiser: '青铜峡市总工会',
      coOrganisers: ['中共青铜峡市委宣传部'],
      state: 'nominating',
      resultPublished: false,
    });
    const b = await t.services.vote.campaigns.forBallots(id);
    expect(b).toMatchObject({ id, state: 'nominating', resultPublished: false, rules: RULES });
  });
});
