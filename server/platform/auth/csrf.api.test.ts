import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

/** The CSRF token is bound to the session and rotated at sign-in and sign-out (issue 9 item 16). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cookieOf = (res: LightMyRequestResponse, name: string) =>
  (res.cookies as { name: string; value: string }[]).find((c) => c.name === name)?.value;

/** A state-changing request with exactly these cookies and header (what a forger could arrange). */
function logout(session: string, csrfCookie: string, csrfHeader: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    cookies: { uc_session: session, uc_csrf: csrfCookie },
    headers: { 'x-csrf-token': csrfHeader },
  });
}

describe('CSRF token bound to the session', () => {
  it('rotates at sign-in: the token held before signing in no longer passes', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/health' });
    const before = cookieOf(first, 'uc_csrf')!;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies: { uc_csrf: before },
      headers: { 'x-csrf-token': before },
      payload: { username: 'qtx_staff', password: 'UnionCare2026' },
    });
    expect(login.statusCode).toBe(200);
    const session = cookieOf(login, 'uc_session')!;
    const after = cookieOf(login, 'uc_csrf');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // A token planted before sign-in (cookie and header alike) is refused on the session…
    const planted = await logout(session, before, before);
    expect(planted.statusCode).toBe(403);
    expect(planted.json().code).toBe('auth.csrf');
    // …the session's own token passes.
    expect((await logout(session, after!, after!)).statusCode).toBe(200);
  });

  it("refuses another session's token", async () => {
    const a = await signIn(t, 'yx_cadre');
    const b = await signIn(t, 'cy_volunteer');
    const bToken = b.csrfCookie()!;
    expect(bToken).not.toBe(a.csrfCookie());
    const res = await logout(a.sessionCookie()!, bToken, bToken);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('rotates at sign-out, and the Agent and browser clients carry on with the fresh cookie', async () => {
    const a = await signIn(t, 'gx_social');
    const bound = a.csrfCookie();
    const out = await a.post('/api/auth/logout');
    expect(out.statusCode).toBe(200);
    const fresh = cookieOf(out, 'uc_csrf');
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(bound);
    // Signed out, the fresh token works for the next sign-in, which binds a new one again.
    const again = await a.login('gx_social');
    expect(again.statusCode).toBe(200);
    expect(cookieOf(again, 'uc_csrf')).not.toBe(fresh);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
  });

  it('hands the right token to a page holding a stale one, on reads and on the refusal', async () => {
    const a = await signIn(t, 'rmyy_staff');
    const session = a.sessionCookie()!;
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { uc_session: session, uc_csrf: 'stale-token-from-before' },
    });
    const bound = cookieOf(read, 'uc_csrf');
    expect(bound).toBe(a.csrfCookie());
    const refused = await logout(session, 'stale-token-from-before', 'stale-token-from-before');
    expect(refused.statusCode).toBe(403);
    // The web client's one retry reads the cookie the refusal carried.
    const retried = cookieOf(refused, 'uc_csrf')!;
    expect((await logout(session, retried, retried)).statusCode).toBe(200);
  });
});
