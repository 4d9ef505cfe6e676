import { useCallback, useMemo } from 'react';
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
} from '../core/labels';
import { useLabels } from '../core/use-labels';
import { weekRange, type DashboardData, type DashboardFilters } from './dashboard-api';
import { ChartCard, DrillNumber, Figures, count, yuan, type OnDrill } from './dashboard-parts';
import type { ChartOption } from '../../../components/charts/echart';
import { FUNNEL_STAGE_LABELS, HELP_ROUTE_LABELS, HELP_ROUTES, VISIT_STATE_LABELS } from '../core/help-labels';

/**
 * The dashboard's charts: each turns its slice of the Dashboard into an ECharts option, a click
 * handler that opens the drill-down, and the same numbers as links in a small table under it.
 */
interface ChartProps<T> {
  data: T;
  filters: DashboardFilters;
  onDrill: OnDrill;
}

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

function useMethodLabel() {
  const L = useLabels();
  const { t } = useI18n();
  return useCallback((method: string) => (method ? L(METHOD_LABELS, method) : t('dash.unknown')), [L, t]);
}

/** Methods in the forms' order, then any the labels do not know. */
function methodsOf(rows: readonly { method: string }[]): string[] {
  const seen = new Set(rows.map((r) => r.method));
  const known = METHODS.filter((m) => seen.has(m));
  const others = [...seen].filter((m) => !(METHODS as readonly string[]).includes(m)).sort();
  return [...known, ...others];
}

const useSmall = () => Grid.useBreakpoint().md === false;

// ---- screening by partner × method (stacked bars) ----

export function ScreeningChart({ data, filters, onDrill }: ChartProps<Screening['byPartnerMethod']>) {
  const { t } = useI18n();
  const methodLabel = useMethodLabel();
  const model = useMemo(() => {
    const methods = methodsOf(data);
    const orgs = new Map<
      string,
      { orgId: string; orgName: string; total: number; by: Map<string, number> }
    >();
    for (const row of data) {
      const org = orgs.get(row.orgId) ?? { orgId: row.orgId, orgName: row.orgName, total: 0, by: new Map() };
      org.total += row.households;
      org.by.set(row.method, (org.by.get(row.method) ?? 0) + row.households);
      orgs.set(row.orgId, org);
    }
    const list = [...orgs.values()].sort((a, b) => b.total - a.total);
    return { methods, orgs: list };
  }, [data]);

  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: model.orgs.map((o) => o.orgName),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: model.methods.map((method) => ({
        type: 'bar',
        name: methodLabel(method),
        stack: 'total',
        barMaxWidth: 22,
        emphasis: { focus: 'series' },
        data: model.orgs.map((o) => o.by.get(method) ?? 0),
      })),
    }),
    [model, methodLabel],
  );

  type Row = (typeof model.orgs)[number];
  const columns: TableProps<Row>['columns'] = [
    { key: 'org', title: t('dash.col.org'), dataIndex: 'orgName', fixed: 'left', width: 120, ellipsis: true },
    ...model.methods.map((method) => ({
      key: method,
      title: methodLabel(method),
      align: 'right' as const,
      render: (_: unknown, o: Row) => {
        const n = o.by.get(method) ?? 0;
        return n === 0 ? (
          <span className="uc-muted">0</span>
        ) : (
          <DrillNumber target={{ metric: 'screened', key: `${o.orgId}:${method}` }} onDrill={onDrill}>
            {count(n)}
          </DrillNumber>
        );
      },
    })),
    {
      key: 'total',
      title: t('dash.series.total'),
      align: 'right' as const,
      render: (_: unknown, o: Row) => (
        <DrillNumber target={{ metric: 'screened', key: `${o.orgId}:` }} onDrill={onDrill}>
          {count(o.total)}
        </DrillNumber>
      ),
    },
  ];

  return (
    <ChartCard
      name="screening"
      title={t('dash.chart.screening')}
      filters={filters}
      chart="screening"
      empty={isEmpty(model.orgs.map((o) => o.total))}
      option={option}
      height={Math.max(240, model.orgs.length * 34 + 70)}
      onClick={
        onDrill
          ? ({ seriesIndex, dataIndex }) => {
              const org = model.orgs[dataIndex];
              const method = model.methods[seriesIndex];
              if (org && method !== undefined) onDrill({ metric: 'screened', key: `${org.orgId}:${method}` });
            }
          : undefined
      }
      figures={<Figures rows={model.orgs} columns={columns} rowKey={(o) => o.orgId} scrollY={260} />}
    />
  );
}

// ---- screening per week (lines) ----

