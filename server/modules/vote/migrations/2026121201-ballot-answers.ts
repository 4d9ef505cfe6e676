import { sql, type Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * What the write path now keeps so that it answers and reviews without reading elsewhere:
 * - the candidates a worker voted for on a day, on the caps' row (`vote_voter_day.voted`,
 *   ",id,id"): the conditional upsert returns them with the counts, so a vote's answer ("今日已投")
 *   needs no read of the day's votes (the rule stays vote_ballot's unique index);
 * - whether the voter was a newly registered worker (first seen within 24 hours before the vote),
 *   on each vote and like (`new_worker`, 0/1): the integrity review's share of new workers reads
 *   the ballots alone instead of the membership module's worker table.
 * Rows written before are filled from the votes and, once, from the worker table.
 */
export const ballotAnswers: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    for (const table of ['vote_ballot', 'vote_like']) {
      await db.schema
        .alterTable(table)
        .addColumn('new_worker', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      const within =
        engine === 'postgres'
          ? sql`cast(t.cast_at as timestamptz) - cast(w.first_seen_at as timestamptz) <= interval '1 day'`
          : sql`julianday(t.cast_at) - julianday(w.first_seen_at) <= 1`;
      await sql`
        update ${sql.table(table)} as t set new_worker = 1
        where exists (select 1 from worker w where w.id = t.worker_id and ${within})`.execute(db);
    }
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
    for (const table of ['vote_ballot', 'vote_like']) {
      await db.schema.alterTable(table).dropColumn('new_worker').execute();
    }
  },
});
