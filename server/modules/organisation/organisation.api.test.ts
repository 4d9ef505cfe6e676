import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../contracts/organisation';
import { makeIdNumber } from '../../platform/personal-data/identity';
import { Agent, createTestApp, signIn, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Agent;
let staff: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'admin');
  staff = await signIn(t, 'qtx_staff');
});
afterAll(() => t.close());

const org = (key: string) => t.orgs.get(key)!;
const auditCount = async (action: string) =>
  (await t.platform.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute()).length;

describe('organisation tree', () => {
  it('shows federation staff their jurisdiction only', async () => {
    const res = await staff.get('/api/orgs');
    const names = res.json().items.map((o: Organisation) => o.name);
    expect(names).toContain('青铜峡市总工会');
    expect(names).toContain('古峡社工协会');
    expect(names).toContain('裕民街道朝阳社区');
    expect(names).not.toContain('银川市总工会');
    expect(names).not.toContain('宁夏回族自治区总工会');
    const all = (await admin.get('/api/orgs')).json().items;
    expect(all.length).toBe(16);
    expect(all[0]).toMatchObject({ name: '中华全国总工会', depth: 0, parentId: null });
  });

  it('names the division from GB/T 2260 data', async () => {
    const res = await staff.get(`/api/orgs/${org('qtx')}`);
    expect(res.json().divisionName).toBe('宁夏回族自治区 吴忠市 青铜峡市');
    const kids = (await staff.get('/api/divisions?parent=640381')).json().items;
    expect(kids.map((d: { name: string }) => d.name)).toContain('裕民街道');
    const path = (await staff.get('/api/divisions/640381001/path')).json().items;
    expect(path.map((d: { code: string }) => d.code)).toEqual(['64', '6403', '640381', '640381001']);
    expect((await staff.get('/api/divisions?parent=999999')).statusCode).toBe(404);
  });

  it('creates a grassroots union under the federation, audited in the same transaction', async () => {
    const before = await auditCount('org.create');
    const res = await staff.post('/api/orgs', {
      parentId: org('qtx'),
      kind: 'grassroots',
      name: '青铜峡市铝业公司工会',
      divisionCode: '640381102',
      contactPerson: '刘强',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as Organisation;
    expect(created).toMatchObject({ depth: 3, jurisdictionId: org('qtx'), status: 'active', version: 1 });
    expect(created.path.endsWith(`/${org('qtx')}/${created.id}/`)).toBe(true);
    expect(await auditCount('org.create')).toBe(before + 1);
  });

  it('rejects a shape the union tree does not allow, naming the field', async () => {
    const res = await staff.post('/api/orgs', {
      parentId: org('guxia'),
      kind: 'grassroots',
      name: '错误的工会',
      divisionCode: '640381',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'org.bad_parent', errors: [{ field: 'body.kind' }] });
    const noCaring = await staff.post('/api/orgs', {
      parentId: org('qtx'),
      kind: 'caring_unit',
      name: '某爱心企业',
      divisionCode: '640381',
    });
    expect(noCaring.json().errors[0].field).toBe('body.caringKind');
    const badDivision = await staff.post('/api/orgs', {
      parentId: org('qtx'),
      kind: 'grassroots',
      name: '某工会',
      divisionCode: '640399',
    });
    expect(badDivision.json()).toMatchObject({
      code: 'org.division_unknown',
      errors: [{ field: 'body.divisionCode' }],
    });
  });

  it('refuses a duplicate sibling name with 409 and writes nothing', async () => {
    const before = await auditCount('org.create');
    const res = await staff.post('/api/orgs', {
      parentId: org('qtx'),
      kind: 'volunteer',
      name: '春雨志愿者协会',
      divisionCode: '640381',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('org.name_taken');
    expect(await auditCount('org.create')).toBe(before);
  });

  it('edits with optimistic locking', async () => {
    const cur = (await staff.get(`/api/orgs/${org('chunyu')}`)).json() as Organisation;
    const ok = await staff.patch(`/api/orgs/${cur.id}`, { version: cur.version, address: '裕民街道 12 号' });
    expect(ok.json()).toMatchObject({ address: '裕民街道 12 号', version: cur.version + 1 });
    const stale = await staff.patch(`/api/orgs/${cur.id}`, { version: cur.version, address: '别处' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('org.stale');
  });

  it('moves a branch: every descendant gets the new path', async () => {
    const street = (await admin.get(`/api/orgs/${org('yumin')}`)).json() as Organisation;
    const res = await admin.post(`/api/orgs/${street.id}/move`, {
      version: street.version,
      parentId: org('yinchuan'),
    });
    expect(res.statusCode).toBe(200);
    const community = (await admin.get(`/api/orgs/${org('yumin_chaoyang')}`)).json() as Organisation;
    expect(community.path).toBe(`${res.json().path}${community.id}/`);
    expect(community.jurisdictionId).toBe(org('yinchuan'));
    // Out of Qingtongxia's reach now: staff there see it as missing.
    expect((await staff.get(`/api/orgs/${org('yumin_chaoyang')}`)).statusCode).toBe(404);
    // And back again.
    const moved = res.json() as Organisation;
    const back = await admin.post(`/api/orgs/${moved.id}/move`, {
      version: moved.version,
      parentId: org('qtx'),
    });
    expect(back.statusCode).toBe(200);
    expect((await staff.get(`/api/orgs/${org('yumin_chaoyang')}`)).statusCode).toBe(200);
  });

  it('never moves an organisation under itself', async () => {
    const street = (await admin.get(`/api/orgs/${org('yumin')}`)).json() as Organisation;
    const res = await admin.post(`/api/orgs/${street.id}/move`, {
      version: street.version,
      parentId: org('yumin_guangchang'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('org.move_into_self');
  });

  it('deactivates leaves only, and their users can no longer sign in', async () => {
    const street = (await staff.get(`/api/orgs/${org('yumin')}`)).json() as Organisation;
    const blocked = await staff.post(`/api/orgs/${street.id}/deactivate`, { version: street.version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('org.has_active_children');

    const hospital = (await staff.get(`/api/orgs/${org('hospital')}`)).json() as Organisation;
    const user = await signIn(t, 'rmyy_staff');
    const off = await staff.post(`/api/orgs/${hospital.id}/deactivate`, { version: hospital.version });
    expect(off.json().status).toBe('inactive');
    expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    const inactiveList = (await staff.get('/api/orgs?status=inactive')).json().items;
    expect(inactiveList.map((o: Organisation) => o.id)).toEqual([hospital.id]);
    const on = await staff.post(`/api/orgs/${hospital.id}/activate`, { version: off.json().version });
    expect(on.json().status).toBe('active');
  });

  it('lets partner members read only their own organisation', async () => {
    const volunteer = await signIn(t, 'cy_volunteer');
    const items = (await volunteer.get('/api/orgs')).json().items;
    expect(items.map((o: Organisation) => o.name)).toEqual(['春雨志愿者协会']);
    const other = await volunteer.get(`/api/orgs/${org('guxia')}`);
    const missing = await volunteer.get('/api/orgs/does-not-exist');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe(missing.json().code);
    const create = await volunteer.post('/api/orgs', {
      parentId: org('chunyu'),
      kind: 'volunteer',
      name: 'x',
      divisionCode: '640381',
    });
    expect(create.statusCode).toBe(403);
  });
});

describe("a federation's area (issue 9 item 1)", () => {
  const federationBody = (parentKey: string, name: string, divisionCode: string) => ({
    parentId: org(parentKey),
    kind: 'county',
    name,
    divisionCode,
  });

  it('is not its own to edit: yc_staff cannot move 银川 onto a 青铜峡 town, and the town’s workers stay with 青铜峡', async () => {
    const yc = await signIn(t, 'yc_staff');
    const own = (await yc.get(`/api/orgs/${org('yinchuan')}`)).json() as Organisation;
    const before = await auditCount('org.update');
    const res = await yc.patch(`/api/orgs/${own.id}`, { version: own.version, divisionCode: '640381100' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'org.area_not_yours',
      errors: [{ field: 'body.divisionCode' }],
    });
    expect(await auditCount('org.update')).toBe(before);
    const after = (await admin.get(`/api/orgs/${own.id}`)).json() as Organisation;
    expect(after).toMatchObject({ divisionCode: '6401', version: own.version });
    // Its other details stay its own to edit.
    const renamed = await yc.patch(`/api/orgs/${own.id}`, { version: own.version, address: '银川市金凤区' });
    expect(renamed.statusCode).toBe(200);
    // Not even a platform admin may give 银川 an area inside another federation's.
    const byAdmin = await admin.patch(`/api/orgs/${own.id}`, {
      version: renamed.json().version,
      divisionCode: '640381100',
    });
    expect(byAdmin.statusCode).toBe(409);
    expect(byAdmin.json()).toMatchObject({
      code: 'org.area_overlap',
      errors: [{ field: 'body.divisionCode' }],
    });

    // A worker from that town reports: the request reaches 青铜峡, and 银川 sees nothing of it.
    const worker = new Agent(t);
    const phone = '13895007777';
    await worker.post('/api/public/otp', { phone });
    const report = await worker.post('/api/public/self-report', {
      phone,
      code: t.sms.lastCodeFor(phone)!,
      form: {
        headName: '马春花',
        idNumber: makeIdNumber('640381', '19850312', '044'),
        situation: 'flexible_employment',
        divisionCode: '640381100',
        addressDetail: '小坝镇 3 组',
        householdSize: 2,
        annualIncomeFen: 1_200_000,
        rigidExpenseFen: 200_000,
        causes: ['serious_illness'],
        members: [{ relation: 'spouse', name: '李强', age: 40 }],
        needs: [{ kind: 'medical', urgency: 'urgent', description: '丈夫尿毒症透析' }],
        story: '丈夫透析',
      },
    });
    expect(report.statusCode, report.body).toBe(200);
    const qtxFound = (await staff.post('/api/households/query', { phone })).json();
    expect(qtxFound.total).toBe(1);
    const ycFound = (await yc.post('/api/households/query', { phone })).json();
    expect(ycFound.total).toBe(0);
    expect((await yc.get(`/api/households/${qtxFound.items[0].id}`)).statusCode).toBe(404);
  });

  it('may not overlap another active federation’s, on creation, move or reactivation', async () => {
    // Nested inside the federation above it: allowed.
    const town = await admin.post('/api/orgs', federationBody('qtx', '小坝镇总工会', '640381100'));
    expect(town.statusCode, town.body).toBe(201);
    // The same town again, or a town of 青铜峡 under 银川: refused, nothing written.
    const before = await auditCount('org.create');
    const twin = await admin.post('/api/orgs', federationBody('qtx', '小坝镇第二总工会', '640381100'));
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: 'org.area_overlap', errors: [{ field: 'body.divisionCode' }] });
    const ycCounty = await signIn(t, 'yc_staff');
    const captured = await ycCounty.post(
      '/api/orgs',
      federationBody('yinchuan', '峡口镇总工会', '640381101'),
    );
    expect(captured.statusCode).toBe(409);
    // An area containing another federation's is refused too (青铜峡 is not below 银川).
    const wide = await admin.post('/api/orgs', federationBody('yinchuan', '全区总工会', '6403'));
    expect(wide.json().code).toBe('org.area_overlap');
    expect(await auditCount('org.create')).toBe(before);

    // Moved under 银川, the town federation would overlap 青铜峡 without sitting below it.
    const created = town.json() as Organisation;
    const move = await admin.post(`/api/orgs/${created.id}/move`, {
      version: created.version,
      parentId: org('yinchuan'),
    });
    expect(move.statusCode).toBe(409);
    expect(move.json()).toMatchObject({ code: 'org.area_overlap', errors: [{ field: 'body.parentId' }] });
    expect(((await admin.get(`/api/orgs/${created.id}`)).json() as Organisation).parentId).toBe(org('qtx'));

    // While it is inactive another may take the town; reactivating it then is refused.
    const off = await admin.post(`/api/orgs/${created.id}/deactivate`, { version: created.version });
    expect(off.statusCode).toBe(200);
    const successor = await admin.post('/api/orgs', federationBody('qtx', '小坝镇新总工会', '640381100'));
    expect(successor.statusCode).toBe(201);
    const on = await admin.post(`/api/orgs/${created.id}/activate`, { version: off.json().version });
    expect(on.statusCode).toBe(409);
    expect(on.json()).toMatchObject({ code: 'org.area_overlap', errors: [{ field: 'params.id' }] });
    expect(((await admin.get(`/api/orgs/${created.id}`)).json() as Organisation).status).toBe('inactive');
  });

  it('holds under concurrent requests: of parallel claims on one area exactly one wins', async () => {
    const results = await Promise.all(
      ['甲', '乙', '丙', '丁', '戊', '己'].map((n) =>
        admin.post('/api/orgs', federationBody('qtx', `${n}镇总工会`, '640381102')),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    const claims = await t.platform.db
      .selectFrom('organisation')
      .select('id')
      .where('divisionCode', '=', '640381102')
      .where('kind', '=', 'county')
      .execute();
    expect(claims).toHaveLength(1);
  });
});
