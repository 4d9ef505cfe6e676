import { FormDialog } from '../../../components/dialogs/form-dialog';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Rate,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { AlertOutlined, EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { VisitQuery } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { PageHeader } from '../../../components/page-header';
import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { useAllianceOrgs } from '../core/home-division';
import { ARCHIVE_STATE_LABELS } from '../core/labels';
import { canDo } from '../permissions';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';
import {
  useAssignVisit,
  useHelpSettings,
  useSaveHelpSettings,
  useVisitWorklist,
  useVisits,
  type Visit,
  type VisitParams,
} from '../core/help-api';
import { DAY } from '../core/help-common';
import {
  VISIT_CHANGE_LABELS,
  VISIT_REASON_LABELS,
  VISIT_STATE_LABELS,
  type VisitState,
} from '../core/help-labels';
import {
  AllianceMemberSelect,
  CHANGE_COLORS,
  canReopenAfter,
  RecordVisitDialog,
  relapsesOf,
  useOrgMembers,
  useReopenRequest,
} from './visit-dialogs';

const VISIT_STATES: readonly VisitState[] = ['due', 'done', 'cancelled'];

interface AssignValues {
  orgId?: string;
  memberId?: string | null;
  dueOn?: Dayjs;
}

function AssignForm({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const { orgs, loading } = useAllianceOrgs();
  const assign = useAssignVisit();
  const [form] = Form.useForm<AssignValues>();
  const orgId = Form.useWatch('orgId', form) ?? visit.assigneeOrgId;

  const onFinish = (v: AssignValues) => {
    const dueOn = v.dueOn?.format(DAY);
    assign.mutate(
      {
        id: visit.id,
        body: {
          version: visit.version,
          ...(v.orgId && v.orgId !== visit.assigneeOrgId ? { assigneeOrgId: v.orgId } : {}),
          ...((v.memberId ?? null) !== visit.assigneeMemberId
            ? { assigneeMemberId: v.memberId ?? null }
            : {}),
          ...(dueOn && dueOn !== visit.dueOn ? { dueOn } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('visits.assigned'));
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, {
            fields: ['orgId', 'memberId', 'dueOn'],
            aliases: { assigneeOrgId: 'orgId', assigneeMemberId: 'memberId' },
          }),
      },
    );
  };

  return (
    <Form<AssignValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={assign.isPending}
      initialValues={{
        orgId: visit.assigneeOrgId,
        memberId: visit.assigneeMemberId,
        dueOn: dayjs(visit.dueOn),
      }}
    >
      <Form.Item name="orgId" label={t('visits.assigneeOrg')} rules={[{ required: true }]}>
        <OrgTreeSelect
          orgs={orgs}
          loading={loading}
          testId="assign-org"
          onChange={(next) => {
            form.setFieldsValue({ orgId: next, memberId: null });
          }}
        />
      </Form.Item>
      <Form.Item name="memberId" label={t('visits.assigneeMember')} extra={t('visits.memberHint')}>
        <AllianceMemberSelect orgId={orgId} testId="assign-member" placeholder={t('visits.anyMember')} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('visits.dueOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} data-testid="assign-due" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="assign-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/** 回访间隔: days after help and after an exit until the return visit falls due. */
function SettingsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const settings = useHelpSettings();
  const save = useSaveHelpSettings();
  const [form] = Form.useForm<{ visitAfterHelpDays: number; visitAfterExitDays: number }>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  return (
    <Card size="small" title={t('visits.settings')} data-testid="visit-settings" style={{ marginTop: 16 }}>
      {settings.isPending ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {settings.isError ? <Alert type="error" showIcon title={t('visits.settingsFailed')} /> : null}
      {settings.data ? (
        <Form
          form={form}
          layout="inline"
          disabled={save.isPending}
          onFinish={(v) =>
            save.mutate(v, {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (err) =>
                showFormErrors(form, err, { fields: ['visitAfterHelpDays', 'visitAfterExitDays'] }),
            })
          }
          className="uc-settings-form"
        >
          <Form.Item name="visitAfterHelpDays" label={t('visits.afterHelpDays')} rules={[{ required: true }]}>
            <InputNumber<number>
              min={1}
              max={365}
              precision={0}
              suffix={t('templates.days')}
              data-testid="settings-after-help"
            />
          </Form.Item>
          <Form.Item name="visitAfterExitDays" label={t('visits.afterExitDays')} rules={[{ required: true }]}>
            <InputNumber<number>
              min={1}
              max={730}
              precision={0}
              suffix={t('templates.days')}
              data-testid="settings-after-exit"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
    </Card>
  );
}

/** Who has visits due and late: per organisation and per member; a click filters the table. */
function Worklist({
  onOrg,
  onMember,
}: {
  onOrg: (orgId: string) => void;
  onMember: (memberId: string) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const worklist = useVisitWorklist();
  if (worklist.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (worklist.isError) return <Alert type="error" showIcon title={errorText(worklist.error)} />;
  const { byOrg, byMember } = worklist.data;
  const card = (
    key: string,
    testId: string,
    name: string,
    sub: string | null,
    due: number,
    overdue: number,
    onClick: () => void,
  ) => (
    <Card
      key={key}
      size="small"
      hoverable
      onClick={onClick}
      data-testid={testId}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onClick();
      }}
    >
      <div className="uc-worklist-name" title={name}>
        {name}
      </div>
      {sub ? <div className="uc-worklist-sub">{sub}</div> : null}
      <div className="uc-worklist-figures">
        <span>
          {t('visits.due')} <Typography.Text strong>{due}</Typography.Text>
        </span>
        <span className={overdue > 0 ? 'uc-overdue' : 'uc-muted'}>
          {t('visits.overdue')} {overdue}
        </span>
      </div>
    </Card>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="visit-worklist">
      <Typography.Text strong>{t('visits.byOrg')}</Typography.Text>
      {byOrg.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.nothingDue')} />
      ) : (
        <div className="uc-worklist">
          {byOrg.map((o) =>
            card(o.orgId, `worklist-org-${o.orgId}`, o.orgName, null, o.due, o.overdue, () => onOrg(o.orgId)),
          )}
        </div>
      )}
      {byMember.length > 0 ? (
        <>
          <Typography.Text strong>{t('visits.byMember')}</Typography.Text>
          <div className="uc-worklist">
            {byMember.map((m) =>
              card(
                m.memberId,
                `worklist-member-${m.memberId}`,
                m.memberName,
                m.orgName,
                m.due,
                m.overdue,
                () => onMember(m.memberId),
              ),
            )}
          </div>
        </>
      ) : null}
    </Space>
  );
}

/** What the URL carries: every filter of the list (ids and states only), 待回访 by default. */
const URL_KEYS = ['state', 'overdue', 'assigneeOrgId', 'assigneeMemberId'] as const;
const DEFAULTS = { state: 'due' } as const;

/** 回访: who is due a return visit, assigning it, recording it, and reopening a case that relapsed. */
export function VisitsPage() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { orgs, loading } = useAllianceOrgs();
  const { filters, setFilters, paging, onPage } = useUrlFilters(VisitQuery, {
    keys: URL_KEYS,
    defaults: DEFAULTS,
  });
  const params: VisitParams = {
    ...paging,
    state: filters.state,
    overdue: filters.overdue,
    assigneeOrgId: filters.assigneeOrgId,
    assigneeMemberId: filters.assigneeMemberId,
  };
  const visits = useVisits(params);
  const filterMembers = useOrgMembers(params.assigneeOrgId);
  const reopenRequest = useReopenRequest();
  const [assigning, setAssigning] = useState<Visit | null>(null);
  const [recording, setRecording] = useState<Visit | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const manage = canDo(me, 'help.manage');
  const mayReopen = canDo(me, 'archive.manage');
  const items = visits.data?.items ?? [];
  const relapses = relapsesOf(items);
  const askReopen = (v: Visit) => setReasonRequest(reopenRequest(v));

  const columns: TableProps<Visit>['columns'] = [
    {
      key: 'household',
      title: t('visits.household'),
      width: 150,
      render: (_, v) => (
        <div>
          <Link to={`/alliance/households/${v.householdId}`}>{v.headName}</Link>
          {v.phoneMasked ? <div className="uc-mono uc-small">{v.phoneMasked}</div> : null}
          <div className="uc-muted uc-small">{v.divisionName}</div>
        </div>
      ),
    },
    {
      key: 'reason',
      title: t('visits.reason'),
      width: 110,
      render: (_, v) => <Tag>{L(VISIT_REASON_LABELS, v.reason)}</Tag>,
    },
    {
      key: 'due',
      title: t('visits.dueOn'),
      width: 110,
      render: (_, v) =>
        v.overdue ? (
          <span className="uc-overdue" data-testid={`visit-overdue-${v.id}`}>
            {v.dueOn}
            <br />
            <Tag color="red">{t('visits.overdue')}</Tag>
          </span>
        ) : (
          v.dueOn
        ),
    },
    {
      key: 'assignee',
      title: t('visits.assignee'),
      width: 170,
      render: (_, v) => (
        <div>
          <div>{v.assigneeOrgName}</div>
          <div className="uc-muted uc-small">{v.assigneeMemberName ?? t('visits.unassignedMember')}</div>
        </div>
      ),
    },
    {
      key: 'state',
      title: t('visits.state'),
      width: 100,
      render: (_, v) => (
        <Tag color={v.state === 'done' ? 'success' : v.state === 'due' ? 'processing' : 'default'}>
          {L(VISIT_STATE_LABELS, v.state)}
        </Tag>
      ),
    },
    {
      key: 'result',
      title: t('visits.result'),
      width: 260,
      render: (_, v) =>
        v.state === 'done' ? (
          <div className="uc-small">
            <Space size={4} wrap>
              <span>{v.visitedOn}</span>
              {v.change ? (
                <Tag color={CHANGE_COLORS[v.change]}>{L(VISIT_CHANGE_LABELS, v.change)}</Tag>
              ) : null}
              {v.satisfaction ? <Rate disabled value={v.satisfaction} style={{ fontSize: 12 }} /> : null}
            </Space>
            {v.visitors ? <div className="uc-muted">{t('visits.by', { who: v.visitors })}</div> : null}
            {v.openNeeds ? (
              <div>
                {t('visits.openNeeds')}：{v.openNeeds}
              </div>
            ) : null}
            {v.householdWords ? <div className="uc-muted">“{v.householdWords}”</div> : null}
            {v.relapse ? (
              <Tag color="red" icon={<AlertOutlined />} style={{ marginTop: 4 }}>
                {v.archiveState === 'exited'
                  ? t('visits.relapse')
                  : t('visits.relapseHandled', {
                      state: L(ARCHIVE_STATE_LABELS, v.archiveState ?? ''),
                    })}
              </Tag>
            ) : null}
          </div>
        ) : (
          <span className="uc-muted">—</span>
        ),
    },
  ];
  const rowActions: RowAction<Visit>[] = [
    {
      key: 'record',
      label: t('visits.record'),
      icon: <EditOutlined />,
      testId: 'visit-record',
      requires: 'help.manage',
      when: (v) => v.state === 'due',
      run: setRecording,
    },
    {
      key: 'assign',
      label: t('visits.assign'),
      icon: <UserSwitchOutlined />,
      testId: 'visit-assign',
      requires: 'help.manage',
      when: (v) => v.state === 'due',
      run: setAssigning,
    },
    {
      key: 'reopen',
      label: t('visits.reopen'),
      testId: 'visit-reopen',
      danger: true,
      requires: 'archive.manage',
      when: canReopenAfter,
      run: askReopen,
    },
  ];
  const { renderActions } = useRowActions(rowActions);
  if (manage || mayReopen)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, v) => renderActions(v) ?? <Space size={0} wrap />,
    });

  return (
    <>
      <PageHeader title={t('nav.visits')} />
      <Card size="small" title={t('visits.worklist')} style={{ marginBottom: 16 }}>
        <Worklist
          onOrg={(assigneeOrgId) => setFilters({ state: 'due', assigneeOrgId, assigneeMemberId: undefined })}
          onMember={(assigneeMemberId) =>
            setFilters({ state: 'due', assigneeMemberId, assigneeOrgId: undefined })
          }
        />
      </Card>
      <Card>
        {relapses.length > 0 ? (
          <Alert
            type="error"
            showIcon
            icon={<AlertOutlined />}
            style={{ marginBottom: 16 }}
            data-testid="visit-relapse-alert"
            title={t('visits.relapseAlert', { names: relapses.map((v) => v.headName).join('、') })}
            description={mayReopen ? t('visits.relapseAction') : t('visits.relapseAsk')}
          />
        ) : null}
        <Space wrap className="uc-filters" size={[12, 12]}>
          <Select
            allowClear
            placeholder={t('visits.state')}
            aria-label={t('visits.state')}
            style={{ width: 130 }}
            value={filters.state}
            onChange={(state?: VisitState) => setFilters({ state })}
            options={VISIT_STATES.map((s) => ({ value: s, label: L(VISIT_STATE_LABELS, s) }))}
            data-testid="visit-filter-state"
          />
          <div style={{ width: 220 }}>
            <OrgTreeSelect
              orgs={orgs}
              loading={loading}
              allowClear
              placeholder={t('visits.assigneeOrg')}
              value={filters.assigneeOrgId}
              onChange={(assigneeOrgId) => setFilters({ assigneeOrgId, assigneeMemberId: undefined })}
              testId="visit-filter-org"
            />
          </div>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('visits.assigneeMember')}
            aria-label={t('visits.assigneeMember')}
            style={{ width: 180 }}
            loading={filterMembers.loading}
            value={filters.assigneeMemberId}
            onChange={(assigneeMemberId?: string) => setFilters({ assigneeMemberId })}
            options={filterMembers.options}
            data-testid="visit-filter-member"
          />
          <Space>
            <Switch
              checked={filters.overdue === 'true'}
              onChange={(on) => setFilters({ overdue: on ? 'true' : undefined })}
              aria-label={t('visits.overdueOnly')}
              data-testid="visit-filter-overdue"
            />
            <span>{t('visits.overdueOnly')}</span>
          </Space>
        </Space>
        <PagedTable<Visit>
          rows={items}
          columns={columns}
          paging={{ ...paging, total: visits.data?.total ?? 0 }}
          onPage={onPage}
          loading={visits.isFetching}
          errorText={visits.isError ? errorText(visits.error) : undefined}
          scrollX={1100}
          rowClassName={(v) => (v.overdue ? 'uc-row-overdue' : '')}
          testId="visit-table"
          rowTestIdPrefix="visit-row"
          card={(v) => ({
            title: (
              <Space size={6}>
                <Link to={`/alliance/households/${v.householdId}`}>{v.headName}</Link>
                {v.phoneMasked ? <span className="uc-mono uc-small">{v.phoneMasked}</span> : null}
              </Space>
            ),
            extra: (
              <Tag color={v.state === 'done' ? 'success' : v.state === 'due' ? 'processing' : 'default'}>
                {L(VISIT_STATE_LABELS, v.state)}
              </Tag>
            ),
            body: (
              <>
                <div className="uc-card-facts">
                  <span>{L(VISIT_REASON_LABELS, v.reason)}</span>
                  <span className={v.overdue ? 'uc-overdue' : undefined}>
                    {t('visits.dueOn')}：{v.dueOn}
                    {v.overdue ? ` · ${t('visits.overdue')}` : ''}
                  </span>
                  <span>
                    {t('visits.assignee')}：{v.assigneeOrgName} ·{' '}
                    {v.assigneeMemberName ?? t('visits.unassignedMember')}
                  </span>
                  {v.state === 'done' && v.visitedOn ? (
                    <span>
                      {t('visits.result')}：{v.visitedOn}
                    </span>
                  ) : null}
                </div>
                <div className="uc-card-actions">{renderActions(v)}</div>
              </>
            ),
          })}
        />
      </Card>
      {canDo(me, 'alliance.manage') ? <SettingsCard /> : null}
      <FormDialog
        open={assigning !== null}
        title={assigning ? t('visits.assignTitle', { name: assigning.headName }) : ''}
        onClose={() => setAssigning(null)}
      >
        {assigning ? <AssignForm visit={assigning} onDone={() => setAssigning(null)} /> : null}
      </FormDialog>
      <RecordVisitDialog
        visit={recording}
        onClose={() => setRecording(null)}
        onRecorded={(saved) => {
          if (mayReopen && canReopenAfter(saved)) askReopen(saved);
        }}
      />
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
