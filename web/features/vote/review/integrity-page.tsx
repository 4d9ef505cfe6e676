import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  InputNumber,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import type { FlagCriteria } from '../../../../contracts/vote-ballots';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { formatDateTime } from '../../../components/format';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { SectionCard } from '../../../components/section-card';
import { CampaignReviewHeader } from './campaign-review-header';
import { asReasonErrors } from './reason-errors';
import {
  useAnalytics,
  useCreateFlag,
  useDecideAppeal,
  useDecideFlag,
  useFlags,
  useReviewCampaign,
  type Analytics,
  type AnalyticsParams,
  type FlagView,
} from './review-api';
import {
  appealWaiting,
  burstCriteria,
  burstRatio,
  clusterCriteria,
  decisionsFor,
  formatCount,
  formatShareX10000,
  formatX100,
} from './review-model';
import { useCandidateNames } from './use-candidate-names';
import './review.css';

type Burst = Analytics['bursts'][number];
type Cluster = Analytics['clusters'][number];

const DEFAULTS: AnalyticsParams = { burstFactor: 5, clusterMin: 5, rateSeconds: 2 };

/** The analysis settings (the query's bounds are the contract's: AnalyticsQuery). */
function ParamsForm({ value, onChange }: { value: AnalyticsParams; onChange: (v: AnalyticsParams) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AnalyticsParams>();
  return (
    <Form<AnalyticsParams>
      form={form}
      layout="inline"
      initialValues={value}
      onFinish={(v) => onChange({ ...DEFAULTS, ...v })}
      data-testid="integrity-params"
    >
      <Form.Item
        name="burstFactor"
        label={t('vr.integrity.burstFactor')}
        tooltip={t('vr.integrity.burstFactorHelp')}
      >
        <InputNumber min={2} max={1000} precision={0} data-testid="integrity-burst-factor" />
      </Form.Item>
      <Form.Item name="clusterMin" label={t('vr.integrity.clusterMin')}>
        <InputNumber min={2} max={100000} precision={0} data-testid="integrity-cluster-min" />
      </Form.Item>
      <Form.Item name="rateSeconds" label={t('vr.integrity.rateSeconds')}>
        <InputNumber min={1} max={60} precision={0} data-testid="integrity-rate-seconds" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="integrity-run">
          {t('vr.integrity.run')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/**
 * 刷票审核: the analytics over the raw votes (bursts against the candidate's own mean minute,
 * address and device clusters, newly registered workers' share, inhuman rates — each run is
 * audited by the server), a flag with evidence from any finding, the decision (discount, zero by
 * the published rule, or dismiss), and the answer to the nominating unit's appeal.
 */
export function IntegrityPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useState<AnalyticsParams>(DEFAULTS);
  const analytics = useAnalytics(id, params);
  const flags = useFlags(id);
  const nameOf = useCandidateNames(id);
  const createFlag = useCreateFlag(id);
  const decideFlag = useDecideFlag(id);
  const decideAppeal = useDecideAppeal(id);
  const [dialog, setDialog] = useState<ReasonRequest | null>(null);
  // The same query as the header's (cached): the published rule says whether zeroing is offered.
  const zeroAllowed = useReviewCampaign(id).data?.rules.zeroOnConfirmedFraud ?? false;
  const a = analytics.data;

  const flagDialog = (criteria: FlagCriteria, what: string) =>
    setDialog({
      title: t('vr.flag.title'),
      note: t('vr.flag.note', { what }),
      okText: t('vr.flag'),
      reasonLabel: t('vr.flag.evidence'),
      run: async ({ reason }) => {
        try {
          const flag = await createFlag.mutateAsync({ criteria, evidence: reason });
          void message.success(t('vr.flag.created', { count: flag.ballotsCount }));
        } catch (err) {
          throw asReasonErrors(err, { evidence: 'reason', criteria: 'reason' });
        }
      },
    });

  const flagActions: RowAction<FlagView>[] = [
    {
      key: 'decide',
      label: t('vr.decide'),
      testId: 'flag-decide',
      requires: 'vote.integrity',
      when: (f) => f.state === 'open',
      run: (f) =>
        setDialog({
          title: t('vr.decide.title'),
          note: t('vr.decide.note', { count: f.ballotsCount }),
          okText: t('vr.decide'),
          danger: true,
          reasonLabel: t('vr.decide.reason'),
          choice: {
            label: t('vr.decide.choice'),
            testId: 'flag-decision',
            options: decisionsFor(f, zeroAllowed).map((d) => ({ value: d, label: t(`vr.decision.${d}`) })),
          },
          run: async ({ reason, kind }) => {
            try {
              await decideFlag.mutateAsync({
                flagId: f.id,
                body: { decision: kind as 'discount' | 'zero' | 'dismiss', reason, version: f.version },
              });
              void message.success(t('vr.decide.done'));
            } catch (err) {
              throw asReasonErrors(err, { decision: 'kind' });
            }
          },
        }),
    },
    {
      key: 'answer',
      label: t('vr.appeal.answer'),
      testId: 'appeal-answer',
      requires: 'vote.integrity',
      when: appealWaiting,
      run: (f) => {
        const appeal = f.appeal!;
        setDialog({
          title: t('vr.appeal.answer'),
          note: t('vr.appeal.answerNote', { text: appeal.text }),
          okText: t('vr.appeal.answer'),
          reasonLabel: t('vr.appeal.answerReason'),
          choice: {
            label: t('vr.appeal.answerChoice'),
            testId: 'appeal-decision',
            options: [
              { value: 'rejected', label: t('vr.appeal.rejected') },
              { value: 'upheld', label: t('vr.appeal.upheld') },
            ],
          },
          run: async ({ reason, kind }) => {
            try {
              await decideAppeal.mutateAsync({
                appealId: appeal.id,
                body: { decision: kind as 'upheld' | 'rejected', reason, version: appeal.version },
              });
              void message.success(t('vr.appeal.answered'));
            } catch (err) {
              throw asReasonErrors(err, { decision: 'kind' });
            }
          },
        });
      },
    },
  ];
  const { renderActions } = useRowActions(flagActions);

  const flagButton = (testId: string, onClick: () => void) => (
    <Button size="small" icon={<FlagOutlined />} onClick={onClick} data-testid={testId}>
      {t('vr.flag')}
    </Button>
  );

  return (
    <CampaignReviewHeader campaignId={id} titleKey="vr.integrity.title">
      {() => (
        <div className="vr-stack">
          <SectionCard size="small" title={t('vr.integrity.params')}>
            <ParamsForm value={params} onChange={setParams} />
            {a ? (
              <Typography.Text type="secondary" data-testid="integrity-took">
                {t('vr.integrity.took', { ms: a.ms })}
              </Typography.Text>
            ) : null}
          </SectionCard>
          {analytics.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
          {analytics.isError ? (
            <Alert type="error" showIcon title={errorText(analytics.error)} data-testid="integrity-error" />
          ) : null}
          {a ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <SectionCard size="small" title={t('vr.integrity.bursts')} testId="integrity-bursts">
                  <Table<Burst>
                    size="small"
                    rowKey={(b) => `${b.candidateId}-${b.minute}`}
                    pagination={false}
                    dataSource={a.bursts}
                    locale={{ emptyText: t('vr.integrity.none') }}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      {
                        key: 'candidate',
                        title: t('vr.col.candidate'),
                        render: (_, b) => nameOf(b.candidateId),
                      },
                      {
                        key: 'minute',
                        title: t('vr.col.minute'),
                        render: (_, b) => formatDateTime(b.minute).slice(0, 16),
                      },
                      { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                      {
                        key: 'baseline',
                        title: t('vr.col.baseline'),
                        render: (_, b) => formatX100(b.baselineX100),
                      },
                      {
                        key: 'ratio',
                        title: t('vr.col.ratio'),
                        render: (_, b) => burstRatio(b.votes, b.baselineX100),
                      },
                      {
                        key: 'flag',
                        title: t('common.actions'),
                        render: (_, b, i) =>
                          flagButton(`burst-flag-${i}`, () =>
                            flagDialog(
                              burstCriteria(b),
                              t('vr.flag.burstWhat', {
                                candidate: nameOf(b.candidateId),
                                minute: formatDateTime(b.minute).slice(0, 16),
                              }),
                            ),
                          ),
                      },
                    ]}
                  />
                </SectionCard>
              </Col>
              <Col xs={24} xl={12}>
                <SectionCard size="small" title={t('vr.integrity.clusters')} testId="integrity-clusters">
                  <Table<Cluster>
                    size="small"
                    rowKey={(c) => `${c.by}-${c.hash}`}
                    pagination={false}
                    dataSource={a.clusters}
                    locale={{ emptyText: t('vr.integrity.none') }}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { key: 'by', title: t('vr.col.by'), render: (_, c) => t(`vr.by.${c.by}`) },
                      {
                        key: 'hash',
                        title: t('vr.col.hash'),
                        render: (_, c) => <span className="vr-mono">{c.hash.slice(0, 12)}</span>,
                      },
                      { key: 'workers', title: t('vr.col.workers'), dataIndex: 'workers' },
                      { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                      {
                        key: 'candidates',
                        title: t('vr.col.candidate'),
                        render: (_, c) => c.candidates.map((x) => nameOf(x.candidateId)).join('、'),
                      },
                      {
                        key: 'flag',
                        title: t('common.actions'),
                        render: (_, c, i) =>
                          flagButton(`cluster-flag-${i}`, () =>
                            flagDialog(
                              clusterCriteria(c),
                              t('vr.flag.clusterWhat', { by: t(`vr.by.${c.by}`), hash: c.hash.slice(0, 12) }),
                            ),
                          ),
                      },
                    ]}
                  />
                </SectionCard>
              </Col>
              <Col xs={24} xl={12}>
                <SectionCard size="small" title={t('vr.integrity.newWorkers')} testId="integrity-new-workers">
                  <Typography.Paragraph type="secondary">
                    {t('vr.integrity.newWorkersNote')}
                  </Typography.Paragraph>
                  <Table
                    size="small"
                    rowKey="candidateId"
                    pagination={false}
                    dataSource={[...a.newWorkers].sort((x, y) => y.shareX10000 - x.shareX10000)}
                    locale={{ emptyText: t('vr.integrity.none') }}
                    columns={[
                      {
                        key: 'candidate',
                        title: t('vr.col.candidate'),
                        render: (_, n) => nameOf(n.candidateId),
                      },
                      {
                        key: 'share',
                        title: t('vr.col.share'),
                        render: (_, n) => formatShareX10000(n.shareX10000),
                      },
                      // Absent while per-candidate totals are hidden: the share stays, the counts do not.
                      { key: 'votes', title: t('vr.col.votes'), render: (_, n) => formatCount(n.votes) },
                      {
                        key: 'new',
                        title: t('vr.col.newVotes'),
                        render: (_, n) => formatCount(n.newWorkerVotes),
                      },
                    ]}
                  />
                </SectionCard>
              </Col>
              <Col xs={24} xl={12}>
                <SectionCard size="small" title={t('vr.integrity.inhuman')} testId="integrity-inhuman">
                  <Table
                    size="small"
                    rowKey="workerRef"
                    pagination={false}
                    dataSource={a.inhuman}
                    locale={{ emptyText: t('vr.integrity.none') }}
                    columns={[
                      {
                        key: 'ref',
                        title: t('vr.col.workerRef'),
                        render: (_, r) => <span className="vr-mono">{r.workerRef}</span>,
                      },
                      { key: 'pairs', title: t('vr.col.fastPairs'), dataIndex: 'fastPairs' },
                      { key: 'votes', title: t('vr.col.votes'), dataIndex: 'votes' },
                    ]}
                  />
                </SectionCard>
              </Col>
            </Row>
          ) : null}
          <SectionCard title={t('vr.flags')} testId="flags">
            {flags.isError ? <Alert type="error" showIcon title={errorText(flags.error)} /> : null}
            <FlagTable
              flags={flags.data?.items ?? []}
              loading={flags.isPending}
              nameOf={nameOf}
              actions={renderActions}
            />
          </SectionCard>
          <ReasonDialog request={dialog} onClose={() => setDialog(null)} />
        </div>
      )}
    </CampaignReviewHeader>
  );
}

/** The flags with their state, decision and appeal; shared with the nominating unit's page. */
export function FlagTable({
  flags,
  loading,
  nameOf,
  actions,
}: {
  flags: FlagView[];
  loading: boolean;
  nameOf: (id: string | null) => string;
  actions: (f: FlagView) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Table<FlagView>
      size="small"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={flags}
      locale={{ emptyText: t('vr.flags.empty') }}
      scroll={{ x: 'max-content' }}
      onRow={(f) => ({ 'data-testid': `flag-${f.id}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'candidate', title: t('vr.col.candidate'), render: (_, f) => nameOf(f.candidateId) },
        { key: 'ballots', title: t('vr.col.ballots'), dataIndex: 'ballotsCount' },
        {
          key: 'evidence',
          title: t('vr.col.evidence'),
          render: (_, f) => <div className="vr-note">{f.evidence}</div>,
        },
        { key: 'created', title: t('vr.col.createdAt'), render: (_, f) => formatDateTime(f.createdAt) },
        {
          key: 'state',
          title: t('vr.col.state'),
          render: (_, f) => (
            <Tag color={f.state === 'open' ? 'orange' : 'green'} data-testid={`flag-state-${f.id}`}>
              {t(`vr.flagState.${f.state}`)}
            </Tag>
          ),
        },
        {
          key: 'decision',
          title: t('vr.col.decision'),
          render: (_, f) =>
            f.decision ? (
              <Space direction="vertical" size={0}>
                <span data-testid={`flag-decision-${f.id}`}>{t(`vr.decision.${f.decision}`)}</span>
                <Typography.Text type="secondary" className="vr-note">
                  {f.decisionReason}
                </Typography.Text>
              </Space>
            ) : (
              '—'
            ),
        },
        {
          key: 'appeal',
          title: t('vr.col.appeal'),
          render: (_, f) =>
            f.appeal ? (
              <Space direction="vertical" size={0}>
                <Tag
                  color={f.appeal.state === 'submitted' ? 'orange' : 'blue'}
                  data-testid={`flag-appeal-state-${f.id}`}
                >
                  {t(`vr.appealState.${f.appeal.state}`)}
                </Tag>
                <div className="vr-note">{f.appeal.text}</div>
                {f.appeal.decisionReason ? (
                  <Typography.Text type="secondary" className="vr-note">
                    {f.appeal.decisionReason}
                  </Typography.Text>
                ) : null}
              </Space>
            ) : (
              t('vr.appeal.none')
            ),
        },
        { key: 'actions', title: t('common.actions'), render: (_, f) => actions(f) },
      ]}
    />
  );
}
