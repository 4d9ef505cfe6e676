import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../migrator';

/**
 * The 'assigned' relation of the policy table: a user assigned to one record (a judge to an
 * event, a reviewer to an entry, a representative to a session). A revoked assignment stays as
 * history; at most one is active per user and record (partial unique index).
 */
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export const assignment: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assignment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
      /** What kind of record, named by the module that owns it ('event', 'entry', …). */
      .addColumn('subject_type', 'text', req)
      .addColumn('subject_id', 'text', req)
      .addColumn('assigned_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('assigned_at', 'text', req)
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createIndex('assignment_active_uq')
      .on('assignment')
      .columns(['user_id', 'subject_type', 'subject_id'])
      .unique()
      .where(sql.ref('revoked_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('assignment_subject_idx')
      .on('assignment')
      .columns(['subject_type', 'subject_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('assignment_subject_idx').execute();
    await db.schema.dropIndex('assignment_active_uq').execute();
    await db.schema.dropTable('assignment').execute();
  },
});
