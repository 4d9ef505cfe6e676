import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

type Executor = Kysely<Database>;

// ---- the merge queue ----

function candidateRows(db: Executor) {
  return db.selectFrom('mergeCandidate').selectAll();
}
export type MergeCandidateRow = Awaited<
  ReturnType<ReturnType<typeof candidateRows>['executeTakeFirstOrThrow']>
>;

/** A federation's pairs in one state, newest first (at most 200). */
export function listCandidates(
  db: Executor,
  jurisdictionId: string,
  status: string,
): Promise<MergeCandidateRow[]> {
  return candidateRows(db)
    .where('jurisdictionId', '=', jurisdictionId)
    .where('status', '=', status)
    .orderBy('createdAt', 'desc')
    .limit(200)
    .execute();
}

export function findCandidate(db: Executor, id: string): Promise<MergeCandidateRow | undefined> {
  return candidateRows(db).where('id', '=', id).executeTakeFirst();
}

/** The tree path of the federation a pair belongs to. */
export function jurisdictionPath(db: Executor, jurisdictionId: string) {
  return db.selectFrom('organisation').select('path').where('id', '=', jurisdictionId).executeTakeFirst();
}

/** Decides a pending pair (conditional: false when it was decided meanwhile). */
export async function decideCandidate(
  db: Executor,
  id: string,
  status: 'merged' | 'kept_apart',
  by: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('mergeCandidate')
    .set({ status, decidedBy: by, decidedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the household is still in a pending pair. */
export async function hasPendingCandidate(db: Executor, householdId: string): Promise<boolean> {
  const open = await db
    .selectFrom('mergeCandidate')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('householdA', '=', householdId), eb('householdB', '=', householdId)]))
    .executeTakeFirst();
  return open !== undefined;
}

/** How many pending pairs the household is in. */
export async function countPendingCandidates(db: Executor, householdId: string): Promise<number> {
  const rows = await db
    .selectFrom('mergeCandidate')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('householdA', '=', householdId), eb('householdB', '=', householdId)]))
    .execute();
  return rows.length;
}

/** Every other pending pair of the two households is settled by their merge. */
export async function settlePairsOf(
  db: Executor,
  keepId: string,
  dropId: string,
  by: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('mergeCandidate')
    .set({ status: 'merged', decidedBy: by, decidedAt: at })
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('householdA', '=', dropId), eb('householdB', '=', dropId)]))
    .where((eb) => eb.or([eb('householdA', '=', keepId), eb('householdB', '=', keepId)]))
    .execute();
}

/** The household's archive id, if it has one. */
export async function archiveIdOf(db: Executor, householdId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('archive')
    .select('id')
    .where('householdId', '=', householdId)
    .executeTakeFirst();
  return row?.id;
}

// ---- moving the household side ----

/** Screenings, needs, verifications and the timeline of the dropped household move to the kept one. */
export async function moveHouseholdRows(db: Executor, keepId: string, dropId: string): Promise<void> {
  await db.updateTable('screening').set({ householdId: keepId }).where('householdId', '=', dropId).execute();
  await db.updateTable('need').set({ householdId: keepId }).where('householdId', '=', dropId).execute();
  await db
    .updateTable('verification')
    .set({ householdId: keepId })
    .where('householdId', '=', dropId)
    .execute();
  await db
    .updateTable('householdEvent')
    .set({ householdId: keepId })
    .where('householdId', '=', dropId)
    .execute();
}

/** The organisations a household is linked to. */
export function orgLinks(db: Executor, householdId: string) {
  return db.selectFrom('householdOrg').selectAll().where('householdId', '=', householdId).execute();
}

/** The dropped household's organisation links and search tokens go (the kept one has its own). */
export async function dropLinksAndTokens(db: Executor, householdId: string): Promise<void> {
  await db.deleteFrom('householdOrg').where('householdId', '=', householdId).execute();
  await db.deleteFrom('householdToken').where('householdId', '=', householdId).execute();
}

// ---- moving the help side ----

/**
 * The help-side rows that hang on a household, moved when two records of one household are
 * merged: the ledger and its evidence, consents and their signed forms, plan measures, template
 * applications, referrals and return visits. The open-row unique indexes (one open referral per
 * household and resource, one due visit per household) are resolved first by the caller.
 */

/** Open referrals of the dropped household to a resource the kept one has an open referral to too. */
export function clashingOpenReferrals(db: Executor, keepId: string, dropId: string) {
  return db
    .selectFrom('referral as d')
    .innerJoin('referral as k', (j) =>
      j
        .onRef('k.resourceId', '=', 'd.resourceId')
        .on('k.householdId', '=', keepId)
        .on('k.state', 'in', ['sent', 'accepted']),
    )
    .innerJoin('resource as res', 'res.id', 'd.resourceId')
    .select([
      'd.id',
      'd.version',
      'd.state',
      'd.quantity',
      'd.resourceId',
      'res.title as resourceTitle',
      'k.id as keptReferralId',
    ])
    .where('d.householdId', '=', dropId)
    .where('d.state', 'in', ['sent', 'accepted'])
    .execute();
}

/** The due return visit of a household, if any (at most one: unique index). */
export function dueVisit(db: Executor, householdId: string) {
  return db
    .selectFrom('returnVisit')
    .select(['id', 'dueOn', 'version'])
    .where('householdId', '=', householdId)
    .where('state', '=', 'due')
    .executeTakeFirst();
}

/** Cancels a due visit (version-checked); false when someone changed it meanwhile. */
export async function cancelDueVisit(
  db: Executor,
  id: string,
  version: number,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('returnVisit')
    .set((eb) => ({ state: 'cancelled', updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'due')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Template applications of the dropped household that the kept one does not have yet. */
export async function moveTemplateApplications(db: Executor, keepId: string, dropId: string): Promise<void> {
  const kept = db.selectFrom('templateApplication').select('templateId').where('householdId', '=', keepId);
  await db
    .updateTable('templateApplication')
    .set({ householdId: keepId })
    .where('householdId', '=', dropId)
    .where('templateId', 'not in', kept)
    .execute();
  await db.deleteFrom('templateApplication').where('householdId', '=', dropId).execute();
}

/** Moves every row of the plain tables (no unique index on the household) to the kept household. */
export async function moveHelpRows(
  db: Executor,
  keepId: string,
  dropId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const tables = [
    'helpRecord',
    'evidence',
    'consent',
    'consentEvidence',
    'planMeasure',
    'referral',
    'returnVisit',
  ] as const;
  for (const t of tables) {
    const r = await db
      .updateTable(t)
      .set({ householdId: keepId })
      .where('householdId', '=', dropId)
      .executeTakeFirst();
    moved[t] = Number(r.numUpdatedRows);
  }
  return moved;
}
