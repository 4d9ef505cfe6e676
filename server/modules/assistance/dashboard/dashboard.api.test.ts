import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import type { Dashboard } from '../../../../contracts/help';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import {
  archiveHousehold,
  exitArchive,
  screenHousehold,
  setStandard,
  verifyHousehold,
} from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';
import { recordDelivery } from '../core/ledger.repository';

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let social: Agent;
let hospital: Agent;
let otherFed: Agent;
let campaignId = '';
const H: Record<string, string> = {};
let resourceX = '';

const form = (n: number, over: Partial<ScreeningForm> = {}): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: `看板户${n}`,
  idNumber: makeIdNumber('640381', '19750101', String(500 + n)),
  phone: `1399512${String(3400 + n)}`,
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: `看板村 ${n} 号`,
  householdSize: 3,
  annualIncomeFen: 1_200_000,
  rigidExpenseFen: 300_000,
  causes: ['serious_illness'],
  members: [],
  needs: [],
  ...over,
});

const VERIFIED_ON = { verifiedOn: '2026-05-31' };
const verify = (householdId: string) => verifyHousehold(staff, householdId, VERIFIED_ON);
const archive = (householdId: string) => archiveHousehold(staff, householdId, 'serious_illness', VERIFIED_ON);

let seq = 0;
async function deliver(
  householdId: string,
  route: 'urgent' | 'measure' | 'referral' | 'upper',
  valueFen: number,
  givenOn: string,
  sourceId: string | null = null,
) {
  const at = t.clock.now().toISOString();
  seq += 1;
  await recordDelivery(
    t.platform.db,
    {
      id: `hr-${seq}`,
      jurisdictionId: t.orgs.get('qtx')!,
      householdId,
      route,
      sourceId,
      kind: route === 'referral' ? 'free_screening' : 'living_subsidy',
      what: '测试帮扶',
      valueFen,
      givenByOrgId: t.orgs.get('qtx')!,
      givenByName: '青铜峡市总工会',
      givenOn,
      recordedBy: t.users.get('qtx_staff')!,
      recordedOrgId: t.orgs.get('qtx')!,
      reconciledAt: null,
      reconciledWith: null,
      createdAt: at,
    },
    { id: `visit-${seq}`, fromDate: givenOn },
  );
}

