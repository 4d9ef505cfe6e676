import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * A consent gates a referral only once it is confirmed: by the federation's staff recording it,
 * by a second person (federation staff) confirming a partner's record, or by the signed form
 * uploaded as its evidence (one file per consent). Consents recorded before this migration were
 * accepted on the recorder's word and stay effective (confirmed at their creation).
 */
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export const consentConfirmation: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('consent').addColumn('confirmed_at', 'text').execute();
    await db.schema.alterTable('consent').addColumn('confirmed_by', 'text').execute();
    /** recorded_by_staff | staff_confirmed | evidence | legacy */
    await db.schema.alterTable('consent').addColumn('confirmed_how', 'text').execute();
    await sql`update consent set confirmed_at = created_at, confirmed_how = 'legacy'`.execute(db);

    await db.schema
      .createTable('consent_evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consent_id', 'text', (c) => c.notNull().references('consent.id'))
      .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
      .addColumn('file_name', 'text', req)
      .addColumn('mime', 'text', req)
      .addColumn('size_bytes', 'integer', req)
      .addColumn('sha256', 'text', req)
      .addColumn('content', engine === 'sqlite' ? 'blob' : 'bytea', req)
      .addColumn('uploaded_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .execute();
    // One signed form per consent: a second upload is refused by the index, not by a read.
    await db.schema
      .createIndex('consent_evidence_consent_uq')
      .on('consent_evidence')
      .column('consent_id')
      .unique()
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('consent_evidence_consent_uq').execute();
    await db.schema.dropTable('consent_evidence').execute();
    await db.schema.alterTable('consent').dropColumn('confirmed_how').execute();
    await db.schema.alterTable('consent').dropColumn('confirmed_by').execute();
    await db.schema.alterTable('consent').dropColumn('confirmed_at').execute();
  },
});
