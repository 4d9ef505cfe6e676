import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

const req = (c: ColumnDefinitionBuilder) => c.notNull();

/**
 * Membership (S7b): the roll of each unit union (会员名册) with its transfers, and the workers who
 * sign in on the phone with their verified mobile number, with their sessions.
 */
export const membership: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('member')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('name', 'text', req)
      .addColumn('id_number_enc', 'text', req)
      .addColumn('id_number_bidx', 'text', req)
      .addColumn('id_number_tail', 'text', req)
      .addColumn('phone_enc', 'text', req)
      .addColumn('phone_bidx', 'text', req)
      .addColumn('phone_tail', 'text', req)
      .addColumn('card_number', 'text')
      .addColumn('gender', 'text')
      .addColumn('joined_on', 'text', req)
      .addColumn('state', 'text', req)
      .addColumn('left_on', 'text')
      .addColumn('version', 'integer', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('created_by', 'text', req)
      .addCheckConstraint('member_state_ck', sql`state in ('active', 'left')`)
      .addCheckConstraint('member_gender_ck', sql`gender is null or gender in ('male', 'female')`)
      .addCheckConstraint(
        'member_left_ck',
        sql`(state = 'left' and left_on is not null) or (state = 'active' and left_on is null)`,
      )
      .execute();
    // One person is on the roll once, whatever their state (a leaver who rejoins is re-activated).
    await db.schema
      .createIndex('member_id_number_uq')
      .on('member')
      .column('id_number_bidx')
      .unique()
      .execute();
    // A phone belongs to at most one active member (a worker's sign-in matches one person).
    await db.schema
      .createIndex('member_active_phone_uq')
      .on('member')
      .column('phone_bidx')
      .unique()
      .where(sql.ref('state'), '=', 'active')
      .execute();
    await db.schema.createIndex('member_phone_idx').on('member').column('phone_bidx').execute();
    await db.schema
      .createIndex('member_card_uq')
      .on('member')
      .columns(['org_id', 'card_number'])
      .unique()
      .execute();
    await db.schema.createIndex('member_org_idx').on('member').columns(['org_id', 'state', 'name']).execute();

    await db.schema
      .createTable('member_transfer')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
      .addColumn('from_org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('to_org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('at', 'text', req)
      .addColumn('by', 'text', req)
      .addColumn('reason', 'text', req)
      .addCheckConstraint('member_transfer_orgs_ck', sql`from_org_id <> to_org_id`)
      .execute();
    await db.schema
      .createIndex('member_transfer_member_idx')
      .on('member_transfer')
      .columns(['member_id', 'at'])
      .execute();

    await db.schema
      .createTable('worker')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone_bidx', 'text', (c) => c.notNull().unique())
      .addColumn('phone_enc', 'text', req)
      .addColumn('member_id', 'text', (c) => c.references('member.id'))
      .addColumn('first_seen_at', 'text', req)
      .addColumn('last_sign_in_at', 'text', req)
      .execute();

    await db.schema
      .createTable('worker_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('worker_id', 'text', (c) => c.notNull().references('worker.id'))
      .addColumn('created_at', 'text', req)
      .addColumn('last_seen_at', 'text', req)
      .addColumn('idle_expires_at', 'text', req)
      .addColumn('absolute_expires_at', 'text', req)
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('end_reason', 'text')
      .execute();
    await db.schema
      .createIndex('worker_session_worker_idx')
      .on('worker_session')
      .columns(['worker_id', 'ended_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('worker_session').execute();
    await db.schema.dropTable('worker').execute();
    await db.schema.dropTable('member_transfer').execute();
    await db.schema.dropTable('member').execute();
  },
});
