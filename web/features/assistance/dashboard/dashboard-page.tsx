import { useCallback } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useErrorText, useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { useAllianceOrgs, useHomeDivision } from '../core/home-division';
import { useCampaigns, useDivisions } from '../core/hooks';
import { canDo, mayDrill } from '../permissions';
import { useDashboard, useDashboardParams, type DashboardData, type DashboardFilters } from './dashboard-api';
import {
  CARING_UNIT_CHARTS,
  DashboardChartCard,
  FEDERATION_CHARTS,
  useChartContext,
  type PlacedChart,
} from './dashboard-charts';
import { DrillDrawer } from './dashboard-drill';
import { CaringUnitKpis, FederationKpis } from './dashboard-kpis';
import { DashboardExportButton, type OnDrill } from './dashboard-parts';
import './dashboard.css';

type SetFilters = ReturnType<typeof useDashboardParams>['setFilters'];

/** Area, partner and campaign: the federation's filters (a caring unit sees only its own figures). */
function FederationFilters({ filters, setFilters }: { filters: DashboardFilters; setFilters: SetFilters }) {
  const me = useSession();
  const { t } = useI18n();
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  const { orgs, loading } = useAllianceOrgs();
  const campaigns = useCampaigns(canDo(me, 'alliance.plan_read'));
  return (
    <>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('dash.filter.area')}
        aria-label={t('dash.filter.area')}
        className="uc-dash-filter"
        value={filters.divisionCode}
        onChange={(value?: string) => setFilters({ divisionCode: value })}
        loading={streets.isPending && Boolean(home.base)}
        options={(streets.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        data-testid="dashboard-filter-area"
      />
      <div className="uc-dash-filter">
        <OrgTreeSelect
          orgs={orgs}
          loading={loading}
          allowClear
          placeholder={t('dash.filter.org')}
          ariaLabel={t('dash.filter.org')}
          value={filters.orgId}
          onChange={(value) => setFilters({ orgId: value })}
          testId="dashboard-filter-org"
        />
      </div>
      {campaigns.data && campaigns.data.length > 0 ? (
        <Select
          allowClear
          placeholder={t('dash.filter.campaign')}
          aria-label={t('dash.filter.campaign')}
          className="uc-dash-filter"
          value={filters.campaignId}
          onChange={(value?: string) => setFilters({ campaignId: value })}
          options={campaigns.data.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="dashboard-filter-campaign"
        />
      ) : null}
    </>
  );
}

function FilterBar({
  filters,
  setFilters,
  resetFilters,
  federation,
}: {
  filters: DashboardFilters;
  setFilters: SetFilters;
  resetFilters: () => void;
  federation: boolean;
}) {
  const { t } = useI18n();
  const any = Object.values(filters).some(Boolean);
  return (
    <div className="uc-dash-filters" role="search">
      <DatePicker.RangePicker
        className="uc-dash-filter uc-dash-period"
        allowEmpty={[true, true]}
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        placeholder={[t('dash.filter.from'), t('dash.filter.to')]}
        aria-label={t('dash.filter.period')}
        onChange={(dates) =>
          setFilters({
            from: dates?.[0]?.format('YYYY-MM-DD'),
            to: dates?.[1]?.format('YYYY-MM-DD'),
          })
        }
        data-testid="dashboard-filter-period"
      />
      {federation ? <FederationFilters filters={filters} setFilters={setFilters} /> : null}
      {any ? (
        <Button onClick={resetFilters} data-testid="dashboard-filter-reset">
          {t('common.reset')}
        </Button>
      ) : null}
    </div>
  );
}

/** The declared charts in a grid. */
function Charts({
  charts,
  data,
  filters,
  onDrill,
  ownUnit,
}: {
  charts: readonly PlacedChart[];
  data: DashboardData;
  filters: DashboardFilters;
  onDrill: OnDrill;
  ownUnit: boolean;
}) {
  const ctx = useChartContext(onDrill, ownUnit);
  return (
    <Row gutter={[16, 16]} className="uc-dash-charts">
      {charts.map(({ chart, col }) => (
        <Col key={chart.name} {...col} className="uc-dash-col">
          <DashboardChartCard chart={chart} data={data} filters={filters} ctx={ctx} />
        </Col>
      ))}
    </Row>
  );
}

/**
 * 数据看板: KPI cards, charts and the households behind every number. Filters and the open
 * drill-down live in the URL (shareable, and the back button closes a drill-down).
 */
export function DashboardPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { filters, drill, setFilters, resetFilters, openDrill, setDrillPage, closeDrill } =
    useDashboardParams();
  const dashboard = useDashboard(filters);
  const data = dashboard.data;
  const federation = data?.scope === 'federation';
  const unit = data?.scope === 'caring_unit';
  // Drill-down follows the policy (dashboard.drill), not the shape of the answer.
  const drills = mayDrill(useSession());
  const drillTo = useCallback<NonNullable<OnDrill>>((target) => openDrill(target), [openDrill]);
  const onDrill: OnDrill = drills ? drillTo : undefined;

  return (
    <div className="uc-dash" data-testid="dashboard">
      <PageHeader
        title={unit ? t('dash.unitTitle') : t('dash.title')}
        extra={<DashboardExportButton filters={filters} testId="dashboard-export-all" primary />}
      />
      <Card size="small" className="uc-dash-filter-card">
        <FilterBar
          filters={filters}
          setFilters={setFilters}
          resetFilters={resetFilters}
          federation={federation}
        />
      </Card>
      {dashboard.isError && !data ? (
        <Alert type="error" showIcon title={errorText(dashboard.error)} data-testid="dashboard-error" />
      ) : null}
      {dashboard.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? (
        <div className={dashboard.isFetching ? 'uc-dash-body uc-dash-refreshing' : 'uc-dash-body'}>
          {dashboard.isError ? <Alert type="warning" showIcon title={errorText(dashboard.error)} /> : null}
          {federation ? (
            <>
              <FederationKpis data={data} onDrill={onDrill} />
              <Typography.Text type="secondary" className="uc-dash-hint">
                {t('dash.clickHint')}
              </Typography.Text>
              <Charts
                charts={FEDERATION_CHARTS}
                data={data}
                filters={filters}
                onDrill={onDrill}
                ownUnit={false}
              />
            </>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('dash.unitNote')}</Typography.Text>
              <CaringUnitKpis data={data} />
              {/* 我单位的爱心贡献: a caring unit's resources and the value it delivered; no households behind them. */}
              <Charts charts={CARING_UNIT_CHARTS} data={data} filters={filters} onDrill={undefined} ownUnit />
            </Space>
          )}
        </div>
      ) : null}
      <DrillDrawer
        drill={drills ? drill : null}
        filters={filters}
        data={data}
        onClose={closeDrill}
        onPage={setDrillPage}
      />
    </div>
  );
}
