import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { FormDialog } from '../../../components/dialogs/form-dialog';
import { YuanInput } from '../../../components/money/money-input';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { CheckOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ReferralQuery } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { formatYuan, fenToYuan, yuanToFen } from '../../../components/money/money';
import { canDo } from '../permissions';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';
import {
  useReferralStep,
  useReferrals,
  useResource,
  useResources,
  type Referral,
  type ReferralParams,
} from '../core/help-api';
import {
  DAY,
  OrgSelect,
  REFERRAL_STATE_COLORS,
  RESOURCE_KIND_COLORS,
  isCaringUnitUser,
  todayInChina,
  useCaringUnits,
} from '../core/help-common';
import { REFERRAL_STATE_LABELS, RESOURCE_KIND_LABELS } from '../core/help-labels';

type TabKey = 'all' | 'sent' | 'accepted' | 'delivered' | 'other';
type OtherState = 'declined' | 'withdrawn';

/** What the URL carries: the state, and for the federation the caring unit and the resource. */
const URL_KEYS = ['state', 'orgId', 'resourceId'] as const;
const CARING_URL_KEYS = ['state'] as const;
const CARING_DEFAULTS = { state: 'sent' } as const;

interface DeliverValues {
  deliveredOn: Dayjs;
  value: number | null;
  note?: string;
}

/** 确认服务: the day it was given and what it was worth (quantity × the unit value unless changed). */
function DeliverForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const resource = useResource(referral.resourceId);
  const step = useReferralStep();
  const [form] = Form.useForm<DeliverValues>();
  const planned = resource.data ? resource.data.unitValueFen * referral.quantity : undefined;

  const onFinish = (v: DeliverValues) => {
    const valueFen = yuanToFen(v.value);
    step.mutate(
      {
        step: 'deliver',
        id: referral.id,
        body: {
          version: referral.version,
          deliveredOn: v.deliveredOn.format(DAY),
          ...(valueFen !== undefined ? { valueFen } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('referrals.delivered', { name: referral.headName }));
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, {
            fields: ['deliveredOn', 'value', 'note'],
            aliases: { valueFen: 'value' },
          }),
      },
    );
  };

  return (
    <Form<DeliverValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={step.isPending}
      initialValues={{ deliveredOn: dayjs(todayInChina()), value: null }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('referrals.deliverNote', {
          name: referral.headName,
          resource: referral.resourceTitle,
          quantity: referral.quantity,
          unit: referral.unit,
        })}
      />
      <Form.Item
        name="deliveredOn"
        label={t('referrals.deliveredOn')}
        rules={[
          { required: true, message: t('common.requiredSelect', { field: t('referrals.deliveredOn') }) },
        ]}
      >
        <DatePicker
          style={{ width: '100%' }}
          data-testid="deliver-date"
          disabledDate={(d) => d.format(DAY) > todayInChina()}
        />
      </Form.Item>
      <Form.Item
        name="value"
        label={t('referrals.value')}
        extra={
          planned !== undefined
            ? t('referrals.valueDefault', { value: formatYuan(planned, lang) })
            : t('referrals.valueDefaultUnknown')
        }
      >
        <YuanInput
          data-testid="deliver-value"
          placeholder={planned !== undefined ? String(fenToYuan(planned)) : undefined}
        />
      </Form.Item>
      <Form.Item name="note" label={t('referrals.note')}>
        <Input.TextArea rows={2} maxLength={300} showCount data-testid="deliver-note" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="deliver-submit">
          {t('referrals.deliver')}
        </Button>
      </div>
    </Form>
  );
}

/**
 * 转介服务: a caring unit's inbox of households sent to it (with only the name, a masked phone and
 * the need), or the federation's view of every referral in its jurisdiction.
 */
