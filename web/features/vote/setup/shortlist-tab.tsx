import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, type TableProps } from 'antd';
import { useErrorText, useI18n } from '../../../app/i18n';
import { testButton } from '../../../components/test-button';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { SectionCard } from '../../../components/section-card';
import { useSession } from '../../../components/session/session';
import {
  useCandidates,
  useDrawShortlist,
  useShortlist,
  type Campaign,
  type Candidate,
  type ShortlistLine,
} from './api';
import { CANDIDATE_STATE_KEYS, formatMean, mayVote } from './labels';
import { samePick } from './shortlist-pick';

type Line = ShortlistLine & { id: string };

/** 候选人: the candidates by number (everyone who reads the campaign). */
export function CandidatesCard({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const candidates = useCandidates(campaign.id);
  const columns: TableProps<Candidate>['columns'] = [
    { key: 'number', title: t('voteSetup.cand.number'), dataIndex: 'number', width: 70 },
    { key: 'name', title: t('voteSetup.cand.name'), dataIndex: 'name', width: 140 },
    { key: 'unit', title: t('voteSetup.cand.unit'), dataIndex: 'unitName' },
    {
      key: 'state',
      title: t('voteSetup.cand.state'),
      width: 100,
      render: (_, c) => <Tag>{t(CANDIDATE_STATE_KEYS[c.state])}</Tag>,
    },
  ];
  return (
    <SectionCard title={t('voteSetup.cand.title')} testId="candidates-card">
      <Table<Candidate>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={candidates.data?.items ?? []}
        loading={candidates.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: candidates.isError ? errorText(candidates.error) : t('voteSetup.cand.empty') }}
        onRow={(c) => ({ 'data-testid': `candidate-row-${c.number}` }) as object}
        data-testid="candidate-table"
      />
    </SectionCard>
  );
}

/**
 * 入围与候选人 (the organiser): the rule's shortlist by preliminary mean — ⌈factor × named⌉ — and
 * drawing it into numbered candidates; a pick other than the rule's needs a reason.
 */
export function ShortlistTab({ campaign }: { campaign: Campaign }) {
  const me = useSession();
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const may = mayVote(me, 'vote.shortlist');
  const shortlist = useShortlist(campaign.id, may);
  const draw = useDrawShortlist();
  const [picked, setPicked] = useState<string[] | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const view = shortlist.data;
  const lines: Line[] = (view?.lines ?? []).map((l) => ({ ...l, id: l.nominationId }));
  const byRule = lines.filter((l) => l.byRule).map((l) => l.nominationId);
  const selection = picked ?? byRule;
  const drawable = may && campaign.state === 'reviewing' && view !== undefined && !view.done;
  const ownPick = !samePick(selection, byRule);

  const run = () => {
    if (ownPick) {
      setReasonRequest({
        title: t('voteSetup.sl.pickReasonTitle'),
        note: t('voteSetup.sl.pickReasonNote'),
        okText: t('voteSetup.sl.drawPicked'),
        run: async ({ reason }) => {
          const r = await draw.mutateAsync({ campaignId: campaign.id, body: { pick: selection, reason } });
          setPicked(null);
          void message.success(t('voteSetup.sl.done', { n: r.size }));
        },
      });
      return;
    }
    void modal.confirm({
      title: t('voteSetup.sl.draw'),
      content: t('voteSetup.sl.drawConfirm', { n: byRule.length }),
      okText: t('voteSetup.sl.draw'),
      cancelText: t('common.cancel'),
      okButtonProps: testButton('shortlist-confirm'),
      onOk: async () => {
        try {
          const r = await draw.mutateAsync({ campaignId: campaign.id, body: {} });
          void message.success(t('voteSetup.sl.done', { n: r.size }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  const columns: TableProps<Line>['columns'] = [
    { key: 'rank', title: t('voteSetup.sl.rank'), dataIndex: 'rank', width: 70 },
    { key: 'name', title: t('voteSetup.nom.who'), dataIndex: 'nomineeName', width: 140 },
    { key: 'unit', title: t('voteSetup.nom.unitName'), dataIndex: 'unitName' },
    { key: 'mean', title: t('voteSetup.sl.mean'), width: 100, render: (_, l) => formatMean(l.meanX100) },
    { key: 'scores', title: t('voteSetup.sl.scores'), dataIndex: 'scores', width: 80 },
    {
      key: 'rule',
      title: t('voteSetup.sl.byRule'),
      width: 120,
      render: (_, l) => (l.byRule ? <Tag color="green">{t('voteSetup.sl.byRule')}</Tag> : null),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {may ? (
        <SectionCard
          title={t('voteSetup.page.shortlist')}
          testId="shortlist-card"
          extra={
            drawable ? (
              <Button
                type="primary"
                disabled={selection.length === 0}
                loading={draw.isPending}
                onClick={run}
                data-testid="shortlist-draw"
              >
                {ownPick ? t('voteSetup.sl.drawPicked') : t('voteSetup.sl.draw')}
              </Button>
            ) : null
          }
        >
          {view ? (
            <Alert
              type={view.done ? 'success' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="shortlist-working"
              title={`${t('voteSetup.sl.rule')}：${view.working}`}
              description={
                view.done
                  ? [
                      t('voteSetup.sl.done', { n: view.size }),
                      view.reason ? t('voteSetup.sl.reason', { reason: view.reason }) : '',
                    ]
                      .filter(Boolean)
                      .join('；')
                  : campaign.state !== 'reviewing'
                    ? t('voteSetup.sl.notReviewing')
                    : undefined
              }
            />
          ) : null}
          <Table<Line>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={lines}
            loading={shortlist.isFetching}
            pagination={false}
            rowSelection={
              drawable
                ? {
                    selectedRowKeys: selection,
                    onChange: (keys) => setPicked(keys.map(String)),
                    columnTitle: t('voteSetup.sl.pick'),
                  }
                : undefined
            }
            rowClassName={(l) => (view?.done && !l.picked ? 'uc-muted' : '')}
            locale={{ emptyText: shortlist.isError ? errorText(shortlist.error) : t('voteSetup.sl.empty') }}
            onRow={(l) => ({ 'data-testid': `shortlist-row-${l.nominationId}` }) as object}
            data-testid="shortlist-table"
          />
        </SectionCard>
      ) : null}
      <CandidatesCard campaign={campaign} />
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </Space>
  );
}
