import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { AuditEntry, ChainCheck } from '../../../contracts/audit';
import { saveDownload } from '../../api/client';
import { useErrorText, useI18n } from '../../app/i18n';
import { formatDateTime, shanghaiWallClockToIso } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { can } from '../../components/session/permissions';
import { useSession } from '../../components/session/session';
import { useAuditLog, useExportAudit, useVerifyAudit, type AuditFilterParams } from './hooks';

type Outcome = AuditEntry['result'];

interface FilterValues {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  result?: Outcome;
  time?: [Dayjs | null, Dayjs | null] | null;
}

const RESULT_COLOR: Record<Outcome, string> = { success: 'success', denied: 'warning', failure: 'error' };

const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function toFilter(values: FilterValues): AuditFilterParams {
  const [from, to] = values.time ?? [null, null];
  return {
    actor: trimmed(values.actor),
    action: trimmed(values.action),
    subjectType: trimmed(values.subjectType),
    subjectId: trimmed(values.subjectId),
    result: values.result,
    from: from ? shanghaiWallClockToIso(from) : undefined,
    to: to ? shanghaiWallClockToIso(to) : undefined,
  };
}

function VerifyOutcome({ check }: { check: z.infer<typeof ChainCheck> }) {
  const { t } = useI18n();
  return check.ok ? (
    <Result
      status="success"
      title={t('audit.verifyOk')}
      subTitle={t('audit.verifyOkSub', { checked: check.checked })}
      data-testid="audit-verify-result"
    />
  ) : (
    <Result
      status="error"
      title={t('audit.verifyBroken')}
      subTitle={t('audit.verifyBrokenSub', {
        checked: check.checked,
        brokenAt: check.brokenAt ?? '?',
        reason: check.reason ?? '',
      })}
      data-testid="audit-verify-result"
    />
  );
}

export function AuditPage() {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilterParams>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const audit = useAuditLog({ ...filter, ...paging });
  const exportAudit = useExportAudit();
  const verify = useVerifyAudit();
  const [verifyOpen, setVerifyOpen] = useState(false);

  const onExport = () =>
    exportAudit.mutate(filter, {
      onSuccess: (file) => saveDownload(file, 'audit.xlsx'),
      onError: (err) => void message.error(errorText(err)),
    });

  const onVerify = () => {
    setVerifyOpen(true);
    verify.mutate();
  };

  const resultOptions = (['success', 'denied', 'failure'] as const).map((value) => ({
    value,
    label: t(`audit.result.${value}`),
  }));

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'seq', dataIndex: 'seq', title: t('audit.seq'), width: 80 },
    {
      key: 'at',
      dataIndex: 'at',
      title: t('audit.time'),
      width: 170,
      render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time>,
    },
    {
      key: 'actorName',
      dataIndex: 'actorName',
      title: t('audit.actor'),
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('audit.action'),
      width: 180,
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('audit.subject'),
      width: 240,
      ellipsis: true,
      render: (_, entry) =>
        entry.subjectType ? `${entry.subjectType}${entry.subjectId ? ` · ${entry.subjectId}` : ''}` : '—',
    },
    {
      key: 'result',
      dataIndex: 'result',
      title: t('audit.result'),
      width: 90,
      render: (value: Outcome) => <Tag color={RESULT_COLOR[value]}>{t(`audit.result.${value}`)}</Tag>,
    },
    { key: 'ip', dataIndex: 'ip', title: t('audit.ip'), width: 140, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <>
            {can(me, 'audit.export') ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={onExport}
                loading={exportAudit.isPending}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            ) : null}
            <Button icon={<SafetyCertificateOutlined />} onClick={onVerify} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="uc-filters"
          onFinish={(values) => {
            setFilter(toFilter(values));
            setPaging((current) => ({ ...current, page: 1 }));
          }}
        >
          <Form.Item name="actor" rules={[{ max: 50 }]}>
            <Input
              allowClear
              placeholder={t('audit.actor')}
              aria-label={t('audit.actor')}
              style={{ width: 140 }}
              data-testid="audit-filter-actor"
            />
          </Form.Item>
          <Form.Item name="action" rules={[{ pattern: /^[a-z_.]*$/, message: 'a-z _ .' }, { max: 64 }]}>
            <Input
              allowClear
              placeholder={`${t('audit.action')} (user.create)`}
              aria-label={t('audit.action')}
              style={{ width: 180 }}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item name="subjectType" rules={[{ pattern: /^[a-z_]*$/, message: 'a-z _' }, { max: 64 }]}>
            <Input
              allowClear
              placeholder={t('audit.subjectType')}
              aria-label={t('audit.subjectType')}
              style={{ width: 140 }}
              data-testid="audit-filter-subject-type"
            />
          </Form.Item>
          <Form.Item name="subjectId" rules={[{ max: 64 }]}>
            <Input
              allowClear
              placeholder={t('audit.subjectId')}
              aria-label={t('audit.subjectId')}
              style={{ width: 160 }}
              data-testid="audit-filter-subject-id"
            />
          </Form.Item>
          <Form.Item name="result">
            <Select<Outcome>
              allowClear
              placeholder={t('audit.result')}
              aria-label={t('audit.result')}
              style={{ width: 110 }}
              options={resultOptions}
              data-testid="audit-filter-result"
            />
          </Form.Item>
          <Form.Item>
            {/* The picker has two inputs; one wrapper gives tests a single handle on it. */}
            <div data-testid="audit-filter-time">
              <Form.Item name="time" noStyle>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                />
              </Form.Item>
            </div>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                  setPaging((current) => ({ ...current, page: 1 }));
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('audit.timeZoneNote')}
        </Typography.Paragraph>
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          scroll={{ x: 1000 }}
          locale={audit.isError ? { emptyText: errorText(audit.error) } : undefined}
          expandable={{
            rowExpandable: (entry) => Object.keys(entry.details).length > 0,
            expandedRowRender: (entry) => (
              <pre className="uc-audit-details" aria-label={t('audit.details')}>
                {JSON.stringify(entry.details, null, 2)}
              </pre>
            ),
          }}
          onChange={(pagination) =>
            setPaging((current) => ({
              page: pagination.pageSize !== current.pageSize ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? current.pageSize,
            }))
          }
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
          }}
          data-testid="audit-table"
        />
      </Card>
      <Modal
        open={verifyOpen}
        title={t('audit.verifyTitle')}
        onCancel={() => setVerifyOpen(false)}
        footer={<Button onClick={() => setVerifyOpen(false)}>{t('common.close')}</Button>}
      >
        {verify.isPending ? (
          <Result icon={<SafetyCertificateOutlined />} title={t('common.loading')} />
        ) : verify.isError ? (
          <Result status="warning" title={errorText(verify.error)} data-testid="audit-verify-result" />
        ) : verify.data ? (
          <VerifyOutcome check={verify.data} />
        ) : null}
      </Modal>
    </>
  );
}
