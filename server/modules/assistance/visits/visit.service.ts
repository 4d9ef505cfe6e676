import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  AssignVisitBody,
  HelpSettings,
  HelpSettingsBody,
  RecordVisitBody,
  ScheduleVisitBody,
  VisitPage,
  VisitQuery,
  VisitView,
  VisitWorklist,
} from '../../../../contracts/help';
import type { Database } from '../../../db/schema';
import { isUniqueViolation } from '../../../db/dialect';
import { requireAction, requireRecord, type RecordScope } from '../../../platform/auth/actor';
import { conflict, invalid } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { isAllianceOrgKind } from '../alliance/alliance.policy';
import { chinaDate } from '../../../platform/clock';
import type { HouseholdService } from '../households/household.service';
import { linkOrg } from '../core/household.repository';
import { helpSettings, scheduleVisit } from '../core/ledger.repository';
import * as repo from './visit.repository';

type Schedule = z.infer<typeof ScheduleVisitBody>;
type Assign = z.infer<typeof AssignVisitBody>;
type Record_ = z.infer<typeof RecordVisitBody>;
type Query = z.infer<typeof VisitQuery>;
type View = z.infer<typeof VisitView>;

const stale = () => conflict('visit.stale', 'the visit was changed by someone else; reload it');

/**
 * 回访: follow-up visits after help and after an archive exit. Each household has at most one
 * open visit (a partial unique index); recording a worse visit after an exit flags a relapse so
 * the page can offer to reopen the archive.
 */
