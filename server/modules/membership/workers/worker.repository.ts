import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { WorkerSessionTable } from './tables';

type Executor = Kysely<Database>;

function workerRows(db: Executor) {
  return db
    .selectFrom('worker')
    .select(['worker.id', 'worker.phoneBidx', 'worker.phoneEnc', 'worker.memberId', 'worker.firstSeenAt']);
}
export type WorkerRow = Awaited<ReturnType<ReturnType<typeof workerRows>['executeTakeFirstOrThrow']>>;

export function findWorkerByPhone(db: Executor, phoneBidx: string): Promise<WorkerRow | undefined> {
  return workerRows(db).where('worker.phoneBidx', '=', phoneBidx).executeTakeFirst();
}

/**
 * The worker of a verified phone, created at its first sign-in (of two first sign-ins at once,
 * the unique phone index keeps one row); matched to the roll again at every sign-in.
 */
export async function upsertWorker(
  db: Executor,
  row: { id: string; phoneBidx: string; phoneEnc: string; memberId: string | null; at: string },
): Promise<WorkerRow> {
  await db
    .insertInto('worker')
    .values({
      id: row.id,
      phoneBidx: row.phoneBidx,
      phoneEnc: row.phoneEnc,
      memberId: row.memberId,
      firstSeenAt: row.at,
      lastSignInAt: row.at,
    })
    .onConflict((oc) => oc.column('phoneBidx').doUpdateSet({ memberId: row.memberId, lastSignInAt: row.at }))
    .execute();
  return workerRows(db).where('worker.phoneBidx', '=', row.phoneBidx).executeTakeFirstOrThrow();
}

export async function insertSession(db: Executor, row: Insertable<WorkerSessionTable>): Promise<void> {
  await db.insertInto('workerSession').values(row).execute();
}

/**
 * A session with its worker and — when the worker's matched member is still active — the
 * member's unit (where it sits in the tree, for the principal's org path).
 */
function sessionRows(db: Executor) {
  return db
    .selectFrom('workerSession')
    .innerJoin('worker', 'worker.id', 'workerSession.workerId')
    .leftJoin('member', (j) => j.onRef('member.id', '=', 'worker.memberId').on('member.state', '=', 'active'))
    .leftJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'workerSession.id',
      'workerSession.workerId',
      'workerSession.createdAt',
      'workerSession.lastSeenAt',
      'workerSession.idleExpiresAt',
      'workerSession.absoluteExpiresAt',
      'workerSession.endedAt',
      'worker.firstSeenAt',
      'worker.phoneEnc',
      'member.id as memberId',
      'member.name as memberName',
      'member.orgId as orgId',
      'organisation.path as orgPath',
      'organisation.name as unitName',
    ]);
}
export type WorkerSessionRow = Awaited<ReturnType<ReturnType<typeof sessionRows>['executeTakeFirstOrThrow']>>;

export function findSession(db: Executor, id: string): Promise<WorkerSessionRow | undefined> {
  return sessionRows(db).where('workerSession.id', '=', id).executeTakeFirst();
}

/** Many sessions at once (the auth hook's lookups of one turn of the event loop), by id. */
export async function findSessions(db: Executor, ids: string[]): Promise<Map<string, WorkerSessionRow>> {
  const rows = await sessionRows(db).where('workerSession.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Slides the idle expiry of a live session. */
export async function touchSession(
  db: Executor,
  id: string,
  at: string,
  idleExpiresAt: string,
): Promise<void> {
  await db
    .updateTable('workerSession')
    .set({ lastSeenAt: at, idleExpiresAt })
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .execute();
}

export async function endSession(db: Executor, id: string, at: string, reason: string): Promise<void> {
  await db
    .updateTable('workerSession')
    .set({ endedAt: at, endReason: reason })
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .execute();
}

/** Ends every live session of the phone's worker; how many were ended. */
export async function endSessionsOfPhone(
  db: Executor,
  phoneBidx: string,
  at: string,
  reason: string,
): Promise<number> {
  const r = await db
    .updateTable('workerSession')
    .set({ endedAt: at, endReason: reason })
    .where('endedAt', 'is', null)
    .where('workerId', 'in', (eb) => eb.selectFrom('worker').select('id').where('phoneBidx', '=', phoneBidx))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
