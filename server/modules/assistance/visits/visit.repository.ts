import { sql, type ExpressionBuilder, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ReturnVisitTable } from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage, type Page } from '../../../platform/pagination';

/** 回访: the visit list, one visit, the worklist counts and the per-federation delays. */
type Executor = Kysely<Database>;

export interface VisitRow {
  id: string;
  jurisdictionId: string;
  householdId: string;
  headName: string;
  phoneTail: string | null;
  divisionCode: string;
  reason: string;
  dueOn: string;
  assigneeOrgId: string;
  assigneeOrgName: string;
  assigneeMemberId: string | null;
  assigneeMemberName: string | null;
  state: string;
  visitedOn: string | null;
  visitors: string | null;
  change: string | null;
  openNeeds: string | null;
  satisfaction: number | null;
  householdWords: string | null;
  relapse: number;
  archiveId: string | null;
  archiveState: string | null;
  archiveVersion: number | null;
  createdAt: string;
  version: number;
}

function visitRows(db: Executor) {
  return db
    .selectFrom('returnVisit as v')
    .innerJoin('household as h', 'h.id', 'v.householdId')
    .innerJoin('organisation as ao', 'ao.id', 'v.assigneeOrgId')
    .innerJoin('organisation as jo', 'jo.id', 'v.jurisdictionId')
    .leftJoin('allianceMember as m', 'm.id', 'v.assigneeMemberId')
    .leftJoin('archive as a', 'a.householdId', 'v.householdId')
    .select([
      'v.id',
      'v.jurisdictionId',
      'v.householdId',
      'h.headName',
      'h.phoneTail',
      'h.divisionCode',
      'v.reason',
      'v.dueOn',
      'v.assigneeOrgId',
      'ao.name as assigneeOrgName',
      'v.assigneeMemberId',
      'm.name as assigneeMemberName',
      'v.state',
      'v.visitedOn',
      'v.visitors',
      'v.change',
      'v.openNeeds',
      'v.satisfaction',
      'v.householdWords',
      'v.relapse',
      'a.id as archiveId',
      'a.state as archiveState',
      'a.version as archiveVersion',
      'v.createdAt',
      'v.version',
    ]);
}

type VisitEb = ExpressionBuilder<
  Database & { v: Database['returnVisit']; jo: Database['organisation'] },
  'v' | 'jo'
>;

/**
 * Visits in the actor's reach: the federation's whole jurisdiction; a partner's visits of
 * households linked to its organisation (assigning a visit links its organisation).
 */
function inReach(eb: VisitEb, actor: Actor, relations: Set<Relation>) {
  return scopeWhere(eb, actor, relations, {
    orgId: 'v.assigneeOrgId',
    orgPath: 'jo.path',
    jurisdictionId: 'v.jurisdictionId',
    orgLinked: (orgId) =>
      eb.exists(
        eb
          .selectFrom('householdOrg as ho')
          .select('ho.orgId')
          .whereRef('ho.householdId', '=', 'v.householdId')
          .where('ho.orgId', '=', orgId),
      ),
  });
}

export interface VisitFilter {
  state?: string;
  overdue?: boolean;
  assigneeOrgId?: string;
  assigneeMemberId?: string;
  today: string;
  page: number;
  pageSize: number;
}

export function listVisits(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  f: VisitFilter,
): Promise<Page<VisitRow>> {
  let q = visitRows(db).where((eb) => inReach(eb as unknown as VisitEb, actor, relations));
  if (f.state) q = q.where('v.state', '=', f.state);
  if (f.overdue === true) q = q.where('v.state', '=', 'due').where('v.dueOn', '<', f.today);
  if (f.overdue === false)
    q = q.where((eb) => eb.or([eb('v.state', '!=', 'due'), eb('v.dueOn', '>=', f.today)]));
  if (f.assigneeOrgId) q = q.where('v.assigneeOrgId', '=', f.assigneeOrgId);
  if (f.assigneeMemberId) q = q.where('v.assigneeMemberId', '=', f.assigneeMemberId);
  return fetchPage(
    q,
    f,
    // Open visits first, the most pressing on top; then the latest done.
    (qq) =>
      qq
        .orderBy(sql`case when v.state = 'due' then 0 else 1 end`)
        .orderBy('v.dueOn', 'asc')
        .orderBy('v.id', 'asc'),
    (r) => r as VisitRow,
  );
}

