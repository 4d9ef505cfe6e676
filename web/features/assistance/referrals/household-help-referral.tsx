import { FormDialog } from '../../../components/dialogs/form-dialog';

import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PrinterOutlined, ShareAltOutlined } from '@ant-design/icons';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { HouseholdHelp, ReferralView, ResourceView } from '../../../../contracts/help';
import { isApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { useFormErrors } from '../../../components/use-form-errors';
import { NEED_LABELS } from '../core/labels';
import { formatYuan } from '../../../components/money/money';
import type { ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';
import { useAvailableResources, useCreateReferral, useWithdrawReferral } from '../core/help-api';
import { hasConsent, type ConsentPreset } from './household-help-consent';
import { MemberSelect, rowTestId } from '../help/household-help-common';
import { REFERRAL_STATE_LABELS, RESOURCE_KIND_LABELS } from '../core/help-labels';

export const REFERRAL_STATE_COLORS: Record<ReferralView['state'], string> = {
  sent: 'processing',
  accepted: 'cyan',
  declined: 'orange',
  withdrawn: 'default',
  delivered: 'success',
};

export function ReferralsCard({
  household,
  referrals,
  canManage,
  askReason,
  onCreate,
}: {
  household: HouseholdDetail;
  referrals: ReferralView[];
  canManage: boolean;
  askReason: (request: ReasonRequest) => void;
  onCreate: () => void;
}) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const withdraw = useWithdrawReferral();
  const open = !['closed', 'merged'].includes(household.state);
  const rows = [...referrals].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card
      className="uc-card"
      title={t('hhHelp.referrals', { n: referrals.length })}
      extra={
        canManage && open ? (
          <Button
            size="small"
            icon={<ShareAltOutlined />}
            onClick={onCreate}
            data-testid="referral-create-button"
          >
            {t('hhHelp.referralCreate')}
          </Button>
        ) : null
      }
    >
      <Table<ReferralView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('hhHelp.referralsEmpty') }}
        data-testid="referral-table"
        onRow={(r) => rowTestId(`referral-row-${r.id}`)}
        columns={[
          {
            key: 'resource',
            title: t('hhHelp.resource'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <strong>{r.resourceTitle}</strong>
                <span className="uc-muted uc-small">
                  {r.orgName} · {L(RESOURCE_KIND_LABELS, r.resourceKind)}
                </span>
              </Space>
            ),
          },
          {
            key: 'who',
            title: t('hhHelp.referralFor'),
            render: (_, r) => r.memberName ?? r.headName,
          },
          {
            key: 'qty',
            title: t('hhHelp.quantity'),
            align: 'right',
            render: (_, r) => `${r.quantity} ${r.unit}`,
          },
          {
            key: 'need',
            title: t('hhHelp.need'),
            render: (_, r) => <span style={{ display: 'inline-block', maxWidth: 260 }}>{r.need}</span>,
          },
          {
            key: 'state',
            title: t('hhHelp.state'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={REFERRAL_STATE_COLORS[r.state]} data-testid="referral-state">
                  {L(REFERRAL_STATE_LABELS, r.state)}
                </Tag>
                {r.deliveredOn ? (
                  <span className="uc-muted uc-small">
                    {r.deliveredOn}
                    {r.deliveredValueFen !== null ? ` · ${formatYuan(r.deliveredValueFen, lang)}` : ''}
                  </span>
                ) : null}
                {r.responseNote ? <span className="uc-muted uc-small">{r.responseNote}</span> : null}
              </Space>
            ),
          },
          {
            key: 'consent',
            title: t('hhHelp.referralConsent'),
            render: (_, r) =>
              r.overrideReason ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="orange">{t('hhHelp.referralOverridden')}</Tag>
                  <span className="uc-muted uc-small">{r.overrideReason}</span>
                </Space>
              ) : r.consentGivenOn ? (
                <span className="uc-small">{t('hhHelp.consentOnShort', { date: r.consentGivenOn })}</span>
              ) : (
                '—'
              ),
          },
          {
            key: 'by',
            title: t('hhHelp.referredBy'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.referredByName ?? r.referredOrgName}</span>
                <span className="uc-muted uc-small">{formatDateTime(r.createdAt).slice(0, 10)}</span>
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  icon={<PrinterOutlined />}
                  href={`/print/referrals/${encodeURIComponent(r.id)}`}
                  target="_blank"
                  rel="noopener"
                  data-testid="referral-print"
                >
                  {t('hhHelp.referralPrint')}
                </Button>
                {canManage && (r.state === 'sent' || r.state === 'accepted') ? (
                  <Button
                    size="small"
                    danger
                    data-testid="referral-withdraw"
                    onClick={() =>
                      askReason({
                        title: t('hhHelp.referralWithdrawTitle', { title: r.resourceTitle }),
                        note: t('hhHelp.referralWithdrawNote'),
                        okText: t('hhHelp.referralWithdraw'),
                        danger: true,
                        run: async ({ reason }) => {
                          await withdraw.mutateAsync({ id: r.id, version: r.version, reason });
                          void message.success(t('hhHelp.referralWithdrawn'));
                        },
                      })
                    }
                  >
                    {t('hhHelp.referralWithdraw')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

// ---- 转介 ----

interface ReferralValues {
  resourceId?: string;
  memberId: string;
  quantity: number;
  need: string;
  overrideReason?: string;
}

const FIELDS = ['resourceId', 'memberId', 'quantity', 'need', 'overrideReason'] as const;

function ResourceFacts({ r }: { r: ResourceView }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2 }}
      style={{ marginBottom: 16 }}
      data-testid="referral-resource-facts"
      items={[
        { key: 'org', label: t('hhHelp.caringUnit'), children: r.orgName },
        { key: 'kind', label: t('hhHelp.kind'), children: L(RESOURCE_KIND_LABELS, r.kind) },
        {
          key: 'left',
          label: t('hhHelp.placesLeft'),
          children: (
            <span data-testid="referral-places-left">
              {t('hhHelp.placesLeftValue', { n: r.available, unit: r.unit, total: r.quantity })}
            </span>
          ),
        },
        {
          key: 'value',
          label: t('hhHelp.unitValue'),
          children: `${formatYuan(r.unitValueFen, lang)} / ${r.unit}`,
        },
        { key: 'valid', label: t('hhHelp.validity'), children: `${r.validFrom} ~ ${r.validUntil}` },
        { key: 'audience', label: t('hhHelp.audience'), children: r.audience },
        ...(r.conditions ? [{ key: 'cond', label: t('hhHelp.conditions'), children: r.conditions }] : []),
        ...(r.description
          ? [{ key: 'desc', label: t('hhHelp.resourceDescription'), children: r.description }]
          : []),
      ]}
    />
  );
}

function ReferralForm({
  household,
  help,
  canOverride,
  canConsent,
  onAskConsent,
  onDone,
}: {
  household: HouseholdDetail;
  help: HouseholdHelp;
  canOverride: boolean;
  canConsent: boolean;
  onAskConsent: (preset: ConsentPreset) => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const create = useCreateReferral();
  const [q, setQ] = useState('');
  const resources = useAvailableResources(q);
  const [form] = Form.useForm<ReferralValues>();
  const resourceId = Form.useWatch('resourceId', form);
  const memberId = Form.useWatch('memberId', form) || undefined;
  // Keep the picked resource even when a new search no longer lists it.
  const [picked, setPicked] = useState<ResourceView | undefined>();
  const resource = useMemo(
    () =>
      resources.data?.items.find((r) => r.id === resourceId) ??
      (picked?.id === resourceId ? picked : undefined),
    [resources.data, resourceId, picked],
  );
  const [consentRefused, setConsentRefused] = useState<'no_consent' | 'override_not_permitted' | null>(null);
  // A consent recorded meanwhile (from the alert's button) lifts the server's refusal.
  useEffect(() => setConsentRefused(null), [help.consents]);
  const consented = resource ? hasConsent(household, help.consents, resource.orgId, memberId) : true;
  const showOverride = canOverride && (consentRefused !== null || !consented);
  const openNeeds = household.needs.filter((n) => n.status === 'open');

  const onFinish = (v: ReferralValues) => {
    if (!v.resourceId) return;
    const overrideReason = v.overrideReason?.trim();
    create.mutate(
      {
        householdId: household.id,
        body: {
          resourceId: v.resourceId,
          ...(v.memberId ? { memberId: v.memberId } : {}),
          quantity: v.quantity,
          need: v.need.trim(),
          ...(showOverride && overrideReason ? { overrideReason } : {}),
        },
      },
      {
        onSuccess: (r) => {
          void message.success(t('hhHelp.referralSent', { org: r.orgName }));
          onDone();
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'referral.consent_required') {
            const why = err.problem?.why;
            setConsentRefused(why === 'override_not_permitted' ? 'override_not_permitted' : 'no_consent');
          }
          if (isApiError(err) && err.code === 'resource.exhausted') {
            form.setFields([{ name: 'quantity', errors: [t('error.resource.exhausted')] }]);
            void resources.refetch();
          }
          showFormErrors(form, err, { fields: FIELDS });
        },
      },
    );
  };

  return (
    <Form<ReferralValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{ memberId: '', quantity: 1, need: '' }}
    >
      <Form.Item
        name="resourceId"
        label={t('hhHelp.resource')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.resource') }) }]}
      >
        <Select
          data-testid="referral-resource"
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={resources.isFetching}
          placeholder={t('hhHelp.resourcePick')}
          notFoundContent={resources.isPending ? undefined : t('hhHelp.noResources')}
          onChange={(id: string) => {
            setPicked(resources.data?.items.find((r) => r.id === id));
            setConsentRefused(null);
          }}
          options={(resources.data?.items ?? []).map((r) => ({
            value: r.id,
            label: `${r.title} · ${r.orgName}`,
            resource: r,
          }))}
          optionRender={(option) => {
            const r = option.data.resource;
            return (
              <Space orientation="vertical" size={0} data-testid={`referral-resource-option-${r.id}`}>
                <span>
                  <strong>{r.title}</strong> <span className="uc-muted">· {r.orgName}</span>
                </span>
                <span className="uc-muted uc-small">
                  {t('hhHelp.placesLeftValue', { n: r.available, unit: r.unit, total: r.quantity })} ·{' '}
                  {t('hhHelp.validUntil', { date: r.validUntil })}
                </span>
              </Space>
            );
          }}
        />
      </Form.Item>
      {resource ? <ResourceFacts r={resource} /> : null}
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="memberId" label={t('hhHelp.referralFor')}>
            <MemberSelect household={household} testId="referral-member" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="quantity"
            label={t('hhHelp.quantity')}
            rules={[{ required: true, message: t('common.required', { field: t('hhHelp.quantity') }) }]}
          >
            <InputNumber
              min={1}
              max={resource ? Math.max(1, resource.available) : 10_000}
              precision={0}
              suffix={resource?.unit}
              style={{ width: '100%' }}
              data-testid="referral-quantity"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="need"
        label={t('hhHelp.need')}
        extra={
          openNeeds.length ? (
            <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
              <span>{t('hhHelp.needFromOpen')}</span>
              {openNeeds.map((n) => (
                <Tag
                  key={n.id}
                  color={n.urgency === 'urgent' ? 'red' : 'blue'}
                  style={{ cursor: 'pointer' }}
                  onClick={() =>
                    form.setFieldValue('need', `${L(NEED_LABELS, n.kind)}：${n.description}`.slice(0, 300))
                  }
                  data-testid={`referral-need-${n.id}`}
                >
                  {L(NEED_LABELS, n.kind)}
                </Tag>
              ))}
            </Space>
          ) : undefined
        }
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('hhHelp.need') }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={300} showCount data-testid="referral-need" />
      </Form.Item>

      {resource && consented && consentRefused === null ? (
        <Alert
          type="success"
          showIcon
          title={t('hhHelp.referralHasConsent', { org: resource.orgName })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {resource && (!consented || consentRefused !== null) ? (
        <Alert
          type={consentRefused ? 'error' : 'warning'}
          showIcon
          data-testid="referral-consent-alert"
          style={{ marginBottom: 16 }}
          title={t('hhHelp.referralNoConsent', { org: resource.orgName })}
          description={
            <Space orientation="vertical" size={8}>
              <span>
                {consentRefused === 'override_not_permitted'
                  ? t('hhHelp.overrideNotPermitted')
                  : canOverride
                    ? t('hhHelp.referralNoConsentOverride')
                    : t('hhHelp.referralNoConsentAsk')}
              </span>
              {canConsent ? (
                <Button
                  size="small"
                  onClick={() => onAskConsent({ orgId: resource.orgId, memberId })}
                  data-testid="referral-record-consent"
                >
                  {t('hhHelp.consentAdd')}
                </Button>
              ) : null}
            </Space>
          }
        />
      ) : null}
      {showOverride && resource ? (
        <Form.Item
          name="overrideReason"
          label={t('hhHelp.overrideReason')}
          extra={t('hhHelp.overrideHint')}
          rules={
            consentRefused
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('common.required', { field: t('hhHelp.overrideReason') }),
                  },
                ]
              : []
          }
        >
          <Input.TextArea rows={2} maxLength={300} showCount data-testid="referral-override" />
        </Form.Item>
      ) : null}
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="referral-submit">
          {t('hhHelp.referralSubmit')}
        </Button>
      </div>
      {resources.isError ? (
        <Typography.Text type="danger" className="uc-small">
          {t('hhHelp.resourcesFailed')}
        </Typography.Text>
      ) : null}
    </Form>
  );
}

/** 转介: an available caring-unit resource for the household or one member, with consent. */
export function ReferralDialog({
  household,
  help,
  open,
  canOverride,
  canConsent,
  onAskConsent,
  onClose,
}: {
  household: HouseholdDetail;
  help: HouseholdHelp;
  open: boolean;
  canOverride: boolean;
  canConsent: boolean;
  onAskConsent: (preset: ConsentPreset) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={open}
      title={t('hhHelp.referralTitle', { name: household.headName })}
      onClose={onClose}
      width={680}
    >
      {open ? (
        <ReferralForm
          household={household}
          help={help}
          canOverride={canOverride}
          canConsent={canConsent}
          onAskConsent={onAskConsent}
          onDone={onClose}
        />
      ) : null}
    </FormDialog>
  );
}
