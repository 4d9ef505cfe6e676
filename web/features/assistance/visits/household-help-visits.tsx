import { FormDialog } from '../../../components/dialogs/form-dialog';
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Rate, Space, Table, Tag } from 'antd';
import { CalendarOutlined, RedoOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { VisitView } from '../../../../contracts/help';
import { useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import type { ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';
import { useScheduleVisit } from '../core/help-api';
import { OrgSelect, useHelpOrgs } from '../core/help-common';
import { DAY, notInPast, rowTestId } from '../help/household-help-common';
import { VISIT_CHANGE_LABELS, VISIT_REASON_LABELS, VISIT_STATE_LABELS } from '../core/help-labels';
import {
  AllianceMemberSelect,
  CHANGE_COLORS,
  RecordVisitDialog,
  relapsesOf,
  useReopenRequest,
} from './visit-dialogs';

export function RelapseAlert({
  visits,
  canReopen,
  askReason,
}: {
  visits: VisitView[];
  canReopen: boolean;
  askReason: (request: ReasonRequest) => void;
}) {
  const { t } = useI18n();
  const reopenRequest = useReopenRequest();
  const relapse = relapsesOf(visits)[0];
  if (!relapse) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="help-relapse-alert"
      title={t('hhHelp.relapseTitle')}
      description={
        <Space orientation="vertical" size={4}>
          <span>
            {t('hhHelp.relapseText', {
              date: relapse.visitedOn ?? relapse.dueOn,
              visitors: relapse.visitors ?? '—',
            })}
          </span>
          {relapse.householdWords ? <span>“{relapse.householdWords}”</span> : null}
        </Space>
      }
      action={
        canReopen ? (
          <Button
            danger
            type="primary"
            icon={<RedoOutlined />}
            data-testid="help-reopen-archive"
            onClick={() => {
              const request = reopenRequest(relapse);
              if (request) askReason(request);
            }}
          >
            {t('visits.reopen')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function VisitsCard({
  household,
  visits,
  canManage,
}: {
  household: HouseholdDetail;
  visits: VisitView[];
  canManage: boolean;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const [recording, setRecording] = useState<VisitView | null>(null);
  const [scheduling, setScheduling] = useState(false);
  // One open visit at a time (the server refuses a second): record or reassign it instead.
  const open = household.state !== 'merged' && !visits.some((v) => v.state === 'due');
  const rows = [...visits].sort(
    (a, b) =>
      (a.state === 'due' ? 0 : 1) - (b.state === 'due' ? 0 : 1) ||
      (a.state === 'due'
        ? a.dueOn.localeCompare(b.dueOn)
        : (b.visitedOn ?? b.dueOn).localeCompare(a.visitedOn ?? a.dueOn)),
  );

  return (
    <Card
      className="uc-card"
      title={t('hhHelp.visits', { n: visits.length })}
      extra={
        canManage && open ? (
          <Button
            size="small"
            icon={<CalendarOutlined />}
            onClick={() => setScheduling(true)}
            data-testid="visit-schedule-button"
          >
            {t('hhHelp.visitSchedule')}
          </Button>
        ) : null
      }
    >
      <Table<VisitView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('hhHelp.visitsEmpty') }}
        data-testid="visit-table"
        onRow={(v) => rowTestId(`visit-row-${v.id}`)}
        columns={[
          {
            key: 'due',
            title: t('hhHelp.visitDue'),
            render: (_, v) => (
              <Space orientation="vertical" size={0}>
                <span style={v.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v.dueOn}</span>
                <span className="uc-muted uc-small">{L(VISIT_REASON_LABELS, v.reason)}</span>
              </Space>
            ),
          },
          {
            key: 'state',
            title: t('hhHelp.state'),
            render: (_, v) =>
              v.state === 'due' && v.overdue ? (
                <Tag color="red" data-testid="visit-state">
                  {t('hhHelp.visitOverdue')}
                </Tag>
              ) : (
                <Tag
                  color={v.state === 'done' ? 'green' : v.state === 'due' ? 'gold' : 'default'}
                  data-testid="visit-state"
                >
                  {L(VISIT_STATE_LABELS, v.state)}
                </Tag>
              ),
          },
          {
            key: 'assignee',
            title: t('hhHelp.visitAssignee'),
            render: (_, v) => (
              <Space orientation="vertical" size={0}>
                <span>{v.assigneeOrgName}</span>
                {v.assigneeMemberName ? (
                  <span className="uc-muted uc-small">{v.assigneeMemberName}</span>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'visited',
            title: t('hhHelp.visitedOn'),
            render: (_, v) =>
              v.visitedOn ? (
                <Space orientation="vertical" size={0}>
                  <span>{v.visitedOn}</span>
                  <span className="uc-muted uc-small">{v.visitors}</span>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            key: 'change',
            title: t('hhHelp.visitChange'),
            render: (_, v) =>
              v.change ? (
                <Space size={4} wrap>
                  <Tag color={CHANGE_COLORS[v.change]} data-testid="visit-change">
                    {L(VISIT_CHANGE_LABELS, v.change)}
                  </Tag>
                  {v.relapse ? <Tag color="red">{t('hhHelp.relapse')}</Tag> : null}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            key: 'satisfaction',
            title: t('hhHelp.satisfaction'),
            render: (_, v) =>
              v.satisfaction !== null ? (
                <Rate
                  disabled
                  value={v.satisfaction}
                  style={{ fontSize: 14 }}
                  aria-label={String(v.satisfaction)}
                />
              ) : (
                '—'
              ),
          },
          {
            key: 'words',
            title: t('hhHelp.householdWords'),
            render: (_, v) => (
              <Space orientation="vertical" size={0} style={{ maxWidth: 280 }}>
                {v.householdWords ? <span>“{v.householdWords}”</span> : null}
                {v.openNeeds ? (
                  <span className="uc-muted uc-small">
                    {t('hhHelp.openNeeds')}：{v.openNeeds}
                  </span>
                ) : null}
                {!v.householdWords && !v.openNeeds ? '—' : null}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, v) =>
              canManage && v.state === 'due' ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRecording(v)}
                  data-testid="visit-record-button"
                >
                  {t('hhHelp.visitRecord')}
                </Button>
              ) : null,
          },
        ]}
      />
      <RecordVisitDialog visit={recording} onClose={() => setRecording(null)} />
      <ScheduleVisitDialog household={household} open={scheduling} onClose={() => setScheduling(false)} />
    </Card>
  );
}

// ---- 安排回访 ----

interface ScheduleValues {
  dueOn?: Dayjs;
  assigneeOrgId?: string;
  assigneeMemberId?: string;
}

function ScheduleVisitForm({ household, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const schedule = useScheduleVisit();
  const { orgs, loading } = useHelpOrgs();
  const [form] = Form.useForm<ScheduleValues>();
  const orgId = Form.useWatch('assigneeOrgId', form);

  const onFinish = (v: ScheduleValues) => {
    if (!v.dueOn) return;
    schedule.mutate(
      {
        householdId: household.id,
        body: {
          dueOn: v.dueOn.format(DAY),
          ...(v.assigneeOrgId ? { assigneeOrgId: v.assigneeOrgId } : {}),
          ...(v.assigneeMemberId ? { assigneeMemberId: v.assigneeMemberId } : {}),
        },
      },
      {
        onSuccess: (visit) => {
          void message.success(t('hhHelp.visitScheduled', { date: visit.dueOn }));
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, { fields: ['dueOn', 'assigneeOrgId', 'assigneeMemberId'] }),
      },
    );
  };

  return (
    <Form<ScheduleValues> form={form} layout="vertical" onFinish={onFinish} disabled={schedule.isPending}>
      <Form.Item
        name="dueOn"
        label={t('hhHelp.visitDue')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.visitDue') }) }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notInPast} data-testid="visit-due" />
      </Form.Item>
      <Form.Item
        name="assigneeOrgId"
        label={t('hhHelp.visitAssigneeOrg')}
        extra={t('hhHelp.visitAssigneeHint')}
      >
        <OrgSelect
          orgs={orgs}
          loading={loading}
          allowClear
          testId="visit-org"
          onChange={() => form.setFieldValue('assigneeMemberId', undefined)}
        />
      </Form.Item>
      {orgId ? (
        <Form.Item name="assigneeMemberId" label={t('hhHelp.visitAssigneeMember')}>
          <AllianceMemberSelect orgId={orgId} testId="visit-member" />
        </Form.Item>
      ) : null}
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={schedule.isPending}
          data-testid="visit-schedule-submit"
        >
          {t('hhHelp.visitSchedule')}
        </Button>
      </div>
    </Form>
  );
}

function ScheduleVisitDialog({
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
      title={t('hhHelp.visitScheduleTitle', { name: household.headName })}
      onClose={onClose}
      width={520}
    >
      <ScheduleVisitForm household={household} onDone={onClose} />
    </FormDialog>
  );
}
