import { useState } from 'react';
import { Alert, App, Button, Descriptions, Space, Steps, Tag, Typography } from 'antd';
import type { CampaignState } from '../../../../contracts/vote';
import { useErrorText, useI18n } from '../../../app/i18n';
import { testButton } from '../../../components/test-button';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { formatDateTime } from '../../../components/format';
import { SectionCard } from '../../../components/section-card';
import { useSession } from '../../../components/session/session';
import { useAdvanceCampaign, type Campaign } from './api';
import { currentStage, stageWindow, TIMELINE_STAGES } from './campaign-form';
import { CAMPAIGN_STATE_KEYS, KIND_KEYS, mayVote } from './labels';

const minute = (iso: string) => formatDateTime(iso).slice(0, 16);

/** 活动进程: the seven stages of the timeline as Steps, the current one by the campaign's state. */
export function CampaignTimelineSteps({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const current = currentStage(campaign.state);
  return (
    <Steps
      orientation="vertical"
      size="small"
      data-testid="campaign-steps"
      current={current === null ? 0 : Math.max(current, 0)}
      status={
        current === null
          ? 'error'
          : current >= TIMELINE_STAGES.length
            ? 'finish'
            : current < 0
              ? 'wait'
              : 'process'
      }
      items={TIMELINE_STAGES.map((stage, i) => {
        const [from, to] = stageWindow(campaign.timeline, stage);
        return {
          title: t(`voteSetup.stage.${stage}`),
          status: current === null ? undefined : i < current ? 'finish' : i === current ? 'process' : 'wait',
          description: t('voteSetup.stage.window', { from: minute(from), to: minute(to) }),
        };
      })}
    />
  );
}

/** The rules as published (read-only): what the public page shows too. */
export function RulesDescriptions({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const r = campaign.rules;
  const yes = (b: boolean) => (b ? t('voteSetup.yes') : t('voteSetup.no'));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="campaign-rules">
      <Descriptions.Item label={t('voteSetup.rules.votesPerCandidatePerDay')}>
        {r.votesPerCandidatePerDay}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.candidatesPerDay')}>
        {r.candidatesPerDay}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.likesPerDay')}>{r.likesPerDay}</Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.tiersCounted')}>
        {r.tiersCounted.map((tier) => t(`voteSetup.rules.tier.${tier}`)).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.showTotals')}>
        {t(`voteSetup.rules.totals.${r.showTotals}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.normalisation')}>
        {t(`voteSetup.rules.norm.${r.formula.normalisation}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.publicWeight')}>
        {r.formula.publicWeight}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.expertWeight')}>
        {r.formula.expertWeight}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.shortlistFactor')}>
        {(r.shortlistFactorTenths / 10).toFixed(1)}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.finalCount')}>{r.finalCount}</Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.nominatedCount')}>{r.nominatedCount}</Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.allowOnlineRecommendation')}>
        {yes(r.allowOnlineRecommendation)}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.allowSelfNomination')}>
        {yes(r.allowSelfNomination)}
      </Descriptions.Item>
      <Descriptions.Item label={t('voteSetup.rules.zeroOnConfirmedFraud')}>
        {yes(r.zeroOnConfirmedFraud)}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The state actions: the next states of the state table (a confirm; cancelling asks why). */
function StateActions({ campaign }: { campaign: Campaign }) {
  const me = useSession();
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const advance = useAdvanceCampaign();
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  if (!mayVote(me, 'vote.campaign.advance') || campaign.nextStates.length === 0) return null;

  const go = (to: CampaignState) => {
    if (to === 'cancelled') {
      setReasonRequest({
        title: t('voteSetup.advance.cancel'),
        note: t('voteSetup.advance.cancelNote'),
        okText: t('voteSetup.advance.cancel'),
        danger: true,
        reasonLabel: t('voteSetup.advance.cancelReason'),
        run: async ({ reason }) => {
          await advance.mutateAsync({ id: campaign.id, body: { version: campaign.version, to, reason } });
          void message.success(t('voteSetup.advance.done', { state: t(CAMPAIGN_STATE_KEYS[to]) }));
        },
      });
      return;
    }
    const state = t(CAMPAIGN_STATE_KEYS[to]);
    void modal.confirm({
      title: t('voteSetup.advance.confirm', { state }),
      content: to === 'voting' ? t('voteSetup.advance.votingNote') : undefined,
      okText: t('voteSetup.advance.to', { state }),
      cancelText: t('common.cancel'),
      okButtonProps: testButton('advance-ok'),
      onOk: async () => {
        try {
          await advance.mutateAsync({ id: campaign.id, body: { version: campaign.version, to } });
          void message.success(t('voteSetup.advance.done', { state }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  return (
    <>
      <Space wrap>
        {campaign.nextStates.map((to) => (
          <Button
            key={to}
            type={to === 'cancelled' ? 'default' : 'primary'}
            danger={to === 'cancelled'}
            loading={advance.isPending}
            onClick={() => go(to)}
            data-testid={`campaign-advance-${to}`}
          >
            {to === 'cancelled'
              ? t('voteSetup.advance.cancel')
              : t('voteSetup.advance.to', { state: t(CAMPAIGN_STATE_KEYS[to]) })}
          </Button>
        ))}
      </Space>
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}

/** 活动概况: who runs it, its timeline as Steps, its state actions and its rules. */
export function CampaignOverview({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <SectionCard title={t('voteSetup.page.timeline')} extra={<StateActions campaign={campaign} />}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('voteSetup.list.org')}>{campaign.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('voteSetup.page.coOrganisers')}>
            {campaign.coOrganisers.length ? campaign.coOrganisers.join('、') : t('voteSetup.page.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('voteSetup.list.kind')}>
            {t(KIND_KEYS[campaign.kind])} · {campaign.year}
          </Descriptions.Item>
        </Descriptions>
        {campaign.summary ? (
          <Typography.Paragraph className="uc-prewrap">{campaign.summary}</Typography.Paragraph>
        ) : null}
        <CampaignTimelineSteps campaign={campaign} />
      </SectionCard>
      <SectionCard
        title={t('voteSetup.page.rules')}
        extra={campaign.frozen ? <Tag color="orange">{t('voteSetup.frozenTag')}</Tag> : null}
      >
        {campaign.frozen ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              campaign.rulesFrozenAt
                ? t('voteSetup.rules.frozen', { at: formatDateTime(campaign.rulesFrozenAt) })
                : t('voteSetup.rules.frozenNow')
            }
          />
        ) : null}
        <RulesDescriptions campaign={campaign} />
      </SectionCard>
    </Space>
  );
}
