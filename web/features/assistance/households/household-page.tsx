import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  AuditOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  EditOutlined,
  ExportOutlined,
  PrinterOutlined,
  FileDoneOutlined,
  FolderAddOutlined,
  RedoOutlined,
  StopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ArchiveView, HouseholdDetail } from '../../../../contracts/assistance';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { NotFoundResult } from '../../../components/status-results';
import { useSession } from '../../../components/session/session';
import { HouseholdHelpSection } from '../help/household-help';
import { FixArchiveDialog, EstablishArchiveDialog } from '../archives/archive-dialogs';
import { ArchiveFacts } from '../archives/archive-facts';
import { CalculatorPanel } from '../archives/calculator-panel';
import { HouseholdTimeline } from './household-timeline';
import { useArchiveStep, useChangeHouseholdState, useExitArchive, useHousehold } from '../core/hooks';
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  CAUSE_LABELS,
  DOCUMENT_LABELS,
  EXCLUSION_LABELS,
  EXIT_KINDS,
  EXIT_KIND_LABELS,
  type ExitKind,
  HOUSEHOLD_STATE_COLORS,
  HOUSEHOLD_STATE_LABELS,
  MATCH_LABELS,
  METHOD_LABELS,
  NEED_LABELS,
  NEED_STATUS_LABELS,
  RELATION_LABELS,
  SITUATION_LABELS,
  URGENCY_LABELS,
  VERIFY_RESULT_LABELS,
} from '../core/labels';
import { formatYuan } from '../../../components/money/money';
import { canDo } from '../permissions';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { RevealValue } from './reveal-value';
import { testButton } from '../../../components/test-button';
import { useLabels } from '../core/use-labels';
import { VerifyDialog } from '../archives/verify-dialog';
import '../core/assistance.css';

type Dialog = 'verify' | 'archive' | 'fix' | null;

