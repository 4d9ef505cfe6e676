import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { archiveHousehold, exitArchive, screenHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let social: Agent;
let outsider: Agent;
let hospital: Agent;
let otherFed: Agent;

const form = (n: number, over: Partial<ScreeningForm> = {}): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: `回访户${n}`,
  idNumber: makeIdNumber('640381', '19800101', String(300 + n)),
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: `大坝镇韦桥村 ${n} 号`,
  householdSize: 3,
  annualIncomeFen: 1_200_000,
  rigidExpenseFen: 300_000,
  causes: ['serious_illness'],
  members: [],
  needs: [],
  ...over,
});

const put = (agent: Agent, url: string, body: unknown) =>
  agent.request({ method: 'PUT', url, payload: body as Record<string, unknown> });

/** Screened by the volunteer association (routed to the social-work association), verified by the federation. */
const screened = (n: number) => screenHousehold(volunteer, form(n));

async function archived(n: number): Promise<{ householdId: string; archiveId: string; version: number }> {
  const householdId = await screened(n);
  return { householdId, ...(await archiveHousehold(staff, householdId)) };
}

async function exited(n: number) {
  const a = await archived(n);
  return { ...a, version: await exitArchive(staff, a) };
}

async function visitOf(agent: Agent, householdId: string) {
  const page = (await agent.get('/api/visits?pageSize=200')).json();
  return page.items.find((v: { householdId: string }) => v.householdId === householdId);
}

beforeAll(async () => {
  t = await createTestApp();
  [staff, volunteer, social, outsider, hospital, otherFed] = await Promise.all(
    ['qtx_staff', 'cy_volunteer', 'gx_social', 'jd_volunteer', 'rmyy_staff', 'yc_staff'].map((u) =>
      signIn(t, u),
    ),
  );
  const std = await staff.post('/api/standards', {
    year: 2026,
    minLivingFen: 77000,
    relativeMultiplierPct: 200,
    accidentDropPct: 50,
  });
  expect(std.statusCode).toBe(201);
});
afterAll(() => t.close());

