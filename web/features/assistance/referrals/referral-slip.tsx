import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { useLabels } from '../core/use-labels';
import { useReferral } from '../core/help-api';
import { CONSENT_GIVEN_BY_LABELS, REFERRAL_STATE_LABELS, RESOURCE_KIND_LABELS } from '../core/help-labels';
import '../core/help.css';

/**
 * The referral has no number of its own: the last twelve hex digits of its UUIDv7 (the random
 * part) name it on paper, grouped for reading aloud on the phone.
 */
export function referralNumber(id: string): string {
  const hex = id.replace(/-/g, '').toUpperCase();
  return `ZJ-${hex.slice(-12, -8)}-${hex.slice(-8, -4)}-${hex.slice(-4)}`;
}

/** 爱心联盟转介单: one A4 page that goes with the household to the caring unit. */
export function ReferralSlipPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const referral = useReferral(id);
  const r = referral.data;

  useEffect(() => {
    if (r) document.title = `${t('slip.title')} ${referralNumber(r.id)}`;
  }, [r, t]);

  return (
    <div className="uc-print-page">
      <Space className="uc-no-print uc-print-toolbar" wrap>
        <Link to="/alliance/referrals">
          <ArrowLeftOutlined /> {t('slip.back')}
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!r}
          data-testid="slip-print"
        >
          {t('slip.print')}
        </Button>
      </Space>
      {referral.isPending ? <Skeleton active paragraph={{ rows: 12 }} /> : null}
      {referral.isError ? (
        <Alert type="error" showIcon title={errorText(referral.error)} data-testid="slip-error" />
      ) : null}
      {r ? (
        <article className="uc-sheet" data-testid="referral-slip">
          <h1 className="uc-sheet-title">{t('slip.title')}</h1>
          <div className="uc-sheet-meta">
            <span>
              {t('slip.number')}：
              <span className="uc-mono" data-testid="slip-number">
                {referralNumber(r.id)}
              </span>
            </span>
            <span>
              {t('slip.date')}：{formatDateTime(r.createdAt).slice(0, 10)}
            </span>
          </div>
          <table className="uc-sheet-table">
            <tbody>
              {/* The caring unit's slip does not name who referred the household (null for it). */}
              {r.referredOrgName !== null ? (
                <tr>
                  <th>{t('slip.from')}</th>
                  <td>{r.referredOrgName}</td>
                  <th>{t('slip.referrer')}</th>
                  <td>{r.referredByName ?? ''}</td>
                </tr>
              ) : null}
              <tr>
                <th>{t('slip.to')}</th>
                <td colSpan={3}>{r.orgName}</td>
              </tr>
              <tr>
                <th>{t('slip.resource')}</th>
                <td>
                  {r.resourceTitle}（{L(RESOURCE_KIND_LABELS, r.resourceKind)}）
                </td>
                <th>{t('slip.quantity')}</th>
                <td>
                  {r.quantity} {r.unit}
                </td>
              </tr>
              <tr>
                <th>{t('slip.name')}</th>
                <td>
                  {r.headName}
                  {r.memberName && r.memberName !== r.headName
                    ? `（${t('referrals.for', { name: r.memberName })}）`
                    : ''}
                </td>
                <th>{t('slip.phone')}</th>
                <td className="uc-mono">{r.phoneMasked ?? ''}</td>
              </tr>
              {r.divisionName ? (
                <tr>
                  <th>{t('slip.area')}</th>
                  <td colSpan={3}>{r.divisionName}</td>
                </tr>
              ) : null}
              <tr>
                <th>{t('slip.need')}</th>
                <td colSpan={3} className="uc-sheet-tall uc-prewrap">
                  {r.need}
                </td>
              </tr>
              <tr>
                <th>{t('slip.consent')}</th>
                <td colSpan={3} data-testid="slip-consent">
                  {r.consentGivenOn
                    ? t('slip.consentGiven', {
                        date: r.consentGivenOn,
                        by: r.consentGivenBy ? L(CONSENT_GIVEN_BY_LABELS, r.consentGivenBy) : '',
                      })
                    : r.overrideReason
                      ? t('slip.override', { reason: r.overrideReason })
                      : r.householdId === null
                        ? t('slip.consentWithReferrer')
                        : t('slip.noConsent')}
                </td>
              </tr>
              <tr>
                <th>{t('slip.state')}</th>
                <td colSpan={3}>
                  {L(REFERRAL_STATE_LABELS, r.state)}
                  {r.deliveredOn ? `\u3000${t('slip.servedOn', { date: r.deliveredOn })}` : ''}
                  {r.responseNote ? `\u3000${r.responseNote}` : ''}
                </td>
              </tr>
            </tbody>
          </table>
          <div className="uc-sheet-signs">
            {(['slip.signReferrer', 'slip.signUnit', 'slip.signService'] as const).map((key) => (
              <div className="uc-sheet-sign" key={key}>
                <div className="uc-sheet-sign-title">{t(key)}</div>
                <div className="uc-sheet-sign-line">{t('slip.signature')}</div>
                <div className="uc-sheet-sign-line">{t('slip.signDate')}</div>
              </div>
            ))}
          </div>
          <p className="uc-sheet-foot">{t('slip.privacy')}</p>
        </article>
      ) : null}
    </div>
  );
}
