import type { z } from 'zod';
import type {
  Allowance,
  CastAnswer,
  CastBody,
  CleanTotal,
  MyVotesAnswer,
  PublicCandidateList,
  RecountAnswer,
  TallyAnswer,
} from '../../../../contracts/vote-ballots';
import { isUniqueViolation } from '../../../db/dialect';
import { requireRecord } from '../../../platform/auth/actor';
import { GroupCommit } from '../../../platform/batch';
import { chinaDate } from '../../../platform/clock';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import { castRefusal, dailyCaps, totalsVisible } from './ballot.policy';
import { allowanceOf, castSet, type CastResult } from './ballot.batch';
import * as repo from './ballot.repository';
import type {
  BallotCampaignView,
  BallotCandidateView,
  CampaignsPort,
  CandidatesPort,
  CastMeta,
  OrgsPort,
  Voter,
} from './ports';

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

export interface BallotServiceOptions {
  /** How long a campaign's rules and candidate list are kept in memory (ms). Rules are frozen while voting. */
  cacheMs?: number;
  maxBatch?: number;
  maxWaitMs?: number;
  /** The group commit's lanes (default 1; the run keys them by worker). */
  lanes?: number;
}

type Answer = z.infer<typeof CastAnswer>;

/** A newly registered worker: first seen at most 24 hours before the vote (the integrity review's share). */
function newWorkerAt(firstSeenAt: string, at: Date): boolean {
  const seen = Date.parse(firstSeenAt);
  return Number.isFinite(seen) && at.getTime() - seen <= 86_400_000;
}

/**
 * Votes and likes (S7b point 6). The write path is the platform's group commit with the ballots'
 * set-based write (`castSet`, ballot.batch.ts): a batch's requests are written together (a
 * multi-row guarded insert, one conditional cap upsert for all its workers' days, one tally
 * upsert), and a request is answered only after the commit that holds it. The rules hold by the database: the unique index keeps one vote per
 * worker, candidate and day; the conditional upsert keeps the caps; the request key is unique.
 */
export class BallotService {
  readonly writes: GroupCommit;
  private readonly cacheMs: number;
  private readonly campaignCache = new Map<string, Cached<BallotCampaignView | null>>();
  private readonly candidateCache = new Map<string, Cached<Map<string, BallotCandidateView>>>();

  constructor(
    private readonly p: Platform,
    private readonly campaigns: CampaignsPort,
    private readonly candidates: CandidatesPort,
    private readonly orgs: OrgsPort,
    opts: BallotServiceOptions = {},
  ) {
    this.cacheMs = opts.cacheMs ?? 1000;
    // One lane on both engines: on PostgreSQL more lanes (keyed by worker) made smaller batches
    // and more statements in all, and were slower (docs/BENCHMARKS.md → votes).
    this.writes = new GroupCommit(p.db, {
      maxBatch: opts.maxBatch ?? 256,
      maxWaitMs: opts.maxWaitMs ?? 2,
      lanes: opts.lanes ?? 1,
    });
  }

  /** Forget what was cached of a campaign (its state or candidates changed). */
  forget(campaignId: string): void {
    this.campaignCache.delete(campaignId);
    this.candidateCache.delete(campaignId);
  }