describe('return visits', () => {
  let first: { householdId: string; archiveId: string; version: number };

  it('schedules a visit after an exit, in the same transaction, with the default delay', async () => {
    first = await exited(1);
    const v = await visitOf(staff, first.householdId);
    expect(v).toMatchObject({
      reason: 'after_exit',
      state: 'due',
      dueOn: '2026-08-30', // 2026-06-01 + 90 days
      overdue: false,
      assigneeOrgName: '古峡社工协会',
      archiveId: first.archiveId,
      archiveState: 'exited',
      relapse: false,
      phoneMasked: null,
    });
    const rows = await t.platform.db
      .selectFrom('returnVisit')
      .select(['sourceId', 'reason'])
      .where('householdId', '=', first.householdId)
      .execute();
    expect(rows).toEqual([{ sourceId: first.archiveId, reason: 'after_exit' }]);
    // The lead's household page reads the same view.
    const list = await t.services.assistance.visits.listForHousehold(first.householdId);
    expect(list.map((x) => x.id)).toEqual([v.id]);
  });

  it('shows partners the visits of their households only; caring units and other federations see none', async () => {
    expect(await visitOf(social, first.householdId)).toBeTruthy(); // routed to and assigned to it
    expect(await visitOf(volunteer, first.householdId)).toBeTruthy(); // screened it
    expect((await outsider.get('/api/visits')).json().total).toBe(0);
    expect((await otherFed.get('/api/visits')).json().total).toBe(0);
    expect((await hospital.get('/api/visits')).statusCode).toBe(403);
    expect((await hospital.get('/api/visits/worklist')).statusCode).toBe(403);
    expect(
      (await hospital.post(`/api/households/${first.householdId}/visits`, { dueOn: '2026-07-01' }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps one open visit per household, even under parallel requests', async () => {
    const again = await staff.post(`/api/households/${first.householdId}/visits`, { dueOn: '2026-07-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('visit.already_due');

    const householdId = await screened(2);
    const past = await staff.post(`/api/households/${householdId}/visits`, { dueOn: '2026-05-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('body.dueOn');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? staff : volunteer).post(`/api/households/${householdId}/visits`, { dueOn: '2026-06-20' }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe('visit.already_due');
    const open = await t.platform.db
      .selectFrom('returnVisit')
      .select('id')
      .where('householdId', '=', householdId)
      .where('state', '=', 'due')
      .execute();
    expect(open).toHaveLength(1);
    const created = results.find((r) => r.statusCode === 201)!.json();
    expect(created).toMatchObject({
      reason: 'manual',
      dueOn: '2026-06-20',
      archiveId: null,
      archiveState: null,
    });
  });

  it('answers an unlinked volunteer as if the household or visit did not exist', async () => {
    const v = await visitOf(staff, first.householdId);
    expect(
      (await outsider.post(`/api/households/${first.householdId}/visits`, { dueOn: '2026-07-01' }))
        .statusCode,
    ).toBe(404);
    const rec = await outsider.post(`/api/visits/${v.id}/record`, {
      version: v.version,
      visitedOn: '2026-06-01',
      visitors: '丁海燕',
      change: 'same',
      satisfaction: 4,
    });
    expect(rec.statusCode).toBe(404);
    expect(
      (await otherFed.post(`/api/visits/${v.id}/assign`, { version: v.version, dueOn: '2026-07-01' }))
        .statusCode,
    ).toBe(404);
  });

  it('assigns to an alliance organisation and one of its active members only', async () => {
    const chunyu = t.orgs.get('chunyu')!;
    const member = await staff.post('/api/alliance/members', {
      orgId: chunyu,
      name: '马志强',
      joinedOn: '2026-01-05',
    });
    expect(member.statusCode).toBe(201);
    const other = await staff.post('/api/alliance/members', {
      orgId: t.orgs.get('guxia')!,
      name: '周敏',
      joinedOn: '2026-01-05',
    });
    const v = await visitOf(staff, first.householdId);
    const toHospital = await staff.post(`/api/visits/${v.id}/assign`, {
      version: v.version,
      assigneeOrgId: t.orgs.get('hospital'),
    });
    expect(toHospital.statusCode).toBe(422);
    expect(toHospital.json().code).toBe('visit.bad_assignee');
    const elsewhere = await staff.post(`/api/visits/${v.id}/assign`, {
      version: v.version,
      assigneeOrgId: t.orgs.get('yinchuan_bus'),
    });
    expect(elsewhere.json()).toMatchObject({ status: 422, code: 'visit.assignee_unknown' });
    const wrongMember = await staff.post(`/api/visits/${v.id}/assign`, {
      version: v.version,
      assigneeOrgId: chunyu,
      assigneeMemberId: other.json().id,
    });
    expect(wrongMember.json()).toMatchObject({ status: 422, code: 'visit.bad_member' });
    const ok = await staff.post(`/api/visits/${v.id}/assign`, {
      version: v.version,
      assigneeOrgId: chunyu,
      assigneeMemberId: member.json().id,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ assigneeOrgName: '春雨志愿者协会', assigneeMemberName: '马志强' });
    const stale = await staff.post(`/api/visits/${v.id}/assign`, { version: v.version, dueOn: '2026-07-01' });
    expect(stale.json()).toMatchObject({ status: 409, code: 'visit.stale' });
    // The social-work association still reaches it: the household is routed to it.
    expect(await visitOf(social, first.householdId)).toBeTruthy();
    const mine = (await volunteer.get(`/api/visits?assigneeMemberId=${member.json().id}`)).json();
    expect(mine.total).toBe(1);
  });

  it('records a worse visit after an exit as a relapse, and the federation reopens the archive', async () => {
    const v = await visitOf(volunteer, first.householdId);
    const future = await volunteer.post(`/api/visits/${v.id}/record`, {
      version: v.version,
      visitedOn: '2026-06-02',
      visitors: '马志强',
      change: 'worse',
      satisfaction: 3,
    });
    expect(future.json()).toMatchObject({ status: 422, code: 'visit.future_date' });
    const rec = await volunteer.post(`/api/visits/${v.id}/record`, {
      version: v.version,
      visitedOn: '2026-06-01',
      visitors: '马志强、周敏',
      change: 'worse',
      openNeeds: '丈夫旧病复发，需再次住院',
      satisfaction: 4,
      householdWords: '谢谢工会还记得我们，最近又难了',
    });
    expect(rec.statusCode).toBe(200);
    expect(rec.json()).toMatchObject({
      state: 'done',
      change: 'worse',
      relapse: true,
      archiveState: 'exited',
      householdWords: '谢谢工会还记得我们，最近又难了',
    });
    const twice = await volunteer.post(`/api/visits/${v.id}/record`, {
      version: rec.json().version,
      visitedOn: '2026-06-01',
      visitors: '马志强',
      change: 'same',
      satisfaction: 4,
    });
    expect(twice.json()).toMatchObject({ status: 409, code: 'visit.wrong_state' });
    const timeline = (await staff.get(`/api/households/${first.householdId}`)).json().timeline;
    const recorded = timeline.find((e: { kind: string }) => e.kind === 'visit_recorded');
    expect(recorded.summary).toMatchObject({
      change: 'worse',
      householdWords: '谢谢工会还记得我们，最近又难了',
      relapse: true,
    });

    // The page offers the reopen with the archive's id and version; partners cannot reopen.
    const body = { version: rec.json().archiveVersion, reason: '回访发现返贫，重新纳入帮扶' };
    expect((await volunteer.post(`/api/archives/${rec.json().archiveId}/reopen`, body)).statusCode).toBe(403);
    const reopened = await staff.post(`/api/archives/${rec.json().archiveId}/reopen`, body);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      state: 'archived',
      exitKind: null,
      exitReason: null,
      reviewDueOn: '2027-06-01',
    });
    const again = await staff.post(`/api/archives/${rec.json().archiveId}/reopen`, {
      ...body,
      version: reopened.json().version,
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'archive.wrong_state' });
    const h = (await staff.get(`/api/households/${first.householdId}`)).json();
    expect(h.state).toBe('archived');
    expect(h.closeReason).toBeNull();
    expect(h.timeline.map((e: { kind: string }) => e.kind)).toContain('relapse_reopened');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'in', ['visit.record', 'archive.reopen', 'visit.assign'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['archive.reopen', 'visit.assign', 'visit.record']);
  });

  it('a better visit is no relapse', async () => {
    const a = await archived(3);
    const s = await staff.post(`/api/households/${a.householdId}/visits`, { dueOn: '2026-06-10' });
    expect(s.statusCode).toBe(201);
    const rec = await social.post(`/api/visits/${s.json().id}/record`, {
      version: s.json().version,
      visitedOn: '2026-06-01',
      visitors: '周红梅',
      change: 'worse',
      satisfaction: 5,
    });
    expect(rec.json()).toMatchObject({ state: 'done', relapse: false, archiveState: 'archived' });
  });

  it('uses the federation’s own delays once set', async () => {
    expect((await staff.get('/api/help-settings')).json()).toEqual({
      visitAfterHelpDays: 30,
      visitAfterExitDays: 90,
    });
    expect(
      (await put(volunteer, '/api/help-settings', { visitAfterHelpDays: 7, visitAfterExitDays: 7 }))
        .statusCode,
    ).toBe(403);
    const bad = await put(staff, '/api/help-settings', { visitAfterHelpDays: 0, visitAfterExitDays: 60 });
    expect(bad.statusCode).toBe(400);
    const set = await put(staff, '/api/help-settings', { visitAfterHelpDays: 14, visitAfterExitDays: 60 });
    expect(set.json()).toEqual({ visitAfterHelpDays: 14, visitAfterExitDays: 60 });
    expect((await volunteer.get('/api/help-settings')).json()).toEqual({
      visitAfterHelpDays: 14,
      visitAfterExitDays: 60,
    });
    // Another federation keeps the defaults.
    expect((await otherFed.get('/api/help-settings')).json()).toEqual({
      visitAfterHelpDays: 30,
      visitAfterExitDays: 90,
    });
    const e = await exited(4);
    expect((await visitOf(staff, e.householdId)).dueOn).toBe('2026-07-31'); // + 60 days
  });

  it('lists overdue visits and counts them per organisation and member', async () => {
    const before = (await staff.get('/api/visits/worklist')).json();
    expect(before.byOrg.every((o: { overdue: number }) => o.overdue === 0)).toBe(true);
    t.clock.advance(45 * 86_400_000); // 2026-07-16: the manual visit of 2026-06-20 is late
    try {
      [staff, volunteer, outsider] = await Promise.all(
        ['qtx_staff', 'cy_volunteer', 'jd_volunteer'].map((u) => signIn(t, u)),
      );
      const overdue = (await staff.get('/api/visits?overdue=true')).json();
      expect(overdue.items.map((v: { dueOn: string; overdue: boolean }) => [v.dueOn, v.overdue])).toEqual([
        ['2026-06-20', true],
      ]);
      const notOverdue = (await staff.get('/api/visits?overdue=false&state=due')).json();
      expect(notOverdue.items.map((v: { dueOn: string }) => v.dueOn)).toEqual(['2026-07-31']);
      const w = (await staff.get('/api/visits/worklist')).json();
      expect(w.byOrg).toEqual([{ orgId: t.orgs.get('guxia'), orgName: '古峡社工协会', due: 1, overdue: 1 }]);
      expect(w.byMember).toEqual([]);
      // Partners count within their reach only.
      const forVolunteer = (await volunteer.get('/api/visits/worklist')).json();
      expect(forVolunteer.byOrg).toEqual([
        { orgId: t.orgs.get('guxia'), orgName: '古峡社工协会', due: 1, overdue: 1 },
      ]);
      expect((await outsider.get('/api/visits/worklist')).json()).toEqual({ byOrg: [], byMember: [] });
    } finally {
      t.clock.set('2026-06-01T08:00:00.000Z');
      [staff, volunteer, outsider] = await Promise.all(
        ['qtx_staff', 'cy_volunteer', 'jd_volunteer'].map((u) => signIn(t, u)),
      );
    }
  });
});
