import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { OtpCodeTable } from './tables';

type Executor = Kysely<Database>;

/** When this phone's codes since `since` were issued, newest first. */
export async function codesIssuedSince(db: Executor, phoneBidx: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('otpCode')
    .select('createdAt')
    .where('phoneBidx', '=', phoneBidx)
    .where('createdAt', '>', since)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map((r) => r.createdAt);
}

/** How many codes were asked for from this address since `since`. */
export async function countIssuedFromAddress(db: Executor, ip: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('otpCode')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('createdAt', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertCode(db: Executor, row: Insertable<OtpCodeTable>): Promise<void> {
  await db.insertInto('otpCode').values(row).execute();
}

function codeRows(db: Executor) {
  return db.selectFrom('otpCode').selectAll();
}
export type OtpCodeRow = Awaited<ReturnType<ReturnType<typeof codeRows>['executeTakeFirstOrThrow']>>;

/** The phone's newest code that is neither used nor expired at `now`. */
export function newestLiveCode(
  db: Executor,
  phoneBidx: string,
  now: string,
): Promise<OtpCodeRow | undefined> {
  return codeRows(db)
    .where('phoneBidx', '=', phoneBidx)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', now)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One wrong guess more (a single-statement counter). */
export async function addAttempt(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('otpCode')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Uses the code up (a conditional update: of parallel callers exactly one gets true); false when
 * it was used already or its attempts ran out.
 */
export async function consumeCode(
  db: Executor,
  id: string,
  at: string,
  maxAttempts: number,
): Promise<boolean> {
  const r = await db
    .updateTable('otpCode')
    .set({ consumedAt: at })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
