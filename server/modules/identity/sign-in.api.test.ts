import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/foundation';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Sign-in throttling (issue 9): attempts are reserved before the slow hash (item 4), counted per
 * username × client address with an account-wide ceiling, and a username that does not exist is
 * answered exactly like one that does (item 15).
 */
let t: TestApp;
const MAX = 5;
const ACCOUNT_MAX = 12;
beforeAll(async () => {
  t = await createTestApp({
    config: { login: { maxFailures: MAX, lockMinutes: 15, accountMaxFailures: ACCOUNT_MAX } },
  });
});
afterAll(() => t.close());
afterEach(() => {
  vi.restoreAllMocks();
  t.platform.sleep = async () => {};
});

/** One sign-in from a client address, as a browser tab there would send it (CSRF cookie + header). */
function login(username: string, password: string, ip = '198.51.100.1'): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    cookies: { uc_csrf: 'csrf-token-of-this-tab' },
    headers: { 'x-csrf-token': 'csrf-token-of-this-tab' },
    payload: { username, password },
  });
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!done()) throw new Error('timed out waiting');
}

/** Counts the passwords checked; `gate` holds every check until released. */
function countChecks(gate?: Promise<void>): { checked: () => number } {
  const hasher = t.platform.hasher;
  const original = hasher.verify.bind(hasher);
  let checked = 0;
  vi.spyOn(hasher, 'verify').mockImplementation(async (stored, password) => {
    checked++;
    if (gate) await gate;
    return original(stored, password);
  });
  return { checked: () => checked };
}

describe('parallel sign-ins (item 4)', () => {
  it('24 wrong and 1 right password at once: no more than the limit checked, the account locks, the right one is refused', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const count = countChecks(gate);
    let answered = 0;
    const wrong = Array.from({ length: 24 }, (_, i) =>
      login('gx_social', `parallel-guess-${i}x`).finally(() => answered++),
    );
    // Every wrong guess is either answered or waiting at the hash…
    await until(() => count.checked() + answered === 24);
    // …and the right password arrives while the reserved guesses are still being checked.
    const right = login('gx_social', DEMO_PASSWORD).finally(() => answered++);
    await until(() => count.checked() + answered === 25);
    release();
    const answers = await Promise.all([...wrong, right]);

    expect(count.checked()).toBeLessThanOrEqual(MAX);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX - 1);
    expect(statuses.filter((s) => s === 423)).toHaveLength(25 - (MAX - 1));
    expect((await right).statusCode).toBe(423);
    // Locked now: the right password is still refused, without a hash being checked.
    const before = count.checked();
    const again = await login('gx_social', DEMO_PASSWORD);
    expect(again.statusCode).toBe(423);
    expect(again.json().code).toBe('auth.locked');
    expect(count.checked()).toBe(before);
    // Once the lock has run out the right password works.
    t.clock.advance(16 * 60_000);
    expect((await login('gx_social', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a free-running burst of 25 never checks more than the limit', async () => {
    const count = countChecks();
    const passwords = Array.from({ length: 25 }, (_, i) => (i === 17 ? DEMO_PASSWORD : `burst-guess-${i}x`));
    const answers = await Promise.all(passwords.map((p) => login('jd_volunteer', p, '198.51.100.2')));
    expect(count.checked()).toBeLessThanOrEqual(MAX);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s !== 423).length).toBeLessThanOrEqual(MAX);
    if (answers[17].statusCode !== 200) {
      // The right one was not among those checked: the account is locked for this address.
      expect((await login('jd_volunteer', DEMO_PASSWORD, '198.51.100.2')).statusCode).toBe(423);
    }
    t.clock.advance(16 * 60_000);
  });
});

