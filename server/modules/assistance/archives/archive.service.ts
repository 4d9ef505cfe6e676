import type { z } from 'zod';
import type {
  ArchiveFixBody,
  ArchiveView,
  Assessment,
  Cause,
  EstablishArchiveBody,
  ExitArchiveBody,
  StandardBody,
} from '../../../../contracts/assistance';
import type { ReopenArchiveBody } from '../../../../contracts/help';
import {
  can,
  relationsFor,
  requireAction,
  requireRecord,
  type RecordScope,
} from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { assess, type StandardRule } from './archive.policy';
import * as repo from './archive.repository';
import { archiveNumber, mayTransition } from '../core/household.policy';
import { chinaDate } from '../../../platform/clock';
import type { HouseholdRow } from '../core/household.repository';
import { findHousehold, recordEvent, updateHousehold } from '../core/household.repository';
import type { HouseholdService } from '../households/household.service';
import { reconcileUrgentHelp, scheduleVisit } from '../core/ledger.repository';

type Establish = z.infer<typeof EstablishArchiveBody>;
type Fix = z.infer<typeof ArchiveFixBody>;
type Exit = z.infer<typeof ExitArchiveBody>;
type Reopen = z.infer<typeof ReopenArchiveBody>;

const nextYear = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
const stale = () => conflict('archive.stale', 'the archive was changed by someone else; reload it');