/** On the axis: an ISO week (`2026-W10`) as `W10`, a week's Monday (`2026-03-02`) as `03-02`. */
const shortWeek = (week: string) => {
  const iso = /^\d{4}-?(W\d{1,2})$/i.exec(week);
  if (iso?.[1]) return iso[1].toUpperCase();
  return /^\d{4}-\d{2}-\d{2}$/.test(week) ? week.slice(5) : week;
};

export function WeeklyChart({ data, filters, onDrill }: ChartProps<Screening['byWeek']>) {
  const { t } = useI18n();
  const methodLabel = useMethodLabel();
  const model = useMemo(() => {
    const methods = methodsOf(data);
    const weeks = [...new Set(data.map((r) => r.week))].sort();
    const at = new Map(data.map((r) => [`${r.week}|${r.method}`, r.households]));
    const cell = (week: string, method: string) => at.get(`${week}|${method}`) ?? 0;
    const totals = weeks.map((w) => methods.reduce((sum, m) => sum + cell(w, m), 0));
    return { methods, weeks, cell, totals };
  }, [data]);

  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', boundaryGap: false, data: model.weeks.map(shortWeek) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...model.methods.map((method) => ({
          type: 'line' as const,
          name: methodLabel(method),
          smooth: true,
          symbolSize: 6,
          data: model.weeks.map((w) => model.cell(w, method)),
        })),
        {
          type: 'line' as const,
          name: t('dash.series.total'),
          symbolSize: 8,
          lineStyle: { width: 3 },
          data: model.totals,
        },
      ],
    }),
    [model, methodLabel, t],
  );

  const drillWeek = (week: string, method: string | undefined) => {
    const range = weekRange(week);
    return {
      metric: 'screened' as const,
      // `orgId:method` with the organisation left open; `:` alone is every method.
      key: `:${method ?? ''}`,
      from: range?.from,
      to: range?.to,
    };
  };

  type Row = { week: string; total: number };
  const rows: Row[] = model.weeks.map((week, i) => ({ week, total: model.totals[i] ?? 0 })).reverse();
  const columns: TableProps<Row>['columns'] = [
    { key: 'week', title: t('dash.col.week'), dataIndex: 'week', width: 130 },
    {
      key: 'total',
      title: t('dash.col.households'),
      align: 'right',
      render: (_, r) => (
        <DrillNumber target={drillWeek(r.week, undefined)} onDrill={onDrill}>
          {count(r.total)}
        </DrillNumber>
      ),
    },
  ];

  return (
    <ChartCard
      name="weekly"
      title={t('dash.chart.weekly')}
      filters={filters}
      chart="screening"
      exportTestId="dashboard-export-screening-weekly"
      empty={isEmpty(model.totals)}
      option={option}
      height={280}
      onClick={
        onDrill
          ? ({ seriesIndex, dataIndex }) => {
              const week = model.weeks[dataIndex];
              if (week) onDrill(drillWeek(week, model.methods[seriesIndex]));
            }
          : undefined
      }
      figures={<Figures rows={rows} columns={columns} rowKey={(r) => r.week} scrollY={200} />}
    />
  );
}

// ---- funnel ----

export function FunnelCard({ data, filters, onDrill }: ChartProps<NonNullable<DashboardData['funnel']>>) {
  const { t } = useI18n();
  const L = useLabels();
  const first = data[0]?.households ?? 0;
  const option = useMemo<ChartOption>(
    () => ({
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
    }),
    [data, first, L],
  );
  type Row = (typeof data)[number];
  const columns: TableProps<Row>['columns'] = [
    { key: 'stage', title: t('dash.col.item'), render: (_, s) => L(FUNNEL_STAGE_LABELS, s.stage) },
    {
      key: 'n',
      title: t('dash.col.households'),
      align: 'right',
      render: (_, s) => (
        <DrillNumber target={{ metric: 'funnel', key: s.stage }} onDrill={onDrill}>
          {count(s.households)}
        </DrillNumber>
      ),
    },
    {
      key: 'pct',
      title: '%',
      align: 'right',
      render: (_, s) => (first > 0 ? `${Math.round((s.households / first) * 1000) / 10}%` : '—'),
    },
  ];
  return (
    <ChartCard
      name="funnel"
      title={t('dash.chart.funnel')}
      filters={filters}
      chart="funnel"
      empty={isEmpty(data.map((s) => s.households))}
      option={option}
      height={260}
      onClick={
        onDrill
          ? ({ dataIndex }) => {
              const stage = data[dataIndex];
              if (stage) onDrill({ metric: 'funnel', key: stage.stage });
            }
          : undefined
      }
      figures={<Figures rows={data} columns={columns} rowKey={(s) => s.stage} />}
    />
  );
}

