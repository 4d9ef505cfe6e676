import { Link, useNavigate } from 'react-router';
import { Alert, Drawer, Empty, Grid, Table, type TableProps } from 'antd';
import { useErrorText, useI18n, type Translate } from '../../../app/i18n';
import { CATEGORY_LABELS, EXIT_KIND_LABELS, METHOD_LABELS, NEED_STATUS_LABELS } from '../core/labels';
import type { LabelFn } from '../core/labels';
import { useLabels } from '../core/use-labels';
import {
  DRILL_PAGE_SIZE,
  drillQuery,
  useDrill,
  type DashboardData,
  type DashboardFilters,
  type DrillRowData,
  type DrillState,
} from './dashboard-api';
import { yuan } from './dashboard-parts';
import { FUNNEL_STAGE_LABELS, HELP_ROUTE_LABELS, VISIT_STATE_LABELS } from '../core/help-labels';

const CHART_TITLE: Record<DrillState['metric'], Parameters<Translate>[0]> = {
  screened: 'dash.kpi.screened',
  funnel: 'dash.drill.funnel',
  category: 'dash.chart.category',
  urgent: 'dash.kpi.urgent',
  resource: 'dash.chart.resources',
  route: 'dash.chart.routes',
  visits: 'dash.chart.visits',
  exited: 'dash.chart.exited',
};

/** The drawer's title in words: which chart, which bar; names come from the dashboard already loaded. */
export function describeDrill(drill: DrillState, data: DashboardData | undefined, L: LabelFn, t: Translate) {
  const all = t('dash.drill.all');
  let item = drill.key;
  switch (drill.metric) {
    case 'screened': {
      const [orgId = '', method = ''] = drill.key.split(':');
      const org = data?.screening?.byPartnerMethod.find((r) => r.orgId === orgId)?.orgName;
      const parts = [org, method ? L(METHOD_LABELS, method) : undefined].filter(Boolean);
      item = parts.length > 0 ? parts.join(' · ') : all;
      break;
    }
    case 'funnel':
      item = L(FUNNEL_STAGE_LABELS, drill.key) || all;
      break;
    case 'category':
      item = L(CATEGORY_LABELS, drill.key) || all;
      break;
    case 'urgent':
      item = L(NEED_STATUS_LABELS, drill.key) || all;
      break;
    case 'resource': {
      const r = data?.resources.find((x) => x.resourceId === drill.key);
      item = r ? `${r.title}（${r.orgName}）` : drill.key || all;
      break;
    }
    case 'route':
      item = L(HELP_ROUTE_LABELS, drill.key) || all;
      break;
    case 'visits':
      item = drill.key === 'overdue' ? t('dash.kpi.overdue') : L(VISIT_STATE_LABELS, drill.key) || all;
      break;
    case 'exited':
      item = L(EXIT_KIND_LABELS, drill.key) || all;
      break;
  }
  if (drill.from && drill.to) item = `${item} · ${t('dash.drill.week', { from: drill.from, to: drill.to })}`;
  return t('dash.drill.title', { chart: t(CHART_TITLE[drill.metric]), item });
}

/** The households behind a number, a page at a time; each row opens the household. */
export function DrillDrawer({
  drill,
  filters,
  data,
  onClose,
  onPage,
}: {
  drill: DrillState | null;
  filters: DashboardFilters;
  data: DashboardData | undefined;
  onClose: () => void;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const small = Grid.useBreakpoint().md === false;
  const navigate = useNavigate();
  const page = useDrill(drill ? drillQuery(filters, drill) : null);
  const rows = drill ? (page.data?.items ?? []) : [];
  const showValue = rows.some((r) => r.valueFen !== null);

  const columns: TableProps<DrillRowData>['columns'] = [
    {
      key: 'name',
      title: t('dash.drill.name'),
      fixed: 'left',
      width: 96,
      render: (_, r) => (
        <Link to={`/alliance/households/${r.householdId}`} data-testid={`drill-link-${r.householdId}`}>
          {r.headName}
        </Link>
      ),
    },
    {
      key: 'phone',
      title: t('dash.drill.phone'),
      width: 120,
      render: (_, r) => <span className="uc-mono uc-nowrap">{r.phoneMasked ?? '—'}</span>,
    },
    {
      key: 'area',
      title: t('dash.drill.area'),
      width: 150,
      ellipsis: { showTitle: false },
      // Province and city are the same for every row: the county and street say where.
      render: (_, r) => <span title={r.divisionName}>{r.divisionName.split(/\s+/).slice(-2).join(' ')}</span>,
    },
    { key: 'detail', title: t('dash.drill.detail'), dataIndex: 'detail', width: 200, ellipsis: true },
    {
      key: 'date',
      title: t('dash.drill.date'),
      width: 110,
      render: (_, r) => <span className="uc-nowrap">{r.date ?? '—'}</span>,
    },
    ...(showValue
      ? [
          {
            key: 'value',
            title: t('dash.drill.value'),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, r: DrillRowData) => (
              <span className="uc-nowrap">{r.valueFen === null ? '—' : yuan(r.valueFen)}</span>
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={small ? '100%' : 820}
      title={drill ? describeDrill(drill, data, L, t) : ''}
      destroyOnHidden
      data-testid="drill-drawer"
    >
      {page.isError ? <Alert type="error" showIcon title={errorText(page.error)} /> : null}
      <Table<DrillRowData>
        rowKey="householdId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={page.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({
          'data-testid': `drill-row-${r.householdId}`,
          className: 'uc-dash-drill-row',
          onClick: (e) => {
            // The name is a link of its own; anywhere else on the row opens the household too.
            if ((e.target as HTMLElement).closest('a,button')) return;
            void navigate(`/alliance/households/${r.householdId}`);
          },
        })}
        locale={{
          emptyText: page.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.drill.empty')} />
          ),
        }}
        pagination={{
          current: drill?.page ?? 1,
          pageSize: DRILL_PAGE_SIZE,
          total: page.data?.total ?? 0,
          showSizeChanger: false,
          simple: small,
          showTotal: (total) => t('common.total', { total }),
          onChange: onPage,
        }}
      />
    </Drawer>
  );
}
