import type { Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * Sign-in throttling per account and address (issue 9, items 4 and 15). `login_throttle` counts
 * failed sign-ins per (username, client address) — for usernames that exist and those that do
 * not alike — and, with address `*`, account-wide for usernames that do not exist (an existing
 * account counts account-wide in `app_user.failed_logins`). `last_failure_at` lets a streak be
 * forgotten after a quiet day and old rows be pruned.
 */
export const loginThrottle: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_failure_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'address'])
      .execute();
    await db.schema
      .createIndex('login_throttle_last_failure_idx')
      .on('login_throttle')
      .column('last_failure_at')
      .execute();
    await db.schema.alterTable('app_user').addColumn('last_failed_login_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('app_user').dropColumn('last_failed_login_at').execute();
    await db.schema.dropIndex('login_throttle_last_failure_idx').execute();
    await db.schema.dropTable('login_throttle').execute();
  },
});
