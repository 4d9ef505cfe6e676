import type { z } from 'zod';
import type {
  AnalyticsAnswer,
  AnalyticsQuery,
  Appeal,
  AppealBody,
  CreateFlagBody,
  DecideAppealBody,
  DecideFlagBody,
  Flag,
  FlagCriteria,
} from '../../../../contracts/vote-ballots';
import { isUniqueViolation } from '../../../db/dialect';
import { requireAction } from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { CandidateService } from '../nominations/candidate.service';
import { totalsVisible } from '../ballots/ballot.policy';
import type { BallotService } from '../ballots/ballot.service';
import * as repo from './integrity.repository';

/**
 * Fraud review with due process (S7b point 7): analytics over the raw votes, flags with evidence,
 * decisions (discount the flagged votes, zero the candidate by the published rule, or dismiss),
 * the nominating unit notified (it sees the flag on its page) and its appeal; every step audited.
 */
export class IntegrityService {
  constructor(
    private readonly p: Platform,
    private readonly ballots: BallotService,
    private readonly candidates: CandidateService,
  ) {}

  async analytics(
    ctx: RequestContext,
    campaignId: string,
    q: z.infer<typeof AnalyticsQuery>,
  ): Promise<z.infer<typeof AnalyticsAnswer>> {
    const campaign = await this.ballots.requireOrganiser(ctx, campaignId, 'vote.integrity');
    const shown = totalsVisible(campaign);
    const t0 = performance.now();
    const db = this.p.db;
    const minutes = await repo.perMinute(db, campaignId);
    const byCandidate = new Map<string, { sum: number; n: number }>();
    for (const m of minutes) {
      const e = byCandidate.get(m.candidateId) ?? { sum: 0, n: 0 };
      e.sum += Number(m.votes);
      e.n++;
      byCandidate.set(m.candidateId, e);
    }
    const bursts = minutes
      .map((m) => {
        const e = byCandidate.get(m.candidateId)!;
        const baseline = e.sum / e.n;
        return { candidateId: m.candidateId, minute: `${m.minute}:00Z`, votes: Number(m.votes), baseline };
      })
      .filter((b) => b.votes >= 10 && b.votes >= q.burstFactor * b.baseline)
      .sort((a, b) => b.votes / b.baseline - a.votes / a.baseline)
      .slice(0, 50)
      .map(({ baseline, ...b }) => ({ ...b, baselineX100: Math.round(baseline * 100) }));
    const clusters = [];
    for (const by of ['ipHash', 'deviceHash'] as const) {
      for (const c of await repo.clusters(db, campaignId, by, q.clusterMin)) {
        if (!c.hash) continue;
        clusters.push({
          by: by === 'ipHash' ? ('ip' as const) : ('device' as const),
          hash: c.hash,
          workers: Number(c.workers),
          votes: Number(c.votes),
          candidates: (await repo.clusterCandidates(db, campaignId, by, c.hash)).map((x) => ({
            candidateId: x.candidateId,
            votes: Number(x.votes),
          })),
        });
      }
    }
    const newWorkers = (await repo.newWorkerVotes(db, campaignId)).map((r) => {
      const votes = Number(r.votes);
      const n = Number(r.newVotes ?? 0);
      const shareX10000 = votes ? Math.round((n / votes) * 10000) : 0;
      // Per-candidate totals only where the one rule lets them be shown.
      return shown
        ? { candidateId: r.candidateId, votes, newWorkerVotes: n, shareX10000 }
        : { candidateId: r.candidateId, shareX10000 };
    });
    newWorkers.sort((a, b) => b.shareX10000 - a.shareX10000);
    const inhuman = (await repo.fastVoters(db, this.p.engine, campaignId, q.rateSeconds)).map((r) => ({
      // A reference, not the worker's id: enough to tell workers apart on the page.
      workerRef: this.p.blindIndex('device', `worker-ref:${r.workerId}`).slice(0, 12),
      fastPairs: Number(r.fastPairs),
      votes: Number(r.votes),
    }));
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.integrity.analytics',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { bursts: bursts.length, clusters: clusters.length, inhuman: inhuman.length },
      }),
    );
    return { campaignId, bursts, clusters, newWorkers, inhuman, ms: Math.round(performance.now() - t0) };
  }

  private view(r: repo.FlagRow): z.infer<typeof Flag> {
    return {
      id: r.id,
      campaignId: r.campaignId,
      candidateId: r.candidateId,
      criteria: JSON.parse(r.criteria) as Record<string, unknown>,
      evidence: r.evidence,
      ballotsCount: Number(r.ballotsCount),
      state: r.state,
      decision: r.decision,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt,
      createdAt: r.createdAt,
      version: Number(r.version),
      appeal: r.appealId
        ? {
            id: r.appealId,
            flagId: r.id,
            orgId: r.appealOrgId!,
            text: r.appealText!,
            state: r.appealState!,
            decisionReason: r.appealDecisionReason ?? null,
            createdAt: r.appealCreatedAt!,
            decidedAt: r.appealDecidedAt ?? null,
            version: Number(r.appealVersion),
          }
        : null,
    };
  }

  async listFlags(ctx: RequestContext, campaignId: string, state?: 'open' | 'decided') {
    await this.ballots.requireOrganiser(ctx, campaignId, 'vote.integrity');
    return { items: (await repo.listFlags(this.p.db, campaignId, { state })).map((r) => this.view(r)) };
  }

  /** The nominating unit's page: flags raised on its own candidates (the notification). */
  async unitFlags(ctx: RequestContext, campaignId: string) {
    requireAction(ctx.actor, 'vote.appeal');
    const campaign = await this.ballots.campaign(campaignId);
    // A unit reaches the campaigns of the federations above it (as it does to read and nominate);
    // another federation's campaign answers exactly like a missing one.
    const organiser = await repo.orgPath(this.p.db, campaign.orgId);
    if (organiser === undefined || !ctx.actor.orgPath.startsWith(organiser)) {
      throw notFound('vote_ballot_campaign');
    }
    return {
      items: (await repo.listFlags(this.p.db, campaignId, { orgId: ctx.actor.orgId })).map((r) =>
        this.view(r),
      ),
    };
  }

  async createFlag(ctx: RequestContext, campaignId: string, body: z.infer<typeof CreateFlagBody>) {
    await this.ballots.requireOrganiser(ctx, campaignId, 'vote.integrity');
    const criteria: FlagCriteria = body.criteria;
    let notifiedOrgId: string | null = null;
    if (criteria.candidateId) {
      const c = await this.candidates.forBallots(campaignId, criteria.candidateId);
      if (!c)
        throw invalid(
          'vote.candidate_unknown',
          'body.criteria.candidateId',
          'no such candidate in this campaign',
        );
      notifiedOrgId = c.orgId;
    }
    const count = await repo.countMatching(this.p.db, campaignId, criteria);
    if (count === 0) throw invalid('vote.flag_empty', 'body.criteria', 'no votes match these criteria');
    const id = this.p.ids();
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertFlag(trx, {
        id,
        campaignId,
        candidateId: criteria.candidateId ?? null,
        criteria: JSON.stringify(criteria),
        evidence: body.evidence,
        ballotsCount: count,
        state: 'open',
        decision: null,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        notifiedOrgId,
        createdBy: ctx.actor.userId,
        createdAt: at,
        version: 1,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.flag.create',
        subjectType: 'vote_flag',
        subjectId: id,
        details: { campaignId, candidateId: criteria.candidateId ?? null, ballots: count, notifiedOrgId },
      });
    });
    return this.view((await repo.findFlag(this.p.db, campaignId, id))!);
  }

  private async flagOf(campaignId: string, flagId: string) {
    const f = await repo.findFlag(this.p.db, campaignId, flagId);
    if (!f) throw notFound('vote_flag');
    return f;
  }

  async decideFlag(
    ctx: RequestContext,
    campaignId: string,
    flagId: string,
    body: z.infer<typeof DecideFlagBody>,
  ) {
    const campaign = await this.ballots.requireOrganiser(ctx, campaignId, 'vote.integrity');
    const f = await this.flagOf(campaignId, flagId);
    if (f.state !== 'open') throw conflict('vote.flag_decided', 'this flag is already decided');
    if (body.decision === 'zero') {
      if (!campaign.rules.zeroOnConfirmedFraud) {
        throw invalid('vote.zero_not_allowed', 'body.decision', 'the published rules do not allow zeroing');
      }
      if (!f.candidateId)
        throw invalid('vote.zero_not_allowed', 'body.decision', 'the flag names no candidate');
    }
    const criteria = JSON.parse(f.criteria) as FlagCriteria;
    const at = this.p.clock.now().toISOString();
    // Read before the transaction: on SQLite the one connection is the transaction's until it ends.
    const candidate = body.decision === 'zero' ? await this.candidates.get(campaignId, f.candidateId!) : null;
    if (body.decision === 'zero' && !candidate) throw notFound('vote_candidate');
    await this.p.db.transaction().execute(async (trx) => {
      let discounted = 0;
      if (body.decision !== 'dismiss')
        discounted = await repo.discountMatching(trx, campaignId, criteria, flagId);
      const ok = await repo.decideFlag(trx, flagId, body.version, {
        decision: body.decision,
        decisionReason: body.reason,
        decidedBy: ctx.actor.userId,
        decidedAt: at,
        ballotsCount: body.decision === 'dismiss' ? Number(f.ballotsCount) : discounted,
      });
      if (!ok) throw conflict('vote.flag_stale', 'the flag changed meanwhile; reload it');
      if (candidate)
        await this.candidates.setState(trx, campaignId, candidate.id, candidate.version, 'zeroed');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.flag.decide',
        subjectType: 'vote_flag',
        subjectId: flagId,
        details: { campaignId, decision: body.decision, discounted, candidateId: f.candidateId },
      });
    });
    this.ballots.forget(campaignId);
    return this.view(await this.flagOf(campaignId, flagId));
  }

  async appeal(ctx: RequestContext, campaignId: string, flagId: string, body: z.infer<typeof AppealBody>) {
    requireAction(ctx.actor, 'vote.appeal');
    const f = await repo.findFlag(this.p.db, campaignId, flagId);
    // Another unit's flag is not found (it is not theirs to see).
    if (!f || f.notifiedOrgId !== ctx.actor.orgId) throw notFound('vote_flag');
    if (f.state !== 'decided' || f.decision === 'dismiss') {
      throw conflict('vote.flag_not_decided', 'only a decision against the candidate can be appealed');
    }
    const id = this.p.ids();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertAppeal(trx, {
          id,
          flagId,
          campaignId,
          orgId: ctx.actor.orgId,
          text: body.text,
          state: 'submitted',
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          createdBy: ctx.actor.userId,
          createdAt: this.p.clock.now().toISOString(),
          version: 1,
        });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'vote.appeal.create',
          subjectType: 'vote_appeal',
          subjectId: id,
          details: { campaignId, flagId },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('vote.appeal_exists', 'this flag already has an appeal');
      throw err;
    }
    return this.view(await this.flagOf(campaignId, flagId));
  }

  async decideAppeal(
    ctx: RequestContext,
    campaignId: string,
    appealId: string,
    body: z.infer<typeof DecideAppealBody>,
  ): Promise<z.infer<typeof Appeal>> {
    await this.ballots.requireOrganiser(ctx, campaignId, 'vote.integrity');
    const a = await repo.findAppeal(this.p.db, campaignId, appealId);
    if (!a) throw notFound('vote_appeal');
    if (a.state !== 'submitted') throw conflict('vote.appeal_decided', 'this appeal is already decided');
    const f = await this.flagOf(campaignId, a.flagId);
    const at = this.p.clock.now().toISOString();
    const zeroed =
      body.decision === 'upheld' && f.decision === 'zero' && f.candidateId
        ? await this.candidates.get(campaignId, f.candidateId)
        : null;
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.decideAppeal(trx, appealId, body.version, {
        state: body.decision,
        decisionReason: body.reason,
        decidedBy: ctx.actor.userId,
        decidedAt: at,
      });
      if (!ok) throw new AppError('vote.flag_stale', 409, 'the appeal changed meanwhile; reload it');
      let restored = 0;
      if (body.decision === 'upheld') {
        // The decision is taken back: the votes count again, a zeroed candidate is active again.
        restored = await repo.restoreFlagged(trx, campaignId, f.id);
        if (zeroed && zeroed.state === 'zeroed') {
          await this.candidates.setState(trx, campaignId, zeroed.id, zeroed.version, 'active');
        }
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.appeal.decide',
        subjectType: 'vote_appeal',
        subjectId: appealId,
        details: { campaignId, flagId: f.id, decision: body.decision, restored },
      });
    });
    this.ballots.forget(campaignId);
    const after = (await repo.findAppeal(this.p.db, campaignId, appealId))!;
    return {
      id: after.id,
      flagId: after.flagId,
      orgId: after.orgId,
      text: after.text,
      state: after.state,
      decisionReason: after.decisionReason,
      createdAt: after.createdAt,
      decidedAt: after.decidedAt,
      version: Number(after.version),
    };
  }
}
