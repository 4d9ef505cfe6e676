import { Link } from 'react-router';
import { Alert, App, Card, Space, Tag, type TableProps } from 'antd';
import { MergeCellsOutlined, SplitCellsOutlined } from '@ant-design/icons';
import type { HouseholdSummary, MergeCandidateView } from '../../../../contracts/assistance';
import { PageQuery } from '../../../../contracts/common';
import type { MessageKey } from '../../../app/messages';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { useKeepApart, useMergeCandidates, useMergeHouseholds } from '../core/hooks';
import {
  ARCHIVE_STATE_LABELS,
  HOUSEHOLD_STATE_LABELS,
  MERGE_REASON_LABELS,
  SITUATION_LABELS,
  type LabelFn,
} from '../core/labels';
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

/** One side's heading: its link and whether it is a worker's own request. */
function Side({ pair, which }: { pair: MergeCandidateView; which: 'a' | 'b' }) {
  const { t } = useI18n();
  const h = pair[which];
  return (
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
}

/** The two households field by field, the differing rows marked. */
function Compare({ pair }: { pair: MergeCandidateView }) {
  const { t } = useI18n();
  const L = useLabels();
  return (
    <div className="uc-merge-table" role="table" aria-label={t('merge.compare')}>
      <div className="uc-merge-row uc-merge-head" role="row">
        <span role="columnheader" />
        <span role="columnheader">
          <Side pair={pair} which="a" />
        </span>
        <span role="columnheader">
          <Side pair={pair} which="b" />
        </span>
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
  );
}

/**
 * Which side may be kept: only the household with the archive (the server refuses the other way
 * round), and a worker's own request (no account) merges into the accepted household, never the
 * reverse. The reason a side cannot be kept, or undefined.
 */
function refusal(pair: MergeCandidateView, keep: 'a' | 'b'): MessageKey | undefined {
  const kept = keep === 'a' ? pair.a : pair.b;
  const other = keep === 'a' ? pair.b : pair.a;
  if (other.archiveNo) return 'merge.keepArchived';
  if (kept.state === 'unverified' && other.state !== 'unverified') return 'merge.keepVerified';
  return undefined;
}

/** 疑似重复: pairs with the same name and address that no ID number or phone proved one; a person decides. */
export function MergesPage() {
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const pairs = useMergeCandidates();
  const merge = useMergeHouseholds();
  const apart = useKeepApart();
  // The queue comes whole; the URL keeps the page the person is on.
  const { paging, onPage } = useUrlFilters(PageQuery, { keys: [] });
  const all = pairs.data ?? [];
  const last = Math.max(1, Math.ceil(all.length / paging.pageSize));
  const page = Math.min(paging.page, last);
  const shown = all.slice((page - 1) * paging.pageSize, page * paging.pageSize);

  const busy = (pair: MergeCandidateView) =>
    (merge.isPending && merge.variables.id === pair.id) || (apart.isPending && apart.variables === pair.id);

  const keepAction = (keep: 'a' | 'b'): RowAction<MergeCandidateView> => ({
    key: `keep-${keep}`,
    label: t(keep === 'a' ? 'merge.keepLeft' : 'merge.keepRight'),
    icon: <MergeCellsOutlined />,
    testId: () => `merge-keep-${keep}`,
    disabled: (pair) => busy(pair) || refusal(pair, keep) !== undefined,
    hint: (pair) => {
      const why = refusal(pair, keep);
      return why ? t(why) : undefined;
    },
    confirm: (pair) => ({
      title: t(keep === 'a' ? 'merge.keepLeft' : 'merge.keepRight'),
      content: t('merge.confirm', { name: (keep === 'a' ? pair.a : pair.b).headName }),
      okText: t('merge.do'),
      cancelText: t('common.cancel'),
    }),
    run: async (pair) => {
      try {
        await merge.mutateAsync({ id: pair.id, keep });
        void message.success(t('merge.merged'));
      } catch (err) {
        void message.error(errorText(err));
      }
    },
  });

  const { renderActions } = useRowActions<MergeCandidateView>(
    [
      keepAction('a'),
      keepAction('b'),
      {
        key: 'apart',
        label: t('merge.apart'),
        icon: <SplitCellsOutlined />,
        testId: () => 'merge-apart',
        disabled: busy,
        loading: (pair) => apart.isPending && apart.variables === pair.id,
        run: (pair) =>
          apart.mutate(pair.id, {
            onSuccess: () => void message.success(t('merge.keptApart')),
            onError: (err) => void message.error(errorText(err)),
          }),
      },
    ],
    { wrap: true },
  );

  const found = (pair: MergeCandidateView) => (
    <Space wrap>
      <Tag color="orange">{L(MERGE_REASON_LABELS, pair.reason)}</Tag>
      <span className="uc-muted uc-small">{formatDateTime(pair.createdAt)}</span>
    </Space>
  );

  const columns: TableProps<MergeCandidateView>['columns'] = [
    { key: 'reason', title: t('merge.reason'), width: 170, render: (_, pair) => found(pair) },
    { key: 'compare', title: t('merge.compare'), render: (_, pair) => <Compare pair={pair} /> },
    { key: 'actions', title: t('common.actions'), width: 160, render: (_, pair) => renderActions(pair) },
  ];

  return (
    <>
      <PageHeader title={t('merge.title')} />
      <Alert type="info" showIcon title={t('merge.intro')} style={{ marginBottom: 16 }} />
      {pairs.isError ? (
        <Alert type="error" showIcon title={errorText(pairs.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <PagedTable<MergeCandidateView>
          rows={shown}
          columns={columns}
          paging={{ page, pageSize: paging.pageSize, total: all.length }}
          onPage={onPage}
          loading={pairs.isFetching}
          errorText={pairs.isError ? errorText(pairs.error) : t('merge.none')}
          scrollX={900}
          testId="merge-list"
          rowTestIdPrefix="merge-pair"
          card={(pair) => ({
            title: found(pair),
            body: (
              <>
                <Compare pair={pair} />
                <div className="uc-merge-actions">{renderActions(pair)}</div>
              </>
            ),
          })}
        />
      </Card>
    </>
  );
}
