import { useCallback, useMemo, type ReactNode } from 'react';
import { Grid, type TableProps } from 'antd';
import { useI18n } from '../../../app/i18n';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EXIT_KINDS,
  EXIT_KIND_LABELS,
  METHOD_LABELS,
  NEED_STATUS_LABELS,
  METHODS,
  type LabelFn,
} from '../core/labels';
import { useLabels } from '../core/use-labels';
import {
  weekRange,
  type DashboardChartName,
  type DashboardData,
  type DashboardFilters,
} from './dashboard-api';
import {
  DashboardExportButton,
  DrillNumber,
  count,
  yuan,
  type DrillTarget,
  type OnDrill,
} from './dashboard-parts';
import type { ChartOption } from '../../../components/charts/echart';
import {
  DeclaredChartCard,
  declareChart,
  type ChartDeclaration,
  type DeclaredChart,
} from '../../../components/charts/chart-card';
import { FUNNEL_STAGE_LABELS, HELP_ROUTE_LABELS, HELP_ROUTES, VISIT_STATE_LABELS } from '../core/help-labels';

/**
 * The dashboard's charts as declarations (web/components/charts/chart-card.tsx): each names its
 * slice of the Dashboard, its kind, the series mapping to an ECharts option and the same numbers
 * as links in a small table under it, and what a click drills into.
 */

/** What every series mapping is handed: words, labels, the screen size and the drill link. */
export interface ChartContext {
  t: ReturnType<typeof useI18n>['t'];
  L: LabelFn;
  methodLabel: (method: string) => string;
  small: boolean;
  onDrill: OnDrill;
  /** A caring unit's own view: resources without the unit's name. */
  ownUnit: boolean;
}

type DashboardChart = DeclaredChart<DashboardData, ChartContext, DrillTarget, DashboardChartName>;
const chart = <S, R extends object>(
  d: ChartDeclaration<DashboardData, ChartContext, DrillTarget, S, R, DashboardChartName>,
): DashboardChart => declareChart(d);

type Screening = NonNullable<DashboardData['screening']>;
type Resource = DashboardData['resources'][number];

const GRID = {
  left: 8,
  right: 24,
  top: 36,
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
} as const;
const LEGEND = { top: 0, type: 'scroll' } as const;
const isEmpty = (values: number[]) => values.every((v) => v === 0);

/** Methods in the forms' order, then any the labels do not know. */
function methodsOf(rows: readonly { method: string }[]): string[] {
  const seen = new Set(rows.map((r) => r.method));
  const known = METHODS.filter((m) => seen.has(m));
  const others = [...seen].filter((m) => !(METHODS as readonly string[]).includes(m)).sort();
  return [...known, ...others];
}

/** On the axis: an ISO week (`2026-W10`) as `W10`, a week's Monday (`2026-03-02`) as `03-02`. */
const shortWeek = (week: string) => {
  const iso = /^\d{4}-?(W\d{1,2})$/i.exec(week);
  if (iso?.[1]) return iso[1].toUpperCase();
  return /^\d{4}-\d{2}-\d{2}$/.test(week) ? week.slice(5) : week;
};

const drillWeek = (week: string, method: string | undefined): DrillTarget => {
  const range = weekRange(week);
  return {
    metric: 'screened',
    // `orgId:method` with the organisation left open; `:` alone is every method.
    key: `:${method ?? ''}`,
    from: range?.from,
    to: range?.to,
  };
};

const drill = (ctx: ChartContext, target: DrillTarget, children: ReactNode) => (
  <DrillNumber target={target} onDrill={ctx.onDrill}>
    {children}
  </DrillNumber>
);

const percent = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—';

// ---- pies: category, urgent needs, exits ----

interface Slice {
  key: string;
  label: string;
  value: number;
  color?: string;
}

type PieMetric = 'category' | 'urgent' | 'exited';

/** A pie of slices, each slice drilling into `metric` with its key. */
function pie(metric: PieMetric, slices: Slice[], ctx: ChartContext) {
  const { t, small } = ctx;
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const option: ChartOption = {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: small ? ['35%', '58%'] : ['42%', '68%'],
        center: ['50%', '46%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}', overflow: 'break' },
        data: slices.map((s) => ({
          name: s.label,
          value: s.value,
          itemStyle: s.color ? { color: s.color } : undefined,
        })),
      },
    ],
  };
  const columns: TableProps<Slice>['columns'] = [
    { key: 'label', title: t('dash.col.item'), dataIndex: 'label' },
    {
      key: 'n',
      title: t('dash.col.households'),
      align: 'right',
      render: (_, s) => drill(ctx, { metric, key: s.key }, count(s.value)),
    },
    { key: 'pct', title: '%', align: 'right', render: (_, s) => percent(s.value, total) },
  ];
  return {
    rows: slices,
    rowKey: (s: Slice) => s.key,
    columns,
    option,
    height: 260,
    empty: total === 0,
    drillRow: (slice: Slice) => ({ metric, key: slice.key }),
  };
}

