import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import { fetchPage, type Page } from '../../../platform/pagination';
import type { VoteConflictTable, VoteFileTable, VoteNominationTable, VoteShortlistTable } from './tables';

type Executor = Kysely<Database>;

// ---- nominations ----

export async function insertNomination(db: Executor, row: Insertable<VoteNominationTable>): Promise<void> {
  await db.insertInto('voteNomination').values(row).execute();
}

function nominationRows(db: Executor) {
  return db
    .selectFrom('voteNomination as n')
    .innerJoin('organisation as o', 'o.id', 'n.orgId')
    .selectAll('n')
    .select((eb) => [
      'o.name as orgName',
      'o.path as orgPath',
      'o.jurisdictionId as orgJurisdictionId',
      eb
        .selectFrom('voteExpertScore as s')
        .select((e) => e.fn.avg<number>('s.total').as('m'))
        .whereRef('s.nominationId', '=', 'n.id')
        .where('s.stage', '=', 'preliminary')
        .as('preliminaryMean'),
      eb
        .selectFrom('voteExpertScore as s')
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('s.nominationId', '=', 'n.id')
        .where('s.stage', '=', 'preliminary')
        .as('scoreCount'),
    ]);
}
export type NominationRow = Awaited<ReturnType<ReturnType<typeof nominationRows>['executeTakeFirstOrThrow']>>;

export function findNomination(db: Executor, id: string): Promise<NominationRow | undefined> {
  return nominationRows(db).where('n.id', '=', id).executeTakeFirst();
}

export function findByClientRef(db: Executor, submittedBy: string, clientRef: string) {
  return db
    .selectFrom('voteNomination')
    .select('id')
    .where('submittedBy', '=', submittedBy)
    .where('clientRef', '=', clientRef)
    .executeTakeFirst();
}

/** A campaign's nominations; `orgId` set: only that unit's (a cadre sees their own). */
export function listNominations(
  db: Executor,
  campaignId: string,
  q: { state?: string; orgId?: string },
): Promise<NominationRow[]> {
  let query = nominationRows(db).where('n.campaignId', '=', campaignId);
  if (q.state) query = query.where('n.state', '=', q.state);
  if (q.orgId) query = query.where('n.orgId', '=', q.orgId);
  return query.orderBy('n.createdAt').orderBy('n.id').execute();
}

/** One page of a campaign's nominations (the organiser's list), in the order of listNominations. */
export function pageNominations(
  db: Executor,
  campaignId: string,
  q: { state?: string; orgId?: string; page: number; pageSize: number },
): Promise<Page<NominationRow>> {
  let query = nominationRows(db).where('n.campaignId', '=', campaignId);
  if (q.state) query = query.where('n.state', '=', q.state);
  if (q.orgId) query = query.where('n.orgId', '=', q.orgId);
  return fetchPage(
    query,
    q,
    (x) => x.orderBy('n.createdAt').orderBy('n.id'),
    (r) => r,
  );
}

/** A version-checked change from one of `fromStates`. */
export async function moveNomination(
  db: Executor,
  id: string,
  version: number | null,
  fromStates: readonly string[],
  changes: Updateable<VoteNominationTable>,
): Promise<boolean> {
  let q = db
    .updateTable('voteNomination')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('state', 'in', [...fromStates]);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The unit's division code (the candidate's region for per-region tallies). */