// ---- pies: category, urgent needs, exits ----

interface Slice {
  key: string;
  label: string;
  value: number;
  color?: string;
}

function PieCard({
  name,
  title,
  chart,
  metric,
  slices,
  filters,
  onDrill,
}: {
  name: string;
  title: string;
  chart: 'category' | 'urgent' | 'exited';
  metric: 'category' | 'urgent' | 'exited';
  slices: Slice[];
  filters: DashboardFilters;
  onDrill: OnDrill;
}) {
  const { t } = useI18n();
  const small = useSmall();
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const option = useMemo<ChartOption>(
    () => ({
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
    }),
    [slices, small],
  );
  const columns: TableProps<Slice>['columns'] = [
    { key: 'label', title: t('dash.col.item'), dataIndex: 'label' },
    {
      key: 'n',
      title: t('dash.col.households'),
      align: 'right',
      render: (_, s) => (
        <DrillNumber target={{ metric, key: s.key }} onDrill={onDrill}>
          {count(s.value)}
        </DrillNumber>
      ),
    },
    {
      key: 'pct',
      title: '%',
      align: 'right',
      render: (_, s) => (total > 0 ? `${Math.round((s.value / total) * 1000) / 10}%` : '—'),
    },
  ];
  return (
    <ChartCard
      name={name}
      title={title}
      filters={filters}
      chart={chart}
      empty={total === 0}
      option={option}
      height={260}
      onClick={
        onDrill
          ? ({ dataIndex }) => {
              const slice = slices[dataIndex];
              if (slice) onDrill({ metric, key: slice.key });
            }
          : undefined
      }
      figures={<Figures rows={slices} columns={columns} rowKey={(s) => s.key} />}
    />
  );
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

export function CategoryCard({
  data,
  filters,
  onDrill,
}: ChartProps<NonNullable<DashboardData['archivesByCategory']>>) {
  const { t } = useI18n();
  const L = useLabels();
  const slices = useMemo(
    () =>
      [...data]
        .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category))
        .map((c) => ({
          key: c.category,
          label: L(CATEGORY_LABELS, c.category),
          value: c.households,
          color: CATEGORY_CHART_COLORS[c.category],
        })),
    [data, L],
  );
  return (
    <PieCard
      name="category"
      title={t('dash.chart.category')}
      chart="category"
      metric="category"
      slices={slices}
      filters={filters}
      onDrill={onDrill}
    />
  );
}

export function UrgentCard({
  data,
  filters,
  onDrill,
}: ChartProps<NonNullable<DashboardData['urgentNeeds']>>) {
  const { t } = useI18n();
  const L = useLabels();
  const slices = useMemo(
    () => [
      { key: 'open', label: L(NEED_STATUS_LABELS, 'open'), value: data.open, color: '#c8102e' },
      { key: 'solved', label: L(NEED_STATUS_LABELS, 'solved'), value: data.solved, color: '#52c41a' },
    ],
    [data, L],
  );
  return (
    <PieCard
      name="urgent"
      title={t('dash.chart.urgent')}
      chart="urgent"
      metric="urgent"
      slices={slices}
      filters={filters}
      onDrill={onDrill}
    />
  );
}

export function ExitedCard({
  data,
  filters,
  onDrill,
}: ChartProps<NonNullable<DashboardData['outOfDifficulty']>>) {
  const { t } = useI18n();
  const L = useLabels();
  const slices = useMemo(
    () =>
      [...data]
        .sort((a, b) => exitOrder(a.exitKind) - exitOrder(b.exitKind))
        .map((e) => ({
          key: e.exitKind,
          label: e.exitKind ? L(EXIT_KIND_LABELS, e.exitKind) : t('dash.unknown'),
          value: e.households,
          color:
            e.exitKind === 'out_of_difficulty'
              ? '#52c41a'
              : e.exitKind === 'cancelled'
                ? '#8c8c8c'
                : undefined,
        })),
    [data, L, t],
  );
  return (
    <PieCard
      name="exited"
      title={t('dash.chart.exited')}
      chart="exited"
      metric="exited"
      slices={slices}
      filters={filters}
      onDrill={onDrill}
    />
  );
}

// ---- resources offered / reserved / used ----

