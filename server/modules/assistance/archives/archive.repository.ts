import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ArchiveStandardTable, ArchiveTable } from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage } from '../../../platform/pagination';

type Executor = Kysely<Database>;
export type ArchiveRow = Database['archive'];

export function findArchive(db: Executor, id: string) {
  return db.selectFrom('archive').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findArchiveByHousehold(db: Executor, householdId: string) {
  return db.selectFrom('archive').selectAll().where('householdId', '=', householdId).executeTakeFirst();
}

/** The next number in a jurisdiction's yearly sequence, taken inside the caller's transaction: a rollback returns it, so numbers have no gaps. */
export async function nextArchiveSeq(db: Executor, jurisdictionId: string, year: number): Promise<number> {
  await db
    .insertInto('archiveCounter')
    .values({ jurisdictionId, year, lastSeq: 0 })
    .onConflict((oc) => oc.columns(['jurisdictionId', 'year']).doNothing())
    .execute();
  const r = await db
    .updateTable('archiveCounter')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', 1) }))
    .where('jurisdictionId', '=', jurisdictionId)
    .where('year', '=', year)
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return Number(r.lastSeq);
}

export async function insertArchive(db: Executor, row: Insertable<ArchiveTable>) {
  await db.insertInto('archive').values(row).execute();
}

export async function updateArchive(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<ArchiveTable>,
) {
  const r = await db
    .updateTable('archive')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function currentStandard(db: Executor, jurisdictionId: string, year: number) {
  return db
    .selectFrom('archiveStandard')
    .selectAll()
    .where('jurisdictionId', '=', jurisdictionId)
    .where('year', '=', year)
    .where('supersededAt', 'is', null)
    .executeTakeFirst();
}

export function findStandard(db: Executor, id: string) {
  return db.selectFrom('archiveStandard').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listStandards(db: Executor, jurisdictionId: string, year?: number) {
  let q = db
    .selectFrom('archiveStandard as s')
    .leftJoin('appUser as u', 'u.id', 's.createdBy')
    .selectAll('s')
    .select('u.displayName as createdByName')
    .where('s.jurisdictionId', '=', jurisdictionId);
  if (year) q = q.where('s.year', '=', year);
  return q.orderBy('s.year', 'desc').orderBy('s.createdAt', 'desc').execute();
}

export async function supersedeStandard(db: Executor, jurisdictionId: string, year: number, at: string) {
  await db
    .updateTable('archiveStandard')
    .set({ supersededAt: at })
    .where('jurisdictionId', '=', jurisdictionId)
    .where('year', '=', year)
    .where('supersededAt', 'is', null)
    .execute();
}

export async function insertStandard(db: Executor, row: Insertable<ArchiveStandardTable>) {
  await db.insertInto('archiveStandard').values(row).execute();
}

export function latestVerification(db: Executor, householdId: string) {
  return db
    .selectFrom('verification')
    .selectAll()
    .where('householdId', '=', householdId)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Archives the actor may see: the federation's own (archive.manage) and those reported to the
 * actor's organisation (archive.review).
 */
export function listArchives(
  db: Executor,
  actor: Actor,
  manage: Set<Relation>,
  review: Set<Relation>,
  f: { state?: string; dueBy?: string; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('archive as a')
    .innerJoin('household as h', 'h.id', 'a.householdId')
    .innerJoin('organisation as jo', 'jo.id', 'a.jurisdictionId')
    .leftJoin('organisation as ro', 'ro.id', 'a.reportedToId')
    .select([
      'a.id',
      'a.householdId',
      'a.archiveNo',
      'h.headName',
      'a.category',
      'a.state',
      'jo.name as jurisdictionName',
      'a.reportedAt',
      'a.reviewDueOn',
      'a.version',
    ])
    .where((eb) =>
      eb.or([
        scopeWhere(eb, actor, manage, {
          orgId: 'a.jurisdictionId',
          orgPath: 'jo.path',
          jurisdictionId: 'a.jurisdictionId',
        }),
        eb.and([
          eb('a.reportedToId', 'is not', null),
          scopeWhere(eb, actor, review, {
            orgId: 'a.reportedToId',
            orgPath: 'ro.path',
            jurisdictionId: 'ro.jurisdictionId',
          }),
        ]),
      ]),
    );
  if (f.state) q = q.where('a.state', '=', f.state);
  if (f.dueBy) q = q.where('a.reviewDueOn', '<=', f.dueBy).where('a.state', '!=', 'exited');
  return fetchPage(
    q,
    f,
    (qq) => qq.orderBy('a.archiveNo', 'asc'),
    (r) => ({
      ...r,
      category: r.category as 'deep' | 'relative' | 'accident',
      state: r.state as 'archived' | 'reported' | 'approved' | 'returned' | 'exited',
    }),
  );
}
