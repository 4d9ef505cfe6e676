import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type {
  HouseholdEventTable,
  HouseholdMemberTable,
  HouseholdTable,
  NeedTable,
  ScreeningTable,
} from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage, type Page } from '../../../platform/pagination';

type Executor = Kysely<Database>;
export type HouseholdRow = Database['household'];

export function findHousehold(db: Executor, id: string): Promise<HouseholdRow | undefined> {
  return db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByIdNumber(db: Executor, jurisdictionId: string, bidx: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('jurisdictionId', '=', jurisdictionId)
    .where('headIdBidx', '=', bidx)
    .executeTakeFirst();
}

export function findByPhoneName(db: Executor, jurisdictionId: string, key: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('jurisdictionId', '=', jurisdictionId)
    .where('phoneNameKey', '=', key)
    .where('state', '!=', 'merged')
    .orderBy('createdAt')
    .executeTakeFirst();
}

/** Inserts unless the ID number's household already exists; the unique index decides, not a prior read. */
export async function insertHouseholdIfAbsent(
  db: Executor,
  row: Insertable<HouseholdTable>,
): Promise<boolean> {
  const r = await db
    .insertInto('household')
    .values(row)
    .onConflict((oc) => oc.columns(['jurisdictionId', 'headIdBidx']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateHousehold(
  db: Executor,
  id: string,
  changes: Updateable<HouseholdTable>,
  expectVersion?: number,
): Promise<boolean> {
  let q = db
    .updateTable('household')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectVersion !== undefined) q = q.where('version', '=', expectVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceMembers(
  db: Executor,
  householdId: string,
  rows: Insertable<HouseholdMemberTable>[],
) {
  await db.deleteFrom('householdMember').where('householdId', '=', householdId).execute();
  if (rows.length) await db.insertInto('householdMember').values(rows).execute();
}

export function listMembers(db: Executor, householdId: string) {
  return db
    .selectFrom('householdMember')
    .selectAll()
    .where('householdId', '=', householdId)
    .orderBy('sort')
    .execute();
}

export async function insertScreening(db: Executor, row: Insertable<ScreeningTable>): Promise<void> {
  await db.insertInto('screening').values(row).execute();
}

export function findScreeningByClientRef(db: Executor, orgId: string, clientRef: string) {
  return db
    .selectFrom('screening')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('clientRef', '=', clientRef)
    .executeTakeFirst();
}

export function findScreening(db: Executor, id: string) {
  return db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDrafts(db: Executor, screenerId: string) {
  return db
    .selectFrom('screening')
    .selectAll()
    .where('screenerId', '=', screenerId)
    .where('status', '=', 'draft')
    .orderBy('updatedAt', 'desc')
    .execute();
}

export async function updateDraft(db: Executor, id: string, version: number, dataEnc: string, at: string) {
  const r = await db
    .updateTable('screening')
    .set({ dataEnc, updatedAt: at, version: version + 1 })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the screener's own draft; false when it is gone, submitted or someone else's. */
export async function deleteDraft(db: Executor, id: string, screenerId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('screening')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('screenerId', '=', screenerId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export function listScreenings(db: Executor, householdId: string) {
  return db
    .selectFrom('screening as s')
    .innerJoin('organisation as o', 'o.id', 's.orgId')
    .leftJoin('appUser as u', 'u.id', 's.screenerId')
    .select([
      's.id',
      's.orgId',
      'o.name as orgName',
      'u.displayName as screenerName',
      's.method',
      's.screenedOn',
      's.match',
      's.dataEnc',
    ])
    .where('s.householdId', '=', householdId)
    .where('s.status', 'in', ['submitted', 'unverified'])
    .orderBy('s.screenedOn', 'desc')
    .orderBy('s.createdAt', 'desc')
    .execute();
}

export async function insertNeeds(db: Executor, rows: Insertable<NeedTable>[]) {
  if (rows.length) await db.insertInto('need').values(rows).execute();
}

export function listNeeds(db: Executor, householdId: string) {
  return db
    .selectFrom('need')
    .selectAll()
    .where('householdId', '=', householdId)
    .orderBy('createdAt')
    .execute();
}

/**
 * A person accepted a worker's own request: the household leaves `unverified` (one conditional
 * update — accepted once) and takes its keys back into the indexes (a unique-index violation
 * means another household holds the ID number), its screenings count, its needs are accepted.
 */
export async function acceptUnverified(
  db: Executor,
  householdId: string,
  keys: { headIdBidx: string | null; phoneNameKey: string | null },
  to: 'screened' | 'verifying',
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('household')
    .set((eb) => ({ state: to, ...keys, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', householdId)
    .where('state', '=', 'unverified')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await acceptReports(db, householdId, at);
  return true;
}

/** Whether the household holds a worker's own request no person has accepted yet. */
export async function hasUnverifiedScreening(db: Executor, householdId: string): Promise<boolean> {
  const row = await db
    .selectFrom('screening')
    .select('id')
    .where('householdId', '=', householdId)
    .where('status', '=', 'unverified')
    .executeTakeFirst();
  return row !== undefined;
}

/** The household's self-reported screenings and needs, accepted by a person. */
export async function acceptReports(db: Executor, householdId: string, at: string): Promise<void> {
  await db
    .updateTable('screening')
    .set({ status: 'submitted', updatedAt: at })
    .where('householdId', '=', householdId)
    .where('status', '=', 'unverified')
    .execute();
  await db
    .updateTable('need')
    .set({ acceptedAt: at })
    .where('householdId', '=', householdId)
    .where('source', '=', 'self_report')
    .where('acceptedAt', 'is', null)
    .execute();
}

export async function linkOrg(
  db: Executor,
  householdId: string,
  orgId: string,
  /** screened it, was routed it (分工), or was assigned a return visit to it */
  link: 'screened' | 'routed' | 'visit',
  at: string,
) {
  await db
    .insertInto('householdOrg')
    .values({ householdId, orgId, link, createdAt: at })
    .onConflict((oc) => oc.columns(['householdId', 'orgId', 'link']).doNothing())
    .execute();
}

export async function linkedOrgIds(db: Executor, householdId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('householdOrg')
    .select('orgId')
    .where('householdId', '=', householdId)
    .execute();
  return [...new Set(rows.map((r) => r.orgId))];
}

/** Other live households with the same name at the same address: a person decides whether they are one. */
export async function nearMatches(
  db: Executor,
  jurisdictionId: string,
  addressKey: string,
  excludeId: string,
) {
  const rows = await db
    .selectFrom('household')
    .select('id')
    .where('jurisdictionId', '=', jurisdictionId)
    .where('addressKey', '=', addressKey)
    .where('id', '!=', excludeId)
    .where('state', '!=', 'merged')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertMergeCandidate(
  db: Executor,
  row: { id: string; jurisdictionId: string; a: string; b: string; reason: string; at: string },
): Promise<void> {
  const [householdA, householdB] = row.a < row.b ? [row.a, row.b] : [row.b, row.a];
  await db
    .insertInto('mergeCandidate')
    .values({
      id: row.id,
      jurisdictionId: row.jurisdictionId,
      householdA,
      householdB,
      reason: row.reason,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      createdAt: row.at,
    })
    .onConflict((oc) => oc.columns(['householdA', 'householdB']).doNothing())
    .execute();
}

export async function replaceTokens(db: Executor, householdId: string, tokens: string[]) {
  await db.deleteFrom('householdToken').where('householdId', '=', householdId).execute();
  for (let i = 0; i < tokens.length; i += 200) {
    await db
      .insertInto('householdToken')
      .values(tokens.slice(i, i + 200).map((token) => ({ token, householdId })))
      .execute();
  }
}

export async function recordEvent(db: Executor, event: Insertable<HouseholdEventTable>) {
  await db.insertInto('householdEvent').values(event).execute();
}

export function listEvents(db: Executor, householdId: string) {
  return db
    .selectFrom('householdEvent')
    .selectAll()
    .where('householdId', '=', householdId)
    .orderBy('at')
    .execute();
}

export interface HouseholdFilter {
  q?: string;
  qTokens?: string[];
  idBidx?: string;
  phoneBidx?: string;
  archiveNo?: string;
  state?: string;
  category?: string;
  orgId?: string;
  campaignId?: string;
  divisionCode?: string;
  urgentOnly?: boolean;
  sort: 'lastScreenedOn' | 'headName' | 'state';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORTS = { lastScreenedOn: 'h.lastScreenedOn', headName: 'h.headName', state: 'h.state' } as const;

/** The columns of a household's list row, the same for the list, one row and the merge queue. */
function listRows(db: Executor) {
  return db
    .selectFrom('household as h')
    .innerJoin('organisation as jo', 'jo.id', 'h.jurisdictionId')
    .leftJoin('organisation as ro', 'ro.id', 'h.responsibleOrgId')
    .leftJoin('archive as a', 'a.householdId', 'h.id')
    .select((eb) => [
      'h.id',
      'h.headName',
      'h.headIdTail',
      'h.phoneTail',
      'h.divisionCode',
      'h.addressDetail',
      'h.situation',
      'h.state',
      'h.category',
      'h.householdSize',
      'h.lastScreenedOn',
      'ro.name as responsibleOrgName',
      'a.archiveNo',
      'a.state as archiveState',
      eb
        .selectFrom('need')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('need.householdId', '=', 'h.id')
        .where('need.urgency', '=', 'urgent')
        .where('need.status', '=', 'open')
        .as('urgentOpen'),
      eb
        .selectFrom('screening')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('screening.householdId', '=', 'h.id')
        .where('screening.status', 'in', ['submitted', 'unverified'])
        .as('screenings'),
    ]);
}

/** One household's list row, without a permission filter: the caller has checked the record. */
export async function findListRow(db: Executor, id: string): Promise<HouseholdListRow | undefined> {
  return (await listRows(db).where('h.id', '=', id).executeTakeFirst()) as HouseholdListRow | undefined;
}

/** Households in the actor's reach: the federation's own, or those linked to the actor's organisation. */
export function queryHouseholds(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  f: HouseholdFilter,
): Promise<Page<HouseholdListRow>> {
  let q = listRows(db)
    .where('h.state', '!=', 'merged')
    .where((eb) =>
      scopeWhere(eb, actor, relations, {
        orgId: 'h.jurisdictionId',
        orgPath: 'jo.path',
        jurisdictionId: 'h.jurisdictionId',
        orgLinked: (orgId) =>
          eb.exists(
            eb
              .selectFrom('householdOrg as ho')
              .select('ho.orgId')
              .whereRef('ho.householdId', '=', 'h.id')
              .where('ho.orgId', '=', orgId),
          ),
      }),
    );
  if (f.qTokens && f.qTokens.length) {
    const tokens = f.qTokens;
    q = q.where('h.id', 'in', (eb) =>
      eb
        .selectFrom('householdToken')
        .select('householdId')
        .where('token', 'in', tokens)
        .groupBy('householdId')
        .having((e) => e.fn.count('token').distinct(), '=', tokens.length),
    );
  }
  if (f.idBidx) q = q.where('h.headIdBidx', '=', f.idBidx);
  if (f.phoneBidx) q = q.where('h.phoneBidx', '=', f.phoneBidx);
  if (f.archiveNo) q = q.where('a.archiveNo', '=', f.archiveNo);
  if (f.state) q = q.where('h.state', '=', f.state);
  if (f.category) q = q.where('h.category', '=', f.category);
  if (f.divisionCode) q = q.where('h.divisionCode', 'like', `${f.divisionCode}%`);
  if (f.orgId) {
    const orgId = f.orgId;
    q = q.where('h.id', 'in', (eb) =>
      eb.selectFrom('householdOrg').select('householdId').where('orgId', '=', orgId),
    );
  }
  if (f.campaignId) {
    const campaignId = f.campaignId;
    q = q.where('h.id', 'in', (eb) =>
      eb
        .selectFrom('screening')
        .select('householdId')
        .where('campaignId', '=', campaignId)
        .where('householdId', 'is not', null),
    );
  }
  if (f.urgentOnly) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('need')
          .select('need.id')
          .whereRef('need.householdId', '=', 'h.id')
          .where('need.urgency', '=', 'urgent')
          .where('need.status', '=', 'open'),
      ),
    );
  }
  return fetchPage(
    q,
    f,
    (qq) => qq.orderBy(SORTS[f.sort], f.order).orderBy('h.id'),
    (row) => row as HouseholdListRow,
  );
}

export interface HouseholdListRow {
  id: string;
  headName: string;
  headIdTail: string | null;
  phoneTail: string | null;
  divisionCode: string;
  addressDetail: string;
  situation: string;
  state: string;
  category: string | null;
  householdSize: number;
  lastScreenedOn: string;
  responsibleOrgName: string | null;
  archiveNo: string | null;
  archiveState: string | null;
  urgentOpen: number | string | null;
  screenings: number | string | null;
}

// ---- bulk writes (the screening import) ----

/** Rows per statement so that one statement binds at most ~10 000 values (both engines allow more). */
const perStatement = (columns: number) => Math.max(1, Math.floor(10_000 / columns));

async function insertChunked<T extends object>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const size = perStatement(Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Which of these keys some household of the jurisdiction already holds (in any state): the
 * import sends a row whose person may be known down the one-row path.
 */
export async function knownHouseholdKeys(
  db: Executor,
  jurisdictionId: string,
  keys: { idBidx: string[]; phoneNameKey: string[]; addressKey: string[] },
): Promise<Set<string>> {
  const known = new Set<string>();
  const lookups = [
    ['headIdBidx', keys.idBidx],
    ['phoneNameKey', keys.phoneNameKey],
    ['addressKey', keys.addressKey],
  ] as const;
  for (const [column, values] of lookups) {
    for (let i = 0; i < values.length; i += 1000) {
      const rows = await db
        .selectFrom('household')
        .select(`${column} as key`)
        .where('jurisdictionId', '=', jurisdictionId)
        .where(column, 'in', values.slice(i, i + 1000))
        .execute();
      for (const r of rows) if (r.key) known.add(r.key);
    }
  }
  return known;
}

/** Inserts the households whose ID number is not taken yet (as `insertHouseholdIfAbsent`); returns the ids inserted. */
export async function insertHouseholdsIfAbsent(
  db: Executor,
  rows: Insertable<HouseholdTable>[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  await insertChunked(rows, async (chunk) => {
    const done = await db
      .insertInto('household')
      .values(chunk)
      .onConflict((oc) => oc.columns(['jurisdictionId', 'headIdBidx']).doNothing())
      .returning('id')
      .execute();
    for (const r of done) inserted.add(r.id);
  });
  return inserted;
}

export const insertMembers = (db: Executor, rows: Insertable<HouseholdMemberTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('householdMember').values(chunk).execute());

export const insertScreenings = (db: Executor, rows: Insertable<ScreeningTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('screening').values(chunk).execute());

export const insertManyNeeds = (db: Executor, rows: Insertable<NeedTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('need').values(chunk).execute());

export const linkOrgs = (
  db: Executor,
  rows: { householdId: string; orgId: string; link: 'screened' | 'routed' | 'visit'; createdAt: string }[],
) =>
  insertChunked(rows, (chunk) =>
    db
      .insertInto('householdOrg')
      .values(chunk)
      .onConflict((oc) => oc.columns(['householdId', 'orgId', 'link']).doNothing())
      .execute(),
  );

export const insertTokens = (db: Executor, rows: { token: string; householdId: string }[]) =>
  insertChunked(rows, (chunk) => db.insertInto('householdToken').values(chunk).execute());

export const recordEvents = (db: Executor, rows: Insertable<HouseholdEventTable>[]) =>
  insertChunked(rows, (chunk) => db.insertInto('householdEvent').values(chunk).execute());

/**
 * Counts one identifier search for the user in the window and returns the window's count so far,
 * in one statement (an upsert), so parallel searches from several processes never under-count.
 */
export async function countIdentifierSearch(
  db: Executor,
  userId: string,
  windowStart: string,
): Promise<number> {
  const row = await db
    .insertInto('identifierSearchCount')
    .values({ userId, windowStart, searches: 1 })
    .onConflict((oc) =>
      oc
        .columns(['userId', 'windowStart'])
        .doUpdateSet((eb) => ({ searches: eb('identifierSearchCount.searches', '+', 1) })),
    )
    .returning('searches')
    .executeTakeFirstOrThrow();
  return Number(row.searches);
}
