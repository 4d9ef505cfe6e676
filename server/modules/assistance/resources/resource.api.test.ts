import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let unit: Agent;
let volunteer: Agent;
let other: Agent;

const resource = (over: Record<string, unknown> = {}) => ({
  kind: 'free_screening',
  title: '免费体检',
  description: '困难职工家庭成员免费体检一次',
  unit: '人次',
  quantity: 10,
  unitValueFen: 30000,
  validFrom: '2026-05-01',
  validUntil: '2026-12-31',
  audience: '建档困难职工家庭',
  ...over,
});

async function household(n: number): Promise<string> {
  const form: ScreeningForm = {
    method: 'home_visit',
    screenedOn: '2026-05-20',
    headName: `资源户${n}`,
    idNumber: makeIdNumber('640381', '19800101', String(n).padStart(3, '0')),
    phone: `1390951${String(n).padStart(4, '0')}`,
    situation: 'migrant_worker',
    divisionCode: '640381101',
    addressDetail: `大坝镇韦桥村 ${n} 号`,
    householdSize: 3,
    annualIncomeFen: 2_000_000,
    rigidExpenseFen: 500_000,
    causes: ['serious_illness'],
    members: [],
    needs: [],
  };
  return screenHousehold(volunteer, form);
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  unit = await signIn(t, 'rmyy_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  other = await signIn(t, 'yc_staff');
});
afterAll(() => t.close());

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