export class ArchiveService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly households: HouseholdService,
  ) {}

  // ---- standards (建档标准), per jurisdiction and year, with history ----

  async listStandards(ctx: RequestContext, year?: number) {
    requireAction(ctx.actor, 'household.read');
    const rows = await repo.listStandards(this.p.db, ctx.actor.jurisdictionId, year);
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      minLivingFen: r.minLivingFen,
      relativeMultiplierPct: r.relativeMultiplierPct,
      accidentDropPct: r.accidentDropPct,
      note: r.note,
      createdByName: r.createdByName ?? null,
      createdAt: r.createdAt,
      current: r.supersededAt === null,
    }));
  }

  async setStandard(ctx: RequestContext, body: z.infer<typeof StandardBody>) {
    requireAction(ctx.actor, 'standard.manage');
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.supersedeStandard(trx, ctx.actor.jurisdictionId, body.year, at);
      await repo.insertStandard(trx, {
        id,
        jurisdictionId: ctx.actor.jurisdictionId,
        year: body.year,
        minLivingFen: body.minLivingFen,
        relativeMultiplierPct: body.relativeMultiplierPct,
        accidentDropPct: body.accidentDropPct,
        note: body.note ?? null,
        createdBy: ctx.actor.userId,
        createdAt: at,
        supersededAt: null,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'standard.set',
        subjectType: 'archive_standard',
        subjectId: id,
        details: { ...body },
      });
    });
    return (await this.listStandards(ctx, body.year))[0];
  }

  async standardFor(jurisdictionId: string, year: number): Promise<StandardRule> {
    const s = await repo.currentStandard(this.p.db, jurisdictionId, year);
    if (!s) {
      throw new AppError('archive.no_standard', 409, `the archive standard for ${year} has not been set`, {
        year,
      });
    }
    return s;
  }

  /** The calculator on a household's current figures and its latest verification. */
  async assessRow(h: HouseholdRow, today: string): Promise<Assessment> {
    const standard = await this.standardFor(h.jurisdictionId, Number(today.slice(0, 4)));
    const v = await repo.latestVerification(this.p.db, h.id);
    return assess(
      {
        householdSize: h.householdSize,
        annualIncomeFen: Number(h.annualIncomeFen),
        rigidExpenseFen: Number(h.rigidExpenseFen),
        suddenEvent: h.suddenEvent,
        exclusions: v ? (JSON.parse(v.exclusions) as string[]) : [],
        situation: h.situation,
        migrantQualified:
          v?.migrantQualified === null || v === undefined ? undefined : v.migrantQualified === 1,
      },
      standard,
    );
  }

  // ---- archives ----

  private async view(a: repo.ArchiveRow): Promise<ArchiveView> {
    const reportedTo = a.reportedToId ? await this.orgs.findScope(a.reportedToId) : undefined;
    return {
      id: a.id,
      householdId: a.householdId,
      archiveNo: a.archiveNo,
      year: a.year,
      category: a.category as ArchiveView['category'],
      tier: a.tier,
      primaryCause: a.primaryCause as Cause,
      secondaryCauses: JSON.parse(a.secondaryCauses) as Cause[],
      perCapitaFen: a.perCapitaFen,
      explanation: JSON.parse(a.explanation) as Assessment,
      state: a.state as ArchiveView['state'],
      reportedToName: reportedTo?.name ?? null,
      reportedAt: a.reportedAt,
      reviewedAt: a.reviewedAt,
      returnReason: a.returnReason,
      exitKind: a.exitKind,
      exitReason: a.exitReason,
      reviewDueOn: a.reviewDueOn,
      createdAt: a.createdAt,
      version: a.version,
    };
  }

  async findArchiveView(householdId: string): Promise<ArchiveView | null> {
    const a = await repo.findArchiveByHousehold(this.p.db, householdId);
    return a ? this.view(a) : null;
  }

  private checkCauses(primary: Cause, secondary: Cause[]): void {
    if (secondary.includes(primary) || new Set(secondary).size !== secondary.length) {
      throw invalid('archive.bad_causes', 'body.secondaryCauses', 'secondary causes repeat a cause');
    }
  }

  /** 建档: only after verification, only when the standard says so, numbered without gaps. */
  async establishArchive(ctx: RequestContext, householdId: string, body: Establish): Promise<ArchiveView> {
    const h = await this.households.getInScope(ctx, 'archive.manage', householdId);
    if (!mayTransition('archive', h.state as never)) {
      throw conflict(
        'household.wrong_state',
        `cannot archive a household that is ${h.state}; verify it first`,
      );
    }
    const v = await repo.latestVerification(this.p.db, h.id);
    if (v?.result !== 'confirmed')
      throw conflict('archive.not_verified', 'the latest verification did not confirm difficulty');
    this.checkCauses(body.primaryCause, body.secondaryCauses);
    const today = chinaDate(this.p.clock.now());
    const assessment = await this.assessRow(h, today);
    if (!assessment.eligible) {
      throw new AppError('archive.not_eligible', 422, 'the household does not meet the archive standard', {
        assessment,
      });
    }
    const jurisdiction = await repo.jurisdictionDivision(this.p.db, h.jurisdictionId);
    const at = this.p.clock.now().toISOString();
    const year = Number(today.slice(0, 4));
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await updateHousehold(
        trx,
        h.id,
        { state: 'archived', category: assessment.category, updatedAt: at },
        body.version,
      );
      if (!ok) throw conflict('household.stale', 'the household was changed by someone else; reload it');
      const seq = await repo.nextArchiveSeq(trx, h.jurisdictionId, year);
      const archiveNo = archiveNumber(jurisdiction.divisionCode, year, seq);
      await repo.insertArchive(trx, {
        id,
        householdId: h.id,
        jurisdictionId: h.jurisdictionId,
        archiveNo,
        year,
        seq,
        category: assessment.category!,
        tier: assessment.tier!,
        primaryCause: body.primaryCause,
        secondaryCauses: JSON.stringify(body.secondaryCauses),
        perCapitaFen: assessment.perCapitaMonthlyFen,
        standardId: assessment.standardId!,
        explanation: JSON.stringify(assessment),
        state: 'archived',
        reportedToId: null,
        reportedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        returnReason: null,
        exitKind: null,
        exitReason: null,
        exitedAt: null,
        reviewDueOn: nextYear(today),
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await this.households.event(trx, ctx, h.id, 'archived', {
        archiveNo,
        category: assessment.category,
        rule: assessment.rule,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'archive.establish',
        subjectType: 'household',
        subjectId: h.id,
        details: { archiveNo, category: assessment.category },
      });
      // Urgent help given while the case was screened or verified is settled against the archive.
      await reconcileUrgentHelp(trx, h.id, archiveNo, at);
    });
    return (await this.findArchiveView(h.id))!;
  }

  private async archiveScope(
    a: repo.ArchiveRow,
  ): Promise<{ own: RecordScope; reported: RecordScope | undefined }> {
    const fed = await this.orgs.findScope(a.jurisdictionId);
    const to = a.reportedToId ? await this.orgs.findScope(a.reportedToId) : undefined;
    return {
      own: { orgId: a.jurisdictionId, orgPath: fed?.orgPath ?? '', jurisdictionId: a.jurisdictionId },
      reported: to ? { orgId: to.orgId, orgPath: to.orgPath, jurisdictionId: to.jurisdictionId } : undefined,
    };
  }

  private async managed(ctx: RequestContext, id: string): Promise<repo.ArchiveRow> {
    const a = await repo.findArchive(this.p.db, id);
    const scope = a ? (await this.archiveScope(a)).own : undefined;
    requireRecord(ctx.actor, 'archive.manage', scope, 'archive');
    return a!;
  }

  private async reviewable(ctx: RequestContext, id: string): Promise<repo.ArchiveRow> {
    const a = await repo.findArchive(this.p.db, id);
    const scope = a ? (await this.archiveScope(a)).reported : undefined;
    requireRecord(ctx.actor, 'archive.review', scope, 'archive');
    return a!;
  }

  /** For the archive page: managers and the upper federation it was reported to. */
  async getArchive(ctx: RequestContext, id: string) {
    const a = await repo.findArchive(this.p.db, id);
    if (a) {
      const { own, reported } = await this.archiveScope(a);
      if (can(ctx.actor, 'archive.manage', own) || (reported && can(ctx.actor, 'archive.review', reported))) {
        return { archive: await this.view(a), household: await this.households.summaryById(a.householdId) };
      }
    }
    throw notFound('archive');
  }

  async listArchives(
    ctx: RequestContext,
    q: { state?: string; reviewDue?: 'true' | 'false'; page: number; pageSize: number },
  ) {
    const manage = relationsFor(ctx.actor, 'archive.manage');
    const review = relationsFor(ctx.actor, 'archive.review');
    // Any signed-in user may ask; one who neither manages nor reviews archives sees none.
    if (manage.size + review.size === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    return repo.listArchives(this.p.db, ctx.actor, manage, review, {
      state: q.state,
      dueBy: q.reviewDue === 'true' ? chinaDate(this.p.clock.now()) : undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
  }

  private async transition(
    ctx: RequestContext,
    a: repo.ArchiveRow,
    version: number,
    changes: Parameters<typeof repo.updateArchive>[3],
    event: { kind: string; summary: Record<string, unknown>; action: string },
    household?: Parameters<typeof updateHousehold>[2],
    alsoInTrx?: (trx: Parameters<typeof repo.updateArchive>[0], at: string) => Promise<unknown>,
  ): Promise<ArchiveView> {
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await repo.updateArchive(trx, a.id, version, { ...changes, updatedAt: at }))) throw stale();
      if (household) await updateHousehold(trx, a.householdId, { ...household, updatedAt: at });
      if (alsoInTrx) await alsoInTrx(trx, at);
      await recordEvent(trx, {
        id: this.p.ids(),
        householdId: a.householdId,
        at,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        orgId: ctx.actor.orgId,
        kind: event.kind,
        summary: JSON.stringify({ archiveNo: a.archiveNo, ...event.summary }),
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: event.action,
        subjectType: 'archive',
        subjectId: a.id,
        details: { archiveNo: a.archiveNo, ...event.summary },
      });
    });
    return (await this.findArchiveView(a.householdId))!;
  }

  private requireArchiveState(a: repo.ArchiveRow, allowed: string[], doing: string): void {
    if (!allowed.includes(a.state))
      throw conflict('archive.wrong_state', `cannot ${doing} an archive that is ${a.state}`);
  }

  /** 上报: provincial-tier archives go to the federation above for its aid. */
  async reportArchive(ctx: RequestContext, id: string, version: number): Promise<ArchiveView> {
    const a = await this.managed(ctx, id);
    this.requireArchiveState(a, ['archived', 'returned'], 'report');
    if (a.tier !== 'provincial') {
      throw conflict(
        'archive.not_for_upper',
        'city-tier archives are helped by the city federation, not reported up',
      );
    }
    const fed = await repo.parentOf(this.p.db, a.jurisdictionId);
    const upper = fed?.parentId ? await this.orgs.findScope(fed.parentId) : undefined;
    if (!upper) throw conflict('archive.no_upper', 'this federation has no federation above it');
    return this.transition(
      ctx,
      a,
      version,
      {
        state: 'reported',
        reportedToId: upper.jurisdictionId,
        reportedAt: this.p.clock.now().toISOString(),
        returnReason: null,
      },
      { kind: 'reported', summary: { to: upper.name }, action: 'archive.report' },
    );
  }

  async approveArchive(ctx: RequestContext, id: string, version: number): Promise<ArchiveView> {
    const a = await this.reviewable(ctx, id);
    this.requireArchiveState(a, ['reported'], 'approve');
    return this.transition(
      ctx,
      a,
      version,
      { state: 'approved', reviewedBy: ctx.actor.userId, reviewedAt: this.p.clock.now().toISOString() },
      { kind: 'approved', summary: {}, action: 'archive.approve' },
    );
  }

  async returnArchive(
    ctx: RequestContext,
    id: string,
    version: number,
    reason: string,
  ): Promise<ArchiveView> {
    const a = await this.reviewable(ctx, id);
    this.requireArchiveState(a, ['reported'], 'return');
    return this.transition(
      ctx,
      a,
      version,
      {
        state: 'returned',
        returnReason: reason,
        reviewedBy: ctx.actor.userId,
        reviewedAt: this.p.clock.now().toISOString(),
      },
      { kind: 'returned', summary: { reason }, action: 'archive.return' },
    );
  }

  /** A returned (or fresh) archive is corrected: causes, and the assessment on today's figures. */
  async fixArchive(ctx: RequestContext, id: string, body: Fix): Promise<ArchiveView> {
    const a = await this.managed(ctx, id);
    this.requireArchiveState(a, ['archived', 'returned'], 'change');
    const primary = body.primaryCause ?? (a.primaryCause as Cause);
    const secondary = body.secondaryCauses ?? (JSON.parse(a.secondaryCauses) as Cause[]);
    this.checkCauses(primary, secondary);
    const h = (await findHousehold(this.p.db, a.householdId))!;
    const assessment = await this.assessRow(h, chinaDate(this.p.clock.now()));
    if (!assessment.eligible) {
      throw new AppError('archive.not_eligible', 422, 'the household no longer meets the archive standard', {
        assessment,
      });
    }
    return this.transition(
      ctx,
      a,
      body.version,
      {
        primaryCause: primary,
        secondaryCauses: JSON.stringify(secondary),
        category: assessment.category!,
        tier: assessment.tier!,
        perCapitaFen: assessment.perCapitaMonthlyFen,
        standardId: assessment.standardId!,
        explanation: JSON.stringify(assessment),
      },
      { kind: 'archive_fixed', summary: { category: assessment.category }, action: 'archive.fix' },
      { category: assessment.category },
    );
  }

  /** 脱困 or 注销: the archive leaves the active store, always with a reason. */
  async exitArchive(ctx: RequestContext, id: string, body: Exit): Promise<ArchiveView> {
    const a = await this.managed(ctx, id);
    this.requireArchiveState(a, ['archived', 'reported', 'approved', 'returned'], 'close');
    return this.transition(
      ctx,
      a,
      body.version,
      {
        state: 'exited',
        exitKind: body.kind,
        exitReason: body.reason,
        exitedAt: this.p.clock.now().toISOString(),
      },
      { kind: 'exited', summary: { exitKind: body.kind, reason: body.reason }, action: 'archive.exit' },
      { state: 'closed', closeReason: body.reason },
      // 脱困后回访: the follow-up visit, unless one is already open for the household.
      (trx, at) =>
        scheduleVisit(trx, {
          id: this.p.ids(),
          householdId: a.householdId,
          jurisdictionId: a.jurisdictionId,
          reason: 'after_exit',
          sourceId: a.id,
          fromDate: chinaDate(this.p.clock.now()),
          at,
        }),
    );
  }

  /** 返贫重开: an exited archive is live again after a relapse; the yearly review restarts. */
  async reopenArchive(ctx: RequestContext, id: string, body: Reopen): Promise<ArchiveView> {
    const a = await this.managed(ctx, id);
    this.requireArchiveState(a, ['exited'], 'reopen');
    return this.transition(
      ctx,
      a,
      body.version,
      {
        state: 'archived',
        exitKind: null,
        exitReason: null,
        exitedAt: null,
        reviewDueOn: nextYear(chinaDate(this.p.clock.now())),
      },
      {
        kind: 'relapse_reopened',
        summary: { reason: body.reason, previousExitKind: a.exitKind },
        action: 'archive.reopen',
      },
      { state: 'archived', closeReason: null },
    );
  }

  /** 动态管理: the yearly review is done; the next one falls due a year on. */
  async completeReview(ctx: RequestContext, id: string, version: number): Promise<ArchiveView> {
    const a = await this.managed(ctx, id);
    this.requireArchiveState(a, ['archived', 'reported', 'approved', 'returned'], 'review');
    const today = chinaDate(this.p.clock.now());
    return this.transition(
      ctx,
      a,
      version,
      { reviewDueOn: nextYear(today > a.reviewDueOn ? today : a.reviewDueOn) },
      { kind: 'yearly_review', summary: { previousDue: a.reviewDueOn }, action: 'archive.review_done' },
    );
  }
}