/** The archive pages' tag colours (CATEGORY_COLORS), as hex for the canvas. */
const CATEGORY_CHART_COLORS: Record<string, string> = {
  deep: '#c8102e',
  relative: '#fa8c16',
  accident: '#eb2f96',
};
const exitOrder = (kind: string) => {
  const i = (EXIT_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? 99 : i;
};

const ROUTE_COLORS: Record<string, string> = {
  urgent: '#c8102e',
  measure: '#1677ff',
  referral: '#52c41a',
  upper: '#722ed1',
};
const routeOrder = (route: string) => {
  const i = (HELP_ROUTES as readonly string[]).indexOf(route);
  return i < 0 ? 99 : i;
};

// ---- the declarations ----

/** Screening by partner × method (stacked bars). */
const screening = chart({
  name: 'screening',
  title: ({ t }) => t('dash.chart.screening'),
  kind: 'stacked-bar',
  exportAs: 'screening',
  query: (data) => data.screening?.byPartnerMethod ?? [],
  series: (data: Screening['byPartnerMethod'], ctx) => {
    const { t, methodLabel } = ctx;
    const methods = methodsOf(data);
    const byOrg = new Map<
      string,
      { orgId: string; orgName: string; total: number; by: Map<string, number> }
    >();
    for (const row of data) {
      const org = byOrg.get(row.orgId) ?? { orgId: row.orgId, orgName: row.orgName, total: 0, by: new Map() };
      org.total += row.households;
      org.by.set(row.method, (org.by.get(row.method) ?? 0) + row.households);
      byOrg.set(row.orgId, org);
    }
    const orgs = [...byOrg.values()].sort((a, b) => b.total - a.total);
    type Row = (typeof orgs)[number];
    const option: ChartOption = {
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: orgs.map((o) => o.orgName),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: methods.map((method) => ({
        type: 'bar',
        name: methodLabel(method),
        stack: 'total',
        barMaxWidth: 22,
        emphasis: { focus: 'series' },
        data: orgs.map((o) => o.by.get(method) ?? 0),
      })),
    };
    const columns: TableProps<Row>['columns'] = [
      {
        key: 'org',
        title: t('dash.col.org'),
        dataIndex: 'orgName',
        fixed: 'left',
        width: 120,
        ellipsis: true,
      },
      ...methods.map((method) => ({
        key: method,
        title: methodLabel(method),
        align: 'right' as const,
        render: (_: unknown, o: Row) => {
          const n = o.by.get(method) ?? 0;
          return n === 0 ? (
            <span className="uc-muted">0</span>
          ) : (
            drill(ctx, { metric: 'screened', key: `${o.orgId}:${method}` }, count(n))
          );
        },
      })),
      {
        key: 'total',
        title: t('dash.series.total'),
        align: 'right' as const,
        render: (_: unknown, o: Row) =>
          drill(ctx, { metric: 'screened', key: `${o.orgId}:` }, count(o.total)),
      },
    ];
    return {
      rows: orgs,
      rowKey: (o: Row) => o.orgId,
      columns,
      scrollY: 260,
      option,
      height: Math.max(240, orgs.length * 34 + 70),
      empty: isEmpty(orgs.map((o) => o.total)),
      clickTarget: ({ seriesIndex, dataIndex }) => {
        const org = orgs[dataIndex];
        const method = methods[seriesIndex];
        return org && method !== undefined
          ? { metric: 'screened', key: `${org.orgId}:${method}` }
          : undefined;
      },
    };
  },
});

/** Screening per week (lines). */
const weekly = chart({
  name: 'weekly',
  title: ({ t }) => t('dash.chart.weekly'),
  kind: 'line',
  exportAs: 'screening',
  exportTestId: 'dashboard-export-screening-weekly',
  query: (data) => data.screening?.byWeek ?? [],
  series: (data: Screening['byWeek'], ctx) => {
    const { t, methodLabel } = ctx;
    const methods = methodsOf(data);
    const weeks = [...new Set(data.map((r) => r.week))].sort();
    const at = new Map(data.map((r) => [`${r.week}|${r.method}`, r.households]));
    const cell = (week: string, method: string) => at.get(`${week}|${method}`) ?? 0;
    const totals = weeks.map((w) => methods.reduce((sum, m) => sum + cell(w, m), 0));
    const option: ChartOption = {
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', boundaryGap: false, data: weeks.map(shortWeek) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...methods.map((method) => ({
          type: 'line' as const,
          name: methodLabel(method),
          smooth: true,
          symbolSize: 6,
          data: weeks.map((w) => cell(w, method)),
        })),
        {
          type: 'line' as const,
          name: t('dash.series.total'),
          symbolSize: 8,
          lineStyle: { width: 3 },
          data: totals,
        },
      ],
    };
    type Row = { week: string; total: number };
    const rows: Row[] = weeks.map((week, i) => ({ week, total: totals[i] ?? 0 })).reverse();
    const columns: TableProps<Row>['columns'] = [
      { key: 'week', title: t('dash.col.week'), dataIndex: 'week', width: 130 },
      {
        key: 'total',
        title: t('dash.col.households'),
        align: 'right',
        render: (_, r) => drill(ctx, drillWeek(r.week, undefined), count(r.total)),
      },
    ];
    return {
      rows,
      rowKey: (r: Row) => r.week,
      columns,
      scrollY: 200,
      option,
      height: 280,
      empty: isEmpty(totals),
      clickTarget: ({ seriesIndex, dataIndex }) => {
        const week = weeks[dataIndex];
        return week ? drillWeek(week, methods[seriesIndex]) : undefined;
      },
    };
  },
});

