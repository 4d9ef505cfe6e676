import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../contracts/organisation';
import { createTestApp, signIn, type Agent, type TestApp } from '../../test/test-app';

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
