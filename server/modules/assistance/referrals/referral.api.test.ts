import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let unit: Agent;
let volunteer: Agent;
let social: Agent;
let other: Agent;

let seq = 0;
/** A household screened by the volunteer (linked to 春雨, routed to 古峡). */
async function household(members: ScreeningForm['members'] = []): Promise<{ id: string; idNumber: string }> {
  const n = ++seq;
  const idNumber = makeIdNumber('640381', '19790202', String(n).padStart(3, '0'));
  const form: ScreeningForm = {
    method: 'home_visit',
    screenedOn: '2026-05-20',
    headName: `转介户${n}`,
    idNumber,
    phone: `1399512${String(n).padStart(4, '0')}`,
    situation: 'migrant_worker',
    divisionCode: '640381101',
    addressDetail: `大坝镇韦桥村三队 ${n} 号`,
    householdSize: Math.max(4, members.length + 1),
    annualIncomeFen: 2_345_678,
    rigidExpenseFen: 600_000,
    causes: ['serious_illness'],
    members,
    needs: [],
  };
  return { id: await screenHousehold(volunteer, form), idNumber };
}

async function membersOf(householdId: string): Promise<Record<string, string>> {
  const h = (await staff.get(`/api/households/${householdId}`)).json();
  return Object.fromEntries(h.members.map((m: { name: string; id: string }) => [m.name, m.id]));
}

