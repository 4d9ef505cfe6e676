import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { VoteBallotTable } from './tables';

type Executor = Kysely<Database>;
export type BallotRow = VoteBallotTable;

export type BallotKindTable = 'voteBallot' | 'voteLike';
const TABLE_SQL = { voteBallot: sql.raw('vote_ballot'), voteLike: sql.raw('vote_like') } as const;

/**
 * Inserts one vote or like unless its request key already has an answer (a counted row or a
 * stored refusal) or — for votes — the worker already voted for that candidate that day (unique
 * index). One statement: true when the row was written.
 */
export async function insertBallotGuarded(
  db: Executor,
  table: BallotKindTable,
  row: VoteBallotTable,
): Promise<boolean> {
  const t = TABLE_SQL[table];
  const r = await sql<{ id: string }>`
    insert into ${t} (id, campaign_id, candidate_id, worker_id, tier, day, cast_at, request_key, ip_hash, device_hash, flag_id)
    select ${row.id}, ${row.campaignId}, ${row.candidateId}, ${row.workerId}, ${row.tier}, ${row.day}, ${row.castAt},
           ${row.requestKey}, ${row.ipHash}, ${row.deviceHash}, null
    where not exists (select 1 from vote_refusal where request_key = ${row.requestKey})
    on conflict do nothing
    returning id`.execute(db);
  return r.rows.length === 1;
}

/** Takes back a row written earlier in the same savepoint (its cap turned out to be reached). */
export async function deleteBallot(db: Executor, table: BallotKindTable, id: string): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

export function findByRequestKey(db: Executor, table: BallotKindTable, requestKey: string) {
  return db
    .selectFrom(table)
    .select(['id', 'campaignId', 'candidateId', 'workerId', 'day'])
    .where('requestKey', '=', requestKey)
    .executeTakeFirst();
}

export function findRefusal(db: Executor, requestKey: string) {
  return db
    .selectFrom('voteRefusal')
    .select(['requestKey', 'campaignId', 'workerId', 'candidateId', 'kind', 'outcome', 'day'])
    .where('requestKey', '=', requestKey)
    .executeTakeFirst();
}

/** Stores the first answer of a refused request key; false when the key already had one. */
export async function insertRefusal(
  db: Executor,
  row: {
    requestKey: string;
    campaignId: string;
    workerId: string;
    candidateId: string;
    kind: string;
    outcome: string;
    day: string;
    at: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('voteRefusal')
    .values(row)
    .onConflict((oc) => oc.column('requestKey').doNothing())
    .returning('requestKey')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Counts one vote (or like) on the worker's day, only while under its cap: a conditional upsert,
 * so concurrent requests can never pass the cap together. The day's counts after it, or
 * undefined when the cap was reached.
 */
export async function bumpVoterDay(
  db: Executor,
  key: { campaignId: string; workerId: string; day: string },
  kind: 'vote' | 'like',
  cap: number,
): Promise<{ votes: number; likes: number; candidates: number } | undefined> {
  if (cap <= 0) return undefined;
  const r = await db
    .insertInto('voteVoterDay')
    .values({
      ...key,
      votes: kind === 'vote' ? 1 : 0,
      likes: kind === 'like' ? 1 : 0,
      candidates: kind === 'vote' ? 1 : 0,
    })
    .onConflict((oc) =>
      kind === 'vote'
        ? oc
            .columns(['campaignId', 'workerId', 'day'])
            .doUpdateSet((eb) => ({
              votes: eb('voteVoterDay.votes', '+', 1),
              candidates: eb('voteVoterDay.candidates', '+', 1),
            }))
            .where('voteVoterDay.candidates', '<', cap)
        : oc
            .columns(['campaignId', 'workerId', 'day'])
            .doUpdateSet((eb) => ({ likes: eb('voteVoterDay.likes', '+', 1) }))
            .where('voteVoterDay.likes', '<', cap),
    )
    .returning(['votes', 'likes', 'candidates'])
    .executeTakeFirst();
  return r;
}

export interface TallyDelta {
  campaignId: string;
  candidateId: string;
  day: string;
  tier: string;
  votes: number;
  likes: number;
}

/** Adds a batch's counted votes to the tallies: one upsert per (candidate, day, tier). */
export async function addToTally(db: Executor, deltas: TallyDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += 200) {
    await db
      .insertInto('voteTally')
      .values(deltas.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['campaignId', 'candidateId', 'day', 'tier']).doUpdateSet((eb) => ({
          votes: eb('voteTally.votes', '+', eb.ref('excluded.votes')),
          likes: eb('voteTally.likes', '+', eb.ref('excluded.likes')),
        })),
      )
      .execute();
  }
}

