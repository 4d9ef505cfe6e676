import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * The vote's ballots (S7b): raw votes and likes, the per-day caps, the tallies and the first
 * answers of refused request keys; then the integrity review's flags and appeals. The invariants
 * are the indexes: one vote per worker, candidate and day; one answer per request key.
 * Candidates and campaigns are checked through their services when a vote is cast (no foreign
 * key to them: the hot path writes nothing it does not need).
 */
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export const ballots: PortableMigration = () => ({
  async up(db: Kysely<unknown>) {
    for (const table of ['vote_ballot', 'vote_like'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', req)
        .addColumn('candidate_id', 'text', req)
        .addColumn('worker_id', 'text', req)
        .addColumn('tier', 'text', req)
        .addColumn('day', 'text', req)
        .addColumn('cast_at', 'text', req)
        .addColumn('request_key', 'text', req)
        .addColumn('ip_hash', 'text')
        .addColumn('device_hash', 'text')
        .addColumn('flag_id', 'text')
        .execute();
      await db.schema
        .createIndex(`${table}_request_key_uq`)
        .on(table)
        .column('request_key')
        .unique()
        .execute();
      await db.schema
        .createIndex(`${table}_worker_idx`)
        .on(table)
        .columns(['worker_id', 'campaign_id', 'day'])
        .execute();
      await db.schema
        .createIndex(`${table}_campaign_idx`)
        .on(table)
        .columns(['campaign_id', 'candidate_id', 'cast_at'])
        .execute();
    }
    // 每人每天每位候选人一票: by the engine, whatever the code does.
    await db.schema
      .createIndex('vote_ballot_one_per_day_uq')
      .on('vote_ballot')
      .columns(['campaign_id', 'candidate_id', 'worker_id', 'day'])
      .unique()
      .execute();

    // The votes a decision discounted, found without reading the others.
    await db.schema
      .createIndex('vote_ballot_flagged_idx')
      .on('vote_ballot')
      .columns(['campaign_id', 'flag_id'])
      .where(sql.ref('flag_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('vote_voter_day')
      .addColumn('campaign_id', 'text', req)
      .addColumn('worker_id', 'text', req)
      .addColumn('day', 'text', req)
      .addColumn('votes', 'integer', req)
      .addColumn('likes', 'integer', req)
      .addColumn('candidates', 'integer', req)
      .addPrimaryKeyConstraint('vote_voter_day_pk', ['campaign_id', 'worker_id', 'day'])
      .addCheckConstraint('vote_voter_day_counts', sql`votes >= 0 and likes >= 0 and candidates >= 0`)
      .execute();

    await db.schema
      .createTable('vote_tally')
      .addColumn('campaign_id', 'text', req)
      .addColumn('candidate_id', 'text', req)
      .addColumn('day', 'text', req)
      .addColumn('tier', 'text', req)
      .addColumn('votes', 'integer', req)
      .addColumn('likes', 'integer', req)
      .addPrimaryKeyConstraint('vote_tally_pk', ['campaign_id', 'candidate_id', 'day', 'tier'])
      .execute();

    await db.schema
      .createTable('vote_refusal')
      .addColumn('request_key', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', req)
      .addColumn('worker_id', 'text', req)
      .addColumn('candidate_id', 'text', req)
      .addColumn('kind', 'text', req)
      .addColumn('outcome', 'text', req)
      .addColumn('day', 'text', req)
      .addColumn('at', 'text', req)
      .execute();

    await db.schema
      .createTable('vote_flag')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', req)
      .addColumn('candidate_id', 'text')
      .addColumn('criteria', 'text', req)
      .addColumn('evidence', 'text', req)
      .addColumn('ballots_count', 'integer', req)
      .addColumn('state', 'text', req)
      .addColumn('decision', 'text')
      .addColumn('decision_reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('notified_org_id', 'text')
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('version', 'integer', req)
      .execute();
    await db.schema
      .createIndex('vote_flag_campaign_idx')
      .on('vote_flag')
      .columns(['campaign_id', 'created_at'])
      .execute();
    await db.schema.createIndex('vote_flag_org_idx').on('vote_flag').column('notified_org_id').execute();

    await db.schema
      .createTable('vote_appeal')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('flag_id', 'text', (c) => c.notNull().references('vote_flag.id'))
      .addColumn('campaign_id', 'text', req)
      .addColumn('org_id', 'text', req)
      .addColumn('text', 'text', req)
      .addColumn('state', 'text', req)
      .addColumn('decision_reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('created_by', 'text', req)
      .addColumn('created_at', 'text', req)
      .addColumn('version', 'integer', req)
      .execute();
    // One appeal per flag.
    await db.schema.createIndex('vote_appeal_flag_uq').on('vote_appeal').column('flag_id').unique().execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'vote_appeal',
      'vote_flag',
      'vote_refusal',
      'vote_tally',
      'vote_voter_day',
      'vote_like',
      'vote_ballot',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
