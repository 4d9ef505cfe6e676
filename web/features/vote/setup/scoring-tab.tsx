import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { SCORE_CRITERIA } from '../../../../contracts/vote';
import { useErrorText, useI18n } from '../../../app/i18n';
import { FormDialog } from '../../../components/dialogs/form-dialog';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useFormErrors } from '../../../components/use-form-errors';
import { useDeclareConflict, useMyNominees, useScore, type Campaign, type ExpertNominee } from './api';
import { NOMINATION_STATE_COLORS, NOMINATION_STATE_KEYS } from './labels';

type Criterion = (typeof SCORE_CRITERIA)[number];
type ScoreValues = Record<Criterion, number | null> & { comment?: string };
type Row = ExpertNominee & { id: string };

/** Scoring is open while nominating and reviewing (初评) and during the expert review (终评). */
export const scoringOpen = (state: Campaign['state']) =>
  state === 'nominating' || state === 'reviewing' || state === 'expert_review';

function ScoreForm({
  nominee,
  stage,
  onDone,
}: {
  nominee: Row;
  stage: 'preliminary' | 'final';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const score = useScore();
  const [form] = Form.useForm<ScoreValues>();
  const mine = nominee.scores.find((s) => s.stage === stage);

  const onFinish = (v: ScoreValues) => {
    score.mutate(
      {
        nominationId: nominee.nominationId,
        body: {
          stage,
          criteria: {
            deeds: v.deeds ?? Number.NaN,
            innovation: v.innovation ?? Number.NaN,
            influence: v.influence ?? Number.NaN,
          },
          comment: v.comment?.trim() ?? '',
        },
      },
      {
        onSuccess: (s) => {
          void message.success(t('voteSetup.score.saved', { name: nominee.nomineeName, total: s.total }));
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, {
            fields: [...SCORE_CRITERIA, 'comment'],
            aliases: Object.fromEntries(SCORE_CRITERIA.map((c) => [`criteria.${c}`, c])),
          }),
      },
    );
  };

  return (
    <Form<ScoreValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={score.isPending}
      initialValues={{
        deeds: mine?.criteria.deeds ?? null,
        innovation: mine?.criteria.innovation ?? null,
        influence: mine?.criteria.influence ?? null,
        comment: mine?.comment ?? '',
      }}
      data-testid="score-form"
    >
      <Typography.Paragraph className="uc-prewrap" ellipsis={{ rows: 6, expandable: true }}>
        {nominee.story}
      </Typography.Paragraph>
      {nominee.achievements ? (
        <Typography.Paragraph type="secondary" className="uc-prewrap">
          {nominee.achievements}
        </Typography.Paragraph>
      ) : null}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('voteSetup.score.criteriaHint')} />
      <Row gutter={16}>
        {SCORE_CRITERIA.map((c) => (
          <Col xs={24} md={8} key={c}>
            <Form.Item
              name={c}
              label={t(`voteSetup.score.${c}`)}
              rules={[
                { required: true, message: t('common.required', { field: t(`voteSetup.score.${c}`) }) },
              ]}
            >
              <InputNumber
                min={0}
                max={100}
                precision={0}
                style={{ width: '100%' }}
                data-testid={`score-${c}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="comment" label={t('voteSetup.score.comment')}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="score-comment" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={score.isPending} data-testid="score-submit">
          {t('voteSetup.score.score')}
        </Button>
      </div>
    </Form>
  );
}

/** 我的评审 (an expert): the nominees assigned for the current stage, a score each, or a conflict. */
export function ScoringTab({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useMyNominees(campaign.id);
  const declare = useDeclareConflict();
  const [scoring, setScoring] = useState<Row | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const stage = list.data?.stage ?? 'preliminary';
  const open = scoringOpen(campaign.state);
  const rows: Row[] = (list.data?.items ?? []).map((n) => ({ ...n, id: n.nominationId }));
  const mine = (n: Row) => n.scores.find((s) => s.stage === stage);

  const actions: RowAction<Row>[] = [
    {
      key: 'score',
      label: t('voteSetup.score.score'),
      testId: 'nominee-score',
      when: (n) => open && !mine(n),
      run: setScoring,
    },
    {
      key: 'rescore',
      label: t('voteSetup.score.rescore'),
      testId: 'nominee-rescore',
      when: (n) => open && Boolean(mine(n)),
      run: setScoring,
    },
    {
      key: 'conflict',
      label: t('voteSetup.score.conflict'),
      testId: 'nominee-conflict',
      danger: true,
      run: (n) =>
        setReasonRequest({
          title: t('voteSetup.score.conflictTitle', { name: n.nomineeName }),
          note: t('voteSetup.score.conflictNote'),
          okText: t('voteSetup.score.conflict'),
          danger: true,
          reasonLabel: t('voteSetup.exp.conflictReason'),
          run: async ({ reason }) => {
            await declare.mutateAsync({
              campaignId: campaign.id,
              body: { nominationId: n.nominationId, reason },
            });
            void message.success(t('voteSetup.score.conflictDone'));
          },
        }),
    },
  ];
  const { renderActions } = useRowActions(actions);

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'who',
      title: t('voteSetup.nom.who'),
      width: 220,
      render: (_, n) => (
        <div>
          <Typography.Text strong>
            {n.number !== null ? `${t('voteSetup.cand.numbered', { n: n.number })} ` : ''}
            {n.nomineeName}
          </Typography.Text>
          <div className="uc-muted uc-small">
            {n.unitName}
            {n.jobTitle ? ` · ${n.jobTitle}` : ''}
          </div>
        </div>
      ),
    },
    {
      key: 'story',
      title: t('voteSetup.nom.story'),
      render: (_, n) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {n.story}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'state',
      title: t('voteSetup.nom.state'),
      width: 110,
      render: (_, n) => (
        <Tag color={NOMINATION_STATE_COLORS[n.state]}>{t(NOMINATION_STATE_KEYS[n.state])}</Tag>
      ),
    },
    {
      key: 'score',
      title: t('voteSetup.score.total'),
      width: 100,
      render: (_, n) => {
        const s = mine(n);
        return s ? (
          <Typography.Text strong data-testid={`nominee-total-${n.nominationId}`}>
            {s.total}
          </Typography.Text>
        ) : (
          <span className="uc-muted">{t('voteSetup.score.notScored')}</span>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      fixed: 'right',
      render: (_, n) => renderActions(n),
    },
  ];

  return (
    <>
      <Alert
        type={open ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          open
            ? t('voteSetup.score.stageNow', { stage: t(`voteSetup.score.stage.${stage}`) })
            : t('voteSetup.score.notOpen')
        }
      />
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: list.isError ? errorText(list.error) : t('voteSetup.score.empty') }}
        onRow={(n) => ({ 'data-testid': `nominee-row-${n.nominationId}` }) as object}
        data-testid="nominee-table"
      />
      {list.data?.conflicts.length ? (
        <Alert
          type="info"
          style={{ marginTop: 12 }}
          title={t('voteSetup.exp.conflictList')}
          description={list.data.conflicts.map((c) => `${c.nomineeName}：${c.reason}`).join('；')}
        />
      ) : null}
      <FormDialog
        open={scoring !== null}
        title={scoring ? t('voteSetup.score.title', { name: scoring.nomineeName }) : ''}
        onClose={() => setScoring(null)}
        width={680}
      >
        {scoring ? <ScoreForm nominee={scoring} stage={stage} onDone={() => setScoring(null)} /> : null}
      </FormDialog>
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
