import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/** Love Alliance (S1), part 1: alliance set-up, screening, households, verification, archives. */
const now = (c: ColumnDefinitionBuilder) => c.notNull();

export const assistance: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('alliance_member')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_bidx', 'text')
      .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('joined_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('updated_at', 'text', now)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('alliance_member_org_idx').on('alliance_member').column('org_id').execute();
    await db.schema
      .createIndex('alliance_member_jurisdiction_idx')
      .on('alliance_member')
      .column('jurisdiction_id')
      .execute();

    await db.schema
      .createTable('responsibility_rule')
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('situation', 'text', (c) => c.notNull())
      .addColumn('partner_kind', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', now)
      .addColumn('updated_by', 'text')
      .addPrimaryKeyConstraint('responsibility_rule_pk', ['jurisdiction_id', 'situation'])
      .execute();

    await db.schema
      .createTable('campaign')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('areas', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('updated_at', 'text', now)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('campaign_target')
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('target', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_target_pk', ['campaign_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('household')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('head_id_enc', 'text')
      .addColumn('head_id_bidx', 'text')
      .addColumn('head_id_tail', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_bidx', 'text')
      .addColumn('phone_tail', 'text')
      .addColumn('phone_name_key', 'text')
      .addColumn('address_key', 'text', (c) => c.notNull())
      .addColumn('division_code', 'text', (c) => c.notNull())
      .addColumn('address_detail', 'text', (c) => c.notNull())
      .addColumn('situation', 'text', (c) => c.notNull())
      .addColumn('responsible_org_id', 'text', (c) => c.references('organisation.id'))
      .addColumn('household_size', 'integer', (c) => c.notNull())
      .addColumn('annual_income_fen', 'bigint', (c) => c.notNull())
      .addColumn('rigid_expense_fen', 'bigint', (c) => c.notNull())
      .addColumn('causes', 'text', (c) => c.notNull())
      .addColumn('sudden_event', 'text')
      .addColumn('category', 'text')
      .addColumn('close_reason', 'text')
      .addColumn('merged_into_id', 'text')
      .addColumn('first_screened_on', 'text', (c) => c.notNull())
      .addColumn('last_screened_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('updated_at', 'text', now)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // One household per ID number in a jurisdiction, whatever races the screeners run.
    await db.schema
      .createIndex('household_id_number_uq')
      .on('household')
      .columns(['jurisdiction_id', 'head_id_bidx'])
      .unique()
      .execute();
    // The duplicate checks look up within a jurisdiction: each screening uses these two.
    await db.schema
      .createIndex('household_jurisdiction_phone_name_idx')
      .on('household')
      .columns(['jurisdiction_id', 'phone_name_key'])
      .execute();
    await db.schema.createIndex('household_phone_idx').on('household').column('phone_bidx').execute();
    await db.schema
      .createIndex('household_jurisdiction_address_idx')
      .on('household')
      .columns(['jurisdiction_id', 'address_key'])
      .execute();
    await db.schema
      .createIndex('household_jurisdiction_state_idx')
      .on('household')
      .columns(['jurisdiction_id', 'state'])
      .execute();

    await db.schema
      .createTable('household_org')
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('link', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addPrimaryKeyConstraint('household_org_pk', ['household_id', 'org_id', 'link'])
      .execute();
    await db.schema
      .createIndex('household_org_org_idx')
      .on('household_org')
      .columns(['org_id', 'household_id'])
      .execute();

    await db.schema
      .createTable('household_member')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('id_enc', 'text')
      .addColumn('id_tail', 'text')
      .addColumn('age', 'integer')
      .addColumn('school', 'text')
      .addColumn('health', 'text')
      .addColumn('work', 'text')
      .addColumn('monthly_income_fen', 'bigint')
      .execute();
    await db.schema
      .createIndex('household_member_household_idx')
      .on('household_member')
      .column('household_id')
      .execute();

    await db.schema
      .createTable('screening')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.references('household.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('screener_id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.references('campaign.id'))
      .addColumn('client_ref', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('screened_on', 'text', (c) => c.notNull())
      .addColumn('division_code', 'text')
      .addColumn('head_name', 'text')
      .addColumn('match', 'text')
      /** The whole form as the screener entered it, encrypted: it holds ID numbers, phones, notes. */
      .addColumn('data_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('updated_at', 'text', now)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('screening_household_idx').on('screening').column('household_id').execute();
    await db.schema.createIndex('screening_org_idx').on('screening').columns(['org_id', 'status']).execute();
    await db.schema.createIndex('screening_campaign_idx').on('screening').column('campaign_id').execute();
    // A retried submission (a phone on a bad line, an import run twice) never screens twice.
    await db.schema
      .createIndex('screening_client_ref_uq')
      .on('screening')
      .columns(['org_id', 'client_ref'])
      .unique()
      .execute();

    await db.schema
      .createTable('need')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('screening_id', 'text', (c) => c.references('screening.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('solved_at', 'text')
      .execute();
    await db.schema.createIndex('need_household_idx').on('need').column('household_id').execute();

    await db.schema
      .createTable('merge_candidate')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('household_a', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('household_b', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', now)
      .execute();
    await db.schema
      .createIndex('merge_candidate_pair_uq')
      .on('merge_candidate')
      .columns(['household_a', 'household_b'])
      .unique()
      .execute();
    await db.schema
      .createIndex('merge_candidate_status_idx')
      .on('merge_candidate')
      .columns(['jurisdiction_id', 'status'])
      .execute();

    await db.schema
      .createTable('verification')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('verifier_id', 'text', (c) => c.notNull())
      .addColumn('verified_on', 'text', (c) => c.notNull())
      .addColumn('home_visit', 'integer', (c) => c.notNull())
      .addColumn('documents', 'text', (c) => c.notNull())
      .addColumn('income_consent', 'integer', (c) => c.notNull())
      .addColumn('exclusions', 'text', (c) => c.notNull())
      .addColumn('migrant_qualified', 'integer')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('notice_start', 'text')
      .addColumn('notice_end', 'text')
      .addColumn('notice_result', 'text')
      .addColumn('notes', 'text')
      .addColumn('created_at', 'text', now)
      .execute();
    await db.schema
      .createIndex('verification_household_idx')
      .on('verification')
      .column('household_id')
      .execute();

    await db.schema
      .createTable('archive_standard')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('min_living_fen', 'integer', (c) => c.notNull())
      .addColumn('relative_multiplier_pct', 'integer', (c) => c.notNull())
      .addColumn('accident_drop_pct', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', now)
      .addColumn('superseded_at', 'text')
      .execute();
    await db.schema
      .createIndex('archive_standard_lookup_idx')
      .on('archive_standard')
      .columns(['jurisdiction_id', 'year', 'created_at'])
      .execute();

    await db.schema
      .createTable('archive_counter')
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('archive_counter_pk', ['jurisdiction_id', 'year'])
      .execute();

    await db.schema
      .createTable('archive')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().unique().references('household.id'))
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('archive_no', 'text', (c) => c.notNull().unique())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('primary_cause', 'text', (c) => c.notNull())
      .addColumn('secondary_causes', 'text', (c) => c.notNull())
      .addColumn('per_capita_fen', 'integer', (c) => c.notNull())
      .addColumn('standard_id', 'text', (c) => c.notNull().references('archive_standard.id'))
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reported_to_id', 'text', (c) => c.references('organisation.id'))
      .addColumn('reported_at', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('exit_kind', 'text')
      .addColumn('exit_reason', 'text')
      .addColumn('exited_at', 'text')
      .addColumn('review_due_on', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', now)
      .addColumn('updated_at', 'text', now)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('archive_seq_uq')
      .on('archive')
      .columns(['jurisdiction_id', 'year', 'seq'])
      .unique()
      .execute();
    await db.schema
      .createIndex('archive_reported_to_idx')
      .on('archive')
      .columns(['reported_to_id', 'state'])
      .execute();

    await db.schema
      .createTable('household_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('org_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('household_event_household_idx')
      .on('household_event')
      .columns(['household_id', 'at'])
      .execute();

    // Character bigrams of names and addresses: Chinese search that also finds two-character
    // words, the same on both engines (SQLite's trigram index needs three).
    await db.schema
      .createTable('household_token')
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addPrimaryKeyConstraint('household_token_pk', ['token', 'household_id'])
      .execute();
    await db.schema
      .createIndex('household_token_household_idx')
      .on('household_token')
      .column('household_id')
      .execute();

    // One-time codes for workers' own requests: only a keyed hash of the code and the phone is kept.
    await db.schema
      .createTable('otp_code')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone_bidx', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('consumed_at', 'text')
      .addColumn('created_at', 'text', now)
      .execute();
    await db.schema
      .createIndex('otp_code_phone_idx')
      .on('otp_code')
      .columns(['phone_bidx', 'created_at'])
      .execute();
    await db.schema.createIndex('otp_code_ip_idx').on('otp_code').columns(['ip', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'otp_code',
      'household_token',
      'household_event',
      'archive',
      'archive_counter',
      'archive_standard',
      'verification',
      'merge_candidate',
      'need',
      'screening',
      'household_member',
      'household_org',
      'household',
      'campaign_target',
      'campaign',
      'responsibility_rule',
      'alliance_member',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
