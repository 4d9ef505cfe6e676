import { Button, Card, Segmented, Space, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { CAMPAIGN_STATES, CampaignQuery, type CampaignState } from '../../../../contracts/vote';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PagedTable } from '../../../components/list/paged-table';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { useCampaigns, type CampaignListItem } from './api';
import { CAMPAIGN_STATE_COLORS, CAMPAIGN_STATE_KEYS, KIND_KEYS, mayCreateCampaign } from './labels';

const URL_KEYS = ['state'] as const;

/** 评选活动: the campaigns the user may see (the server filters by relation), paged, by state. */
export function CampaignsPage() {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { filters, setFilters, paging, onPage } = useUrlFilters(CampaignQuery, { keys: URL_KEYS });
  const campaigns = useCampaigns({ ...paging, state: filters.state });
  const rows = campaigns.data?.items ?? [];

  const stateTag = (c: CampaignListItem) => (
    <Space size={4} wrap>
      <Tag color={CAMPAIGN_STATE_COLORS[c.state]} data-testid={`campaign-state-${c.id}`}>
        {t(CAMPAIGN_STATE_KEYS[c.state])}
      </Tag>
      {c.frozen ? <Tag>{t('voteSetup.frozenTag')}</Tag> : null}
    </Space>
  );
  const window = (c: CampaignListItem) =>
    t('voteSetup.stage.window', {
      from: formatDateTime(c.votingOpens).slice(0, 16),
      to: formatDateTime(c.votingCloses).slice(0, 16),
    });

  const columns: TableProps<CampaignListItem>['columns'] = [
    {
      key: 'title',
      title: t('voteSetup.list.title'),
      width: 260,
      render: (_, c) => (
        <Link to={`/vote/campaigns/${c.id}`} data-testid={`campaign-link-${c.id}`}>
          {c.title}
        </Link>
      ),
    },
    { key: 'kind', title: t('voteSetup.list.kind'), width: 110, render: (_, c) => t(KIND_KEYS[c.kind]) },
    { key: 'year', title: t('voteSetup.list.year'), width: 70, dataIndex: 'year' },
    { key: 'org', title: t('voteSetup.list.org'), width: 160, dataIndex: 'orgName' },
    { key: 'voting', title: t('voteSetup.list.voting'), width: 230, render: (_, c) => window(c) },
    {
      key: 'counts',
      title: t('voteSetup.list.counts'),
      width: 130,
      render: (_, c) => t('voteSetup.list.countsValue', { n: c.nominationCount, c: c.candidateCount }),
    },
    { key: 'state', title: t('voteSetup.list.state'), width: 150, render: (_, c) => stateTag(c) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.campaigns')}
        extra={
          mayCreateCampaign(me) ? (
            <Link to="/vote/campaigns/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-new">
                {t('voteSetup.list.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Space wrap className="uc-filters" size={[12, 12]}>
          <Segmented<CampaignState | 'all'>
            value={filters.state ?? 'all'}
            onChange={(v) => setFilters({ state: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('voteSetup.list.all') },
              ...CAMPAIGN_STATES.map((s) => ({ value: s, label: t(CAMPAIGN_STATE_KEYS[s]) })),
            ]}
            data-testid="campaign-filter-state"
          />
        </Space>
        <PagedTable<CampaignListItem>
          rows={rows}
          columns={columns}
          paging={{ page: paging.page, pageSize: paging.pageSize, total: campaigns.data?.total ?? 0 }}
          onPage={onPage}
          loading={campaigns.isFetching}
          errorText={campaigns.isError ? errorText(campaigns.error) : t('voteSetup.list.empty')}
          testId="campaign-table"
          rowTestIdPrefix="campaign-row"
          scrollX={1100}
          onRowClick={(c) => void navigate(`/vote/campaigns/${c.id}`)}
          card={(c) => ({
            title: <Link to={`/vote/campaigns/${c.id}`}>{c.title}</Link>,
            extra: stateTag(c),
            body: (
              <Typography.Text type="secondary" className="uc-small">
                {t(KIND_KEYS[c.kind])} · {c.year} · {c.orgName}
                <br />
                {t('voteSetup.list.voting')}：{window(c)}
                <br />
                {t('voteSetup.list.counts')}：
                {t('voteSetup.list.countsValue', { n: c.nominationCount, c: c.candidateCount })}
              </Typography.Text>
            ),
          })}
        />
      </Card>
    </>
  );
}
