import { sql, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * Issue 9 item 3: searches by ID number or phone are counted per user and hour in the database
 * (one row per user and window, a single-statement upsert), so the limit holds across processes;
 * and stored phone masks keep the last 4 digits only (`*******5678`, was `138****5678`).
 */
export const identifierSearch: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('identifier_search_count')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('searches', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('identifier_search_count_pk', ['user_id', 'window_start'])
      .execute();
    // `substr(x, 8)` and `||` mean the same on both engines.
    await sql`update household set phone_tail = '*******' || substr(phone_tail, 8)
              where length(phone_tail) = 11`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('identifier_search_count').execute();
  },
});
