import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ConsentEvidenceTable, ConsentTable, ReferralTable } from './tables';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage } from '../../../platform/pagination';

type Executor = Kysely<Database>;

// ---- consent ----

export async function insertConsent(db: Executor, row: Insertable<ConsentTable>): Promise<void> {
  await db.insertInto('consent').values(row).execute();
}

function consentRows(db: Executor) {
  return db
    .selectFrom('consent as c')
    .innerJoin('organisation as o', 'o.id', 'c.orgId')
    .leftJoin('householdMember as m', 'm.id', 'c.memberId')
    .leftJoin('appUser as u', 'u.id', 'c.recordedBy')
    .leftJoin('appUser as cu', 'cu.id', 'c.confirmedBy')
    .leftJoin('consentEvidence as ce', 'ce.consentId', 'c.id')
    .selectAll('c')
    .select([
      'o.name as orgName',
      'm.name as memberName',
      'u.displayName as recordedByName',
      'cu.displayName as confirmedByName',
      'ce.fileName as evidenceFileName',
      'ce.mime as evidenceMime',
      'ce.sizeBytes as evidenceSizeBytes',
      'ce.createdAt as evidenceCreatedAt',
    ]);
}
export type ConsentRow = Awaited<ReturnType<ReturnType<typeof consentRows>['executeTakeFirstOrThrow']>>;

export function findConsent(db: Executor, id: string): Promise<ConsentRow | undefined> {
  return consentRows(db).where('c.id', '=', id).executeTakeFirst();
}

export function listConsents(db: Executor, householdId: string): Promise<ConsentRow[]> {
  return consentRows(db)
    .where('c.householdId', '=', householdId)
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** The consents a referral to `orgId` could rest on (revoked ones included: the rule decides). */
export function consentsForOrg(db: Executor, householdId: string, orgId: string) {
  return db
    .selectFrom('consent')
    .select(['id', 'orgId', 'memberId', 'givenBy', 'revokedAt', 'confirmedAt'])
    .where('householdId', '=', householdId)
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes an active consent; false when it was already revoked. */
export async function revokeConsent(
  db: Executor,
  id: string,
  by: string,
  reason: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('consent')
    .set({ revokedAt: at, revokedBy: by, revokeReason: reason })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Confirms a consent still waiting (one conditional update: a second confirmation, or one of a
 * revoked consent, changes nothing); false when it was not waiting.
 */
export async function confirmConsent(
  db: Executor,
  id: string,
  by: string,
  how: 'staff_confirmed' | 'evidence',
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('consent')
    .set({ confirmedAt: at, confirmedBy: by, confirmedHow: how })
    .where('id', '=', id)
    .where('confirmedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The signed form; the unique index on consent_id refuses a second one. */
export async function insertConsentEvidence(
  db: Executor,
  row: Insertable<ConsentEvidenceTable>,
): Promise<void> {
  await db.insertInto('consentEvidence').values(row).execute();
}

export function findConsentEvidence(db: Executor, consentId: string) {
  return db.selectFrom('consentEvidence').selectAll().where('consentId', '=', consentId).executeTakeFirst();
}

/** The household's open referrals (sent or accepted) to one caring unit. */
export function openReferralsTo(db: Executor, householdId: string, orgId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('resource as res', 'res.id', 'r.resourceId')
    .select([
      'r.id',
      'r.version',
      'r.state',
      'r.memberId',
      'r.quantity',
      'r.resourceId',
      'res.title as resourceTitle',
    ])
    .where('r.householdId', '=', householdId)
    .where('r.orgId', '=', orgId)
    .where('r.state', 'in', OPEN_REFERRAL_STATES)
    .orderBy('r.id')
    .execute();
}

export const OPEN_REFERRAL_STATES = ['sent', 'accepted'];

export function findMember(db: Executor, householdId: string, memberId: string) {
  return db
    .selectFrom('householdMember')
    .select(['id', 'name', 'age', 'relation'])
    .where('householdId', '=', householdId)
    .where('id', '=', memberId)
    .executeTakeFirst();
}

// ---- referrals ----

/** Inserts a referral; the partial unique index refuses a second open one for the household and resource. */
export async function insertReferral(db: Executor, row: Insertable<ReferralTable>): Promise<void> {
  await db.insertInto('referral').values(row).execute();
}

/** One version-checked state change: `WHERE id = ? AND version = ? AND state = ?`. */
export async function moveReferral(
  db: Executor,
  id: string,
  version: number,
  fromState: string,
  changes: Updateable<ReferralTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('referral')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', fromState)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function referralRows(db: Executor) {
  return db
    .selectFrom('referral as r')
    .innerJoin('household as h', 'h.id', 'r.householdId')
    .innerJoin('resource as res', 'res.id', 'r.resourceId')
    .innerJoin('organisation as o', 'o.id', 'r.orgId')
    .innerJoin('organisation as ro', 'ro.id', 'r.referredOrgId')
    .leftJoin('householdMember as m', 'm.id', 'r.memberId')
    .leftJoin('consent as c', 'c.id', 'r.consentId')
    .leftJoin('appUser as u', 'u.id', 'r.referredBy')
    .selectAll('r')
    .select([
      'h.headName',
      'h.phoneTail',
      'h.divisionCode',
      'res.title as resourceTitle',
      'res.kind as resourceKind',
      'res.unit',
      'res.unitValueFen',
      'o.name as orgName',
      'o.path as orgPath',
      'ro.name as referredOrgName',
      'm.name as memberName',
      'c.givenOn as consentGivenOn',
      'c.givenBy as consentGivenBy',
      'u.displayName as referredByName',
    ]);
}
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralRows>['executeTakeFirstOrThrow']>>;

export function findReferral(db: Executor, id: string): Promise<ReferralRow | undefined> {
  return referralRows(db).where('r.id', '=', id).executeTakeFirst();
}

export function listHouseholdReferrals(db: Executor, householdId: string): Promise<ReferralRow[]> {
  return referralRows(db)
    .where('r.householdId', '=', householdId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export interface ReferralFilter {
  state?: string;
  resourceId?: string;
  orgId?: string;
  /** The caring unit's retention: closed referrals last changed before this instant are left out. */
  closedSince?: string;
  page: number;
  pageSize: number;
}

/** Referrals the actor may read: to its own caring unit ('org') or in its jurisdiction. */
export function listReferrals(db: Executor, actor: Actor, relations: Set<Relation>, f: ReferralFilter) {
  let q = referralRows(db).where((eb) =>
    scopeWhere(eb, actor, relations, {
      orgId: 'r.orgId',
      orgPath: 'o.path',
      jurisdictionId: 'r.jurisdictionId',
    }),
  );
  if (f.state) q = q.where('r.state', '=', f.state);
  if (f.resourceId) q = q.where('r.resourceId', '=', f.resourceId);
  if (f.orgId) q = q.where('r.orgId', '=', f.orgId);
  if (f.closedSince) {
    const since = f.closedSince;
    q = q.where((eb) => eb.or([eb('r.state', 'in', OPEN_REFERRAL_STATES), eb('r.updatedAt', '>=', since)]));
  }
  return fetchPage(
    q,
    f,
    (qq) => qq.orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc'),
    (r) => r,
  );
}
