import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ChartCard } from '../../../components/charts/chart-card';
import type { ChartOption } from '../../../components/charts/echart';
import { PageHeader } from '../../../components/page-header';
import { useMemberCounts } from '../roll/hooks';
import { sortedUnits, yearOptions, type CountRow } from './counts-model';
import '../membership.css';

/** Up to this many units are drawn; the table below always lists them all. */
const CHART_UNITS = 15;

/**
 * 各单位会员数: for each unit union of the jurisdiction, its members on the roll and those who
 * joined and left in the chosen year, with the totals; the largest units drawn as bars.
 */
export function MemberCountsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [year, setYear] = useState<number | undefined>(undefined);
  const counts = useMemberCounts(year);
  const data = counts.data;
  const shownYear = year ?? data?.year;
  const years = useMemo(() => yearOptions(data?.year ?? new Date().getFullYear()), [data?.year]);
  const rows = useMemo(() => sortedUnits(data?.items ?? []), [data]);

  const columns: TableProps<CountRow>['columns'] = [
    {
      key: 'org',
      title: t('mc.org'),
      dataIndex: 'orgName',
      render: (_, r) => (
        <Link
          to={`/membership/members?orgId=${encodeURIComponent(r.orgId)}`}
          data-testid={`mc-open-${r.orgId}`}
        >
          {r.orgName}
        </Link>
      ),
    },
    { key: 'active', title: t('mc.active'), dataIndex: 'active', align: 'right', width: 120 },
    { key: 'joined', title: t('mc.joined'), dataIndex: 'joinedThisYear', align: 'right', width: 120 },
    { key: 'left', title: t('mc.leftYear'), dataIndex: 'leftThisYear', align: 'right', width: 120 },
  ];

  const drawn = rows.slice(0, CHART_UNITS);
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: drawn.map((r) => r.orgName),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: t('mc.active'),
        barMaxWidth: 16,
        label: { show: true, position: 'right' },
        data: drawn.map((r) => r.active),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };

  return (
    <>
      <PageHeader
        title={t('mc.title')}
        extra={
          <Space>
            <Typography.Text>{t('mc.year')}</Typography.Text>
            <Select<number>
              value={shownYear}
              onChange={setYear}
              style={{ width: 120 }}
              aria-label={t('mc.year')}
              data-testid="mc-year"
              options={years.map((y) => ({ value: y, label: t('mc.yearOption', { year: y }) }))}
            />
          </Space>
        }
      />
      {counts.isError ? (
        <Alert type="error" showIcon title={errorText(counts.error)} style={{ marginBottom: 16 }} />
      ) : null}
      {data ? (
        <div className="mr-counts-chart">
          <ChartCard
            name="units"
            testIdPrefix="mc"
            title={t('mc.chart')}
            empty={rows.length === 0}
            emptyText={t('mc.empty')}
            option={option}
            height={Math.max(160, drawn.length * 32 + 24)}
            className="mr-counts"
          />
        </div>
      ) : null}
      <Card>
        <Table<CountRow>
          rowKey="orgId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={counts.isFetching}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: counts.isError ? errorText(counts.error) : t('mc.empty') }}
          data-testid="mc-table"
          onRow={(r) => ({ 'data-testid': `mc-row-${r.orgId}` }) as HTMLAttributes<HTMLElement>}
          summary={() =>
            data && rows.length > 0 ? (
              <Table.Summary.Row data-testid="mc-totals">
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('mc.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>{data.totals.active}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{data.totals.joinedThisYear}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <Typography.Text strong>{data.totals.leftThisYear}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
