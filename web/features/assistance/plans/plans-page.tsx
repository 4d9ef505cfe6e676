import { OrgSelect } from '../core/help-common';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Select, Space, Switch, Tabs, Tag, type TableProps } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { MeasureQuery, type MeasureState } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';

import { PageHeader } from '../../../components/page-header';
import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { useSession } from '../../../components/session/session';
import { formatYuan } from '../../../components/money/money';
import { canDo } from '../permissions';
import { useLabels } from '../core/use-labels';
import { useMeasures, type Measure, type MeasureParams } from '../core/help-api';
import { useHelpOrgs } from '../core/help-common';
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

/** What the URL carries: the 跟踪 tab's filters (the approvals tab has only its page). */
const URL_KEYS = ['state', 'responsibleOrgId', 'overdue'] as const;
const NO_KEYS = [] as const;

/** The table of measures both tabs share; `approvals` shows the approve/reject buttons. */
function MeasureTable({ approvals }: { approvals: boolean }) {
  const me = useSession();
  const { t, lang } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { orgs, loading } = useHelpOrgs();
  const { filters, setFilters, paging, onPage } = useUrlFilters(MeasureQuery, {
    keys: approvals ? NO_KEYS : URL_KEYS,
  });
  const params: MeasureParams = approvals
    ? { ...paging, state: 'pending_approval' }
    : {
        ...paging,
        state: filters.state,
        responsibleOrgId: filters.responsibleOrgId,
        overdue: filters.overdue,
      };
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
  const running = (m: Measure) => m.state === 'planned' || m.state === 'in_progress';
  const rowActions: RowAction<Measure>[] = [
    {
      key: 'approve',
      label: t('plans.approve'),
      icon: <CheckOutlined />,
      testId: 'measure-approve',
      requires: 'plan.approve',
      when: (m) => m.state === 'pending_approval',
      run: (m) => setDecision({ measure: m, approve: true }),
    },
    {
      key: 'reject',
      label: t('plans.reject'),
      icon: <CloseOutlined />,
      testId: 'measure-reject',
      danger: true,
      requires: 'plan.approve',
      when: (m) => m.state === 'pending_approval',
      run: (m) => setDecision({ measure: m, approve: false }),
    },
    {
      key: 'start',
      label: t('plans.start'),
      testId: 'measure-start',
      requires: 'help.manage',
      when: (m) => m.state === 'planned',
      run: start,
    },
    {
      key: 'done',
      label: t('plans.markDone'),
      testId: 'measure-done',
      requires: 'help.manage',
      when: running,
      run: (m) => setMove({ measure: m, to: 'done' }),
    },
    {
      key: 'cancel',
      label: t('plans.cancelMeasure'),
      testId: 'measure-cancel',
      danger: true,
      requires: 'help.manage',
      when: running,
      run: (m) => setMove({ measure: m, to: 'cancelled' }),
    },
  ];
  const { renderActions: actions } = useRowActions(rowActions);
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
            value={filters.state}
            onChange={(state?: MeasureState) => setFilters({ state })}
            options={MEASURE_STATES.map((s) => ({ value: s, label: L(MEASURE_STATE_LABELS, s) }))}
            data-testid="measure-filter-state"
          />
          <div style={{ width: 220 }}>
            <OrgSelect
              orgs={orgs}
              loading={loading}
              allowClear
              placeholder={t('plans.responsibleOrg')}
              value={filters.responsibleOrgId}
              onChange={(responsibleOrgId) => setFilters({ responsibleOrgId })}
              testId="measure-filter-org"
            />
          </div>
          <Space>
            <Switch
              checked={filters.overdue === 'true'}
              onChange={(on) => setFilters({ overdue: on ? 'true' : undefined })}
              aria-label={t('plans.overdueOnly')}
              data-testid="measure-filter-overdue"
            />
            <span>{t('plans.overdueOnly')}</span>
          </Space>
        </Space>
      )}
      <PagedTable<Measure>
        rows={measures.data?.items ?? []}
        columns={columns}
        paging={{ ...paging, total: measures.data?.total ?? 0 }}
        onPage={onPage}
        loading={measures.isFetching}
        errorText={measures.isError ? errorText(measures.error) : undefined}
        scrollX={1300}
        rowClassName={(m) => (m.overdue ? 'uc-row-overdue' : '')}
        testId={approvals ? 'approval-table' : 'measure-table'}
        rowTestIdPrefix="measure-row"
        card={(m) => ({
          title: (
            <Link to={`/alliance/households/${m.householdId}`} data-testid={`measure-household-${m.id}`}>
              {m.headName}
            </Link>
          ),
          extra: <Tag color={MEASURE_STATE_COLORS[m.state]}>{L(MEASURE_STATE_LABELS, m.state)}</Tag>,
          body: (
            <>
              <div className="uc-prewrap">{m.description}</div>
              <div className="uc-card-facts">
                <span>
                  {L(MEASURE_POLICY_LABELS, m.policy)} · {L(MEASURE_KIND_LABELS, m.kind)}
                </span>
                <span>
                  {t('plans.responsibleOrg')}：{m.responsibleOrgName}
                </span>
                <span className={m.overdue ? 'uc-overdue' : undefined}>
                  {t('plans.dueOn')}：{m.dueOn}
                  {m.overdue ? ` · ${t('plans.overdue')}` : ''}
                </span>
                <span>
                  {t('plans.value')}：{formatYuan(m.valueFen, lang)}
                </span>
              </div>
              <div className="uc-card-actions">{actions(m)}</div>
            </>
          ),
        })}
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