export function orgDivision(db: Executor, orgId: string) {
  return db
    .selectFrom('organisation')
    .select(['divisionCode', 'kind'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}

// ---- files ----

export async function insertFile(db: Executor, row: Insertable<VoteFileTable>): Promise<void> {
  await db.insertInto('voteFile').values(row).execute();
}

export function listFiles(db: Executor, nominationIds: string[]) {
  if (nominationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('voteFile')
    .select(['id', 'nominationId', 'kind', 'fileName', 'mime', 'sizeBytes', 'createdAt'])
    .where('nominationId', 'in', nominationIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export function findFile(db: Executor, id: string) {
  return db.selectFrom('voteFile').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countFiles(db: Executor, nominationId: string): Promise<number> {
  const r = await db
    .selectFrom('voteFile')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('nominationId', '=', nominationId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The newest photo of a nomination (the candidate's picture). */
export function latestPhoto(db: Executor, nominationId: string) {
  return db
    .selectFrom('voteFile')
    .select('id')
    .where('nominationId', '=', nominationId)
    .where('kind', '=', 'photo')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

// ---- experts ----

/** Does the user hold the expert role (and an active account)? */
export async function isExpert(db: Executor, userId: string): Promise<{ displayName: string } | undefined> {
  return db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select('u.displayName')
    .where('u.id', '=', userId)
    .where('r.role', '=', 'expert')
    .executeTakeFirst();
}

export function listExperts(db: Executor, campaignId: string) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('appUser as u', 'u.id', 'a.userId')
    .select((eb) => [
      'a.userId',
      'u.displayName',
      'a.assignedAt',
      eb
        .selectFrom('voteExpertScore as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.expertUserId', '=', 'a.userId')
        .where('s.campaignId', '=', campaignId)
        .as('scored'),
      eb
        .selectFrom('voteConflict as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.expertUserId', '=', 'a.userId')
        .where('c.campaignId', '=', campaignId)
        .as('conflicts'),
    ])
    .where('a.subjectType', '=', 'vote_campaign')
    .where('a.subjectId', '=', campaignId)
    .where('a.revokedAt', 'is', null)
    .orderBy('a.assignedAt')
    .orderBy('a.id')
    .execute();
}

// ---- conflicts ----

export async function insertConflict(db: Executor, row: Insertable<VoteConflictTable>): Promise<void> {
  await db.insertInto('voteConflict').values(row).execute();
}

export function listConflicts(db: Executor, campaignId: string, expertUserId?: string) {
  let q = db
    .selectFrom('voteConflict as c')
    .innerJoin('voteNomination as n', 'n.id', 'c.nominationId')
    .innerJoin('appUser as u', 'u.id', 'c.expertUserId')
    .select([
      'c.id',
      'c.nominationId',
      'n.nomineeName',
      'c.expertUserId',
      'u.displayName as expertName',
      'c.reason',
      'c.declaredAt',
    ])
    .where('c.campaignId', '=', campaignId);
  if (expertUserId) q = q.where('c.expertUserId', '=', expertUserId);
  return q.orderBy('c.declaredAt').orderBy('c.id').execute();
}

/** A declared conflict removes the expert's scores of that nominee (same transaction). */
export async function deleteScoresOf(
  db: Executor,
  nominationId: string,
  expertUserId: string,
): Promise<number> {
  const r = await db
    .deleteFrom('voteExpertScore')
    .where('nominationId', '=', nominationId)
    .where('expertUserId', '=', expertUserId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- scores ----

/**
 * Records (or replaces) an expert's score of a nominee at a stage — only where no conflict of the
 * pair is declared: one INSERT … SELECT … WHERE NOT EXISTS, upserting on the unique
 * (nomination, expert, stage). False when the conflict kept it out.
 */
export async function upsertScore(
  db: Executor,
  row: {
    id: string;
    campaignId: string;
    nominationId: string;
    expertUserId: string;
    stage: string;
    criteria: string;
    total: number;
    comment: string;
    at: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('voteExpertScore')
    .columns([
      'id',
      'campaignId',
      'nominationId',
      'expertUserId',
      'stage',
      'criteria',
      'total',
      'comment',
      'createdAt',
      'updatedAt',
    ])
    .expression(
      db
        .selectNoFrom(() => [
          sql.val(row.id).as('id'),
          sql.val(row.campaignId).as('campaign_id'),
          sql.val(row.nominationId).as('nomination_id'),
          sql.val(row.expertUserId).as('expert_user_id'),
          sql.val(row.stage).as('stage'),
          sql.val(row.criteria).as('criteria'),
          sql.val(row.total).as('total'),
          sql.val(row.comment).as('comment'),
          sql.val(row.at).as('created_at'),
          sql.val(row.at).as('updated_at'),
        ])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('voteConflict')
                .select('id')
                .where('nominationId', '=', row.nominationId)
                .where('expertUserId', '=', row.expertUserId),
            ),
          ),
        ),
    )
    .onConflict((oc) =>
      oc.columns(['nominationId', 'expertUserId', 'stage']).doUpdateSet({
        criteria: row.criteria,
        total: row.total,
        comment: row.comment,
        updatedAt: row.at,
      }),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function scoresOf(db: Executor, campaignId: string, q: { expertUserId?: string; stage?: string }) {
  let query = db
    .selectFrom('voteExpertScore')
    .select(['nominationId', 'expertUserId', 'stage', 'criteria', 'total', 'comment', 'updatedAt'])
    .where('campaignId', '=', campaignId);
  if (q.expertUserId) query = query.where('expertUserId', '=', q.expertUserId);
  if (q.stage) query = query.where('stage', '=', q.stage);
  return query.orderBy('nominationId').orderBy('expertUserId').execute();
}

// ---- shortlist ----

export async function insertShortlist(db: Executor, row: Insertable<VoteShortlistTable>): Promise<void> {
  await db.insertInto('voteShortlist').values(row).execute();
}

export function findShortlist(db: Executor, campaignId: string) {
  return db.selectFrom('voteShortlist').selectAll().where('campaignId', '=', campaignId).executeTakeFirst();
}