export function ResourcesCard({
  data,
  filters,
  onDrill,
  ownUnit,
}: ChartProps<DashboardData['resources']> & { ownUnit: boolean }) {
  const { t } = useI18n();
  const rows = useMemo(
    () => [...data].sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || b.quantity - a.quantity),
    [data],
  );
  const labelOf = (r: Resource) => (ownUnit ? r.title : `${r.title}（${r.orgName}）`);
  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: LEGEND,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => (ownUnit ? r.title : `${r.title}（${r.orgName}）`)),
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
    }),
    [rows, t, ownUnit],
  );
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
      render: (_, r) => (
        <DrillNumber target={{ metric: 'resource', key: r.resourceId }} onDrill={onDrill}>
          {count(r.households)}
        </DrillNumber>
      ),
    },
    {
      key: 'value',
      title: t('dash.col.value'),
      align: 'right',
      render: (_, r) => <span className="uc-nowrap">{yuan(r.valueFen)}</span>,
    },
  ];
  return (
    <ChartCard
      name="resources"
      title={t('dash.chart.resources')}
      filters={filters}
      chart="resources"
      empty={isEmpty(rows.map((r) => r.quantity + r.reserved + r.delivered))}
      option={option}
      height={Math.max(240, rows.length * 44 + 70)}
      onClick={
        onDrill
          ? ({ dataIndex }) => {
              const r = rows[dataIndex];
              if (r) onDrill({ metric: 'resource', key: r.resourceId });
            }
          : undefined
      }
      figures={<Figures rows={rows} columns={columns} rowKey={(r) => r.resourceId} scrollY={260} />}
    />
  );
}

// ---- value delivered by route ----

const ROUTE_COLORS: Record<string, string> = {
  urgent: '#c8102e',
  measure: '#1677ff',
  referral: '#52c41a',
  upper: '#722ed1',
};

export function RoutesCard({ data, filters, onDrill }: ChartProps<DashboardData['valueByRoute']>) {
  const { t } = useI18n();
  const L = useLabels();
  const rows = useMemo(() => {
    const order = (route: string) => {
      const i = (HELP_ROUTES as readonly string[]).indexOf(route);
      return i < 0 ? 99 : i;
    };
    return [...data].sort((a, b) => order(a.route) - order(b.route));
  }, [data]);
  const option = useMemo<ChartOption>(
    () => ({
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
    }),
    [rows, L, t],
  );
  type Row = (typeof rows)[number];
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
      render: (_, r) => (
        <DrillNumber target={{ metric: 'route', key: r.route }} onDrill={onDrill}>
          <span className="uc-nowrap">{yuan(r.valueFen)}</span>
        </DrillNumber>
      ),
    },
  ];
  return (
    <ChartCard
      name="routes"
      title={t('dash.chart.routes')}
      filters={filters}
      chart="routes"
      empty={isEmpty(rows.map((r) => r.valueFen + r.records))}
      option={option}
      height={260}
      onClick={
        onDrill
          ? ({ dataIndex }) => {
              const r = rows[dataIndex];
              if (r) onDrill({ metric: 'route', key: r.route });
            }
          : undefined
      }
      figures={<Figures rows={rows} columns={columns} rowKey={(r) => r.route} />}
    />
  );
}

// ---- return visits ----

export function VisitsCard({ data, filters, onDrill }: ChartProps<NonNullable<DashboardData['visits']>>) {
  const { t } = useI18n();
  const L = useLabels();
  const rows = useMemo(
    () => [
      { key: 'due', label: L(VISIT_STATE_LABELS, 'due'), value: data.due, color: '#1677ff' },
      { key: 'overdue', label: t('dash.kpi.overdue'), value: data.overdue, color: '#c8102e' },
      { key: 'done', label: L(VISIT_STATE_LABELS, 'done'), value: data.done, color: '#52c41a' },
    ],
    [data, L, t],
  );
  const option = useMemo<ChartOption>(
    () => ({
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
    }),
    [rows, t],
  );
  type Row = (typeof rows)[number];
  const columns: TableProps<Row>['columns'] = [
    { key: 'label', title: t('dash.col.item'), dataIndex: 'label' },
    {
      key: 'n',
      title: t('dash.col.households'),
      align: 'right',
      render: (_, r) => (
        <DrillNumber target={{ metric: 'visits', key: r.key }} onDrill={onDrill}>
          {count(r.value)}
        </DrillNumber>
      ),
    },
  ];
  return (
    <ChartCard
      name="visits"
      title={t('dash.chart.visits')}
      filters={filters}
      chart="visits"
      empty={isEmpty(rows.map((r) => r.value))}
      option={option}
      height={240}
      onClick={
        onDrill
          ? ({ dataIndex }) => {
              const r = rows[dataIndex];
              if (r) onDrill({ metric: 'visits', key: r.key });
            }
          : undefined
      }
      figures={<Figures rows={rows} columns={columns} rowKey={(r) => r.key} />}
    />
  );
}
