import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { archiveHousehold, screenHousehold, setStandard } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let social: Agent;
let outsider: Agent;
let hospital: Agent;
let otherFederation: Agent;

const form = (idSeq: string, over: Partial<ScreeningForm> = {}): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: `住户${idSeq}`,
  idNumber: makeIdNumber('640381', '19800101', idSeq),
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: `大坝镇 ${idSeq} 号`,
  householdSize: 4,
  annualIncomeFen: 2_400_000,
  rigidExpenseFen: 600_000,
  causes: ['serious_illness', 'schooling'],
  members: [],
  needs: [{ kind: 'medical', urgency: 'urgent', description: '需复查' }],
  ...over,
});

const screen = (agent: Agent, idSeq: string, over: Partial<ScreeningForm> = {}) =>
  screenHousehold(agent, form(idSeq, over));

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

const measure = (over: Record<string, unknown> = {}) => ({
  policy: 'household',
  kind: 'medical_aid',
  description: '人民医院绿色通道复查',
  responsibleOrgId: t.orgs.get('hospital'),
  dueOn: '2026-06-30',
  valueFen: 20_000,
  ...over,
});

let archivedA = '';
let archivedB = '';
let archivedC = '';
let archivedNoSchool = '';
let screenedOnly = '';
let jinduHousehold = '';

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  social = await signIn(t, 'gx_social');
  outsider = await signIn(t, 'jd_volunteer');
  hospital = await signIn(t, 'rmyy_staff');
  otherFederation = await signIn(t, 'yc_staff');
  await setStandard(staff);
  archivedA = await screen(volunteer, '301');
  archivedB = await screen(volunteer, '302', { divisionCode: '640381102' });
  archivedC = await screen(volunteer, '303', { needs: [] });
  archivedNoSchool = await screen(volunteer, '304', { causes: ['laid_off'] });
  screenedOnly = await screen(volunteer, '305');
  jinduHousehold = await screen(outsider, '306', { causes: ['laid_off'], needs: [] });
  for (const id of [archivedA, archivedB, archivedC, archivedNoSchool]) await archiveHousehold(staff, id);
});
afterAll(() => t.close());