/** The funnel from screened to helped. */
const funnel = chart({
  name: 'funnel',
  title: ({ t }) => t('dash.chart.funnel'),
  kind: 'funnel',
  exportAs: 'funnel',
  query: (data) => data.funnel ?? [],
  series: (data: NonNullable<DashboardData['funnel']>, ctx) => {
    const { t, L } = ctx;
    const first = data[0]?.households ?? 0;
    const option: ChartOption = {
      tooltip: { trigger: 'item', formatter: '{b}：{c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          right: '8%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(first, 1),
          minSize: '12%',
          gap: 2,
          label: { position: 'inside', formatter: '{b} {c}', color: '#fff' },
          data: data.map((s) => ({ name: L(FUNNEL_STAGE_LABELS, s.stage), value: s.households })),
        },
      ],
    };
    type Row = (typeof data)[number];
    const columns: TableProps<Row>['columns'] = [
      { key: 'stage', title: t('dash.col.item'), render: (_, s) => L(FUNNEL_STAGE_LABELS, s.stage) },
      {
        key: 'n',
        title: t('dash.col.households'),
        align: 'right',
        render: (_, s) => drill(ctx, { metric: 'funnel', key: s.stage }, count(s.households)),
      },
      { key: 'pct', title: '%', align: 'right', render: (_, s) => percent(s.households, first) },
    ];
    return {
      rows: data,
      rowKey: (s: Row) => s.stage,
      columns,
      option,
      height: 260,
      empty: isEmpty(data.map((s) => s.households)),
      drillRow: (stage: Row) => ({ metric: 'funnel', key: stage.stage }),
    };
  },
});

const category = chart({
  name: 'category',
  title: ({ t }) => t('dash.chart.category'),
  kind: 'pie',
  exportAs: 'category',
  query: (data) => data.archivesByCategory ?? [],
  series: (data: NonNullable<DashboardData['archivesByCategory']>, ctx) =>
    pie(
      'category',
      [...data]
        .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category))
        .map((c) => ({
          key: c.category,
          label: ctx.L(CATEGORY_LABELS, c.category),
          value: c.households,
          color: CATEGORY_CHART_COLORS[c.category],
        })),
      ctx,
    ),
});

const urgent = chart({
  name: 'urgent',
  title: ({ t }) => t('dash.chart.urgent'),
  kind: 'pie',
  exportAs: 'urgent',
  query: (data) => data.urgentNeeds ?? { open: 0, solved: 0 },
  series: (data: NonNullable<DashboardData['urgentNeeds']>, ctx) =>
    pie(
      'urgent',
      [
        { key: 'open', label: ctx.L(NEED_STATUS_LABELS, 'open'), value: data.open, color: '#c8102e' },
        { key: 'solved', label: ctx.L(NEED_STATUS_LABELS, 'solved'), value: data.solved, color: '#52c41a' },
      ],
      ctx,
    ),
});