async function newResource(quantity: number, title = '专家门诊绿色通道'): Promise<string> {
  const res = await unit.post('/api/resources', {
    kind: 'green_channel',
    title,
    unit: '人次',
    quantity,
    unitValueFen: 20000,
    validFrom: '2026-05-01',
    validUntil: '2026-12-31',
    audience: '建档困难职工家庭',
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const consent = (over: Record<string, unknown> = {}) => ({
  orgId: t.orgs.get('hospital'),
  givenBy: 'self',
  method: 'signed_form',
  givenOn: '2026-05-25',
  ...over,
});

/**
 * A partner's consent as it now gates a referral: recorded by the volunteer, then confirmed by a
 * second person (federation staff) — issue 9 item 13; a partner's word alone no longer suffices.
 */
async function partnerConsent(householdId: string, body: Record<string, unknown>) {
  const given = await volunteer.post(`/api/households/${householdId}/consents`, body);
  expect(given.statusCode).toBe(201);
  const confirmed = await staff.post(`/api/consents/${given.json().id}/confirm`, {});
  expect(confirmed.statusCode).toBe(200);
  return confirmed.json() as { id: string };
}

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

const resourceRow = (id: string) =>
  t.platform.db.selectFrom('resource').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  unit = await signIn(t, 'rmyy_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  social = await signIn(t, 'gx_social');
  other = await signIn(t, 'yc_staff');
});
afterAll(() => t.close());

describe('consent', () => {
  let h = '';
  let m: Record<string, string> = {};

  beforeAll(async () => {
    h = (
      await household([
        { relation: 'spouse', name: '马有福', health: '慢性肝病' },
        { relation: 'child', name: '马小花', age: 12 },
        { relation: 'child', name: '马小军' },
        { relation: 'child', name: '马大军', age: 16 },
      ])
    ).id;
    m = await membersOf(h);
  });

  it('records a household consent naming the caring unit, audited and on the timeline', async () => {
    const res = await volunteer.post(`/api/households/${h}/consents`, consent());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      orgName: '青铜峡市人民医院',
      memberId: null,
      givenBy: 'self',
      active: true,
      recordedByName: '马文斌',
    });
    const detail = (await staff.get(`/api/households/${h}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('consent_given');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('subjectId')
      .where('action', '=', 'consent.give')
      .execute();
    expect(audit.map((a) => a.subjectId)).toContain(h);
  });

  it('names the field of every bad consent', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ givenBy: 'guardian' }, 'body.guardianName'],
      [{ givenBy: 'self', guardianName: '马有福' }, 'body.guardianName'],
      [{ memberId: m['马小花'] }, 'body.givenBy'],
      [{ memberId: m['马小军'] }, 'body.givenBy'], // no age: a child by relation
      [{ memberId: 'no-such-member' }, 'body.memberId'],
      [{ orgId: t.orgs.get('yinchuan_bus') }, 'body.orgId'],
      [{ orgId: 'nope' }, 'body.orgId'],
      [{ givenOn: '2026-06-09' }, 'body.givenOn'],
    ];
    for (const [over, field] of cases) {
      const res = await volunteer.post(`/api/households/${h}/consents`, consent(over));
      expect(res.statusCode, field).toBe(422);
      expect(fields(res)).toEqual([field]);
    }
    const sixteen = await volunteer.post(`/api/households/${h}/consents`, consent({ memberId: m['马大军'] }));
    expect(sixteen.statusCode).toBe(201);
    const guardian = await volunteer.post(
      `/api/households/${h}/consents`,
      consent({ memberId: m['马小花'], givenBy: 'guardian', guardianName: '马有福' }),
    );
    expect(guardian.statusCode).toBe(201);
    expect(guardian.json()).toMatchObject({ memberName: '马小花', guardianName: '马有福' });
  });

  it('only those working the household may record consent', async () => {
    expect((await unit.post(`/api/households/${h}/consents`, consent())).statusCode).toBe(403);
    expect((await other.post(`/api/households/${h}/consents`, consent())).statusCode).toBe(404);
    // 古峡 is the responsible partner (routed), so it works the household too.
    expect((await social.post(`/api/households/${h}/consents`, consent())).statusCode).toBe(201);
  });

  it('revokes once, audited; a revoked consent no longer lets referrals go', async () => {
    const fresh = (await household()).id;
    const c = (await volunteer.post(`/api/households/${fresh}/consents`, consent())).json();
    const resourceId = await newResource(5, '义诊');
    const revoked = await volunteer.post(`/api/consents/${c.id}/revoke`, { reason: '户主撤回同意' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false, revokeReason: '户主撤回同意' });
    const again = await volunteer.post(`/api/consents/${c.id}/revoke`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent.already_revoked');
    expect((await other.post(`/api/consents/${c.id}/revoke`, { reason: 'x' })).statusCode).toBe(404);
    const blank = await volunteer.post(`/api/consents/${c.id}/revoke`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(fields(blank)).toEqual(['body.reason']);
    const ref = await volunteer.post(`/api/households/${fresh}/referrals`, { resourceId, need: '义诊' });
    expect(ref.statusCode).toBe(409);
    expect(ref.json().code).toBe('referral.consent_required');
    const detail = (await staff.get(`/api/households/${fresh}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('consent_revoked');
    const list = await t.services.assistance.referrals.consentsForHousehold(fresh);
    expect(list).toHaveLength(1);
    expect(list[0].active).toBe(false);
  });
});

describe('sending referrals', () => {
  let resourceId = '';

  beforeAll(async () => {
    resourceId = await newResource(50);
  });

  it('without consent a partner is refused, naming overrideReason; staff may override with a reason', async () => {
    const { id: h } = await household();
    const none = await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('referral.consent_required');
    expect(fields(none)).toEqual(['body.overrideReason']);
    const notAllowed = await volunteer.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: '复查',
      overrideReason: '我觉得可以',
    });
    expect(notAllowed.statusCode).toBe(409);
    expect(fields(notAllowed)).toEqual(['body.overrideReason']);
    const noReason = await staff.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' });
    expect(noReason.statusCode).toBe(409);
    const ok = await staff.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: '复查',
      overrideReason: '病情紧急，户主电话同意',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      householdId: h,
      state: 'sent',
      overrideReason: '病情紧急，户主电话同意',
      consentGivenOn: null,
    });
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', 'in', ['referral.consent_override', 'referral.create'])
      .execute();
    const override = audit.find((a) => a.action === 'referral.consent_override');
    expect(JSON.parse(override!.details)).toMatchObject({ overrideReason: '病情紧急，户主电话同意' });
    const created = audit.filter((a) => a.action === 'referral.create').map((a) => JSON.parse(a.details));
    expect(created.find((d) => d.referralId === ok.json().id)).toMatchObject({
      overrideReason: '病情紧急，户主电话同意',
    });
  });

  it('with consent a partner refers; a second open referral of the same household is refused', async () => {
    const { id: h } = await household();
    const before = (await resourceRow(resourceId)).reserved;
    const c = await partnerConsent(h, consent());
    const ok = await volunteer.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: '复查',
      quantity: 2,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ consentGivenBy: 'self', consentGivenOn: '2026-05-25', quantity: 2 });
    const created = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'referral.create')
      .where('subjectId', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(created.details)).toMatchObject({ consentId: c.id });
    const dup = await social.post(`/api/households/${h}/referrals`, { resourceId, need: '再转一次' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('referral.duplicate');
    expect((await resourceRow(resourceId)).reserved).toBe(before + 2);
    const detail = (await staff.get(`/api/households/${h}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('referral_sent');
  });

  it('a child under 14 is referred only on a guardian’s consent', async () => {
    const { id: h } = await household([{ relation: 'child', name: '马小花', age: 12 }]);
    const { 马小花: child } = await membersOf(h);
    await partnerConsent(h, consent());
    const refused = await volunteer.post(`/api/households/${h}/referrals`, {
      resourceId,
      memberId: child,
      need: '儿童体检',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('referral.consent_required');
    await partnerConsent(h, consent({ memberId: child, givenBy: 'guardian', guardianName: '马有福' }));
    const ok = await volunteer.post(`/api/households/${h}/referrals`, {
      resourceId,
      memberId: child,
      need: '儿童体检',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ memberName: '马小花', consentGivenBy: 'guardian' });
  });

  it('names the field of a bad referral, and refuses closed or unreachable households', async () => {
    const { id: h } = await household();
    const { id: h2 } = await household([{ relation: 'spouse', name: '李梅' }]);
    const otherMember = Object.values(await membersOf(h2))[0];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ resourceId: 'nope', need: 'x' }, 422, 'body.resourceId'],
      [{ resourceId, memberId: otherMember, need: 'x' }, 422, 'body.memberId'],
      [{ resourceId, need: '' }, 400, 'body.need'],
      [{ resourceId, need: 'x', quantity: 0 }, 400, 'body.quantity'],
      [{ resourceId, need: 'x', overrideReason: 1 }, 400, 'body.overrideReason'],
    ];
    for (const [body, status, field] of cases) {
      const res = await staff.post(`/api/households/${h}/referrals`, body);
      expect(res.statusCode, field).toBe(status);
      expect(fields(res)).toEqual([field]);
    }
    const tooMany = await staff.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: 'x',
      quantity: 1000,
      overrideReason: '紧急',
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('resource.exhausted');
    expect(fields(tooMany)).toEqual(['body.quantity']);
    expect((await other.post(`/api/households/${h}/referrals`, { resourceId, need: 'x' })).statusCode).toBe(
      404,
    );
    expect((await unit.post(`/api/households/${h}/referrals`, { resourceId, need: 'x' })).statusCode).toBe(
      403,
    );
    const detail = (await staff.get(`/api/households/${h}`)).json();
    await staff.post(`/api/households/${h}/close`, { version: detail.version, reason: '户主已去世' });
    const closed = await staff.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: 'x',
      overrideReason: '紧急',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('household.wrong_state');
  });
});

describe('what the caring unit sees', () => {
  it('only the minimum: no household id, division, ID number or income', async () => {
    const { id: h, idNumber } = await household([{ relation: 'spouse', name: '马有福', health: '慢性肝病' }]);
    const resourceId = await newResource(3, '肝病专科复查');
    await partnerConsent(h, consent());
    const ref = (
      await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '丈夫肝病需复查' })
    ).json();
    const list = (await unit.get(`/api/referrals?resourceId=${resourceId}`)).json();
    expect(list.total).toBe(1);
    const seen = list.items[0];
    expect(seen).toMatchObject({
      id: ref.id,
      householdId: null,
      divisionName: null,
      headName: ref.headName,
      phoneMasked: expect.stringMatching(/^\*{7}\d{4}$/),
      need: '丈夫肝病需复查',
      orgName: '青铜峡市人民医院',
    });
    const text = JSON.stringify(list) + (await unit.get(`/api/referrals/${ref.id}`)).body;
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(idNumber.slice(-4) + '"');
    expect(text).not.toContain('2345678');
    expect(text).not.toContain('慢性肝病');
    expect(text).not.toContain(h);
    // Staff see the household.
    const asStaff = (await staff.get(`/api/referrals/${ref.id}`)).json();
    expect(asStaff).toMatchObject({ householdId: h, divisionName: expect.any(String) });
    expect(asStaff.divisionName).not.toBe('');
    const asVolunteer = (await volunteer.get(`/api/referrals/${ref.id}`)).json();
    expect(asVolunteer.householdId).toBe(h);
    // Out of reach answers like missing.
    expect((await other.get(`/api/referrals/${ref.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/referrals')).json().total).toBe(0);
    expect((await volunteer.get('/api/referrals')).statusCode).toBe(403);
    const staffList = (await staff.get(`/api/referrals?resourceId=${resourceId}`)).json();
    expect(staffList.items[0].householdId).toBe(h);
    const forHousehold = await t.services.assistance.referrals.listForHousehold(h);
    expect(forHousehold.map((r) => r.id)).toEqual([ref.id]);
  });
});

describe('answering referrals', () => {
  let resourceId = '';

  beforeAll(async () => {
    resourceId = await newResource(10, '免费体检');
  });

  async function sent(quantity = 1) {
    const { id: h } = await household();
    const res = await staff.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: '体检',
      quantity,
      overrideReason: '紧急',
    });
    expect(res.statusCode).toBe(201);
    return { h, r: res.json() as { id: string; version: number } };
  }

  it('accept → deliver: counted on the resource, once in the ledger, a return visit scheduled', async () => {
    const { h, r } = await sent(2);
    const stale = await unit.post(`/api/referrals/${r.id}/accept`, { version: r.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('referral.stale');
    expect((await staff.post(`/api/referrals/${r.id}/accept`, { version: r.version })).statusCode).toBe(403);
    const early = await unit.post(`/api/referrals/${r.id}/deliver`, {
      version: r.version,
      deliveredOn: '2026-06-01',
    });
    expect(early.json().code).toBe('referral.wrong_state');
    const accepted = await unit.post(`/api/referrals/${r.id}/accept`, {
      version: r.version,
      note: '周三上午',
    });
    expect(accepted.json()).toMatchObject({ state: 'accepted', responseNote: '周三上午', householdId: null });
    const future = await unit.post(`/api/referrals/${r.id}/deliver`, {
      version: accepted.json().version,
      deliveredOn: '2026-06-05',
    });
    expect(future.statusCode).toBe(422);
    expect(fields(future)).toEqual(['body.deliveredOn']);
    const delivered = await unit.post(`/api/referrals/${r.id}/deliver`, {
      version: accepted.json().version,
      deliveredOn: '2026-06-01',
    });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toMatchObject({
      state: 'delivered',
      deliveredOn: '2026-06-01',
      deliveredValueFen: 40000,
    });
    const row = await resourceRow(resourceId);
    expect(row).toMatchObject({ reserved: 2, delivered: 2 });
    const ledger = await t.platform.db
      .selectFrom('helpRecord')
      .selectAll()
      .where('householdId', '=', h)
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      route: 'referral',
      sourceId: r.id,
      kind: 'green_channel',
      valueFen: 40000,
      givenByOrgId: t.orgs.get('hospital'),
      givenByName: '青铜峡市人民医院',
      givenOn: '2026-06-01',
    });
    expect(ledger[0].what).toContain('免费体检');
    const visits = await t.platform.db
      .selectFrom('returnVisit')
      .selectAll()
      .where('householdId', '=', h)
      .execute();
    expect(visits).toHaveLength(1);
    const again = await unit.post(`/api/referrals/${r.id}/deliver`, {
      version: delivered.json().version,
      deliveredOn: '2026-06-01',
    });
    expect(again.json().code).toBe('referral.wrong_state');
    const events = (await staff.get(`/api/households/${h}`))
      .json()
      .timeline.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(
      expect.arrayContaining(['referral_sent', 'referral_accepted', 'referral_delivered']),
    );
    const actions = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('subjectId', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['referral.create', 'referral.accept', 'referral.deliver']);
  });

  it('a given value overrides quantity × unit value', async () => {
    const { r } = await sent(1);
    const a = (await unit.post(`/api/referrals/${r.id}/accept`, { version: r.version })).json();
    const d = await unit.post(`/api/referrals/${r.id}/deliver`, {
      version: a.version,
      deliveredOn: '2026-06-01',
      valueFen: 12345,
      note: '含化验',
    });
    expect(d.json()).toMatchObject({ deliveredValueFen: 12345, responseNote: '含化验' });
  });

  it('decline and withdraw give the places back; the reason is required', async () => {
    const before = (await resourceRow(resourceId)).reserved;
    const { r: a } = await sent(2);
    const { r: b } = await sent(1);
    const { r: c } = await sent(1);
    expect((await resourceRow(resourceId)).reserved).toBe(before + 4);
    const noReason = await unit.post(`/api/referrals/${a.id}/decline`, { version: a.version });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['body.reason']);
    const declined = await unit.post(`/api/referrals/${a.id}/decline`, {
      version: a.version,
      reason: '超出服务范围',
    });
    expect(declined.json()).toMatchObject({ state: 'declined', responseNote: '超出服务范围' });
    const withdrawnByStaff = await volunteer.post(`/api/referrals/${b.id}/withdraw`, {
      version: b.version,
      reason: '已在别处就医',
    });
    expect(withdrawnByStaff.json()).toMatchObject({ state: 'withdrawn', householdId: expect.any(String) });
    const acc = (await unit.post(`/api/referrals/${c.id}/accept`, { version: c.version })).json();
    const withdrawnByUnit = await unit.post(`/api/referrals/${c.id}/withdraw`, {
      version: acc.version,
      reason: '家属未到',
    });
    expect(withdrawnByUnit.json().state).toBe('withdrawn');
    expect((await resourceRow(resourceId)).reserved).toBe(before);
    expect(
      (await other.post(`/api/referrals/${c.id}/withdraw`, { version: 3, reason: 'x' })).statusCode,
    ).toBe(404);
    const closedAgain = await unit.post(`/api/referrals/${a.id}/decline`, {
      version: declined.json().version,
      reason: 'x',
    });
    expect(closedAgain.json().code).toBe('referral.wrong_state');
  });
});