export function ReferralsPage() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const caring = isCaringUnitUser(me);
  const respond = canDo(me, 'referral.respond');
  const mayWithdraw = canDo(me, 'help.manage');
  // The referrer withdraws while it waits or is accepted; a caring unit declines what it has not accepted.
  const withdrawable = (r: Referral) =>
    (mayWithdraw && (r.state === 'sent' || r.state === 'accepted')) || (respond && r.state === 'accepted');
  const { filters, setFilters, paging, onPage } = useUrlFilters(ReferralQuery, {
    keys: caring ? CARING_URL_KEYS : URL_KEYS,
    defaults: caring ? CARING_DEFAULTS : undefined,
  });
  const state = filters.state;
  const tab: TabKey =
    state === undefined ? 'all' : state === 'declined' || state === 'withdrawn' ? 'other' : state;
  // The choice under 其他 is remembered while the user looks at the other tabs.
  const [lastOther, setLastOther] = useState<OtherState>('declined');
  const other: OtherState = state === 'declined' || state === 'withdrawn' ? state : lastOther;
  const params: ReferralParams = { ...paging, orgId: filters.orgId, resourceId: filters.resourceId, state };
  const referrals = useReferrals(params);
  const { orgs, loading } = useCaringUnits();
  const resources = useResources(
    { page: 1, pageSize: 200, ...(filters.orgId ? { orgId: filters.orgId } : {}) },
    !caring,
  );
  const step = useReferralStep();
  const [delivering, setDelivering] = useState<Referral | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const items = referrals.data?.items ?? [];

  const decline = (r: Referral) =>
    setReasonRequest({
      title: t('referrals.declineTitle', { name: r.headName }),
      note: t('referrals.declineNote'),
      okText: t('referrals.decline'),
      danger: true,
      reasonLabel: t('referrals.declineReason'),
      run: async ({ reason }) => {
        await step.mutateAsync({ step: 'decline', id: r.id, version: r.version, reason });
        void message.success(t('referrals.declined'));
      },
    });

  const withdraw = (r: Referral) =>
    setReasonRequest({
      title: t('referrals.withdrawTitle', { name: r.headName }),
      note: t('referrals.withdrawNote'),
      okText: t('referrals.withdraw'),
      danger: true,
      reasonLabel: t('referrals.withdrawReason'),
      run: async ({ reason }) => {
        await step.mutateAsync({ step: 'withdraw', id: r.id, version: r.version, reason });
        void message.success(t('referrals.withdrawn'));
      },
    });

  const rowActions: RowAction<Referral>[] = [
    {
      key: 'accept',
      label: t('referrals.accept'),
      icon: <CheckOutlined />,
      testId: 'referral-accept',
      when: (r) => respond && r.state === 'sent',
      confirm: (r) => ({
        title: t('referrals.acceptConfirm', { name: r.headName }),
        content: t('referrals.acceptNote', { resource: r.resourceTitle, quantity: r.quantity, unit: r.unit }),
        okText: t('referrals.accept'),
        cancelText: t('common.cancel'),
      }),
      run: async (r) => {
        try {
          await step.mutateAsync({ step: 'accept', id: r.id, version: r.version });
          void message.success(t('referrals.accepted', { name: r.headName }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    },
    {
      key: 'decline',
      label: t('referrals.decline'),
      testId: 'referral-decline',
      danger: true,
      when: (r) => respond && r.state === 'sent',
      run: decline,
    },
    {
      key: 'deliver',
      label: t('referrals.deliver'),
      testId: 'referral-deliver',
      when: (r) => respond && r.state === 'accepted',
      run: setDelivering,
    },
    {
      key: 'withdraw',
      label: t('referrals.withdraw'),
      testId: 'referral-withdraw',
      danger: true,
      when: withdrawable,
      run: withdraw,
    },
  ];
  const { renderActions: actions } = useRowActions(rowActions, {
    after: (r) => (
      <Link
        to={`/print/referrals/${r.id}`}
        target="_blank"
        rel="noopener"
        className="uc-link-small"
        data-testid={`referral-print-${r.id}`}
      >
        <PrinterOutlined /> {t('referrals.print')}
      </Link>
    ),
  });

  const who = (r: Referral) => (
    <div>
      {r.householdId ? (
        <Link to={`/alliance/households/${r.householdId}`}>{r.headName}</Link>
      ) : (
        <Typography.Text strong>{r.headName}</Typography.Text>
      )}
      {r.memberName && r.memberName !== r.headName ? (
        <span className="uc-muted uc-small"> · {t('referrals.for', { name: r.memberName })}</span>
      ) : null}
      {r.phoneMasked ? <div className="uc-mono uc-small">{r.phoneMasked}</div> : null}
      {r.divisionName ? <div className="uc-muted uc-small">{r.divisionName}</div> : null}
    </div>
  );

  const resourceCell = (r: Referral) => (
    <div>
      <Tag color={RESOURCE_KIND_COLORS[r.resourceKind]}>{L(RESOURCE_KIND_LABELS, r.resourceKind)}</Tag>
      <div>{r.resourceTitle}</div>
      {caring ? null : <div className="uc-muted uc-small">{r.orgName}</div>}
    </div>
  );

  const stateTag = (r: Referral) => (
    <Tag color={REFERRAL_STATE_COLORS[r.state]}>{L(REFERRAL_STATE_LABELS, r.state)}</Tag>
  );

  const outcome = (r: Referral) =>
    r.state === 'delivered' ? (
      <div className="uc-small">
        {t('referrals.deliveredOnShort', { date: r.deliveredOn ?? '' })}
        {r.deliveredValueFen !== null ? ` · ${formatYuan(r.deliveredValueFen)}` : ''}
      </div>
    ) : r.responseNote ? (
      <div className="uc-small uc-muted">{r.responseNote}</div>
    ) : null;

  const columns: TableProps<Referral>['columns'] = [
    { key: 'who', title: t('referrals.household'), width: 150, render: (_, r) => who(r) },
    {
      key: 'need',
      title: t('referrals.need'),
      width: 220,
      render: (_, r) => <span className="uc-prewrap">{r.need}</span>,
    },
    { key: 'resource', title: t('referrals.resource'), width: 180, render: (_, r) => resourceCell(r) },
    {
      key: 'quantity',
      title: t('referrals.quantity'),
      width: 80,
      render: (_, r) => `${r.quantity} ${r.unit}`,
    },
    {
      key: 'by',
      title: t('referrals.referredBy'),
      width: 150,
      render: (_, r) => (
        <div>
          <div>{r.referredOrgName ?? '—'}</div>
          {r.referredByName ? <div className="uc-muted uc-small">{r.referredByName}</div> : null}
        </div>
      ),
    },
    {
      key: 'date',
      title: t('referrals.date'),
      width: 110,
      render: (_, r) => <span className="uc-nowrap">{formatDateTime(r.createdAt).slice(0, 10)}</span>,
    },
    {
      key: 'state',
      title: t('referrals.state'),
      width: 130,
      render: (_, r) => (
        <div>
          {stateTag(r)}
          {outcome(r)}
        </div>
      ),
    },
    { key: 'actions', title: t('common.actions'), width: 190, fixed: 'right', render: (_, r) => actions(r) },
  ];

  const tabs: { key: TabKey; label: string }[] = [
    ...(caring ? [] : [{ key: 'all' as const, label: t('common.all') }]),
    { key: 'sent', label: t('referrals.tabSent') },
    { key: 'accepted', label: t('referrals.tabAccepted') },
    { key: 'delivered', label: t('referrals.tabDelivered') },
    { key: 'other', label: t('referrals.tabOther') },
  ];

  return (
    <>
      <PageHeader title={caring ? t('referrals.inboxTitle') : t('nav.referrals')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = key as TabKey;
            setFilters({ state: next === 'all' ? undefined : next === 'other' ? lastOther : next });
          }}
          items={tabs.map((x) => ({
            key: x.key,
            label: <span data-testid={`referral-tab-${x.key}`}>{x.label}</span>,
          }))}
        />
        <Space wrap className="uc-filters" size={[12, 12]}>
          {tab === 'other' ? (
            <Segmented<OtherState>
              value={other}
              onChange={(v) => {
                setLastOther(v);
                setFilters({ state: v });
              }}
              options={(['declined', 'withdrawn'] as const).map((s) => ({
                value: s,
                label: L(REFERRAL_STATE_LABELS, s),
              }))}
              data-testid="referral-filter-other"
            />
          ) : null}
          {caring ? null : (
            <>
              <OrgSelect
                orgs={orgs}
                loading={loading}
                allowClear
                placeholder={t('referrals.toUnit')}
                value={filters.orgId}
                onChange={(orgId) => setFilters({ orgId, resourceId: undefined })}
                testId="referral-filter-org"
                style={{ width: 200 }}
              />
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('referrals.resource')}
                aria-label={t('referrals.resource')}
                style={{ width: 220 }}
                popupMatchSelectWidth={false}
                value={filters.resourceId}
                loading={resources.isFetching}
                onChange={(resourceId?: string) => setFilters({ resourceId })}
                options={(resources.data?.items ?? []).map((r) => ({
                  value: r.id,
                  label: `${r.title} · ${r.orgName}`,
                }))}
                data-testid="referral-filter-resource"
              />
            </>
          )}
        </Space>
        <PagedTable<Referral>
          rows={items}
          columns={columns}
          paging={{ page: paging.page, pageSize: paging.pageSize, total: referrals.data?.total ?? 0 }}
          onPage={onPage}
          loading={referrals.isFetching}
          errorText={referrals.isError ? errorText(referrals.error) : undefined}
          testId="referral-table"
          rowTestIdPrefix="referral-row"
          scrollX={1250}
          card={(r) => ({
            title: (
              <Space size={6}>
                <span>{r.headName}</span>
                {r.phoneMasked ? <span className="uc-mono uc-small">{r.phoneMasked}</span> : null}
              </Space>
            ),
            extra: stateTag(r),
            body: (
              <>
                <div className="uc-prewrap">{r.need}</div>
                <div className="uc-card-facts">
                  <span>
                    {t('referrals.resource')}：{r.resourceTitle} × {r.quantity} {r.unit}
                    {caring ? '' : `（${r.orgName}）`}
                  </span>
                  {r.referredOrgName !== null ? (
                    <span>
                      {t('referrals.referredBy')}：{r.referredOrgName}
                      {r.referredByName ? ` · ${r.referredByName}` : ''}
                    </span>
                  ) : null}
                  <span>
                    {t('referrals.date')}：{formatDateTime(r.createdAt).slice(0, 10)}
                  </span>
                </div>
                {outcome(r)}
                <div className="uc-card-actions">{actions(r)}</div>
              </>
            ),
          })}
        />
      </Card>
      <FormDialog
        open={delivering !== null}
        title={delivering ? t('referrals.deliverTitle', { name: delivering.headName }) : ''}
        onClose={() => setDelivering(null)}
      >
        {delivering ? <DeliverForm referral={delivering} onDone={() => setDelivering(null)} /> : null}
      </FormDialog>
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