const exited = chart({
  name: 'exited',
  title: ({ t }) => t('dash.chart.exited'),
  kind: 'pie',
  exportAs: 'exited',
  query: (data) => data.outOfDifficulty ?? [],
  series: (data: NonNullable<DashboardData['outOfDifficulty']>, ctx) =>
    pie(
      'exited',
      [...data]
        .sort((a, b) => exitOrder(a.exitKind) - exitOrder(b.exitKind))
        .map((e) => ({
          key: e.exitKind,
          label: e.exitKind ? ctx.L(EXIT_KIND_LABELS, e.exitKind) : ctx.t('dash.unknown'),
          value: e.households,
          color:
            e.exitKind === 'out_of_difficulty'
              ? '#52c41a'
              : e.exitKind === 'cancelled'
                ? '#8c8c8c'
                : undefined,
        })),
      ctx,
    ),
});

/** Resources offered / reserved / used. */
const resources = chart({
  name: 'resources',
  title: ({ t }) => t('dash.chart.resources'),
  kind: 'bar',
  exportAs: 'resources',
  query: (data) => data.resources,
  series: (data: DashboardData['resources'], ctx) => {
    const { t, ownUnit } = ctx;
    const rows = [...data].sort(
      (a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || b.quantity - a.quantity,
    );
    const labelOf = (r: Resource) => (ownUnit ? r.title : `${r.title}（${r.orgName}）`);
    const option: ChartOption = {
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map(labelOf),
        axisLabel: { width: 130, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('dash.series.quantity'),
          barMaxWidth: 14,
          data: rows.map((r) => r.quantity),
          itemStyle: { color: '#1677ff' },
        },
        {
          type: 'bar',
          name: t('dash.series.reserved'),
          barMaxWidth: 14,
          data: rows.map((r) => r.reserved),
          itemStyle: { color: '#fa8c16' },
        },
        {
          type: 'bar',
          name: t('dash.series.delivered'),
          barMaxWidth: 14,
          data: rows.map((r) => r.delivered),
          itemStyle: { color: '#52c41a' },
        },
      ],
    };
    const columns: TableProps<Resource>['columns'] = [
      {
        key: 'title',
        title: t('dash.col.resource'),
        fixed: 'left',
        width: 140,
        ellipsis: true,
        render: (_, r) => labelOf(r),
      },
      {
        key: 'qty',
        title: t('dash.col.quantity'),
        align: 'right',
        render: (_, r) => (
          <span className="uc-nowrap">
            {count(r.quantity)} / {count(r.reserved)} / {count(r.delivered)} {r.unit}
          </span>
        ),
      },
      {
        key: 'households',
        title: t('dash.col.households'),
        align: 'right',
        render: (_, r) => drill(ctx, { metric: 'resource', key: r.resourceId }, count(r.households)),
      },
      {
        key: 'value',
        title: t('dash.col.value'),
        align: 'right',
        render: (_, r) => <span className="uc-nowrap">{yuan(r.valueFen)}</span>,
      },
    ];
    return {
      rows,
      rowKey: (r: Resource) => r.resourceId,
      columns,
      scrollY: 260,
      option,
      height: Math.max(240, rows.length * 44 + 70),
      empty: isEmpty(rows.map((r) => r.quantity + r.reserved + r.delivered)),
      drillRow: (r: Resource) => ({ metric: 'resource', key: r.resourceId }),
    };
  },
});

/** The value delivered by route. */
const routes = chart({
  name: 'routes',
  title: ({ t }) => t('dash.chart.routes'),
  kind: 'bar',
  exportAs: 'routes',
  query: (data) => data.valueByRoute,
  series: (data: DashboardData['valueByRoute'], ctx) => {
    const { t, L } = ctx;
    const rows = [...data].sort((a, b) => routeOrder(a.route) - routeOrder(b.route));
    type Row = (typeof rows)[number];
    const option: ChartOption = {
      grid: { ...GRID, top: 28 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? yuan(Math.round(v * 100)) : String(v)),
      },
      xAxis: { type: 'category', data: rows.map((r) => L(HELP_ROUTE_LABELS, r.route)) },
      yAxis: { type: 'value', name: t('dash.series.value'), nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          name: t('dash.series.value'),
          barMaxWidth: 48,
          label: { show: true, position: 'top', formatter: (p) => yuan(Math.round(Number(p.value) * 100)) },
          data: rows.map((r) => ({ value: r.valueFen / 100, itemStyle: { color: ROUTE_COLORS[r.route] } })),
        },
      ],
    };
    const columns: TableProps<Row>['columns'] = [
      { key: 'route', title: t('dash.col.item'), render: (_, r) => L(HELP_ROUTE_LABELS, r.route) },
      { key: 'records', title: t('dash.col.records'), align: 'right', render: (_, r) => count(r.records) },
      {
        key: 'households',
        title: t('dash.col.households'),
        align: 'right',
        render: (_, r) => count(r.households),
      },
      {
        key: 'value',
        title: t('dash.col.value'),
        align: 'right',
        render: (_, r) =>
          drill(
            ctx,
            { metric: 'route', key: r.route },
            <span className="uc-nowrap">{yuan(r.valueFen)}</span>,
          ),
      },
    ];
    return {
      rows,
      rowKey: (r: Row) => r.route,
      columns,
      option,
      height: 260,
      empty: isEmpty(rows.map((r) => r.valueFen + r.records)),
      drillRow: (r: Row) => ({ metric: 'route', key: r.route }),
    };
  },
});

