import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Tag, Tooltip } from 'antd';
import { MergeCellsOutlined, SplitCellsOutlined } from '@ant-design/icons';
import type { HouseholdSummary, MergeCandidateView } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { useKeepApart, useMergeCandidates, useMergeHouseholds } from '../core/hooks';
import {
  ARCHIVE_STATE_LABELS,
  HOUSEHOLD_STATE_LABELS,
  MERGE_REASON_LABELS,
  SITUATION_LABELS,
  type LabelFn,
} from '../core/labels';
import { testButton } from '../../../components/test-button';
import { shortMask } from '../../../components/money/money';
import { useLabels } from '../core/use-labels';
import '../core/assistance.css';

interface Row {
  key: string;
  label: string;
  value: (h: HouseholdSummary) => string;
}

function rows(t: ReturnType<typeof useI18n>['t'], L: LabelFn): Row[] {
  return [
    { key: 'name', label: t('hh.headName'), value: (h) => h.headName },
    { key: 'id', label: t('hh.idNumber'), value: (h) => shortMask(h.idNumberMasked) ?? '—' },
    { key: 'phone', label: t('hh.phone'), value: (h) => h.phoneMasked ?? '—' },
    { key: 'division', label: t('hh.division'), value: (h) => h.divisionName },
    { key: 'address', label: t('hh.addressDetail'), value: (h) => h.addressDetail },
    { key: 'situation', label: t('hh.situation'), value: (h) => L(SITUATION_LABELS, h.situation) },
    { key: 'size', label: t('hh.size'), value: (h) => String(h.householdSize) },
    { key: 'state', label: t('hh.state'), value: (h) => L(HOUSEHOLD_STATE_LABELS, h.state) },
    {
      key: 'archive',
      label: t('hh.archiveNo'),
      value: (h) => (h.archiveNo ? `${h.archiveNo}（${L(ARCHIVE_STATE_LABELS, h.archiveState)}）` : '—'),
    },
    { key: 'org', label: t('hh.responsibleOrg'), value: (h) => h.responsibleOrgName ?? '—' },
    { key: 'screenings', label: t('hh.screenings'), value: (h) => String(h.screenings) },
    { key: 'last', label: t('hh.lastScreenedOn'), value: (h) => h.lastScreenedOn },
    { key: 'urgent', label: t('hh.urgentNeeds'), value: (h) => String(h.urgentOpen) },
  ];
}

function Pair({ pair }: { pair: MergeCandidateView }) {
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const merge = useMergeHouseholds();
  const apart = useKeepApart();
  const busy = merge.isPending || apart.isPending;
  // Only the household with the archive can be kept: the server refuses the other way round.
  const archivedA = Boolean(pair.a.archiveNo);
  const archivedB = Boolean(pair.b.archiveNo);

  const confirmMerge = (keep: 'a' | 'b') => {
    const kept = keep === 'a' ? pair.a : pair.b;
    modal.confirm({
      title: t(keep === 'a' ? 'merge.keepLeft' : 'merge.keepRight'),
      content: t('merge.confirm', { name: kept.headName }),
      okText: t('merge.do'),
      cancelText: t('common.cancel'),
      okButtonProps: testButton('confirm-ok'),
      onOk: async () => {
        try {
          await merge.mutateAsync({ id: pair.id, keep });
          void message.success(t('merge.merged'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  const keepApart = () =>
    apart.mutate(pair.id, {
      onSuccess: () => void message.success(t('merge.keptApart')),
      onError: (err) => void message.error(errorText(err)),
    });

  // A worker's own request (no account) merges into the accepted household, never the reverse.
  const unverifiedA = pair.a.state === 'unverified';
  const unverifiedB = pair.b.state === 'unverified';
  const side = (h: HouseholdSummary, which: string): ReactNode => (
    <Space size={4} wrap>
      <Link to={`/alliance/households/${h.id}`} data-testid={`merge-open-${which}-${pair.id}`}>
        {which === 'a' ? t('merge.left') : t('merge.right')} · {h.headName}
      </Link>
      {h.state === 'unverified' ? (
        <Tag color="orange" data-testid={`merge-self-report-${which}`}>
          {t('merge.selfReport')}
        </Tag>
      ) : null}
    </Space>
  );

  return (
    <Card
      className="uc-card"
      data-testid={`merge-pair-${pair.id}`}
      title={
        <Space wrap>
          <Tag color="orange">{L(MERGE_REASON_LABELS, pair.reason)}</Tag>
          <span className="uc-muted uc-small">{formatDateTime(pair.createdAt)}</span>
        </Space>
      }
    >
      <div className="uc-merge-table" role="table" aria-label={t('merge.compare')}>
        <div className="uc-merge-row uc-merge-head" role="row">
          <span role="columnheader" />
          <span role="columnheader">{side(pair.a, 'a')}</span>
          <span role="columnheader">{side(pair.b, 'b')}</span>
        </div>
        {rows(t, L).map((row) => {
          const a = row.value(pair.a);
          const b = row.value(pair.b);
          const differs = a !== b;
          return (
            <div
              key={row.key}
              role="row"
              className={`uc-merge-row${differs ? ' uc-merge-diff' : ''}`}
              data-diff={differs ? 'true' : 'false'}
            >
              <span role="rowheader" className="uc-muted">
                {row.label}
                {differs ? <span className="uc-visually-hidden">（{t('merge.differs')}）</span> : null}
              </span>
              <span role="cell">{a}</span>
              <span role="cell">{b}</span>
            </div>
          );
        })}
      </div>
      <Space wrap className="uc-merge-actions">
        <Tooltip
          title={
            archivedB
              ? t('merge.keepArchived')
              : unverifiedA && !unverifiedB
                ? t('merge.keepVerified')
                : undefined
          }
        >
          <Button
            type="primary"
            icon={<MergeCellsOutlined />}
            disabled={busy || archivedB || (unverifiedA && !unverifiedB)}
            onClick={() => confirmMerge('a')}
            data-testid="merge-keep-a"
          >
            {t('merge.keepLeft')}
          </Button>
        </Tooltip>
        <Tooltip
          title={
            archivedA
              ? t('merge.keepArchived')
              : unverifiedB && !unverifiedA
                ? t('merge.keepVerified')
                : undefined
          }
        >
          <Button
            type="primary"
            icon={<MergeCellsOutlined />}
            disabled={busy || archivedA || (unverifiedB && !unverifiedA)}
            onClick={() => confirmMerge('b')}
            data-testid="merge-keep-b"
          >
            {t('merge.keepRight')}
          </Button>
        </Tooltip>
        <Button
          icon={<SplitCellsOutlined />}
          disabled={busy}
          loading={apart.isPending}
          onClick={keepApart}
          data-testid="merge-apart"
        >
          {t('merge.apart')}
        </Button>
      </Space>
    </Card>
  );
}

/** 疑似重复: pairs with the same name and address that no ID number or phone proved one; a person decides. */
export function MergesPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const pairs = useMergeCandidates();
  return (
    <>
      <PageHeader title={t('merge.title')} />
      <Alert type="info" showIcon title={t('merge.intro')} style={{ marginBottom: 16 }} />
      {pairs.isPending ? <Skeleton active /> : null}
      {pairs.isError ? <Alert type="error" showIcon title={errorText(pairs.error)} /> : null}
      {pairs.data && pairs.data.length === 0 ? (
        <Card>
          <Empty description={t('merge.none')} />
        </Card>
      ) : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="merge-list">
        {(pairs.data ?? []).map((pair) => (
          <Pair key={pair.id} pair={pair} />
        ))}
      </Space>
    </>
  );
}
