import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Grid,
  Input,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { ArchiveListQuery, type ArchiveSummary } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { PagedTable } from '../../../components/list/paged-table';
import { useSession } from '../../../components/session/session';
import { AssessmentSteps, Verdict } from './calculator-panel';
import { ArchiveFacts } from './archive-facts';
import {
  useArchive,
  useArchiveStep,
  useArchives,
  useReturnArchive,
  type ArchiveListParams,
} from '../core/hooks';
import {
  ARCHIVE_STATES,
  ARCHIVE_STATE_COLORS,
  ARCHIVE_STATE_LABELS,
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  SITUATION_LABELS,
} from '../core/labels';
import { shortMask } from '../../../components/money/money';
import { canDo } from '../permissions';
import { useLabels } from '../core/use-labels';
import '../core/assistance.css';

type Row = z.infer<typeof ArchiveSummary>;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The upper federation's review: the household in short, the calculator's working, approve or return. */
function ReviewDrawer({ archiveId, onClose }: { archiveId: string | null; onClose: () => void }) {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const detail = useArchive(archiveId ?? undefined);
  const approve = useArchiveStep();
  const giveBack = useReturnArchive();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const archive = detail.data?.archive;
  const household = detail.data?.household;
  const mayReview = canDo(me, 'archive.review') && archive?.state === 'reported';
  const busy = approve.isPending || giveBack.isPending;

  const close = () => {
    setReason('');
    setReasonError(null);
    onClose();
  };

  const doApprove = () => {
    if (!archive) return;
    approve.mutate(
      { id: archive.id, step: 'approve', version: archive.version },
      {
        onSuccess: () => {
          void message.success(t('review.approved', { no: archive.archiveNo }));
          close();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  const doReturn = () => {
    if (!archive) return;
    if (!reason.trim()) {
      setReasonError(t('common.required', { field: t('review.returnReason') }));
      return;
    }
    giveBack.mutate(
      { id: archive.id, version: archive.version, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('review.returned', { no: archive.archiveNo }));
          close();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  return (
    <Drawer
      open={archiveId !== null}
      onClose={close}
      size={isMobile ? '100%' : 640}
      title={archive ? t('review.title', { no: archive.archiveNo }) : t('review.loading')}
      destroyOnHidden
      data-testid="archive-drawer"
    >
      {detail.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : null}
      {archive && household ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
            title={t('review.household')}
            items={[
              { key: 'name', label: t('hh.headName'), children: household.headName },
              { key: 'id', label: t('hh.idNumber'), children: shortMask(household.idNumberMasked) ?? '—' },
              {
                key: 'situation',
                label: t('hh.situation'),
                children: L(SITUATION_LABELS, household.situation),
              },
              {
                key: 'address',
                label: t('hh.address'),
                children: `${household.divisionName} ${household.addressDetail}`,
              },
              { key: 'size', label: t('hh.size'), children: t('hh.people', { n: household.householdSize }) },
              { key: 'org', label: t('hh.responsibleOrg'), children: household.responsibleOrgName ?? '—' },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('archive.card')}</Typography.Title>
            <ArchiveFacts archive={archive} />
          </div>
          <Card size="small" title={t('review.explanation')} data-testid="calc-panel">
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Verdict assessment={archive.explanation} />
              <AssessmentSteps assessment={archive.explanation} />
            </Space>
          </Card>
          {mayReview ? (
            <>
              <Divider style={{ margin: 0 }} />
              <Button
                type="primary"
                icon={<CheckOutlined />}
                block
                size="large"
                loading={approve.isPending}
                disabled={busy}
                onClick={doApprove}
                data-testid="archive-approve"
              >
                {t('review.approve')}
              </Button>
              <Form layout="vertical">
                <Form.Item
                  label={t('review.returnReason')}
                  validateStatus={reasonError ? 'error' : undefined}
                  help={reasonError ?? t('review.returnHint')}
                >
                  <Input.TextArea
                    rows={3}
                    maxLength={300}
                    showCount
                    value={reason}
                    onChange={(e) => {
                      setReason(e.target.value);
                      setReasonError(null);
                    }}
                    data-testid="archive-return-reason"
                  />
                </Form.Item>
                <Button
                  danger
                  icon={<RollbackOutlined />}
                  block
                  loading={giveBack.isPending}
                  disabled={busy}
                  onClick={doReturn}
                  data-testid="archive-return"
                >
                  {t('review.return')}
                </Button>
              </Form>
            </>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

/** What the URL carries: the state and the reviews-due switch. */
const URL_KEYS = ['state', 'reviewDue'] as const;

/** 档案审核: archives by state, the yearly reviews that are due; managers open the household, reviewers the drawer. */
export function ArchivesPage() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { filters, setFilters, paging, onPage } = useUrlFilters(ArchiveListQuery, { keys: URL_KEYS });
  const params: ArchiveListParams = {
    ...paging,
    state: filters.state,
    reviewDue: filters.reviewDue === 'true' || undefined,
  };
  const archives = useArchives(params);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const manager = canDo(me, 'archive.manage');
  const now = today();

  const open = (row: Row) => {
    if (manager) navigate(`/alliance/households/${row.householdId}`);
    else setReviewing(row.id);
  };

  const openButton = (r: Row) => (
    <Button type="link" size="small" onClick={() => open(r)} data-testid={`archive-open-${r.id}`}>
      {manager ? t('archive.openHousehold') : r.state === 'reported' ? t('review.open') : t('review.view')}
    </Button>
  );

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'no',
      title: t('hh.archiveNo'),
      width: 190,
      render: (_, r) => <span className="uc-mono uc-nowrap">{r.archiveNo}</span>,
    },
    { key: 'name', title: t('hh.headName'), dataIndex: 'headName', width: 110 },
    {
      key: 'category',
      title: t('hh.category'),
      width: 110,
      render: (_, r) => <Tag color={CATEGORY_COLORS[r.category]}>{L(CATEGORY_LABELS, r.category)}</Tag>,
    },
    {
      key: 'state',
      title: t('archive.state'),
      width: 100,
      render: (_, r) => <Tag color={ARCHIVE_STATE_COLORS[r.state]}>{L(ARCHIVE_STATE_LABELS, r.state)}</Tag>,
    },
    { key: 'jurisdiction', title: t('archive.jurisdiction'), dataIndex: 'jurisdictionName' },
    {
      key: 'reported',
      title: t('archive.reported'),
      width: 170,
      render: (_, r) => (r.reportedAt ? formatDateTime(r.reportedAt) : '—'),
    },
    {
      key: 'due',
      title: t('archive.reviewDue'),
      width: 130,
      render: (_, r) =>
        r.reviewDueOn <= now && r.state !== 'exited' ? (
          <Tag color="red">{r.reviewDueOn}</Tag>
        ) : (
          <span>{r.reviewDueOn}</span>
        ),
    },
    {
      key: 'open',
      title: t('common.actions'),
      width: 100,
      render: (_, r) => openButton(r),
    },
  ];

  return (
    <>
      <PageHeader title={t('archive.pageTitle')} />
      <Card>
        <Space wrap className="uc-filters" size={16}>
          <Select
            allowClear
            placeholder={t('archive.state')}
            aria-label={t('archive.state')}
            style={{ width: 150 }}
            value={params.state}
            onChange={(state) => setFilters({ state })}
            data-testid="archive-filter-state"
            options={ARCHIVE_STATES.map((s) => ({ value: s, label: L(ARCHIVE_STATE_LABELS, s) }))}
          />
          <Space>
            <Switch
              checked={Boolean(params.reviewDue)}
              onChange={(on) => setFilters({ reviewDue: on ? 'true' : undefined })}
              data-testid="archive-filter-due"
              aria-label={t('archive.reviewDueOnly')}
            />
            <span>{t('archive.reviewDueOnly')}</span>
          </Space>
        </Space>
        <PagedTable<Row>
          rows={archives.data?.items ?? []}
          columns={columns}
          paging={{ ...paging, total: archives.data?.total ?? 0 }}
          onPage={onPage}
          loading={archives.isFetching}
          errorText={archives.isError ? errorText(archives.error) : undefined}
          scrollX={1000}
          onRowClick={open}
          testId="archive-table"
          rowTestIdPrefix="archive-row"
          card={(r) => ({
            title: r.headName,
            extra: <Tag color={ARCHIVE_STATE_COLORS[r.state]}>{L(ARCHIVE_STATE_LABELS, r.state)}</Tag>,
            body: (
              <>
                <div className="uc-card-facts">
                  <span className="uc-mono">{r.archiveNo}</span>
                  <span>{L(CATEGORY_LABELS, r.category)}</span>
                  <span>{r.jurisdictionName}</span>
                  <span>
                    {t('archive.reviewDue')}：{r.reviewDueOn}
                  </span>
                </div>
                <div className="uc-card-actions">{openButton(r)}</div>
              </>
            ),
          })}
        />
      </Card>
      <ReviewDrawer archiveId={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
