import { sql, type AliasedSelectQueryBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema';
import { isoWeekOf } from '../../../db/dialect';

/**
 * The federation's dashboard (工作看板): every figure is one aggregate SQL statement over
 * indexed columns (GROUP BY in the engine, never rows into JS), so it answers the same at
 * 1 000 000 households. Each function takes (db, filters) so the bench can time exactly the
 * statement the API runs (DASHBOARD_QUERIES). The drill-down lists use the same predicates, so
 * a list's total is the number it came from.
 */
type Executor = Kysely<Database>;

export interface DashboardFilters {
  jurisdictionId: string;
  /** China date; visits due before it are overdue. */
  today: string;
  /** Period (China dates, inclusive) on each section's own date. */
  from?: string;
  to?: string;
  /** GB/T 2260 prefix of the household's division. */
  divisionCode?: string;
  /** Households linked to this organisation (screened or routed). */
  orgId?: string;
  /** Screenings of this campaign (the screening section), households screened in it (the rest). */
  campaignId?: string;
  /** Caring-unit scope: only this unit's resources and the referrals it delivered. */
  caringOrgId?: string;
}

/** The UTC instant a China date begins (timestamps are stored as UTC ISO text). */
export function chinaDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const TRUE = sql<SqlBool>`1 = 1`;
const and = (parts: Expression<SqlBool>[]): Expression<SqlBool> =>
  parts.length === 0 ? TRUE : parts.length === 1 ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;

/** A date-only column in the period. */
function inPeriod(col: string, f: DashboardFilters): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.from) out.push(sql<SqlBool>`${sql.ref(col)} >= ${f.from}`);
  if (f.to) out.push(sql<SqlBool>`${sql.ref(col)} <= ${f.to}`);
  return out;
}

/** A UTC timestamp column in the period of China dates. */
function inPeriodAt(col: string, f: DashboardFilters): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.from) out.push(sql<SqlBool>`${sql.ref(col)} >= ${chinaDayStart(f.from)}`);
  if (f.to) out.push(sql<SqlBool>`${sql.ref(col)} < ${chinaDayStart(nextDay(f.to))}`);
  return out;
}

/**
 * A GB/T 2260 prefix as a range: codes are digits, at most nine, so `p ≤ code ≤ p99…9` holds
 * exactly the codes that start with p, under any collation, and reads an index range.
 */
function areaRange(col: string, prefix: string): Expression<SqlBool> {
  const upper = prefix + '9'.repeat(Math.max(0, 9 - prefix.length));
  return sql<SqlBool>`${sql.ref(col)} between ${prefix} and ${upper}`;
}

/**
 * The household filters (area, partner, campaign) on a household-id column: semi-joins on the
 * household, household_org and screening indexes, evaluated once per statement. When the
 * household row is already joined, `division` names its division column instead.
 */
function householdIn(
  db: Executor,
  col: string,
  f: DashboardFilters,
  opts: { campaign?: boolean; division?: string } = {},
): Expression<SqlBool>[] {
  const ref = sql.ref(col);
  const out: Expression<SqlBool>[] = [];
  if (f.divisionCode && opts.division) {
    out.push(areaRange(opts.division, f.divisionCode));
  } else if (f.divisionCode) {
    const sub = db
      .selectFrom('household as fh')
      .select('fh.id')
      .where('fh.jurisdictionId', '=', f.jurisdictionId)
      .where(areaRange('fh.divisionCode', f.divisionCode));
    out.push(sql<SqlBool>`${ref} in (${sub})`);
  }
  if (f.orgId) {
    const sub = db.selectFrom('householdOrg as fo').select('fo.householdId').where('fo.orgId', '=', f.orgId);
    out.push(sql<SqlBool>`${ref} in (${sub})`);
  }
  if (f.campaignId && opts.campaign !== false) {
    const sub = db
      .selectFrom('screening as fs')
      .select('fs.householdId')
      .where('fs.campaignId', '=', f.campaignId)
      .where('fs.status', '=', 'submitted');
    out.push(sql<SqlBool>`${ref} in (${sub})`);
  }
  return out;
}

// ---- the slices: FROM + WHERE shared by a figure and its drill-down ----

function screenings(db: Executor, f: DashboardFilters) {
  return db
    .selectFrom('screening as s')
    .where('s.jurisdictionId', '=', f.jurisdictionId)
    .where('s.status', '=', 'submitted')
    .where('s.householdId', 'is not', null)
    .where(
      and([
        ...inPeriod('s.screenedOn', f),
        ...(f.campaignId ? [sql<SqlBool>`${sql.ref('s.campaignId')} = ${f.campaignId}`] : []),
        ...householdIn(db, 's.householdId', f, { campaign: false }),
      ]),
    );
}