export function voterDay(db: Executor, campaignId: string, workerId: string, day: string) {
  return db
    .selectFrom('voteVoterDay')
    .select(['votes', 'likes', 'candidates'])
    .where('campaignId', '=', campaignId)
    .where('workerId', '=', workerId)
    .where('day', '=', day)
    .executeTakeFirst();
}

export async function votedCandidates(
  db: Executor,
  campaignId: string,
  workerId: string,
  day: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('voteBallot')
    .select('candidateId')
    .where('workerId', '=', workerId)
    .where('campaignId', '=', campaignId)
    .where('day', '=', day)
    .execute();
  return rows.map((r) => r.candidateId);
}

/** A worker's own votes and likes, newest first. */
export async function myBallots(db: Executor, campaignId: string, workerId: string, limit: number) {
  const pick = (table: BallotKindTable, kind: 'vote' | 'like') =>
    db
      .selectFrom(table)
      .select(['candidateId', 'day', 'castAt', sql<string>`${kind}`.as('kind')])
      .where('workerId', '=', workerId)
      .where('campaignId', '=', campaignId)
      .orderBy('castAt', 'desc')
      .limit(limit)
      .execute();
  const rows = [...(await pick('voteBallot', 'vote')), ...(await pick('voteLike', 'like'))];
  return rows.sort((a, b) => (a.castAt < b.castAt ? 1 : a.castAt > b.castAt ? -1 : 0)).slice(0, limit);
}

// ---- tallies and recount ----

export function tallyRows(db: Executor, campaignId: string, from?: string, to?: string) {
  let q = db
    .selectFrom('voteTally')
    .select(['candidateId', 'day', 'tier', 'votes', 'likes'])
    .where('campaignId', '=', campaignId);
  if (from) q = q.where('day', '>=', from);
  if (to) q = q.where('day', '<=', to);
  return q.execute();
}

/** Distinct voters per day (from the caps' rows: one per worker and day). */
export function votersPerDay(db: Executor, campaignId: string, from?: string, to?: string) {
  let q = db
    .selectFrom('voteVoterDay')
    .select(['day', (eb) => eb.fn.countAll<number>().as('voters')])
    .where('campaignId', '=', campaignId)
    .groupBy('day');
  if (from) q = q.where('day', '>=', from);
  if (to) q = q.where('day', '<=', to);
  return q.execute();
}

/** The tallies recomputed from the raw rows: per candidate, day and tier. */
export async function recountRows(db: Executor, campaignId: string) {
  const count = (table: BallotKindTable) =>
    db
      .selectFrom(table)
      .select(['candidateId', 'day', 'tier', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaignId', '=', campaignId)
      .groupBy(['candidateId', 'day', 'tier'])
      .execute();
  return { votes: await count('voteBallot'), likes: await count('voteLike') };
}

/** Votes per candidate: all, and those a decision discounted. */
export async function ballotTotals(db: Executor, campaignId: string) {
  return db
    .selectFrom('voteBallot')
    .select([
      'candidateId',
      (eb) => eb.fn.countAll<number>().as('votes'),
      (eb) => eb.fn.count<number>('flagId').as('discounted'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy('candidateId')
    .execute();
}

/** Votes a decision discounted, per candidate (index-friendly: only flagged rows are read). */
export function discountedPerCandidate(db: Executor, campaignId: string) {
  return db
    .selectFrom('voteBallot')
    .select(['candidateId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where('flagId', 'is not', null)
    .groupBy('candidateId')
    .execute();
}