describe('publishing resources', () => {
  it('a caring unit publishes as itself and may not name another organisation', async () => {
    const res = await unit.post('/api/resources', resource());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      orgId: t.orgs.get('hospital'),
      orgName: '青铜峡市人民医院',
      quantity: 10,
      reserved: 0,
      delivered: 0,
      available: 10,
      status: 'active',
      expired: false,
      version: 1,
    });
    const foreign = await unit.post('/api/resources', resource({ orgId: t.orgs.get('restaurant') }));
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['body.orgId']);
    const own = await unit.post('/api/resources', resource({ orgId: t.orgs.get('hospital') }));
    expect(own.statusCode).toBe(201);
  });

  it('federation staff publish for a caring unit of their own jurisdiction only', async () => {
    const missing = await staff.post('/api/resources', resource());
    expect(missing.statusCode).toBe(422);
    expect(fields(missing)).toEqual(['body.orgId']);
    const notCaring = await staff.post('/api/resources', resource({ orgId: t.orgs.get('guxia') }));
    expect(notCaring.statusCode).toBe(422);
    expect(fields(notCaring)).toEqual(['body.orgId']);
    const elsewhere = await other.post('/api/resources', resource({ orgId: t.orgs.get('hospital') }));
    expect(elsewhere.statusCode).toBe(422);
    const ok = await staff.post(
      '/api/resources',
      resource({ orgId: t.orgs.get('restaurant'), kind: 'coupons', title: '爱心餐券', unit: '张' }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().orgName).not.toBe('青铜峡市人民医院');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select(['action', 'subjectId'])
      .where('action', '=', 'resource.create')
      .execute();
    expect(audit.map((a) => a.subjectId)).toContain(ok.json().id);
  });

  it('refuses validity that ends before it starts, naming validUntil, and roles without the action', async () => {
    const bad = await unit.post(
      '/api/resources',
      resource({ validFrom: '2026-07-01', validUntil: '2026-06-30' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('resource.bad_validity');
    expect(fields(bad)).toEqual(['body.validUntil']);
    expect((await volunteer.post('/api/resources', resource())).statusCode).toBe(403);
    const unknown = await unit.post('/api/resources', { ...resource(), price: 1 });
    expect(unknown.statusCode).toBe(400);
    const zero = await unit.post('/api/resources', resource({ quantity: 0 }));
    expect(zero.statusCode).toBe(400);
    expect(fields(zero)).toEqual(['body.quantity']);
  });
});

describe('reading resources', () => {
  it('caring units see their own, partners and staff their jurisdiction, others nothing', async () => {
    const asUnit = (await unit.get('/api/resources?pageSize=100')).json();
    expect(asUnit.total).toBeGreaterThan(0);
    expect(new Set(asUnit.items.map((r: { orgId: string }) => r.orgId))).toEqual(
      new Set([t.orgs.get('hospital')]),
    );
    const asStaff = (await staff.get('/api/resources?pageSize=100')).json();
    expect(asStaff.total).toBe(asUnit.total + 1);
    const asVolunteer = (await volunteer.get('/api/resources?pageSize=100')).json();
    expect(asVolunteer.total).toBe(asStaff.total);
    expect((await other.get('/api/resources')).json().total).toBe(0);
    const one = asUnit.items[0];
    expect((await other.get(`/api/resources/${one.id}`)).statusCode).toBe(404);
    expect((await volunteer.get(`/api/resources/${one.id}`)).json().id).toBe(one.id);
    const restaurant = asStaff.items.find((r: { orgId: string }) => r.orgId === t.orgs.get('restaurant'));
    expect((await unit.get(`/api/resources/${restaurant.id}`)).statusCode).toBe(404);
    const coupons = (await staff.get('/api/resources?kind=coupons&q=餐券')).json();
    expect(coupons.total).toBe(1);
  });

  it('available=true lists only what can be referred to today', async () => {
    const expired = await unit.post(
      '/api/resources',
      resource({ title: '过期义诊', validFrom: '2026-01-01', validUntil: '2026-05-31' }),
    );
    const future = await unit.post(
      '/api/resources',
      resource({ title: '下月义诊', validFrom: '2026-07-01' }),
    );
    const withdrawn = await unit.post('/api/resources', resource({ title: '撤回义诊' }));
    await unit.post(`/api/resources/${withdrawn.json().id}/withdraw`, { version: 1 });
    expect(expired.json().expired).toBe(true);
    const available = (await unit.get('/api/resources?available=true&pageSize=100')).json();
    const titles = available.items.map((r: { title: string }) => r.title);
    expect(titles).not.toContain('过期义诊');
    expect(titles).not.toContain('下月义诊');
    expect(titles).not.toContain('撤回义诊');
    expect(titles).toContain('免费体检');
    const notAvailable = (await unit.get('/api/resources?available=false&pageSize=100')).json();
    expect(notAvailable.items.map((r: { title: string }) => r.title).sort()).toEqual(
      ['下月义诊', '撤回义诊', '过期义诊'].sort(),
    );
    const bad = await unit.get('/api/resources?available=yes');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['query.available']);
    expect(future.statusCode).toBe(201);
  });
});

describe('changing and withdrawing resources', () => {
  let id = '';
  let householdId = '';
  let referralId = '';

  it('edits at the expected version; a stale version is refused', async () => {
    id = (
      await unit.post(
        '/api/resources',
        resource({ title: '专家门诊绿色通道', kind: 'green_channel', quantity: 3 }),
      )
    ).json().id;
    const ok = await unit.patch(`/api/resources/${id}`, {
      ...resource({ title: '专家门诊绿色通道', kind: 'green_channel', quantity: 4 }),
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ quantity: 4, available: 4, version: 2 });
    const stale = await unit.patch(`/api/resources/${id}`, { ...resource({ quantity: 5 }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('resource.stale');
    const badDates = await unit.patch(`/api/resources/${id}`, {
      ...resource({ validUntil: '2026-04-01' }),
      version: 2,
    });
    expect(fields(badDates)).toEqual(['body.validUntil']);
    expect(
      (await staff.patch(`/api/resources/${id}`, { ...resource({ quantity: 4 }), version: 2 })).statusCode,
    ).toBe(200);
  });

  it('the quantity may not fall below the places already referred', async () => {
    householdId = await household(1);
    const ref = await staff.post(`/api/households/${householdId}/referrals`, {
      resourceId: id,
      quantity: 3,
      need: '丈夫肝病需专家复查',
      overrideReason: '病情紧急，家属电话同意，书面同意补签',
    });
    expect(ref.statusCode).toBe(201);
    referralId = ref.json().id;
    const current = (await unit.get(`/api/resources/${id}`)).json();
    expect(current).toMatchObject({ reserved: 3, available: 1 });
    const below = await unit.patch(`/api/resources/${id}`, {
      ...resource({ quantity: 2 }),
      version: current.version,
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().code).toBe('resource.below_reserved');
    expect(fields(below)).toEqual(['body.quantity']);
    const exact = await unit.patch(`/api/resources/${id}`, {
      ...resource({ quantity: 3 }),
      version: current.version,
    });
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({ quantity: 3, reserved: 3, available: 0 });
  });

  it('a withdrawn resource takes no referrals, but its open ones stay answerable', async () => {
    const current = (await unit.get(`/api/resources/${id}`)).json();
    const w = await unit.post(`/api/resources/${id}/withdraw`, { version: current.version });
    expect(w.statusCode).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    const again = await unit.post(`/api/resources/${id}/withdraw`, { version: w.json().version });
    expect(again.statusCode).toBe(409);
    const second = await household(2);
    const refused = await staff.post(`/api/households/${second}/referrals`, {
      resourceId: id,
      need: '复查',
      overrideReason: '紧急',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('resource.withdrawn');
    const accept = await unit.post(`/api/referrals/${referralId}/accept`, {
      version: 1,
      note: '请周三上午来',
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json().state).toBe('accepted');
  });

  it('an expired or not yet valid resource answers why it cannot be referred to', async () => {
    const hh = await household(3);
    const expired = (
      await unit.post(
        '/api/resources',
        resource({ title: '旧券', validFrom: '2026-01-01', validUntil: '2026-05-31' }),
      )
    ).json();
    const later = (
      await unit.post('/api/resources', resource({ title: '新券', validFrom: '2026-06-02' }))
    ).json();
    const a = await staff.post(`/api/households/${hh}/referrals`, {
      resourceId: expired.id,
      need: '体检',
      overrideReason: '紧急',
    });
    expect(a.json().code).toBe('resource.expired');
    const b = await staff.post(`/api/households/${hh}/referrals`, {
      resourceId: later.id,
      need: '体检',
      overrideReason: '紧急',
    });
    expect(b.json().code).toBe('resource.not_yet_valid');
    // Neither attempt held a place.
    expect((await unit.get(`/api/resources/${expired.id}`)).json().reserved).toBe(0);
    expect((await unit.get(`/api/resources/${later.id}`)).json().reserved).toBe(0);
  });
});