describe('no overselling, no double referral (concurrent requests)', () => {
  it('24 parallel referrals against 5 places: exactly 5 succeed, the rest are exhausted', async () => {
    const resourceId = await newResource(5, '限量爱心门诊');
    const households = [];
    for (let i = 0; i < 24; i++) households.push((await household()).id);
    const results = await Promise.all(
      households.map((h) =>
        staff.post(`/api/households/${h}/referrals`, { resourceId, need: '门诊', overrideReason: '紧急' }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(
      new Set(['resource.exhausted']),
    );
    const row = await resourceRow(resourceId);
    expect(row.reserved).toBe(5);
    const open = await t.platform.db
      .selectFrom('referral')
      .select('id')
      .where('resourceId', '=', resourceId)
      .execute();
    expect(open).toHaveLength(5);

    // Free places by declining two and withdrawing one, deliver one, then race again.
    const ok = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json() as { id: string; version: number });
    await unit.post(`/api/referrals/${ok[0].id}/decline`, { version: ok[0].version, reason: '名额调整' });
    await unit.post(`/api/referrals/${ok[1].id}/decline`, { version: ok[1].version, reason: '名额调整' });
    await staff.post(`/api/referrals/${ok[2].id}/withdraw`, { version: ok[2].version, reason: '已康复' });
    const acc = (await unit.post(`/api/referrals/${ok[3].id}/accept`, { version: ok[3].version })).json();
    await unit.post(`/api/referrals/${ok[3].id}/deliver`, {
      version: acc.version,
      deliveredOn: '2026-06-01',
    });
    expect((await resourceRow(resourceId)).reserved).toBe(2);

    // Every household races again for the 3 places freed. The one still holding an open referral
    // is refused too: as a duplicate, or as exhausted when the places were gone before its turn
    // (places are held first, then the referral is inserted).
    const second = await Promise.all(
      households.map((h) =>
        staff.post(`/api/households/${h}/referrals`, { resourceId, need: '门诊', overrideReason: '紧急' }),
      ),
    );
    expect(second.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const secondCodes = second.filter((r) => r.statusCode !== 201).map((r) => [r.statusCode, r.json().code]);
    expect(secondCodes).toHaveLength(21);
    expect(secondCodes.filter(([, c]) => c === 'referral.duplicate').length).toBeLessThanOrEqual(1);
    for (const [status, code] of secondCodes) {
      expect(status).toBe(409);
      expect(['resource.exhausted', 'referral.duplicate']).toContain(code);
    }

    const final = await resourceRow(resourceId);
    const refs = await t.platform.db
      .selectFrom('referral')
      .select(['state', 'quantity'])
      .where('resourceId', '=', resourceId)
      .execute();
    const held = refs
      .filter((r) => ['sent', 'accepted', 'delivered'].includes(r.state))
      .reduce((n, r) => n + Number(r.quantity), 0);
    expect(held).toBe(5);
    expect(held).toBeLessThanOrEqual(final.quantity);
    expect(final.reserved).toBe(held);
    expect(final.delivered).toBe(1);
  });

  it('parallel duplicate referrals of one household: exactly one succeeds', async () => {
    const resourceId = await newResource(100, '爱心理发');
    const { id: h } = await household();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        staff.post(`/api/households/${h}/referrals`, {
          resourceId,
          need: '理发',
          overrideReason: '行动不便',
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('referral.duplicate');
    }
    expect((await resourceRow(resourceId)).reserved).toBe(1);
    // Once the open referral is closed, the household may be referred again.
    const open = results.find((r) => r.statusCode === 201)!.json();
    await staff.post(`/api/referrals/${open.id}/withdraw`, { version: open.version, reason: '改期' });
    const again = await staff.post(`/api/households/${h}/referrals`, {
      resourceId,
      need: '理发',
      overrideReason: '行动不便',
    });
    expect(again.statusCode).toBe(201);
    expect((await resourceRow(resourceId)).reserved).toBe(1);
  });
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

// Issue 9 item 13: a partner's word alone does not open the consent gate.
describe('a partner’s consent waits for its signed form or a second person', () => {
  it('refuses a referral on a partner’s unconfirmed consent; the signed form confirms it', async () => {
    const { id: h } = await household();
    const resourceId = await newResource(2, '签字同意书测试');
    const given = await volunteer.post(`/api/households/${h}/consents`, consent({ method: 'verbal' }));
    expect(given.statusCode).toBe(201);
    expect(given.json()).toMatchObject({ confirmed: false, confirmedHow: null, evidence: null });
    const refused = await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('referral.consent_required');
    expect(JSON.stringify(refused.json())).toMatch(/signed form|confirmation/);
    const up = await volunteer.upload(
      `/api/consents/${given.json().id}/evidence`,
      PNG,
      'image/png',
      '同意书.png',
    );
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({
      confirmed: true,
      confirmedHow: 'evidence',
      evidence: { fileName: '同意书.png' },
    });
    const again = await volunteer.upload(
      `/api/consents/${given.json().id}/evidence`,
      PNG,
      'image/png',
      'b.png',
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent.evidence_exists');
    const ok = await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' });
    expect(ok.statusCode).toBe(201);
    const file = await staff.get(`/api/consents/${given.json().id}/evidence`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const actions = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'in', ['consent.evidence', 'consent.evidence_read'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['consent.evidence', 'consent.evidence_read']);
  });

  it('federation staff confirm a partner’s consent; partners cannot; staff’s own record stands at once', async () => {
    const { id: h } = await household();
    const given = (await social.post(`/api/households/${h}/consents`, consent())).json();
    expect(given.confirmed).toBe(false);
    expect((await volunteer.post(`/api/consents/${given.id}/confirm`, {})).statusCode).toBe(403);
    expect((await other.post(`/api/consents/${given.id}/confirm`, {})).statusCode).toBe(404);
    const confirmed = await staff.post(`/api/consents/${given.id}/confirm`, { note: '电话回访户主确认' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ confirmed: true, confirmedHow: 'staff_confirmed' });
    const twice = await staff.post(`/api/consents/${given.id}/confirm`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('consent.already_confirmed');
    const own = (
      await staff.post(`/api/households/${h}/consents`, consent({ orgId: t.orgs.get('chunyu') }))
    ).json();
    expect(own).toMatchObject({ confirmed: true, confirmedHow: 'recorded_by_staff' });
  });
});

// Issue 9 item 10: the caring unit sees the minimum, and no longer than it needs.
describe('what the caring unit no longer sees', () => {
  it('does not learn who referred the household (list and record)', async () => {
    const { id: h } = await household();
    const resourceId = await newResource(2, '不显示转介方');
    await partnerConsent(h, consent());
    const ref = (await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' })).json();
    const one = (await unit.get(`/api/referrals/${ref.id}`)).json();
    expect(one).toMatchObject({ referredOrgName: null, referredByName: null });
    const list = (await unit.get(`/api/referrals?resourceId=${resourceId}`)).json();
    expect(list.items[0]).toMatchObject({ referredOrgName: null, referredByName: null });
    expect(JSON.stringify(list) + JSON.stringify(one)).not.toContain('春雨');
    expect((await staff.get(`/api/referrals/${ref.id}`)).json().referredOrgName).toEqual(expect.any(String));
  });

  it('revoking the consent withdraws the open referral in the same step, places released, audited', async () => {
    const { id: h } = await household();
    const resourceId = await newResource(3, '撤回同意');
    const c = await partnerConsent(h, consent());
    const ref = (await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' })).json();
    const accepted = await unit.post(`/api/referrals/${ref.id}/accept`, { version: ref.version });
    expect(accepted.statusCode).toBe(200);
    expect((await resourceRow(resourceId)).reserved).toBe(1);
    const revoked = await volunteer.post(`/api/consents/${c.id}/revoke`, { reason: '户主不愿再共享' });
    expect(revoked.statusCode).toBe(200);
    expect((await resourceRow(resourceId)).reserved).toBe(0);
    const seen = (await unit.get(`/api/referrals/${ref.id}`)).json();
    expect(seen.state).toBe('withdrawn');
    const deliver = await unit.post(`/api/referrals/${ref.id}/deliver`, {
      version: seen.version,
      deliveredOn: '2026-06-01',
    });
    expect(deliver.statusCode).toBe(409);
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'referral.withdraw')
      .where('subjectId', '=', ref.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ cause: 'consent_revoked', consentId: c.id });
    const kinds = (await staff.get(`/api/households/${h}`))
      .json()
      .timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('referral_withdrawn');
  });

  it('after the retention period a closed referral is gone for the unit (list and 404), not for staff', async () => {
    const { id: h } = await household();
    const resourceId = await newResource(2, '保留期限');
    await partnerConsent(h, consent());
    const ref = (await volunteer.post(`/api/households/${h}/referrals`, { resourceId, need: '复查' })).json();
    const declined = await unit.post(`/api/referrals/${ref.id}/decline`, {
      version: ref.version,
      reason: '无床位',
    });
    expect(declined.statusCode).toBe(200);
    // The referral closed N days before the (fake) clock's now.
    const closedDaysAgo = (days: number) =>
      t.platform.db
        .updateTable('referral')
        .set({ updatedAt: new Date(t.clock.now().getTime() - days * 86_400_000).toISOString() })
        .where('id', '=', ref.id)
        .execute();
    await closedDaysAgo(179);
    expect((await unit.get(`/api/referrals/${ref.id}`)).statusCode).toBe(200);
    expect((await unit.get(`/api/referrals?resourceId=${resourceId}`)).json().total).toBe(1);
    await closedDaysAgo(181);
    expect((await unit.get(`/api/referrals/${ref.id}`)).statusCode).toBe(404);
    expect((await unit.get(`/api/referrals?resourceId=${resourceId}`)).json().total).toBe(0);
    expect((await staff.get(`/api/referrals/${ref.id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/referrals?resourceId=${resourceId}`)).json().total).toBe(1);
  });
});