describe('what sign-in tells (item 15)', () => {
  async function sequence(username: string, ip: string) {
    const waits: number[] = [];
    t.platform.sleep = async (ms) => {
      waits.push(ms);
    };
    const count = countChecks();
    const answers: { status: number; code: string; retryAfterSeconds?: number }[] = [];
    for (let i = 0; i < MAX + 2; i++) {
      const res = await login(username, `not-the-password-${i}x`, ip);
      const body = res.json();
      answers.push({ status: res.statusCode, code: body.code, retryAfterSeconds: body.retryAfterSeconds });
    }
    vi.restoreAllMocks();
    return { answers, waits, checked: count.checked() };
  }

  it('answers a username that does not exist exactly like one that does: 401s, the back-off, then 423', async () => {
    const real = await sequence('cy_volunteer', '203.0.113.10');
    const unknown = await sequence('no_such_person', '203.0.113.10');
    expect(real.answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(unknown.answers).toEqual(real.answers);
    expect(unknown.waits).toEqual(real.waits);
    expect(real.waits[2]).toBeGreaterThan(0);
    // The same work: one password hash checked per attempt that was not refused outright.
    expect(unknown.checked).toBe(real.checked);
    expect(real.checked).toBe(MAX);
    t.clock.advance(16 * 60_000);
  });

  it('guesses from one address lock that address only: the real user elsewhere still signs in (admin too)', async () => {
    const attacker = '192.0.2.66';
    const codes: number[] = [];
    for (let i = 0; i < MAX; i++)
      codes.push((await login('admin', `guess-admin-${i}x`, attacker)).statusCode);
    expect(codes.at(-1)).toBe(423);
    expect((await login('admin', DEMO_PASSWORD, attacker)).statusCode).toBe(423);
    const own = await login('admin', DEMO_PASSWORD, '198.51.100.77');
    expect(own.statusCode).toBe(200);
    // The attacker's address stays locked after the owner's sign-in.
    expect((await login('admin', DEMO_PASSWORD, attacker)).statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
  });

  it('a password reset lifts the locks of every address, so the user signs in with the new password', async () => {
    const attacker = '192.0.2.67';
    for (let i = 0; i < MAX; i++) await login('cy_volunteer', `guess-cy-${i}x`, attacker);
    expect((await login('cy_volunteer', DEMO_PASSWORD, attacker)).statusCode).toBe(423);
    const admin = await login('admin', DEMO_PASSWORD, '198.51.100.90');
    expect(admin.statusCode).toBe(200);
    const cookies = Object.fromEntries(admin.cookies.map((c) => [c.name, c.value]));
    const id = t.users.get('cy_volunteer')!;
    const user = await t.app.inject({ method: 'GET', url: `/api/users/${id}`, cookies });
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${id}/reset-password`,
      cookies,
      headers: { 'x-csrf-token': cookies.uc_csrf },
      payload: { version: user.json().version },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = await login('cy_volunteer', reset.json().temporaryPassword, attacker);
    expect(fresh.statusCode).toBe(200);
  });

  it('guesses from many addresses meet an account-wide ceiling, for real and unknown usernames alike', async () => {
    const run = async (username: string) => {
      const statuses: number[] = [];
      // 3 addresses × 4 guesses = the ceiling of 12, no single address reaching its own limit.
      for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
        for (let i = 0; i < MAX - 1; i++)
          statuses.push((await login(username, `spread-${i}x`, ip)).statusCode);
      }
      // Now even a fresh address (the owner's) is refused until the lock runs out.
      const fresh = await login(username, DEMO_PASSWORD, '192.0.2.200');
      return { statuses, fresh: fresh.statusCode, code: fresh.json().code };
    };
    const real = await run('yc_staff');
    const unknown = await run('nobody_at_all');
    expect(real.statuses.slice(0, ACCOUNT_MAX - 1)).toEqual(Array(ACCOUNT_MAX - 1).fill(401));
    expect(real.statuses[ACCOUNT_MAX - 1]).toBe(423);
    expect(real.fresh).toBe(423);
    expect(unknown).toEqual(real);
    t.clock.advance(16 * 60_000);
    expect((await login('yc_staff', DEMO_PASSWORD, '192.0.2.200')).statusCode).toBe(200);
  });

  it('forgets a streak after a quiet day and prunes its rows', async () => {
    for (let i = 0; i < MAX - 1; i++) await login('nobody_quiet', `quiet-${i}x`, '203.0.113.50');
    t.clock.advance(25 * 60 * 60_000);
    // Four more failures would have locked the old streak at the first; a new streak starts instead.
    expect((await login('nobody_quiet', 'quiet-again-1x', '203.0.113.50')).statusCode).toBe(401);
    const rows = await t.platform.db
      .selectFrom('loginThrottle')
      .select(['failures', 'lastFailureAt'])
      .where('username', '=', 'nobody_quiet')
      .execute();
    expect(rows.map((r) => r.failures)).toEqual([1, 1]);
    const stale = await t.platform.db
      .selectFrom('loginThrottle')
      .select('username')
      .where('lastFailureAt', '<', new Date(t.clock.now().getTime() - 24 * 60 * 60_000).toISOString())
      .execute();
    expect(stale).toEqual([]);
  });
});
