import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { VoteCandidateTable } from './tables';

type Executor = Kysely<Database>;

export async function insertCandidate(db: Executor, row: Insertable<VoteCandidateTable>): Promise<void> {
  await db.insertInto('voteCandidate').values(row).execute();
}

function candidateRows(db: Executor) {
  return db.selectFrom('voteCandidate').selectAll();
}
export type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidateRows>['executeTakeFirstOrThrow']>>;

export function listCandidates(db: Executor, campaignId: string): Promise<CandidateRow[]> {
  return candidateRows(db).where('campaignId', '=', campaignId).orderBy('number').execute();
}

export function findCandidate(
  db: Executor,
  campaignId: string,
  id: string,
): Promise<CandidateRow | undefined> {
  return candidateRows(db).where('campaignId', '=', campaignId).where('id', '=', id).executeTakeFirst();
}

export function findCandidateById(db: Executor, id: string): Promise<CandidateRow | undefined> {
  return candidateRows(db).where('id', '=', id).executeTakeFirst();
}

export function findCandidateForBallots(db: Executor, campaignId: string, id: string) {
  return db
    .selectFrom('voteCandidate')
    .select(['id', 'orgId', 'state'])
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A version-checked change of a candidate (state zeroed or withdrawn, photo). */
export async function updateCandidate(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<VoteCandidateTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteCandidate')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