describe('一户一策 and 个案专策 measures', () => {
  let householdMeasure = { id: '', version: 1 };
  let caseMeasure = { id: '', version: 1 };

  it('a household measure starts planned; a case measure waits for approval', async () => {
    const res = await volunteer.post(`/api/households/${archivedA}/measures`, measure());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      householdId: archivedA,
      headName: '住户301',
      policy: 'household',
      templateId: null,
      state: 'planned',
      responsibleOrgName: '青铜峡市人民医院',
      overdue: false,
      version: 1,
    });
    householdMeasure = res.json();
    const c = await volunteer.post(
      `/api/households/${archivedA}/measures`,
      measure({
        policy: 'case',
        kind: 'psychological_support',
        description: '个案心理疏导',
        responsibleOrgId: t.orgs.get('guxia'),
      }),
    );
    expect(c.json()).toMatchObject({ policy: 'case', state: 'pending_approval' });
    caseMeasure = c.json();
    const timeline = (await staff.get(`/api/households/${archivedA}`)).json().timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'measure_added')).toHaveLength(2);
  });

  it('refuses bad input naming the field', async () => {
    const url = `/api/households/${archivedA}/measures`;
    const foreign = await staff.post(url, measure({ responsibleOrgId: t.orgs.get('yinchuan_bus') }));
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['body.responsibleOrgId']);
    const unknown = await staff.post(url, measure({ responsibleOrgId: 'nope' }));
    expect(fields(unknown)).toEqual(['body.responsibleOrgId']);
    const bad = await staff.post(url, measure({ policy: 'category', dueOn: '2026-13-01', description: ' ' }));
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['body.policy', 'body.dueOn', 'body.description']));
  });

  it('keeps out-of-reach households out: unlinked partner 404, caring unit 403', async () => {
    const url = `/api/households/${archivedA}/measures`;
    expect((await outsider.post(url, measure())).statusCode).toBe(404);
    expect((await otherFederation.post(url, measure())).statusCode).toBe(404);
    expect((await hospital.post(url, measure())).statusCode).toBe(403);
    const move = { version: householdMeasure.version, state: 'in_progress' };
    expect((await outsider.post(`/api/measures/${householdMeasure.id}/state`, move)).statusCode).toBe(404);
    expect((await hospital.post(`/api/measures/${householdMeasure.id}/state`, move)).statusCode).toBe(403);
    expect((await staff.post('/api/measures/nope/state', move)).statusCode).toBe(404);
  });

  it('moves planned → in progress → done, version-checked, into the ledger once', async () => {
    const url = `/api/measures/${householdMeasure.id}/state`;
    const started = await social.post(url, { version: householdMeasure.version, state: 'in_progress' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ state: 'in_progress', version: 2 });
    const stale = await social.post(url, { version: 1, state: 'done' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('measure.stale');
    const early = await social.post(url, { version: 2, state: 'cancelled', doneOn: '2026-05-31' });
    expect(early.statusCode).toBe(422);
    expect(fields(early)).toEqual(['body.doneOn']);
    const future = await social.post(url, { version: 2, state: 'done', doneOn: '2026-06-05' });
    expect(fields(future)).toEqual(['body.doneOn']);
    const done = await social.post(url, { version: 2, state: 'done', note: '已复查' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', doneOn: '2026-06-01', version: 3 });
    const again = await social.post(url, { version: 3, state: 'done' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'measure.wrong_state' });
    expect(again.json().title).toContain('done');
    const rows = await t.platform.db
      .selectFrom('helpRecord')
      .selectAll()
      .where('sourceId', '=', householdMeasure.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      route: 'measure',
      kind: 'medical_aid',
      what: '人民医院绿色通道复查',
      valueFen: 20_000,
      givenByOrgId: t.orgs.get('hospital'),
      givenOn: '2026-06-01',
    });
  });

  it('a case measure cannot start before approval; only the federation decides', async () => {
    const start = await volunteer.post(`/api/measures/${caseMeasure.id}/state`, {
      version: 1,
      state: 'in_progress',
    });
    expect(start.statusCode).toBe(409);
    expect(start.json().title).toContain('pending_approval');
    const decide = { version: 1, approve: true, note: '同意' };
    expect((await volunteer.post(`/api/measures/${caseMeasure.id}/decide`, decide)).statusCode).toBe(403);
    expect((await otherFederation.post(`/api/measures/${caseMeasure.id}/decide`, decide)).statusCode).toBe(
      404,
    );
    const stale = await staff.post(`/api/measures/${caseMeasure.id}/decide`, { ...decide, version: 9 });
    expect(stale.json().code).toBe('measure.stale');
    const ok = await staff.post(`/api/measures/${caseMeasure.id}/decide`, decide);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'planned',
      decidedByName: '李静',
      decisionNote: '同意',
      version: 2,
    });
    const twice = await staff.post(`/api/measures/${caseMeasure.id}/decide`, { ...decide, version: 2 });
    expect(twice.statusCode).toBe(409);
    const rejected = await staff.post(
      `/api/households/${archivedA}/measures`,
      measure({ policy: 'case', description: '申请大病救助' }),
    );
    const no = await staff.post(`/api/measures/${rejected.json().id}/decide`, { version: 1, approve: false });
    expect(no.json()).toMatchObject({ state: 'rejected', decisionNote: null });
    const cancel = await volunteer.post(`/api/measures/${caseMeasure.id}/state`, {
      version: 2,
      state: 'cancelled',
    });
    expect(cancel.json()).toMatchObject({ state: 'cancelled' });
  });

  it('lists measures in reach, with filters and overdue', async () => {
    const late = await staff.post(`/api/households/${archivedB}/measures`, measure({ dueOn: '2026-05-25' }));
    expect(late.json().overdue).toBe(true);
    await staff.post(
      `/api/households/${jinduHousehold}/measures`,
      measure({ responsibleOrgId: t.orgs.get('jindu') }),
    );
    const all = (await staff.get('/api/measures?pageSize=50')).json();
    expect(all.total).toBe(5);
    const overdue = (await staff.get('/api/measures?overdue=true')).json();
    expect(overdue.items.map((m: { id: string }) => m.id)).toEqual([late.json().id]);
    expect((await staff.get('/api/measures?overdue=false')).json().total).toBe(4);
    expect((await staff.get('/api/measures?state=done')).json().total).toBe(1);
    expect((await staff.get('/api/measures?policy=case')).json().total).toBe(2);
    expect((await staff.get(`/api/measures?responsibleOrgId=${t.orgs.get('jindu')}`)).json().total).toBe(1);
    // Partners see the households linked to their organisation only.
    const mine = (await volunteer.get('/api/measures')).json();
    expect(mine.total).toBe(4);
    const theirs = (await outsider.get('/api/measures')).json();
    expect(theirs.items.map((m: { householdId: string }) => m.householdId)).toEqual([jinduHousehold]);
    expect((await otherFederation.get('/api/measures')).json().total).toBe(0);
    expect((await hospital.get('/api/measures')).statusCode).toBe(403);
    const bad = await staff.get('/api/measures?overdue=maybe&state=lost');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['query.overdue', 'query.state']));
  });
});