/** Households first screened in the period (the funnel's cohort), left-joined to their progress. */
function funnelBase(db: Executor, f: DashboardFilters) {
  const confirmed = db
    .selectFrom('verification')
    .select('householdId')
    .where('result', '=', 'confirmed')
    .groupBy('householdId')
    .as('vc');
  return (
    db
      .selectFrom('household as h')
      .leftJoin(confirmed, 'vc.householdId', 'h.id')
      .leftJoin('archive as a', 'a.householdId', 'h.id')
      .where('h.jurisdictionId', '=', f.jurisdictionId)
      // A worker's own request counts once a person accepted it (it is then screened or further).
      .where('h.state', 'not in', ['merged', 'unverified'])
      .where(
        and([
          ...inPeriod('h.firstScreenedOn', f),
          ...householdIn(db, 'h.id', f, { division: 'h.divisionCode' }),
        ]),
      )
  );
}

export const FUNNEL_STAGES = ['screened', 'verified', 'archived', 'reported', 'approved'] as const;
/** The funnel's stages plus the way back: archives the region returned (reported → returned). */
export const FUNNEL_DRILL_KEYS = [...FUNNEL_STAGES, 'returned'] as const;
export type FunnelStageKey = (typeof FUNNEL_DRILL_KEYS)[number];

/** Each stage as a predicate over the funnel's base (h, vc, a). Reported: at some time; approved: reviewed and not returned. */
function stage(s: FunnelStageKey): Expression<SqlBool> {
  switch (s) {
    case 'screened':
      return TRUE;
    case 'verified':
      return sql<SqlBool>`${sql.ref('vc.householdId')} is not null`;
    case 'archived':
      return sql<SqlBool>`${sql.ref('a.id')} is not null`;
    case 'reported':
      return sql<SqlBool>`${sql.ref('a.reportedAt')} is not null`;
    case 'approved':
      return sql<SqlBool>`(${sql.ref('a.reviewedAt')} is not null and ${sql.ref('a.returnReason')} is null and ${sql.ref('a.state')} <> 'reported')`;
    case 'returned':
      // Returned by the region and not yet reported again (a new report clears the return).
      return sql<SqlBool>`${sql.ref('a.state')} = 'returned'`;
  }
}

function liveArchives(db: Executor, f: DashboardFilters) {
  return db
    .selectFrom('archive as a')
    .where('a.jurisdictionId', '=', f.jurisdictionId)
    .where('a.state', '!=', 'exited')
    .where(and([...inPeriodAt('a.createdAt', f), ...householdIn(db, 'a.householdId', f)]));
}

function urgentNeeds(db: Executor, f: DashboardFilters) {
  return (
    db
      .selectFrom('need as n')
      .innerJoin('household as h', 'h.id', 'n.householdId')
      .where('n.urgency', '=', 'urgent')
      // A self-reported need counts once a person accepted it.
      .where((eb) => eb.or([eb('n.source', '!=', 'self_report'), eb('n.acceptedAt', 'is not', null)]))
      .where('h.jurisdictionId', '=', f.jurisdictionId)
      .where(
        and([
          ...inPeriodAt('n.createdAt', f),
          ...householdIn(db, 'n.householdId', f, { division: 'h.divisionCode' }),
        ]),
      )
  );
}

/** Ledger rows in scope; a caring unit sees only the referrals it delivered. */
function ledger(db: Executor, f: DashboardFilters) {
  let q = db
    .selectFrom('helpRecord as hr')
    .where('hr.jurisdictionId', '=', f.jurisdictionId)
    .where(and([...inPeriod('hr.givenOn', f), ...householdIn(db, 'hr.householdId', f)]));
  if (f.caringOrgId) {
    const own = db.selectFrom('referral as cr').select('cr.id').where('cr.orgId', '=', f.caringOrgId);
    q = q.where('hr.route', '=', 'referral').where(sql<SqlBool>`${sql.ref('hr.sourceId')} in (${own})`);
  }
  return q;
}

/** Referral deliveries in the ledger with the resource they drew on. */
function resourceDeliveries(db: Executor, f: DashboardFilters) {
  let q = db
    .selectFrom('helpRecord as hr')
    .innerJoin('referral as rf', 'rf.id', 'hr.sourceId')
    .where('hr.jurisdictionId', '=', f.jurisdictionId)
    .where('hr.route', '=', 'referral')
    .where(and([...inPeriod('hr.givenOn', f), ...householdIn(db, 'hr.householdId', f)]));
  if (f.caringOrgId) q = q.where('rf.orgId', '=', f.caringOrgId);
  return q;
}

