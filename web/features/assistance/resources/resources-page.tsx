import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { FormDialog } from '../../../components/dialogs/form-dialog';
import { YuanInput } from '../../../components/money/money-input';
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ResourceQuery, type ResourceKind } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { formatYuan, fenToYuan, yuanToFen } from '../../../components/money/money';
import { canDo } from '../permissions';
import { useLabels } from '../core/use-labels';
import {
  useCreateResource,
  useResources,
  useUpdateResource,
  useWithdrawResource,
  type Resource,
  type ResourceParams,
} from '../core/help-api';
import { DAY, OrgSelect, RESOURCE_KIND_COLORS, isCaringUnitUser, useCaringUnits } from '../core/help-common';
import { RESOURCE_KINDS, RESOURCE_KIND_LABELS } from '../core/help-labels';

/** What the URL carries (the typed search does not: it stays in memory). */
const URL_KEYS = ['kind', 'orgId', 'available'] as const;
const CARING_URL_KEYS = ['kind', 'available'] as const;

type Target = { mode: 'create' } | { mode: 'edit'; resource: Resource };

interface ResourceValues {
  orgId?: string;
  kind: ResourceKind;
  title: string;
  description?: string;
  unit: string;
  quantity: number;
  unitValue: number | null;
  validity: [Dayjs, Dayjs];
  audience: string;
  conditions?: string;
}

const FIELDS = [
  'orgId',
  'kind',
  'title',
  'description',
  'unit',
  'quantity',
  'unitValue',
  'validity',
  'audience',
  'conditions',
] as const;
const ALIASES = { unitValueFen: 'unitValue', validFrom: 'validity', validUntil: 'validity' };

function ResourceForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const { orgs, loading } = useCaringUnits();
  const create = useCreateResource();
  const update = useUpdateResource();
  const [form] = Form.useForm<ResourceValues>();
  const editing = target.mode === 'edit' ? target.resource : null;
  const saving = create.isPending || update.isPending;
  // Federation staff publish on a caring unit's behalf; a caring unit always as itself.
  const pickUnit = !editing && !isCaringUnitUser(me);

  const onFinish = (v: ResourceValues) => {
    const common = {
      kind: v.kind,
      title: v.title.trim(),
      unit: v.unit.trim(),
      quantity: v.quantity,
      unitValueFen: yuanToFen(v.unitValue) ?? 0,
      validFrom: v.validity[0].format(DAY),
      validUntil: v.validity[1].format(DAY),
      audience: v.audience.trim(),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      ...(v.conditions?.trim() ? { conditions: v.conditions.trim() } : {}),
    };
    const onError = (err: unknown) => showFormErrors(form, err, { fields: FIELDS, aliases: ALIASES });
    const onSuccess = () => {
      void message.success(editing ? t('common.saved') : t('resources.published'));
      onDone();
    };
    if (editing)
      update.mutate(
        { id: editing.id, body: { ...common, version: editing.version } },
        { onSuccess, onError },
      );
    else
      create.mutate(
        { ...common, ...(pickUnit && v.orgId ? { orgId: v.orgId } : {}) },
        { onSuccess, onError },
      );
  };

  return (
    <Form<ResourceValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={
        editing
          ? {
              kind: editing.kind,
              title: editing.title,
              description: editing.description ?? '',
              unit: editing.unit,
              quantity: editing.quantity,
              unitValue: fenToYuan(editing.unitValueFen),
              validity: [dayjs(editing.validFrom), dayjs(editing.validUntil)],
              audience: editing.audience,
              conditions: editing.conditions ?? '',
            }
          : { unit: t('resources.defaultUnit'), quantity: 1, unitValue: 0 }
      }
    >
      {pickUnit ? (
        <Form.Item
          name="orgId"
          label={t('resources.org')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('resources.org') }) }]}
        >
          <OrgSelect orgs={orgs} loading={loading} testId="resource-form-org" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="kind"
        label={t('resources.kind')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('resources.kind') }) }]}
      >
        <Select
          data-testid="resource-form-kind"
          options={RESOURCE_KINDS.map((k) => ({ value: k, label: L(RESOURCE_KIND_LABELS, k) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('resources.title')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('resources.title') }),
          },
        ]}
      >
        <Input maxLength={60} data-testid="resource-form-title" placeholder={t('resources.titleHint')} />
      </Form.Item>
      <Form.Item name="description" label={t('resources.description')}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="resource-form-description" />
      </Form.Item>
      <div className="uc-form-row">
        <Form.Item
          name="quantity"
          label={t('resources.quantity')}
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('common.required', { field: t('resources.quantity') }) }]}
          extra={editing ? t('resources.quantityHint', { n: editing.reserved }) : undefined}
        >
          <InputNumber<number>
            min={1}
            max={10_000_000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="resource-form-quantity"
          />
        </Form.Item>
        <Form.Item
          name="unit"
          label={t('resources.unit')}
          style={{ width: 110 }}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('resources.unit') }),
            },
          ]}
        >
          <Input maxLength={10} data-testid="resource-form-unit" />
        </Form.Item>
      </div>
      <Form.Item
        name="unitValue"
        label={t('resources.unitValue')}
        extra={t('resources.unitValueHint')}
        rules={[{ required: true, message: t('common.required', { field: t('resources.unitValue') }) }]}
      >
        <YuanInput data-testid="resource-form-value" />
      </Form.Item>
      <Form.Item
        name="validity"
        label={t('resources.validity')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('resources.validity') }) }]}
      >
        <DatePicker.RangePicker style={{ width: '100%' }} data-testid="resource-form-validity" />
      </Form.Item>
      <Form.Item
        name="audience"
        label={t('resources.audience')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('resources.audience') }),
          },
        ]}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          showCount
          data-testid="resource-form-audience"
          placeholder={t('resources.audienceHint')}
        />
      </Form.Item>
      <Form.Item name="conditions" label={t('resources.conditions')}>
        <Input.TextArea rows={2} maxLength={300} showCount data-testid="resource-form-conditions" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="resource-form-submit">
          {editing ? t('common.save') : t('resources.publish')}
        </Button>
      </div>
    </Form>
  );
}

