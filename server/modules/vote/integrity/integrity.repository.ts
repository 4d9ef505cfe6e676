import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Engine } from '../../../db/database';
import type { Database } from '../../../db/schema';
import type { FlagCriteria } from '../../../../contracts/vote-ballots';
import type { VoteAppealTable, VoteFlagTable } from './tables';

type Executor = Kysely<Database>;

// ---- analytics (each one grouped query over the campaign's raw votes) ----

/** Votes per candidate and minute (bursts are minutes far above the candidate's mean minute). */
export function perMinute(db: Executor, campaignId: string) {
  return db
    .selectFrom('voteBallot')
    .select([
      'candidateId',
      sql<string>`substr(cast_at, 1, 16)`.as('minute'),
      (eb) => eb.fn.countAll<number>().as('votes'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['candidateId', sql`substr(cast_at, 1, 16)`])
    .execute();
}

/** Addresses or devices shared by at least `min` workers. */
export function clusters(db: Executor, campaignId: string, by: 'ipHash' | 'deviceHash', min: number) {
  return db
    .selectFrom('voteBallot')
    .select([
      `${by} as hash`,
      (eb) => eb.fn.count<number>('workerId').distinct().as('workers'),
      (eb) => eb.fn.countAll<number>().as('votes'),
    ])
    .where('campaignId', '=', campaignId)
    .where(by, 'is not', null)
    .groupBy(by)
    .having((eb) => eb.fn.count('workerId').distinct(), '>=', min)
    .orderBy('workers', 'desc')
    .limit(50)
    .execute();
}

export function clusterCandidates(
  db: Executor,
  campaignId: string,
  by: 'ipHash' | 'deviceHash',
  hash: string,
) {
  return db
    .selectFrom('voteBallot')
    .select(['candidateId', (eb) => eb.fn.countAll<number>().as('votes')])
    .where('campaignId', '=', campaignId)
    .where(by, '=', hash)
    .groupBy('candidateId')
    .orderBy('votes', 'desc')
    .limit(10)
    .execute();
}

/**
 * Per candidate: votes, and votes of workers first seen within 24 hours before the vote (marked
 * on each vote when it was cast: `new_worker`).
 */
export function newWorkerVotes(db: Executor, campaignId: string) {
  return db
    .selectFrom('voteBallot')
    .select([
      'candidateId',
      (eb) => eb.fn.countAll<number>().as('votes'),
      (eb) => eb.fn.sum<number>('newWorker').as('newVotes'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy('candidateId')
    .execute();
}

/** Workers whose consecutive votes came at most `seconds` apart, with how often. */
export async function fastVoters(db: Executor, engine: Engine, campaignId: string, seconds: number) {
  const gap =
    engine === 'sqlite'
      ? sql`(julianday(cast_at) - julianday(prev)) * 86400`
      : sql`extract(epoch from (cast(cast_at as timestamptz) - cast(prev as timestamptz)))`;
  const r = await sql<{ workerId: string; fastPairs: number; votes: number }>`
    select worker_id as worker_id, sum(case when prev is not null and ${gap} <= ${seconds} then 1 else 0 end) as fast_pairs,
           count(*) as votes
    from (select worker_id, cast_at, lag(cast_at) over (partition by worker_id order by cast_at) as prev
          from vote_ballot where campaign_id = ${campaignId}) s
    group by worker_id
    having sum(case when prev is not null and ${gap} <= ${seconds} then 1 else 0 end) >= 3
    order by fast_pairs desc
    limit 50`.execute(db);
  return r.rows;
}

// ---- flags ----

/** The ballots a flag's criteria name (not yet discounted by another flag). */
function matching<O>(
  q: SelectQueryBuilder<Database, 'voteBallot', O>,
  campaignId: string,
  c: FlagCriteria,
): SelectQueryBuilder<Database, 'voteBallot', O> {
  let r = q.where('campaignId', '=', campaignId).where('flagId', 'is', null);
  if (c.candidateId) r = r.where('candidateId', '=', c.candidateId);
  if (c.from) r = r.where('castAt', '>=', c.from);
  if (c.to) r = r.where('castAt', '<', c.to);
  if (c.ipHashes?.length || c.deviceHashes?.length) {
    r = r.where((eb) =>
      eb.or([
        ...(c.ipHashes?.length ? [eb('ipHash', 'in', c.ipHashes)] : []),
        ...(c.deviceHashes?.length ? [eb('deviceHash', 'in', c.deviceHashes)] : []),
      ]),
    );
  }
  return r;
}

export async function countMatching(db: Executor, campaignId: string, c: FlagCriteria): Promise<number> {
  const r = await matching(
    db.selectFrom('voteBallot').select((eb) => eb.fn.countAll<number>().as('n')),
    campaignId,
    c,
  ).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Discounts the matching ballots: they carry the flag's id (the cleaned totals drop them). */
export async function discountMatching(
  db: Executor,
  campaignId: string,
  c: FlagCriteria,
  flagId: string,
): Promise<number> {
  let q = db
    .updateTable('voteBallot')
    .set({ flagId })
    .where('campaignId', '=', campaignId)
    .where('flagId', 'is', null);
  if (c.candidateId) q = q.where('candidateId', '=', c.candidateId);
  if (c.from) q = q.where('castAt', '>=', c.from);
  if (c.to) q = q.where('castAt', '<', c.to);
  if (c.ipHashes?.length || c.deviceHashes?.length) {
    q = q.where((eb) =>
      eb.or([
        ...(c.ipHashes?.length ? [eb('ipHash', 'in', c.ipHashes)] : []),
        ...(c.deviceHashes?.length ? [eb('deviceHash', 'in', c.deviceHashes)] : []),
      ]),
    );
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An upheld appeal takes the discount back. */
export async function restoreFlagged(db: Executor, campaignId: string, flagId: string): Promise<number> {
  const r = await db
    .updateTable('voteBallot')
    .set({ flagId: null })
    .where('campaignId', '=', campaignId)
    .where('flagId', '=', flagId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertFlag(db: Executor, row: VoteFlagTable): Promise<void> {
  await db.insertInto('voteFlag').values(row).execute();
}

function flagRows(db: Executor) {
  return db
    .selectFrom('voteFlag as f')
    .leftJoin('voteAppeal as a', 'a.flagId', 'f.id')
    .selectAll('f')
    .select([
      'a.id as appealId',
      'a.orgId as appealOrgId',
      'a.text as appealText',
      'a.state as appealState',
      'a.decisionReason as appealDecisionReason',
      'a.createdAt as appealCreatedAt',
      'a.decidedAt as appealDecidedAt',
      'a.version as appealVersion',
    ]);
}
export type FlagRow = Awaited<ReturnType<ReturnType<typeof flagRows>['executeTakeFirstOrThrow']>>;

export function findFlag(db: Executor, campaignId: string, id: string): Promise<FlagRow | undefined> {
  return flagRows(db).where('f.campaignId', '=', campaignId).where('f.id', '=', id).executeTakeFirst();
}

export function listFlags(db: Executor, campaignId: string, opts: { orgId?: string; state?: string } = {}) {
  let q = flagRows(db).where('f.campaignId', '=', campaignId);
  if (opts.orgId) q = q.where('f.notifiedOrgId', '=', opts.orgId);
  if (opts.state) q = q.where('f.state', '=', opts.state as 'open' | 'decided');
  return q.orderBy('f.createdAt', 'desc').orderBy('f.id', 'desc').limit(500).execute();
}

/** Decides an open flag (version-checked); false when it changed or was decided meanwhile. */
export async function decideFlag(
  db: Executor,
  id: string,
  version: number,
  set: Pick<VoteFlagTable, 'decision' | 'decisionReason' | 'decidedBy' | 'decidedAt' | 'ballotsCount'>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteFlag')
    .set({ ...set, state: 'decided', version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAppeal(db: Executor, row: VoteAppealTable): Promise<void> {
  await db.insertInto('voteAppeal').values(row).execute();
}

export function findAppeal(db: Executor, campaignId: string, id: string) {
  return db
    .selectFrom('voteAppeal')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function decideAppeal(
  db: Executor,
  id: string,
  version: number,
  set: Pick<VoteAppealTable, 'state' | 'decisionReason' | 'decidedBy' | 'decidedAt'>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteAppeal')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An organisation's path in the tree (the organiser's, for a unit's reach), or undefined. */
export async function orgPath(db: Executor, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('path').where('id', '=', orgId).executeTakeFirst();
  return row?.path;
}
