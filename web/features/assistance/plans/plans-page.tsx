import { OrgSelect } from '../core/help-common';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Select, Space, Switch, Table, Tabs, Tag, type TableProps } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { MeasureState } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';

import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { formatYuan } from '../../../components/money/money';
import { canDo } from '../permissions';
import { useLabels } from '../core/use-labels';
import { useMeasures, type Measure, type MeasureParams } from '../core/help-api';
import { rowTestId, useHelpOrgs } from '../core/help-common';
import { MEASURE_KIND_LABELS, MEASURE_POLICY_LABELS, MEASURE_STATE_LABELS } from '../core/help-labels';
import {
  MeasureDecisionDialog,
  MeasureMoveDialog,
  useStartMeasure,
  type MeasureDecision,
  type MeasureMove,
} from './measure-dialogs';
import { TemplatesTab } from './plan-templates';

const MEASURE_STATES: readonly MeasureState[] = [
  'pending_approval',
  'planned',
  'in_progress',
  'done',
  'cancelled',
  'rejected',
];

const MEASURE_STATE_COLORS: Readonly<Record<MeasureState, string>> = {
  pending_approval: 'gold',
  planned: 'blue',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
  rejected: 'red',
};

/** The table of measures both tabs share; `approvals` shows the approve/reject buttons. */
function MeasureTable({ approvals }: { approvals: boolean }) {
  const me = useSession();
  const { t, lang } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { orgs, loading } = useHelpOrgs();
  const [params, setParams] = useState<MeasureParams>(
    approvals ? { state: 'pending_approval', page: 1, pageSize: 20 } : { page: 1, pageSize: 20 },
  );
  const measures = useMeasures(params);
  const [decision, setDecision] = useState<MeasureDecision | null>(null);
  const [move, setMove] = useState<MeasureMove | null>(null);
  const mayApprove = canDo(me, 'plan.approve');
  const mayManage = canDo(me, 'help.manage');

  const start = useStartMeasure();

  const columns: TableProps<Measure>['columns'] = [
    {
      key: 'household',
      title: t('plans.household'),
      width: 110,
      render: (_, m) => (
        <Link to={`/alliance/households/${m.householdId}`} data-testid={`measure-household-${m.id}`}>
          {m.headName}
        </Link>
      ),
    },
    {
      key: 'policy',
      title: t('plans.policy'),
      width: 110,
      render: (_, m) => (
        <div>
          <Tag>{L(MEASURE_POLICY_LABELS, m.policy)}</Tag>
          {m.templateName ? <div className="uc-small uc-muted">{m.templateName}</div> : null}
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('plans.kind'),
      width: 100,
      render: (_, m) => L(MEASURE_KIND_LABELS, m.kind),
    },
    {
      key: 'description',
      title: t('plans.description'),
      width: 240,
      render: (_, m) => <span className="uc-prewrap">{m.description}</span>,
    },
    { key: 'org', title: t('plans.responsibleOrg'), dataIndex: 'responsibleOrgName', width: 150 },
    {
      key: 'due',
      title: t('plans.dueOn'),
      width: 110,
      render: (_, m) =>
        m.overdue ? (
          <span className="uc-overdue" data-testid={`measure-overdue-${m.id}`}>
            {m.dueOn}
            <br />
            <Tag color="red">{t('plans.overdue')}</Tag>
          </span>
        ) : (
          m.dueOn
        ),
    },
    {
      key: 'value',
      title: t('plans.value'),
      width: 110,
      render: (_, m) => <span className="uc-nowrap">{formatYuan(m.valueFen, lang)}</span>,
    },
    {
      key: 'state',
      title: t('plans.state'),
      width: 140,
      render: (_, m) => (
        <div>
          <Tag color={MEASURE_STATE_COLORS[m.state]}>{L(MEASURE_STATE_LABELS, m.state)}</Tag>
          {m.doneOn ? <div className="uc-small uc-muted">{m.doneOn}</div> : null}
          {m.decisionNote ? (
            <div className="uc-small uc-muted">
              {m.decidedByName ? `${m.decidedByName}：` : ''}
              {m.decisionNote}
            </div>
          ) : null}
        </div>
      ),
    },
  ];
  if (approvals) {
    columns.splice(columns.length - 1, 0, {
      key: 'created',
      title: t('plans.proposedAt'),
      width: 110,
      render: (_, m) => formatDateTime(m.createdAt).slice(0, 10),
    });
  }
  const actions = (m: Measure) => {
    if (m.state === 'pending_approval' && mayApprove)
      return (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<CheckOutlined />}
            onClick={() => setDecision({ measure: m, approve: true })}
            data-testid={`measure-approve-${m.id}`}
          >
            {t('plans.approve')}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            icon={<CloseOutlined />}
            onClick={() => setDecision({ measure: m, approve: false })}
            data-testid={`measure-reject-${m.id}`}
          >
            {t('plans.reject')}
          </Button>
        </Space>
      );
    if ((m.state === 'planned' || m.state === 'in_progress') && mayManage)
      return (
        <Space size={0} wrap>
          {m.state === 'planned' ? (
            <Button type="link" size="small" onClick={() => start(m)} data-testid={`measure-start-${m.id}`}>
              {t('plans.start')}
            </Button>
          ) : null}
          <Button
            type="link"
            size="small"
            onClick={() => setMove({ measure: m, to: 'done' })}
            data-testid={`measure-done-${m.id}`}
          >
            {t('plans.markDone')}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            onClick={() => setMove({ measure: m, to: 'cancelled' })}
            data-testid={`measure-cancel-${m.id}`}
          >
            {t('plans.cancelMeasure')}
          </Button>
        </Space>
      );
    return null;
  };
  if (mayApprove || mayManage)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, m) => actions(m),
    });

  return (
    <>
      {approvals ? null : (
        <Space wrap className="uc-filters" size={[12, 12]}>
          <Select
            allowClear
            placeholder={t('plans.state')}
            aria-label={t('plans.state')}
            style={{ width: 140 }}
            value={params.state}
            onChange={(state?: MeasureState) => setParams((p) => ({ ...p, state, page: 1 }))}
            options={MEASURE_STATES.map((s) => ({ value: s, label: L(MEASURE_STATE_LABELS, s) }))}
            data-testid="measure-filter-state"
          />
          <div style={{ width: 220 }}>
            <OrgSelect
              orgs={orgs}
              loading={loading}
              allowClear
              placeholder={t('plans.responsibleOrg')}
              value={params.responsibleOrgId}
              onChange={(responsibleOrgId) => setParams((p) => ({ ...p, responsibleOrgId, page: 1 }))}
              testId="measure-filter-org"
            />
          </div>
          <Space>
            <Switch
              checked={params.overdue === 'true'}
              onChange={(on) => setParams((p) => ({ ...p, overdue: on ? 'true' : undefined, page: 1 }))}
              aria-label={t('plans.overdueOnly')}
              data-testid="measure-filter-overdue"
            />
            <span>{t('plans.overdueOnly')}</span>
          </Space>
        </Space>
      )}
      <Table<Measure>
        rowKey="id"
        columns={columns}
        dataSource={measures.data?.items ?? []}
        loading={measures.isFetching}
        scroll={{ x: 1300 }}
        rowClassName={(m) => (m.overdue ? 'uc-row-overdue' : '')}
        onRow={(m) => rowTestId(`measure-row-${m.id}`)}
        locale={measures.isError ? { emptyText: errorText(measures.error) } : undefined}
        onChange={(pagination) =>
          setParams((p) => ({
            ...p,
            page: pagination.current ?? 1,
            pageSize: pagination.pageSize ?? p.pageSize,
          }))
        }
        pagination={{
          current: params.page ?? 1,
          pageSize: params.pageSize ?? 20,
          total: measures.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        data-testid={approvals ? 'approval-table' : 'measure-table'}
      />
      <MeasureDecisionDialog decision={decision} onClose={() => setDecision(null)} />
      <MeasureMoveDialog move={move} onClose={() => setMove(null)} />
    </>
  );
}

/** 帮扶方案: 个案专策 approvals, tracking every measure, and 同类同策 templates. */
export function PlansPage() {
  const me = useSession();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tabs = [
    ...(canDo(me, 'plan.approve')
      ? [{ key: 'approvals', label: t('plans.tabApprovals'), children: <MeasureTable approvals /> }]
      : []),
    { key: 'measures', label: t('plans.tabMeasures'), children: <MeasureTable approvals={false} /> },
    ...(canDo(me, 'plan.template')
      ? [{ key: 'templates', label: t('plans.tabTemplates'), children: <TemplatesTab /> }]
      : []),
  ];
  const asked = params.get('tab');
  const active = tabs.some((tab) => tab.key === asked) ? (asked ?? undefined) : tabs[0]?.key;

  return (
    <>
      <PageHeader title={t('nav.plans')} />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(tab) => setParams({ tab }, { replace: true })}
          destroyOnHidden
          items={tabs.map((tab) => ({
            ...tab,
            label: <span data-testid={`plans-tab-${tab.key}`}>{tab.label}</span>,
          }))}
        />
      </Card>
    </>
  );
}