describe('同类同策 templates', () => {
  let template = { id: '', version: 1 };
  const body = () => ({
    name: '助学帮扶',
    description: '有在读子女的建档户',
    criteria: { causes: ['schooling'] },
    measures: [
      {
        kind: 'education_aid',
        description: '金秋助学金',
        responsibleOrgId: t.orgs.get('qtx'),
        dueInDays: 30,
        valueFen: 100_000,
      },
      {
        kind: 'coupons',
        description: '学习用品券',
        responsibleOrgId: t.orgs.get('restaurant'),
        dueInDays: 14,
      },
    ],
  });

  it('only the federation manages templates; every responsible organisation is checked', async () => {
    expect((await volunteer.post('/api/plan-templates', body())).statusCode).toBe(403);
    expect((await hospital.get('/api/plan-templates')).statusCode).toBe(403);
    const b = body();
    b.measures[1].responsibleOrgId = t.orgs.get('yinchuan_bus');
    const bad = await staff.post('/api/plan-templates', b);
    expect(bad.statusCode).toBe(422);
    expect(fields(bad)).toEqual(['body.measures.1.responsibleOrgId']);
    const badDivision = await staff.post('/api/plan-templates', {
      ...body(),
      criteria: { divisionCode: '999999' },
    });
    expect(fields(badDivision)).toEqual(['body.criteria.divisionCode']);
    const shape = await staff.post('/api/plan-templates', {
      ...body(),
      measures: [],
      criteria: { causes: ['x'] },
    });
    expect(shape.statusCode).toBe(400);
    expect(fields(shape)).toEqual(expect.arrayContaining(['body.measures', 'body.criteria.causes.0']));
    const res = await staff.post('/api/plan-templates', body());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: '助学帮扶',
      status: 'active',
      appliedCount: 0,
      criteria: {
        causes: ['schooling'],
        archiveStates: ['archived', 'reported', 'approved'],
        categories: [],
      },
    });
    expect(res.json().measures[1]).toMatchObject({ responsibleOrgName: '如在蜀餐饮公司', valueFen: 0 });
    template = res.json();
    expect((await otherFederation.get('/api/plan-templates')).json().items).toEqual([]);
  });

  it('updates with the version', async () => {
    const stale = await staff.patch(`/api/plan-templates/${template.id}`, { ...body(), version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('template.stale');
    const ok = await staff.patch(`/api/plan-templates/${template.id}`, {
      ...body(),
      name: '金秋助学',
      version: template.version,
    });
    expect(ok.json()).toMatchObject({ name: '金秋助学', version: 2 });
    template = ok.json();
    expect(
      (await otherFederation.patch(`/api/plan-templates/${template.id}`, { ...body(), version: 2 }))
        .statusCode,
    ).toBe(404);
  });

  it('previews the matching archived households of the jurisdiction', async () => {
    const res = await staff.post(`/api/plan-templates/${template.id}/preview`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ matching: 3, alreadyApplied: 0, toApply: 3 });
    expect(
      res
        .json()
        .households.map((h: { id: string }) => h.id)
        .sort(),
    ).toEqual([archivedA, archivedB, archivedC].sort());
    expect(res.json().households[0]).toMatchObject({ category: 'deep' });
    expect(res.json().households[0].archiveNo).toMatch(/^640381-2026-/);
    expect((await staff.post(`/api/plan-templates/${template.id}/preview`, {})).statusCode).toBe(200);
    const extra = await staff.post(`/api/plan-templates/${template.id}/preview`, { dryRun: true });
    expect(extra.statusCode).toBe(400);
    expect((await otherFederation.post(`/api/plan-templates/${template.id}/preview`)).statusCode).toBe(404);
    expect((await volunteer.post(`/api/plan-templates/${template.id}/preview`)).statusCode).toBe(403);
  });

  it('two applies at once give each household the measures exactly once; a third changes nothing', async () => {
    const [a, b] = await Promise.all([
      staff.post(`/api/plan-templates/${template.id}/apply`),
      staff.post(`/api/plan-templates/${template.id}/apply`, {}),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json().applied + b.json().applied).toBe(3);
    expect(a.json().measuresCreated + b.json().measuresCreated).toBe(6);
    expect(a.json().applied + a.json().skipped).toBe(3);
    const rows = await t.platform.db
      .selectFrom('planMeasure')
      .select(['householdId', 'policy', 'state', 'dueOn', 'templateId'])
      .where('templateId', '=', template.id)
      .execute();
    expect(rows).toHaveLength(3 * 2);
    expect(new Set(rows.map((r) => r.householdId))).toEqual(new Set([archivedA, archivedB, archivedC]));
    expect(rows.every((r) => r.policy === 'category' && r.state === 'planned')).toBe(true);
    expect(rows.map((r) => r.dueOn).sort()).toEqual([
      ...Array(3).fill('2026-06-15'),
      ...Array(3).fill('2026-07-01'),
    ]);
    const again = await staff.post(`/api/plan-templates/${template.id}/apply`);
    expect(again.json()).toEqual({ applied: 0, skipped: 3, measuresCreated: 0 });
    const audits = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'template.apply')
      .execute();
    expect(audits).toHaveLength(3);
    const list = (await staff.get('/api/plan-templates')).json();
    expect(list.items[0]).toMatchObject({ id: template.id, appliedCount: 3 });
    const preview = (await staff.post(`/api/plan-templates/${template.id}/preview`)).json();
    expect(preview).toMatchObject({ matching: 3, alreadyApplied: 3, toApply: 0 });
    const timeline = (await staff.get(`/api/households/${archivedB}`)).json().timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'template_applied')).toHaveLength(1);
    const measures = (await staff.get(`/api/households/${archivedB}/help`)).json().measures;
    expect(
      measures.filter((m: { templateName: string | null }) => m.templateName === '金秋助学'),
    ).toHaveLength(2);
  });

  it('matches by need kind, division, situation, category and any archive state', async () => {
    const make = async (criteria: Record<string, unknown>) => {
      const res = await staff.post('/api/plan-templates', { ...body(), name: '筛选', criteria });
      expect(res.statusCode).toBe(201);
      const p = await staff.post(`/api/plan-templates/${res.json().id}/preview`);
      return (p.json().households as { id: string }[]).map((h) => h.id).sort();
    };
    expect(await make({ archiveStates: [], needKinds: ['medical'] })).toEqual(
      [archivedA, archivedB, archivedNoSchool, screenedOnly].sort(),
    );
    expect(await make({ divisionCode: '640381102' })).toEqual([archivedB]);
    expect(await make({ causes: ['laid_off', 'natural_disaster'] })).toEqual([archivedNoSchool]);
    expect(await make({ archiveStates: [], causes: ['laid_off'] })).toEqual(
      [archivedNoSchool, jinduHousehold].sort(),
    );
    expect(await make({ situations: ['unemployed'] })).toEqual([]);
    expect(await make({ categories: ['relative'] })).toEqual([]);
    expect(await make({ categories: ['deep'], needKinds: ['medical'] })).toEqual(
      [archivedA, archivedB, archivedNoSchool].sort(),
    );
  });
});