/** Places: how many were offered, reserved by referrals, served, and still free. */
export function Places({ r }: { r: Resource }) {
  const { t } = useI18n();
  const q = Math.max(r.quantity, 1);
  // delivered ≤ reserved ≤ quantity: a served place stays reserved, so `reserved` is every place taken.
  const used = Math.min(100, Math.round((r.reserved / q) * 100));
  const served = Math.min(100, Math.round((r.delivered / q) * 100));
  return (
    <div className="uc-places" data-testid={`resource-places-${r.id}`}>
      <Progress
        percent={used}
        success={{ percent: served }}
        showInfo={false}
        size="small"
        aria-label={t('resources.placesAria', { left: r.available, total: r.quantity })}
      />
      <div className="uc-small uc-muted">
        {t('resources.placesText', {
          total: r.quantity,
          reserved: Math.max(0, r.reserved - r.delivered),
          delivered: r.delivered,
          left: r.available,
          unit: r.unit,
        })}
      </div>
    </div>
  );
}

function StatusTags({ r }: { r: Resource }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {r.status === 'withdrawn' ? (
        <Tag>{t('resources.withdrawn')}</Tag>
      ) : (
        <Tag color="success">{t('resources.active')}</Tag>
      )}
      {r.expired ? <Tag color="red">{t('resources.expired')}</Tag> : null}
      {r.status === 'active' && !r.expired && r.available === 0 ? (
        <Tag color="orange">{t('resources.full')}</Tag>
      ) : null}
    </Space>
  );
}

