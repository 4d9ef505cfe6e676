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
    insert into ${t} (id, campaign_id, candidate_id, worker_id, tier, day, cast_at, request_key, ip_hash, device_hash, flag_id, new_worker)
    select ${row.id}, ${row.campaignId}, ${row.candidateId}, ${row.workerId}, ${row.tier}, ${row.day}, ${row.castAt},
           ${row.requestKey}, ${row.ipHash}, ${row.deviceHash}, null, cast(${row.newWorker ? 1 : 0} as integer)
    where not exists (select 1 from vote_refusal where request_key = ${row.requestKey})
    on conflict do nothing
    returning id`.execute(db);
  return r.rows.length === 1;
}

/** Rows per multi-row statement (11 parameters a row: far under both engines' limits). */
const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The set-based `insertBallotGuarded`: many rows in one statement per chunk, each written unless
 * its request key already has a stored refusal or a row conflicts with a unique index (its id, its
 * request key, or — votes — one per worker, candidate and day: also against an earlier row of the
 * same statement). The ids written.
 */
export async function insertBallotsGuarded(
  db: Executor,
  table: BallotKindTable,
  rows: VoteBallotTable[],
): Promise<Set<string>> {
  const t = TABLE_SQL[table];
  const written = new Set<string>();
  for (const part of chunks(rows)) {
    // VALUES columns are column1…column11 on both engines; the refusal guard reads column8 (the key);
    // new_worker (0/1, cast: PostgreSQL types a bare VALUES parameter as text) is column11.
    const values = sql.join(
      part.map(
        (r) =>
          sql`(${r.id}, ${r.campaignId}, ${r.candidateId}, ${r.workerId}, ${r.tier}, ${r.day}, ${r.castAt}, ${r.requestKey}, ${r.ipHash}, ${r.deviceHash}, cast(${r.newWorker ? 1 : 0} as integer))`,
      ),
    );
    const r = await sql<{ id: string }>`
      insert into ${t} (id, campaign_id, candidate_id, worker_id, tier, day, cast_at, request_key, ip_hash, device_hash, flag_id, new_worker)
      select v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10, null, v.column11
      from (values ${values}) as v
      where not exists (select 1 from vote_refusal where request_key = v.column8)
      on conflict do nothing
      returning id`.execute(db);
    for (const row of r.rows) written.add(row.id);
  }
  return written;
}

export async function deleteBallots(db: Executor, table: BallotKindTable, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) await db.deleteFrom(table).where('id', 'in', part).execute();
}

export interface VoterDayKey {
  campaignId: string;
  workerId: string;
  day: string;
}

export interface VoterDayBump extends VoterDayKey {
  votes: number;
  likes: number;
  /** The candidates of `votes`, ",id,id" ('' for none). */
  voted: string;
}

/** A worker's day: the caps' counts and the candidates voted for. */
export interface VoterDayCounts {
  votes: number;
  likes: number;
  candidates: number;
  voted: string;
}

/** The candidate ids of a `voted` column (",id,id"). */
export function votedList(voted: string | null | undefined): string[] {
  return voted ? voted.split(',').filter(Boolean) : [];
}

/**
 * The set-based `bumpVoterDay`: adds each (worker, day)'s votes and likes of a batch in one
 * upsert per chunk, each group only when all of it fits under the caps (a conditional upsert, as
 * the single one: concurrent writers can never pass a cap together). A group adding nothing
 * (0, 0) reads its row in the same statement; it is only sent for a day that has a row (a replay
 * or an already-today refusal stands on a vote or like counted that day), so no empty row is
 * inserted and the voters per day stay one row each. The groups counted (or read), with their counts
 * after; a group not returned was not counted at all. Groups must be distinct and each group's
 * own counts within the caps (a new row is inserted unchecked).
 */
export async function bumpVoterDays(
  db: Executor,
  groups: VoterDayBump[],
  caps: { votes: number; likes: number },
): Promise<(VoterDayKey & VoterDayCounts)[]> {
  const out: (VoterDayKey & VoterDayCounts)[] = [];
  for (const part of chunks(groups)) {
    const rows = await db
      .insertInto('voteVoterDay')
      .values(
        part.map((g) => ({
          campaignId: g.campaignId,
          workerId: g.workerId,
          day: g.day,
          votes: g.votes,
          likes: g.likes,
          candidates: g.votes,
          voted: g.voted,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['campaignId', 'workerId', 'day'])
          .doUpdateSet((eb) => ({
            votes: eb('voteVoterDay.votes', '+', eb.ref('excluded.votes')),
            likes: eb('voteVoterDay.likes', '+', eb.ref('excluded.likes')),
            candidates: eb('voteVoterDay.candidates', '+', eb.ref('excluded.candidates')),
            voted: eb('voteVoterDay.voted', '||', eb.ref('excluded.voted')),
          }))
          .where((eb) =>
            eb.and([
              eb(eb('voteVoterDay.candidates', '+', eb.ref('excluded.candidates')), '<=', caps.votes),
              eb(eb('voteVoterDay.likes', '+', eb.ref('excluded.likes')), '<=', caps.likes),
            ]),
          ),
      )
      .returning(['campaignId', 'workerId', 'day', 'votes', 'likes', 'candidates', 'voted'])
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * The stored first answers of request keys, in one query: counted votes (of the `votes` keys),
 * counted likes (of the `likes` keys) and refusals (of all). `outcome` is 'counted' for a counted
 * row. At most CHUNK keys of each kind.
 */
export async function findAnswers(db: Executor, votes: string[], likes: string[]) {
  const counted = (table: BallotKindTable, keys: string[], kind: 'vote' | 'like') =>
    db
      .selectFrom(table)
      .select([
        'requestKey',
        'workerId',
        'candidateId',
        'day',
        sql<string>`'counted'`.as('outcome'),
        sql<string>`${sql.lit(kind)}`.as('kind'),
      ])
      .where('requestKey', 'in', keys);
  const refused = db
    .selectFrom('voteRefusal')
    .select(['requestKey', 'workerId', 'candidateId', 'day', 'outcome', 'kind'])
    .where('requestKey', 'in', [...votes, ...likes]);
  if (!votes.length && !likes.length) return [];
  let q = refused;
  if (votes.length) q = q.unionAll(counted('voteBallot', votes, 'vote'));
  if (likes.length) q = q.unionAll(counted('voteLike', likes, 'like'));
  return q.execute();
}

/**
 * The set-based `insertRefusal` for votes not written: each refusal is stored unless its key
 * already has an answer — a refusal (the key's primary key) or a counted vote (the guard). The
 * request keys whose refusal this statement stored; the others have a first answer to replay.
 */
export async function insertRefusalsGuarded(
  db: Executor,
  rows: Parameters<typeof insertRefusal>[1][],
): Promise<Set<string>> {
  const written = new Set<string>();
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map(
        (r) =>
          sql`(${r.requestKey}, ${r.campaignId}, ${r.workerId}, ${r.candidateId}, ${r.kind}, ${r.outcome}, ${r.day}, ${r.at})`,
      ),
    );
    const r = await sql<{ requestKey: string }>`
      insert into vote_refusal (request_key, campaign_id, worker_id, candidate_id, kind, outcome, day, at)
      select v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8
      from (values ${values}) as v
      where not exists (select 1 from vote_ballot where request_key = v.column1)
      on conflict do nothing
      returning request_key`.execute(db);
    for (const x of r.rows) written.add(x.requestKey);
  }
  return written;
}

/** Takes back refusals written earlier in the same transaction (their worker's day went alone). */
export async function deleteRefusals(db: Executor, keys: string[]): Promise<void> {
  for (const part of chunks(keys))
    await db.deleteFrom('voteRefusal').where('requestKey', 'in', part).execute();
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
 * so concurrent requests can never pass the cap together. The day's counts after it (and the
 * candidates voted for), or undefined when the cap was reached.
 */
export async function bumpVoterDay(
  db: Executor,
  key: { campaignId: string; workerId: string; day: string },
  kind: 'vote' | 'like',
  cap: number,
  candidateId: string,
): Promise<VoterDayCounts | undefined> {
  if (cap <= 0) return undefined;
  const r = await db
    .insertInto('voteVoterDay')
    .values({
      ...key,
      votes: kind === 'vote' ? 1 : 0,
      likes: kind === 'like' ? 1 : 0,
      candidates: kind === 'vote' ? 1 : 0,
      voted: kind === 'vote' ? `,${candidateId}` : '',
    })
    .onConflict((oc) =>
      kind === 'vote'
        ? oc
            .columns(['campaignId', 'workerId', 'day'])
            .doUpdateSet((eb) => ({
              votes: eb('voteVoterDay.votes', '+', 1),
              candidates: eb('voteVoterDay.candidates', '+', 1),
              voted: eb('voteVoterDay.voted', '||', eb.ref('excluded.voted')),
            }))
            .where('voteVoterDay.candidates', '<', cap)
        : oc
            .columns(['campaignId', 'workerId', 'day'])
            .doUpdateSet((eb) => ({ likes: eb('voteVoterDay.likes', '+', 1) }))
            .where('voteVoterDay.likes', '<', cap),
    )
    .returning(['votes', 'likes', 'candidates', 'voted'])
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
export async function addToTally(db: Executor, unsorted: TallyDelta[]): Promise<void> {
  // In one order everywhere: two transactions adding to the same rows wait for each other in
  // turn instead of each holding a row the other needs (PostgreSQL, several writers).
  const key = (d: TallyDelta) => `${d.campaignId}|${d.candidateId}|${d.day}|${d.tier}`;
  const deltas = [...unsorted].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
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
    .select(['votes', 'likes', 'candidates', 'voted'])
    .where('campaignId', '=', campaignId)
    .where('workerId', '=', workerId)
    .where('day', '=', day)
    .executeTakeFirst();
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
