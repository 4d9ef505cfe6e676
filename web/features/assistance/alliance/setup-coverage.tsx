import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { z } from 'zod';
import type { Coverage } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useCampaigns, useCoverage } from '../core/hooks';
import { METHODS, METHOD_LABELS } from '../core/labels';
import { useLabels } from '../core/use-labels';

type CoverageView = z.infer<typeof Coverage>;
type PartnerRow = CoverageView['byPartner'][number];

const percent = (done: number, of: number) => (of > 0 ? Math.round((done / of) * 100) : 0);

/** A bar against the target, or against the largest value when there is no target. */
function Bar({
  value,
  of,
  testId,
  showOf = true,
}: {
  value: number;
  of: number;
  testId?: string;
  showOf?: boolean;
}) {
  return (
    <div className="uc-bar" data-testid={testId}>
      <Progress
        percent={Math.min(100, percent(value, of))}
        size="small"
        showInfo={false}
        status={showOf && value >= of && of > 0 ? 'success' : 'normal'}
      />
      <span className="uc-bar-text">
        {value}
        {showOf && of > 0 ? ` / ${of}` : ''}
      </span>
    </div>
  );
}

/** 覆盖情况: households screened per partner against its target, per area and per week. */
export function CoverageTab({
  campaignId,
  onCampaign,
}: {
  campaignId: string | undefined;
  onCampaign: (id: string) => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const campaigns = useCampaigns();
  const chosen = campaignId ?? campaigns.data?.[0]?.id;
  const coverage = useCoverage(chosen);
  const data = coverage.data;
  const maxArea = Math.max(1, ...(data?.byArea ?? []).map((a) => a.screened));
  const maxWeek = Math.max(1, ...(data?.byWeek ?? []).map((w) => w.screened));

  if (campaigns.data && campaigns.data.length === 0) return <Empty description={t('campaign.none')} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('coverage.campaign')}</span>
        <Select
          style={{ width: 360, maxWidth: '100%' }}
          value={chosen}
          loading={campaigns.isPending}
          onChange={onCampaign}
          data-testid="coverage-campaign"
          options={(campaigns.data ?? []).map((c) => ({
            value: c.id,
            label: `${c.name}（${c.startsOn} ~ ${c.endsOn}）`,
          }))}
        />
      </Space>
      {coverage.isPending && chosen ? <Skeleton active /> : null}
      {coverage.isError ? <Alert type="error" showIcon title={errorText(coverage.error)} /> : null}
      {data ? (
        <>
          <Card size="small">
            <Row gutter={[24, 16]} align="middle">
              <Col xs={12} md={6}>
                <Statistic title={t('coverage.total')} value={data.total} data-testid="coverage-total" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('coverage.target')} value={data.target} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('coverage.progress')}</Typography.Text>
                <Progress
                  percent={Math.min(100, percent(data.total, data.target))}
                  data-testid="coverage-progress"
                />
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('coverage.byPartner')}>
            <Table<PartnerRow>
              rowKey="orgId"
              size="small"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={data.byPartner}
              data-testid="coverage-partners"
              columns={[
                { key: 'org', title: t('coverage.partner'), dataIndex: 'orgName', width: 180 },
                {
                  key: 'progress',
                  title: t('coverage.screenedOfTarget'),
                  width: 240,
                  render: (_, p) => (
                    <Bar value={p.screened} of={p.target} testId={`coverage-partner-${p.orgId}`} />
                  ),
                },
                ...METHODS.map((m) => ({
                  key: m,
                  title: L(METHOD_LABELS, m),
                  align: 'right' as const,
                  render: (_: unknown, p: PartnerRow) => p.byMethod[m] ?? 0,
                })),
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('coverage.byArea')}>
                <Table
                  rowKey="divisionCode"
                  size="small"
                  pagination={false}
                  dataSource={data.byArea}
                  data-testid="coverage-areas"
                  columns={[
                    {
                      key: 'area',
                      title: t('coverage.area'),
                      render: (_, a) => (
                        <span title={a.divisionName}>
                          {a.divisionName.split(/\s+/).slice(-1)[0] || a.divisionCode}
                        </span>
                      ),
                    },
                    {
                      key: 'n',
                      title: t('coverage.screened'),
                      width: 220,
                      render: (_, a) => <Bar value={a.screened} of={maxArea} showOf={false} />,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('coverage.byWeek')}>
                <Table
                  rowKey="week"
                  size="small"
                  pagination={false}
                  dataSource={data.byWeek}
                  data-testid="coverage-weeks"
                  columns={[
                    { key: 'week', title: t('coverage.week'), dataIndex: 'week' },
                    {
                      key: 'n',
                      title: t('coverage.screened'),
                      width: 220,
                      render: (_, w) => <Bar value={w.screened} of={maxWeek} showOf={false} />,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </Space>
  );
}
