import { Link } from 'react-router';
import { Alert, Space, Table, Typography } from 'antd';
import type { z } from 'zod';
import type { CampaignListItem } from '../../../../contracts/vote';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { SectionCard } from '../../../components/section-card';
import { useSession } from '../../../components/session/session';
import { can } from '../../../components/session/permissions';
import { reviewPath } from './campaign-review-header';
import { useReviewCampaigns } from './review-api';

type Row = z.infer<typeof CampaignListItem>;

/**
 * 计票与审核: the campaigns the user may reach (the server's list), each with the review pages the
 * user's actions open — counting, the fraud review and the result for the organiser, the flags on
 * its candidates for a nominating unit.
 */
export function ReviewHomePage() {
  const { t } = useI18n();
  const me = useSession();
  const errorText = useErrorText();
  const campaigns = useReviewCampaigns();

  const links = (row: Row) => (
    <Space wrap size="small">
      {can(me, 'vote.tally') ? (
        <Link to={reviewPath(row.id, 'tallies')} data-testid={`review-tallies-${row.id}`}>
          {t('nav.voteTallies')}
        </Link>
      ) : null}
      {can(me, 'vote.integrity') ? (
        <Link to={reviewPath(row.id, 'integrity')} data-testid={`review-integrity-${row.id}`}>
          {t('nav.voteIntegrity')}
        </Link>
      ) : null}
      {can(me, 'vote.result.read') ? (
        <Link to={reviewPath(row.id, 'result')} data-testid={`review-result-${row.id}`}>
          {t('nav.voteResult')}
        </Link>
      ) : null}
      {can(me, 'vote.appeal') ? (
        <Link to={reviewPath(row.id, 'unit-flags')} data-testid={`review-unit-flags-${row.id}`}>
          {t('nav.voteUnitFlags')}
        </Link>
      ) : null}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('vr.home.title')} />
      <Typography.Paragraph type="secondary">{t('vr.home.note')}</Typography.Paragraph>
      {campaigns.isError ? (
        <Alert type="error" showIcon title={errorText(campaigns.error)} data-testid="review-home-error" />
      ) : null}
      <SectionCard testId="review-campaigns">
        <Table<Row>
          rowKey="id"
          loading={campaigns.isPending}
          dataSource={campaigns.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('vr.home.empty') }}
          columns={[
            {
              key: 'title',
              title: t('vr.col.campaign'),
              render: (_, row) => (
                <span data-testid={`review-campaign-${row.id}`}>
                  {row.title}（{row.year}）
                </span>
              ),
            },
            { key: 'org', title: t('vr.col.organiser'), dataIndex: 'orgName' },
            { key: 'state', title: t('vr.col.state'), render: (_, row) => t(`vr.state.${row.state}`) },
            {
              key: 'voting',
              title: t('vr.col.voting'),
              render: (_, row) =>
                `${formatDateTime(row.votingOpens).slice(0, 16)} – ${formatDateTime(row.votingCloses).slice(0, 16)}`,
            },
            { key: 'candidates', title: t('vr.col.candidates'), dataIndex: 'candidateCount' },
            { key: 'actions', title: t('common.actions'), render: (_, row) => links(row) },
          ]}
        />
      </SectionCard>
    </>
  );
}
