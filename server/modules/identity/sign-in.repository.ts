import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Executor = Kysely<Database>;

/** The `address` of the account-wide row of a username that does not exist. */
export const ACCOUNT_WIDE = '*';

/**
 * Where a sign-in's attempts are counted: a (username, address) row of `login_throttle`, or an
 * existing account's own row in `app_user` (its account-wide count, which administrators see as
 * "locked" and a password reset clears).
 */
export type ThrottleKey =
  { kind: 'throttle'; username: string; address: string } | { kind: 'user'; userId: string };

/** The clock values one attempt is judged by. */
export interface AttemptTimes {
  now: string;
  /** Failures older than this are forgotten (a quiet day starts a new streak). */
  forgetBefore: string;
  /**
   * A full count without a lock (an attempt that never finished) stops refusing after this, so a
   * crash cannot lock anyone out for longer than a lock would.
   */
  staleBefore: string;
}

/** `locked_until` has passed or was never set; both tables name the column alike. */
function notLocked<DB extends Database, TB extends 'loginThrottle' | 'appUser'>(
  eb: ExpressionBuilder<DB, TB>,
  now: string,
) {
  const e = eb as unknown as ExpressionBuilder<Database, 'loginThrottle'>;
  return e.or([e('lockedUntil', 'is', null), e('lockedUntil', '<=', now)]);
}

/** Forgets rows of finished streaks (no failure for a day, no lock running). */
export async function pruneThrottle(db: Executor, t: AttemptTimes): Promise<void> {
  await db
    .deleteFrom('loginThrottle')
    .where('lastFailureAt', '<', t.forgetBefore)
    .where((eb) => notLocked(eb, t.now))
    .execute();
}

/**
 * Reserves one attempt BEFORE the password is checked, in one conditional update: refused (null)
 * while the key is locked or its count is at `limit`; else the count including this attempt.
 * Parallel attempts serialise on the row, so no more than `limit` passwords are ever checked
 * per streak (issue 9 item 4).
 */
export async function reserveAttempt(
  db: Executor,
  key: ThrottleKey,
  limit: number,
  t: AttemptTimes,
): Promise<number | null> {
  if (key.kind === 'user') {
    const r = await db
      .updateTable('appUser')
      .set((eb) => ({
        failedLogins: eb
          .case()
          .when(
            eb.or([
              eb('lastFailedLoginAt', 'is', null),
              eb('lastFailedLoginAt', '<', t.forgetBefore),
              eb('failedLogins', '>=', limit),
            ]),
          )
          .then(1)
          .else(eb('failedLogins', '+', 1))
          .end(),
        lastFailedLoginAt: t.now,
      }))
      .where('id', '=', key.userId)
      .where((eb) => notLocked(eb, t.now))
      .where((eb) =>
        eb.or([
          eb('failedLogins', '<', limit),
          eb('lastFailedLoginAt', 'is', null),
          eb('lastFailedLoginAt', '<', t.staleBefore),
        ]),
      )
      .returning('failedLogins')
      .executeTakeFirst();
    return r ? Number(r.failedLogins) : null;
  }
  await db
    .insertInto('loginThrottle')
    .values({
      username: key.username,
      address: key.address,
      failures: 0,
      lockedUntil: null,
      lastFailureAt: t.now,
    })
    .onConflict((oc) => oc.columns(['username', 'address']).doNothing())
    .execute();
  const r = await db
    .updateTable('loginThrottle')
    .set((eb) => ({
      failures: eb
        .case()
        .when(eb.or([eb('lastFailureAt', '<', t.forgetBefore), eb('failures', '>=', limit)]))
        .then(1)
        .else(eb('failures', '+', 1))
        .end(),
      lastFailureAt: t.now,
    }))
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .where((eb) => notLocked(eb, t.now))
    .where((eb) => eb.or([eb('failures', '<', limit), eb('lastFailureAt', '<', t.staleBefore)]))
    .returning('failures')
    .executeTakeFirst();
  return r ? Number(r.failures) : null;
}

/** Locks the key until `until` and starts its count afresh for after the lock. */
export async function lockAttempts(db: Executor, key: ThrottleKey, until: string): Promise<void> {
  if (key.kind === 'user') {
    await db
      .updateTable('appUser')
      .set({ failedLogins: 0, lockedUntil: until })
      .where('id', '=', key.userId)
      .execute();
    return;
  }
  await db
    .updateTable('loginThrottle')
    .set({ failures: 0, lockedUntil: until })
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .execute();
}

/**
 * A right password ends the streak — unless a parallel attempt locked the key meanwhile (the
 * lock is checked again here, in the same statement): false then, and the sign-in is refused.
 */
export async function clearAttempts(
  db: Executor,
  key: ThrottleKey,
  t: AttemptTimes,
  lastLoginAt?: string,
): Promise<boolean> {
  if (key.kind === 'user') {
    const r = await db
      .updateTable('appUser')
      .set({
        failedLogins: 0,
        lockedUntil: null,
        lastFailedLoginAt: null,
        ...(lastLoginAt ? { lastLoginAt } : {}),
      })
      .where('id', '=', key.userId)
      .where((eb) => notLocked(eb, t.now))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  const r = await db
    .deleteFrom('loginThrottle')
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .where((eb) => notLocked(eb, t.now))
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** A password reset starts every streak of the username afresh, at every address. */
export async function forgetUsername(db: Executor, username: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('username', '=', username).execute();
}

/** When the key's running lock ends, or null when none runs (for the answer's retry-after only). */
export async function lockEnd(db: Executor, key: ThrottleKey, now: string): Promise<string | null> {
  const row =
    key.kind === 'user'
      ? await db.selectFrom('appUser').select('lockedUntil').where('id', '=', key.userId).executeTakeFirst()
      : await db
          .selectFrom('loginThrottle')
          .select('lockedUntil')
          .where('username', '=', key.username)
          .where('address', '=', key.address)
          .executeTakeFirst();
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}
