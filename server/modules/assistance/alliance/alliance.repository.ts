import type { Insertable, Kysely, Updateable } from 'kysely';
import { containsText } from '../../../db/dialect';
import type { Database } from '../../../db/schema';
import type { AllianceMemberTable, CampaignTable } from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage, type Page } from '../../../platform/pagination';
import type { RoutingOrg } from './alliance.policy';
import type { CampaignRecord, MemberRecord, TargetRecord } from './alliance.table';

type Executor = Kysely<Database>;

// ---- members ----

function memberQuery(db: Executor) {
  return db
    .selectFrom('allianceMember as m')
    .innerJoin('organisation as o', 'o.id', 'm.orgId')
    .leftJoin('appUser as u', 'u.id', 'm.userId')
    .select([
      'm.id',
      'm.orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'o.jurisdictionId as orgJurisdictionId',
      'm.name',
      'm.title',
      'm.phoneEnc',
      'u.username',
      'm.status',
      'm.joinedOn',
      'm.version',
    ]);
}

/** The member's organisation decides who sees it: an organisation moved to another federation takes its members along. */
const memberScope = {
  orgId: 'm.orgId',
  orgPath: 'o.path',
  jurisdictionId: 'o.jurisdictionId',
} as const;

export function findMember(db: Executor, id: string): Promise<MemberRecord | undefined> {
  return memberQuery(db).where('m.id', '=', id).executeTakeFirst();
}

export function listMembers(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  filter: { orgId?: string; q?: string; page: number; pageSize: number },
): Promise<Page<MemberRecord>> {
  let q = memberQuery(db).where((eb) => scopeWhere(eb, actor, relations, memberScope));
  if (filter.orgId) q = q.where('m.orgId', '=', filter.orgId);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) => containsText(eb.ref('m.name'), text));
  }
  return fetchPage(
    q,
    filter,
    (qq) => qq.orderBy('o.sortOrder').orderBy('o.name').orderBy('m.name').orderBy('m.id'),
    (row) => row,
  );
}

export async function insertMember(db: Executor, row: Insertable<AllianceMemberTable>): Promise<void> {
  await db.insertInto('allianceMember').values(row).execute();
}

/** Optimistic update: changes nothing and returns false when someone else saved first. */
export async function updateMember(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<AllianceMemberTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('allianceMember')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active members per organisation, for the organisations the actor may see. */
export async function countMembersByOrg(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
): Promise<{ orgId: string; orgName: string; kind: string; members: number }[]> {
  const rows = await db
    .selectFrom('allianceMember as m')
    .innerJoin('organisation as o', 'o.id', 'm.orgId')
    .where((eb) => scopeWhere(eb, actor, relations, memberScope))
    .where('m.status', '=', 'active')
    .select((eb) => [
      'o.id as orgId',
      'o.name as orgName',
      'o.kind',
      'o.depth',
      'o.sortOrder',
      eb.fn.countAll<number>().as('members'),
    ])
    .groupBy(['o.id', 'o.name', 'o.kind', 'o.depth', 'o.sortOrder'])
    .orderBy('o.depth')
    .orderBy('o.sortOrder')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, kind: r.kind, members: Number(r.members) }));
}

// ---- responsibility table ----

export async function listRules(db: Executor, jurisdictionId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('responsibilityRule')
    .select(['situation', 'partnerKind'])
    .where('jurisdictionId', '=', jurisdictionId)
    .execute();
  return new Map(rows.map((r) => [r.situation, r.partnerKind]));
}

export async function replaceRules(
  db: Executor,
  jurisdictionId: string,
  items: { situation: string; partnerKind: string }[],
  by: { userId: string; at: string },
): Promise<void> {
  await db.deleteFrom('responsibilityRule').where('jurisdictionId', '=', jurisdictionId).execute();
  await db
    .insertInto('responsibilityRule')
    .values(
      items.map((i) => ({
        jurisdictionId,
        situation: i.situation,
        partnerKind: i.partnerKind,
        updatedAt: by.at,
        updatedBy: by.userId,
      })),
    )
    .execute();
}

// ---- routing: read inside the caller's transaction, hence straight from the organisation table ----

const routingColumns = ['id', 'name', 'kind', 'status', 'jurisdictionId'] as const;

export function findRoutingOrg(db: Executor, id: string): Promise<RoutingOrg | undefined> {
  return db.selectFrom('organisation').select(routingColumns).where('id', '=', id).executeTakeFirst();
}

