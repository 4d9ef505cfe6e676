import type { Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * A worker's own request (no account) never changes a household: it is a new, unverified
 * household whose screening and needs wait for a person. The screening remembers the reporting
 * phone (blind index) so that phone finds its own requests and nothing else; a need remembers
 * where it came from and when a person accepted it.
 */
export const selfReportUnverified: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('screening').addColumn('reporter_phone_bidx', 'text').execute();
    await db.schema
      .createIndex('screening_reporter_phone_idx')
      .on('screening')
      .column('reporter_phone_bidx')
      .execute();
    await db.schema
      .alterTable('need')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('screening'))
      .execute();
    await db.schema.alterTable('need').addColumn('accepted_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('need').dropColumn('accepted_at').execute();
    await db.schema.alterTable('need').dropColumn('source').execute();
    await db.schema.dropIndex('screening_reporter_phone_idx').execute();
    await db.schema.alterTable('screening').dropColumn('reporter_phone_bidx').execute();
  },
});