function BasicInfo({ h, askReason }: { h: HouseholdDetail; askReason: (request: ReasonRequest) => void }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const items = [
    { key: 'name', label: t('hh.headName'), children: h.headName },
    {
      key: 'id',
      label: t('hh.idNumber'),
      children: (
        <RevealValue
          masked={h.idNumberMasked}
          canReveal={h.canReveal}
          askReason={askReason}
          testId="hh-reveal-idNumber"
          target={{ householdId: h.id, field: 'idNumber', what: t('reveal.headId', { name: h.headName }) }}
        />
      ),
    },
    {
      key: 'phone',
      label: t('hh.phone'),
      children: (
        <RevealValue
          masked={h.phoneMasked}
          canReveal={h.canReveal}
          askReason={askReason}
          testId="hh-reveal-phone"
          target={{ householdId: h.id, field: 'phone', what: t('reveal.phoneOf', { name: h.headName }) }}
        />
      ),
    },
    { key: 'situation', label: t('hh.situation'), children: L(SITUATION_LABELS, h.situation) },
    { key: 'division', label: t('hh.division'), children: h.divisionName },
    { key: 'address', label: t('hh.addressDetail'), children: h.addressDetail },
    { key: 'size', label: t('hh.size'), children: t('hh.people', { n: h.householdSize }) },
    { key: 'income', label: t('hh.annualIncome'), children: formatYuan(h.annualIncomeFen, lang) },
    { key: 'expense', label: t('hh.rigidExpense'), children: formatYuan(h.rigidExpenseFen, lang) },
    {
      key: 'causes',
      label: t('hh.causes'),
      children: h.causes.length ? h.causes.map((c) => L(CAUSE_LABELS, c)).join('、') : '—',
    },
    { key: 'sudden', label: t('hh.suddenEvent'), children: h.suddenEvent || '—' },
    { key: 'org', label: t('hh.responsibleOrg'), children: h.responsibleOrgName ?? '—' },
    { key: 'last', label: t('hh.lastScreenedOn'), children: h.lastScreenedOn },
    ...(h.closeReason ? [{ key: 'close', label: t('hh.closeReason'), children: h.closeReason }] : []),
  ];
  return (
    <Card
      className="uc-card"
      title={
        <Space>
          <UserOutlined />
          {t('hh.basic')}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  );
}

function MembersCard({ h, askReason }: { h: HouseholdDetail; askReason: (request: ReasonRequest) => void }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  return (
    <Card className="uc-card" title={t('hh.members', { n: h.members.length })}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={h.members}
        locale={{ emptyText: t('hh.noMembers') }}
        data-testid="hh-members"
        columns={[
          {
            key: 'relation',
            title: t('hh.relation'),
            render: (_, m) => L(RELATION_LABELS, m.relation),
          },
          { key: 'name', title: t('hh.name'), dataIndex: 'name' },
          {
            key: 'id',
            title: t('hh.idNumber'),
            render: (_, m) => (
              <RevealValue
                masked={m.idNumberMasked}
                canReveal={h.canReveal}
                askReason={askReason}
                testId={`hh-reveal-member-${m.id}`}
                target={{
                  householdId: h.id,
                  field: 'memberIdNumber',
                  memberId: m.id,
                  what: t('reveal.headId', { name: m.name }),
                }}
              />
            ),
          },
          {
            key: 'age',
            title: t('hh.age'),
            dataIndex: 'age',
            width: 60,
            render: (v: number | null) => v ?? '—',
          },
          { key: 'school', title: t('hh.school'), render: (_, m) => m.school ?? '—' },
          { key: 'health', title: t('hh.health'), render: (_, m) => m.health ?? '—' },
          { key: 'work', title: t('hh.work'), render: (_, m) => m.work ?? '—' },
          {
            key: 'income',
            title: t('hh.monthlyIncome'),
            align: 'right',
            render: (_, m) => (m.monthlyIncomeFen === null ? '—' : formatYuan(m.monthlyIncomeFen, lang)),
          },
        ]}
      />
    </Card>
  );
}

function NeedsCard({ h }: { h: HouseholdDetail }) {
  const { t } = useI18n();
  const L = useLabels();
  // Urgent and open first: what to solve today is at the top.
  const needs = [...h.needs].sort(
    (a, b) =>
      (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) ||
      (a.urgency === 'urgent' ? 0 : 1) - (b.urgency === 'urgent' ? 0 : 1) ||
      a.createdAt.localeCompare(b.createdAt),
  );
  return (
    <Card className="uc-card" title={t('hh.needs', { n: h.needs.length })}>
      <List
        size="small"
        dataSource={needs}
        locale={{ emptyText: t('hh.noNeeds') }}
        data-testid="hh-needs"
        renderItem={(n) => (
          <List.Item key={n.id} data-testid={`hh-need-${n.id}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={4} wrap>
                {n.urgency === 'urgent' ? (
                  <Tag color="red">{L(URGENCY_LABELS, n.urgency)}</Tag>
                ) : (
                  <Tag>{L(URGENCY_LABELS, n.urgency)}</Tag>
                )}
                <Tag color="blue">{L(NEED_LABELS, n.kind)}</Tag>
                <Tag color={n.status === 'open' ? 'gold' : 'green'}>{L(NEED_STATUS_LABELS, n.status)}</Tag>
                {n.source === 'self_report' ? (
                  <Tag color="orange" data-testid={`hh-need-self-report-${n.id}`}>
                    {n.unverified
                      ? `${t('hh.needSelfReport')} / ${t('hh.needUnverified')}`
                      : t('hh.needSelfReport')}
                  </Tag>
                ) : null}
                <span className="uc-muted uc-small">{formatDateTime(n.createdAt).slice(0, 10)}</span>
              </Space>
              <span>{n.description}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ScreeningsCard({ h }: { h: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  return (
    <Card className="uc-card" title={t('hh.screeningList', { n: h.screeningList.length })}>
      <List
        size="small"
        dataSource={[...h.screeningList].reverse()}
        data-testid="hh-screenings"
        renderItem={(s) => (
          <List.Item key={s.id} data-testid={`hh-screening-${s.id}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={[8, 0]} wrap>
                <Typography.Text strong>{s.screenedOn}</Typography.Text>
                <Tag color="blue">{L(METHOD_LABELS, s.method)}</Tag>
                <span>
                  {s.screenerName || '—'}
                  <span className="uc-muted">（{s.orgName}）</span>
                </span>
                {s.match ? <span className="uc-muted uc-small">{L(MATCH_LABELS, s.match)}</span> : null}
              </Space>
              {s.leadsHidden ? (
                <span className="uc-muted uc-small">{t('hh.leadsHidden')}</span>
              ) : s.leads ? (
                <span className="uc-prewrap">
                  <span className="uc-muted">
                    {t('hh.leads')}
                    {lang === 'zh' ? '：' : ': '}
                  </span>
                  {s.leads}
                </span>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function VerificationsCard({ h }: { h: HouseholdDetail }) {
  const { t } = useI18n();
  const L = useLabels();
  if (h.verifications.length === 0) return null;
  return (
    <Card
      className="uc-card"
      title={
        <Space>
          <CheckSquareOutlined />
          {t('hh.verifications', { n: h.verifications.length })}
        </Space>
      }
    >
      <List
        size="small"
        dataSource={[...h.verifications].reverse()}
        data-testid="hh-verifications"
        renderItem={(v) => (
          <List.Item key={v.id}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'result',
                  label: t('verify.result'),
                  children: (
                    <Tag color={v.result === 'confirmed' ? 'red' : 'default'}>
                      {L(VERIFY_RESULT_LABELS, v.result)}
                    </Tag>
                  ),
                },
                { key: 'date', label: t('verify.date'), children: v.verifiedOn },
                {
                  key: 'visit',
                  label: t('verify.homeVisit'),
                  children: v.homeVisit ? t('common.yes') : t('common.no'),
                },
                {
                  key: 'consent',
                  label: t('verify.incomeConsentShort'),
                  children: v.incomeConsent ? t('common.yes') : t('common.no'),
                },
                {
                  key: 'docs',
                  label: t('verify.documents'),
                  children: v.documents.length
                    ? v.documents.map((d) => L(DOCUMENT_LABELS, d)).join('、')
                    : '—',
                },
                {
                  key: 'excl',
                  label: t('verify.exclusions'),
                  children: v.exclusions.length
                    ? v.exclusions.map((e) => L(EXCLUSION_LABELS, e)).join('；')
                    : t('common.none'),
                },
                ...(v.migrantQualified !== null
                  ? [
                      {
                        key: 'migrant',
                        label: t('verify.migrant'),
                        children: v.migrantQualified ? t('verify.migrantYes') : t('verify.migrantNo'),
                      },
                    ]
                  : []),
                ...(v.noticeStart
                  ? [
                      {
                        key: 'notice',
                        label: t('verify.noticePeriod'),
                        children: `${v.noticeStart} ~ ${v.noticeEnd ?? ''}${v.noticeResult ? `（${v.noticeResult}）` : ''}`,
                      },
                    ]
                  : []),
                ...(v.notes ? [{ key: 'notes', label: t('verify.notes'), children: v.notes }] : []),
              ]}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 困难职工户 detail: everything known about one household and the next steps its state allows. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const household = useHousehold(id);
  const changeState = useChangeHouseholdState();
  const archiveStep = useArchiveStep();
  const exitArchive = useExitArchive();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);

  if (household.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (household.isError) {
    if (isApiError(household.error) && household.error.status === 404) return <NotFoundResult />;
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={errorText(household.error)}
        extra={
          <Button type="primary" onClick={() => void household.refetch()}>
            {t('error.retry')}
          </Button>
        }
      />
    );
  }

  const h = household.data;
  const archive = h.archive;
  const manage = canDo(me, 'household.manage');
  const manageArchive = canDo(me, 'archive.manage');
  const state = h.state;
  const liveArchive = archive && archive.state !== 'exited' ? archive : null;

  const step = (
    stepName: 'below-standard' | 'close' | 'reopen',
    title: string,
    okText: string,
    note: string,
    danger = false,
  ) =>
    setReasonRequest({
      title,
      okText,
      note,
      danger,
      run: async ({ reason }) => {
        await changeState.mutateAsync({ id: h.id, step: stepName, version: h.version, reason });
        void message.success(t('hh.stepDone', { step: okText }));
      },
    });

  const confirmArchiveStep = (a: ArchiveView, which: 'report' | 'review-done') =>
    modal.confirm({
      title:
        which === 'report' ? t('archive.reportConfirm', { no: a.archiveNo }) : t('archive.reviewConfirm'),
      content: which === 'report' ? t('archive.reportHint') : t('archive.reviewHint', { due: a.reviewDueOn }),
      okText: which === 'report' ? t('archive.report') : t('archive.reviewDone'),
      cancelText: t('common.cancel'),
      okButtonProps: testButton('confirm-ok'),
      onOk: async () => {
        try {
          const done = await archiveStep.mutateAsync({ id: a.id, step: which, version: a.version });
          void message.success(
            which === 'report'
              ? t('archive.reportedTo', { org: done.reportedToName ?? '' })
              : t('archive.reviewRecorded', { due: done.reviewDueOn }),
          );
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

  const actions: ReactNode[] = [];
  if (manage && ['unverified', 'screened', 'verifying', 'assisted_below_standard'].includes(state)) {
    actions.push(
      <Button
        key="verify"
        type={state === 'screened' || state === 'unverified' ? 'primary' : 'default'}
        icon={<AuditOutlined />}
        onClick={() => setDialog('verify')}
        data-testid="hh-action-verify"
      >
        {state === 'screened' ? t('hh.verify') : t('hh.reverify')}
      </Button>,
    );
  }
  if (manageArchive && state === 'verifying') {
    actions.push(
      <Button
        key="archive"
        type="primary"
        icon={<FolderAddOutlined />}
        onClick={() => setDialog('archive')}
        data-testid="hh-action-archive"
      >
        {t('hh.establish')}
      </Button>,
    );
  }
  if (manageArchive && liveArchive) {
    if (['archived', 'returned'].includes(liveArchive.state)) {
      const cityTier = liveArchive.tier !== 'provincial';
      actions.push(
        <Tooltip key="report" title={cityTier ? t('archive.cityTierHint') : undefined}>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={cityTier}
            onClick={() => confirmArchiveStep(liveArchive, 'report')}
            data-testid="hh-action-report"
          >
            {liveArchive.state === 'returned' ? t('archive.reportAgain') : t('archive.report')}
          </Button>
        </Tooltip>,
        <Button
          key="fix"
          icon={<EditOutlined />}
          onClick={() => setDialog('fix')}
          danger={liveArchive.state === 'returned'}
          data-testid="hh-action-fix"
        >
          {t('archive.fix')}
        </Button>,
      );
    }
    actions.push(
      <Button
        key="review"
        icon={<FileDoneOutlined />}
        onClick={() => confirmArchiveStep(liveArchive, 'review-done')}
        data-testid="hh-action-review-done"
      >
        {t('archive.reviewDone')}
      </Button>,
      <Button
        key="exit"
        icon={<ExportOutlined />}
        onClick={() =>
          setReasonRequest({
            title: t('archive.exitTitle', { no: liveArchive.archiveNo }),
            note: t('archive.exitNote'),
            okText: t('archive.exit'),
            choice: {
              label: t('reason.exitKind'),
              testId: 'exit-kind',
              options: EXIT_KINDS.map((k) => ({ value: k, label: L(EXIT_KIND_LABELS, k) })),
            },
            danger: true,
            run: async ({ reason, kind }) => {
              await exitArchive.mutateAsync({
                id: liveArchive.id,
                body: {
                  version: liveArchive.version,
                  kind: (kind as ExitKind | undefined) ?? 'out_of_difficulty',
                  reason,
                },
              });
              void message.success(t('hh.stepDone', { step: t('archive.exit') }));
            },
          })
        }
        data-testid="hh-action-exit"
      >
        {t('archive.exit')}
      </Button>,
    );
  }
  if (manage && ['screened', 'verifying'].includes(state)) {
    actions.push(
      <Button
        key="below"
        onClick={() => step('below-standard', t('hh.belowTitle'), t('hh.below'), t('hh.belowNote'))}
        data-testid="hh-action-below-standard"
      >
        {t('hh.below')}
      </Button>,
    );
  }
  if (manage && ['unverified', 'screened', 'verifying', 'assisted_below_standard'].includes(state)) {
    actions.push(
      <Button
        key="close"
        danger
        icon={<StopOutlined />}
        onClick={() => step('close', t('hh.closeTitle'), t('hh.close'), t('hh.closeNote'), true)}
        data-testid="hh-action-close"
      >
        {t('hh.close')}
      </Button>,
    );
  }
  if (manage && state === 'closed') {
    actions.push(
      <Button
        key="reopen"
        icon={<RedoOutlined />}
        onClick={() => step('reopen', t('hh.reopenTitle'), t('hh.reopen'), t('hh.reopenNote'))}
        data-testid="hh-action-reopen"
      >
        {t('hh.reopen')}
      </Button>,
    );
  }

  actions.push(
    <Button
      key="print"
      icon={<PrinterOutlined />}
      href={`/print/households/${encodeURIComponent(h.id)}`}
      target="_blank"
      rel="noopener"
      data-testid="hh-print"
    >
      {t('hhPrint.link')}
    </Button>,
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="hh-title">{h.headName}</span>}
        extra={actions.length ? <Space wrap>{actions}</Space> : null}
      />
      <Space size={8} wrap className="uc-title-meta">
        <Tag color={HOUSEHOLD_STATE_COLORS[h.state]} data-testid="hh-state">
          {L(HOUSEHOLD_STATE_LABELS, h.state)}
        </Tag>
        {h.category ? <Tag color={CATEGORY_COLORS[h.category]}>{L(CATEGORY_LABELS, h.category)}</Tag> : null}
        {h.archiveNo ? (
          <Typography.Text className="uc-mono uc-title-no" data-testid="hh-archive-no">
            {t('hh.archiveNo')} {h.archiveNo}
          </Typography.Text>
        ) : null}
        {h.urgentOpen > 0 ? <Tag color="red">{t('hh.urgentOpen', { n: h.urgentOpen })}</Tag> : null}
        <span className="uc-muted uc-small">
          {L(SITUATION_LABELS, h.situation)} · {h.responsibleOrgName ?? '—'}
        </span>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <BasicInfo h={h} askReason={setReasonRequest} />
            <MembersCard h={h} askReason={setReasonRequest} />
            <NeedsCard h={h} />
            <ScreeningsCard h={h} />
            <VerificationsCard h={h} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {archive ? (
              <Card className="uc-card" title={t('archive.card')} data-testid="archive-card">
                <ArchiveFacts archive={archive} />
              </Card>
            ) : null}
            <CalculatorPanel householdId={h.id} />
            <HouseholdTimeline events={h.timeline} />
            <Link to="/alliance/households" className="uc-back-link">
              {t('hh.backToList')}
            </Link>
          </Space>
        </Col>
      </Row>
      <HouseholdHelpSection household={h} />
      <VerifyDialog household={h} open={dialog === 'verify'} onClose={() => setDialog(null)} />
      <EstablishArchiveDialog household={h} open={dialog === 'archive'} onClose={() => setDialog(null)} />
      {archive ? (
        <FixArchiveDialog archive={archive} open={dialog === 'fix'} onClose={() => setDialog(null)} />
      ) : null}
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
