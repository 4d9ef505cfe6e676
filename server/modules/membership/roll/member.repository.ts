import { sql, type Insertable, type Kysely } from 'kysely';
import { escapeLike } from '../../../db/dialect';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import type { MemberTable, MemberTransferTable } from './tables';

type Executor = Kysely<Database>;

/** The active member with this phone (a partial unique index keeps it to one), with their unit. */
export function activeMemberByPhone(db: Executor, phoneBidx: string) {
  return db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'member.id as memberId',
      'member.orgId',
      'member.name',
      'organisation.path as orgPath',
      'organisation.jurisdictionId',
    ])
    .where('member.phoneBidx', '=', phoneBidx)
    .where('member.state', '=', 'active')
    .executeTakeFirst();
}

/** The member's unit union and where it sits. */
export function unitOfMember(db: Executor, memberId: string) {
  return db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'member.orgId',
      'organisation.name as orgName',
      'organisation.path as orgPath',
      'organisation.jurisdictionId',
      'member.state',
    ])
    .where('member.id', '=', memberId)
    .executeTakeFirst();
}

/** Members with their unit (name and place in the tree: the scope of the row). */
function memberRows(db: Executor) {
  return db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'member.id',
      'member.orgId',
      'organisation.name as orgName',
      'organisation.path as orgPath',
      'organisation.jurisdictionId',
      'member.name',
      'member.idNumberEnc',
      'member.idNumberTail',
      'member.phoneEnc',
      'member.phoneTail',
      'member.cardNumber',
      'member.gender',
      'member.joinedOn',
      'member.state',
      'member.leftOn',
      'member.version',
      'member.createdAt',
      'member.updatedAt',
    ]);
}
export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>['executeTakeFirstOrThrow']>>;

export function findMember(db: Executor, id: string): Promise<MemberRow | undefined> {
  return memberRows(db).where('member.id', '=', id).executeTakeFirst();
}

export interface MemberFilter {
  q?: string;
  idNumberBidx?: string;
  phoneBidx?: string;
  orgId?: string;
  state?: 'active' | 'left';
}

function filtered(db: Executor, actor: Actor, relations: Set<Relation>, f: MemberFilter) {
  let q = memberRows(db).where((eb) =>
    scopeWhere(eb, actor, relations, {
      orgId: 'member.orgId',
      orgPath: 'organisation.path',
      jurisdictionId: 'organisation.jurisdictionId',
    }),
  );
  if (f.q) q = q.where(sql<boolean>`member.name like ${`${escapeLike(f.q)}%`} escape '\\'`);
  if (f.idNumberBidx) q = q.where('member.idNumberBidx', '=', f.idNumberBidx);
  if (f.phoneBidx) q = q.where('member.phoneBidx', '=', f.phoneBidx);
  if (f.orgId) q = q.where('member.orgId', '=', f.orgId);
  if (f.state) q = q.where('member.state', '=', f.state);
  return q;
}

