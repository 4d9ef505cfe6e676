import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { z } from 'zod';
import type { Standard } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { useSetStandard, useStandards } from '../core/hooks';
import { fenToYuan, formatYuan, yuanToFen } from '../../../components/money/money';
import { canDo } from '../permissions';

type StandardView = z.infer<typeof Standard>;

interface StandardValues {
  year: number;
  minLivingYuan: number;
  multiplier: number;
  accidentDropPct: number;
  note?: string;
}

const FIELDS = ['year', 'minLivingYuan', 'multiplier', 'accidentDropPct', 'note'] as const;
const ALIASES = { minLivingFen: 'minLivingYuan', relativeMultiplierPct: 'multiplier' };

function StandardForm({ current }: { current: StandardView | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const set = useSetStandard();
  const [form] = Form.useForm<StandardValues>();

  const onFinish = (v: StandardValues) =>
    set.mutate(
      {
        year: v.year,
        minLivingFen: yuanToFen(v.minLivingYuan) ?? 0,
        relativeMultiplierPct: Math.round(v.multiplier * 100),
        accidentDropPct: v.accidentDropPct,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: (s) => {
          void message.success(t('standard.saved', { year: s.year }));
          form.setFieldValue('note', '');
        },
        onError: (err) => showFormErrors(form, err, { fields: FIELDS, aliases: ALIASES }),
      },
    );

  return (
    <Card size="small" title={t('standard.new')}>
      <Form<StandardValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={set.isPending}
        initialValues={{
          year: new Date().getFullYear(),
          minLivingYuan: current ? fenToYuan(current.minLivingFen) : undefined,
          multiplier: current ? current.relativeMultiplierPct / 100 : 2,
          accidentDropPct: current?.accidentDropPct ?? 50,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="year" label={t('standard.year')} rules={[{ required: true }]}>
              <InputNumber
                min={2000}
                max={2100}
                precision={0}
                style={{ width: '100%' }}
                data-testid="standard-year"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item
              name="minLivingYuan"
              label={t('standard.minLiving')}
              rules={[{ required: true, message: t('common.required', { field: t('standard.minLiving') }) }]}
            >
              <InputNumber
                min={0.01}
                max={10000}
                precision={2}
                suffix={t('standard.perMonth')}
                style={{ width: '100%' }}
                data-testid="standard-min-living"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item
              name="multiplier"
              label={t('standard.multiplier')}
              extra={t('standard.multiplierHint')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={5}
                step={0.1}
                precision={2}
                suffix="×"
                style={{ width: '100%' }}
                data-testid="standard-multiplier"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item
              name="accidentDropPct"
              label={t('standard.accidentDrop')}
              extra={t('standard.accidentDropHint')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={100}
                precision={0}
                suffix="%"
                style={{ width: '100%' }}
                data-testid="standard-accident"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('standard.note')}>
          <Input maxLength={300} placeholder={t('standard.noteHint')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('standard.historyNote')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={set.isPending} data-testid="standard-submit">
          {t('standard.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 建档标准: the standard in force for each year, every earlier version kept, and a new version. */
export function StandardsTab() {
  const me = useSession();
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const standards = useStandards();
  const list = standards.data ?? [];
  const current = list.filter((s) => s.current).sort((a, b) => b.year - a.year);
  const thisYear = new Date().getFullYear();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {standards.isSuccess && current.length === 0 ? <Empty description={t('standard.none')} /> : null}
      <Row gutter={[16, 16]}>
        {current.map((s) => (
          <Col key={s.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={
                <Space>
                  {t('standard.yearTitle', { year: s.year })}
                  {s.year === thisYear ? <Tag color="red">{t('standard.inForce')}</Tag> : null}
                </Space>
              }
              data-testid={`standard-current-${s.year}`}
            >
              <Row gutter={8}>
                <Col span={12}>
                  <Statistic title={t('standard.minLiving')} value={formatYuan(s.minLivingFen, lang)} />
                </Col>
                <Col span={12}>
                  <Statistic
                    title={t('standard.relativeLine')}
                    value={formatYuan(Math.floor((s.minLivingFen * s.relativeMultiplierPct) / 100), lang)}
                  />
                </Col>
              </Row>
              <Typography.Paragraph
                type="secondary"
                className="uc-small"
                style={{ marginTop: 8, marginBottom: 0 }}
              >
                {t('standard.summary', {
                  multiplier: s.relativeMultiplierPct / 100,
                  drop: s.accidentDropPct,
                })}
                {s.note ? `；${s.note}` : ''}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      {standards.isSuccess && canDo(me, 'standard.manage') ? (
        <StandardForm current={current.find((s) => s.year === thisYear) ?? current[0]} />
      ) : null}
      <Card size="small" title={t('standard.history')}>
        <Table<StandardView>
          rowKey="id"
          size="small"
          loading={standards.isFetching}
          dataSource={list}
          pagination={false}
          scroll={{ x: 900 }}
          locale={standards.isError ? { emptyText: errorText(standards.error) } : undefined}
          data-testid="standard-table"
          columns={[
            { key: 'year', title: t('standard.year'), dataIndex: 'year', width: 80 },
            {
              key: 'min',
              title: t('standard.minLiving'),
              render: (_, s) => formatYuan(s.minLivingFen, lang),
            },
            {
              key: 'mult',
              title: t('standard.multiplier'),
              render: (_, s) => `${s.relativeMultiplierPct / 100}×`,
            },
            { key: 'drop', title: t('standard.accidentDrop'), render: (_, s) => `${s.accidentDropPct}%` },
            { key: 'note', title: t('standard.note'), render: (_, s) => s.note ?? '—' },
            { key: 'by', title: t('standard.setBy'), render: (_, s) => s.createdByName ?? '—' },
            {
              key: 'at',
              title: t('standard.setAt'),
              width: 170,
              render: (_, s) => formatDateTime(s.createdAt),
            },
            {
              key: 'current',
              title: t('standard.status'),
              width: 90,
              render: (_, s) =>
                s.current ? (
                  <Tag color="success">{t('standard.current')}</Tag>
                ) : (
                  <Tag>{t('standard.superseded')}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
