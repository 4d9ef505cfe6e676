import { Alert, Button, Card, Skeleton, Space, Tabs, Tag } from 'antd';
import { EditOutlined, LinkOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import type { MessageKey } from '../../../app/messages';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { NotFoundResult } from '../../../components/status-results';
import { useCampaign, type Campaign } from './api';
import { CampaignOverview } from './campaign-overview';
import { ExpertsTab } from './experts-tab';
import { CAMPAIGN_STATE_COLORS, CAMPAIGN_STATE_KEYS, mayVote } from './labels';
import { NominationsTab } from './nominations-tab';
import { ScoringTab } from './scoring-tab';
import { ShortlistTab } from './shortlist-tab';

const TABS = ['overview', 'nominations', 'experts', 'scoring', 'shortlist'] as const;
type TabKey = (typeof TABS)[number];

const TAB_LABELS: Record<TabKey, MessageKey> = {
  overview: 'voteSetup.page.overview',
  nominations: 'voteSetup.page.nominations',
  experts: 'voteSetup.page.experts',
  scoring: 'voteSetup.page.scoring',
  shortlist: 'voteSetup.page.shortlist',
};

/**
 * 活动详情: the campaign's timeline and state actions, then by the user's actions its nominations
 * (a unit: its own; the organiser: all, with the review), its experts and score table, an
 * expert's own scoring, the shortlist and candidates. The tab is kept in the URL.
 */
export function CampaignPage() {
  const { id } = useParams();
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();

  if (campaign.isLoading) return <Skeleton active />;
  if (campaign.isError && isApiError(campaign.error) && campaign.error.status === 404)
    return <NotFoundResult />;
  if (!campaign.data) return <Alert type="error" showIcon title={errorText(campaign.error)} />;
  const c: Campaign = campaign.data;

  const shown: Record<TabKey, boolean> = {
    overview: true,
    nominations: mayVote(me, 'vote.nominate') || mayVote(me, 'vote.review'),
    experts: mayVote(me, 'vote.expert.assign'),
    scoring: mayVote(me, 'vote.score'),
    shortlist: true,
  };
  const tabs = TABS.filter((k) => shown[k]);
  const asked = params.get('tab') as TabKey | null;
  const tab: TabKey = asked && tabs.includes(asked) ? asked : 'overview';
  const body: Record<TabKey, () => React.ReactNode> = {
    overview: () => <CampaignOverview campaign={c} />,
    nominations: () => <NominationsTab campaign={c} />,
    experts: () => <ExpertsTab campaign={c} />,
    scoring: () => <ScoringTab campaign={c} />,
    shortlist: () => <ShortlistTab campaign={c} />,
  };

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {c.title}
            <Tag color={CAMPAIGN_STATE_COLORS[c.state]} data-testid="campaign-state">
              {t(CAMPAIGN_STATE_KEYS[c.state])}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {c.state !== 'draft' ? (
              <a href={`/v/${c.id}/rules`} target="_blank" rel="noopener">
                <Button icon={<LinkOutlined />}>{t('voteSetup.page.publicPage')}</Button>
              </a>
            ) : null}
            {mayVote(me, 'vote.campaign.update') && c.state !== 'final' && c.state !== 'cancelled' ? (
              <Link to={`/vote/campaigns/${c.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="campaign-edit">
                  {t('voteSetup.page.edit')}
                </Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (key === 'overview') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={tabs.map((k) => ({
            key: k,
            label: <span data-testid={`campaign-tab-${k}`}>{t(TAB_LABELS[k])}</span>,
            children: tab === k ? body[k]() : null,
          }))}
        />
      </Card>
    </>
  );
}
