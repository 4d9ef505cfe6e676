import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { PlanMeasureTable, PlanTemplateTable } from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage, type Page } from '../../../platform/pagination';
import { causePattern, OPEN_MEASURE_STATES, TEMPLATE_EXCLUDED_STATES, type Criteria } from './plan.policy';

type Executor = Kysely<Database>;

export type MeasureRow = Database['planMeasure'];
export type TemplateRow = Database['planTemplate'];

// ---- measures ----

export async function insertMeasures(db: Executor, rows: Insertable<PlanMeasureTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('planMeasure')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export function findMeasure(db: Executor, id: string): Promise<MeasureRow | undefined> {
  return db.selectFrom('planMeasure').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Version- and state-checked: false when someone else changed the measure first. */
export async function updateMeasure(
  db: Executor,
  id: string,
  expect: { version: number; state: string },
  changes: Updateable<PlanMeasureTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('planMeasure')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expect.version)
    .where('state', '=', expect.state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function measureRows(db: Executor) {
  return db
    .selectFrom('planMeasure as m')
    .innerJoin('household as h', 'h.id', 'm.householdId')
    .innerJoin('organisation as ro', 'ro.id', 'm.responsibleOrgId')
    .leftJoin('planTemplate as t', 't.id', 'm.templateId')
    .leftJoin('appUser as du', 'du.id', 'm.decidedBy')
    .selectAll('m')
    .select([
      'h.headName',
      'ro.name as responsibleOrgName',
      't.name as templateName',
      'du.displayName as decidedByName',
    ]);
}

export type MeasureListRow = MeasureRow & {
  headName: string;
  responsibleOrgName: string;
  templateName: string | null;
  decidedByName: string | null;
};

export async function findMeasureView(db: Executor, id: string): Promise<MeasureListRow | undefined> {
  return (await measureRows(db).where('m.id', '=', id).executeTakeFirst()) as MeasureListRow | undefined;
}

export async function listHouseholdMeasures(db: Executor, householdId: string): Promise<MeasureListRow[]> {
  return (await measureRows(db)
    .where('m.householdId', '=', householdId)
    .orderBy('m.dueOn')
    .orderBy('m.id')
    .execute()) as MeasureListRow[];
}

export interface MeasureFilter {
  state?: string;
  policy?: string;
  responsibleOrgId?: string;
  overdue?: 'true' | 'false';
  today: string;
  page: number;
  pageSize: number;
}

/** Measures of the households in the actor's reach (the federation's own, or those linked to the actor's organisation). */
export function queryMeasures(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  f: MeasureFilter,
): Promise<Page<MeasureListRow>> {
  let q = measureRows(db)
    .innerJoin('organisation as jo', 'jo.id', 'h.jurisdictionId')
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
  if (f.state) q = q.where('m.state', '=', f.state);
  if (f.policy) q = q.where('m.policy', '=', f.policy);
  if (f.responsibleOrgId) q = q.where('m.responsibleOrgId', '=', f.responsibleOrgId);
  if (f.overdue === 'true') {
    q = q.where('m.state', 'in', OPEN_MEASURE_STATES).where('m.dueOn', '<', f.today);
  }
  if (f.overdue === 'false') {
    q = q.where((eb) => eb.or([eb('m.state', 'not in', OPEN_MEASURE_STATES), eb('m.dueOn', '>=', f.today)]));
  }
  return fetchPage(
    q,
    f,
    (qq) => qq.orderBy('m.dueOn').orderBy('m.id'),
    (row) => row as MeasureListRow,
  );
}

// ---- templates ----

export async function insertTemplate(db: Executor, row: Insertable<PlanTemplateTable>): Promise<void> {
  await db.insertInto('planTemplate').values(row).execute();
}

export function findTemplate(db: Executor, id: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('planTemplate').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateTemplate(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<PlanTemplateTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('planTemplate')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listTemplates(db: Executor, actor: Actor, relations: Set<Relation>) {
  const rows = await db
    .selectFrom('planTemplate as t')
    .innerJoin('organisation as jo', 'jo.id', 't.jurisdictionId')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('templateApplication as ta')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ta.templateId', '=', 't.id')
        .as('appliedCount'),
    )
    .where((eb) =>
      scopeWhere(eb, actor, relations, {
        orgId: 't.jurisdictionId',
        orgPath: 'jo.path',
        jurisdictionId: 't.jurisdictionId',
      }),
    )
    .orderBy('t.createdAt', 'desc')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ ...r, appliedCount: Number(r.appliedCount ?? 0) }));
}

export async function appliedCount(db: Executor, templateId: string): Promise<number> {
  const r = await db
    .selectFrom('templateApplication')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('templateId', '=', templateId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function orgNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisation').select(['id', 'name', 'status']).where('id', 'in', ids).execute();
}

export interface MatchRow {
  id: string;
  headName: string;
  divisionCode: string;
  category: string | null;
  archiveNo: string | null;
  applied: number | string | null;
}

/**
 * The households of a jurisdiction that fit a template's criteria (the SQL twin of
 * `matchesTemplate`), in id order, each with whether the template was already applied to it.
 */
export function matchingHouseholds(
  db: Executor,
  jurisdictionId: string,
  templateId: string,
  c: Criteria,
): Promise<MatchRow[]> {
  let q = db
    .selectFrom('household as h')
    .leftJoin('archive as a', 'a.householdId', 'h.id')
    .select((eb) => [
      'h.id',
      'h.headName',
      'h.divisionCode',
      eb.fn.coalesce('a.category', 'h.category').as('category'),
      'a.archiveNo',
      eb
        .selectFrom('templateApplication as ta')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ta.householdId', '=', 'h.id')
        .where('ta.templateId', '=', templateId)
        .as('applied'),
    ])
    .where('h.jurisdictionId', '=', jurisdictionId)
    .where('h.state', 'not in', [...TEMPLATE_EXCLUDED_STATES]);
  const states = c.householdStates ?? [];
  if (c.archiveStates.length || states.length) {
    const archiveStates = c.archiveStates;
    q = q.where((eb) =>
      eb.or([
        ...(archiveStates.length ? [eb('a.state', 'in', archiveStates)] : []),
        ...(states.length ? [eb('h.state', 'in', states)] : []),
      ]),
    );
  }
  if (c.categories.length) {
    const categories = c.categories;
    q = q.where((eb) => eb(eb.fn.coalesce('a.category', 'h.category'), 'in', categories));
  }
  if (c.causes.length) {
    const causes = c.causes;
    q = q.where((eb) =>
      eb.or(causes.map((cause) => sql<SqlBool>`${eb.ref('h.causes')} like ${causePattern(cause)}`)),
    );
  }
  if (c.situations.length) q = q.where('h.situation', 'in', c.situations);
  if (c.needKinds.length) {
    const kinds = c.needKinds;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('need as n')
          .select('n.id')
          .whereRef('n.householdId', '=', 'h.id')
          .where('n.status', '=', 'open')
          .where('n.kind', 'in', kinds),
      ),
    );
  }
  if (c.divisionCode) q = q.where('h.divisionCode', 'like', `${c.divisionCode}%`);
  return q.orderBy('h.id').execute() as Promise<MatchRow[]>;
}

/** Records the template on the household unless it is there already; true when this call added it. */
export async function claimApplication(
  db: Executor,
  row: { templateId: string; householdId: string; appliedBy: string; appliedAt: string },
): Promise<boolean> {
  const r = await db
    .insertInto('templateApplication')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
