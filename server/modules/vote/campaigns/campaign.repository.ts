import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth/actor';
import type { Relation } from '../../../platform/auth/policy';
import { scopeWhere } from '../../../platform/auth/scope';
import { fetchPage, type Page } from '../../../platform/pagination';
import type { VoteCampaignTable } from './tables';

type Executor = Kysely<Database>;

export async function insertCampaign(db: Executor, row: Insertable<VoteCampaignTable>): Promise<void> {
  await db.insertInto('voteCampaign').values(row).execute();
}

function campaignRows(db: Executor) {
  return db
    .selectFrom('voteCampaign as c')
    .innerJoin('organisation as o', 'o.id', 'c.orgId')
    .selectAll('c')
    .select((eb) => [
      'o.name as orgName',
      'o.path as orgPath',
      'o.jurisdictionId as jurisdictionId',
      eb
        .selectFrom('voteCandidate as vc')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('vc.campaignId', '=', 'c.id')
        .as('candidateCount'),
      eb
        .selectFrom('voteNomination as vn')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('vn.campaignId', '=', 'c.id')
        .as('nominationCount'),
    ]);
}
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignRows>['executeTakeFirstOrThrow']>>;

export function findCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return campaignRows(db).where('c.id', '=', id).executeTakeFirst();
}

/**
 * Campaigns the actor reaches: by its relations on the organiser (the federation's staff, the
 * experts assigned to it), and — for unit cadres who nominate — every campaign run by a
 * federation above their unit (`open`: the campaign's organiser's path is a prefix of theirs).
 */
export function listCampaigns(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  open: boolean,
  q: { page: number; pageSize: number; state?: string; kind?: string },
): Promise<Page<CampaignRow>> {
  let query = campaignRows(db).where((eb) => {
    const scoped = scopeWhere(eb, actor, relations, {
      orgId: 'c.orgId',
      orgPath: 'o.path',
      jurisdictionId: 'o.jurisdictionId',
      ownerId: 'c.createdBy',
      assigned: { subjectType: 'vote_campaign', subjectId: 'c.id' },
    });
    if (!open) return scoped;
    // The organiser's path is a prefix of the actor's: `actor.orgPath LIKE o.path || '%'`.
    return eb.or([scoped, sql<SqlBool>`${actor.orgPath} like o.path || '%'`]);
  });
  if (q.state) query = query.where('c.state', '=', q.state);
  if (q.kind) query = query.where('c.kind', '=', q.kind);
  return fetchPage(
    query,
    q,
    (x) => x.orderBy('c.year', 'desc').orderBy('c.createdAt', 'desc').orderBy('c.id', 'desc'),
    (r) => r,
  );
}

/** One version-checked change of the editable parts (never the rules once frozen). */
export async function updateCampaign(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<VoteCampaignTable>,
  opts: { unfrozenAt?: string } = {},
): Promise<boolean> {
  let q = db
    .updateTable('voteCampaign')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version);
  // A change of rules or timeline: only while nothing froze them (conditional, never check-then-act).
  if (opts.unfrozenAt) q = q.where('rulesFrozenAt', 'is', null).where('votingOpens', '>', opts.unfrozenAt);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A state step, version-checked and from the state it was read in. */
export async function moveCampaign(
  db: Executor,
  id: string,
  version: number,
  from: string,
  changes: Updateable<VoteCampaignTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('voteCampaign')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The ballots' view: the few columns they need, no joins. */
export function findCampaignForBallots(db: Executor, id: string) {
  return db
    .selectFrom('voteCampaign')
    .select(['id', 'orgId', 'state', 'rules', 'votingOpens', 'votingCloses', 'resultPublishedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}
