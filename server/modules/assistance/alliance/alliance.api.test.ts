import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AllianceMember, Campaign, Coverage, Situation } from '../../../../contracts/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';
import { AllianceService } from './alliance.service';

type Member = z.infer<typeof AllianceMember>;
type CampaignView = z.infer<typeof Campaign>;
type CoverageView = z.infer<typeof Coverage>;

let t: TestApp;
let staff: Agent;
let ycStaff: Agent;
let volunteer: Agent;
let social: Agent;
let cadre: Agent;
let caring: Agent;
let service: AllianceService;

beforeAll(async () => {
  t = await createTestApp();
  [staff, ycStaff, volunteer, social, cadre, caring] = await Promise.all(
    ['qtx_staff', 'yc_staff', 'cy_volunteer', 'gx_social', 'yx_cadre', 'rmyy_staff'].map((u) => signIn(t, u)),
  );
  // The same service the routes use, with real division names, for the calls other modules make.
  service = new AllianceService(t.platform, t.services.organisations, t.services.organisations.divisionName);
});
afterAll(() => t.close());

const org = (key: string) => t.orgs.get(key)!;
const auditCount = async (action: string) =>
  (await t.platform.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute()).length;
/** Status and problem body without the per-request `instance`: out of reach must look like missing. */
const answer = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { instance: _instance, ...body } = res.json();
  return { status: res.statusCode, body };
};
const put = (agent: Agent, url: string, body: unknown) =>
  agent.request({ method: 'PUT', url, payload: body as object });

describe('routes', () => {
  it('are registered, each with a declared access', () => {
    const mine = t.routes.filter(
      (r) => r.url.startsWith('/api/alliance') || r.url.startsWith('/api/campaigns'),
    );
    expect(mine.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      [
        'GET /api/alliance/members',
        'POST /api/alliance/members',
        'PATCH /api/alliance/members/:id',
        'POST /api/alliance/members/:id/leave',
        'POST /api/alliance/members/:id/rejoin',
        'GET /api/alliance/summary',
        'GET /api/alliance/responsibility',
        'PUT /api/alliance/responsibility',
        'GET /api/campaigns',
        'POST /api/campaigns',
        'GET /api/campaigns/:id',
        'PATCH /api/campaigns/:id',
        'GET /api/campaigns/:id/coverage',
      ].sort(),
    );
    expect(mine.every((r) => r.access?.kind === 'action')).toBe(true);
  });
});

