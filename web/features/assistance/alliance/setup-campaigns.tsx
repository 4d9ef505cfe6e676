import { useMemo, useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { DeleteOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { Campaign } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { useAllianceOrgs, useHomeDivision } from '../core/home-division';
import { useCampaigns, useCreateCampaign, useDivisions, useUpdateCampaign } from '../core/hooks';
import { canDo } from '../permissions';

type CampaignView = z.infer<typeof Campaign>;
type Target = { mode: 'create' } | { mode: 'edit'; campaign: CampaignView };

interface CampaignValues {
  name: string;
  period: [Dayjs, Dayjs];
  areas: string[];
  targets: { orgId?: string; target?: number }[];
}

const FIELDS = ['name', 'period', 'areas', 'targets'] as const;
const ALIASES = { startsOn: 'period', endsOn: 'period' };
const DAY = 'YYYY-MM-DD';

/** The streets of the home county by code, to name a campaign's areas. */
export function useAreaNames(): Map<string, string> {
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  return useMemo(() => new Map((streets.data ?? []).map((d) => [d.code, d.name])), [streets.data]);
}

function CampaignForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  const { orgs } = useAllianceOrgs();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const [form] = Form.useForm<CampaignValues>();
  const editing = target.mode === 'edit' ? target.campaign : null;
  const saving = create.isPending || update.isPending;
  const chosen = Form.useWatch('targets', form) ?? [];

  const onFinish = (v: CampaignValues) => {
    const body = {
      name: v.name.trim(),
      startsOn: v.period[0].format(DAY),
      endsOn: v.period[1].format(DAY),
      areas: v.areas ?? [],
      targets: (v.targets ?? [])
        .filter((row) => row.orgId)
        .map((row) => ({ orgId: row.orgId ?? '', target: row.target ?? 0 })),
    };
    const onError = (err: unknown) => showFormErrors(form, err, { fields: FIELDS, aliases: ALIASES });
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    if (editing)
      update.mutate({ id: editing.id, body: { ...body, version: editing.version } }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.name }));

  return (
    <Form<CampaignValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={
        editing
          ? {
              name: editing.name,
              period: [dayjs(editing.startsOn), dayjs(editing.endsOn)],
              areas: editing.areas,
              targets: editing.targets.length
                ? editing.targets.map((x) => ({ orgId: x.orgId, target: x.target }))
                : [{}],
            }
          : { areas: [], targets: [{}] }
      }
    >
      <Form.Item
        name="name"
        label={t('campaign.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('campaign.name') }) },
        ]}
      >
        <Input maxLength={60} data-testid="campaign-form-name" />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('campaign.period')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('campaign.period') }) }]}
      >
        <DatePicker.RangePicker style={{ width: '100%' }} data-testid="campaign-form-period" />
      </Form.Item>
      <Form.Item
        name="areas"
        label={t('campaign.areas')}
        extra={home.baseName ? t('campaign.areasHint', { county: home.baseName }) : undefined}
      >
        <Select
          mode="multiple"
          allowClear
          loading={streets.isPending && Boolean(home.base)}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="campaign-form-areas"
          options={(streets.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        />
      </Form.Item>
      <Form.Item label={t('campaign.targets')} required={false}>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'orgId']} noStyle>
                    <Select
                      style={{ width: 240 }}
                      placeholder={t('campaign.partner')}
                      data-testid={`campaign-target-org-${index}`}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={orgOptions.map((o) => ({
                        ...o,
                        disabled: chosen.some((c, i) => i !== index && c?.orgId === o.value),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'target']} noStyle>
                    <InputNumber
                      min={0}
                      max={1_000_000}
                      precision={0}
                      placeholder={t('campaign.target')}
                      suffix={t('campaign.households')}
                      style={{ width: 140 }}
                      data-testid={`campaign-target-n-${index}`}
                    />
                  </Form.Item>
                  <Tooltip title={t('campaign.removeTarget')}>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('campaign.removeTarget')}
                    />
                  </Tooltip>
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                data-testid="campaign-add-target"
              >
                {t('campaign.addTarget')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="campaign-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/** 摸排行动: name, period, areas, and how many households each partner aims to screen. */
export function CampaignsTab({ onShowCoverage }: { onShowCoverage: (id: string) => void }) {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const campaigns = useCampaigns();
  const areaNames = useAreaNames();
  const manage = canDo(me, 'alliance.manage');
  const [target, setTarget] = useState<Target | null>(null);

  return (
    <>
      {manage ? (
        <Space className="uc-filters">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="campaign-create"
          >
            {t('campaign.create')}
          </Button>
        </Space>
      ) : null}
      <Table<CampaignView>
        rowKey="id"
        loading={campaigns.isFetching}
        dataSource={campaigns.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={
          campaigns.isError ? { emptyText: errorText(campaigns.error) } : { emptyText: t('campaign.none') }
        }
        data-testid="campaign-table"
        columns={[
          { key: 'name', title: t('campaign.name'), dataIndex: 'name' },
          {
            key: 'period',
            title: t('campaign.period'),
            width: 210,
            render: (_, c) => `${c.startsOn} ~ ${c.endsOn}`,
          },
          {
            key: 'areas',
            title: t('campaign.areas'),
            render: (_, c) =>
              c.areas.length ? (
                <Space size={[0, 4]} wrap>
                  {c.areas.map((code) => (
                    <Tag key={code}>{areaNames.get(code) ?? code}</Tag>
                  ))}
                </Space>
              ) : (
                t('campaign.allAreas')
              ),
          },
          {
            key: 'targets',
            title: t('campaign.targets'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                {c.targets.map((x) => (
                  <span key={x.orgId}>
                    {x.orgName}：{x.target}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 170,
            render: (_, c) => (
              <Space size={0}>
                {manage ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setTarget({ mode: 'edit', campaign: c })}
                    data-testid={`campaign-edit-${c.id}`}
                  >
                    {t('member.edit')}
                  </Button>
                ) : null}
                <Button
                  type="link"
                  size="small"
                  icon={<LineChartOutlined />}
                  onClick={() => onShowCoverage(c.id)}
                  data-testid={`campaign-coverage-${c.id}`}
                >
                  {t('campaign.coverage')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={
          target?.mode === 'edit'
            ? t('campaign.editTitle', { name: target.campaign.name })
            : t('campaign.create')
        }
        onCancel={() => setTarget(null)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
        width={640}
      >
        {target ? <CampaignForm target={target} onDone={() => setTarget(null)} /> : null}
      </Modal>
    </>
  );
}
