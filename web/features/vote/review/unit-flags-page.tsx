import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Typography } from 'antd';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { SectionCard } from '../../../components/section-card';
import { CampaignReviewHeader } from './campaign-review-header';
import { FlagTable } from './integrity-page';
import { asReasonErrors } from './reason-errors';
import { useAppeal, useUnitFlags, type FlagView } from './review-api';
import { mayAppeal } from './review-model';
import { useCandidateNames } from './use-candidate-names';
import './review.css';

/**
 * 本单位候选人的标记: the nominating unit's notice of flags on the candidates it nominated (the
 * server lists only those), the organiser's decision with its reason, and the unit's one appeal.
 */
export function UnitFlagsPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const flags = useUnitFlags(id);
  const nameOf = useCandidateNames(id);
  const appeal = useAppeal(id);
  const [dialog, setDialog] = useState<ReasonRequest | null>(null);

  const actions: RowAction<FlagView>[] = [
    {
      key: 'appeal',
      label: t('vr.unit.appeal'),
      testId: 'flag-appeal',
      requires: 'vote.appeal',
      when: mayAppeal,
      run: (f) =>
        setDialog({
          title: t('vr.unit.appealTitle'),
          note: t('vr.unit.appealNote', {
            decision: f.decision ? t(`vr.decision.${f.decision}`) : '—',
            reason: f.decisionReason ?? '',
          }),
          okText: t('vr.unit.appeal'),
          reasonLabel: t('vr.unit.appealText'),
          run: async ({ reason }) => {
            try {
              await appeal.mutateAsync({ flagId: f.id, body: { text: reason } });
              void message.success(t('vr.unit.appealed'));
            } catch (err) {
              throw asReasonErrors(err, { text: 'reason' });
            }
          },
        }),
    },
  ];
  const { renderActions } = useRowActions(actions);

  return (
    <CampaignReviewHeader campaignId={id} titleKey="vr.unit.title">
      {() => (
        <div className="vr-stack">
          <Typography.Paragraph type="secondary">{t('vr.unit.note')}</Typography.Paragraph>
          {flags.isError ? (
            <Alert type="error" showIcon title={errorText(flags.error)} data-testid="unit-flags-error" />
          ) : null}
          <SectionCard title={t('vr.flags')} testId="unit-flags">
            <FlagTable
              flags={flags.data?.items ?? []}
              loading={flags.isPending}
              nameOf={nameOf}
              actions={renderActions}
            />
          </SectionCard>
          <ReasonDialog request={dialog} onClose={() => setDialog(null)} />
        </div>
      )}
    </CampaignReviewHeader>
  );
}
