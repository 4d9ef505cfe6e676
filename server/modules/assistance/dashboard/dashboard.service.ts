import type { Writable } from 'node:stream';
import type { z } from 'zod';
import { Category, ScreeningMethod } from '../../../../contracts/assistance';
import { Id } from '../../../../contracts/common';
import {
  HelpRoute,
  type Dashboard,
  type DashboardChart,
  type DashboardExportQuery,
  type DashboardQuery,
  type DrillPage,
  type DrillQuery,
} from '../../../../contracts/help';
import { requireAction } from '../../../platform/auth/actor';
import { AppError, invalid } from '../../../platform/errors';
import { writeXlsxSheets, type XlsxSheet } from '../../../platform/excel';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import * as repo from './dashboard.repository';
import { chinaDate } from '../../../platform/clock';

type Filters = z.infer<typeof DashboardQuery>;
type Chart = z.infer<typeof DashboardChart>;

const ROUTES = HelpRoute.options;
const EXIT_KINDS = ['out_of_difficulty', 'cancelled'];

const METHOD_ZH: Record<string, string> = {
  home_visit: '入户走访',
  phone_survey: '电话调查',
  street_visit: '走访街道社区',
  self_report: '自主申报',
};
const STAGE_ZH: Record<string, string> = {
  screened: '已摸排',
  verified: '已核实',
  archived: '已建档',
  reported: '已上报',
  approved: '已审核',
  returned: '被退回',
};
const CATEGORY_ZH: Record<string, string> = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };
const ROUTE_ZH: Record<string, string> = {
  urgent: '应急救助',
  measure: '帮扶措施',
  referral: '转介服务',
  upper: '上级帮扶',
};
const EXIT_ZH: Record<string, string> = { out_of_difficulty: '解困脱困', cancelled: '注销' };
const zh = (table: Record<string, string>, key: string) => table[key] ?? key;
const yuan = (fen: number) => Math.round(fen) / 100;

const badKey = (message: string) =>
  new AppError('dashboard.bad_key', 400, message, { fields: [{ field: 'query.key', message }] });

/**
 * 工作看板: the federation's figures for its jurisdiction (filtered by period, area, partner and
 * campaign), a caring unit's own figures without personal data, the households behind a figure
 * and an aggregates-only workbook.
 */
export class DashboardService {
  constructor(
    private readonly p: Platform,
    private readonly divisionName: (code: string) => string,
  ) {}

  /** Federation scope (jurisdiction) or a caring unit's own (org); anyone else is refused by the route. */
  private scope(ctx: RequestContext): 'federation' | 'caring_unit' {
    const relations = requireAction(ctx.actor, 'dashboard.read');
    return relations.has('jurisdiction') ? 'federation' : 'caring_unit';
  }

  private filters(
    ctx: RequestContext,
    q: Filters,
    scope: 'federation' | 'caring_unit',
  ): repo.DashboardFilters {
    if (q.from && q.to && q.from > q.to) {
      throw invalid('dashboard.bad_period', 'query.to', 'the period ends before it starts');
    }
    const base = {
      jurisdictionId: ctx.actor.jurisdictionId,
      today: chinaDate(this.p.clock.now()),
      from: q.from,
      to: q.to,
    };
    // A caring unit sees only what it gave, over a period; household filters would narrow its
    // aggregates down to single households.
    if (scope === 'caring_unit') return { ...base, caringOrgId: ctx.actor.orgId };
    return { ...base, divisionCode: q.divisionCode, orgId: q.orgId, campaignId: q.campaignId };
  }

