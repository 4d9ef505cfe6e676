import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { EvidenceTable } from './tables';

/** Kysely queries for the ledger's reading side and evidence; writing the ledger is ledger.repository's. */
type Executor = Kysely<Database>;

export type HelpRecordRow = Database['helpRecord'];

export function findHelpRecord(db: Executor, id: string): Promise<HelpRecordRow | undefined> {
  return db.selectFrom('helpRecord').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A household's ledger rows, newest first, with the recorder's name. */
export function listHelpRecords(db: Executor, householdId: string) {
  return db
    .selectFrom('helpRecord as r')
    .leftJoin('appUser as u', 'u.id', 'r.recordedBy')
    .selectAll('r')
    .select('u.displayName as recordedByName')
    .where('r.householdId', '=', householdId)
    .orderBy('r.givenOn', 'desc')
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export function findHelpRecordView(db: Executor, id: string) {
  return db
    .selectFrom('helpRecord as r')
    .leftJoin('appUser as u', 'u.id', 'r.recordedBy')
    .selectAll('r')
    .select('u.displayName as recordedByName')
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type HelpRecordViewRow = NonNullable<Awaited<ReturnType<typeof findHelpRecordView>>>;

/** Evidence of the given ledger rows, without the bytes. */
export function listEvidence(db: Executor, helpRecordIds: string[]) {
  if (helpRecordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('evidence')
    .select(['id', 'helpRecordId', 'fileName', 'mime', 'sizeBytes', 'createdAt'])
    .where('helpRecordId', 'in', helpRecordIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function countEvidence(db: Executor, helpRecordId: string): Promise<number> {
  const r = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('helpRecordId', '=', helpRecordId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Takes the ledger row's lock for the rest of the transaction (a no-op update), so concurrent
 * uploads to one record count their evidence one after the other on PostgreSQL too.
 */
export async function lockHelpRecord(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('helpRecord')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', id)
    .execute();
}

export async function insertEvidence(db: Executor, row: Insertable<EvidenceTable>): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

export function findEvidence(db: Executor, id: string) {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The household's needs among `ids`. */
export function needsOf(db: Executor, householdId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('need')
    .select(['id', 'status'])
    .where('householdId', '=', householdId)
    .where('id', 'in', ids)
    .execute();
}

export async function solveNeeds(db: Executor, householdId: string, ids: string[], at: string) {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('need')
    .set({ status: 'solved', solvedAt: at })
    .where('householdId', '=', householdId)
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function archiveNoOf(db: Executor, householdId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('archive')
    .select('archiveNo')
    .where('householdId', '=', householdId)
    .executeTakeFirst();
  return r?.archiveNo;
}

/** Active organisations of a jurisdiction, the federation itself first, then by kind and name. */
export function jurisdictionOrgs(db: Executor, jurisdictionId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'path'])
    .where('jurisdictionId', '=', jurisdictionId)
    .where('status', '=', 'active')
    .orderBy('depth')
    .orderBy('kind')
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
}

/** The organisations whose ids make up a path (the federations above, for upper aid). */
export function orgsOnPath(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .orderBy('depth', 'desc')
    .execute();
}