describe('alliance members', () => {
  let member: Member;

  it('adds a member with the phone stored encrypted and shown masked, audited', async () => {
    const before = await auditCount('alliance.member_create');
    const res = await staff.post('/api/alliance/members', {
      orgId: org('chunyu'),
      name: '马小红',
      title: '志愿者队长',
      phone: '138 1234 5678',
      joinedOn: '2026-05-10',
    });
    expect(res.statusCode, res.body).toBe(201);
    member = res.json() as Member;
    expect(member).toMatchObject({
      orgId: org('chunyu'),
      orgName: '春雨志愿者协会',
      name: '马小红',
      title: '志愿者队长',
      phoneMasked: '*******5678',
      username: null,
      status: 'active',
      joinedOn: '2026-05-10',
      version: 1,
    });
    expect(res.body).not.toContain('13812345678');
    const row = await t.platform.db
      .selectFrom('allianceMember')
      .selectAll()
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.jurisdictionId).toBe(org('qtx'));
    expect(row.phoneEnc).not.toContain('13812345678');
    expect(t.platform.cipher.decrypt(row.phoneEnc!)).toBe('13812345678');
    expect(row.phoneBidx).toBe(t.platform.blindIndex('phone', '13812345678'));
    expect(await auditCount('alliance.member_create')).toBe(before + 1);
  });

  it('refuses a phone that is not a mainland mobile number, naming the field', async () => {
    const before = (await t.platform.db.selectFrom('allianceMember').select('id').execute()).length;
    const res = await staff.post('/api/alliance/members', {
      orgId: org('chunyu'),
      name: '王五',
      phone: '010-1234',
      joinedOn: '2026-05-10',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'alliance.bad_phone', errors: [{ field: 'body.phone' }] });
    expect((await t.platform.db.selectFrom('allianceMember').select('id').execute()).length).toBe(before);
  });

  it('refuses a caring unit, and answers for another federation’s organisation as for a missing one', async () => {
    const body = (orgId: string) => ({ orgId, name: '赵六', joinedOn: '2026-05-10' });
    const hospital = await staff.post('/api/alliance/members', body(org('hospital')));
    expect(hospital.statusCode).toBe(422);
    expect(hospital.json()).toMatchObject({ code: 'alliance.bad_org', errors: [{ field: 'body.orgId' }] });
    const other = await staff.post('/api/alliance/members', body(org('yinchuan_bus')));
    const missing = await staff.post('/api/alliance/members', body('no-such-org'));
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('alliance.org_unknown');
    expect(answer(other)).toEqual(answer(missing));
  });

  it('edits with optimistic locking; an empty phone removes it; a member can move organisation', async () => {
    const res = await staff.patch(`/api/alliance/members/${member.id}`, {
      version: member.version,
      title: '副队长',
      phone: '+86 139-0000-1111',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '副队长', phoneMasked: '*******1111', version: 2 });
    const stale = await staff.patch(`/api/alliance/members/${member.id}`, { version: 1, name: '别人' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('alliance.member_stale');
    const bad = await staff.patch(`/api/alliance/members/${member.id}`, { version: 2, phone: '12345' });
    expect(bad.json()).toMatchObject({ code: 'alliance.bad_phone', errors: [{ field: 'body.phone' }] });
    const cleared = await staff.patch(`/api/alliance/members/${member.id}`, { version: 2, phone: '' });
    expect(cleared.json()).toMatchObject({ phoneMasked: null, version: 3 });
    const moved = await staff.patch(`/api/alliance/members/${member.id}`, {
      version: 3,
      orgId: org('guxia'),
    });
    expect(moved.json()).toMatchObject({ orgId: org('guxia'), orgName: '古峡社工协会', version: 4 });
    const back = await staff.patch(`/api/alliance/members/${member.id}`, {
      version: 4,
      orgId: org('chunyu'),
    });
    member = back.json() as Member;
    expect(member.orgId).toBe(org('chunyu'));
    const toHospital = await staff.patch(`/api/alliance/members/${member.id}`, {
      version: member.version,
      orgId: org('hospital'),
    });
    expect(toHospital.json().code).toBe('alliance.bad_org');
  });

  it('records leaving and rejoining, each once', async () => {
    const left = await staff.post(`/api/alliance/members/${member.id}/leave`, { version: member.version });
    expect(left.json()).toMatchObject({ status: 'left', version: member.version + 1 });
    const again = await staff.post(`/api/alliance/members/${member.id}/leave`, {
      version: member.version + 1,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('alliance.member_already_left');
    const stale = await staff.post(`/api/alliance/members/${member.id}/rejoin`, { version: member.version });
    expect(stale.json().code).toBe('alliance.member_stale');
    const back = await staff.post(`/api/alliance/members/${member.id}/rejoin`, {
      version: member.version + 1,
    });
    expect(back.json()).toMatchObject({ status: 'active' });
    member = back.json() as Member;
    expect(await auditCount('alliance.member_leave')).toBe(1);
    expect(await auditCount('alliance.member_rejoin')).toBe(1);
  });

  it('keeps each organisation’s members in its reach', async () => {
    for (const [orgKey, name] of [
      ['guxia', '周社工'],
      ['guxia', '吴社工'],
      ['yingxin', '杨会员'],
      ['qtx', '李干事'],
    ] as const) {
      const res = await staff.post('/api/alliance/members', {
        orgId: org(orgKey),
        name,
        joinedOn: '2026-05-01',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const yc = await ycStaff.post('/api/alliance/members', {
      orgId: org('yinchuan_bus'),
      name: '银川成员',
      joinedOn: '2026-05-01',
    });
    expect(yc.statusCode, yc.body).toBe(201);

    const names = async (agent: Agent, query = '') =>
      ((await agent.get(`/api/alliance/members${query}`)).json().items as Member[]).map((m) => m.name).sort();
    expect(await names(staff)).toEqual(['吴社工', '周社工', '李干事', '杨会员', '马小红'].sort());
    expect(await names(ycStaff)).toEqual(['银川成员']);
    expect(await names(volunteer)).toEqual(['马小红']);
    expect(await names(social)).toEqual(['吴社工', '周社工'].sort());
    expect(await names(cadre)).toEqual(['杨会员']);
    expect(await names(staff, `?orgId=${org('guxia')}`)).toEqual(['吴社工', '周社工'].sort());
    expect(await names(staff, `?q=${encodeURIComponent('社工')}`)).toEqual(['吴社工', '周社工'].sort());
    expect(await names(ycStaff, `?orgId=${org('guxia')}`)).toEqual([]);
    const page = (await staff.get('/api/alliance/members?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);

    expect((await caring.get('/api/alliance/members')).statusCode).toBe(403);
    expect((await caring.get('/api/alliance/summary')).statusCode).toBe(403);
    const byVolunteer = await volunteer.post('/api/alliance/members', {
      orgId: org('chunyu'),
      name: '自己加',
      joinedOn: '2026-05-01',
    });
    expect(byVolunteer.statusCode).toBe(403);

    // Another federation's member answers exactly like a missing one.
    const other = await ycStaff.patch(`/api/alliance/members/${member.id}`, {
      version: member.version,
      name: 'x',
    });
    const missing = await ycStaff.patch('/api/alliance/members/no-such-member', { version: 1, name: 'x' });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('alliance_member.not_found');
    expect(answer(other)).toEqual(answer(missing));
  });

  it('counts active members per organisation in reach', async () => {
    const leaver = (await staff.get(`/api/alliance/members?orgId=${org('yingxin')}`)).json()
      .items[0] as Member;
    await staff.post(`/api/alliance/members/${leaver.id}/leave`, { version: leaver.version });
    const sum = (await staff.get('/api/alliance/summary')).json();
    const count = (key: string) =>
      sum.partners.find((p: { orgId: string }) => p.orgId === org(key))?.members as number | undefined;
    expect(count('guxia')).toBe(2);
    expect(count('chunyu')).toBe(1);
    expect(count('qtx')).toBe(1);
    expect(count('yingxin')).toBeUndefined();
    expect(count('yinchuan_bus')).toBeUndefined();
    expect(sum.totalMembers).toBe(4);
    expect(sum.partners.find((p: { orgId: string }) => p.orgId === org('guxia'))).toMatchObject({
      orgName: '古峡社工协会',
      kind: 'social_work',
    });
    const mine = (await volunteer.get('/api/alliance/summary')).json();
    expect(mine).toEqual({
      partners: [{ orgId: org('chunyu'), orgName: '春雨志愿者协会', kind: 'volunteer', members: 1 }],
      totalMembers: 1,
    });
    expect((await ycStaff.get('/api/alliance/summary')).json().totalMembers).toBe(1);
  });

  it('logs no phone number', () => {
    const logged = t.logs.join('\n');
    expect(logged).not.toContain('13812345678');
    expect(logged).not.toContain('13900001111');
  });
});

describe('routing a household to the responsible organisation', () => {
  const route = (situation: Situation, screeningKey: string, jurisdictionKey = 'qtx') =>
    service.routeHousehold(t.platform.db, {
      jurisdictionId: org(jurisdictionKey),
      situation,
      screeningOrgId: org(screeningKey),
    });
  const routedTo = async (situation: Situation, screeningKey: string, jurisdictionKey = 'qtx') =>
    (await route(situation, screeningKey, jurisdictionKey))?.orgId;

  beforeAll(async () => {
    await t.platform.db.deleteFrom('responsibilityRule').execute();
  });

  it('gives a union unit’s employee to the screening grassroots union, else to the federation', async () => {
    expect(await route('union_unit_employee', 'yingxin')).toEqual({
      orgId: org('yingxin'),
      orgName: '宁夏塞上迎鑫农牧有限公司工会',
    });
    expect(await routedTo('union_unit_employee', 'guxia')).toBe(org('qtx'));
    expect(await routedTo('other', 'yingxin')).toBe(org('yingxin'));
    expect(await routedTo('other', 'chunyu')).toBe(org('qtx'));
    // A grassroots union of another federation is not this jurisdiction's.
    expect(await routedTo('union_unit_employee', 'yinchuan_bus')).toBe(org('qtx'));
  });

  it('gives social-organisation employees and migrant workers to the social-work association', async () => {
    for (const situation of ['social_org_employee', 'migrant_worker'] as const) {
      expect(await routedTo(situation, 'guxia')).toBe(org('guxia'));
      expect(await routedTo(situation, 'chunyu')).toBe(org('guxia'));
      expect(await routedTo(situation, 'yingxin')).toBe(org('guxia'));
      expect(await routedTo(situation, 'hospital')).toBe(org('guxia'));
    }
  });

  it('gives flexible workers, special groups and the unemployed to the volunteer association', async () => {
    for (const situation of ['flexible_employment', 'special_group', 'unemployed'] as const) {
      expect(await routedTo(situation, 'chunyu')).toBe(org('chunyu'));
      expect(await routedTo(situation, 'guxia')).toBe(org('chunyu'));
      expect(await routedTo(situation, 'yingxin')).toBe(org('chunyu'));
    }
  });

  it('falls back to the federation where no partner of that kind exists', async () => {
    expect(await route('unemployed', 'yinchuan_bus', 'yinchuan')).toEqual({
      orgId: org('yinchuan'),
      orgName: '银川市总工会',
    });
    expect(await routedTo('union_unit_employee', 'yinchuan_bus', 'yinchuan')).toBe(org('yinchuan_bus'));
    expect(
      await service.routeHousehold(t.platform.db, {
        jurisdictionId: 'no-such-federation',
        situation: 'other',
        screeningOrgId: org('yingxin'),
      }),
    ).toBeNull();
  });

  it('follows the jurisdiction’s own table, and runs inside the caller’s transaction', async () => {
    await t.platform.db
      .insertInto('responsibilityRule')
      .values({
        jurisdictionId: org('qtx'),
        situation: 'migrant_worker',
        partnerKind: 'association',
        updatedAt: '2026-06-01T08:00:00.000Z',
        updatedBy: null,
      })
      .execute();
    const routed = await t.platform.db.transaction().execute((trx) =>
      service.routeHousehold(trx, {
        jurisdictionId: org('qtx'),
        situation: 'migrant_worker',
        screeningOrgId: org('guxia'),
      }),
    );
    expect(routed).toEqual({ orgId: org('jindu'), orgName: '青铜峡市禁毒协会' });
    // Another jurisdiction keeps the defaults.
    expect(await routedTo('migrant_worker', 'yinchuan_bus', 'yinchuan')).toBe(org('yinchuan'));
    await t.platform.db.deleteFrom('responsibilityRule').execute();
  });

  it('takes the first active partner of the kind by sort order', async () => {
    const created = await staff.post('/api/orgs', {
      parentId: org('qtx'),
      kind: 'volunteer',
      name: '青铜峡市义工联合会',
      divisionCode: '640381',
      sortOrder: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    const chunyu = (await staff.get(`/api/orgs/${org('chunyu')}`)).json();
    await staff.patch(`/api/orgs/${org('chunyu')}`, { version: chunyu.version, sortOrder: 9 });
    expect(await routedTo('unemployed', 'guxia')).toBe(created.json().id);
    expect(await routedTo('unemployed', 'chunyu')).toBe(org('chunyu'));
    const made = created.json();
    await staff.post(`/api/orgs/${made.id}/deactivate`, { version: made.version });
    expect(await routedTo('unemployed', 'guxia')).toBe(org('chunyu'));
  });
});

describe('responsibility table (分工)', () => {
  it('shows the seed’s defaults to every alliance member', async () => {
    const res = await staff.get('/api/alliance/responsibility');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { situation: 'union_unit_employee', partnerKind: 'union' },
      { situation: 'social_org_employee', partnerKind: 'social_work' },
      { situation: 'migrant_worker', partnerKind: 'social_work' },
      { situation: 'flexible_employment', partnerKind: 'volunteer' },
      { situation: 'special_group', partnerKind: 'volunteer' },
      { situation: 'unemployed', partnerKind: 'volunteer' },
      { situation: 'other', partnerKind: 'union' },
    ]);
    expect((await volunteer.get('/api/alliance/responsibility')).json()).toEqual(res.json());
    expect((await caring.get('/api/alliance/responsibility')).statusCode).toBe(403);
  });

  it('lets federation staff replace their jurisdiction’s rows, audited', async () => {
    const before = await auditCount('alliance.responsibility');
    const res = await put(staff, '/api/alliance/responsibility', {
      items: [
        { situation: 'migrant_worker', partnerKind: 'volunteer' },
        { situation: 'other', partnerKind: 'association' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const kinds = Object.fromEntries(
      (res.json().items as { situation: string; partnerKind: string }[]).map((i) => [
        i.situation,
        i.partnerKind,
      ]),
    );
    expect(kinds).toMatchObject({
      migrant_worker: 'volunteer',
      other: 'association',
      unemployed: 'volunteer',
    });
    expect(await auditCount('alliance.responsibility')).toBe(before + 1);
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'alliance.responsibility')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ subjectId: org('qtx'), actorId: t.users.get('qtx_staff') });
    expect(await routedTo('migrant_worker', 'guxia')).toBe(org('chunyu'));
    // Other federations keep their own table.
    const yc = (await ycStaff.get('/api/alliance/responsibility')).json().items;
    expect(yc.find((i: { situation: string }) => i.situation === 'migrant_worker').partnerKind).toBe(
      'social_work',
    );

    // Replacing means situations left out return to the defaults.
    await put(staff, '/api/alliance/responsibility', {
      items: [{ situation: 'union_unit_employee', partnerKind: 'union' }],
    });
    const after = (await staff.get('/api/alliance/responsibility')).json().items;
    expect(after.find((i: { situation: string }) => i.situation === 'migrant_worker').partnerKind).toBe(
      'social_work',
    );
  });

  it('refuses a situation listed twice, and partners may not edit', async () => {
    const dup = await put(staff, '/api/alliance/responsibility', {
      items: [
        { situation: 'other', partnerKind: 'union' },
        { situation: 'other', partnerKind: 'volunteer' },
      ],
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json()).toMatchObject({
      code: 'alliance.duplicate_situation',
      errors: [{ field: 'body.items.1.situation' }],
    });
    const byVolunteer = await put(volunteer, '/api/alliance/responsibility', {
      items: [{ situation: 'other', partnerKind: 'volunteer' }],
    });
    expect(byVolunteer.statusCode).toBe(403);
  });

  async function routedTo(situation: Situation, screeningKey: string) {
    return (
      await service.routeHousehold(t.platform.db, {
        jurisdictionId: org('qtx'),
        situation,
        screeningOrgId: org(screeningKey),
      })
    )?.orgId;
  }
});

describe('screening campaigns (摸排行动)', () => {
  let campaign: CampaignView;
  const body = () => ({
    name: '2026年夏季困难职工摸排',
    startsOn: '2026-06-01',
    endsOn: '2026-08-31',
    areas: ['640381001', '640381101'],
    targets: [
      { orgId: org('guxia'), target: 300 },
      { orgId: org('chunyu'), target: 400 },
      { orgId: org('yingxin'), target: 65 },
    ],
  });

  it('creates a campaign with areas and targets, audited', async () => {
    const before = await auditCount('campaign.create');
    const res = await staff.post('/api/campaigns', body());
    expect(res.statusCode, res.body).toBe(201);
    campaign = res.json() as CampaignView;
    expect(campaign).toMatchObject({
      name: '2026年夏季困难职工摸排',
      startsOn: '2026-06-01',
      endsOn: '2026-08-31',
      areas: ['640381001', '640381101'],
      version: 1,
    });
    expect(campaign.targets).toHaveLength(3);
    expect(campaign.targets.find((x) => x.orgId === org('chunyu'))).toEqual({
      orgId: org('chunyu'),
      orgName: '春雨志愿者协会',
      target: 400,
    });
    expect(await auditCount('campaign.create')).toBe(before + 1);
    const stored = await t.platform.db
      .selectFrom('campaign')
      .selectAll()
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(stored.jurisdictionId).toBe(org('qtx'));
    expect(JSON.parse(stored.areas)).toEqual(['640381001', '640381101']);
  });

  it('validates the period and the targets, naming the field', async () => {
    const period = await staff.post('/api/campaigns', { ...body(), endsOn: '2026-05-31' });
    expect(period.statusCode).toBe(422);
    expect(period.json()).toMatchObject({ code: 'campaign.bad_period', errors: [{ field: 'body.endsOn' }] });
    const targets = (orgId: string) => [
      { orgId: org('guxia'), target: 1 },
      { orgId, target: 1 },
    ];
    for (const orgId of [org('yinchuan_bus'), 'no-such-org', org('hospital')]) {
      const res = await staff.post('/api/campaigns', { ...body(), targets: targets(orgId) });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'campaign.bad_target',
        errors: [{ field: 'body.targets.1.orgId' }],
      });
    }
    const dup = await staff.post('/api/campaigns', { ...body(), targets: targets(org('guxia')) });
    expect(dup.json()).toMatchObject({
      code: 'campaign.duplicate_target',
      errors: [{ field: 'body.targets.1.orgId' }],
    });
    expect((await staff.get('/api/campaigns')).json().items).toHaveLength(1);
  });

  it('refuses an unknown division as an area', async () => {
    const ctx = { actor: (await t.services.users.loadActor(t.users.get('qtx_staff')!, 'test'))!, ip: null };
    await expect(
      service.createCampaign(ctx, { ...body(), areas: ['640381001', '640399'] }),
    ).rejects.toMatchObject({
      code: 'campaign.bad_area',
      details: { fields: [{ field: 'body.areas.1' }] },
    });
  });

  it('edits with optimistic locking, replacing areas and targets', async () => {
    const res = await staff.patch(`/api/campaigns/${campaign.id}`, {
      ...body(),
      version: campaign.version,
      endsOn: '2026-09-30',
      areas: ['640381001', '640381101', '640381101'],
      targets: [
        { orgId: org('guxia'), target: 300 },
        { orgId: org('chunyu'), target: 400 },
        { orgId: org('yingxin'), target: 65 },
        { orgId: org('jindu'), target: 0 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ endsOn: '2026-09-30', areas: ['640381001', '640381101'], version: 2 });
    expect(res.json().targets).toHaveLength(4);
    const stale = await staff.patch(`/api/campaigns/${campaign.id}`, { ...body(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('campaign.stale');
    const badPeriod = await staff.patch(`/api/campaigns/${campaign.id}`, {
      ...body(),
      version: 2,
      startsOn: '2026-09-01',
      endsOn: '2026-06-01',
    });
    expect(badPeriod.json()).toMatchObject({
      code: 'campaign.bad_period',
      errors: [{ field: 'body.endsOn' }],
    });
    campaign = (await staff.get(`/api/campaigns/${campaign.id}`)).json() as CampaignView;
    expect(campaign.version).toBe(2);
    expect(await auditCount('campaign.update')).toBe(1);
  });

  it('shows campaigns to the jurisdiction’s alliance, hides them from everyone else', async () => {
    for (const agent of [volunteer, social, cadre]) {
      expect((await agent.get(`/api/campaigns/${campaign.id}`)).statusCode).toBe(200);
      expect((await agent.get('/api/campaigns')).json().items).toHaveLength(1);
    }
    const other = await ycStaff.get(`/api/campaigns/${campaign.id}`);
    const missing = await ycStaff.get('/api/campaigns/no-such-campaign');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('campaign.not_found');
    expect(answer(other)).toEqual(answer(missing));
    expect((await ycStaff.get('/api/campaigns')).json().items).toEqual([]);
    expect((await ycStaff.get(`/api/campaigns/${campaign.id}/coverage`)).statusCode).toBe(404);
    const ycPatch = await ycStaff.patch(`/api/campaigns/${campaign.id}`, { ...body(), version: 2 });
    expect(ycPatch.statusCode).toBe(404);
    expect(
      (await volunteer.patch(`/api/campaigns/${campaign.id}`, { ...body(), version: 2 })).statusCode,
    ).toBe(403);
    expect((await volunteer.post('/api/campaigns', body())).statusCode).toBe(403);
    expect((await caring.get('/api/campaigns')).statusCode).toBe(403);
    expect((await caring.get(`/api/campaigns/${campaign.id}/coverage`)).statusCode).toBe(403);
  });

  it('reports coverage: households per partner and method, per area, per ISO week, against the target', async () => {
    const db = t.platform.db;
    const now = '2026-06-20T08:00:00.000Z';
    const households: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = t.platform.ids();
      households.push(id);
      await db
        .insertInto('household')
        .values({
          id,
          jurisdictionId: org('qtx'),
          state: 'screened',
          headName: `户主${i}`,
          addressKey: `key-${i}`,
          divisionCode: '640381001',
          addressDetail: '某小区',
          situation: 'unemployed',
          householdSize: 3,
          annualIncomeFen: 2_000_000,
          rigidExpenseFen: 0,
          causes: '[]',
          firstScreenedOn: '2026-06-01',
          lastScreenedOn: '2026-06-01',
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
    }
    const [h1, h2, h3, h4, h5] = households;
    const screen = async (
      householdId: string,
      orgKey: string,
      method: string,
      screenedOn: string,
      divisionCode: string,
      opts: { status?: string; campaignId?: string | null } = {},
    ) =>
      db
        .insertInto('screening')
        .values({
          id: t.platform.ids(),
          jurisdictionId: org('qtx'),
          householdId,
          orgId: org(orgKey),
          screenerId: t.users.get('qtx_staff')!,
          campaignId: opts.campaignId === undefined ? campaign.id : opts.campaignId,
          status: opts.status ?? 'submitted',
          method,
          screenedOn,
          divisionCode,
          dataEnc: t.platform.cipher.encrypt('{}'),
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
    // 2026-06-01, -08 and -15 are Mondays: ISO weeks 23, 24 and 25.
    await screen(h1, 'guxia', 'home_visit', '2026-06-01', '640381001');
    await screen(h2, 'guxia', 'phone_survey', '2026-06-03', '640381001');
    await screen(h2, 'guxia', 'home_visit', '2026-06-09', '640381001'); // the same household again
    await screen(h3, 'chunyu', 'street_visit', '2026-06-10', '640381101');
    await screen(h1, 'chunyu', 'home_visit', '2026-06-10', '640381001'); // screened by a second partner
    await screen(h4, 'jindu', 'self_report', '2026-06-15', '640381102'); // outside the campaign's areas
    await screen(h5, 'guxia', 'home_visit', '2026-06-15', '640381001', { status: 'draft' });
    await screen(h5, 'guxia', 'home_visit', '2026-06-15', '640381001', { campaignId: null });

    const res = await staff.get(`/api/campaigns/${campaign.id}/coverage`);
    expect(res.statusCode, res.body).toBe(200);
    const cov = res.json() as CoverageView;
    expect(cov).toMatchObject({ campaignId: campaign.id, total: 4, target: 765 });
    const partner = (key: string) => cov.byPartner.find((p) => p.orgId === org(key));
    expect(partner('guxia')).toEqual({
      orgId: org('guxia'),
      orgName: '古峡社工协会',
      target: 300,
      screened: 2,
      byMethod: { home_visit: 2, phone_survey: 1 },
    });
    expect(partner('chunyu')).toMatchObject({
      target: 400,
      screened: 2,
      byMethod: { street_visit: 1, home_visit: 1 },
    });
    expect(partner('yingxin')).toMatchObject({ target: 65, screened: 0, byMethod: {} });
    expect(partner('jindu')).toMatchObject({ target: 0, screened: 1, byMethod: { self_report: 1 } });
    expect(cov.byPartner).toHaveLength(4);
    const area = (code: string) => cov.byArea.find((a) => a.divisionCode === code)?.screened;
    expect(area('640381001')).toBe(2);
    expect(area('640381101')).toBe(1);
    expect(area('640381102')).toBe(1);
    expect(cov.byWeek).toEqual([
      { week: '2026-W23', screened: 2 },
      { week: '2026-W24', screened: 3 },
      { week: '2026-W25', screened: 1 },
    ]);

    // Partners see the whole campaign's figures too: counts, not personal data.
    expect((await volunteer.get(`/api/campaigns/${campaign.id}/coverage`)).json()).toEqual(cov);

    // Area names come from the division resolver the module is built with.
    const ctx = { actor: (await t.services.users.loadActor(t.users.get('qtx_staff')!, 'test'))!, ip: null };
    const named = await service.coverage(ctx, campaign.id);
    expect(named.byArea.find((a) => a.divisionCode === '640381001')?.divisionName).toBe(
      '宁夏回族自治区 吴忠市 青铜峡市 裕民街道',
    );
  });

  it('counts a street inside a county-level area for that area, and shows empty areas', async () => {
    const created = await staff.post('/api/campaigns', {
      name: '县域摸排',
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
      areas: ['640381', '640381105'],
      targets: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await t.platform.db
      .updateTable('screening')
      .set({ campaignId: id })
      .where('campaignId', '=', campaign.id)
      .execute();
    const cov = (await staff.get(`/api/campaigns/${id}/coverage`)).json() as CoverageView;
    expect(cov.byArea.map((a) => [a.divisionCode, a.screened])).toEqual([
      ['640381', 4],
      ['640381105', 0],
    ]);
    expect(cov).toMatchObject({ total: 4, target: 0 });
    expect(cov.byPartner.map((p) => p.target)).toEqual([0, 0, 0]);
  });
});
