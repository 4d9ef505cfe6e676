import type { Kysely } from 'kysely';
import type { PortableMigration } from '../migrator';
import { dropAppendOnly, makeAppendOnly } from '../dialect';

export const foundation: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    const big = engine === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('organisation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('organisation.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('caring_kind', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('division_code', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('contact_person', 'text')
      .addColumn('address', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('organisation_path_idx').on('organisation').column('path').execute();
    await db.schema.createIndex('organisation_parent_idx').on('organisation').column('parent_id').execute();
    await db.schema
      .createIndex('organisation_jurisdiction_idx')
      .on('organisation')
      .column('jurisdiction_id')
      .execute();
    // Sibling names are unique, so the tree never shows two identical entries under one parent.
    await db.schema
      .createIndex('organisation_sibling_name_uq')
      .on('organisation')
      .columns(['parent_id', 'name'])
      .unique()
      .execute();

    await db.schema
      .createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('app_user_org_idx').on('app_user').column('org_id').execute();

    await db.schema
      .createTable('user_role')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
      .execute();

    await db.schema
      .createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('idle_expires_at', 'text', (c) => c.notNull())
      .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('end_reason', 'text')
      .execute();
    await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', big, (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('actor_org_id', 'text')
      .addColumn('jurisdiction_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();
    await db.schema
      .createIndex('audit_log_subject_idx')
      .on('audit_log')
      .columns(['subject_type', 'subject_id'])
      .execute();
    await makeAppendOnly(db, engine, 'audit_log');

    // One row that every append updates: the row lock serialises appenders so the chain never forks.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', big, (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('audit_head' as never)
      .values({ id: 1, seq: 0, hash: 'genesis' } as never)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await dropAppendOnly(db, engine, 'audit_log');
    for (const t of ['audit_head', 'audit_log', 'session', 'user_role', 'app_user', 'organisation']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
