import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  CampaignRules as CampaignRulesSchema,
  type BallotCampaign,
  type CampaignAdvanceBody,
  type CampaignBody,
  type CampaignQuery,
  type CampaignRules,
  type CampaignState,
  type CampaignTimeline,
  type CampaignUpdateBody,
  type CampaignView,
  type PublicCampaignView,
} from '../../../../contracts/vote';
import type { Database } from '../../../db/schema';
import { can, relationsFor, requireAction, type RecordScope } from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import type { Page } from '../../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import {
  frozenField,
  isFrozen,
  mayStep,
  nextStates,
  normaliseTimeline,
  resultPublished,
  rulesProblem,
  timelineProblem,
} from './campaign.policy';
import * as repo from './campaign.repository';

type Query = z.infer<typeof CampaignQuery>;
type Advance = z.infer<typeof CampaignAdvanceBody>;

const FEDERATION_KINDS = ['national', 'province', 'city', 'county'];

const stale = () => conflict('vote.stale', 'the campaign was changed by someone else; reload it');

/** A campaign as the other capabilities see it: its row, its scope and its parsed rules. */
export interface Campaign {
  row: repo.CampaignRow;
  scope: RecordScope;
  state: CampaignState;
  rules: CampaignRules;
  timeline: CampaignTimeline;
  coOrganisers: string[];
}

/**
 * 评选活动: set-up by the organising federation, the state table from nomination to the final
 * list, the rules and timeline frozen when voting opens (a later change refused and audited),
 * the public rules page, and what the ballots read.
 */
