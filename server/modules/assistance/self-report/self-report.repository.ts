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
