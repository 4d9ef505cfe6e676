import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import {
  CalculatorOutlined,
  DownloadOutlined,
  PrinterOutlined,
  SendOutlined,
  CheckOutlined,
} from '@ant-design/icons';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { formatDateTime } from '../../../components/format';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { SectionCard } from '../../../components/section-card';
import { useSession } from '../../../components/session/session';
import { can } from '../../../components/session/permissions';
import { testButton } from '../../../components/test-button';
import { CampaignReviewHeader } from './campaign-review-header';
import { asReasonErrors } from './reason-errors';
import {
  downloadResult,
  useAnswerObjection,
  useComputeResult,
  useFinaliseResult,
  useObjections,
  usePublishResult,
  useResult,
  type Objection,
  type ResultLineView,
} from './review-api';
import { formatCount, formatX100, resultSteps } from './review-model';
import './review.css';

/** The ranking: each line's raw and cleaned votes, expert mean, each weighted part and the total. */
function RankingTable({ lines }: { lines: ResultLineView[] }) {
  const { t } = useI18n();
  const sorted = [...lines].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.number - b.number);
  return (
    <Table<ResultLineView>
      size="small"
      rowKey="candidateId"
      pagination={false}
      dataSource={sorted}
      scroll={{ x: 'max-content' }}
      data-testid="result-lines"
      onRow={(l) => ({ 'data-testid': `result-line-${l.number}` }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowRender: (l) => (
          <pre className="vr-working" data-testid={`result-line-working-${l.number}`}>
            {l.working}
          </pre>
        ),
        rowExpandable: (l) => l.working.length > 0,
      }}
      columns={[
        { key: 'rank', title: t('vr.col.rank'), render: (_, l) => l.rank ?? '—' },
        { key: 'number', title: t('vr.col.number'), dataIndex: 'number' },
        {
          key: 'name',
          title: t('vr.col.name'),
          render: (_, l) => (
            <Space size={4}>
              {l.name}
              {l.state !== 'active' ? (
                <Tag color="red" data-testid={`result-state-${l.number}`}>
                  {t(`vr.candidateState.${l.state}`)}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        { key: 'unit', title: t('vr.col.unit'), dataIndex: 'unitName' },
        { key: 'raw', title: t('vr.col.rawVotes'), render: (_, l) => formatCount(l.rawVotes) },
        {
          key: 'discounted',
          title: t('vr.col.discounted'),
          render: (_, l) => formatCount(l.discountedVotes),
        },
        { key: 'clean', title: t('vr.col.cleanVotes'), render: (_, l) => formatCount(l.cleanVotes) },
        { key: 'public', title: t('vr.col.publicScore'), render: (_, l) => formatX100(l.publicScoreX100) },
        { key: 'expert', title: t('vr.col.expertMean'), render: (_, l) => formatX100(l.expertMeanX100) },
        { key: 'scores', title: t('vr.col.expertScores'), dataIndex: 'expertScores' },
        {
          key: 'combined',
          title: t('vr.col.combined'),
          render: (_, l) => <strong>{formatX100(l.combinedX100)}</strong>,
        },
        {
          key: 'outcome',
          title: t('vr.col.outcome'),
          render: (_, l) =>
            l.outcome ? (
              <Tag color={l.outcome === 'named' ? 'red' : l.outcome === 'nominated' ? 'gold' : 'default'}>
                {t(`vr.outcome.${l.outcome}`)}
              </Tag>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** 异议: the notice's objections (masked authors), answered with whether they stand. */
function Objections({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSession();
  const errorText = useErrorText();
  const held = can(me, 'vote.objection.answer');
  const objections = useObjections(campaignId, held);
  const answer = useAnswerObjection();
  const [dialog, setDialog] = useState<ReasonRequest | null>(null);
  const actions: RowAction<Objection>[] = [
    {
      key: 'answer',
      label: t('vr.objection.answer'),
      testId: 'objection-answer',
      requires: 'vote.objection.answer',
      when: (o) => o.state === 'open',
      run: (o) =>
        setDialog({
          title: t('vr.objection.answerTitle'),
          note: o.text,
          okText: t('vr.objection.answer'),
          reasonLabel: t('vr.objection.answerText'),
          choice: {
            label: t('vr.objection.answerChoice'),
            testId: 'objection-upheld',
            options: [
              { value: 'no', label: t('vr.objection.rejected') },
              { value: 'yes', label: t('vr.objection.upheld') },
            ],
          },
          run: async ({ reason, kind }) => {
            try {
              await answer.mutateAsync({
                objectionId: o.id,
                body: { answer: reason, upheld: kind === 'yes' },
              });
              void message.success(t('vr.objection.answered'));
            } catch (err) {
              throw asReasonErrors(err, { answer: 'reason', upheld: 'kind' });
            }
          },
        }),
    },
  ];
  const { renderActions } = useRowActions(actions);
  if (!held) return null;
  return (
    <SectionCard title={t('vr.objections')} testId="objections">
      {objections.isError ? <Alert type="error" showIcon title={errorText(objections.error)} /> : null}
      <Table<Objection>
        size="small"
        rowKey="id"
        loading={objections.isPending}
        pagination={false}
        dataSource={objections.data?.items ?? []}
        locale={{ emptyText: t('vr.objections.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'candidate', title: t('vr.col.candidate'), render: (_, o) => o.candidateName ?? '—' },
          { key: 'text', title: t('vr.col.objection'), dataIndex: 'text' },
          { key: 'by', title: t('vr.col.by2'), dataIndex: 'byLabel' },
          { key: 'at', title: t('vr.col.createdAt'), render: (_, o) => formatDateTime(o.createdAt) },
          {
            key: 'state',
            title: t('vr.col.state'),
            render: (_, o) =>
              o.state === 'open' ? (
                <Tag color="orange">{t('vr.objection.open')}</Tag>
              ) : (
                <Tag color={o.upheld ? 'red' : 'green'}>
                  {t(o.upheld ? 'vr.objection.upheld' : 'vr.objection.rejected')}
                </Tag>
              ),
          },
          { key: 'answer', title: t('vr.col.answer'), render: (_, o) => o.answer ?? '—' },
          { key: 'actions', title: t('common.actions'), render: (_, o) => renderActions(o) },
        ]}
      />
      <ReasonDialog request={dialog} onClose={() => setDialog(null)} />
    </SectionCard>
  );
}

/**
 * 评选结果: compute (in expert review), the ranking with its working, 公示 (publish: the notice and
 * its objections open), the final list, certificates to print and the Excel export with its
 * formula. While totals are hidden the server sends no vote figure and exports no vote column; the
 * page says so rather than showing zeros.
 */
export function ResultPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const me = useSession();
  const errorText = useErrorText();
  const result = useResult(id);
  const compute = useComputeResult(id);
  const publish = usePublishResult(id);
  const finalise = useFinaliseResult(id);
  const [exporting, setExporting] = useState(false);
  const r = result.data;
  // No result yet: the server answers 404 (as for a campaign out of reach); the header has just
  // loaded the campaign, so here it means "not computed". vote.no_result is the same answer.
  const noResult =
    result.isError &&
    isApiError(result.error) &&
    (result.error.code === 'vote.no_result' || result.error.code === 'vote_campaign.not_found');

  const fail = (err: unknown) => void message.error(errorText(err));
  const runExport = async () => {
    setExporting(true);
    try {
      await downloadResult(id);
    } catch (err) {
      fail(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <CampaignReviewHeader campaignId={id} titleKey="vr.result.title">
      {(campaign) => {
        const steps = resultSteps(campaign.state, r ?? null);
        const buttons = (
          <Space wrap>
            {steps.includes('compute') && can(me, 'vote.result.compute') ? (
              <Button
                icon={<CalculatorOutlined />}
                loading={compute.isPending}
                onClick={() =>
                  compute.mutate(undefined, {
                    onSuccess: () => void message.success(t('vr.result.computed')),
                    onError: fail,
                  })
                }
                data-testid="result-compute"
              >
                {t('vr.result.compute')}
              </Button>
            ) : null}
            {r && steps.includes('publish') && can(me, 'vote.result.publish') ? (
              <Button
                type="primary"
                icon={<SendOutlined />}
                data-testid="result-publish"
                onClick={() =>
                  modal.confirm({
                    title: t('vr.result.publish'),
                    content: t('vr.result.publishConfirm'),
                    okText: t('vr.result.publish'),
                    cancelText: t('common.cancel'),
                    okButtonProps: testButton('confirm-ok'),
                    onOk: () =>
                      publish
                        .mutateAsync(r.version)
                        .then(() => void message.success(t('vr.result.published')))
                        .catch(fail),
                  })
                }
              >
                {t('vr.result.publish')}
              </Button>
            ) : null}
            {r && steps.includes('final') && can(me, 'vote.result.publish') ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                data-testid="result-final"
                onClick={() =>
                  modal.confirm({
                    title: t('vr.result.final'),
                    content: t('vr.result.finalConfirm'),
                    okText: t('vr.result.final'),
                    cancelText: t('common.cancel'),
                    okButtonProps: testButton('confirm-ok'),
                    onOk: () =>
                      finalise
                        .mutateAsync(r.version)
                        .then(() => void message.success(t('vr.result.finalised')))
                        .catch(fail),
                  })
                }
              >
                {t('vr.result.final')}
              </Button>
            ) : null}
            {r && can(me, 'vote.result.export') ? (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void runExport()}
                data-testid="result-export"
              >
                {t('vr.result.export')}
              </Button>
            ) : null}
            {r?.finalAt ? (
              <Link to={`/print/vote/campaigns/${encodeURIComponent(id)}/certificates`} target="_blank">
                <Button icon={<PrinterOutlined />} data-testid="result-certificates">
                  {t('vr.result.certificates')}
                </Button>
              </Link>
            ) : null}
          </Space>
        );
        return (
          <div className="vr-stack">
            {buttons}
            {result.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
            {result.isError && !noResult ? (
              <Alert type="error" showIcon title={errorText(result.error)} data-testid="result-error" />
            ) : null}
            {noResult ? (
              <Empty
                data-testid="result-none"
                description={
                  <>
                    <div>{t('vr.result.none')}</div>
                    <Typography.Text type="secondary">{t('vr.result.noneNote')}</Typography.Text>
                  </>
                }
              />
            ) : null}
            {r ? (
              <>
                {r.totalsHidden ? (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="result-totals-hidden"
                    title={t('vr.tally.hidden')}
                    description={t('vr.result.exportHidden')}
                  />
                ) : (
                  <Alert type="info" showIcon title={t('vr.result.exportNote')} />
                )}
                {r.openObjections > 0 ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('vr.objections.open', { count: r.openObjections })}
                  />
                ) : null}
                <SectionCard title={t('vr.result.working')} testId="result-working-card">
                  <Typography.Paragraph strong data-testid="result-formula">
                    {t('vr.result.formula', {
                      publicWeight: r.formula.publicWeight,
                      expertWeight: r.formula.expertWeight,
                      normalisation: t(`vr.norm.${r.formula.normalisation}`),
                    })}
                  </Typography.Paragraph>
                  <pre className="vr-working" data-testid="result-working">
                    {r.working}
                  </pre>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    {t('vr.result.times', {
                      computedAt: formatDateTime(r.computedAt),
                      publishedAt: r.publishedAt ? formatDateTime(r.publishedAt) : t('vr.result.notYet'),
                      finalAt: r.finalAt ? formatDateTime(r.finalAt) : t('vr.result.notYet'),
                    })}
                  </Typography.Paragraph>
                </SectionCard>
                <SectionCard title={t('vr.result.ranking')} testId="result-ranking">
                  <RankingTable lines={r.lines} />
                </SectionCard>
                {r.publishedAt ? <Objections campaignId={id} /> : null}
              </>
            ) : null}
          </div>
        );
      }}
    </CampaignReviewHeader>
  );
}