export async function listMembers(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  f: MemberFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const base = filtered(db, actor, relations, f);
  const [rows, count] = await Promise.all([
    base
      .orderBy('member.orgId')
      .orderBy('member.name')
      .orderBy('member.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Every member the filter finds, in pages of `batch` (an export streams them). */
export async function* streamMembers(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  f: MemberFilter,
  batch = 1000,
): AsyncGenerator<MemberRow> {
  let after = '';
  for (;;) {
    const rows = await filtered(db, actor, relations, f)
      .where('member.id', '>', after)
      .orderBy('member.id')
      .limit(batch)
      .execute();
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

export async function insertMembers(db: Executor, rows: Insertable<MemberTable>[]): Promise<void> {
  // Multi-row inserts, under SQLite's bound-parameter limit (18 columns a row).
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('member')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** A version-checked update; false when the member changed since (or is gone). */
export async function updateMember(
  db: Executor,
  id: string,
  version: number,
  set: Partial<Omit<MemberTable, 'id' | 'version' | 'createdAt' | 'createdBy'>>,
  extra: { state?: 'active' } = {},
): Promise<boolean> {
  let q = db
    .updateTable('member')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version);
  if (extra.state) q = q.where('state', '=', extra.state);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTransfer(db: Executor, row: Insertable<MemberTransferTable>): Promise<void> {
  await db.insertInto('memberTransfer').values(row).execute();
}

export function transfersOf(db: Executor, memberId: string) {
  return db
    .selectFrom('memberTransfer')
    .innerJoin('organisation as f', 'f.id', 'memberTransfer.fromOrgId')
    .innerJoin('organisation as t', 't.id', 'memberTransfer.toOrgId')
    .select([
      'memberTransfer.id',
      'f.name as fromOrgName',
      't.name as toOrgName',
      'memberTransfer.at',
      'memberTransfer.reason',
    ])
    .where('memberTransfer.memberId', '=', memberId)
    .orderBy('memberTransfer.at')
    .execute();
}

/** Which of these ID-number blind indexes are on the roll already (an import's duplicates). */
export async function existingIdNumbers(db: Executor, bidxs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < bidxs.length; i += 500) {
    const rows = await db
      .selectFrom('member')
      .select('idNumberBidx')
      .where('idNumberBidx', 'in', bidxs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.idNumberBidx);
  }
  return out;
}

/** Which of these phone blind indexes belong to an active member already. */
export async function activePhones(db: Executor, bidxs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < bidxs.length; i += 500) {
    const rows = await db
      .selectFrom('member')
      .select('phoneBidx')
      .where('state', '=', 'active')
      .where('phoneBidx', 'in', bidxs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.phoneBidx);
  }
  return out;
}

/**
 * Per unit in the actor's reach: active members, joined this year, left this year (one grouped
 * query over the roll).
 */
export async function countsPerUnit(db: Executor, actor: Actor, relations: Set<Relation>, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const rows = await db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .where((eb) =>
      scopeWhere(eb, actor, relations, {
        orgId: 'member.orgId',
        orgPath: 'organisation.path',
        jurisdictionId: 'organisation.jurisdictionId',
      }),
    )
    .select((eb) => [
      'member.orgId',
      'organisation.name as orgName',
      eb.fn.sum<number>(eb.case().when('member.state', '=', 'active').then(1).else(0).end()).as('active'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('member.joinedOn', '>=', from), eb('member.joinedOn', '<', to)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('joined'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('member.leftOn', '>=', from), eb('member.leftOn', '<', to)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('left'),
    ])
    .groupBy(['member.orgId', 'organisation.name'])
    .orderBy('organisation.name')
    .execute();
  return rows.map((r) => ({
    orgId: r.orgId,
    orgName: r.orgName,
    active: Number(r.active ?? 0),
    joinedThisYear: Number(r.joined ?? 0),
    leftThisYear: Number(r.left ?? 0),
  }));
}

/** Which unique index a failed write hit (both engines name the column or the index). */
export function violatedUnique(err: unknown): 'idNumber' | 'phone' | 'cardNumber' | null {
  const m = String((err as { message?: unknown })?.message ?? '');
  if (m.includes('id_number')) return 'idNumber';
  if (m.includes('phone')) return 'phone';
  if (m.includes('card')) return 'cardNumber';
  return null;
}

/** Organisations by exact name (an import names its units), with their place in the tree. */
export function unitsByName(db: Executor, names: string[]) {
  if (names.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation')
    .select(['id as orgId', 'name', 'kind', 'status', 'path as orgPath', 'jurisdictionId'])
    .where('name', 'in', names)
    .execute();
}

export function unitsById(db: Executor, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id as orgId', 'name', 'kind', 'status', 'path as orgPath', 'jurisdictionId'])
    .where('id', '=', id)
    .executeTakeFirst();
}