export async function findVisitRow(db: Executor, id: string): Promise<VisitRow | undefined> {
  return (await visitRows(db).where('v.id', '=', id).executeTakeFirst()) as VisitRow | undefined;
}

export async function visitsOfHousehold(db: Executor, householdId: string): Promise<VisitRow[]> {
  return (await visitRows(db)
    .where('v.householdId', '=', householdId)
    .orderBy('v.dueOn', 'desc')
    .orderBy('v.id', 'desc')
    .execute()) as VisitRow[];
}

export async function updateVisit(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<ReturnVisitTable>,
  expectState = 'due',
): Promise<boolean> {
  const r = await db
    .updateTable('returnVisit')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', expectState)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Linked organisations of a household (screened / routed), for the record's scope. */
export async function householdLinks(db: Executor, householdId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('householdOrg')
    .select('orgId')
    .where('householdId', '=', householdId)
    .execute();
  return [...new Set(rows.map((r) => r.orgId))];
}

export function findMember(db: Executor, id: string) {
  return db
    .selectFrom('allianceMember')
    .select(['id', 'orgId', 'status', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Open visits per assignee organisation and per member, within the actor's reach: `due` are
 * open and not yet late, `overdue` open and past their day (the two never overlap).
 */
export async function worklist(db: Executor, actor: Actor, relations: Set<Relation>, today: string) {
  const open = () =>
    db
      .selectFrom('returnVisit as v')
      .innerJoin('organisation as jo', 'jo.id', 'v.jurisdictionId')
      .where('v.state', '=', 'due')
      .where((eb) => inReach(eb as unknown as VisitEb, actor, relations));
  const counts = (eb: ExpressionBuilder<Database & { v: ReturnVisitTable }, 'v'>) => [
    eb.fn.sum<number>(eb.case().when('v.dueOn', '>=', today).then(1).else(0).end()).as('due'),
    eb.fn.sum<number>(eb.case().when('v.dueOn', '<', today).then(1).else(0).end()).as('overdue'),
  ];
  const byOrg = await open()
    .innerJoin('organisation as ao', 'ao.id', 'v.assigneeOrgId')
    .select((eb) => [
      'v.assigneeOrgId as orgId',
      'ao.name as orgName',
      ...counts(eb as unknown as ExpressionBuilder<Database & { v: ReturnVisitTable }, 'v'>),
    ])
    .groupBy(['v.assigneeOrgId', 'ao.name'])
    .orderBy('ao.name')
    .execute();
  const byMember = await open()
    .innerJoin('allianceMember as m', 'm.id', 'v.assigneeMemberId')
    .innerJoin('organisation as mo', 'mo.id', 'm.orgId')
    .select((eb) => [
      'm.id as memberId',
      'm.name as memberName',
      'mo.name as orgName',
      ...counts(eb as unknown as ExpressionBuilder<Database & { v: ReturnVisitTable }, 'v'>),
    ])
    .groupBy(['m.id', 'm.name', 'mo.name'])
    .orderBy('mo.name')
    .orderBy('m.name')
    .execute();
  return {
    byOrg: byOrg.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      due: Number(r.due ?? 0),
      overdue: Number(r.overdue ?? 0),
    })),
    byMember: byMember.map((r) => ({
      memberId: r.memberId,
      memberName: r.memberName,
      orgName: r.orgName,
      due: Number(r.due ?? 0),
      overdue: Number(r.overdue ?? 0),
    })),
  };
}

export async function upsertHelpSettings(
  db: Executor,
  row: {
    jurisdictionId: string;
    visitAfterHelpDays: number;
    visitAfterExitDays: number;
    updatedBy: string;
    updatedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('helpSetting')
    .values(row)
    .onConflict((oc) =>
      oc.column('jurisdictionId').doUpdateSet({
        visitAfterHelpDays: row.visitAfterHelpDays,
        visitAfterExitDays: row.visitAfterExitDays,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}