function visits(db: Executor, f: DashboardFilters) {
  return db
    .selectFrom('returnVisit as v')
    .where('v.jurisdictionId', '=', f.jurisdictionId)
    .where('v.state', 'in', ['due', 'done'])
    .where(and([...inPeriod('v.dueOn', f), ...householdIn(db, 'v.householdId', f)]));
}

export const VISIT_BUCKETS = ['due', 'overdue', 'done'] as const;
export type VisitBucket = (typeof VISIT_BUCKETS)[number];

/** Open and not yet late / open and late / done: the three never overlap. */
function visitBucket(b: VisitBucket, today: string): Expression<SqlBool> {
  if (b === 'done') return sql<SqlBool>`${sql.ref('v.state')} = 'done'`;
  return b === 'due'
    ? sql<SqlBool>`(${sql.ref('v.state')} = 'due' and ${sql.ref('v.dueOn')} >= ${today})`
    : sql<SqlBool>`(${sql.ref('v.state')} = 'due' and ${sql.ref('v.dueOn')} < ${today})`;
}

function exitedArchives(db: Executor, f: DashboardFilters) {
  return db
    .selectFrom('archive as a')
    .where('a.jurisdictionId', '=', f.jurisdictionId)
    .where('a.state', '=', 'exited')
    .where(and([...inPeriodAt('a.exitedAt', f), ...householdIn(db, 'a.householdId', f)]));
}

const n = (v: unknown) => Number(v ?? 0);

// ---- the figures ----

export async function screeningByPartnerMethod(db: Executor, f: DashboardFilters) {
  // Aggregate first (over the covering index), then name the few organisations.
  const counts = screenings(db, f)
    .select((eb) => ['s.orgId', 's.method', eb.fn.count<number>('s.householdId').distinct().as('households')])
    .groupBy(['s.orgId', 's.method'])
    .as('c');
  const rows = await db
    .selectFrom(counts)
    .innerJoin('organisation as o', 'o.id', 'c.orgId')
    .select(['c.orgId', 'o.name as orgName', 'c.method', 'c.households'])
    .orderBy('o.name')
    .orderBy('c.method')
    .execute();
  return rows.map((r) => ({
    orgId: r.orgId,
    orgName: r.orgName,
    method: r.method,
    households: n(r.households),
  }));
}

export async function screeningByWeek(db: Executor, f: DashboardFilters) {
  const week = isoWeekOf(db, sql.ref('s.screenedOn'));
  const rows = await screenings(db, f)
    .select((eb) => [
      week.as('week'),
      's.method',
      eb.fn.count<number>('s.householdId').distinct().as('households'),
    ])
    .groupBy([week, 's.method'])
    .orderBy(week)
    .orderBy('s.method')
    .execute();
  return rows.map((r) => ({ week: String(r.week), method: r.method, households: n(r.households) }));
}

export async function funnel(db: Executor, f: DashboardFilters) {
  const count = (s: FunnelStageKey) => sql<number>`sum(case when ${stage(s)} then 1 else 0 end)`.as(s);
  const r = await funnelBase(db, f)
    .select([count('screened'), count('verified'), count('archived'), count('reported'), count('approved')])
    .executeTakeFirst();
  return FUNNEL_STAGES.map((s) => ({ stage: s, households: n(r?.[s]) }));
}

/** 上报 → 退回: reported at some time, and now returned by the region (the funnel's cohort). */
export async function archivesReturned(db: Executor, f: DashboardFilters) {
  const count = (s: FunnelStageKey) => sql<number>`sum(case when ${stage(s)} then 1 else 0 end)`.as(s);
  const r = await funnelBase(db, f)
    .select([count('reported'), count('returned')])
    .executeTakeFirst();
  return [{ reported: n(r?.reported), returned: n(r?.returned) }];
}

export async function archivesByCategory(db: Executor, f: DashboardFilters) {
  const rows = await liveArchives(db, f)
    .select((eb) => ['a.category', eb.fn.countAll<number>().as('households')])
    .groupBy('a.category')
    .orderBy('a.category')
    .execute();
  return rows.map((r) => ({ category: r.category, households: n(r.households) }));
}

