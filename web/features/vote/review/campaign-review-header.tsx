import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert, Segmented, Skeleton, Space, Tag } from 'antd';
import { useErrorText, useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { can } from '../../../components/session/permissions';
import type { MessageKey } from '../../../app/messages';
import { useReviewCampaign } from './review-api';

/** The review pages of one campaign, each shown to those who hold its action (the server decides). */
const TABS = [
  { path: 'tallies', label: 'nav.voteTallies', action: 'vote.tally' },
  { path: 'integrity', label: 'nav.voteIntegrity', action: 'vote.integrity' },
  { path: 'result', label: 'nav.voteResult', action: 'vote.result.read' },
  { path: 'unit-flags', label: 'nav.voteUnitFlags', action: 'vote.appeal' },
] as const satisfies readonly { path: string; label: MessageKey; action: string }[];

export const reviewPath = (campaignId: string, page: (typeof TABS)[number]['path']) =>
  `/vote/campaigns/${encodeURIComponent(campaignId)}/${page}`;

/**
 * The head of every review page of a campaign: its title with the page's name, the campaign's stage,
 * the page's own buttons, and the links between the review pages. Renders the page's body only once
 * the campaign has loaded (a missing or out-of-reach campaign shows the server's answer).
 */
export function CampaignReviewHeader({
  campaignId,
  titleKey,
  extra,
  children,
}: {
  campaignId: string;
  titleKey: MessageKey;
  extra?: ReactNode;
  children: (campaign: NonNullable<ReturnType<typeof useReviewCampaign>['data']>) => ReactNode;
}) {
  const { t } = useI18n();
  const me = useSession();
  const errorText = useErrorText();
  const location = useLocation();
  const campaign = useReviewCampaign(campaignId);
  const c = campaign.data;
  const tabs = TABS.filter((tab) => can(me, tab.action));
  const current = tabs.find((tab) => location.pathname.endsWith(`/${tab.path}`))?.path;

  if (campaign.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (campaign.isError || !c)
    return <Alert type="error" showIcon title={errorText(campaign.error)} data-testid="review-error" />;
  return (
    <>
      <PageHeader title={t(titleKey, { title: c.title })} extra={extra} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue" data-testid="review-campaign-state">
          {t(`vr.state.${c.state}`)}
        </Tag>
        {tabs.length > 1 ? (
          <Segmented
            value={current}
            options={tabs.map((tab) => ({
              value: tab.path,
              label: (
                <Link to={reviewPath(campaignId, tab.path)} data-testid={`review-tab-${tab.path}`}>
                  {t(tab.label)}
                </Link>
              ),
            }))}
          />
        ) : null}
        <Link to="/vote/review">{t('vr.backToList')}</Link>
      </Space>
      {children(c)}
    </>
  );
}
