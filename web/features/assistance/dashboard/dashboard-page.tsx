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
  CategoryCard,
  ExitedCard,
  FunnelCard,
  ResourcesCard,
  RoutesCard,
  ScreeningChart,
  UrgentCard,
  VisitsCard,
  WeeklyChart,
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

function FederationCharts({
  data,
  filters,
  onDrill,
}: {
  data: DashboardData;
  filters: DashboardFilters;
  onDrill: OnDrill;
}) {
  const half = { xs: 24, xl: 12 };
  const third = { xs: 24, lg: 12, xxl: 8 };
  return (
    <Row gutter={[16, 16]} className="uc-dash-charts">
      <Col {...half} className="uc-dash-col">
        <ScreeningChart data={data.screening?.byPartnerMethod ?? []} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...half} className="uc-dash-col">
        <WeeklyChart data={data.screening?.byWeek ?? []} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...third} className="uc-dash-col">
        <FunnelCard data={data.funnel ?? []} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...third} className="uc-dash-col">
        <CategoryCard data={data.archivesByCategory ?? []} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...third} className="uc-dash-col">
        <UrgentCard data={data.urgentNeeds ?? { open: 0, solved: 0 }} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...half} className="uc-dash-col">
        <ResourcesCard data={data.resources} filters={filters} onDrill={onDrill} ownUnit={false} />
      </Col>
      <Col {...half} className="uc-dash-col">
        <RoutesCard data={data.valueByRoute} filters={filters} onDrill={onDrill} />
      </Col>
      <Col {...half} className="uc-dash-col">
        <VisitsCard
          data={data.visits ?? { due: 0, overdue: 0, done: 0 }}
          filters={filters}
          onDrill={onDrill}
        />
      </Col>
      <Col {...half} className="uc-dash-col">
        <ExitedCard data={data.outOfDifficulty ?? []} filters={filters} onDrill={onDrill} />
      </Col>
    </Row>
  );
}

/** 我单位的爱心贡献: a caring unit's resources and the value it delivered; no households behind them. */
function CaringUnitCharts({ data, filters }: { data: DashboardData; filters: DashboardFilters }) {
  return (
    <Row gutter={[16, 16]} className="uc-dash-charts">
      <Col xs={24} xl={12} className="uc-dash-col">
        <ResourcesCard data={data.resources} filters={filters} onDrill={undefined} ownUnit />
      </Col>
      <Col xs={24} xl={12} className="uc-dash-col">
        <RoutesCard data={data.valueByRoute} filters={filters} onDrill={undefined} />
      </Col>
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
              <FederationCharts data={data} filters={filters} onDrill={onDrill} />
            </>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('dash.unitNote')}</Typography.Text>
              <CaringUnitKpis data={data} />
              <CaringUnitCharts data={data} filters={filters} />
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
