import type { z } from 'zod';
import type {
  MeasureBody,
  MeasureDecisionBody,
  MeasureKind,
  MeasureQuery,
  MeasureState,
  MeasureStateBody,
  MeasureView,
  TemplateApplyResult,
  TemplateBody,
  TemplateCriteria,
  TemplatePreview,
  TemplateUpdateBody,
  TemplateView,
} from '../../../../contracts/help';
import type { Category } from '../../../../contracts/assistance';
import { requireAction, requireRecord, type RecordScope } from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { chinaDate } from '../../../platform/clock';
import { findHousehold, type HouseholdRow } from '../core/household.repository';
import type { HouseholdService } from '../households/household.service';
import { addDays, recordDelivery } from '../core/ledger.repository';
import { initialMeasureState, isOverdue, mayDecide, mayMoveMeasure } from './plan.policy';
import * as repo from './plan.repository';

type AddMeasure = z.infer<typeof MeasureBody>;
type MoveMeasure = z.infer<typeof MeasureStateBody>;
type Decide = z.infer<typeof MeasureDecisionBody>;
type Query = z.infer<typeof MeasureQuery>;
type TemplateInput = z.infer<typeof TemplateBody>;
type TemplateUpdate = z.infer<typeof TemplateUpdateBody>;
type StoredMeasure = z.infer<typeof TemplateBody>['measures'][number];
type Criteria = z.infer<typeof TemplateCriteria>;

const staleMeasure = () => conflict('measure.stale', 'the measure was changed by someone else; reload it');
const staleTemplate = () => conflict('template.stale', 'the template was changed by someone else; reload it');
const PREVIEW_ROWS = 50;