  /**
   * The campaign's rules and state, cached for `cacheMs`. One read in flight per campaign: the
   * requests arriving while it runs (hundreds at once under load) wait for that one instead of
   * each reading the campaign again.
   */
  async campaign(campaignId: string): Promise<BallotCampaignView> {
    const now = performance.now();
    let hit = this.campaignCache.get(campaignId);
    if (!hit || now - hit.at >= this.cacheMs) {
      const value = this.campaigns.forBallots(campaignId).then(
        (c) => c ?? null,
        (err: unknown) => {
          if (err instanceof AppError && err.status === 404) return null;
          throw err;
        },
      );
      hit = { at: now, value };
      this.campaignCache.set(campaignId, hit);
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (this.campaignCache.get(campaignId) === hit) this.campaignCache.delete(campaignId);
      });
    }
    const c = await hit.value;
    if (!c) throw notFound('vote_ballot_campaign');
    return c;
  }

  async candidateMap(campaignId: string): Promise<Map<string, BallotCandidateView>> {
    const now = performance.now();
    let hit = this.candidateCache.get(campaignId);
    if (!hit || now - hit.at >= this.cacheMs) {
      const value = this.candidates.list(campaignId).then((list) => new Map(list.map((c) => [c.id, c])));
      hit = { at: now, value };
      this.candidateCache.set(campaignId, hit);
      value.catch(() => {
        if (this.candidateCache.get(campaignId) === hit) this.candidateCache.delete(campaignId);
      });
    }
    return hit.value;
  }

  // ---- casting ----

  async cast(
    voter: Voter,
    campaignId: string,
    body: z.infer<typeof CastBody>,
    meta: CastMeta,
  ): Promise<Answer> {
    const campaign = await this.campaign(campaignId);
    const at = this.p.clock.now();
    const refusal = castRefusal(campaign, voter.tier, at);
    if (refusal === 'vote.window_closed') {
      throw new AppError(refusal, 409, 'voting is not open now', {
        fields: [{ field: 'params.id', message: 'voting is not open now' }],
      });
    }
    if (refusal) throw invalid(refusal, 'tier', 'this campaign does not count votes of this tier');
    return this.write(campaign, voter, body, meta, at);
  }

  /**
   * A vote or like cast at a stated past instant (the demo's eleven days, an import of votes
   * collected elsewhere): the same write path, caps, unique index and tallies as `cast`, the day
   * taken from `at`. No route calls it: the public route always takes the clock's time. The
   * instant must not be in the future and must fall inside the campaign's voting window when
   * the campaign has one; the campaign's state is not checked (the votes were cast while it was
   * open).
   */
  async castAsOf(
    voter: Voter,
    campaignId: string,
    body: z.infer<typeof CastBody>,
    meta: CastMeta,
    at: Date,
  ): Promise<Answer> {
    const campaign = await this.campaign(campaignId);
    const t = at.getTime();
    if (!Number.isFinite(t) || t > this.p.clock.now().getTime()) {
      throw invalid('vote.window_closed', 'castAt', 'a stated vote time must be a past instant');
    }
    const opens = campaign.votingOpens ? Date.parse(campaign.votingOpens) : -Infinity;
    const closes = campaign.votingCloses ? Date.parse(campaign.votingCloses) : Infinity;
    if (!(t >= opens && t < closes)) {
      throw invalid('vote.window_closed', 'castAt', 'the stated time is outside the voting window');
    }
    if (!campaign.rules.tiersCounted.includes(voter.tier)) {
      throw invalid('vote.tier_not_counted', 'tier', 'this campaign does not count votes of this tier');
    }
    return this.write(campaign, voter, body, meta, at);
  }

  private async write(
    campaign: BallotCampaignView,
    voter: Voter,
    body: z.infer<typeof CastBody>,
    meta: CastMeta,
    at: Date,
  ): Promise<Answer> {
    const campaignId = campaign.id;
    const candidate = (await this.candidateMap(campaignId)).get(body.candidateId);
    if (!candidate || candidate.state !== 'active') {
      throw invalid('vote.candidate_unknown', 'body.candidateId', 'no such candidate in this campaign');
    }
    const caps = dailyCaps(campaign.rules);
    const row = {
      id: this.p.ids(),
      campaignId,
      candidateId: body.candidateId,
      workerId: voter.workerId,
      tier: voter.tier,
      day: chinaDate(at),
      castAt: at.toISOString(),
      requestKey: body.requestKey,
      ipHash: meta.ip ? this.p.blindIndex('ip', meta.ip) : null,
      deviceHash:
        meta.userAgent || meta.deviceId
          ? this.p.blindIndex('device', `${meta.userAgent ?? ''}|${meta.deviceId ?? ''}`)
          : null,
      flagId: null,
      newWorker: newWorkerAt(voter.firstSeenAt, at) ? 1 : 0,
    };
    let first: CastResult;
    try {
      first = await this.writes.runIn(castSet, { row, kind: body.kind, caps }, voter.workerId);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (isUniqueViolation(err)) {
        throw conflict('vote.request_key_reused', 'that request key belongs to another request');
      }
      throw err;
    }
    return {
      outcome: first.outcome,
      kind: body.kind,
      candidateId: first.candidateId,
      day: first.day,
      replayed: first.replayed,
      allowance: first.allowance,
    };
  }

  private async allowanceOn(campaign: BallotCampaignView, workerId: string, day: string): Promise<Allowance> {
    const used = await repo.voterDay(this.p.db, campaign.id, workerId, day);
    return allowanceOf(dailyCaps(campaign.rules), day, used, repo.votedList(used?.voted));
  }

  async allowance(voter: Voter, campaignId: string): Promise<Allowance> {
    const campaign = await this.campaign(campaignId);
    return this.allowanceOn(campaign, voter.workerId, chinaDate(this.p.clock.now()));
  }

  /** A worker's own votes and likes (nobody else's: the worker id comes from the session). */
  async myVotes(voter: Voter, campaignId: string, limit: number): Promise<z.infer<typeof MyVotesAnswer>> {
    await this.campaign(campaignId);
    const cands = await this.candidateMap(campaignId);
    const rows = await repo.myBallots(this.p.db, campaignId, voter.workerId, limit);
    return {
      items: rows.map((r) => {
        const c = cands.get(r.candidateId);
        return {
          kind: r.kind as 'vote' | 'like',
          candidateId: r.candidateId,
          candidateNumber: c?.number ?? null,
          candidateName: c?.name ?? null,
          day: r.day,
          castAt: r.castAt,
        };
      }),
    };
  }

  // ---- counting ----

  /** Per-candidate raw totals from the tallies (counted tiers only: others are refused). */
  private async totalsByCandidate(
    campaignId: string,
  ): Promise<Map<string, { votes: number; likes: number }>> {
    const rows = await repo.tallyRows(this.p.db, campaignId);
    const m = new Map<string, { votes: number; likes: number }>();
    for (const r of rows) {
      const t = m.get(r.candidateId) ?? { votes: 0, likes: 0 };
      t.votes += Number(r.votes);
      t.likes += Number(r.likes);
      m.set(r.candidateId, t);
    }
    return m;
  }

  /** The public candidate list: no personal data; totals only when the one rule says so. */
  async publicCandidates(campaignId: string): Promise<z.infer<typeof PublicCandidateList>> {
    const campaign = await this.campaign(campaignId);
    const shown = totalsVisible(campaign);
    const totals = shown ? await this.totalsByCandidate(campaignId) : null;
    const list = [...(await this.candidateMap(campaignId)).values()]
      .filter((c) => c.state !== 'withdrawn')
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
    return {
      campaignId,
      state: campaign.state,
      totalsShown: shown,
      items: list.map((c) => ({
        id: c.id,
        number: c.number ?? 0,
        name: c.name ?? '',
        unitName: c.unitName ?? '',
        regionCode: c.regionCode ?? null,
        photoFileId: c.photoFileId ?? null,
        storyExcerpt: (c.story ?? '').slice(0, 120),
        ...(totals ? { votes: totals.get(c.id)?.votes ?? 0, likes: totals.get(c.id)?.likes ?? 0 } : {}),
      })),
    };
  }

  /** The organiser's check: the campaign's organising federation (or above) holding `action`. */
  async requireOrganiser(ctx: RequestContext, campaignId: string, action: 'vote.tally' | 'vote.integrity') {
    const campaign = await this.campaign(campaignId);
    const scope = await this.orgs.findScope(campaign.orgId);
    requireRecord(ctx.actor, action, scope, 'vote_ballot_campaign');
    return campaign;
  }

  async tallies(
    ctx: RequestContext,
    campaignId: string,
    q: { from?: string; to?: string },
  ): Promise<z.infer<typeof TallyAnswer>> {
    const campaign = await this.requireOrganiser(ctx, campaignId, 'vote.tally');
    const shown = totalsVisible(campaign);
    const [rows, voters, cands] = await Promise.all([
      repo.tallyRows(this.p.db, campaignId, q.from, q.to),
      repo.votersPerDay(this.p.db, campaignId, q.from, q.to),
      this.candidateMap(campaignId),
    ]);
    const days = new Map<string, { votes: number; likes: number }>();
    const regions = new Map<string, { votes: number; likes: number }>();
    const tiers = new Map<string, { votes: number; likes: number }>();
    const perCandidate = new Map<string, { votes: number; likes: number }>();
    const total = { votes: 0, likes: 0 };
    const add = (m: Map<string, { votes: number; likes: number }>, k: string, v: number, l: number) => {
      const t = m.get(k) ?? { votes: 0, likes: 0 };
      t.votes += v;
      t.likes += l;
      m.set(k, t);
    };
    for (const r of rows) {
      const v = Number(r.votes);
      const l = Number(r.likes);
      add(days, r.day, v, l);
      add(regions, cands.get(r.candidateId)?.regionCode ?? 'unknown', v, l);
      add(tiers, r.tier, v, l);
      add(perCandidate, r.candidateId, v, l);
      total.votes += v;
      total.likes += l;
    }
    const votersOf = new Map(voters.map((v) => [v.day, Number(v.voters)]));
    return {
      campaignId,
      totalsShown: shown,
      days: [...days]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, t]) => ({ day, ...t, voters: votersOf.get(day) ?? 0 })),
      regions: [...regions]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([regionCode, t]) => ({ regionCode, ...t })),
      byTier: [...tiers].map(([tier, t]) => ({ tier, ...t })),
      total,
      ...(shown
        ? {
            candidates: [...perCandidate].map(([candidateId, t]) => ({
              candidateId,
              number: cands.get(candidateId)?.number ?? null,
              name: cands.get(candidateId)?.name ?? null,
              ...t,
            })),
          }
        : {}),
    };
  }

  /** Recount from the raw votes and likes, compared with the tallies row by row. */
  async recountRaw(campaignId: string): Promise<z.infer<typeof RecountAnswer>> {
    const t0 = performance.now();
    const [tally, raw] = [
      await repo.tallyRows(this.p.db, campaignId),
      await repo.recountRows(this.p.db, campaignId),
    ];
    const key = (r: { candidateId: string; day: string; tier: string }) =>
      `${r.candidateId}|${r.day}|${r.tier}`;
    const fromRaw = new Map<string, { votes: number; likes: number }>();
    for (const r of raw.votes) fromRaw.set(key(r), { votes: Number(r.n), likes: 0 });
    for (const r of raw.likes) {
      const e = fromRaw.get(key(r)) ?? { votes: 0, likes: 0 };
      e.likes = Number(r.n);
      fromRaw.set(key(r), e);
    }
    let differences = 0;
    const sums = { tally: { votes: 0, likes: 0 }, recount: { votes: 0, likes: 0 } };
    const seen = new Set<string>();
    for (const r of tally) {
      const k = key(r);
      seen.add(k);
      const e = fromRaw.get(k) ?? { votes: 0, likes: 0 };
      sums.tally.votes += Number(r.votes);
      sums.tally.likes += Number(r.likes);
      if (e.votes !== Number(r.votes) || e.likes !== Number(r.likes)) differences++;
    }
    for (const [k, e] of fromRaw) {
      sums.recount.votes += e.votes;
      sums.recount.likes += e.likes;
      if (!seen.has(k) && (e.votes || e.likes)) differences++;
    }
    return {
      campaignId,
      equal: differences === 0,
      tally: sums.tally,
      recount: sums.recount,
      differences,
      ms: Math.round(performance.now() - t0),
    };
  }

  async recount(ctx: RequestContext, campaignId: string): Promise<z.infer<typeof RecountAnswer>> {
    await this.requireOrganiser(ctx, campaignId, 'vote.tally');
    const r = await this.recountRaw(campaignId);
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.recount',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        result: r.equal ? 'success' : 'failure',
        details: {
          equal: r.equal,
          differences: r.differences,
          votes: r.recount.votes,
          likes: r.recount.likes,
        },
      }),
    );
    return r;
  }

  /**
   * For the result (vote-core's results/): raw, discounted and clean votes per candidate. A
   * candidate zeroed by a decision has clean votes 0. Not subject to `totalsVisible`: the result
   * is what publishes them.
   */
  async cleanTotals(campaignId: string): Promise<CleanTotal[]> {
    const [totals, discounted, cands] = await Promise.all([
      this.totalsByCandidate(campaignId),
      repo.discountedPerCandidate(this.p.db, campaignId),
      this.candidates.list(campaignId),
    ]);
    const off = new Map(discounted.map((d) => [d.candidateId, Number(d.n)]));
    return cands
      .filter((c) => c.state !== 'withdrawn')
      .map((c) => {
        const t = totals.get(c.id) ?? { votes: 0, likes: 0 };
        const d = Math.min(off.get(c.id) ?? 0, t.votes);
        return {
          candidateId: c.id,
          rawVotes: t.votes,
          discountedVotes: d,
          cleanVotes: c.state === 'zeroed' ? 0 : t.votes - d,
          likes: t.likes,
        };
      });
  }

  async close(): Promise<void> {
    await this.writes.close();
  }
}
