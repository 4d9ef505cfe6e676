import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * The public role-model vote (S7b), part 1: campaigns, nominations with their files, experts'
 * conflicts and scores, the shortlist, candidates, the result and its objections. The ballots'
 * tables come in their own migrations (helper B).
 */
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export const campaigns: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('vote_campaign')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('co_organisers', 'text', req)
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('model_worker', 'craftsman', 'other')`),
      )
      .addColumn('title', 'text', req)
      .addColumn('year', 'integer', req)
      .addColumn('summary', 'text', req)
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`state in ('draft', 'nominating', 'reviewing', 'displaying', 'voting', 'expert_review', 'result_notice', 'final', 'cancelled')`,
          ),
      )
      .addColumn('timeline', 'text', req)
      .addColumn('voting_opens', 'text', req)
      .addColumn('voting_closes', 'text', req)
      .addColumn('rules', 'text', req)
      .addColumn('rules_frozen_at', 'text')
      .addColumn('result_published_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addCheckConstraint('vote_campaign_window_ck', sql`voting_opens < voting_closes`)
      .execute();
    await db.schema
      .createIndex('vote_campaign_org_idx')
      .on('vote_campaign')
      .columns(['org_id', 'year'])
      .execute();

    await db.schema
      .createTable('vote_nomination')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('unit', 'online', 'self')`))
      .addColumn('nominee_name', 'text', req)
      .addColumn('gender', 'text', req)
      .addColumn('id_number_enc', 'text', req)
      .addColumn('id_number_bidx', 'text', req)
      .addColumn('unit_name', 'text', req)
      .addColumn('job_title', 'text', req)
      .addColumn('region_code', 'text', req)
      .addColumn('story', 'text', req)
      .addColumn('achievements', 'text', req)
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`state in ('submitted', 'eligible', 'ineligible', 'shortlisted', 'candidate', 'not_selected')`,
          ),
      )
      .addColumn('reasons', 'text', req)
      .addColumn('review_note', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('submitted_by', 'text', req)
      .addColumn('client_ref', 'text')
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // One nomination per person per campaign, whoever nominates.
    await db.schema
      .createIndex('vote_nomination_person_uq')
      .on('vote_nomination')
      .columns(['campaign_id', 'id_number_bidx'])
      .unique()
      .execute();
    await db.schema
      .createIndex('vote_nomination_client_ref_uq')
      .on('vote_nomination')
      .columns(['submitted_by', 'client_ref'])
      .unique()
      .execute();
    await db.schema
      .createIndex('vote_nomination_campaign_idx')
      .on('vote_nomination')
      .columns(['campaign_id', 'state'])
      .execute();

    await db.schema
      .createTable('vote_file')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('nomination_id', 'text', (c) => c.notNull().references('vote_nomination.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo', 'supporting')`))
      .addColumn('file_name', 'text', req)
      .addColumn('mime', 'text', req)
      .addColumn('size_bytes', 'integer', req)
      .addColumn('sha256', 'text', req)
      .addColumn('content', engine === 'sqlite' ? 'blob' : 'bytea', req)
      .addColumn('uploaded_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .execute();
    await db.schema.createIndex('vote_file_nomination_idx').on('vote_file').column('nomination_id').execute();

    await db.schema
      .createTable('vote_conflict')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('nomination_id', 'text', (c) => c.notNull().references('vote_nomination.id'))
      .addColumn('expert_user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('reason', 'text', req)
      .addColumn('declared_by', 'text', req)
      .addColumn('declared_at', 'text', req)
      .execute();
    await db.schema
      .createIndex('vote_conflict_pair_uq')
      .on('vote_conflict')
      .columns(['nomination_id', 'expert_user_id'])
      .unique()
      .execute();

    await db.schema
      .createTable('vote_expert_score')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('nomination_id', 'text', (c) => c.notNull().references('vote_nomination.id'))
      .addColumn('expert_user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('preliminary', 'final')`))
      .addColumn('criteria', 'text', req)
      .addColumn('total', 'integer', (c) => c.notNull().check(sql`total >= 0 and total <= 100`))
      .addColumn('comment', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('updated_at', 'text', req)
      .execute();
    await db.schema
      .createIndex('vote_expert_score_uq')
      .on('vote_expert_score')
      .columns(['nomination_id', 'expert_user_id', 'stage'])
      .unique()
      .execute();
    await db.schema
      .createIndex('vote_expert_score_campaign_idx')
      .on('vote_expert_score')
      .columns(['campaign_id', 'stage'])
      .execute();

    await db.schema
      .createTable('vote_candidate')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('nomination_id', 'text', (c) => c.notNull().references('vote_nomination.id'))
      .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
      .addColumn('name', 'text', req)
      .addColumn('unit_name', 'text', req)
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
      .addColumn('region_code', 'text', req)
      .addColumn('photo_file_id', 'text', (c) => c.references('vote_file.id'))
      .addColumn('story', 'text', req)
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'zeroed', 'withdrawn')`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', req)
      .execute();
    await db.schema
      .createIndex('vote_candidate_number_uq')
      .on('vote_candidate')
      .columns(['campaign_id', 'number'])
      .unique()
      .execute();
    await db.schema
      .createIndex('vote_candidate_nomination_uq')
      .on('vote_candidate')
      .column('nomination_id')
      .unique()
      .execute();

    await db.schema
      .createTable('vote_shortlist')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('vote_campaign.id'))
      .addColumn('lines', 'text', req)
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'text', req)
      .addColumn('decided_at', 'text', req)
      .execute();

    await db.schema
      .createTable('vote_result')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('vote_campaign.id'))
      .addColumn('lines', 'text', req)
      .addColumn('working', 'text', req)
      .addColumn('top_clean_votes', 'integer', req)
      .addColumn('total_clean_votes', 'integer', req)
      .addColumn('computed_at', 'text', req)
      .addColumn('computed_by', 'text', req)
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'text')
      .addColumn('final_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await db.schema
      .createTable('vote_objection')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('vote_campaign.id'))
      .addColumn('candidate_id', 'text', (c) => c.references('vote_candidate.id'))
      .addColumn('text', 'text', req)
      .addColumn('by_kind', 'text', (c) => c.notNull().check(sql`by_kind in ('worker', 'staff')`))
      .addColumn('by_id', 'text', req)
      .addColumn('by_label', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'answered')`))
      .addColumn('answer', 'text')
      .addColumn('upheld', 'integer')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'text')
      .execute();
    await db.schema
      .createIndex('vote_objection_campaign_idx')
      .on('vote_objection')
      .columns(['campaign_id', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'vote_objection',
      'vote_result',
      'vote_shortlist',
      'vote_candidate',
      'vote_expert_score',
      'vote_conflict',
      'vote_file',
      'vote_nomination',
      'vote_campaign',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
