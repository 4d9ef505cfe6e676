import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWorker } from '../../../test/factories/membership';
import { Agent, createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const cookieOf = (a: Agent) => (a as unknown as { cookies: Map<string, string> }).cookies.get('uc_worker');

describe('worker sign-in with a mobile number and a one-time code', () => {
  it('sends a code, signs in, sets uc_worker (HttpOnly) and answers the masked worker', async () => {
    const phone = '13995002001';
    const a = new Agent(t);
    const sent = await a.post('/api/worker/code', { phone });
    expect(sent.json()).toEqual({ sent: true, expiresInSeconds: 300 });
    expect(t.sms.sent.at(-1)!.text.startsWith('【职工之家】')).toBe(true);
    const code = t.sms.lastCodeFor(phone)!;
    const res = await a.post('/api/worker/sign-in', { phone, code });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'uc_worker')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json()).toEqual({
      tier: 'public',
      phoneMasked: '*******2001',
      memberName: null,
      unitName: null,
      signedInAt: t.clock.now().toISOString(),
      expiresAt: new Date(t.clock.now().getTime() + 12 * 60 * MINUTE).toISOString(),
    });
    expect((await a.get('/api/worker/me')).json()).toMatchObject({ tier: 'public' });
    // Nothing personal is stored in the clear: the phone only as ciphertext and keyed hash.
    const rows = await t.platform.db.selectFrom('worker').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(phone);
    // The code is used up.
    const again = await new Agent(t).post('/api/worker/sign-in', { phone, code });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'otp.invalid' });
  });

  it('a wrong code or a bad phone is refused on the named field, with no cookie', async () => {
    const phone = '13995002002';
    const a = new Agent(t);
    await a.post('/api/worker/code', { phone });
    const code = t.sms.lastCodeFor(phone)!;
    const wrong = await a.post('/api/worker/sign-in', {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'otp.invalid', errors: [{ field: 'body.code' }] });
    expect(wrong.cookies.some((c) => c.name === 'uc_worker')).toBe(false);
    const bad = await a.post('/api/worker/code', { phone: '12345' });
    expect(bad.json()).toMatchObject({ code: 'otp.bad_phone', errors: [{ field: 'body.phone' }] });
    expect((await a.get('/api/worker/me')).json()).toMatchObject({ code: 'auth.worker_required' });
  });

  it('the session ends after 30 idle minutes, slides while used, and ends after 12 hours', async () => {
    const a = new Agent(t);
    await signInWorker(a, '13995002003');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await a.get('/api/worker/me')).statusCode).toBe(200);
    }
    t.clock.advance(31 * MINUTE);
    const idle = await a.get('/api/worker/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({ code: 'auth.worker_required' });

    const b = new Agent(t);
    await signInWorker(b, '13995002004');
    for (let i = 0; i < 36; i++) {
      t.clock.advance(20 * MINUTE);
      const r = await b.get('/api/worker/me');
      if (i < 35) expect(r.statusCode, `after ${(i + 1) * 20} min`).toBe(200);
      else expect(r.statusCode).toBe(401);
    }
    const ended = await t.platform.db
      .selectFrom('workerSession')
      .select(['endReason'])
      .where('endReason', 'is not', null)
      .execute();
    expect(ended.map((r) => r.endReason)).toEqual(
      expect.arrayContaining(['idle_timeout', 'absolute_timeout']),
    );
  });

  it('signs out (twice is fine); the old cookie no longer works', async () => {
    const a = new Agent(t);
    await signInWorker(a, '13995002005');
    const token = cookieOf(a)!;
    expect((await a.post('/api/worker/sign-out')).json()).toEqual({ signedOut: true });
    expect(cookieOf(a)).toBeUndefined();
    expect((await a.post('/api/worker/sign-out')).statusCode).toBe(200);
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/worker/me',
      cookies: { uc_worker: token },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('a worker session is not a staff session, and a staff session is not a worker session', async () => {
    const worker = new Agent(t);
    await signInWorker(worker, '13995002006');
    const staffRoute = await worker.get('/api/auth/me');
    expect(staffRoute.statusCode).toBe(401);
    expect(staffRoute.json()).toMatchObject({ code: 'auth.unauthenticated' });
    const staff = await signIn(t, 'qtx_staff');
    const workerRoute = await staff.get('/api/worker/me');
    expect(workerRoute.json()).toMatchObject({ code: 'auth.worker_required' });
    // One browser holding both: each route sees only its own principal.
    await signInWorker(staff, '13995002007');
    expect((await staff.get('/api/worker/me')).json()).toMatchObject({ phoneMasked: '*******2007' });
    expect((await staff.get('/api/auth/me')).json()).toMatchObject({ username: 'qtx_staff' });
    expect((await staff.post('/api/worker/sign-out')).statusCode).toBe(200);
    expect((await staff.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('federation staff end a lost phone’s worker sessions (audited, no phone in the trail)', async () => {
    const phone = '13995002008';
    const lost = new Agent(t);
    const other = new Agent(t);
    await signInWorker(lost, phone);
    t.clock.advance(2 * MINUTE);
    await signInWorker(other, phone);
    const staff = await signIn(t, 'qtx_staff');
    const res = await staff.post('/api/workers/end-sessions', { phone: '139 9500 2008' });
    expect(res.json()).toEqual({ ended: 2 });
    expect((await lost.get('/api/worker/me')).statusCode).toBe(401);
    expect((await other.get('/api/worker/me')).statusCode).toBe(401);
    const unknown = await staff.post('/api/workers/end-sessions', { phone: '13995002999' });
    expect(unknown.json()).toEqual({ ended: 0 });
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'worker.end_sessions')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(phone);
    // A cadre may not; a worker may not.
    const cadre = await signIn(t, 'yx_cadre');
    expect((await cadre.post('/api/workers/end-sessions', { phone })).statusCode).toBe(403);
    const w = new Agent(t);
    await signInWorker(w, '13995002009');
    expect((await w.post('/api/workers/end-sessions', { phone })).json()).toMatchObject({
      code: 'auth.unauthenticated',
    });
  });
});