/** Plans: 一户一策 and 个案专策 measures per household, and 同类同策 templates applied to many. */
export class PlanService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly households: HouseholdService,
    private readonly divisionName: (code: string) => string,
  ) {}

  private today(): string {
    return chinaDate(this.p.clock.now());
  }

  private view(row: repo.MeasureListRow, today = this.today()): MeasureView {
    return {
      id: row.id,
      householdId: row.householdId,
      headName: row.headName,
      policy: row.policy as MeasureView['policy'],
      templateId: row.templateId,
      templateName: row.templateName,
      kind: row.kind as MeasureKind,
      description: row.description,
      responsibleOrgId: row.responsibleOrgId,
      responsibleOrgName: row.responsibleOrgName,
      dueOn: row.dueOn,
      valueFen: Number(row.valueFen),
      state: row.state as MeasureState,
      overdue: isOverdue(row, today),
      decidedByName: row.decidedByName,
      decidedAt: row.decidedAt,
      decisionNote: row.decisionNote,
      doneOn: row.doneOn,
      createdAt: row.createdAt,
      version: Number(row.version),
    };
  }

  private async measureView(id: string): Promise<MeasureView> {
    const row = await repo.findMeasureView(this.p.db, id);
    if (!row) throw notFound('measure');
    return this.view(row);
  }

  /** A household's measures, for its help page (the caller has checked the household). */
  async measuresOf(householdId: string): Promise<MeasureView[]> {
    const today = this.today();
    return (await repo.listHouseholdMeasures(this.p.db, householdId)).map((r) => this.view(r, today));
  }

  /** An active organisation of the actor's jurisdiction (caring units included), else a problem naming `field`. */
  private async requireResponsibleOrg(ctx: RequestContext, id: string, field: string) {
    const o = await this.orgs.findScope(id);
    if (!o || o.jurisdictionId !== ctx.actor.jurisdictionId) {
      throw invalid('plan.unknown_org', field, 'no such organisation in your jurisdiction');
    }
    if (o.status !== 'active') throw invalid('plan.org_inactive', field, 'the organisation is not active');
    return o;
  }

  private async measureInScope(
    ctx: RequestContext,
    action: Action,
    id: string,
  ): Promise<{ m: repo.MeasureRow; h: HouseholdRow }> {
    const m = await repo.findMeasure(this.p.db, id);
    const h = m ? await findHousehold(this.p.db, m.householdId) : undefined;
    const scope = h && h.state !== 'merged' ? await this.households.scopeOf(h) : undefined;
    requireRecord(ctx.actor, action, scope, 'measure');
    return { m: m!, h: h! };
  }

  // ---- measures ----

  /** 一户一策 takes effect at once; 个案专策 waits for the federation's approval. */
  async addMeasure(ctx: RequestContext, householdId: string, body: AddMeasure): Promise<MeasureView> {
    const h = await this.households.getInScope(ctx, 'help.manage', householdId);
    if (h.state === 'closed') {
      throw conflict('household.wrong_state', 'cannot plan help for a household that is closed');
    }
    const org = await this.requireResponsibleOrg(ctx, body.responsibleOrgId, 'body.responsibleOrgId');
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    const state = initialMeasureState(body.policy);
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertMeasures(trx, [
        {
          id,
          jurisdictionId: h.jurisdictionId,
          householdId: h.id,
          policy: body.policy,
          templateId: null,
          kind: body.kind,
          description: body.description,
          responsibleOrgId: body.responsibleOrgId,
          dueOn: body.dueOn,
          valueFen: body.valueFen,
          state,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          doneOn: null,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      ]);
      await this.households.event(trx, ctx, h.id, 'measure_added', {
        measureId: id,
        policy: body.policy,
        kind: body.kind,
        description: body.description,
        responsibleOrg: org.name,
        dueOn: body.dueOn,
        state,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'measure.create',
        subjectType: 'plan_measure',
        subjectId: id,
        details: { householdId: h.id, policy: body.policy, kind: body.kind, state, valueFen: body.valueFen },
      });
    });
    return this.measureView(id);
  }

  /** planned → in progress → done | cancelled; done puts it in the ledger once. */
  async moveMeasure(ctx: RequestContext, id: string, body: MoveMeasure): Promise<MeasureView> {
    const { m } = await this.measureInScope(ctx, 'help.manage', id);
    if (m.version !== body.version) throw staleMeasure();
    if (!mayMoveMeasure(m.state as MeasureState, body.state)) {
      throw conflict('measure.wrong_state', `cannot move a measure that is ${m.state} to ${body.state}`);
    }
    const today = this.today();
    if (body.state !== 'done' && body.doneOn !== undefined) {
      throw invalid(
        'measure.done_only',
        'body.doneOn',
        'a delivery day is given only when the measure is done',
      );
    }
    if (body.state !== 'done' && body.valueFen !== undefined) {
      throw invalid(
        'measure.done_only',
        'body.valueFen',
        'a delivered value is given only when the measure is done',
      );
    }
    const doneOn = body.state === 'done' ? (body.doneOn ?? today) : null;
    if (doneOn && doneOn > today)
      throw invalid('measure.future_date', 'body.doneOn', 'the day is in the future');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateMeasure(
        trx,
        id,
        { version: body.version, state: m.state },
        { state: body.state, ...(doneOn ? { doneOn } : {}), updatedAt: at },
      );
      if (!ok) throw staleMeasure();
      let valueFen: number | null = null;
      if (doneOn) {
        valueFen = body.valueFen ?? Number(m.valueFen);
        const org = await repo.orgName(trx, m.responsibleOrgId);
        await recordDelivery(
          trx,
          {
            id: this.p.ids(),
            jurisdictionId: m.jurisdictionId,
            householdId: m.householdId,
            route: 'measure',
            sourceId: m.id,
            kind: m.kind,
            what: m.description,
            valueFen,
            givenByOrgId: m.responsibleOrgId,
            givenByName: org.name,
            givenOn: doneOn,
            recordedBy: ctx.actor.userId,
            recordedOrgId: ctx.actor.orgId,
            reconciledAt: null,
            reconciledWith: null,
            createdAt: at,
          },
          { id: this.p.ids(), fromDate: doneOn },
        );
      }
      await this.households.event(trx, ctx, m.householdId, `measure_${body.state}`, {
        measureId: id,
        kind: m.kind,
        description: m.description,
        ...(doneOn ? { doneOn, valueFen } : {}),
        ...(body.note ? { note: body.note } : {}),
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'measure.state',
        subjectType: 'plan_measure',
        subjectId: id,
        details: {
          householdId: m.householdId,
          from: m.state,
          to: body.state,
          ...(doneOn ? { doneOn, valueFen } : {}),
          note: body.note ?? null,
        },
      });
    });
    return this.measureView(id);
  }

  /** 个案专策 approval by the federation: pending → planned, or rejected. */
  async decideMeasure(ctx: RequestContext, id: string, body: Decide): Promise<MeasureView> {
    const { m } = await this.measureInScope(ctx, 'plan.approve', id);
    if (m.version !== body.version) throw staleMeasure();
    if (!mayDecide(m.state as MeasureState)) {
      throw conflict('measure.wrong_state', `cannot decide a measure that is ${m.state}`);
    }
    const to: MeasureState = body.approve ? 'planned' : 'rejected';
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateMeasure(
        trx,
        id,
        { version: body.version, state: m.state },
        {
          state: to,
          decidedBy: ctx.actor.userId,
          decidedAt: at,
          decisionNote: body.note ?? null,
          updatedAt: at,
        },
      );
      if (!ok) throw staleMeasure();
      await this.households.event(
        trx,
        ctx,
        m.householdId,
        body.approve ? 'measure_approved' : 'measure_rejected',
        {
          measureId: id,
          kind: m.kind,
          description: m.description,
          ...(body.note ? { note: body.note } : {}),
        },
      );
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'measure.decide',
        subjectType: 'plan_measure',
        subjectId: id,
        details: { householdId: m.householdId, approve: body.approve, note: body.note ?? null },
      });
    });
    return this.measureView(id);
  }

  async queryMeasures(ctx: RequestContext, q: Query) {
    const relations = requireAction(ctx.actor, 'help.manage');
    const today = this.today();
    const page = await repo.queryMeasures(this.p.db, ctx.actor, relations, { ...q, today });
    return { ...page, items: page.items.map((r) => this.view(r, today)) };
  }

  // ---- 同类同策 templates ----

  private async templateScope(t: repo.TemplateRow): Promise<RecordScope> {
    const fed = await this.orgs.findScope(t.jurisdictionId);
    return { orgId: t.jurisdictionId, orgPath: fed?.orgPath ?? '', jurisdictionId: t.jurisdictionId };
  }

  private async templateInScope(ctx: RequestContext, id: string): Promise<repo.TemplateRow> {
    const t = await repo.findTemplate(this.p.db, id);
    requireRecord(ctx.actor, 'plan.template', t ? await this.templateScope(t) : undefined, 'template');
    return t!;
  }

  private async templateView(t: repo.TemplateRow, applied?: number): Promise<z.infer<typeof TemplateView>> {
    const measures = JSON.parse(t.measures) as StoredMeasure[];
    const names = new Map(
      (await repo.orgNames(this.p.db, [...new Set(measures.map((m) => m.responsibleOrgId))])).map((o) => [
        o.id,
        o.name,
      ]),
    );
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      criteria: JSON.parse(t.criteria) as Criteria,
      measures: measures.map((m) => ({
        kind: m.kind,
        description: m.description,
        responsibleOrgId: m.responsibleOrgId,
        responsibleOrgName: names.get(m.responsibleOrgId) ?? '',
        dueInDays: m.dueInDays,
        valueFen: m.valueFen,
      })),
      status: t.status as 'active' | 'archived',
      appliedCount: applied ?? (await repo.appliedCount(this.p.db, t.id)),
      createdAt: t.createdAt,
      version: Number(t.version),
    };
  }

  async listTemplates(ctx: RequestContext) {
    const relations = requireAction(ctx.actor, 'plan.template');
    const rows = await repo.listTemplates(this.p.db, ctx.actor, relations);
    return { items: await Promise.all(rows.map((r) => this.templateView(r, r.appliedCount))) };
  }

  private async checkTemplate(ctx: RequestContext, body: TemplateInput): Promise<void> {
    if (body.criteria.divisionCode && this.divisionName(body.criteria.divisionCode) === '') {
      throw invalid('template.unknown_division', 'body.criteria.divisionCode', 'no such division');
    }
    for (const [i, m] of body.measures.entries()) {
      await this.requireResponsibleOrg(ctx, m.responsibleOrgId, `body.measures.${i}.responsibleOrgId`);
    }
  }

  async createTemplate(ctx: RequestContext, body: TemplateInput) {
    requireAction(ctx.actor, 'plan.template');
    await this.checkTemplate(ctx, body);
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertTemplate(trx, {
        id,
        jurisdictionId: ctx.actor.jurisdictionId,
        name: body.name,
        description: body.description || null,
        criteria: JSON.stringify(body.criteria),
        measures: JSON.stringify(body.measures),
        status: 'active',
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'template.create',
        subjectType: 'plan_template',
        subjectId: id,
        details: { name: body.name, criteria: body.criteria, measures: body.measures.length },
      });
    });
    return this.templateView((await repo.findTemplate(this.p.db, id))!, 0);
  }

  async updateTemplate(ctx: RequestContext, id: string, body: TemplateUpdate) {
    const t = await this.templateInScope(ctx, id);
    if (t.version !== body.version) throw staleTemplate();
    await this.checkTemplate(ctx, body);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateTemplate(trx, id, body.version, {
        name: body.name,
        description: body.description || null,
        criteria: JSON.stringify(body.criteria),
        measures: JSON.stringify(body.measures),
        updatedAt: at,
      });
      if (!ok) throw staleTemplate();
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'template.update',
        subjectType: 'plan_template',
        subjectId: id,
        details: { name: body.name, criteria: body.criteria, measures: body.measures.length },
      });
    });
    return this.templateView((await repo.findTemplate(this.p.db, id))!);
  }

  /** Which households the template would reach now, and how many already have it. */
  async previewTemplate(ctx: RequestContext, id: string): Promise<z.infer<typeof TemplatePreview>> {
    const t = await this.templateInScope(ctx, id);
    const rows = await repo.matchingHouseholds(
      this.p.db,
      t.jurisdictionId,
      t.id,
      JSON.parse(t.criteria) as Criteria,
    );
    const alreadyApplied = rows.filter((r) => Number(r.applied ?? 0) > 0).length;
    return {
      matching: rows.length,
      alreadyApplied,
      toApply: rows.length - alreadyApplied,
      households: rows.slice(0, PREVIEW_ROWS).map((r) => ({
        id: r.id,
        headName: r.headName,
        divisionName: this.divisionName(r.divisionCode),
        category: r.category as Category | null,
        archiveNo: r.archiveNo,
      })),
    };
  }

  /**
   * 同类同策: gives the template's measures to every matching household that does not have it
   * yet, in one transaction. The (template, household) primary key decides who is first, so two
   * applies at once, or one run twice, add each household's measures exactly once.
   */
  async applyTemplate(ctx: RequestContext, id: string): Promise<z.infer<typeof TemplateApplyResult>> {
    const t = await this.templateInScope(ctx, id);
    if (t.status !== 'active') throw conflict('template.archived', 'the template is archived');
    const measures = JSON.parse(t.measures) as StoredMeasure[];
    const criteria = JSON.parse(t.criteria) as Criteria;
    const orgs = await repo.orgNames(this.p.db, [...new Set(measures.map((m) => m.responsibleOrgId))]);
    const inactive = orgs.find((o) => o.status !== 'active');
    if (inactive || orgs.length !== new Set(measures.map((m) => m.responsibleOrgId)).size) {
      throw conflict(
        'template.org_inactive',
        `a responsible organisation is no longer active: ${inactive?.name ?? ''}`,
      );
    }
    const now = this.p.clock.now();
    const at = now.toISOString();
    const today = chinaDate(now);
    const result = { applied: 0, skipped: 0, measuresCreated: 0 };
    await this.p.db.transaction().execute(async (trx) => {
      const rows = await repo.matchingHouseholds(trx, t.jurisdictionId, t.id, criteria);
      for (const h of rows) {
        const claimed = await repo.claimApplication(trx, {
          templateId: t.id,
          householdId: h.id,
          appliedBy: ctx.actor.userId,
          appliedAt: at,
        });
        if (!claimed) {
          result.skipped++;
          continue;
        }
        await repo.insertMeasures(
          trx,
          measures.map((m) => ({
            id: this.p.ids(),
            jurisdictionId: t.jurisdictionId,
            householdId: h.id,
            policy: 'category',
            templateId: t.id,
            kind: m.kind,
            description: m.description,
            responsibleOrgId: m.responsibleOrgId,
            dueOn: addDays(today, m.dueInDays),
            valueFen: m.valueFen,
            state: initialMeasureState('category'),
            decidedBy: null,
            decidedAt: null,
            decisionNote: null,
            doneOn: null,
            createdBy: ctx.actor.userId,
            createdAt: at,
            updatedAt: at,
            version: 1,
          })),
        );
        await this.households.event(trx, ctx, h.id, 'template_applied', {
          templateId: t.id,
          template: t.name,
          measures: measures.length,
        });
        result.applied++;
        result.measuresCreated += measures.length;
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'template.apply',
        subjectType: 'plan_template',
        subjectId: t.id,
        details: { name: t.name, matching: rows.length, ...result },
      });
    });
    return result;
  }
}
