import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * Love Alliance (S1), part 2: help while screening goes on, plans, caring-unit resources,
 * referrals with consent, one ledger of help per household, return visits.
 */
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export const help: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    // Per-federation settings of the follow-up work (return-visit delays).
    await db.schema
      .createTable('help_setting')
      .addColumn('jurisdiction_id', 'text', (c) => c.primaryKey())
      .addColumn('visit_after_help_days', 'integer', req)
      .addColumn('visit_after_exit_days', 'integer', req)
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', req)
      .execute();

    // 帮扶记录: everything delivered to a household, whatever the route. A measure or a referral
    // is in the ledger at most once (unique route + source), so every figure counts it once.
    await db.schema
      .createTable('help_record')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('route', 'text', req)
      .addColumn('source_id', 'text')
      .addColumn('kind', 'text', req)
      .addColumn('what', 'text', req)
      .addColumn('value_fen', 'integer', req)
      .addColumn('given_by_org_id', 'text', (c) => c.references('organisation.id'))
      .addColumn('given_by_name', 'text', req)
      .addColumn('given_on', 'text', req)
      .addColumn('recorded_by', 'text', req)
      .addColumn('recorded_org_id', 'text', req)
      .addColumn('reconciled_at', 'text')
      .addColumn('reconciled_with', 'text')
      .addColumn('created_at', 'text', req)
      .execute();
    await db.schema
      .createIndex('help_record_source_uq')
      .on('help_record')
      .columns(['route', 'source_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('help_record_household_idx')
      .on('help_record')
      .columns(['household_id', 'given_on'])
      .execute();
    await db.schema
      .createIndex('help_record_jurisdiction_idx')
      .on('help_record')
      .columns(['jurisdiction_id', 'given_on'])
      .execute();

    // Evidence of a delivery (photo or file), checked for type and size, kept in the database so
    // backups hold it.
    await db.schema
      .createTable('evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('help_record_id', 'text', (c) => c.notNull().references('help_record.id'))
      .addColumn('file_name', 'text', req)
      .addColumn('mime', 'text', req)
      .addColumn('size_bytes', 'integer', req)
      .addColumn('sha256', 'text', req)
      .addColumn('content', engine === 'sqlite' ? 'blob' : 'bytea', req)
      .addColumn('uploaded_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .execute();
    await db.schema.createIndex('evidence_record_idx').on('evidence').column('help_record_id').execute();

    // The household's consent to share its data with one named organisation.
    await db.schema
      .createTable('consent')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('member_id', 'text', (c) => c.references('household_member.id'))
      .addColumn('given_by', 'text', req)
      .addColumn('guardian_name', 'text')
      .addColumn('method', 'text', req)
      .addColumn('given_on', 'text', req)
      .addColumn('note', 'text')
      .addColumn('recorded_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .addColumn('revoke_reason', 'text')
      .execute();
    await db.schema
      .createIndex('consent_household_idx')
      .on('consent')
      .columns(['household_id', 'org_id'])
      .execute();

    // 同类同策: a category template and the households it has been applied to (once each).
    await db.schema
      .createTable('plan_template')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('name', 'text', req)
      .addColumn('description', 'text')
      .addColumn('criteria', 'text', req)
      .addColumn('measures', 'text', req)
      .addColumn('status', 'text', req)
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('template_application')
      .addColumn('template_id', 'text', (c) => c.notNull().references('plan_template.id'))
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('applied_by', 'text', req)
      .addColumn('applied_at', 'text', req)
      .addPrimaryKeyConstraint('template_application_pk', ['template_id', 'household_id'])
      .execute();

    // Plan measures (一户一策 / 个案专策 / 同类同策).
    await db.schema
      .createTable('plan_measure')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('policy', 'text', req)
      .addColumn('template_id', 'text', (c) => c.references('plan_template.id'))
      .addColumn('kind', 'text', req)
      .addColumn('description', 'text', req)
      .addColumn('responsible_org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('due_on', 'text', req)
      .addColumn('value_fen', 'integer', req)
      .addColumn('state', 'text', req)
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addColumn('done_on', 'text')
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('plan_measure_household_idx')
      .on('plan_measure')
      .column('household_id')
      .execute();
    await db.schema
      .createIndex('plan_measure_state_idx')
      .on('plan_measure')
      .columns(['jurisdiction_id', 'state'])
      .execute();

    // 爱心资源: what a caring unit gives. `reserved` counts the places held by open and
    // delivered referrals; the check constraint makes overselling impossible in the engine.
    await db.schema
      .createTable('resource')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('kind', 'text', req)
      .addColumn('title', 'text', req)
      .addColumn('description', 'text')
      .addColumn('unit', 'text', req)
      .addColumn('quantity', 'integer', req)
      .addColumn('unit_value_fen', 'integer', req)
      .addColumn('valid_from', 'text', req)
      .addColumn('valid_until', 'text', req)
      .addColumn('audience', 'text', req)
      .addColumn('conditions', 'text')
      .addColumn('status', 'text', req)
      .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addCheckConstraint(
        'resource_stock_ck',
        sql`reserved >= 0 and delivered >= 0 and delivered <= reserved and reserved <= quantity`,
      )
      .execute();
    await db.schema.createIndex('resource_org_idx').on('resource').columns(['org_id', 'status']).execute();
    await db.schema
      .createIndex('resource_jurisdiction_idx')
      .on('resource')
      .columns(['jurisdiction_id', 'status'])
      .execute();

    // 转介: sent → accepted / declined / withdrawn → delivered. One open referral per
    // household and resource (no double referral), enforced by a partial unique index.
    await db.schema
      .createTable('referral')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('resource_id', 'text', (c) => c.notNull().references('resource.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('member_id', 'text', (c) => c.references('household_member.id'))
      .addColumn('quantity', 'integer', req)
      .addColumn('need', 'text', req)
      .addColumn('state', 'text', req)
      .addColumn('consent_id', 'text', (c) => c.references('consent.id'))
      .addColumn('override_reason', 'text')
      .addColumn('override_by', 'text')
      .addColumn('referred_by', 'text', req)
      .addColumn('referred_org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('response_note', 'text')
      .addColumn('delivered_on', 'text')
      .addColumn('delivered_value_fen', 'integer')
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('referral_open_uq')
      .on('referral')
      .columns(['household_id', 'resource_id'])
      .unique()
      .where(sql.ref('state'), 'in', ['sent', 'accepted'])
      .execute();
    await db.schema.createIndex('referral_org_idx').on('referral').columns(['org_id', 'state']).execute();
    await db.schema.createIndex('referral_resource_idx').on('referral').column('resource_id').execute();
    await db.schema.createIndex('referral_household_idx').on('referral').column('household_id').execute();

    // 回访: at most one open visit per household (partial unique index).
    await db.schema
      .createTable('return_visit')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', req)
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('reason', 'text', req)
      .addColumn('source_id', 'text')
      .addColumn('due_on', 'text', req)
      .addColumn('assignee_org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('assignee_member_id', 'text', (c) => c.references('alliance_member.id'))
      .addColumn('state', 'text', req)
      .addColumn('visited_on', 'text')
      .addColumn('visitors', 'text')
      .addColumn('change', 'text')
      .addColumn('open_needs', 'text')
      .addColumn('satisfaction', 'integer')
      .addColumn('household_words', 'text')
      .addColumn('relapse', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('recorded_by', 'text')
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('return_visit_open_uq')
      .on('return_visit')
      .column('household_id')
      .unique()
      .where(sql.ref('state'), '=', 'due')
      .execute();
    await db.schema
      .createIndex('return_visit_org_idx')
      .on('return_visit')
      .columns(['assignee_org_id', 'state', 'due_on'])
      .execute();
    await db.schema
      .createIndex('return_visit_jurisdiction_idx')
      .on('return_visit')
      .columns(['jurisdiction_id', 'state', 'due_on'])
      .execute();

    // Dashboard aggregates by federation.
    await db.schema
      .createIndex('screening_jurisdiction_day_idx')
      .on('screening')
      .columns(['jurisdiction_id', 'screened_on'])
      .execute();
    await db.schema
      .createIndex('archive_jurisdiction_state_idx')
      .on('archive')
      .columns(['jurisdiction_id', 'state', 'category'])
      .execute();
    // Covering indexes for the dashboard's aggregates at 1 000 000 households: each figure reads
    // one index range instead of the wide rows (screenings carry the encrypted form).
    await db.schema
      .createIndex('screening_dashboard_idx')
      .on('screening')
      .columns([
        'jurisdiction_id',
        'status',
        'org_id',
        'method',
        'household_id',
        'screened_on',
        'campaign_id',
      ])
      .execute();
    // Area filter: a range over digit-only division codes.
    await db.schema
      .createIndex('household_division_idx')
      .on('household')
      .columns(['jurisdiction_id', 'division_code', 'id'])
      .execute();
    await db.schema
      .createIndex('verification_result_idx')
      .on('verification')
      .columns(['household_id', 'result'])
      .execute();
    await db.schema
      .createIndex('need_urgency_idx')
      .on('need')
      .columns(['urgency', 'status', 'household_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('help_record_dashboard_idx')
      .on('help_record')
      .columns(['jurisdiction_id', 'route', 'given_on', 'household_id', 'value_fen', 'source_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const i of [
      'help_record_dashboard_idx',
      'need_urgency_idx',
      'verification_result_idx',
      'household_division_idx',
      'screening_dashboard_idx',
    ]) {
      await db.schema.dropIndex(i).execute();
    }
    await db.schema.dropIndex('archive_jurisdiction_state_idx').execute();
    await db.schema.dropIndex('screening_jurisdiction_day_idx').execute();
    for (const t of [
      'return_visit',
      'referral',
      'resource',
      'plan_measure',
      'template_application',
      'plan_template',
      'consent',
      'evidence',
      'help_record',
      'help_setting',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