/** Return visits due, overdue and done. */
const visits = chart({
  name: 'visits',
  title: ({ t }) => t('dash.chart.visits'),
  kind: 'bar',
  exportAs: 'visits',
  query: (data) => data.visits ?? { due: 0, overdue: 0, done: 0 },
  series: (data: NonNullable<DashboardData['visits']>, ctx) => {
    const { t, L } = ctx;
    const rows = [
      { key: 'due', label: L(VISIT_STATE_LABELS, 'due'), value: data.due, color: '#1677ff' },
      { key: 'overdue', label: t('dash.kpi.overdue'), value: data.overdue, color: '#c8102e' },
      { key: 'done', label: L(VISIT_STATE_LABELS, 'done'), value: data.done, color: '#52c41a' },
    ];
    type Row = (typeof rows)[number];
    const option: ChartOption = {
      grid: { ...GRID, top: 24 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('dash.col.households'),
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color } })),
        },
      ],
    };
    const columns: TableProps<Row>['columns'] = [
      { key: 'label', title: t('dash.col.item'), dataIndex: 'label' },
      {
        key: 'n',
        title: t('dash.col.households'),
        align: 'right',
        render: (_, r) => drill(ctx, { metric: 'visits', key: r.key }, count(r.value)),
      },
    ];
    return {
      rows,
      rowKey: (r: Row) => r.key,
      columns,
      option,
      height: 240,
      empty: isEmpty(rows.map((r) => r.value)),
      drillRow: (r: Row) => ({ metric: 'visits', key: r.key }),
    };
  },
});

/** The federation's charts, in the page's order, each with its column width. */
const HALF = { xs: 24, xl: 12 } as const;
const THIRD = { xs: 24, lg: 12, xxl: 8 } as const;
export interface PlacedChart {
  chart: DashboardChart;
  col: { xs: number; lg?: number; xl?: number; xxl?: number };
}
export const FEDERATION_CHARTS: readonly PlacedChart[] = [
  { chart: screening, col: HALF },
  { chart: weekly, col: HALF },
  { chart: funnel, col: THIRD },
  { chart: category, col: THIRD },
  { chart: urgent, col: THIRD },
  { chart: resources, col: HALF },
  { chart: routes, col: HALF },
  { chart: visits, col: HALF },
  { chart: exited, col: HALF },
];
/** 我单位的爱心贡献: a caring unit's resources and the value it delivered; no households behind them. */
export const CARING_UNIT_CHARTS: readonly PlacedChart[] = [
  { chart: resources, col: HALF },
  { chart: routes, col: HALF },
];

/** The words, labels and drill link every declaration is handed. */
export function useChartContext(onDrill: OnDrill, ownUnit: boolean): ChartContext {
  const { t } = useI18n();
  const L = useLabels();
  const small = Grid.useBreakpoint().md === false;
  const methodLabel = useCallback(
    (method: string) => (method ? L(METHOD_LABELS, method) : t('dash.unknown')),
    [L, t],
  );
  return useMemo(
    () => ({ t, L, methodLabel, small, onDrill, ownUnit }),
    [t, L, methodLabel, small, onDrill, ownUnit],
  );
}

/** One declared chart on the dashboard: its card, export button and empty state. */
export function DashboardChartCard({
  chart: declared,
  data,
  filters,
  ctx,
}: {
  chart: DashboardChart;
  data: DashboardData;
  filters: DashboardFilters;
  ctx: ChartContext;
}) {
  const { t } = ctx;
  return (
    <DeclaredChartCard
      chart={declared}
      data={data}
      ctx={ctx}
      onDrill={ctx.onDrill}
      testIdPrefix="dashboard"
      className="uc-dash"
      extra={
        declared.exportAs ? (
          <DashboardExportButton
            filters={filters}
            chart={declared.exportAs}
            testId={declared.exportTestId ?? `dashboard-export-${declared.exportAs}`}
          />
        ) : null
      }
      emptyText={
        <>
          <div>{t('dash.empty')}</div>
          <div className="uc-muted uc-small">{t('dash.emptyHint')}</div>
        </>
      }
    />
  );
}
