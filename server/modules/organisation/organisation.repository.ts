import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type { OrganisationTable } from './tables';
import type { Actor } from '../../platform/auth/actor';
import type { Relation } from '../../platform/auth/policy';
import { scopeWhere } from '../../platform/auth/scope';
import { sql } from 'kysely';
import { FEDERATION_KINDS } from '../../../contracts/organisation';
import type { FederationArea } from './organisation.policy';
import type { OrganisationRow } from './organisation.table';

type Executor = Kysely<Database>;

export function findOrganisation(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOrganisations(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  filter: { status?: string; kind?: string },
): Promise<OrganisationRow[]> {
  let q = db
    .selectFrom('organisation')
    .selectAll()
    .where((eb) =>
      scopeWhere(eb, actor, relations, { orgId: 'id', orgPath: 'path', jurisdictionId: 'jurisdictionId' }),
    );
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return q.orderBy('depth').orderBy('sortOrder').orderBy('name').execute();
}

export function listSubtree(db: Executor, path: string): Promise<OrganisationRow[]> {
  return db
    .selectFrom('organisation')
    .selectAll()
    .where('path', 'like', `${path}%`)
    .orderBy('depth')
    .execute();
}

export async function countActiveChildren(db: Executor, id: string): Promise<number> {
  const r = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertOrganisation(db: Executor, row: Insertable<OrganisationTable>): Promise<void> {
  await db.insertInto('organisation').values(row).execute();
}

/** Optimistic update: changes nothing and returns false when someone else saved first. */
export async function updateOrganisation(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<OrganisationTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('organisation')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setPlacement(
  db: Executor,
  id: string,
  placement: {
    parentId?: string | null;
    path: string;
    depth: number;
    jurisdictionId: string;
    updatedAt: string;
  },
): Promise<void> {
  await db.updateTable('organisation').set(placement).where('id', '=', id).execute();
}

/**
 * Serialises the writes that change which area an active federation claims: the first statement
 * of such a transaction, it holds the one `org_area_lock` row (PostgreSQL row lock; SQLite write
 * lock) until commit, so the overlap check that follows reads what the previous writer committed.
 */
export async function lockFederationAreas(db: Executor): Promise<void> {
  await db
    .updateTable('orgAreaLock')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', 1)
    .execute();
}

export function listActiveFederationAreas(db: Executor): Promise<FederationArea[]> {
  return db
    .selectFrom('organisation')
    .select(['id', 'path', 'divisionCode'])
    .where('kind', 'in', [...FEDERATION_KINDS])
    .where('status', '=', 'active')
    .execute();
}

/**
 * The active city or county federation serving a division: the one with the most specific area
 * among those whose code contains it. The overlap rule makes it unique; id breaks ties anyway so
 * the answer never depends on row order.
 */
export function findServingFederation(
  db: Executor,
  codes: string[],
): Promise<{ id: string; path: string; name: string; divisionCode: string } | undefined> {
  return db
    .selectFrom('organisation')
    .select(['id', 'path', 'name', 'divisionCode'])
    .where('kind', 'in', ['city', 'county'])
    .where('status', '=', 'active')
    .where('divisionCode', 'in', codes)
    .orderBy(sql`length(${sql.ref('divisionCode')})`, 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
