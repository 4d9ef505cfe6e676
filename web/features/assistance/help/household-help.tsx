import { useState } from 'react';
import { Alert, Button, Col, Row, Skeleton, Space, Typography } from 'antd';
import { GiftOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { canDo } from '../permissions';
import { useSession } from '../../../components/session/session';
import { useHouseholdHelp } from '../core/help-api';
import { ConsentDialog, ConsentsCard, useConsentDialog } from '../referrals/household-help-consent';
import { HelpRecordDialog, LedgerCard } from './household-help-ledger';
import { MeasuresCard } from '../plans/household-help-plan';
import { ReferralDialog, ReferralsCard } from '../referrals/household-help-referral';
import { RelapseAlert, VisitsCard } from '../visits/household-help-visits';

/** States in which help can be given: from the moment the household is screened (一边摸排、一边解决). */
const HELPABLE = ['screened', 'verifying', 'archived', 'assisted_below_standard'] as const;

/**
 * 帮扶 on the household page: urgent help and the ledger, the plan's measures, consents,
 * referrals to caring units and return visits. Buttons follow `me.actions`; the server checks
 * every record anyway.
 */
export function HouseholdHelpSection({ household }: { household: HouseholdDetail }) {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const help = useHouseholdHelp(household.id);
  const [recordRoute, setRecordRoute] = useState<'urgent' | 'upper' | null>(null);
  const [referring, setReferring] = useState(false);
  const consentDialog = useConsentDialog();
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);

  const canManage = canDo(me, 'help.manage');
  const canApprove = canDo(me, 'plan.approve');
  const canOverride = canDo(me, 'referral.override');
  const canReopen = canDo(me, 'archive.manage');
  const helpable = (HELPABLE as readonly string[]).includes(household.state);

  const title = (
    <Typography.Title level={2} className="uc-help-title" style={{ fontSize: 18, margin: 0 }}>
      {t('hhHelp.section')}
    </Typography.Title>
  );

  if (help.isPending) {
    return (
      <section data-testid="help-section" style={{ marginTop: 16 }}>
        {title}
        <Skeleton active paragraph={{ rows: 6 }} />
      </section>
    );
  }
  if (help.isError) {
    // Out of reach (a role without help data) answers 403/404: say nothing more than that.
    const hidden = isApiError(help.error) && (help.error.status === 403 || help.error.status === 404);
    return (
      <section data-testid="help-section" style={{ marginTop: 16 }}>
        {title}
        <Alert
          style={{ marginTop: 12 }}
          type={hidden ? 'info' : 'warning'}
          showIcon
          title={hidden ? t('hhHelp.notAvailable') : t('error.loadFailed')}
          description={hidden ? undefined : errorText(help.error)}
          action={
            hidden ? undefined : (
              <Button size="small" onClick={() => void help.refetch()}>
                {t('error.retry')}
              </Button>
            )
          }
        />
      </section>
    );
  }

  const data = help.data;
  const ledgerExtra =
    canManage && helpable ? (
      <Space wrap size={8}>
        <Button
          type="primary"
          danger
          size="small"
          icon={<MedicineBoxOutlined />}
          onClick={() => setRecordRoute('urgent')}
          data-testid="help-urgent-button"
        >
          {t('hhHelp.urgent')}
        </Button>
        <Button
          size="small"
          icon={<GiftOutlined />}
          onClick={() => setRecordRoute('upper')}
          data-testid="help-upper-button"
        >
          {t('hhHelp.upper')}
        </Button>
      </Space>
    ) : null;

  return (
    <section data-testid="help-section" style={{ marginTop: 24 }}>
      <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
        {title}
        <span className="uc-muted uc-small">{t('hhHelp.sectionHint')}</span>
      </Space>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <RelapseAlert visits={data.visits} canReopen={canReopen} askReason={setReasonRequest} />
        {canManage && helpable && household.urgentOpen > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('hhHelp.urgentOpenHint', { n: household.urgentOpen })}
            action={
              <Button size="small" danger onClick={() => setRecordRoute('urgent')}>
                {t('hhHelp.urgent')}
              </Button>
            }
          />
        ) : null}
        <LedgerCard help={data} canManage={canManage} extra={ledgerExtra} />
        <MeasuresCard
          household={household}
          measures={data.measures}
          canManage={canManage}
          canApprove={canApprove}
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={14}>
            <ReferralsCard
              household={household}
              referrals={data.referrals}
              canManage={canManage}
              askReason={setReasonRequest}
              onCreate={() => setReferring(true)}
            />
          </Col>
          <Col xs={24} xxl={10}>
            <ConsentsCard
              household={household}
              consents={data.consents}
              canManage={canManage}
              askReason={setReasonRequest}
              onAdd={() => consentDialog.open()}
            />
          </Col>
        </Row>
        <VisitsCard household={household} visits={data.visits} canManage={canManage} />
      </Space>
      <HelpRecordDialog household={household} route={recordRoute} onClose={() => setRecordRoute(null)} />
      <ReferralDialog
        household={household}
        help={data}
        open={referring}
        canOverride={canOverride}
        canConsent={canManage}
        onAskConsent={(preset) => consentDialog.open(preset)}
        onClose={() => setReferring(false)}
      />
      <ConsentDialog household={household} preset={consentDialog.preset} onClose={consentDialog.close} />
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </section>
  );
}