export function firstActiveOrgOfKind(
  db: Executor,
  jurisdictionId: string,
  kind: string,
): Promise<RoutingOrg | undefined> {
  return db
    .selectFrom('organisation')
    .select(routingColumns)
    .where('jurisdictionId', '=', jurisdictionId)
    .where('kind', '=', kind)
    .where('status', '=', 'active')
    .orderBy('sortOrder')
    .orderBy('name')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

// ---- campaigns ----

function campaignQuery(db: Executor) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('organisation as f', 'f.id', 'c.jurisdictionId')
    .select([
      'c.id',
      'c.jurisdictionId',
      'f.path as orgPath',
      'c.name',
      'c.startsOn',
      'c.endsOn',
      'c.areas',
      'c.version',
    ]);
}

export function findCampaign(db: Executor, id: string): Promise<CampaignRecord | undefined> {
  return campaignQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Executor, jurisdictionId: string): Promise<CampaignRecord[]> {
  return campaignQuery(db)
    .where('c.jurisdictionId', '=', jurisdictionId)
    .orderBy('c.startsOn', 'desc')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export async function listTargets(db: Executor, campaignIds: string[]): Promise<Map<string, TargetRecord[]>> {
  const out = new Map<string, TargetRecord[]>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('campaignTarget as t')
    .innerJoin('organisation as o', 'o.id', 't.orgId')
    .select(['t.campaignId', 't.orgId', 'o.name as orgName', 't.target'])
    .where('t.campaignId', 'in', campaignIds)
    .orderBy('o.sortOrder')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  for (const r of rows) out.set(r.campaignId, [...(out.get(r.campaignId) ?? []), r]);
  return out;
}

export async function insertCampaign(db: Executor, row: Insertable<CampaignTable>): Promise<void> {
  await db.insertInto('campaign').values(row).execute();
}

/** Optimistic update: false when someone else saved first. */
export async function updateCampaign(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<CampaignTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('campaign')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceTargets(
  db: Executor,
  campaignId: string,
  targets: { orgId: string; target: number }[],
): Promise<void> {
  await db.deleteFrom('campaignTarget').where('campaignId', '=', campaignId).execute();
  if (targets.length === 0) return;
  await db
    .insertInto('campaignTarget')
    .values(targets.map((t) => ({ campaignId, orgId: t.orgId, target: t.target })))
    .execute();
}

// ---- coverage: submitted screenings of a campaign, counted as distinct households ----

function campaignScreenings(db: Executor, campaignId: string) {
  return db
    .selectFrom('screening as s')
    .where('s.campaignId', '=', campaignId)
    .where('s.status', '=', 'submitted')
    .where('s.householdId', 'is not', null);
}

export async function countHouseholds(db: Executor, campaignId: string): Promise<number> {
  const r = await campaignScreenings(db, campaignId)
    .select((eb) => eb.fn.count<number>('s.householdId').distinct().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Households per screening organisation, in total and per method. */
export async function householdsByOrg(
  db: Executor,
  campaignId: string,
): Promise<{
  totals: { orgId: string; orgName: string; n: number }[];
  byMethod: { orgId: string; method: string; n: number }[];
}> {
  const totals = await campaignScreenings(db, campaignId)
    .innerJoin('organisation as o', 'o.id', 's.orgId')
    .select((eb) => ['s.orgId', 'o.name as orgName', eb.fn.count<number>('s.householdId').distinct().as('n')])
    .groupBy(['s.orgId', 'o.name'])
    .execute();
  const byMethod = await campaignScreenings(db, campaignId)
    .select((eb) => ['s.orgId', 's.method', eb.fn.count<number>('s.householdId').distinct().as('n')])
    .groupBy(['s.orgId', 's.method'])
    .execute();
  return {
    totals: totals.map((r) => ({ orgId: r.orgId, orgName: r.orgName, n: Number(r.n) })),
    byMethod: byMethod.map((r) => ({ orgId: r.orgId, method: r.method, n: Number(r.n) })),
  };
}

/**
 * Distinct (household, division, date) triples: areas and ISO weeks are grouped in TypeScript,
 * because a household screened twice in one week or one area must still count once there, and
 * week arithmetic differs between the engines.
 */
export function householdPlacesAndDates(
  db: Executor,
  campaignId: string,
): Promise<{ householdId: string | null; divisionCode: string | null; screenedOn: string }[]> {
  return campaignScreenings(db, campaignId)
    .select(['s.householdId', 's.divisionCode', 's.screenedOn'])
    .distinct()
    .execute();
}
