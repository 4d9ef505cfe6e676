import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

type Executor = Kysely<Database>;

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
