import type { Me } from '../../../contracts/auth';
import { randomToken } from '../../platform/personal-data/crypto';
import { AppError } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import * as repo from './user.repository';
import * as throttle from './sign-in.repository';
import { loginDelayMs } from './user.policy';

const DAY_MS = 24 * 60 * 60_000;

const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'Wrong username or password');

const locked = (retryAfterSeconds: number) =>
  new AppError('auth.locked', 423, 'Too many failed sign-ins; the account is locked for a while', {
    retryAfterSeconds: Math.max(1, retryAfterSeconds),
  });

/** Thrown inside a transaction to roll it back when a key refuses. */
class Refused extends Error {}

export interface SignedIn {
  /** The session cookie's value. */
  token: string;
  /** The session's id (the token's hash), which the CSRF token is bound to. */
  sessionId: string;
  me: Me;
}

export interface SignInMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Sign-in with throttling that tells nothing and cannot be raced (issue 9, items 4 and 15):
 * - every attempt is reserved in the database BEFORE the slow password hash, by one conditional
 *   update per counter that refuses while locked or at the limit, so parallel guesses cannot
 *   get more than the limit checked; a right password checks the lock again when it signs in;
 * - the counters are per username × client address (`LOGIN_MAX_FAILURES` → a lock of
 *   `LOGIN_LOCK_MINUTES`), so someone elsewhere cannot lock the real user out, plus an
 *   account-wide ceiling (`LOGIN_ACCOUNT_MAX_FAILURES`, default 10 × the per-address limit) that
 *   bounds guessing from many addresses;
 * - a username that does not exist goes through the same steps: counters (in `login_throttle`),
 *   a hash checked against a dummy, the same back-off, 401 and 423 — nothing tells it apart.
 */
export class SignInService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly p: Platform,
    /** The signed-in user's own view, once the session exists. */
    private readonly describe: (userId: string, sessionId: string, orgName: string) => Promise<Me>,
  ) {}

  async login(input: { username: string; password: string }, meta: SignInMeta): Promise<SignedIn> {
    const { db, clock, audit, config } = this.p;
    const username = input.username.trim().toLowerCase();
    const address = meta.ip ?? 'unknown';
    const nowDate = clock.now();
    const lockMs = config.login.lockMinutes * 60_000;
    const times: throttle.AttemptTimes = {
      now: nowDate.toISOString(),
      forgetBefore: new Date(nowDate.getTime() - DAY_MS).toISOString(),
      staleBefore: new Date(nowDate.getTime() - lockMs).toISOString(),
    };
    const perAddress = config.login.maxFailures;
    const perAccount = config.login.accountMaxFailures ?? perAddress * 10;

    const user = await repo.findUserByUsername(db, username);
    const addressKey: throttle.ThrottleKey = { kind: 'throttle', username, address };
    const accountKey: throttle.ThrottleKey = user
      ? { kind: 'user', userId: user.id }
      : { kind: 'throttle', username, address: throttle.ACCOUNT_WIDE };
    const auditCtx = {
      actor: user
        ? {
            userId: user.id,
            displayName: user.displayName,
            orgId: user.orgId,
            jurisdictionId: user.jurisdictionId,
          }
        : null,
      ip: meta.ip,
    };
    const subject = user ? { subjectType: 'user', subjectId: user.id } : {};
    const refuse = async (): Promise<never> => {
      const ends = [
        await throttle.lockEnd(db, addressKey, times.now),
        await throttle.lockEnd(db, accountKey, times.now),
      ];
      const end = ends
        .filter((e): e is string => e !== null)
        .sort()
        .at(-1);
      await audit.record(db, auditCtx, {
        action: 'auth.login',
        ...subject,
        result: 'denied',
        details: { reason: 'locked', ...(user ? {} : { unknownUser: true }) },
      });
      throw locked(end ? Math.ceil((new Date(end).getTime() - nowDate.getTime()) / 1000) : lockMs / 1000);
    };

    // 1. Reserve the attempt on both counters, before any hashing.
    await throttle.pruneThrottle(db, times);
    const reserved = await db
      .transaction()
      .execute(async (trx) => {
        const n = await throttle.reserveAttempt(trx, addressKey, perAddress, times);
        if (n === null) throw new Refused();
        const m = await throttle.reserveAttempt(trx, accountKey, perAccount, times);
        if (m === null) throw new Refused();
        return { perAddress: n, perAccount: m };
      })
      .catch((err: unknown) => {
        if (err instanceof Refused) return null;
        throw err;
      });
    if (!reserved) return refuse();

    // 2. The slow hash: the real one, or a dummy with the same cost for a username that does not exist.
    let passwordOk: boolean;
    if (user) {
      passwordOk = await this.p.hasher.verify(user.passwordHash, input.password);
    } else {
      this.dummyHash ??= this.p.hasher.hash(randomToken(16));
      await this.p.hasher.verify(await this.dummyHash, input.password);
      passwordOk = false;
    }

    // 3a. A failure: the attempt that filled a counter locks it.
    if (!user || !passwordOk || user.status !== 'active' || user.orgStatus !== 'active') {
      const until = new Date(nowDate.getTime() + lockMs).toISOString();
      const lockNow = reserved.perAddress >= perAddress || reserved.perAccount >= perAccount;
      if (reserved.perAddress >= perAddress) await throttle.lockAttempts(db, addressKey, until);
      if (reserved.perAccount >= perAccount) await throttle.lockAttempts(db, accountKey, until);
      const reason = !user
        ? 'unknown_user'
        : !passwordOk
          ? 'bad_password'
          : user.status !== 'active'
            ? 'disabled'
            : 'org_inactive';
      await audit.record(db, auditCtx, {
        action: 'auth.login',
        ...subject,
        result: 'failure',
        details: {
          reason: lockNow ? 'locked_now' : reason,
          failures: reserved.perAddress,
          accountFailures: reserved.perAccount,
        },
      });
      await this.p.sleep(loginDelayMs(reserved.perAddress));
      if (lockNow) throw locked(lockMs / 1000);
      throw invalidCredentials();
    }

    // 3b. The right password: sign in, unless a parallel attempt locked a counter meanwhile.
    const session = await db
      .transaction()
      .execute(async (trx) => {
        const addressOk = await throttle.clearAttempts(trx, addressKey, times);
        const accountOk = addressOk && (await throttle.clearAttempts(trx, accountKey, times, times.now));
        if (!accountOk) throw new Refused();
        const s = await this.p.sessions.create(trx, user.id, meta);
        await audit.append(trx, auditCtx, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
        return s;
      })
      .catch((err: unknown) => {
        if (err instanceof Refused) return null;
        throw err;
      });
    if (!session) return refuse();
    return {
      token: session.token,
      sessionId: session.id,
      me: await this.describe(user.id, session.id, user.orgName),
    };
  }
}
