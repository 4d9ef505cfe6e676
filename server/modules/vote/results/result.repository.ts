import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { VoteObjectionTable, VoteResultTable } from './tables';

type Executor = Kysely<Database>;

export function findResult(db: Executor, campaignId: string) {
  return db.selectFrom('voteResult').selectAll().where('campaignId', '=', campaignId).executeTakeFirst();
}

export async function insertResult(db: Executor, row: Insertable<VoteResultTable>): Promise<void> {
  await db.insertInto('voteResult').values(row).execute();
}

/** Recomputes an unpublished result (version-checked); false when it was published or changed. */
export async function replaceResult(
  db: Executor,
  campaignId: string,
  version: number,
  changes: Updateable<VoteResultTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteResult')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('campaignId', '=', campaignId)
    .where('version', '=', version)
    .where('publishedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the result published or final (version-checked). */
export async function markResult(
  db: Executor,
  campaignId: string,
  version: number,
  changes: Updateable<VoteResultTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteResult')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('campaignId', '=', campaignId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertObjection(db: Executor, row: Insertable<VoteObjectionTable>): Promise<void> {
  await db.insertInto('voteObjection').values(row).execute();
}

function objectionRows(db: Executor) {
  return db
    .selectFrom('voteObjection as o')
    .leftJoin('voteCandidate as c', 'c.id', 'o.candidateId')
    .selectAll('o')
    .select('c.name as candidateName');
}

export function listObjections(db: Executor, campaignId: string, byId?: string) {
  let q = objectionRows(db).where('o.campaignId', '=', campaignId);
  if (byId) q = q.where('o.byId', '=', byId);
  return q.orderBy('o.createdAt').orderBy('o.id').execute();
}

export function findObjection(db: Executor, id: string) {
  return objectionRows(db).where('o.id', '=', id).executeTakeFirst();
}

/** Answers an open objection (one conditional update: a second answer changes nothing). */
export async function answerObjection(
  db: Executor,
  id: string,
  changes: Updateable<VoteObjectionTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteObjection')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function openObjections(db: Executor, campaignId: string): Promise<number> {
  const r = await db
    .selectFrom('voteObjection')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaignId', '=', campaignId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