export class VisitService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly households: HouseholdService,
    private readonly divisionName: (code: string) => string,
  ) {}

  private today(): string {
    return chinaDate(this.p.clock.now());
  }

  private view(r: repo.VisitRow, today = this.today()): View {
    return {
      id: r.id,
      householdId: r.householdId,
      headName: r.headName,
      phoneMasked: r.phoneTail,
      divisionName: this.divisionName(r.divisionCode),
      reason: r.reason as View['reason'],
      dueOn: r.dueOn,
      overdue: r.state === 'due' && r.dueOn < today,
      assigneeOrgId: r.assigneeOrgId,
      assigneeOrgName: r.assigneeOrgName,
      assigneeMemberId: r.assigneeMemberId,
      assigneeMemberName: r.assigneeMemberName,
      state: r.state as View['state'],
      visitedOn: r.visitedOn,
      visitors: r.visitors,
      change: r.change as View['change'],
      openNeeds: r.openNeeds,
      satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
      householdWords: r.householdWords,
      relapse: Number(r.relapse) === 1,
      archiveId: r.archiveId,
      archiveState: r.archiveState as View['archiveState'],
      archiveVersion: r.archiveVersion === null ? null : Number(r.archiveVersion),
      createdAt: r.createdAt,
      version: Number(r.version),
    };
  }

  /** A visit's place for permissions: its household's (the assignee organisation is linked to it). */
  private async scopeOf(r: repo.VisitRow): Promise<RecordScope> {
    const fed = await this.orgs.findScope(r.jurisdictionId);
    const links = await repo.householdLinks(this.p.db, r.householdId);
    return {
      orgId: r.jurisdictionId,
      orgPath: fed?.orgPath ?? '',
      jurisdictionId: r.jurisdictionId,
      linkedOrgIds: links,
    };
  }

  private async visitInScope(ctx: RequestContext, id: string): Promise<repo.VisitRow> {
    const r = await repo.findVisitRow(this.p.db, id);
    requireRecord(ctx.actor, 'help.manage', r ? await this.scopeOf(r) : undefined, 'visit');
    return r!;
  }

  /**
   * The assignee must be an active alliance organisation (partner, grassroots union or the
   * federation) of the household's jurisdiction; a member must be an active member of it.
   */
  private async checkAssignee(
    jurisdictionId: string,
    orgId: string,
    memberId: string | null | undefined,
  ): Promise<void> {
    const org = await this.orgs.findScope(orgId);
    if (!org || org.jurisdictionId !== jurisdictionId) {
      throw invalid(
        'visit.assignee_unknown',
        'body.assigneeOrgId',
        'no such organisation in this federation',
      );
    }
    if (!isAllianceOrgKind(org.kind) || org.status !== 'active') {
      throw invalid(
        'visit.bad_assignee',
        'body.assigneeOrgId',
        'return visits go to an active alliance partner, grassroots union or the federation',
      );
    }
    if (memberId) {
      const m = await repo.findMember(this.p.db, memberId);
      if (!m || m.orgId !== orgId || m.status !== 'active') {
        throw invalid(
          'visit.bad_member',
          'body.assigneeMemberId',
          'the member must be an active alliance member of the assigned organisation',
        );
      }
    }
  }

  async listVisits(ctx: RequestContext, q: Query): Promise<z.infer<typeof VisitPage>> {
    const relations = requireAction(ctx.actor, 'help.manage');
    const today = this.today();
    const page = await repo.listVisits(this.p.db, ctx.actor, relations, {
      state: q.state,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      assigneeOrgId: q.assigneeOrgId,
      assigneeMemberId: q.assigneeMemberId,
      today,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { ...page, items: page.items.map((r) => this.view(r, today)) };
  }

  /** A household's visits, newest first; the caller has checked the household. */
  async listForHousehold(householdId: string): Promise<View[]> {
    const today = this.today();
    return (await repo.visitsOfHousehold(this.p.db, householdId)).map((r) => this.view(r, today));
  }

  async getVisit(ctx: RequestContext, id: string): Promise<View> {
    return this.view(await this.visitInScope(ctx, id));
  }

  /**
   * The organisation a visit is assigned to is assigned the household (设计: partners see the
   * households their organisation screened or was assigned), so it can find and visit it; the
   * federation needs no link.
   */
  private async assignHousehold(
    trx: Transaction<Database>,
    householdId: string,
    jurisdictionId: string,
    orgId: string,
    at: string,
  ): Promise<void> {
    if (orgId !== jurisdictionId) await linkOrg(trx, householdId, orgId, 'visit', at);
  }

  /** 计划回访: one open visit per household; a second is refused with 409 visit.already_due. */
  async scheduleVisit(ctx: RequestContext, householdId: string, body: Schedule): Promise<View> {
    const h = await this.households.getInScope(ctx, 'help.manage', householdId);
    const today = this.today();
    if (body.dueOn < today)
      throw invalid('visit.past_due', 'body.dueOn', 'a visit cannot be due in the past');
    if (body.assigneeMemberId && !body.assigneeOrgId) {
      throw invalid('visit.member_without_org', 'body.assigneeOrgId', 'name the member’s organisation too');
    }
    if (body.assigneeOrgId)
      await this.checkAssignee(h.jurisdictionId, body.assigneeOrgId, body.assigneeMemberId);
    const id = this.p.ids();
    const at = this.p.clock.now().toISOString();
    const alreadyDue = () =>
      conflict('visit.already_due', 'this household already has an open return visit; record or reassign it');
    try {
      await this.p.db.transaction().execute(async (trx) => {
        const added = await scheduleVisit(trx, {
          id,
          householdId: h.id,
          jurisdictionId: h.jurisdictionId,
          reason: 'manual',
          sourceId: null,
          fromDate: today,
          at,
          dueOn: body.dueOn,
          assigneeOrgId: body.assigneeOrgId,
          assigneeMemberId: body.assigneeMemberId ?? null,
        });
        if (!added) throw alreadyDue();
        if (body.assigneeOrgId)
          await this.assignHousehold(trx, h.id, h.jurisdictionId, body.assigneeOrgId, at);
        await this.households.event(trx, ctx, h.id, 'visit_scheduled', { dueOn: body.dueOn });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'visit.schedule',
          subjectType: 'household',
          subjectId: h.id,
          details: { visitId: id, dueOn: body.dueOn, assigneeOrgId: body.assigneeOrgId ?? null },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyDue();
      throw err;
    }
    return this.view((await repo.findVisitRow(this.p.db, id))!);
  }

  /** 指派: another organisation or member, or another day; only while the visit is open. */
  async assignVisit(ctx: RequestContext, id: string, body: Assign): Promise<View> {
    const v = await this.visitInScope(ctx, id);
    if (v.state !== 'due') throw conflict('visit.wrong_state', `cannot reassign a visit that is ${v.state}`);
    const orgId = body.assigneeOrgId ?? v.assigneeOrgId;
    // A new organisation drops the old organisation's member unless a member is named.
    const memberId =
      body.assigneeMemberId !== undefined
        ? body.assigneeMemberId
        : orgId !== v.assigneeOrgId
          ? null
          : v.assigneeMemberId;
    if (body.dueOn && body.dueOn < this.today()) {
      throw invalid('visit.past_due', 'body.dueOn', 'a visit cannot be due in the past');
    }
    if (orgId !== v.assigneeOrgId || memberId !== v.assigneeMemberId) {
      await this.checkAssignee(v.jurisdictionId, orgId, memberId);
    }
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateVisit(trx, id, body.version, {
        assigneeOrgId: orgId,
        assigneeMemberId: memberId,
        ...(body.dueOn ? { dueOn: body.dueOn } : {}),
        updatedAt: at,
      });
      if (!ok) throw stale();
      await this.assignHousehold(trx, v.householdId, v.jurisdictionId, orgId, at);
      await this.households.event(trx, ctx, v.householdId, 'visit_assigned', {
        assigneeOrgId: orgId,
        assigneeMemberId: memberId,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'visit.assign',
        subjectType: 'return_visit',
        subjectId: id,
        details: { assigneeOrgId: orgId, assigneeMemberId: memberId, dueOn: body.dueOn ?? v.dueOn },
      });
    });
    return this.view((await repo.findVisitRow(this.p.db, id))!);
  }

  /**
   * 回访记录: due → done, with the change and the household's own words on the timeline. A worse
   * visit after the archive was exited is a relapse: the page then offers to reopen it.
   */
  async recordVisit(ctx: RequestContext, id: string, body: Record_): Promise<View> {
    const v = await this.visitInScope(ctx, id);
    if (v.state !== 'due') throw conflict('visit.wrong_state', `cannot record a visit that is ${v.state}`);
    if (body.visitedOn > this.today()) {
      throw invalid('visit.future_date', 'body.visitedOn', 'the visit cannot be in the future');
    }
    const relapse = body.change === 'worse' && v.archiveState === 'exited';
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateVisit(trx, id, body.version, {
        state: 'done',
        visitedOn: body.visitedOn,
        visitors: body.visitors,
        change: body.change,
        openNeeds: body.openNeeds || null,
        satisfaction: body.satisfaction,
        householdWords: body.householdWords || null,
        relapse: relapse ? 1 : 0,
        recordedBy: ctx.actor.userId,
        updatedAt: at,
      });
      if (!ok) throw stale();
      await this.event(trx, ctx, v.householdId, 'visit_recorded', {
        visitedOn: body.visitedOn,
        change: body.change,
        satisfaction: body.satisfaction,
        householdWords: body.householdWords || null,
        openNeeds: body.openNeeds || null,
        relapse,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'visit.record',
        subjectType: 'return_visit',
        subjectId: id,
        details: {
          householdId: v.householdId,
          change: body.change,
          satisfaction: body.satisfaction,
          relapse,
        },
      });
    });
    return this.view((await repo.findVisitRow(this.p.db, id))!);
  }

  private event(
    trx: Transaction<Database>,
    ctx: RequestContext,
    householdId: string,
    kind: string,
    summary: Record<string, unknown>,
  ) {
    return this.households.event(trx, ctx, householdId, kind, summary);
  }

  async worklist(ctx: RequestContext): Promise<z.infer<typeof VisitWorklist>> {
    const relations = requireAction(ctx.actor, 'help.manage');
    return repo.worklist(this.p.db, ctx.actor, relations, this.today());
  }

  // ---- settings (per federation) ----

  async getSettings(ctx: RequestContext): Promise<z.infer<typeof HelpSettings>> {
    requireAction(ctx.actor, 'help.manage');
    return helpSettings(this.p.db, ctx.actor.jurisdictionId);
  }

  async setSettings(
    ctx: RequestContext,
    body: z.infer<typeof HelpSettingsBody>,
  ): Promise<z.infer<typeof HelpSettings>> {
    requireAction(ctx.actor, 'alliance.manage');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.upsertHelpSettings(trx, {
        jurisdictionId: ctx.actor.jurisdictionId,
        visitAfterHelpDays: body.visitAfterHelpDays,
        visitAfterExitDays: body.visitAfterExitDays,
        updatedBy: ctx.actor.userId,
        updatedAt: at,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'help.settings',
        subjectType: 'organisation',
        subjectId: ctx.actor.jurisdictionId,
        details: { ...body },
      });
    });
    return helpSettings(this.p.db, ctx.actor.jurisdictionId);
  }
}