export class CampaignService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
  ) {}

  private now(): Date {
    return this.p.clock.now();
  }

  private parse(row: repo.CampaignRow): Omit<Campaign, 'scope'> {
    return {
      row,
      state: row.state as CampaignState,
      rules: CampaignRulesSchema.parse(JSON.parse(row.rules)),
      timeline: JSON.parse(row.timeline) as CampaignTimeline,
      coOrganisers: JSON.parse(row.coOrganisers) as string[],
    };
  }

  private async scopeOf(row: repo.CampaignRow): Promise<RecordScope> {
    return {
      orgId: row.orgId,
      orgPath: row.orgPath,
      jurisdictionId: row.jurisdictionId,
      ownerId: row.createdBy,
      assignees: await this.p.assignments.assignees(this.p.db, {
        subjectType: 'vote_campaign',
        subjectId: row.id,
      }),
    };
  }

  /**
   * May the actor see the campaign? Its relations on the campaign, or — a unit that nominates —
   * the campaign is run by a federation above the actor's organisation.
   */
  private reaches(ctx: RequestContext, action: Action, scope: RecordScope): boolean {
    if (can(ctx.actor, action, scope)) return true;
    return (
      (action === 'vote.campaign.read' || action === 'vote.nominate') &&
      can(ctx.actor, 'vote.nominate') &&
      ctx.actor.orgPath.startsWith(scope.orgPath)
    );
  }

  /** For the other capabilities: the campaign if the actor holds `action` on it, else 404. */
  async requireCampaign(ctx: RequestContext, action: Action, id: string): Promise<Campaign> {
    const row = await repo.findCampaign(this.p.db, id);
    const scope = row ? await this.scopeOf(row) : undefined;
    requireAction(ctx.actor, action);
    if (!row || !scope || !this.reaches(ctx, action, scope)) throw notFound('vote_campaign');
    return { ...this.parse(row), scope };
  }

  /** Without an actor (the public pages, the ballots): the campaign or undefined. */
  async find(id: string): Promise<Omit<Campaign, 'scope'> | undefined> {
    const row = await repo.findCampaign(this.p.db, id);
    return row ? this.parse(row) : undefined;
  }

  frozen(c: Omit<Campaign, 'scope'>): boolean {
    return isFrozen(
      { state: c.state, rulesFrozenAt: c.row.rulesFrozenAt, votingOpens: c.row.votingOpens },
      this.now(),
    );
  }

  view(c: Omit<Campaign, 'scope'>): CampaignView {
    const r = c.row;
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      coOrganisers: c.coOrganisers,
      kind: r.kind as CampaignView['kind'],
      title: r.title,
      year: Number(r.year),
      summary: r.summary,
      state: c.state,
      timeline: c.timeline,
      rules: c.rules,
      rulesFrozenAt: r.rulesFrozenAt,
      frozen: this.frozen(c),
      nextStates: [...nextStates(c.state)],
      candidateCount: Number(r.candidateCount ?? 0),
      nominationCount: Number(r.nominationCount ?? 0),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: Number(r.version),
    };
  }

  private checkRules(rules: CampaignRules): void {
    const problem = rulesProblem(rules);
    if (problem) throw invalid(problem.code, problem.field, problem.message);
  }

  private checkTimeline(timeline: CampaignTimeline): CampaignTimeline {
    const t = normaliseTimeline(timeline);
    const problem = timelineProblem(t);
    if (problem) throw invalid('vote.bad_timeline', problem.field, problem.message);
    return t;
  }

  async create(ctx: RequestContext, body: CampaignBody): Promise<CampaignView> {
    requireAction(ctx.actor, 'vote.campaign.create');
    const org = await this.orgs.findScope(body.orgId);
    if (
      !org ||
      !FEDERATION_KINDS.includes(org.kind) ||
      org.status !== 'active' ||
      !can(ctx.actor, 'vote.campaign.create', org)
    ) {
      throw invalid('vote.bad_org', 'body.orgId', 'not a federation you may run a campaign for');
    }
    const timeline = this.checkTimeline(body.timeline);
    this.checkRules(body.rules);
    const id = this.p.ids();
    const at = this.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, {
        id,
        orgId: org.orgId,
        coOrganisers: JSON.stringify(body.coOrganisers),
        kind: body.kind,
        title: body.title,
        year: body.year,
        summary: body.summary,
        state: 'draft',
        timeline: JSON.stringify(timeline),
        votingOpens: timeline.votingOpens,
        votingCloses: timeline.votingCloses,
        rules: JSON.stringify(body.rules),
        rulesFrozenAt: null,
        resultPublishedAt: null,
        version: 1,
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.campaign.create',
        subjectType: 'vote_campaign',
        subjectId: id,
        details: { orgId: org.orgId, kind: body.kind, year: body.year, rules: body.rules, timeline },
      });
    });
    return this.view((await this.find(id))!);
  }

  async list(ctx: RequestContext, q: Query): Promise<Page<ReturnType<CampaignService['listItem']>>> {
    const relations = requireAction(ctx.actor, 'vote.campaign.read');
    const page = await repo.listCampaigns(
      this.p.db,
      ctx.actor,
      relations,
      can(ctx.actor, 'vote.nominate'),
      q,
    );
    return { ...page, items: page.items.map((r) => this.listItem(this.parse(r))) };
  }

  private listItem(c: Omit<Campaign, 'scope'>) {
    const v = this.view(c);
    return {
      id: v.id,
      orgId: v.orgId,
      orgName: v.orgName,
      kind: v.kind,
      title: v.title,
      year: v.year,
      state: v.state,
      frozen: v.frozen,
      candidateCount: v.candidateCount,
      nominationCount: v.nominationCount,
      version: v.version,
      votingOpens: c.timeline.votingOpens,
      votingCloses: c.timeline.votingCloses,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<CampaignView> {
    return this.view(await this.requireCampaign(ctx, 'vote.campaign.read', id));
  }

  /** A refused change of frozen rules or timeline: audited (denied), then 409 naming the field. */
  private async refuseFrozen(ctx: RequestContext, id: string, field: string): Promise<never> {
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'vote.campaign.update',
      subjectType: 'vote_campaign',
      subjectId: id,
      result: 'denied',
      details: { field, reason: 'rules_frozen' },
    });
    throw new AppError('vote.rules_frozen', 409, 'rules and timeline are frozen once voting opens', {
      fields: [{ field, message: 'frozen since voting opened' }],
    });
  }

  async update(ctx: RequestContext, id: string, body: CampaignUpdateBody): Promise<CampaignView> {
    const c = await this.requireCampaign(ctx, 'vote.campaign.update', id);
    if (c.state === 'final' || c.state === 'cancelled') {
      throw conflict('vote.bad_state', 'a final or cancelled campaign does not change');
    }
    const touched = frozenField(c, body);
    if (touched && this.frozen(c)) await this.refuseFrozen(ctx, id, touched);
    const timeline = body.timeline ? this.checkTimeline(body.timeline) : undefined;
    if (body.rules) this.checkRules(body.rules);
    const at = this.now().toISOString();
    const ok = await this.p.db.transaction().execute(async (trx) => {
      const changed = await repo.updateCampaign(
        trx,
        id,
        body.version,
        {
          ...(body.coOrganisers ? { coOrganisers: JSON.stringify(body.coOrganisers) } : {}),
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.summary !== undefined ? { summary: body.summary } : {}),
          ...(timeline && touched
            ? {
                timeline: JSON.stringify(timeline),
                votingOpens: timeline.votingOpens,
                votingCloses: timeline.votingCloses,
              }
            : {}),
          ...(body.rules && touched ? { rules: JSON.stringify(body.rules) } : {}),
          updatedAt: at,
        },
        touched ? { unfrozenAt: at } : {},
      );
      if (!changed) return false;
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.campaign.update',
        subjectType: 'vote_campaign',
        subjectId: id,
        details: {
          fields: Object.keys(body).filter((k) => k !== 'version'),
          ...(body.rules && touched ? { rules: body.rules } : {}),
          ...(timeline && touched ? { timeline } : {}),
        },
      });
      return true;
    });
    if (!ok) {
      const now = await this.find(id);
      // Voting opened (or a step froze the rules) between the read and the write.
      if (now && touched && this.frozen(now) && Number(now.row.version) === body.version) {
        await this.refuseFrozen(ctx, id, touched);
      }
      throw stale();
    }
    return this.view((await this.find(id))!);
  }

  /** One step of the state table; opening the voting freezes the rules. */
  async advance(ctx: RequestContext, id: string, body: Advance): Promise<CampaignView> {
    const c = await this.requireCampaign(ctx, 'vote.campaign.advance', id);
    if (!mayStep(c.state, body.to)) {
      throw invalid('vote.step_not_allowed', 'body.to', `a ${c.state} campaign cannot go to ${body.to}`);
    }
    if (body.to === 'result_notice' || body.to === 'final') {
      throw invalid(
        'vote.step_not_allowed',
        'body.to',
        'publish the result (or make it final) from the result page',
      );
    }
    if (body.to === 'cancelled' && !body.reason?.trim()) {
      throw invalid('vote.reason_required', 'body.reason', 'say why the campaign is cancelled');
    }
    await this.p.db.transaction().execute(async (trx) => {
      await this.step(trx, ctx, c, body.version, body.to, { reason: body.reason ?? null });
    });
    return this.view((await this.find(id))!);
  }

  /**
   * Moves the campaign inside the caller's transaction (the result's publication steps through
   * here too), audited; a stale version or state is a conflict.
   */
  async step(
    trx: Transaction<Database>,
    ctx: RequestContext,
    c: Omit<Campaign, 'scope'>,
    version: number,
    to: CampaignState,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const at = this.now().toISOString();
    const ok = await repo.moveCampaign(trx, c.row.id, version, c.state, {
      state: to,
      updatedAt: at,
      ...(to === 'voting' && c.row.rulesFrozenAt === null ? { rulesFrozenAt: at } : {}),
      ...(to === 'result_notice' ? { resultPublishedAt: at } : {}),
    });
    if (!ok) throw stale();
    await this.p.audit.append(trx, auditContext(ctx), {
      action: 'vote.campaign.advance',
      subjectType: 'vote_campaign',
      subjectId: c.row.id,
      details: { from: c.state, to, ...details },
    });
  }

  /** The public rules page: anyone, no sign-in; a draft is not public yet. */
  async publicView(id: string): Promise<PublicCampaignView> {
    const c = await this.find(id);
    if (!c || c.state === 'draft') throw notFound('vote_campaign');
    return {
      id: c.row.id,
      title: c.row.title,
      kind: c.row.kind as PublicCampaignView['kind'],
      year: Number(c.row.year),
      summary: c.row.summary,
      organiser: c.row.orgName,
      coOrganisers: c.coOrganisers,
      state: c.state,
      timeline: c.timeline,
      rules: c.rules,
      rulesFrozenAt: c.row.rulesFrozenAt,
      resultPublished: resultPublished({ state: c.state, resultPublishedAt: c.row.resultPublishedAt }),
      candidateCount: Number(c.row.candidateCount ?? 0),
    };
  }

  /** For the ballots: rules and window, read through here (never the repository). */
  async forBallots(campaignId: string): Promise<BallotCampaign> {
    const r = await repo.findCampaignForBallots(this.p.db, campaignId);
    if (!r) throw notFound('vote_campaign');
    const state = r.state as CampaignState;
    return {
      id: r.id,
      orgId: r.orgId,
      state,
      rules: CampaignRulesSchema.parse(JSON.parse(r.rules)),
      votingOpens: r.votingOpens,
      votingCloses: r.votingCloses,
      resultPublished: resultPublished({ state, resultPublishedAt: r.resultPublishedAt }),
    };
  }

  /** Used by relationsFor-style list filters of other capabilities. */
  relations(ctx: RequestContext, action: Action) {
    return relationsFor(ctx.actor, action);
  }
}
