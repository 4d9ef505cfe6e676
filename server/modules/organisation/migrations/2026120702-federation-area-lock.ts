import type { Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * Federations' areas (division codes) must not overlap unless one federation sits above the
 * other. Prefix overlap is not something a unique index can express, so every write that can
 * change which area an active federation claims (create, area edit, move, reactivation) first
 * updates this one row: the row lock (PostgreSQL) or the write lock (SQLite) serialises those
 * writers, and each checks the rule inside its transaction after the lock, on committed data.
 */
export const federationAreaLock: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('org_area_lock')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db
      .insertInto('org_area_lock' as never)
      .values({ id: 1, version: 0 } as never)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('org_area_lock').execute();
  },
});
