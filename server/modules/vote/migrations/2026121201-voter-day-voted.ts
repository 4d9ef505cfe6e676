import { sql, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * The candidates a worker voted for on a day, kept on the caps' row (`vote_voter_day.voted`, ",id,id"):
 * the write path's conditional upsert returns them with the counts, so a vote's answer ("今日已投")
 * needs no read of the day's votes. The rule stays the unique index of vote_ballot; this column
 * only answers. Rows written before it are filled from the votes.
 */
export const voterDayVoted: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('vote_voter_day')
      .addColumn('voted', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    const agg =
      engine === 'postgres' ? sql`string_agg(b.candidate_id, ',')` : sql`group_concat(b.candidate_id, ',')`;
    await sql`
      update vote_voter_day set voted = coalesce((
        select ',' || ${agg} from vote_ballot b
        where b.campaign_id = vote_voter_day.campaign_id
          and b.worker_id = vote_voter_day.worker_id
          and b.day = vote_voter_day.day), '')`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('vote_voter_day').dropColumn('voted').execute();
  },
});