async function resource(id: string, orgKey: string, title: string, quantity: number, used: number) {
  const at = t.clock.now().toISOString();
  await t.platform.db
    .insertInto('resource')
    .values({
      id,
      jurisdictionId: t.orgs.get('qtx')!,
      orgId: t.orgs.get(orgKey)!,
      kind: 'free_screening',
      title,
      description: null,
      unit: '人次',
      quantity,
      unitValueFen: 10000,
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      audience: '困难职工家庭',
      conditions: null,
      status: 'active',
      reserved: used,
      delivered: used,
      createdBy: t.users.get('qtx_staff')!,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
}

async function referral(id: string, householdId: string, resourceId: string, orgKey: string) {
  const at = t.clock.now().toISOString();
  await t.platform.db
    .insertInto('referral')
    .values({
      id,
      jurisdictionId: t.orgs.get('qtx')!,
      householdId,
      resourceId,
      orgId: t.orgs.get(orgKey)!,
      memberId: null,
      quantity: 1,
      need: '体检',
      state: 'delivered',
      consentId: null,
      overrideReason: '测试',
      overrideBy: t.users.get('qtx_staff')!,
      referredBy: t.users.get('qtx_staff')!,
      referredOrgId: t.orgs.get('qtx')!,
      responseNote: null,
      deliveredOn: '2026-05-29',
      deliveredValueFen: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
}

const dash = async (agent: Agent, query = ''): Promise<Dashboard> => {
  const res = await agent.get(`/api/dashboard${query ? `?${query}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  [staff, volunteer, social, hospital, otherFed] = await Promise.all(
    ['qtx_staff', 'cy_volunteer', 'gx_social', 'rmyy_staff', 'yc_staff'].map((u) => signIn(t, u)),
  );
  const reviewer = await signIn(t, 'nx_reviewer');
  await setStandard(staff);
  const c = await staff.post('/api/campaigns', {
    name: '2026 春季摸排',
    startsOn: '2026-04-01',
    endsOn: '2026-06-30',
    areas: ['640381'],
  });
  expect(c.statusCode).toBe(201);
  campaignId = c.json().id;

  // H1: the volunteers' campaign home visit; archived, reported and approved; an open urgent need.
  H.h1 = await screenHousehold(
    volunteer,
    form(1, { campaignId, needs: [{ kind: 'medical', urgency: 'urgent', description: '住院押金' }] }),
  );
  // H2: the social workers' phone survey elsewhere; archived, then out of difficulty; a solved urgent need.
  H.h2 = await screenHousehold(
    social,
    form(2, {
      method: 'phone_survey',
      screenedOn: '2026-05-25',
      divisionCode: '640381001',
      needs: [{ kind: 'living', urgency: 'urgent', description: '断粮' }],
    }),
  );
  // H3: screened by both partners (April, then May); verified only.
  H.h3 = await screenHousehold(
    volunteer,
    form(3, { method: 'street_visit', screenedOn: '2026-04-10', divisionCode: '640381102' }),
  );
  expect(
    await screenHousehold(
      social,
      form(3, { method: 'phone_survey', screenedOn: '2026-05-26', divisionCode: '640381102' }),
    ),
  ).toBe(H.h3);
  // H4: the federation's own campaign visit; screened only; an open urgent need and a normal one.
  H.h4 = await screenHousehold(
    staff,
    form(4, {
      screenedOn: '2026-05-30',
      campaignId,
      divisionCode: '640381001',
      needs: [
        { kind: 'care', urgency: 'urgent', description: '老人无人照护' },
        { kind: 'education', urgency: 'normal', description: '学费' },
      ],
    }),
  );

  const a1 = await archive(H.h1);
  const reported = await staff.post(`/api/archives/${a1.archiveId}/report`, { version: a1.version });
  expect(reported.statusCode).toBe(200);
  const approved = await reviewer.post(`/api/archives/${a1.archiveId}/approve`, {
    version: reported.json().version,
  });
  expect(approved.statusCode).toBe(200);
  const a2 = await archive(H.h2);
  await exitArchive(staff, a2, '再就业');
  await verify(H.h3);
  await t.platform.db
    .updateTable('need')
    .set({ status: 'solved', solvedAt: t.clock.now().toISOString() })
    .where('householdId', '=', H.h2)
    .execute();

  // Caring-unit resources and two delivered referrals of the hospital's.
  resourceX = 'res-hospital-checkup';
  await resource(resourceX, 'hospital', '免费体检', 10, 2);
  await resource('res-restaurant-meals', 'restaurant', '爱心午餐', 50, 0);
  await referral('ref-1', H.h1, resourceX, 'hospital');
  await referral('ref-2', H.h3, resourceX, 'hospital');

  // The ledger: each delivery also schedules the household's after-help visit (one open visit each).
  await deliver(H.h1, 'urgent', 50_000, '2026-05-21');
  await deliver(H.h1, 'urgent', 30_000, '2026-05-22');
  await deliver(H.h2, 'measure', 100_000, '2026-05-28', 'measure-1');
  await deliver(H.h1, 'referral', 20_000, '2026-05-29', 'ref-1');
  await deliver(H.h3, 'referral', 15_000, '2026-04-15', 'ref-2');
  await deliver(H.h4, 'upper', 200_000, '2026-05-31');

  // H1's visit (due 2026-06-20) is done; H3's (2026-05-15) is late; H2 (after exit) and H4 are due.
  const v1 = (await staff.get('/api/visits?pageSize=50'))
    .json()
    .items.find((v: { householdId: string }) => v.householdId === H.h1);
  const rec = await staff.post(`/api/visits/${v1.id}/record`, {
    version: v1.version,
    visitedOn: '2026-06-01',
    visitors: '李静',
    change: 'better',
    satisfaction: 5,
  });
  expect(rec.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('the federation dashboard', () => {
  it('shows every section for the jurisdiction', async () => {
    const d = await dash(staff);
    const chunyu = t.orgs.get('chunyu')!;
    const guxia = t.orgs.get('guxia')!;
    const qtx = t.orgs.get('qtx')!;
    expect(d.scope).toBe('federation');
    expect(d.screening!.byPartnerMethod.map((r) => [r.orgId, r.method, r.households]).sort()).toEqual(
      [
        [chunyu, 'home_visit', 1],
        [chunyu, 'street_visit', 1],
        [guxia, 'phone_survey', 2],
        [qtx, 'home_visit', 1],
      ].sort(),
    );
    expect(d.screening!.byWeek).toEqual([
      { week: '2026-W15', method: 'street_visit', households: 1 },
      { week: '2026-W21', method: 'home_visit', households: 1 },
      { week: '2026-W22', method: 'home_visit', households: 1 },
      { week: '2026-W22', method: 'phone_survey', households: 2 },
    ]);
    expect(d.funnel).toEqual([
      { stage: 'screened', households: 4 },
      { stage: 'verified', households: 3 },
      { stage: 'archived', households: 2 },
      { stage: 'reported', households: 1 },
      { stage: 'approved', households: 1 },
    ]);
    expect(d.archivesByCategory).toEqual([{ category: 'deep', households: 1 }]);
    expect(d.urgentNeeds).toEqual({ open: 2, solved: 1 });
    // Names sort by the engine's collation: compare by id.
    const byId = new Map(d.resources.map((r) => [r.resourceId, r]));
    expect(byId.get('res-restaurant-meals')).toMatchObject({
      title: '爱心午餐',
      quantity: 50,
      reserved: 0,
      households: 0,
      valueFen: 0,
    });
    expect(byId.get(resourceX)).toMatchObject({
      orgName: '青铜峡市人民医院',
      quantity: 10,
      reserved: 2,
      delivered: 2,
      households: 2,
      valueFen: 35_000,
    });
    expect(byId.size).toBe(2);
    expect(d.valueByRoute).toEqual([
      { route: 'urgent', valueFen: 80_000, households: 1, records: 2 },
      { route: 'measure', valueFen: 100_000, households: 1, records: 1 },
      { route: 'referral', valueFen: 35_000, households: 2, records: 2 },
      { route: 'upper', valueFen: 200_000, households: 1, records: 1 },
    ]);
    expect(d.visits).toEqual({ due: 2, overdue: 1, done: 1 });
    expect(d.outOfDifficulty).toEqual([{ exitKind: 'out_of_difficulty', households: 1 }]);
  });

  it('filters by period, area, partner and campaign', async () => {
    const may = await dash(staff, 'from=2026-05-01&to=2026-05-31');
    expect(may.screening!.byWeek.map((w) => w.week)).not.toContain('2026-W15');
    expect(may.funnel![0]).toEqual({ stage: 'screened', households: 3 }); // H3 was first screened in April
    expect(may.valueByRoute.find((r) => r.route === 'referral')).toEqual({
      route: 'referral',
      valueFen: 20_000,
      households: 1,
      records: 1,
    });
    expect(may.resources.find((r) => r.resourceId === resourceX)).toMatchObject({
      households: 1,
      valueFen: 20_000,
    });
    // Visits by their due day: only H3's late visit fell due in May.
    expect(may.visits).toEqual({ due: 0, overdue: 1, done: 0 });

    const area = await dash(staff, 'divisionCode=640381001'); // H2 and H4
    expect(area.funnel![0].households).toBe(2);
    expect(area.urgentNeeds).toEqual({ open: 1, solved: 1 });
    expect(area.outOfDifficulty).toEqual([{ exitKind: 'out_of_difficulty', households: 1 }]);
    expect(area.archivesByCategory).toEqual([]);

    const partner = await dash(staff, `orgId=${t.orgs.get('chunyu')}`); // H1 and H3
    expect(partner.funnel!.map((s) => s.households)).toEqual([2, 2, 1, 1, 1]);
    expect(partner.valueByRoute.map((r) => [r.route, r.valueFen])).toEqual([
      ['urgent', 80_000],
      ['measure', 0],
      ['referral', 35_000],
      ['upper', 0],
    ]);

    const campaign = await dash(staff, `campaignId=${campaignId}`); // H1 and H4
    expect(campaign.screening!.byPartnerMethod.map((r) => [r.orgId, r.method, r.households]).sort()).toEqual(
      [
        [t.orgs.get('chunyu'), 'home_visit', 1],
        [t.orgs.get('qtx'), 'home_visit', 1],
      ].sort(),
    );
    expect(campaign.funnel![0].households).toBe(2);
    expect(campaign.visits).toEqual({ due: 1, overdue: 0, done: 1 });

    const bad = await staff.get('/api/dashboard?from=2026-06-01&to=2026-05-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('query.to');
  });

  it('keeps other federations, partners and caring units to their own', async () => {
    const other = await dash(otherFed);
    expect(other.funnel!.every((s) => s.households === 0)).toBe(true);
    expect(other.resources).toEqual([]);
    expect((await volunteer.get('/api/dashboard')).statusCode).toBe(403);
    expect((await social.get('/api/dashboard/drill?metric=funnel&key=screened')).statusCode).toBe(403);

    const res = await hospital.get(`/api/dashboard?orgId=${t.orgs.get('chunyu')}&from=2026-01-01`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as Dashboard;
    expect(d).toMatchObject({
      scope: 'caring_unit',
      screening: null,
      funnel: null,
      archivesByCategory: null,
      urgentNeeds: null,
      visits: null,
      outOfDifficulty: null,
    });
    expect(d.resources.map((r) => r.resourceId)).toEqual([resourceX]);
    expect(d.valueByRoute).toEqual([{ route: 'referral', valueFen: 35_000, households: 2, records: 2 }]);
    expect(res.body).not.toMatch(/看板户|1399512/);
    const drill = await hospital.get(`/api/dashboard/drill?metric=resource&key=${resourceX}`);
    // Caring units hold dashboard.read (their own figures) but not dashboard.drill.
    expect(drill.statusCode).toBe(403);
    expect(drill.json().code).toBe('auth.forbidden');
  });
});

describe('drill-down', () => {
  const filterSets = [
    '',
    'from=2026-05-01&to=2026-05-31',
    'divisionCode=640381001',
    'orgId=CHUNYU',
    'campaignId=CAMPAIGN',
  ];

  async function drillTotal(query: string, metric: string, key: string): Promise<number> {
    const q = `${query ? `${query}&` : ''}metric=${metric}&key=${encodeURIComponent(key)}&pageSize=200`;
    const res = await staff.get(`/api/dashboard/drill?${q}`);
    expect(res.statusCode, `${metric}:${key} ${res.body}`).toBe(200);
    const page = res.json();
    expect(page.items.length).toBe(Math.min(page.total, 200));
    return page.total;
  }

  it('adds up to the number it came from, for every metric and filter', async () => {
    let checked = 0;
    for (const raw of filterSets) {
      const query = raw.replace('CHUNYU', t.orgs.get('chunyu')!).replace('CAMPAIGN', campaignId);
      const d = await dash(staff, query);
      const pairs: [string, string, number][] = [
        ...d.screening!.byPartnerMethod.map(
          (r) => ['screened', `${r.orgId}:${r.method}`, r.households] as [string, string, number],
        ),
        ...d.funnel!.map((r) => ['funnel', r.stage, r.households] as [string, string, number]),
        ...d.archivesByCategory!.map(
          (r) => ['category', r.category, r.households] as [string, string, number],
        ),
        ['urgent', 'open', d.urgentNeeds!.open],
        ['urgent', 'solved', d.urgentNeeds!.solved],
        ...d.resources.map((r) => ['resource', r.resourceId, r.households] as [string, string, number]),
        ...d.valueByRoute.map((r) => ['route', r.route, r.households] as [string, string, number]),
        ['visits', 'due', d.visits!.due],
        ['visits', 'overdue', d.visits!.overdue],
        ['visits', 'done', d.visits!.done],
        ...d.outOfDifficulty!.map((r) => ['exited', r.exitKind, r.households] as [string, string, number]),
      ];
      for (const [metric, key, expected] of pairs) {
        expect(await drillTotal(query, metric, key), `${query} ${metric}:${key}`).toBe(expected);
        checked += 1;
      }
      // Value behind a route: the drill rows add up to the figure.
      for (const r of d.valueByRoute) {
        const q = `${query ? `${query}&` : ''}metric=route&key=${r.route}&pageSize=200`;
        const page = (await staff.get(`/api/dashboard/drill?${q}`)).json();
        const sum = page.items.reduce((s: number, i: { valueFen: number }) => s + i.valueFen, 0);
        expect(sum).toBe(r.valueFen);
      }
    }
    expect(checked).toBeGreaterThan(50);
    // A method alone or a partner alone is a slice too.
    expect(await drillTotal('', 'screened', ':phone_survey')).toBe(2);
    expect(await drillTotal('', 'screened', `${t.orgs.get('chunyu')}:`)).toBe(2);
  });

  it('shows masked phones only, paged', async () => {
    const page1 = (await staff.get('/api/dashboard/drill?metric=funnel&key=screened&pageSize=3')).json();
    expect(page1.total).toBe(4);
    expect(page1.items).toHaveLength(3);
    const page2 = (
      await staff.get('/api/dashboard/drill?metric=funnel&key=screened&pageSize=3&page=2')
    ).json();
    expect(page2.items).toHaveLength(1);
    const ids = [...page1.items, ...page2.items].map((i: { householdId: string }) => i.householdId);
    expect(new Set(ids)).toEqual(new Set(Object.values(H)));
    for (const i of page1.items) expect(i.phoneMasked).toMatch(/^\*{7}\d{4}$/);
    expect(JSON.stringify(page1)).not.toMatch(/1399512\d{4}/);
  });

  it('refuses a key that names nothing, naming the key', async () => {
    for (const q of [
      'metric=funnel&key=paid',
      'metric=screened&key=nocolon',
      'metric=screened&key=:teleport',
      'metric=route&key=',
      'metric=visits&key=late',
      'metric=resource&key=a%20b',
      'metric=exited&key=deep',
    ]) {
      const res = await staff.get(`/api/dashboard/drill?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('query.key');
    }
  });
});

describe('export', () => {
  async function workbook(agent: Agent, query = '') {
    const res = await agent.get(`/api/dashboard/export${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }

  it('writes one sheet per chart, aggregates only, and audits it', async () => {
    const wb = await workbook(staff);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '摸排情况',
      '工作进度',
      '建档类别',
      '紧急需求',
      '爱心资源',
      '帮扶途径',
      '回访情况',
      '脱困退出',
    ]);
    const funnel = wb.getWorksheet('工作进度')!;
    expect(funnel.getRow(1).values).toEqual([undefined, '环节', '户数']);
    expect(funnel.getRow(2).values).toEqual([undefined, '已摸排', 4]);
    const routes = wb.getWorksheet('帮扶途径')!;
    expect(routes.getRow(5).values).toEqual([undefined, '上级帮扶', 2000, 1, 1]);
    let text = '';
    wb.eachSheet((s) => s.eachRow((r) => (text += JSON.stringify(r.values))));
    expect(text).not.toMatch(/看板户|1399512/);

    const one = await workbook(staff, 'chart=visits&from=2026-05-01');
    expect(one.worksheets.map((s) => s.name)).toEqual(['回访情况']);
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'dashboard.export')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].details)).toMatchObject({ chart: 'visits', scope: 'federation' });
  });

  it('gives a caring unit its own sheets only', async () => {
    const wb = await workbook(hospital);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['爱心资源', '帮扶途径']);
    const res = await hospital.get('/api/dashboard/export?chart=funnel');
    expect(res.statusCode).toBe(422);
    expect((await volunteer.get('/api/dashboard/export')).statusCode).toBe(403);
  });
});

// Issue 9 item 12: reported → returned is a figure of its own, with its households behind it.
// Last in the file: it adds a returned archive to the fixture the tests above count.
describe('archives the region returned', () => {
  it('counts reported → returned and drills down to the returned households', async () => {
    const before = (await staff.get('/api/dashboard')).json() as Dashboard;
    expect(before.archivesReturned).toEqual({ reported: 1, returned: 0 });
    const h = await screenHousehold(volunteer, form(90, { screenedOn: '2026-05-21' }));
    const a = await archive(h);
    const reported = await staff.post(`/api/archives/${a.archiveId}/report`, { version: a.version });
    expect(reported.statusCode).toBe(200);
    const reviewer = await signIn(t, 'nx_reviewer');
    const returned = await reviewer.post(`/api/archives/${a.archiveId}/return`, {
      version: reported.json().version,
      reason: '收入证明不全',
    });
    expect(returned.statusCode).toBe(200);
    const d = (await staff.get('/api/dashboard')).json() as Dashboard;
    expect(d.archivesReturned).toEqual({ reported: 2, returned: 1 });
    const drill = (await staff.get('/api/dashboard/drill?metric=funnel&key=returned')).json();
    expect(drill.total).toBe(1);
    expect(drill.items.map((r: { householdId: string }) => r.householdId)).toEqual([h]);
    // A caring unit's dashboard carries no such figure.
    const unit = (await hospital.get('/api/dashboard')).json() as Dashboard;
    expect(unit.archivesReturned).toBeNull();
  });
});
