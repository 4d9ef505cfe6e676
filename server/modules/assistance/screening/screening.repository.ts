import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ScreeningTable } from '../core/tables';

type Executor = Kysely<Database>;

/** The federation a campaign belongs to, if the campaign exists. */
export function campaignJurisdiction(db: Executor, campaignId: string) {
  return db.selectFrom('campaign').select('jurisdictionId').where('id', '=', campaignId).executeTakeFirst();
}

/** Submits the screener's draft as the screening (the row stays, its version moves on). */
export async function submitDraft(
  db: Executor,
  draftId: string,
  screening: Omit<Updateable<ScreeningTable>, 'version'>,
): Promise<void> {
  await db
    .updateTable('screening')
    .set((eb) => ({ ...screening, version: eb('version', '+', 1) }))
    .where('id', '=', draftId)
    .where('status', '=', 'draft')
    .execute();
}

/** The client references an organisation's import rows with this prefix already carry. */
export async function importedClientRefs(
  db: Executor,
  orgId: string,
  prefix: string,
): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('screening')
    .select('clientRef')
    .where('orgId', '=', orgId)
    .where('clientRef', 'like', `${prefix}%`)
    .execute();
  return rows.map((r) => r.clientRef);
}

/** How many of an organisation's screenings carry a client reference with this prefix. */
export async function countImported(db: Executor, orgId: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('screening')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('clientRef', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
