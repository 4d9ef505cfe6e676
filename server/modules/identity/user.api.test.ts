import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../contracts/user';
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

describe('user administration', () => {
  it('creates a user with a one-time temporary password that must be changed', async () => {
    const res = await staff.post('/api/users', {
      orgId: org('guxia'),
      username: 'GX_Zhang',
      displayName: '张晓',
      roles: ['social_worker'],
    });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json() as { user: User; temporaryPassword: string };
    expect(user).toMatchObject({ username: 'gx_zhang', orgName: '古峡社工协会', mustChangePassword: true });
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);

    const newcomer = await signIn(t, 'gx_zhang', temporaryPassword);
    const blocked = await newcomer.get('/api/orgs');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.password_change_required');
    expect((await newcomer.get('/api/auth/me')).json().mustChangePassword).toBe(true);
    await newcomer.post('/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'Guxia-Social-01',
    });
    expect((await newcomer.get('/api/orgs')).statusCode).toBe(200);
  });

  it('refuses a taken username with 409 naming the field', async () => {
    const res = await staff.post('/api/users', {
      orgId: org('guxia'),
      username: 'gx_social',
      displayName: '重复',
      roles: ['social_worker'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'user.username_taken', errors: [{ field: 'body.username' }] });
  });

  it('only gives roles that fit the organisation, and privileged roles only from a platform admin', async () => {
    const mismatch = await staff.post('/api/users', {
      orgId: org('chunyu'),
      username: 'cy_wrong',
      displayName: '错配',
      roles: ['caring_unit_staff'],
    });
    expect(mismatch.json()).toMatchObject({
      code: 'user.role_org_mismatch',
      errors: [{ field: 'body.roles' }],
    });
    const escalate = await staff.post('/api/users', {
      orgId: org('qtx'),
      username: 'qtx_root',
      displayName: '越权',
      roles: ['platform_admin'],
    });
    expect(escalate.json().code).toBe('user.role_not_grantable');
    const outside = await staff.post('/api/users', {
      orgId: org('yinchuan'),
      username: 'yc_new',
      displayName: '外地',
      roles: ['federation_staff'],
    });
    expect(outside.json()).toMatchObject({ code: 'user.org_unknown', errors: [{ field: 'body.orgId' }] });
    const byAdmin = await admin.post('/api/users', {
      orgId: org('ningxia'),
      username: 'nx_auditor',
      displayName: '审计二',
      roles: ['auditor'],
      password: 'Audit-Ningxia-9',
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json().temporaryPassword).toBeNull();
  });

  it('lists users in reach with paging, sorting and filters', async () => {
    const page1 = (await staff.get('/api/users?pageSize=2&sort=username&order=asc')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(6);
    const all = (await staff.get('/api/users?pageSize=200')).json();
    const names = all.items.map((u: User) => u.username);
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('yc_staff');
    expect(names).not.toContain('admin');
    const volunteers = (await staff.get('/api/users?role=volunteer')).json();
    expect(volunteers.items.every((u: User) => u.roles.includes('volunteer'))).toBe(true);
    const search = (await staff.get(`/api/users?q=${encodeURIComponent('周红')}`)).json();
    expect(search.items.map((u: User) => u.username)).toEqual(['gx_social']);
    const byOrg = (await staff.get(`/api/users?orgId=${org('hospital')}`)).json();
    expect(byOrg.items.map((u: User) => u.username)).toEqual(['rmyy_staff']);
  });

  it('resets a password: old sessions end, the new one must be changed', async () => {
    const victim = await signIn(t, 'cy_volunteer');
    const id = t.users.get('cy_volunteer')!;
    const cur = (await staff.get(`/api/users/${id}`)).json() as User;
    const res = await staff.post(`/api/users/${id}/reset-password`, { version: cur.version });
    expect(res.statusCode).toBe(200);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Agent(t).login('cy_volunteer')).statusCode).toBe(401);
    const again = await signIn(t, 'cy_volunteer', res.json().temporaryPassword);
    expect((await again.get('/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('keeps admins from locking themselves out', async () => {
    const me = (await staff.get('/api/auth/me')).json();
    const self = (await staff.get(`/api/users/${me.userId}`)).json() as User;
    const dis = await staff.post(`/api/users/${self.id}/disable`, { version: self.version });
    expect(dis.json().code).toBe('user.self_change');
    const roles = await staff.patch(`/api/users/${self.id}`, { version: self.version, roles: ['volunteer'] });
    expect(roles.json().code).toBe('user.self_change');
  });

  it('lets anyone read their own account but no one else', async () => {
    const vol = await signIn(t, 'jd_volunteer');
    const own = await vol.get(`/api/users/${t.users.get('jd_volunteer')}`);
    expect(own.statusCode).toBe(200);
    const other = await vol.get(`/api/users/${t.users.get('gx_social')}`);
    expect(other.statusCode).toBe(404);
    expect((await vol.post('/api/users', {})).statusCode).toBe(403);
  });
});

describe('user search', () => {
  it('takes % and _ literally', async () => {
    await admin.post('/api/users', {
      orgId: org('chunyu'),
      username: 'web_vol1',
      displayName: '网络志愿者',
      roles: ['volunteer'],
    });
    const hit = (await admin.get('/api/users?q=web_vol')).json();
    expect(hit.items.map((u: User) => u.username)).toEqual(['web_vol1']);
    const wildcard = (await admin.get(`/api/users?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.total).toBe(0);
  });
});

describe('accounts holding a role the actor may not grant (issue 9 item 7)', () => {
  let auditorId = '';
  const auditCount = async (action: string) =>
    (await t.platform.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute()).length;
  const current = async (id: string) => (await admin.get(`/api/users/${id}`)).json() as User;

  beforeAll(async () => {
    // An auditor placed in 青铜峡市总工会: inside qtx_staff's jurisdiction.
    const res = await admin.post('/api/users', {
      orgId: org('qtx'),
      username: 'qtx_auditor',
      displayName: '审计三',
      roles: ['auditor'],
      password: 'Audit-Qingtongxia-7',
    });
    expect(res.statusCode).toBe(201);
    auditorId = res.json().user.id;
  });

  it('federation staff cannot reset, disable, demote or edit an auditor in its jurisdiction', async () => {
    const before = await current(auditorId);
    const auditsBefore = [
      await auditCount('user.reset_password'),
      await auditCount('user.disable'),
      await auditCount('user.update'),
    ];
    const missing = await staff.post(`/api/users/00000000-0000-7000-8000-000000000000/reset-password`, {
      version: 1,
    });
    const attempts = [
      await staff.post(`/api/users/${auditorId}/reset-password`, { version: before.version }),
      await staff.post(`/api/users/${auditorId}/disable`, { version: before.version }),
      await staff.post(`/api/users/${auditorId}/enable`, { version: before.version }),
      await staff.patch(`/api/users/${auditorId}`, { version: before.version, roles: ['federation_staff'] }),
      await staff.patch(`/api/users/${auditorId}`, { version: before.version, displayName: '已接管' }),
      await staff.patch(`/api/users/${auditorId}`, { version: before.version, orgId: org('qtx') }),
    ];
    for (const res of attempts) {
      // Out of reach for these actions: answered exactly like a missing account.
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe(missing.json().code);
      expect(res.json().code).toBe('user.not_found');
    }
    expect(await current(auditorId)).toEqual(before);
    expect([
      await auditCount('user.reset_password'),
      await auditCount('user.disable'),
      await auditCount('user.update'),
    ]).toEqual(auditsBefore);
    // The auditor still signs in with its own password and keeps its role.
    const auditor = await signIn(t, 'qtx_auditor', 'Audit-Qingtongxia-7');
    expect((await auditor.get('/api/auth/me')).json().roles).toEqual(['auditor']);
    // Reading the account (user.read) is unchanged.
    expect((await staff.get(`/api/users/${auditorId}`)).statusCode).toBe(200);
  });

  it('counts every role an account holds: a staff member who is also an auditor is out of reach too', async () => {
    const res = await admin.post('/api/users', {
      orgId: org('qtx'),
      username: 'qtx_dual',
      displayName: '双重角色',
      roles: ['federation_staff', 'auditor'],
      password: 'Dual-Qingtongxia-7',
    });
    expect(res.statusCode).toBe(201);
    const dual = res.json().user as User;
    const reset = await staff.post(`/api/users/${dual.id}/reset-password`, { version: dual.version });
    expect(reset.statusCode).toBe(404);
    const byAdmin = await admin.post(`/api/users/${dual.id}/reset-password`, { version: dual.version });
    expect(byAdmin.statusCode).toBe(200);
  });

  it('staff still administer the accounts they may: edit, roles, reset, disable and enable', async () => {
    const created = await staff.post('/api/users', {
      orgId: org('qtx'),
      username: 'qtx_helper',
      displayName: '助理',
      roles: ['federation_staff'],
    });
    expect(created.statusCode).toBe(201);
    let u = created.json().user as User;
    const edit = await staff.patch(`/api/users/${u.id}`, { version: u.version, displayName: '助理二' });
    expect(edit.statusCode, edit.body).toBe(200);
    u = edit.json();
    const moved = await staff.patch(`/api/users/${u.id}`, {
      version: u.version,
      orgId: org('guxia'),
      roles: ['social_worker'],
    });
    expect(moved.json()).toMatchObject({ roles: ['social_worker'], orgName: '古峡社工协会' });
    u = moved.json();
    const reset = await staff.post(`/api/users/${u.id}/reset-password`, { version: u.version });
    expect(reset.statusCode).toBe(200);
    u = reset.json().user;
    const off = await staff.post(`/api/users/${u.id}/disable`, { version: u.version });
    expect(off.json().status).toBe('disabled');
    const on = await staff.post(`/api/users/${u.id}/enable`, { version: off.json().version });
    expect(on.json().status).toBe('active');
    // Granting still needs the right to grant: staff may not promote the account to auditor.
    const promote = await staff.patch(`/api/users/${u.id}`, {
      version: on.json().version,
      orgId: org('qtx'),
      roles: ['auditor'],
    });
    expect(promote.json().code).toBe('user.role_not_grantable');
    // A stale version is refused before anything is checked against a newer row.
    const stale = await staff.post(`/api/users/${u.id}/disable`, { version: u.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('user.stale');
  });

  it('a platform admin may administer the auditor', async () => {
    const cur = await current(auditorId);
    const res = await admin.post(`/api/users/${auditorId}/disable`, { version: cur.version });
    expect(res.json().status).toBe('disabled');
  });
});
