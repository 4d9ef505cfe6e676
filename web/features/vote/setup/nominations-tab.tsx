import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  List,
  Radio,
  Row,
  Segmented,
  Space,
  Tag,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { FEDERATION_KINDS } from '../../../../contracts/organisation';
import { NOMINATION_STATES, NominationQuery } from '../../../../contracts/vote';
import { apiDownload, saveDownload } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { FormDialog } from '../../../components/dialogs/form-dialog';
import { ReasonDialog, type ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { formatDateTime } from '../../../components/format';
import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { useOrgs } from '../../../components/orgs';
import { useSession } from '../../../components/session/session';
import { useFormErrors } from '../../../components/use-form-errors';
import {
  nominationFileUrl,
  useNominate,
  useNominations,
  useReviewNomination,
  useUploadNominationFile,
  type Campaign,
  type Nomination,
} from './api';
import {
  formatMean,
  mayVote,
  NOMINATION_STATE_COLORS,
  NOMINATION_STATE_KEYS,
  type NominationState,
} from './labels';

interface NominateValues {
  orgId?: string;
  source: 'unit' | 'online' | 'self';
  nomineeName: string;
  gender?: 'male' | 'female';
  idNumber: string;
  unitName: string;
  jobTitle?: string;
  story: string;
  achievements?: string;
}

const NOMINATE_FIELDS = [
  'orgId',
  'source',
  'nomineeName',
  'gender',
  'idNumber',
  'unitName',
  'jobTitle',
  'story',
  'achievements',
] as const;

/** 推荐人选: the nominee and their story; the files follow in the materials dialog. */
function NominateForm({
  campaign,
  onDone,
}: {
  campaign: Campaign;
  onDone: (created: Nomination | null) => void;
}) {
  const me = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const orgs = useOrgs();
  const nominate = useNominate();
  const [form] = Form.useForm<NominateValues>();
  const isFederation = (kind: string) => (FEDERATION_KINDS as readonly string[]).includes(kind);
  // A unit's cadre nominates for their own union: it is chosen already (the tree may still be loading).
  const ownUnit = me.roles.includes('grassroots_cadre') ? me.orgId : undefined;
  const sources = [
    'unit' as const,
    ...(campaign.rules.allowOnlineRecommendation ? ['online' as const] : []),
    ...(campaign.rules.allowSelfNomination ? ['self' as const] : []),
  ];

  const onFinish = (v: NominateValues) => {
    nominate.mutate(
      {
        campaignId: campaign.id,
        body: {
          orgId: v.orgId ?? '',
          source: v.source,
          nomineeName: v.nomineeName.trim(),
          gender: v.gender ?? 'male',
          idNumber: v.idNumber.trim(),
          unitName: v.unitName.trim(),
          jobTitle: v.jobTitle?.trim() ?? '',
          story: v.story.trim(),
          achievements: v.achievements?.trim() ?? '',
        },
      },
      {
        onSuccess: (n) => {
          void message.success(t('voteSetup.nom.submitted'));
          onDone(n);
        },
        onError: (err) => showFormErrors(form, err, { fields: NOMINATE_FIELDS }),
      },
    );
  };

  const required = (label: string) => [
    { required: true, whitespace: true, message: t('common.required', { field: label }) },
  ];

  return (
    <Form<NominateValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={nominate.isPending}
      initialValues={{ orgId: ownUnit, source: 'unit' }}
      data-testid="nominate-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="orgId"
            label={t('voteSetup.nom.org')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('voteSetup.nom.org') }) },
            ]}
          >
            <OrgTreeSelect
              orgs={orgs.data ?? []}
              loading={orgs.isLoading}
              isDisabled={(o) => isFederation(o.kind)}
              testId="nominate-org"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="source" label={t('voteSetup.nom.source')}>
            <Radio.Group
              data-testid="nominate-source"
              options={sources.map((s) => ({ value: s, label: t(`voteSetup.nom.source.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="nomineeName"
            label={t('voteSetup.nom.name')}
            rules={required(t('voteSetup.nom.name'))}
          >
            <Input maxLength={40} data-testid="nominate-name" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name="gender"
            label={t('voteSetup.nom.gender')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('voteSetup.nom.gender') }) },
            ]}
          >
            <Radio.Group
              data-testid="nominate-gender"
              options={[
                { value: 'male', label: t('voteSetup.nom.male') },
                { value: 'female', label: t('voteSetup.nom.female') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="idNumber"
            label={t('voteSetup.nom.idNumber')}
            extra={t('voteSetup.nom.idNumberHint')}
            rules={required(t('voteSetup.nom.idNumber'))}
          >
            <Input maxLength={18} data-testid="nominate-id" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="unitName"
            label={t('voteSetup.nom.unitName')}
            rules={required(t('voteSetup.nom.unitName'))}
          >
            <Input maxLength={120} data-testid="nominate-unit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="jobTitle" label={t('voteSetup.nom.jobTitle')}>
            <Input maxLength={80} data-testid="nominate-job" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="story" label={t('voteSetup.nom.story')} rules={required(t('voteSetup.nom.story'))}>
            <Input.TextArea rows={5} maxLength={6000} showCount data-testid="nominate-story" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="achievements" label={t('voteSetup.nom.achievements')}>
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="nominate-achievements" />
          </Form.Item>
        </Col>
      </Row>
      <div className="uc-dialog-footer">
        <Button onClick={() => onDone(null)}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={nominate.isPending} data-testid="nominate-submit">
          {t('voteSetup.nom.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** 推荐材料: the files of one nomination, and (while open) a photo or a supporting file to add. */
function FilesPanel({ nomination, editable }: { nomination: Nomination; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadNominationFile();
  const [files, setFiles] = useState(nomination.files);

  const pick = (kind: 'photo' | 'supporting') => (file: File) => {
    upload.mutate(
      { nominationId: nomination.id, kind, file },
      {
        onSuccess: (n) => {
          setFiles(n.files);
          void message.success(t('voteSetup.nom.uploaded', { name: file.name }));
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
    return Upload.LIST_IGNORE;
  };
  const open = async (id: string, name: string) => {
    try {
      saveDownload(await apiDownload(nominationFileUrl(id)), name);
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <div data-testid="nomination-files">
      {editable ? (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={pick('photo')}
            >
              <Button
                icon={<UploadOutlined />}
                loading={upload.isPending}
                data-testid="nomination-upload-photo"
              >
                {t('voteSetup.nom.photo')}
              </Button>
            </Upload>
            <Upload
              accept="application/pdf,image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={pick('supporting')}
            >
              <Button
                icon={<UploadOutlined />}
                loading={upload.isPending}
                data-testid="nomination-upload-supporting"
              >
                {t('voteSetup.nom.supporting')}
              </Button>
            </Upload>
          </Space>
          <div className="uc-muted uc-small" style={{ marginBottom: 8 }}>
            {t('voteSetup.nom.fileTypes')}
          </div>
        </>
      ) : null}
      <List
        size="small"
        bordered
        locale={{ emptyText: t('voteSetup.nom.noFiles') }}
        dataSource={files}
        renderItem={(f) => (
          <List.Item data-testid={`nomination-file-${f.id}`}>
            <Space>
              <Tag>{t(`voteSetup.nom.fileKind.${f.kind}`)}</Tag>
              <Button
                type="link"
                size="small"
                icon={<PaperClipOutlined />}
                onClick={() => void open(f.id, f.fileName)}
              >
                {f.fileName}
              </Button>
              <span className="uc-muted uc-small">{Math.ceil(f.sizeBytes / 1024)} KB</span>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

/** One nomination in full: story, achievements, the review, the materials. */
function NominationDetail({ nomination, editable }: { nomination: Nomination; editable: boolean }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {nomination.unitName}
        {nomination.jobTitle ? ` · ${nomination.jobTitle}` : ''} · {nomination.orgName} ·{' '}
        {nomination.idNumberMasked}
      </Typography.Text>
      <div>
        <Typography.Title level={5}>{t('voteSetup.nom.story')}</Typography.Title>
        <Typography.Paragraph className="uc-prewrap">{nomination.story}</Typography.Paragraph>
      </div>
      {nomination.achievements ? (
        <div>
          <Typography.Title level={5}>{t('voteSetup.nom.achievements')}</Typography.Title>
          <Typography.Paragraph className="uc-prewrap">{nomination.achievements}</Typography.Paragraph>
        </div>
      ) : null}
      {nomination.reasons.length ? (
        <Alert
          type="warning"
          showIcon
          title={nomination.reasons.join('；')}
          description={nomination.reviewNote}
        />
      ) : null}
      <Typography.Title level={5}>{t('voteSetup.nom.files')}</Typography.Title>
      <FilesPanel nomination={nomination} editable={editable} />
    </Space>
  );
}

/**
 * 推荐与审查: a unit's own nominations (and its button to nominate while nominations are open);
 * for the organiser every nomination with 通过 / 退回补充 / 不通过.
 */
const URL_KEYS = ['state'] as const;

export function NominationsTab({ campaign }: { campaign: Campaign }) {
  const me = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  // The state and the page in the URL, beside the campaign page's tab (a page turn is pushed).
  const { filters, setFilters, paging, onPage } = useUrlFilters(NominationQuery, { keys: URL_KEYS });
  const state = filters.state;
  const nominations = useNominations(campaign.id, { ...paging, state });
  const review = useReviewNomination();
  const [nominating, setNominating] = useState(false);
  const [showing, setShowing] = useState<Nomination | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const mayNominate = mayVote(me, 'vote.nominate');
  const mayReview = mayVote(me, 'vote.review');
  const open = campaign.state === 'nominating';
  const now = Date.now();
  const inWindow =
    now >= Date.parse(campaign.timeline.nominationOpens) &&
    now <= Date.parse(campaign.timeline.nominationCloses);
  const materialsOpen = campaign.state === 'nominating' || campaign.state === 'reviewing';
  const reviewable = (n: Nomination) =>
    mayReview && materialsOpen && ['submitted', 'eligible', 'ineligible'].includes(n.state);

  const refuse = (n: Nomination, kind: 'return' | 'reject') =>
    setReasonRequest({
      title: t(kind === 'return' ? 'voteSetup.nom.returnTitle' : 'voteSetup.nom.rejectTitle', {
        name: n.nomineeName,
      }),
      note: t(kind === 'return' ? 'voteSetup.nom.returnNote' : 'voteSetup.nom.rejectNote'),
      okText: t(kind === 'return' ? 'voteSetup.nom.return' : 'voteSetup.nom.reject'),
      danger: kind === 'reject',
      run: async ({ reason }) => {
        await review.mutateAsync({
          id: n.id,
          body: {
            version: n.version,
            eligible: false,
            reasons: [reason],
            ...(kind === 'return' ? { note: t('voteSetup.nom.returnedPrefix') } : {}),
          },
        });
        void message.success(t('voteSetup.nom.reviewed'));
      },
    });

  const rowActions: RowAction<Nomination>[] = [
    {
      key: 'detail',
      label: t('voteSetup.nom.detail'),
      testId: 'nomination-detail',
      run: setShowing,
    },
    {
      key: 'pass',
      label: t('voteSetup.nom.pass'),
      testId: 'nomination-pass',
      when: (n) => reviewable(n) && n.state !== 'eligible',
      confirm: (n) => ({
        title: t('voteSetup.nom.passConfirm', { name: n.nomineeName }),
        okText: t('voteSetup.nom.pass'),
        cancelText: t('common.cancel'),
      }),
      run: async (n) => {
        try {
          await review.mutateAsync({ id: n.id, body: { version: n.version, eligible: true } });
          void message.success(t('voteSetup.nom.passed', { name: n.nomineeName }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    },
    {
      key: 'return',
      label: t('voteSetup.nom.return'),
      testId: 'nomination-return',
      when: (n) => reviewable(n) && n.state !== 'ineligible',
      run: (n) => refuse(n, 'return'),
    },
    {
      key: 'reject',
      label: t('voteSetup.nom.reject'),
      testId: 'nomination-reject',
      danger: true,
      when: (n) => reviewable(n) && n.state !== 'ineligible',
      run: (n) => refuse(n, 'reject'),
    },
  ];
  const { renderActions } = useRowActions(rowActions);

  const columns: TableProps<Nomination>['columns'] = [
    {
      key: 'who',
      title: t('voteSetup.nom.who'),
      width: 200,
      render: (_, n) => (
        <div>
          <Typography.Text strong>{n.nomineeName}</Typography.Text>{' '}
          <span className="uc-muted uc-small">
            {t(n.gender === 'male' ? 'voteSetup.nom.male' : 'voteSetup.nom.female')}
          </span>
          <div className="uc-mono uc-small">{n.idNumberMasked}</div>
        </div>
      ),
    },
    {
      key: 'unit',
      title: t('voteSetup.nom.unitName'),
      width: 200,
      render: (_, n) => (
        <div>
          <div>{n.unitName}</div>
          <div className="uc-muted uc-small">
            {n.jobTitle ? `${n.jobTitle} · ` : ''}
            {n.orgName}
          </div>
        </div>
      ),
    },
    {
      key: 'files',
      title: t('voteSetup.nom.files'),
      width: 80,
      render: (_, n) => (
        <span>
          <PaperClipOutlined /> {n.files.length}
        </span>
      ),
    },
    {
      key: 'state',
      title: t('voteSetup.nom.state'),
      width: 180,
      render: (_, n) => (
        <div>
          <Tag color={NOMINATION_STATE_COLORS[n.state]} data-testid={`nomination-state-${n.id}`}>
            {t(NOMINATION_STATE_KEYS[n.state])}
          </Tag>
          {n.reasons.length ? <div className="uc-small uc-muted">{n.reasons.join('；')}</div> : null}
        </div>
      ),
    },
    {
      key: 'mean',
      title: t('voteSetup.nom.mean'),
      width: 110,
      render: (_, n) => (
        <div>
          {formatMean(n.preliminaryMeanX100)}
          {n.scoreCount ? (
            <div className="uc-muted uc-small">{t('voteSetup.nom.scoreCount', { n: n.scoreCount })}</div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'date',
      title: t('voteSetup.nom.date'),
      width: 110,
      render: (_, n) => <span className="uc-nowrap">{formatDateTime(n.createdAt).slice(0, 10)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      fixed: 'right',
      render: (_, n) => renderActions(n),
    },
  ];

  return (
    <>
      {mayNominate && !open ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('voteSetup.nom.closed', {
            from: formatDateTime(campaign.timeline.nominationOpens).slice(0, 16),
            to: formatDateTime(campaign.timeline.nominationCloses).slice(0, 16),
          })}
        />
      ) : null}
      <Space
        wrap
        className="uc-filters"
        size={[12, 12]}
        style={{ justifyContent: 'space-between', width: '100%' }}
      >
        <Segmented<NominationState | 'all'>
          value={state ?? 'all'}
          onChange={(v) => setFilters({ state: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('voteSetup.list.all') },
            ...NOMINATION_STATES.map((s) => ({ value: s, label: t(NOMINATION_STATE_KEYS[s]) })),
          ]}
          data-testid="nomination-filter-state"
        />
        {mayNominate && open ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setNominating(true)}
            disabled={!inWindow}
            data-testid="nominate-button"
          >
            {t('voteSetup.nom.new')}
          </Button>
        ) : null}
      </Space>
      <PagedTable<Nomination>
        rows={nominations.data?.items ?? []}
        columns={columns}
        paging={{ page: paging.page, pageSize: paging.pageSize, total: nominations.data?.total ?? 0 }}
        onPage={onPage}
        loading={nominations.isFetching}
        errorText={nominations.isError ? errorText(nominations.error) : t('voteSetup.nom.empty')}
        testId="nomination-table"
        rowTestIdPrefix="nomination-row"
        scrollX={1100}
        card={(n) => ({
          title: (
            <span>
              <Typography.Text strong>{n.nomineeName}</Typography.Text>{' '}
              <span className="uc-mono uc-small">{n.idNumberMasked}</span>
            </span>
          ),
          extra: (
            <Tag color={NOMINATION_STATE_COLORS[n.state]} data-testid={`nomination-state-${n.id}`}>
              {t(NOMINATION_STATE_KEYS[n.state])}
            </Tag>
          ),
          actions: [renderActions(n)],
          body: (
            <Typography.Text type="secondary" className="uc-small">
              {n.unitName} · {n.orgName}
              <br />
              {t('voteSetup.nom.files')}：{n.files.length} · {t('voteSetup.nom.mean')}：
              {formatMean(n.preliminaryMeanX100)}
              {n.reasons.length ? (
                <>
                  <br />
                  {n.reasons.join('；')}
                </>
              ) : null}
            </Typography.Text>
          ),
        })}
      />
      <FormDialog
        open={nominating}
        title={t('voteSetup.nom.title')}
        onClose={() => setNominating(false)}
        width={760}
      >
        <NominateForm
          campaign={campaign}
          onDone={(created) => {
            setNominating(false);
            if (created) setShowing(created);
          }}
        />
      </FormDialog>
      <FormDialog
        open={showing !== null}
        title={showing ? t('voteSetup.nom.filesTitle', { name: showing.nomineeName }) : ''}
        onClose={() => setShowing(null)}
        width={720}
      >
        {showing ? <NominationDetail nomination={showing} editable={mayNominate && materialsOpen} /> : null}
      </FormDialog>
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
