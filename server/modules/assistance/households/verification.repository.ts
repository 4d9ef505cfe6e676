import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { VerificationTable } from '../archives/tables';

type Executor = Kysely<Database>;

/** A household's verifications, oldest first. */
export function listVerifications(db: Executor, householdId: string) {
  return db
    .selectFrom('verification')
    .selectAll()
    .where('householdId', '=', householdId)
    .orderBy('createdAt')
    .execute();
}

export async function insertVerification(db: Executor, row: Insertable<VerificationTable>): Promise<void> {
  await db.insertInto('verification').values(row).execute();
}

/** A member's encrypted ID number, if the member belongs to the household. */
export function memberIdEnc(db: Executor, householdId: string, memberId: string) {
  return db
    .selectFrom('householdMember')
    .select('idEnc')
    .where('id', '=', memberId)
    .where('householdId', '=', householdId)
    .executeTakeFirst();
}
