import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, signIn, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { login: { maxFailures: 5, lockMinutes: 15 } } });
});
afterAll(() => t.close());

describe('sign-in and sessions', () => {
  it('signs in with argon2id, sets an HttpOnly SameSite cookie and answers /me', async () => {
    const a = new Agent(t);
    const res = await a.login('qtx_staff');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'uc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const me = await a.get('/api/auth/me');
    expect(me.json()).toMatchObject({
      username: 'qtx_staff',
      orgName: '青铜峡市总工会',
      roles: ['federation_staff'],
    });
    expect(me.json().actions).toContain('org.create');
    const stored = await t.platform.db
      .selectFrom('appUser')
      .select('passwordHash')
      .where('username', '=', 'qtx_staff')
      .executeTakeFirstOrThrow();
    expect(stored.passwordHash.startsWith('$argon2id$')).toBe(true);
    // The table keeps only a hash of the token.
    const sessions = await t.platform.db.selectFrom('session').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain(a.sessionCookie());
  });

  it('sets Secure cookies in production', async () => {
    const prod = await createTestApp({ config: { env: 'production' } });
    try {
      const res = await new Agent(prod).login('admin');
      expect(res.cookies.find((c) => c.name === 'uc_session')!.secure).toBe(true);
    } finally {
      await prod.close();
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await new Agent(t).login('cy_volunteer', 'wrong-password-1');
    const unknown = await new Agent(t).login('nobody_here', 'wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    expect(unknown.json().code).toBe('auth.invalid_credentials');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('slows repeated failures and then locks the account for a while', async () => {
    const waits: number[] = [];
    t.platform.sleep = async (ms) => {
      waits.push(ms);
    };
    const a = new Agent(t);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await a.login('jd_volunteer', `bad-guess-${i}x`)).json().code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('auth.invalid_credentials'));
    expect(codes[4]).toBe('auth.locked');
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeGreaterThan(0);
    expect(waits[3]).toBeGreaterThan(waits[2]);
    // Even the right password is refused while locked…
    const locked = await a.login('jd_volunteer');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0);
    // …and accepted once the lock has run out.
    t.clock.advance(16 * 60_000);
    expect((await a.login('jd_volunteer')).statusCode).toBe(200);
  });

  it('counts parallel wrong guesses exactly (no lost updates)', async () => {
    const a = new Agent(t);
    await Promise.all([1, 2, 3].map((i) => a.login('gx_social', `parallel-${i}x`)));
    const row = await t.platform.db
      .selectFrom('appUser')
      .select('failedLogins')
      .where('username', '=', 'gx_social')
      .executeTakeFirstOrThrow();
    expect(row.failedLogins).toBe(3);
    await a.login('gx_social'); // resets the counter
  });

  it('logout ends the session at once', async () => {
    const a = await signIn(t, 'yx_cadre');
    const token = a.sessionCookie()!;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { uc_session: token } });
    expect(replay.statusCode).toBe(401);
  });

  it('expires idle and over-age sessions', async () => {
    const a = await signIn(t, 'rmyy_staff');
    t.clock.advance(29 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200); // slides the idle window
    t.clock.advance(29 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);

    const b = await signIn(t, 'rmyy_staff');
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const res = await b.get('/api/auth/me');
      if (res.statusCode !== 200) {
        // Kept alive by activity, it still ends at the 12-hour absolute limit.
        expect(i * 29).toBeGreaterThanOrEqual(11 * 60);
        return;
      }
    }
    throw new Error('session outlived its absolute timeout');
  });

  it('disabling a user or changing roles applies on their next request', async () => {
    const admin = await signIn(t, 'admin');
    const cadre = await signIn(t, 'yx_cadre');
    expect((await cadre.get('/api/users')).statusCode).toBe(200);
    const id = t.users.get('yx_cadre')!;
    const user = (await admin.get(`/api/users/${id}`)).json();
    // Move them to a volunteer association as a volunteer: no user.read beyond themselves.
    const upd = await admin.patch(`/api/users/${id}`, {
      version: user.version,
      orgId: t.orgs.get('chunyu'),
      roles: ['volunteer'],
    });
    expect(upd.statusCode).toBe(200);
    const me = (await cadre.get('/api/auth/me')).json();
    expect(me.roles).toEqual(['volunteer']);
    const visible = (await cadre.get('/api/users')).json();
    expect(visible.items.map((u: { id: string }) => u.id)).toEqual([id]);

    const dis = await admin.post(`/api/users/${id}/disable`, { version: upd.json().version });
    expect(dis.statusCode).toBe(200);
    expect((await cadre.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Agent(t).login('yx_cadre')).statusCode).toBe(401);
  });

  it('lets users change their own password, ending their other sessions', async () => {
    const here = await signIn(t, 'nx_reviewer');
    const elsewhere = await signIn(t, 'nx_reviewer');
    const weak = await here.post('/api/auth/password', {
      currentPassword: 'UnionCare2026',
      newPassword: 'short1',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('body.newPassword');
    const wrong = await here.post('/api/auth/password', {
      currentPassword: 'not-it-123',
      newPassword: 'Ningxia-Review-2027',
    });
    expect(wrong.json().errors[0].field).toBe('body.currentPassword');
    const ok = await here.post('/api/auth/password', {
      currentPassword: 'UnionCare2026',
      newPassword: 'Ningxia-Review-2027',
    });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Agent(t).login('nx_reviewer', 'Ningxia-Review-2027')).statusCode).toBe(200);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const a = await signIn(t, 'admin');
    const res = await a.request({ method: 'POST', url: '/api/auth/logout', csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('audits sign-ins, failures and sign-outs', async () => {
    const rows = await t.platform.db.selectFrom('auditLog').select(['action', 'result']).execute();
    const seen = new Set(rows.map((r) => `${r.action}:${r.result}`));
    for (const k of [
      'auth.login:success',
      'auth.login:failure',
      'auth.login:denied',
      'auth.logout:success',
    ]) {
      expect(seen).toContain(k);
    }
  });
});
