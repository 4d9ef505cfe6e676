import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

type Executor = Kysely<Database>;

/** The self-reports this phone sent (newest first, at most 50), wherever they went since. */
export function selfReportsByPhone(db: Executor, reporterPhoneBidx: string) {
  return db
    .selectFrom('screening')
    .select(['id', 'headName', 'screenedOn', 'status'])
    .where('reporterPhoneBidx', '=', reporterPhoneBidx)
    .where('method', '=', 'self_report')
    .orderBy('createdAt', 'desc')
    .limit(50)
    .execute();
}

/** A self-report sent earlier under this client reference from this phone (a retry's first). */
export function selfReportByClientRef(
  db: Executor,
  orgId: string,
  clientRef: string,
  reporterPhoneBidx: string,
) {
  return db
    .selectFrom('screening')
    .select(['id'])
    .where('orgId', '=', orgId)
    .where('clientRef', '=', clientRef)
    .where('reporterPhoneBidx', '=', reporterPhoneBidx)
    .where('method', '=', 'self_report')
    .executeTakeFirst();
}

/** Whether any screening of the organisation holds this client reference. */
export async function clientRefTaken(db: Executor, orgId: string, clientRef: string): Promise<boolean> {
  const row = await db
    .selectFrom('screening')
    .select(['id'])
    .where('orgId', '=', orgId)
    .where('clientRef', '=', clientRef)
    .executeTakeFirst();
  return row !== undefined;
}
