import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ResourceTable } from './tables';
import { containsText } from '../../../db/dialect';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage } from '../../../platform/pagination';

type Executor = Kysely<Database>;

export type ResourceRow = ResourceTable & { orgName: string; orgPath: string };

function withOrg(db: Executor) {
  return db
    .selectFrom('resource as r')
    .innerJoin('organisation as o', 'o.id', 'r.orgId')
    .selectAll('r')
    .select(['o.name as orgName', 'o.path as orgPath']);
}

export function findResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
  return withOrg(db).where('r.id', '=', id).executeTakeFirst();
}

export async function insertResource(db: Executor, row: Insertable<ResourceTable>): Promise<void> {
  await db.insertInto('resource').values(row).execute();
}

export type ResourceChanges = Pick<
  ResourceTable,
  | 'kind'
  | 'title'
  | 'description'
  | 'unit'
  | 'quantity'
  | 'unitValueFen'
  | 'validFrom'
  | 'validUntil'
  | 'audience'
  | 'conditions'
  | 'updatedAt'
>;

/**
 * Edits an active resource at the expected version; the quantity may not fall below the places
 * already held (`reserved <= new quantity` is part of the same statement, not a prior read).
 */
export async function updateResource(
  db: Executor,
  id: string,
  version: number,
  changes: ResourceChanges,
): Promise<boolean> {
  const r = await db
    .updateTable('resource')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .where('reserved', '<=', changes.quantity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function withdrawResource(db: Executor, id: string, version: number, at: string) {
  const r = await db
    .updateTable('resource')
    .set((eb) => ({ status: 'withdrawn', updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Holds `quantity` places in one conditional statement: the resource must be active, valid on
 * `today` and have the places left. Concurrent callers cannot oversell — the engine re-checks
 * the condition on the row it locks (and the CHECK constraint backs it).
 */
export async function reservePlaces(
  db: Executor,
  id: string,
  quantity: number,
  today: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('resource')
    .set((eb) => ({
      reserved: eb('reserved', '+', quantity),
      updatedAt: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('validFrom', '<=', today)
    .where('validUntil', '>=', today)
    .where(sql<boolean>`reserved + ${quantity} <= quantity`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives back places held by a declined or withdrawn referral. */
export async function releasePlaces(db: Executor, id: string, quantity: number, at: string): Promise<void> {
  await db
    .updateTable('resource')
    .set((eb) => ({
      reserved: eb('reserved', '-', quantity),
      updatedAt: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Counts held places as delivered (they stay reserved: delivered ≤ reserved ≤ quantity). */
export async function deliverPlaces(db: Executor, id: string, quantity: number, at: string): Promise<void> {
  await db
    .updateTable('resource')
    .set((eb) => ({
      delivered: eb('delivered', '+', quantity),
      updatedAt: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export interface ResourceFilter {
  kind?: string;
  orgId?: string;
  status?: string;
  /** true: only referable today; false: only not referable today. */
  available?: boolean;
  today: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function listResources(db: Executor, actor: Actor, relations: Set<Relation>, f: ResourceFilter) {
  let q = withOrg(db).where((eb) =>
    scopeWhere(eb, actor, relations, {
      orgId: 'r.orgId',
      orgPath: 'o.path',
      jurisdictionId: 'r.jurisdictionId',
    }),
  );
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.orgId) q = q.where('r.orgId', '=', f.orgId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) q = q.where(() => containsText(sql.ref('r.title'), f.q!));
  if (f.available !== undefined) {
    const referable = sql<boolean>`(r.status = 'active' and r.valid_from <= ${f.today} and r.valid_until >= ${f.today} and r.reserved < r.quantity)`;
    q = q.where(f.available ? referable : sql<boolean>`not ${referable}`);
  }
  return fetchPage(
    q,
    f,
    (qq) => qq.orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc'),
    (r) => r as ResourceRow,
  );
}
