import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Col, Empty, Row, Skeleton, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { RecountAnswer } from '../../../../contracts/vote';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ChartCard } from '../../../components/charts/chart-card';
import type { ChartOption } from '../../../components/charts/echart';
import { SectionCard } from '../../../components/section-card';
import { CampaignReviewHeader } from './campaign-review-header';
import { formatCount, regionName } from './review-model';
import { useDivisionPaths, useRecount, useTallies, type Tallies } from './review-api';
import './review.css';

type Recount = z.infer<typeof RecountAnswer>;

/** The turnout per day as bars (votes and likes), the same numbers in the table under it. */
function DaysCard({ tallies }: { tallies: Tallies }) {
  const { t } = useI18n();
  const days = [...tallies.days].sort((a, b) => a.day.localeCompare(b.day));
  const option: ChartOption = {
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: t('vr.col.votes'), data: days.map((d) => d.votes), barMaxWidth: 28 },
      { type: 'bar', name: t('vr.col.likes'), data: days.map((d) => d.likes), barMaxWidth: 28 },
    ],
  };
  return (
    <ChartCard
      name="days"
      testIdPrefix="tally"
      title={t('vr.tally.byDay')}
      className="vr-chart"
      empty={days.length === 0}
      emptyText={t('vr.tally.empty')}
      option={option}
      height={260}
      figures={
        <Table
          size="small"
          rowKey="day"
          pagination={false}
          dataSource={days}
          data-testid="tally-days"
          columns={[
            { key: 'day', title: t('vr.col.day'), dataIndex: 'day' },
            { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
            { key: 'likes', title: t('vr.col.likes'), dataIndex: 'likes' },
            {
              key: 'voters',
              title: t('vr.col.voters'),
              render: (_, d) => formatCount(d.voters),
            },
          ]}
        />
      }
    />
  );
}

function RecountResult({ answer }: { answer: Recount }) {
  const { t } = useI18n();
  return answer.equal ? (
    <Alert
      type="success"
      showIcon
      data-testid="recount-answer"
      title={t('vr.recount.equal', {
        votes: answer.recount.votes,
        likes: answer.recount.likes,
        ms: answer.ms,
      })}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="recount-answer"
      title={t('vr.recount.differ', {
        differences: answer.differences,
        tallyVotes: answer.tally.votes,
        recountVotes: answer.recount.votes,
      })}
    />
  );
}

/**
 * 计票: turnout per day (a chart card with its figures) and per region and tier for the organiser;
 * per candidate only when the campaign shows totals or the result is out — otherwise the server
 * leaves them out and the page says so. The recount re-reads the raw votes and says whether they
 * equal the tallies (audited by the server).
 */
export function TalliesPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tallies = useTallies(id);
  const recount = useRecount(id);
  const [answer, setAnswer] = useState<Recount | null>(null);
  const d = tallies.data;
  const divisions = useDivisionPaths(d?.regions.map((r) => r.regionCode) ?? []);
  const regionLabel = (code: string) =>
    code === 'unknown' ? t('vr.region.unknown') : (regionName(divisions.get(code)) ?? code);

  const runRecount = () =>
    recount.mutate(undefined, {
      onSuccess: setAnswer,
      onError: (err) => void message.error(errorText(err)),
    });

  return (
    <CampaignReviewHeader
      campaignId={id}
      titleKey="vr.tally.title"
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={runRecount}
          loading={recount.isPending}
          data-testid="tally-recount"
        >
          {t('vr.recount')}
        </Button>
      }
    >
      {() => (
        <div className="vr-stack">
          {answer ? <RecountResult answer={answer} /> : null}
          {tallies.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
          {tallies.isError ? (
            <Alert type="error" showIcon title={errorText(tallies.error)} data-testid="tally-error" />
          ) : null}
          {d ? (
            <>
              <Typography.Text strong data-testid="tally-total">
                {t('vr.tally.total', { votes: d.total.votes, likes: d.total.likes })}
              </Typography.Text>
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={14}>
                  <DaysCard tallies={d} />
                </Col>
                <Col xs={24} lg={10}>
                  <div className="vr-stack">
                    <SectionCard size="small" title={t('vr.tally.byRegion')} testId="tally-regions">
                      <Table
                        size="small"
                        rowKey="regionCode"
                        pagination={false}
                        dataSource={d.regions}
                        locale={{ emptyText: t('vr.tally.empty') }}
                        columns={[
                          {
                            key: 'region',
                            title: t('vr.col.region'),
                            render: (_, r) => (
                              <span
                                title={`${regionName(divisions.get(r.regionCode), true) ?? ''} ${r.regionCode}`.trim()}
                                data-testid={`tally-region-${r.regionCode}`}
                              >
                                {regionLabel(r.regionCode)}
                              </span>
                            ),
                          },
                          { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                          { key: 'likes', title: t('vr.col.likes'), dataIndex: 'likes' },
                        ]}
                      />
                    </SectionCard>
                    <SectionCard size="small" title={t('vr.tally.byTier')} testId="tally-tiers">
                      <Table
                        size="small"
                        rowKey="tier"
                        pagination={false}
                        dataSource={d.byTier}
                        locale={{ emptyText: t('vr.tally.empty') }}
                        columns={[
                          {
                            key: 'tier',
                            title: t('vr.col.tier'),
                            render: (_, r) =>
                              r.tier === 'member' || r.tier === 'public' ? t(`vr.tier.${r.tier}`) : r.tier,
                          },
                          { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                          { key: 'likes', title: t('vr.col.likes'), dataIndex: 'likes' },
                        ]}
                      />
                    </SectionCard>
                  </div>
                </Col>
              </Row>
              <SectionCard title={t('vr.tally.byCandidate')} testId="tally-candidates">
                {d.candidates ? (
                  <Table
                    size="small"
                    rowKey="candidateId"
                    pagination={false}
                    dataSource={[...d.candidates].sort((a, b) => (a.number ?? 0) - (b.number ?? 0))}
                    locale={{ emptyText: <Empty description={t('vr.tally.empty')} /> }}
                    columns={[
                      { key: 'number', title: t('vr.col.number'), dataIndex: 'number' },
                      { key: 'name', title: t('vr.col.name'), dataIndex: 'name' },
                      { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                      { key: 'likes', title: t('vr.col.likes'), dataIndex: 'likes' },
                    ]}
                  />
                ) : (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="tally-hidden"
                    title={t('vr.tally.hidden')}
                    description={t('vr.tally.hiddenNote')}
                  />
                )}
              </SectionCard>
            </>
          ) : null}
        </div>
      )}
    </CampaignReviewHeader>
  );
}
