import { FormDialog } from '../../../components/dialogs/form-dialog';
import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { MeasureKind, MeasureView } from '../../../../contracts/help';
import { useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatYuan, yuanToFen } from '../../../components/money/money';
import { useLabels } from '../core/use-labels';
import { useSession } from '../../../components/session/session';
import { useCreateMeasure } from '../core/help-api';
import { OrgSelect, useHelpOrgs } from '../core/help-common';
import { DAY, notInPast, rowTestId } from '../help/household-help-common';
import {
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  MEASURE_POLICY_LABELS,
  MEASURE_STATE_LABELS,
  type MeasurePolicy,
} from '../core/help-labels';
import {
  MeasureDecisionDialog,
  MeasureMoveDialog,
  useStartMeasure,
  type MeasureDecision,
  type MeasureMove,
} from './measure-dialogs';

export const POLICY_COLORS: Record<MeasurePolicy, string> = {
  household: 'blue',
  case: 'magenta',
  category: 'cyan',
};
export const MEASURE_STATE_COLORS: Record<MeasureView['state'], string> = {
  pending_approval: 'gold',
  planned: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
  rejected: 'error',
};

// ---- the measures ----

export function MeasuresCard({
  household,
  measures,
  canManage,
  canApprove,
}: {
  household: HouseholdDetail;
  measures: MeasureView[];
  canManage: boolean;
  canApprove: boolean;
}) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const start = useStartMeasure();
  const [adding, setAdding] = useState(false);
  const [move, setMove] = useState<MeasureMove | null>(null);
  const [decision, setDecision] = useState<MeasureDecision | null>(null);
  const open = !['closed', 'merged'].includes(household.state);

  return (
    <Card
      className="uc-card"
      title={t('hhHelp.plan', { n: measures.length })}
      extra={
        canManage && open ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="measure-add-button"
          >
            {t('hhHelp.measureAdd')}
          </Button>
        ) : null
      }
    >
      <Table<MeasureView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={measures}
        locale={{ emptyText: t('hhHelp.planEmpty') }}
        data-testid="measure-table"
        onRow={(m) => rowTestId(`measure-row-${m.id}`)}
        columns={[
          {
            key: 'policy',
            title: t('hhHelp.policy'),
            render: (_, m) => (
              <Tooltip title={m.templateName ?? undefined}>
                <Tag color={POLICY_COLORS[m.policy]}>{L(MEASURE_POLICY_LABELS, m.policy)}</Tag>
              </Tooltip>
            ),
          },
          {
            key: 'what',
            title: t('hhHelp.measure'),
            render: (_, m) => (
              <Space orientation="vertical" size={0} style={{ maxWidth: 300 }}>
                <strong>{L(MEASURE_KIND_LABELS, m.kind)}</strong>
                <span>{m.description}</span>
              </Space>
            ),
          },
          { key: 'org', title: t('hhHelp.responsibleOrg'), dataIndex: 'responsibleOrgName' },
          {
            key: 'due',
            title: t('hhHelp.dueOn'),
            render: (_, m) =>
              m.overdue ? (
                <Tooltip title={t('hhHelp.overdue')}>
                  <span style={{ color: '#cf1322', fontWeight: 600 }} data-testid="measure-overdue">
                    {m.dueOn}
                  </span>
                </Tooltip>
              ) : (
                m.dueOn
              ),
          },
          {
            key: 'value',
            title: t('hhHelp.value'),
            align: 'right',
            render: (_, m) => <span className="uc-nowrap">{formatYuan(m.valueFen, lang)}</span>,
          },
          {
            key: 'state',
            title: t('hhHelp.state'),
            render: (_, m) => (
              <Space orientation="vertical" size={0}>
                <Tag color={MEASURE_STATE_COLORS[m.state]} data-testid="measure-state">
                  {L(MEASURE_STATE_LABELS, m.state)}
                </Tag>
                {m.overdue ? <Tag color="red">{t('hhHelp.overdue')}</Tag> : null}
                {m.doneOn ? (
                  <span className="uc-muted uc-small">{t('hhHelp.doneOnShort', { date: m.doneOn })}</span>
                ) : null}
                {m.decisionNote ? (
                  <span className="uc-muted uc-small">
                    {m.decidedByName ? `${m.decidedByName}：` : ''}
                    {m.decisionNote}
                  </span>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, m) => (
              <Space size={4} wrap>
                {canManage && m.state === 'planned' ? (
                  <Button size="small" onClick={() => start(m)} data-testid="measure-start">
                    {t('hhHelp.measureStart')}
                  </Button>
                ) : null}
                {canManage && ['planned', 'in_progress'].includes(m.state) ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setMove({ measure: m, to: 'done' })}
                    data-testid="measure-done"
                  >
                    {t('hhHelp.measureDone')}
                  </Button>
                ) : null}
                {canManage && ['planned', 'in_progress'].includes(m.state) ? (
                  <Button
                    size="small"
                    danger
                    onClick={() => setMove({ measure: m, to: 'cancelled' })}
                    data-testid="measure-cancel"
                  >
                    {t('hhHelp.measureCancel')}
                  </Button>
                ) : null}
                {canApprove && m.state === 'pending_approval' ? (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDecision({ measure: m, approve: true })}
                      data-testid="measure-approve"
                    >
                      {t('hhHelp.measureApprove')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setDecision({ measure: m, approve: false })}
                      data-testid="measure-reject"
                    >
                      {t('hhHelp.measureReject')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <MeasureDialog household={household} open={adding} onClose={() => setAdding(false)} />
      <MeasureMoveDialog move={move} onClose={() => setMove(null)} />
      <MeasureDecisionDialog decision={decision} onClose={() => setDecision(null)} />
    </Card>
  );
}

// ---- add a measure ----

interface MeasureValues {
  policy: 'household' | 'case';
  kind?: MeasureKind;
  description: string;
  responsibleOrgId?: string;
  dueOn?: Dayjs;
  valueYuan?: number | null;
}

const MEASURE_FIELDS = ['policy', 'kind', 'description', 'responsibleOrgId', 'dueOn', 'valueYuan'] as const;

function MeasureForm({ household, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const me = useSession();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const create = useCreateMeasure();
  const { orgs, loading } = useHelpOrgs();
  const [form] = Form.useForm<MeasureValues>();
  const policy = Form.useWatch('policy', form);
  const ownOrgListed = orgs.some((o) => o.id === me.orgId);

  // The user's own organisation is the usual choice: offer it once the list has arrived.
  useEffect(() => {
    if (ownOrgListed && !form.getFieldValue('responsibleOrgId'))
      form.setFieldValue('responsibleOrgId', me.orgId);
  }, [ownOrgListed, me.orgId, form]);

  const onFinish = (v: MeasureValues) => {
    if (!v.kind || !v.responsibleOrgId || !v.dueOn) return;
    create.mutate(
      {
        householdId: household.id,
        body: {
          policy: v.policy,
          kind: v.kind,
          description: v.description.trim(),
          responsibleOrgId: v.responsibleOrgId,
          dueOn: v.dueOn.format(DAY),
          valueFen: yuanToFen(v.valueYuan) ?? 0,
        },
      },
      {
        onSuccess: (m) => {
          void message.success(
            m.state === 'pending_approval' ? t('hhHelp.measureAwaiting') : t('hhHelp.measureAdded'),
          );
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, { fields: MEASURE_FIELDS, aliases: { valueFen: 'valueYuan' } }),
      },
    );
  };

  return (
    <Form<MeasureValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{
        policy: 'household',
        description: '',
      }}
    >
      <Form.Item
        name="policy"
        label={t('hhHelp.policy')}
        extra={policy === 'case' ? t('hhHelp.caseHint') : t('hhHelp.householdHint')}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="measure-policy"
          options={(['household', 'case'] as const).map((p) => ({
            value: p,
            label: L(MEASURE_POLICY_LABELS, p),
          }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="kind"
            label={t('hhHelp.kind')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.kind') }) }]}
          >
            <Select
              data-testid="measure-kind"
              options={MEASURE_KINDS.map((k) => ({ value: k, label: L(MEASURE_KIND_LABELS, k) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="valueYuan" label={t('hhHelp.plannedValue')} extra={t('hhHelp.plannedValueHint')}>
            <InputNumber<number>
              min={0}
              max={100_000_000}
              precision={2}
              suffix="元"
              style={{ width: '100%' }}
              data-testid="measure-value"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="description"
        label={t('hhHelp.measureDescription')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('hhHelp.measureDescription') }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={300} showCount data-testid="measure-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={14}>
          <Form.Item
            name="responsibleOrgId"
            label={t('hhHelp.responsibleOrg')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('hhHelp.responsibleOrg') }) },
            ]}
          >
            <OrgSelect orgs={orgs} loading={loading} testId="measure-org" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item
            name="dueOn"
            label={t('hhHelp.dueOn')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.dueOn') }) }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notInPast} data-testid="measure-due" />
          </Form.Item>
        </Col>
      </Row>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="measure-submit">
          {policy === 'case' ? t('hhHelp.measureSubmitCase') : t('hhHelp.measureSubmit')}
        </Button>
      </div>
    </Form>
  );
}

function MeasureDialog({
  household,
  open,
  onClose,
}: {
  household: HouseholdDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={open}
      title={t('hhHelp.measureAddTitle', { name: household.headName })}
      onClose={onClose}
      width={640}
    >
      <MeasureForm household={household} onDone={onClose} />
    </FormDialog>
  );
}
