import { FormDialog } from '../../../components/dialogs/form-dialog';
import { OrgSelect } from '../core/help-common';
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { HelpRecordBody, HelpRecordView, HouseholdHelp } from '../../../../contracts/help';
import { apiDownload, saveDownload } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';

import { useFormErrors } from '../../../components/use-form-errors';
import { NEED_LABELS } from '../core/labels';
import { formatYuan, yuanToFen } from '../../../components/money/money';
import { useLabels } from '../core/use-labels';
import { useSession } from '../../../components/session/session';
import { EVIDENCE_MAX_BYTES, evidenceType, useRecordHelp, useUploadEvidence } from '../core/help-api';
import { useHelpOrgs } from '../core/help-common';
import { DAY, notInFuture, rowTestId, todayPick } from './household-help-common';
import { HELP_KIND_LABELS, HELP_ROUTE_LABELS, HELP_ROUTES } from '../core/help-labels';

type HelpKind = z.infer<typeof HelpRecordBody>['kind'];
const HELP_KINDS = Object.keys(HELP_KIND_LABELS) as HelpKind[];

export const ROUTE_COLORS = { urgent: 'red', measure: 'blue', referral: 'purple', upper: 'gold' } as const;

// ---- the ledger ----

function EvidenceCell({ record, canUpload }: { record: HelpRecordView; canUpload: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadEvidence();
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (id: string, name: string) => {
    setBusy(id);
    try {
      saveDownload(await apiDownload(`/api/evidence/${encodeURIComponent(id)}`), name);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const pick = (file: File) => {
    const type = evidenceType(file);
    if (!type) {
      void message.error(t('hhHelp.evidenceBadType'));
    } else if (file.size > EVIDENCE_MAX_BYTES) {
      void message.error(t('hhHelp.evidenceTooLarge'));
    } else if (file.size === 0) {
      void message.error(t('hhHelp.evidenceEmpty'));
    } else {
      upload.mutate(
        { recordId: record.id, file, type },
        {
          onSuccess: () => void message.success(t('hhHelp.evidenceUploaded', { name: file.name })),
          onError: (err) => void message.error(errorText(err)),
        },
      );
    }
    // Never let antd upload by itself: the file goes as the raw body.
    return Upload.LIST_IGNORE;
  };

  return (
    <Space orientation="vertical" size={2}>
      {record.evidence.map((e) => (
        <Tooltip key={e.id} title={`${(e.sizeBytes / 1024).toFixed(0)} KB`}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            icon={e.mime === 'application/pdf' ? <FileOutlined /> : <PaperClipOutlined />}
            loading={busy === e.id}
            onClick={() => void download(e.id, e.fileName)}
            data-testid={`evidence-link-${e.id}`}
          >
            {e.fileName}
          </Button>
        </Tooltip>
      ))}
      {canUpload ? (
        <Upload
          accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
          showUploadList={false}
          beforeUpload={pick}
          disabled={upload.isPending}
        >
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            data-testid="evidence-upload"
          >
            {t('hhHelp.evidenceUpload')}
          </Button>
        </Upload>
      ) : record.evidence.length === 0 ? (
        <span className="uc-muted">—</span>
      ) : null}
    </Space>
  );
}

export function LedgerCard({
  help,
  canManage,
  extra,
}: {
  help: HouseholdHelp;
  canManage: boolean;
  extra?: React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const rows = useMemo(
    () =>
      [...help.ledger].sort(
        (a, b) => b.givenOn.localeCompare(a.givenOn) || b.createdAt.localeCompare(a.createdAt),
      ),
    [help.ledger],
  );
  return (
    <Card className="uc-card" title={t('hhHelp.ledger', { n: help.totals.count })} extra={extra}>
      <div
        data-testid="help-ledger-totals"
        style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 20px', marginBottom: 12 }}
      >
        <span>
          <span className="uc-muted">{t('hhHelp.totalAll')}</span>{' '}
          <Typography.Text strong data-testid="help-total-all">
            {formatYuan(help.totals.valueFen, lang)}
          </Typography.Text>
        </span>
        {HELP_ROUTES.map((route) => (
          <span key={route}>
            <span className="uc-muted">{L(HELP_ROUTE_LABELS, route)}</span>{' '}
            <span data-testid={`help-total-${route}`}>{formatYuan(help.totals.byRoute[route], lang)}</span>
          </span>
        ))}
      </div>
      <Table<HelpRecordView>
        rowKey="id"
        size="small"
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('hhHelp.ledgerEmpty') }}
        data-testid="help-ledger-table"
        onRow={(r) => rowTestId(`ledger-row-${r.id}`)}
        columns={[
          { key: 'date', title: t('hhHelp.givenOn'), dataIndex: 'givenOn', width: 104 },
          {
            key: 'route',
            title: t('hhHelp.route'),
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                {r.provisional ? (
                  <Tag color="orange" data-testid="ledger-provisional">
                    {t('hhHelp.provisional')}
                  </Tag>
                ) : (
                  <Tag color={ROUTE_COLORS[r.route]}>{L(HELP_ROUTE_LABELS, r.route)}</Tag>
                )}
                {r.reconciledAt ? (
                  <span className="uc-muted uc-small">
                    {t('hhHelp.reconciled')}
                    {r.reconciledWith ? ` · ${r.reconciledWith}` : ''}
                  </span>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'kind',
            title: t('hhHelp.kind'),
            render: (_, r) => (r.kind in HELP_KIND_LABELS ? L(HELP_KIND_LABELS, r.kind as HelpKind) : r.kind),
          },
          {
            key: 'what',
            title: t('hhHelp.what'),
            dataIndex: 'what',
            render: (v: string) => <span style={{ display: 'inline-block', maxWidth: 280 }}>{v}</span>,
          },
          {
            key: 'value',
            title: t('hhHelp.value'),
            align: 'right',
            render: (_, r) => <span className="uc-nowrap">{formatYuan(r.valueFen, lang)}</span>,
          },
          {
            key: 'giver',
            title: t('hhHelp.giver'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.givenByName}</span>
                {r.recordedByName ? (
                  <span className="uc-muted uc-small">
                    {t('hhHelp.recordedBy', { name: r.recordedByName })}
                  </span>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'evidence',
            title: t('hhHelp.evidence'),
            render: (_, r) => <EvidenceCell record={r} canUpload={canManage} />,
          },
        ]}
      />
    </Card>
  );
}

// ---- 应急救助 / 上级帮扶 ----

interface HelpValues {
  kind?: HelpKind;
  what: string;
  valueYuan?: number | null;
  givenOn: Dayjs;
  givenByOrgId?: string;
  givenByName?: string;
  solvesNeedIds: string[];
}

const FIELDS = [
  'kind',
  'what',
  'valueYuan',
  'givenOn',
  'givenByOrgId',
  'givenByName',
  'solvesNeedIds',
] as const;

function HelpRecordForm({
  household,
  route,
  onDone,
}: {
  household: HouseholdDetail;
  route: 'urgent' | 'upper';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const me = useSession();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const record = useRecordHelp();
  const { orgs, loading } = useHelpOrgs({ upper: true });
  const [form] = Form.useForm<HelpValues>();
  const openNeeds = household.needs.filter((n) => n.status === 'open');
  const urgentNeeds = openNeeds.filter((n) => n.urgency === 'urgent');
  const offered = route === 'urgent' ? urgentNeeds : openNeeds;

  const onFinish = (v: HelpValues) => {
    if (!v.kind) return;
    const body: z.input<typeof HelpRecordBody> = {
      route,
      kind: v.kind,
      what: v.what.trim(),
      valueFen: yuanToFen(v.valueYuan) ?? 0,
      givenOn: v.givenOn.format(DAY),
      ...(v.givenByOrgId ? { givenByOrgId: v.givenByOrgId } : {}),
      ...(v.givenByName?.trim() ? { givenByName: v.givenByName.trim() } : {}),
      solvesNeedIds: v.solvesNeedIds,
    };
    record.mutate(
      { householdId: household.id, body },
      {
        onSuccess: () => {
          void message.success(route === 'urgent' ? t('hhHelp.urgentDone') : t('hhHelp.upperDone'));
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: FIELDS, aliases: { valueFen: 'valueYuan' } }),
      },
    );
  };

  return (
    <Form<HelpValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={record.isPending}
      initialValues={{ what: '', givenOn: todayPick(), solvesNeedIds: [] }}
    >
      {route === 'urgent' ? (
        <Alert type="info" showIcon title={t('hhHelp.urgentNote')} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="kind"
            label={t('hhHelp.kind')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.kind') }) }]}
          >
            <Select
              data-testid="help-kind"
              showSearch={{ optionFilterProp: 'label' }}
              options={HELP_KINDS.map((k) => ({ value: k, label: L(HELP_KIND_LABELS, k) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="valueYuan"
            label={t('hhHelp.valueYuan')}
            rules={[{ required: true, message: t('common.required', { field: t('hhHelp.valueYuan') }) }]}
            extra={t('hhHelp.valueHint')}
          >
            <InputNumber<number>
              min={0}
              max={100_000_000}
              precision={2}
              suffix="元"
              style={{ width: '100%' }}
              data-testid="help-value"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="what"
        label={t('hhHelp.what')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('hhHelp.what') }) },
        ]}
      >
        <Input maxLength={100} showCount placeholder={t('hhHelp.whatHint')} data-testid="help-what" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="givenOn"
            label={t('hhHelp.givenOn')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.givenOn') }) }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notInFuture} data-testid="help-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="givenByOrgId" label={t('hhHelp.giverOrg')}>
            <OrgSelect
              orgs={orgs}
              loading={loading}
              allowClear
              placeholder={route === 'urgent' ? t('hhHelp.giverOwn', { org: me.orgName }) : undefined}
              testId="help-giver-org"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="givenByName"
        label={t('hhHelp.giverName')}
        extra={route === 'upper' ? t('hhHelp.giverNameUpperHint') : t('hhHelp.giverNameHint')}
        dependencies={['givenByOrgId']}
        rules={
          route === 'upper'
            ? [
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) =>
                    getFieldValue('givenByOrgId') || value?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('hhHelp.giverRequired'))),
                }),
              ]
            : []
        }
      >
        <Input maxLength={60} data-testid="help-giver-name" />
      </Form.Item>
      <Form.Item
        name="solvesNeedIds"
        label={route === 'urgent' ? t('hhHelp.solvesUrgent') : t('hhHelp.solves')}
        extra={offered.length ? t('hhHelp.solvesHint') : undefined}
      >
        {offered.length ? (
          <Checkbox.Group
            className="uc-vertical-checks"
            data-testid="help-solves"
            options={offered.map((n) => ({
              value: n.id,
              label: `${L(NEED_LABELS, n.kind)}：${n.description}`,
            }))}
          />
        ) : (
          <span className="uc-muted">{t('hhHelp.noOpenNeeds')}</span>
        )}
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="help-submit">
          {route === 'urgent' ? t('hhHelp.urgentSubmit') : t('hhHelp.upperSubmit')}
        </Button>
      </div>
    </Form>
  );
}

/** 应急救助 (一边摸排、一边解决) or 上级帮扶: one ledger row, with the urgent needs it solves. */
export function HelpRecordDialog({
  household,
  route,
  onClose,
}: {
  household: HouseholdDetail;
  route: 'urgent' | 'upper' | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={route !== null}
      title={
        route === 'upper'
          ? t('hhHelp.upperTitle', { name: household.headName })
          : t('hhHelp.urgentTitle', { name: household.headName })
      }
      onClose={onClose}
      width={640}
    >
      {route ? <HelpRecordForm household={household} route={route} onDone={onClose} /> : null}
    </FormDialog>
  );
}
