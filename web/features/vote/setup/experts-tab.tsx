import { useState } from 'react';
import { App, Button, Select, Space, Table, Tag, type TableProps } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { SectionCard } from '../../../components/section-card';
import {
  useAssignExpert,
  useConflicts,
  useExpertUsers,
  useExperts,
  useAllNominations,
  type Campaign,
  type Conflict,
  type Expert,
  type Nomination,
} from './api';
import { formatMean, NOMINATION_STATE_COLORS, NOMINATION_STATE_KEYS } from './labels';

/**
 * 评审专家 (the organiser): assign and revoke the campaign's experts, see what each has scored and
 * the conflicts they declared, and the score table of the eligible nominees.
 */
export function ExpertsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const experts = useExperts(campaign.id);
  const users = useExpertUsers();
  const conflicts = useConflicts(campaign.id);
  const nominations = useAllNominations(campaign.id);
  const assign = useAssignExpert();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const over = campaign.state === 'final' || campaign.state === 'cancelled';
  const assigned = new Set((experts.data?.items ?? []).map((e) => e.userId));

  const doAssign = () => {
    if (!picked) return;
    const name = users.data?.find((u) => u.id === picked)?.displayName ?? '';
    assign.mutate(
      { campaignId: campaign.id, userId: picked },
      {
        onSuccess: () => {
          setPicked(undefined);
          void message.success(t('voteSetup.exp.assigned', { name }));
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  const actions: RowAction<Expert & { id: string }>[] = [
    {
      key: 'revoke',
      label: t('voteSetup.exp.revoke'),
      testId: 'expert-revoke',
      danger: true,
      when: () => !over,
      confirm: (e) => ({
        title: t('voteSetup.exp.revokeConfirm', { name: e.displayName }),
        okText: t('voteSetup.exp.revoke'),
        cancelText: t('common.cancel'),
        danger: true,
      }),
      run: async (e) => {
        try {
          await assign.mutateAsync({ campaignId: campaign.id, userId: e.userId, revoke: true });
          void message.success(t('voteSetup.exp.revoked', { name: e.displayName }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    },
  ];
  const { renderActions } = useRowActions(actions);

  const expertColumns: TableProps<Expert & { id: string }>['columns'] = [
    { key: 'name', title: t('voteSetup.exp.name'), dataIndex: 'displayName', width: 160 },
    {
      key: 'at',
      title: t('voteSetup.exp.assignedAt'),
      width: 170,
      render: (_, e) => formatDateTime(e.assignedAt),
    },
    { key: 'scored', title: t('voteSetup.exp.scored'), dataIndex: 'scored', width: 90 },
    { key: 'conflicts', title: t('voteSetup.exp.conflicts'), dataIndex: 'conflicts', width: 90 },
    { key: 'actions', title: t('common.actions'), width: 120, render: (_, e) => renderActions(e) },
  ];
  const conflictColumns: TableProps<Conflict>['columns'] = [
    { key: 'expert', title: t('voteSetup.exp.name'), dataIndex: 'expertName', width: 140 },
    { key: 'nominee', title: t('voteSetup.nom.who'), dataIndex: 'nomineeName', width: 140 },
    { key: 'reason', title: t('voteSetup.exp.conflictReason'), dataIndex: 'reason' },
    {
      key: 'at',
      title: t('voteSetup.exp.declaredAt'),
      width: 170,
      render: (_, c) => formatDateTime(c.declaredAt),
    },
  ];
  const scored = (nominations.data?.items ?? []).filter((n) =>
    ['eligible', 'shortlisted', 'candidate', 'not_selected'].includes(n.state),
  );
  const scoreColumns: TableProps<Nomination>['columns'] = [
    { key: 'name', title: t('voteSetup.nom.who'), dataIndex: 'nomineeName', width: 140 },
    { key: 'unit', title: t('voteSetup.nom.unitName'), dataIndex: 'unitName', width: 220 },
    {
      key: 'mean',
      title: t('voteSetup.nom.mean'),
      width: 110,
      sorter: (a, b) => (a.preliminaryMeanX100 ?? -1) - (b.preliminaryMeanX100 ?? -1),
      defaultSortOrder: 'descend',
      render: (_, n) => <span data-testid={`score-mean-${n.id}`}>{formatMean(n.preliminaryMeanX100)}</span>,
    },
    { key: 'count', title: t('voteSetup.sl.scores'), dataIndex: 'scoreCount', width: 90 },
    {
      key: 'state',
      title: t('voteSetup.nom.state'),
      width: 120,
      render: (_, n) => (
        <Tag color={NOMINATION_STATE_COLORS[n.state]}>{t(NOMINATION_STATE_KEYS[n.state])}</Tag>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <SectionCard
        title={t('voteSetup.page.experts')}
        extra={
          over ? null : (
            <Space wrap>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 240 }}
                placeholder={t('voteSetup.exp.pick')}
                aria-label={t('voteSetup.exp.pick')}
                value={picked}
                onChange={setPicked}
                loading={users.isLoading}
                options={(users.data ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName} · ${u.orgName}`,
                  disabled: assigned.has(u.id),
                }))}
                data-testid="expert-pick"
              />
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                disabled={!picked}
                loading={assign.isPending}
                onClick={doAssign}
                data-testid="expert-assign"
              >
                {t('voteSetup.exp.assign')}
              </Button>
            </Space>
          )
        }
      >
        <Table<Expert & { id: string }>
          rowKey="id"
          size="small"
          pagination={false}
          columns={expertColumns}
          dataSource={(experts.data?.items ?? []).map((e) => ({ ...e, id: e.userId }))}
          loading={experts.isFetching}
          locale={{ emptyText: experts.isError ? errorText(experts.error) : t('voteSetup.exp.empty') }}
          onRow={(e) => ({ 'data-testid': `expert-row-${e.userId}` }) as object}
          data-testid="expert-table"
        />
      </SectionCard>
      <SectionCard title={t('voteSetup.exp.scoreTable')}>
        <Table<Nomination>
          rowKey="id"
          size="small"
          pagination={false}
          columns={scoreColumns}
          dataSource={scored}
          loading={nominations.isFetching}
          locale={{ emptyText: nominations.isError ? errorText(nominations.error) : t('voteSetup.sl.empty') }}
          data-testid="score-table"
        />
      </SectionCard>
      <SectionCard title={t('voteSetup.exp.conflictList')}>
        <Table<Conflict>
          rowKey="id"
          size="small"
          pagination={false}
          columns={conflictColumns}
          dataSource={conflicts.data?.items ?? []}
          loading={conflicts.isFetching}
          locale={{
            emptyText: conflicts.isError ? errorText(conflicts.error) : t('voteSetup.exp.noConflicts'),
          }}
          data-testid="conflict-table"
        />
      </SectionCard>
    </Space>
  );
}