  /**
   * Runs independent statements: side by side on PostgreSQL (a pool of connections), one after
   * another on SQLite, whose single connection would only queue them.
   */
  private run<T extends readonly (() => Promise<unknown>)[]>(
    tasks: T,
  ): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
    type Out = { [K in keyof T]: Awaited<ReturnType<T[K]>> };
    if (this.p.engine === 'postgres') return Promise.all(tasks.map((t) => t())) as Promise<Out>;
    return (async () => {
      const out: unknown[] = [];
      for (const t of tasks) out.push(await t());
      return out as Out;
    })();
  }

  async dashboard(ctx: RequestContext, q: Filters): Promise<Dashboard> {
    const scope = this.scope(ctx);
    const f = this.filters(ctx, q, scope);
    const db = this.p.db;
    const Q = repo.DASHBOARD_QUERIES;
    const federation = scope === 'federation';
    const none = async () => null;
    const [routes, resources, byPartnerMethod, byWeek, funnel, categories, urgent, visits, exited, returned] =
      await this.run([
        () => Q.valueByRoute(db, f),
        () => Q.resources(db, f),
        federation ? () => Q.screeningByPartnerMethod(db, f) : none,
        federation ? () => Q.screeningByWeek(db, f) : none,
        federation ? () => Q.funnel(db, f) : none,
        federation ? () => Q.archivesByCategory(db, f) : none,
        federation ? () => Q.urgentNeeds(db, f) : none,
        federation ? () => Q.visits(db, f) : none,
        federation ? () => Q.outOfDifficulty(db, f) : none,
        federation ? () => Q.archivesReturned(db, f) : none,
      ] as const);
    const byRoute = new Map(routes.map((r) => [r.route, r]));
    const valueByRoute = (federation ? ROUTES : (['referral'] as const)).map(
      (route) => byRoute.get(route) ?? { route, valueFen: 0, households: 0, records: 0 },
    ) as Dashboard['valueByRoute'];
    return {
      scope,
      screening: byPartnerMethod && byWeek ? { byPartnerMethod, byWeek } : null,
      funnel,
      archivesByCategory: categories as Dashboard['archivesByCategory'],
      urgentNeeds: urgent?.[0] ?? null,
      resources,
      valueByRoute,
      visits: visits?.[0] ?? null,
      outOfDifficulty: exited,
      archivesReturned: returned?.[0] ?? null,
    };
  }

  /** The slice a drill key names; a key that names nothing is a 400 on `key`. */
  private slice(metric: z.infer<typeof DrillQuery>['metric'], key: string): repo.DrillSlice {
    const oneOf = (allowed: readonly string[], what: string) => {
      if (!allowed.includes(key)) throw badKey(`key must be one of ${allowed.join(', ')} for ${what}`);
      return key;
    };
    switch (metric) {
      case 'screened': {
        const parts = key.split(':');
        const [orgId, method] = parts;
        if (
          parts.length !== 2 ||
          (orgId !== '' && !Id.safeParse(orgId).success) ||
          (method !== '' && !ScreeningMethod.safeParse(method).success)
        ) {
          throw badKey('key must be orgId:method (either part may be empty)');
        }
        return { metric, orgId: orgId || undefined, method: method || undefined };
      }
      case 'funnel':
        return { metric, stage: oneOf(repo.FUNNEL_DRILL_KEYS, 'the funnel') as repo.FunnelStageKey };
      case 'category':
        return { metric, category: oneOf(Category.options, 'categories') };
      case 'urgent':
        return { metric, status: oneOf(['open', 'solved'], 'urgent needs') as 'open' | 'solved' };
      case 'resource':
        if (!Id.safeParse(key).success) throw badKey('key must be a resource id');
        return { metric, resourceId: key };
      case 'route':
        return { metric, route: oneOf(ROUTES, 'routes') };
      case 'visits':
        return { metric, bucket: oneOf(repo.VISIT_BUCKETS, 'visits') as repo.VisitBucket };
      case 'exited':
        return { metric, exitKind: oneOf(EXIT_KINDS, 'exits') };
    }
  }

  /** The households behind one figure (federation only), masked phone only; the total is the figure. */
  async drill(ctx: RequestContext, q: z.infer<typeof DrillQuery>): Promise<z.infer<typeof DrillPage>> {
    // Caring units hold dashboard.read (their own figures) but not dashboard.drill.
    requireAction(ctx.actor, 'dashboard.drill');
    const slice = this.slice(q.metric, q.key);
    const f = this.filters(ctx, q, 'federation');
    const page = await repo.drill(this.p.db, f, slice, q);
    const records = q.metric === 'route' || q.metric === 'resource';
    return {
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      items: page.items.map((r) => ({
        householdId: r.householdId,
        headName: r.headName,
        phoneMasked: r.phoneTail,
        divisionName: this.divisionName(r.divisionCode),
        detail: records ? `${r.detail} 条记录` : r.detail,
        date: r.date,
        valueFen: r.valueFen,
      })),
    };
  }

  /** One sheet per chart (or the one asked for): aggregates only, Chinese names, audited. */
  async exportWorkbook(
    ctx: RequestContext,
    q: z.infer<typeof DashboardExportQuery>,
    out: Writable,
  ): Promise<void> {
    const { chart, ...filters } = q;
    const d = await this.dashboard(ctx, filters);
    const sheets = this.sheets(d).filter((s) => !chart || s.chart === chart);
    if (sheets.length === 0) {
      throw invalid('dashboard.chart_unavailable', 'query.chart', 'this chart is not part of your dashboard');
    }
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'dashboard.export',
      subjectType: 'dashboard',
      details: { scope: d.scope, chart: chart ?? 'all', filters },
    });
    await writeXlsxSheets(
      out,
      sheets.map(({ chart: _c, ...s }) => s),
    );
  }

  private sheets(d: Dashboard): (XlsxSheet & { chart: Chart })[] {
    const out: (XlsxSheet & { chart: Chart })[] = [];
    if (d.screening) {
      out.push({
        chart: 'screening',
        sheetName: '摸排情况',
        headers: ['统计口径', '摸排单位 / 周', '摸排方式', '户数'],
        rows: [
          ...d.screening.byPartnerMethod.map((r) => [
            '按单位',
            r.orgName,
            zh(METHOD_ZH, r.method),
            r.households,
          ]),
          ...d.screening.byWeek.map((r) => ['按周', r.week, zh(METHOD_ZH, r.method), r.households]),
        ],
      });
    }
    if (d.funnel) {
      out.push({
        chart: 'funnel',
        sheetName: '工作进度',
        headers: ['环节', '户数'],
        rows: d.funnel.map((r) => [zh(STAGE_ZH, r.stage), r.households]),
      });
    }
    if (d.archivesByCategory) {
      out.push({
        chart: 'category',
        sheetName: '建档类别',
        headers: ['困难类别', '在档户数'],
        rows: d.archivesByCategory.map((r) => [zh(CATEGORY_ZH, r.category), r.households]),
      });
    }
    if (d.urgentNeeds) {
      out.push({
        chart: 'urgent',
        sheetName: '紧急需求',
        headers: ['状态', '需求数'],
        rows: [
          ['待解决', d.urgentNeeds.open],
          ['已解决', d.urgentNeeds.solved],
        ],
      });
    }
    out.push({
      chart: 'resources',
      sheetName: '爱心资源',
      headers: ['爱心单位', '资源', '计量单位', '总量', '已预留', '已兑现', '服务户数', '兑现价值（元）'],
      rows: d.resources.map((r) => [
        r.orgName,
        r.title,
        r.unit,
        r.quantity,
        r.reserved,
        r.delivered,
        r.households,
        yuan(r.valueFen),
      ]),
    });
    out.push({
      chart: 'routes',
      sheetName: '帮扶途径',
      headers: ['帮扶途径', '帮扶价值（元）', '受助户数', '记录数'],
      rows: d.valueByRoute.map((r) => [zh(ROUTE_ZH, r.route), yuan(r.valueFen), r.households, r.records]),
    });
    if (d.visits) {
      out.push({
        chart: 'visits',
        sheetName: '回访情况',
        headers: ['状态', '次数'],
        rows: [
          ['待回访', d.visits.due],
          ['已逾期', d.visits.overdue],
          ['已回访', d.visits.done],
        ],
      });
    }
    if (d.outOfDifficulty) {
      out.push({
        chart: 'exited',
        sheetName: '脱困退出',
        headers: ['退出方式', '户数'],
        rows: d.outOfDifficulty.map((r) => [zh(EXIT_ZH, r.exitKind), r.households]),
      });
    }
    return out;
  }
}
