import { OrgSelect } from './help-common';
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Rate,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined, RedoOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { HouseholdDetail } from '../../../contracts/assistance';
import type { VisitView } from '../../../contracts/help';
import { useI18n } from '../../app/i18n';

import { useFormErrors } from '../../components/use-form-errors';
import { useAllianceMembers } from '../assistance/hooks';
import type { ReasonRequest } from '../assistance/reason-dialog';
import { useLabels } from '../assistance/use-labels';
import { useSession } from '../auth/session';
import { useHelpOrgs } from './help-common';
import { useRecordVisit, useReopenArchive, useScheduleVisit } from './help-hooks';
import { DAY, notInFuture, notInPast, rowTestId, todayPick } from './household-help-common';
import {
  VISIT_CHANGES,
  VISIT_CHANGE_LABELS,
  VISIT_REASON_LABELS,
  VISIT_STATE_LABELS,
  type VisitChange,
} from './labels';

export const CHANGE_COLORS: Record<VisitChange, string> = { better: 'green', same: 'default', worse: 'red' };

/** A worse visit after the archive was exited, while the archive is still exited: offer 重新开档. */
export const relapsesOf = (visits: VisitView[]) =>
  visits.filter((v) => v.relapse && v.archiveId && v.archiveState === 'exited' && v.archiveVersion !== null);

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
  const { message } = App.useApp();
  const reopen = useReopenArchive();
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
            onClick={() =>
              askReason({
                title: t('hhHelp.reopenTitle'),
                note: t('hhHelp.reopenNote'),
                okText: t('hhHelp.reopen'),
                run: async ({ reason }) => {
                  await reopen.mutateAsync({
                    id: relapse.archiveId ?? '',
                    version: relapse.archiveVersion ?? 1,
                    reason,
                  });
                  void message.success(t('hhHelp.reopened'));
                },
              })
            }
          >
            {t('hhHelp.reopen')}
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

// ---- 记录回访 ----

interface RecordValues {
  visitedOn: Dayjs;
  visitors: string;
  change?: VisitChange;
  openNeeds?: string;
  satisfaction: number;
  householdWords?: string;
}

const RECORD_FIELDS = [
  'visitedOn',
  'visitors',
  'change',
  'openNeeds',
  'satisfaction',
  'householdWords',
] as const;

function RecordVisitForm({ visit, onDone }: { visit: VisitView; onDone: () => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const me = useSession();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const record = useRecordVisit();
  const [form] = Form.useForm<RecordValues>();
  const change = Form.useWatch('change', form);

  const onFinish = (v: RecordValues) => {
    if (!v.change) return;
    record.mutate(
      {
        id: visit.id,
        body: {
          version: visit.version,
          visitedOn: v.visitedOn.format(DAY),
          visitors: v.visitors.trim(),
          change: v.change,
          ...(v.openNeeds?.trim() ? { openNeeds: v.openNeeds.trim() } : {}),
          satisfaction: v.satisfaction,
          ...(v.householdWords?.trim() ? { householdWords: v.householdWords.trim() } : {}),
        },
      },
      {
        onSuccess: (done) => {
          if (done.relapse) void message.warning(t('hhHelp.visitRelapse'));
          else void message.success(t('hhHelp.visitRecorded'));
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: RECORD_FIELDS }),
      },
    );
  };

  return (
    <Form<RecordValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={record.isPending}
      initialValues={{ visitedOn: todayPick(), visitors: me.displayName, satisfaction: 0 }}
    >
      <Typography.Paragraph className="uc-muted">
        {L(VISIT_REASON_LABELS, visit.reason)} · {t('hhHelp.visitDueOn', { date: visit.dueOn })} ·{' '}
        {visit.assigneeOrgName}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="visitedOn"
            label={t('hhHelp.visitedOn')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('hhHelp.visitedOn') }) },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notInFuture} data-testid="visit-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="visitors"
            label={t('hhHelp.visitors')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('hhHelp.visitors') }),
              },
            ]}
          >
            <Input maxLength={100} placeholder={t('hhHelp.visitorsHint')} data-testid="visit-visitors" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="change"
        label={t('hhHelp.visitChangeQuestion')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.visitChange') }) }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="visit-change-input"
          options={VISIT_CHANGES.map((c) => ({ value: c, label: L(VISIT_CHANGE_LABELS, c) }))}
        />
      </Form.Item>
      {change === 'worse' && visit.reason === 'after_exit' ? (
        <Alert type="warning" showIcon title={t('hhHelp.worseAfterExit')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item name="openNeeds" label={t('hhHelp.openNeeds')}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="visit-open-needs" />
      </Form.Item>
      <Form.Item
        name="satisfaction"
        label={t('hhHelp.satisfaction')}
        rules={[
          {
            validator: (_, value?: number) =>
              value && value >= 1
                ? Promise.resolve()
                : Promise.reject(new Error(t('hhHelp.satisfactionRequired'))),
          },
        ]}
      >
        <Rate data-testid="visit-satisfaction" />
      </Form.Item>
      <Form.Item
        name="householdWords"
        label={t('hhHelp.householdWords')}
        extra={t('hhHelp.householdWordsHint')}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="visit-words" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="visit-submit">
          {t('hhHelp.visitRecord')}
        </Button>
      </div>
    </Form>
  );
}

function RecordVisitDialog({ visit, onClose }: { visit: VisitView | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={visit !== null}
      title={t('hhHelp.visitRecordTitle', { name: visit?.headName ?? '' })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      {visit ? <RecordVisitForm visit={visit} onDone={onClose} /> : null}
    </Modal>
  );
}

// ---- 安排回访 ----

interface ScheduleValues {
  dueOn?: Dayjs;
  assigneeOrgId?: string;
  assigneeMemberId?: string;
}

/** The alliance members of one organisation (only asked for once an organisation is picked). */
function AllianceMemberSelect({
  orgId,
  value,
  onChange,
  id,
}: {
  orgId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const members = useAllianceMembers({ orgId, page: 1, pageSize: 100 });
  return (
    <Select
      id={id}
      value={value}
      onChange={(next?: string) => onChange?.(next)}
      allowClear
      loading={members.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(members.data?.items ?? [])
        .filter((m) => m.status === 'active')
        .map((m) => ({ value: m.id, label: m.title ? `${m.name}（${m.title}）` : m.name }))}
      data-testid="visit-member"
    />
  );
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
          <AllianceMemberSelect orgId={orgId} />
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
    <Modal
      open={open}
      title={t('hhHelp.visitScheduleTitle', { name: household.headName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={520}
    >
      {open ? <ScheduleVisitForm household={household} onDone={onClose} /> : null}
    </Modal>
  );
}