/** 爱心资源: what caring units offer, how much of it is used; managers publish, edit and withdraw. */
export function ResourcesPage() {
  const me = useSession();
  const { t, lang } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const caring = isCaringUnitUser(me);
  const { orgs, loading } = useCaringUnits();
  // The kind, caring unit and availability live in the URL; the typed search stays in memory.
  const { filters, setFilters, paging, onPage } = useUrlFilters(ResourceQuery, {
    keys: caring ? CARING_URL_KEYS : URL_KEYS,
  });
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | undefined>(undefined);
  const search = (text: string | undefined) => {
    setSearched(text);
    setFilters({});
  };
  const params: ResourceParams = {
    ...paging,
    kind: filters.kind,
    orgId: caring ? undefined : filters.orgId,
    available: filters.available,
    q: searched,
  };
  const resources = useResources(params);
  const withdraw = useWithdrawResource();
  const [target, setTarget] = useState<Target | null>(null);
  const manage = canDo(me, 'resource.manage');
  const items = resources.data?.items ?? [];

  const rowActions: RowAction<Resource>[] = [
    {
      key: 'edit',
      label: t('resources.edit'),
      icon: <EditOutlined />,
      testId: 'resource-edit',
      requires: 'resource.manage',
      when: (r) => r.status === 'active',
      run: (r) => setTarget({ mode: 'edit', resource: r }),
    },
    {
      key: 'withdraw',
      label: t('resources.withdraw'),
      icon: <StopOutlined />,
      testId: 'resource-withdraw',
      danger: true,
      requires: 'resource.manage',
      when: (r) => r.status === 'active',
      confirm: (r) => ({
        title: t('resources.withdrawConfirm', { title: r.title }),
        content: t('resources.withdrawNote'),
        okText: t('resources.withdraw'),
        cancelText: t('common.cancel'),
        danger: true,
      }),
      run: async (r) => {
        try {
          await withdraw.mutateAsync({ id: r.id, version: r.version });
          void message.success(t('resources.withdrawnDone'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    },
  ];
  const { renderActions: actions } = useRowActions(rowActions, { wrap: false });

  const kindTag = (r: Resource) => (
    <Tag color={RESOURCE_KIND_COLORS[r.kind]}>{L(RESOURCE_KIND_LABELS, r.kind)}</Tag>
  );

  const columns: TableProps<Resource>['columns'] = [
    { key: 'org', title: t('resources.org'), dataIndex: 'orgName', width: 140 },
    { key: 'kind', title: t('resources.kind'), width: 110, render: (_, r) => kindTag(r) },
    {
      key: 'title',
      title: t('resources.title'),
      width: 200,
      render: (_, r) => (
        <div>
          <Typography.Text strong>{r.title}</Typography.Text>
          {r.description ? <div className="uc-small uc-muted uc-prewrap">{r.description}</div> : null}
        </div>
      ),
    },
    { key: 'places', title: t('resources.places'), width: 200, render: (_, r) => <Places r={r} /> },
    {
      key: 'value',
      title: t('resources.unitValue'),
      width: 110,
      render: (_, r) => <span className="uc-nowrap">{formatYuan(r.unitValueFen, lang)}</span>,
    },
    {
      key: 'validity',
      title: t('resources.validity'),
      width: 130,
      render: (_, r) => (
        <span className={r.expired ? 'uc-overdue uc-nowrap' : 'uc-nowrap'}>
          {r.validFrom}
          <br />
          {t('resources.until')} {r.validUntil}
        </span>
      ),
    },
    {
      key: 'audience',
      title: t('resources.audience'),
      width: 180,
      render: (_, r) => (
        <div>
          <div>{r.audience}</div>
          {r.conditions ? (
            <div className="uc-small uc-muted">
              {t('resources.conditions')}：{r.conditions}
            </div>
          ) : null}
        </div>
      ),
    },
    { key: 'status', title: t('resources.status'), width: 100, render: (_, r) => <StatusTags r={r} /> },
  ];
  if (manage)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      fixed: 'right',
      render: (_, r) => actions(r),
    });

  return (
    <>
      <PageHeader
        title={t('nav.resources')}
        extra={
          manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="resource-create-button"
            >
              {t('resources.publish')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap className="uc-filters" size={[12, 12]}>
          <Select
            allowClear
            placeholder={t('resources.kind')}
            aria-label={t('resources.kind')}
            style={{ width: 150 }}
            value={filters.kind}
            onChange={(kind?: ResourceKind) => setFilters({ kind })}
            data-testid="resource-filter-kind"
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: L(RESOURCE_KIND_LABELS, k) }))}
          />
          {caring ? null : (
            <OrgSelect
              orgs={orgs}
              loading={loading}
              allowClear
              placeholder={t('resources.org')}
              value={filters.orgId}
              onChange={(orgId) => setFilters({ orgId })}
              testId="resource-filter-org"
              style={{ width: 200 }}
            />
          )}
          <Input
            allowClear
            placeholder={t('resources.search')}
            aria-label={t('resources.search')}
            prefix={<SearchOutlined />}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value) search(undefined);
            }}
            onPressEnter={() => search(q.trim() || undefined)}
            style={{ width: 200 }}
            data-testid="resource-filter-q"
          />
          <Space>
            <Switch
              checked={filters.available === 'true'}
              onChange={(on) => setFilters({ available: on ? 'true' : undefined })}
              aria-label={t('resources.availableOnly')}
              data-testid="resource-filter-available"
            />
            <span>{t('resources.availableOnly')}</span>
          </Space>
        </Space>
        <PagedTable<Resource>
          rows={items}
          columns={columns}
          paging={{
            page: paging.page,
            pageSize: paging.pageSize,
            total: resources.data?.total ?? 0,
          }}
          onPage={onPage}
          loading={resources.isFetching}
          errorText={resources.isError ? errorText(resources.error) : undefined}
          testId="resource-table"
          rowTestIdPrefix="resource-row"
          scrollX={1200}
          card={(r) => ({
            title: (
              <Space size={6} wrap>
                {kindTag(r)}
                <span>{r.title}</span>
              </Space>
            ),
            extra: <StatusTags r={r} />,
            actions: manage && r.status === 'active' ? [actions(r)] : undefined,
            body: (
              <>
                <div className="uc-muted uc-small">{r.orgName}</div>
                <Places r={r} />
                <div className="uc-card-facts">
                  <span>
                    {t('resources.unitValue')}：{formatYuan(r.unitValueFen, lang)}
                  </span>
                  <span className={r.expired ? 'uc-overdue' : undefined}>
                    {t('resources.validity')}：{r.validFrom} ~ {r.validUntil}
                  </span>
                  <span>
                    {t('resources.audience')}：{r.audience}
                  </span>
                  {r.conditions ? (
                    <span>
                      {t('resources.conditions')}：{r.conditions}
                    </span>
                  ) : null}
                </div>
              </>
            ),
          })}
        />
      </Card>
      <FormDialog
        open={target !== null}
        title={
          target?.mode === 'edit'
            ? t('resources.editTitle', { title: target.resource.title })
            : t('resources.publish')
        }
        onClose={() => setTarget(null)}
      >
        {target ? <ResourceForm target={target} onDone={() => setTarget(null)} /> : null}
      </FormDialog>
    </>
  );
}