export async function urgentNeedCounts(db: Executor, f: DashboardFilters) {
  const rows = await urgentNeeds(db, f)
    .select((eb) => ['n.status', eb.fn.countAll<number>().as('needs')])
    .groupBy('n.status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, n(r.needs)]));
  return [{ open: by.get('open') ?? 0, solved: by.get('solved') ?? 0 }];
}

export async function resources(db: Executor, f: DashboardFilters) {
  const delivered = resourceDeliveries(db, f)
    .select((eb) => [
      'rf.resourceId',
      eb.fn.count<number>('hr.householdId').distinct().as('households'),
      eb.fn.sum<number>('hr.valueFen').as('valueFen'),
    ])
    .groupBy('rf.resourceId')
    .as('d');
  let q = db
    .selectFrom('resource as r')
    .innerJoin('organisation as o', 'o.id', 'r.orgId')
    .leftJoin(delivered, 'd.resourceId', 'r.id')
    .select([
      'r.id as resourceId',
      'r.orgId',
      'o.name as orgName',
      'r.title',
      'r.unit',
      'r.quantity',
      'r.reserved',
      'r.delivered',
      'd.households',
      'd.valueFen',
    ])
    .where('r.jurisdictionId', '=', f.jurisdictionId);
  if (f.caringOrgId) q = q.where('r.orgId', '=', f.caringOrgId);
  const rows = await q.orderBy('o.name').orderBy('r.title').orderBy('r.id').execute();
  return rows.map((r) => ({
    resourceId: r.resourceId,
    orgId: r.orgId,
    orgName: r.orgName,
    title: r.title,
    unit: r.unit,
    quantity: n(r.quantity),
    reserved: n(r.reserved),
    delivered: n(r.delivered),
    households: n(r.households),
    valueFen: n(r.valueFen),
  }));
}

export async function valueByRoute(db: Executor, f: DashboardFilters) {
  const rows = await ledger(db, f)
    .select((eb) => [
      'hr.route',
      eb.fn.sum<number>('hr.valueFen').as('valueFen'),
      eb.fn.count<number>('hr.householdId').distinct().as('households'),
      eb.fn.countAll<number>().as('records'),
    ])
    .groupBy('hr.route')
    .execute();
  return rows.map((r) => ({
    route: r.route,
    valueFen: n(r.valueFen),
    households: n(r.households),
    records: n(r.records),
  }));
}

export async function visitCounts(db: Executor, f: DashboardFilters) {
  const count = (b: VisitBucket) =>
    sql<number>`sum(case when ${visitBucket(b, f.today)} then 1 else 0 end)`.as(b);
  const r = await visits(db, f)
    .select([count('due'), count('overdue'), count('done')])
    .executeTakeFirst();
  return [{ due: n(r?.due), overdue: n(r?.overdue), done: n(r?.done) }];
}

export async function outOfDifficulty(db: Executor, f: DashboardFilters) {
  const rows = await exitedArchives(db, f)
    .select((eb) => ['a.exitKind', eb.fn.countAll<number>().as('households')])
    .groupBy('a.exitKind')
    .orderBy('a.exitKind')
    .execute();
  return rows.map((r) => ({ exitKind: r.exitKind ?? '', households: n(r.households) }));
}

/** Every dashboard statement by name: the API runs these, the bench times them directly. */
export const DASHBOARD_QUERIES = {
  screeningByPartnerMethod,
  screeningByWeek,
  funnel,
  archivesReturned,
  archivesByCategory,
  urgentNeeds: urgentNeedCounts,
  resources,
  valueByRoute,
  visits: visitCounts,
  outOfDifficulty,
} satisfies Record<string, (db: Executor, f: DashboardFilters) => Promise<unknown[]>>;

// ---- drill-down: the rows behind one figure ----

export type DrillSlice =
  | { metric: 'screened'; orgId?: string; method?: string }
  | { metric: 'funnel'; stage: FunnelStageKey }
  | { metric: 'category'; category: string }
  | { metric: 'urgent'; status: 'open' | 'solved' }
  | { metric: 'resource'; resourceId: string }
  | { metric: 'route'; route: string }
  | { metric: 'visits'; bucket: VisitBucket }
  | { metric: 'exited'; exitKind: string };

/** One drill row before the household's name is joined: a household, or one need or visit of it. */
interface DrillInner {
  rowId: string;
  householdId: string;
  detail: string;
  date: string | null;
  valueFen: number | null;
}

function drillInner(
  db: Executor,
  f: DashboardFilters,
  s: DrillSlice,
): AliasedSelectQueryBuilder<DrillInner, 'd'> {
  switch (s.metric) {
    case 'screened': {
      let q = screenings(db, f);
      if (s.orgId) q = q.where('s.orgId', '=', s.orgId);
      if (s.method) q = q.where('s.method', '=', s.method);
      return q
        .select((eb) => [
          sql<string>`${sql.ref('s.householdId')}`.as('rowId'),
          sql<string>`${sql.ref('s.householdId')}`.as('householdId'),
          eb.fn.max<string>('s.method').as('detail'),
          eb.fn.max<string>('s.screenedOn').as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .groupBy('s.householdId')
        .$castTo<DrillInner>()
        .as('d');
    }
    case 'funnel':
      return funnelBase(db, f)
        .where(stage(s.stage))
        .select([
          'h.id as rowId',
          'h.id as householdId',
          sql<string>`coalesce(${sql.ref('a.archiveNo')}, ${sql.ref('h.state')})`.as('detail'),
          sql<string | null>`${sql.ref('h.firstScreenedOn')}`.as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .$castTo<DrillInner>()
        .as('d');
    case 'category':
      return liveArchives(db, f)
        .where('a.category', '=', s.category)
        .select([
          'a.householdId as rowId',
          'a.householdId',
          'a.archiveNo as detail',
          sql<string | null>`${sql.ref('a.createdAt')}`.as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .$castTo<DrillInner>()
        .as('d');
    case 'urgent':
      return urgentNeeds(db, f)
        .where('n.status', '=', s.status)
        .select([
          'n.id as rowId',
          'n.householdId',
          sql<string>`${sql.ref('n.kind')} || ': ' || ${sql.ref('n.description')}`.as('detail'),
          sql<string | null>`${sql.ref('n.createdAt')}`.as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .$castTo<DrillInner>()
        .as('d');
    case 'resource':
      return resourceDeliveries(db, f)
        .where('rf.resourceId', '=', s.resourceId)
        .select((eb) => [
          sql<string>`${sql.ref('hr.householdId')}`.as('rowId'),
          sql<string>`${sql.ref('hr.householdId')}`.as('householdId'),
          sql<string>`cast(count(*) as varchar(20))`.as('detail'),
          eb.fn.max<string>('hr.givenOn').as('date'),
          eb.fn.sum<number>('hr.valueFen').as('valueFen'),
        ])
        .groupBy('hr.householdId')
        .$castTo<DrillInner>()
        .as('d');
    case 'route':
      return ledger(db, f)
        .where('hr.route', '=', s.route)
        .select((eb) => [
          sql<string>`${sql.ref('hr.householdId')}`.as('rowId'),
          sql<string>`${sql.ref('hr.householdId')}`.as('householdId'),
          sql<string>`cast(count(*) as varchar(20))`.as('detail'),
          eb.fn.max<string>('hr.givenOn').as('date'),
          eb.fn.sum<number>('hr.valueFen').as('valueFen'),
        ])
        .groupBy('hr.householdId')
        .$castTo<DrillInner>()
        .as('d');
    case 'visits':
      return visits(db, f)
        .where(visitBucket(s.bucket, f.today))
        .select([
          'v.id as rowId',
          'v.householdId',
          'v.reason as detail',
          sql<string | null>`${sql.ref('v.dueOn')}`.as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .$castTo<DrillInner>()
        .as('d');
    case 'exited':
      return exitedArchives(db, f)
        .where('a.exitKind', '=', s.exitKind)
        .select([
          'a.householdId as rowId',
          'a.householdId',
          'a.archiveNo as detail',
          sql<string | null>`${sql.ref('a.exitedAt')}`.as('date'),
          sql<number | null>`null`.as('valueFen'),
        ])
        .$castTo<DrillInner>()
        .as('d');
  }
}

export interface DrillRecord {
  rowId: string;
  householdId: string;
  headName: string;
  phoneTail: string | null;
  divisionCode: string;
  detail: string;
  date: string | null;
  valueFen: number | null;
}

/** A page of the rows behind one figure, and their count (the figure itself). */
export async function drill(
  db: Executor,
  f: DashboardFilters,
  slice: DrillSlice,
  paging: { page: number; pageSize: number },
): Promise<{ items: DrillRecord[]; total: number }> {
  const inner = () => drillInner(db, f, slice);
  const count = await db
    .selectFrom(inner())
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = await db
    .selectFrom(inner())
    .innerJoin('household as h', 'h.id', 'd.householdId')
    .select([
      'd.rowId',
      'd.householdId',
      'h.headName',
      'h.phoneTail',
      'h.divisionCode',
      'd.detail',
      'd.date',
      'd.valueFen',
    ])
    .orderBy('d.date', 'desc')
    .orderBy('d.rowId', 'asc')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return {
    total: n(count?.n),
    items: rows.map((r) => ({
      ...r,
      detail: String(r.detail ?? ''),
      date: r.date === null ? null : String(r.date),
      valueFen: r.valueFen === null ? null : n(r.valueFen),
    })),
  };
}
