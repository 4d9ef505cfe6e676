import type { z } from 'zod';
import {
  SCORE_CRITERIA,
  type ConflictBody,
  type ExpertNomineeList,
  type ScoreBody,
} from '../../../../contracts/vote';
import { isUniqueViolation } from '../../../db/dialect';
import { can } from '../../../platform/auth/actor';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { CampaignService } from '../campaigns/campaign.service';
import * as candidates from './candidate.repository';
import { scoringStage, scoreTotal } from './nomination.policy';
import * as repo from './nomination.repository';

type Score = z.infer<typeof ScoreBody>;
type Conflict = z.infer<typeof ConflictBody>;
const SUBJECT = 'vote_campaign';

/**
 * 评审专家: experts assigned to a campaign (p.assignments), their declared conflicts (which keep
 * them off a nominee: hidden from their list, refused by the score's own INSERT … WHERE NOT
 * EXISTS), and their scores — preliminary (for the shortlist) and final (for the result).
 */
export class ExpertService {
  constructor(
    private readonly p: Platform,
    private readonly campaigns: CampaignService,
  ) {}

  async assign(ctx: RequestContext, campaignId: string, userId: string) {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.expert.assign', campaignId);
    if (c.state === 'final' || c.state === 'cancelled')
      throw conflict('vote.bad_state', 'the campaign is over');
    if (!(await repo.isExpert(this.p.db, userId))) {
      throw invalid('vote.not_expert', 'body.userId', 'not a user with the 评审专家 role');
    }
    await this.p.db.transaction().execute(async (trx) => {
      await this.p.assignments.assign(
        trx,
        { subjectType: SUBJECT, subjectId: campaignId },
        userId,
        ctx.actor.userId,
      );
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.expert.assign',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { userId, assigned: true },
      });
    });
    return this.list(ctx, campaignId);
  }

  async revoke(ctx: RequestContext, campaignId: string, userId: string) {
    await this.campaigns.requireCampaign(ctx, 'vote.expert.assign', campaignId);
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await this.p.assignments.revoke(
        trx,
        { subjectType: SUBJECT, subjectId: campaignId },
        userId,
      );
      if (!ok) throw invalid('vote.not_expert', 'body.userId', 'not an expert of this campaign');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.expert.assign',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { userId, assigned: false },
      });
    });
    return this.list(ctx, campaignId);
  }

  async list(ctx: RequestContext, campaignId: string) {
    await this.campaigns.requireCampaign(ctx, 'vote.expert.assign', campaignId);
    const rows = await repo.listExperts(this.p.db, campaignId);
    return {
      items: rows.map((r) => ({
        userId: r.userId,
        displayName: r.displayName,
        assignedAt: r.assignedAt,
        scored: Number(r.scored ?? 0),
        conflicts: Number(r.conflicts ?? 0),
      })),
    };
  }

  /** Every declared conflict of the campaign (the organiser's view). */
  async conflicts(ctx: RequestContext, campaignId: string) {
    await this.campaigns.requireCampaign(ctx, 'vote.expert.assign', campaignId);
    return { items: await repo.listConflicts(this.p.db, campaignId) };
  }

  /** 回避: the expert declares a conflict with a nominee; any score of theirs for it is removed. */
  async declareConflict(ctx: RequestContext, campaignId: string, body: Conflict) {
    await this.campaigns.requireCampaign(ctx, 'vote.score', campaignId);
    const n = await repo.findNomination(this.p.db, body.nominationId);
    if (!n || n.campaignId !== campaignId)
      throw invalid('vote_nomination.not_found', 'body.nominationId', 'not a nominee of this campaign');
    const id = this.p.ids();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertConflict(trx, {
          id,
          campaignId,
          nominationId: body.nominationId,
          expertUserId: ctx.actor.userId,
          reason: body.reason,
          declaredBy: ctx.actor.userId,
          declaredAt: this.p.clock.now().toISOString(),
        });
        const removed = await repo.deleteScoresOf(trx, body.nominationId, ctx.actor.userId);
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'vote.score',
          subjectType: 'vote_nomination',
          subjectId: body.nominationId,
          details: { campaignId, conflictDeclared: true, scoresRemoved: removed },
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return this.myNominees(ctx, campaignId);
  }

  /** The expert's own list: the stage's nominees, conflicts left out, with their own scores. */
  async myNominees(ctx: RequestContext, campaignId: string): Promise<z.infer<typeof ExpertNomineeList>> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.score', campaignId);
    const stage =
      scoringStage(c.state) ?? (c.state === 'displaying' || c.state === 'voting' ? 'final' : 'preliminary');
    const me = ctx.actor.userId;
    const conflicts = await repo.listConflicts(this.p.db, campaignId, me);
    const off = new Set(conflicts.map((x) => x.nominationId));
    const scores = await repo.scoresOf(this.p.db, campaignId, { expertUserId: me });
    const cands = await candidates.listCandidates(this.p.db, campaignId);
    const byNomination = new Map(cands.map((x) => [x.nominationId, x]));
    const noms = (await repo.listNominations(this.p.db, campaignId, {})).filter((n) =>
      stage === 'final'
        ? byNomination.has(n.id)
        : ['eligible', 'candidate', 'not_selected'].includes(n.state),
    );
    return {
      stage,
      conflicts,
      items: noms
        .filter((n) => !off.has(n.id))
        .map((n) => {
          const cand = byNomination.get(n.id);
          return {
            nominationId: n.id,
            candidateId: cand?.id ?? null,
            number: cand ? Number(cand.number) : null,
            nomineeName: n.nomineeName,
            unitName: n.unitName,
            jobTitle: n.jobTitle,
            story: n.story,
            achievements: n.achievements,
            state: n.state as 'eligible',
            scores: scores
              .filter((s) => s.nominationId === n.id)
              .map((s) => ({
                nominationId: s.nominationId,
                stage: s.stage as 'preliminary' | 'final',
                criteria: JSON.parse(s.criteria) as Record<string, number>,
                total: Number(s.total),
                comment: s.comment,
                updatedAt: s.updatedAt,
              })),
          };
        })
        .sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
    };
  }

  /** 评分: an assigned expert scores a nominee at the campaign's current stage. */
  async score(ctx: RequestContext, nominationId: string, body: Score) {
    const n = await repo.findNomination(this.p.db, nominationId);
    if (!n) throw notFound('vote_nomination');
    let c;
    try {
      c = await this.campaigns.requireCampaign(ctx, 'vote.score', n.campaignId);
    } catch {
      throw notFound('vote_nomination');
    }
    if (!can(ctx.actor, 'vote.score', c.scope)) throw notFound('vote_nomination');
    const stage = scoringStage(c.state);
    if (stage !== body.stage) {
      throw invalid(
        'vote.not_scoring',
        'body.stage',
        stage ? `the campaign scores the ${stage} stage now` : 'scoring is closed',
      );
    }
    const eligible = stage === 'final' ? n.state === 'candidate' : n.state === 'eligible';
    if (!eligible) throw conflict('vote.bad_state', `the nominee is ${n.state}`);
    const criteria = Object.fromEntries(SCORE_CRITERIA.map((k) => [k, body.criteria[k]]));
    const total = scoreTotal(criteria);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.upsertScore(trx, {
        id: this.p.ids(),
        campaignId: n.campaignId,
        nominationId,
        expertUserId: ctx.actor.userId,
        stage,
        criteria: JSON.stringify(criteria),
        total,
        comment: body.comment,
        at,
      });
      if (!ok) throw conflict('vote.conflict_declared', 'a declared conflict keeps you off this nominee');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.score',
        subjectType: 'vote_nomination',
        subjectId: nominationId,
        details: { campaignId: n.campaignId, stage, total },
      });
    });
    return {
      nominationId,
      stage,
      criteria,
      total,
      comment: body.comment,
      updatedAt: at,
    };
  }

  /** Final-stage mean of each candidate's nomination × 100 and how many scored it (the result). */
  async finalMeans(campaignId: string): Promise<Map<string, { meanX100: number; count: number }>> {
    const scores = await repo.scoresOf(this.p.db, campaignId, { stage: 'final' });
    const by = new Map<string, number[]>();
    for (const s of scores) by.set(s.nominationId, [...(by.get(s.nominationId) ?? []), Number(s.total)]);
    return new Map(
      [...by].map(([k, v]) => [
        k,
        { meanX100: Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 100), count: v.length },
      ]),
    );
  }
}
