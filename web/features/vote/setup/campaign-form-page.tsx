import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  ConfigProvider,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Switch,
  type FormInstance,
} from 'antd';
import { FEDERATION_KINDS } from '../../../../contracts/organisation';
import { TIMELINE_STEPS } from '../../../../contracts/vote';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import type { MessageKey } from '../../../app/messages';
import { formatDateTime } from '../../../components/format';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { useOrgs } from '../../../components/orgs';
import { PageHeader } from '../../../components/page-header';
import { SectionCard } from '../../../components/section-card';
import { useSession } from '../../../components/session/session';
import { NotFoundResult } from '../../../components/status-results';
import { useCampaign, useCreateCampaign, useUpdateCampaign, type Campaign } from './api';
import {
  createBody,
  defaultValues,
  fieldPathFor,
  updateBody,
  valuesOf,
  type CampaignValues,
  type FormFieldError,
} from './campaign-form';
import { KIND_KEYS } from './labels';

const STEP_KEYS: Record<(typeof TIMELINE_STEPS)[number], MessageKey> = {
  nominationOpens: 'voteSetup.step.nominationOpens',
  nominationCloses: 'voteSetup.step.nominationCloses',
  reviewCloses: 'voteSetup.step.reviewCloses',
  votingOpens: 'voteSetup.step.votingOpens',
  votingCloses: 'voteSetup.step.votingCloses',
  expertReviewCloses: 'voteSetup.step.expertReviewCloses',
  noticeOpens: 'voteSetup.step.noticeOpens',
  noticeCloses: 'voteSetup.step.noticeCloses',
};

/** Shows field errors (the contract's before sending, the server's after) on the nested fields. */
function useCampaignErrors() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { t, tryT } = useI18n();
  const mark = (form: FormInstance<CampaignValues>, errors: FormFieldError[]) => {
    const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const e of errors) {
      const key = e.path.join('.');
      const entry = byPath.get(key) ?? { name: e.path, errors: [] };
      entry.errors.push(tryT(`validation.${e.message}`) ?? e.message);
      byPath.set(key, entry);
    }
    form.setFields([...byPath.values()] as Parameters<typeof form.setFields>[0]);
  };
  return {
    /** The contract refused the values before they left. */
    local: (form: FormInstance<CampaignValues>, errors: FormFieldError[]) => {
      mark(form, errors);
      void message.error(t('voteSetup.form.check'));
    },
    /** The server refused them: its field errors in our words where we have them. */
    server: (form: FormInstance<CampaignValues>, err: unknown) => {
      if (isApiError(err)) {
        const coded = err.code === 'request.invalid' ? undefined : tryT(`error.${err.code}`);
        const errors: FormFieldError[] = [];
        for (const issue of err.fieldErrors) {
          const path = fieldPathFor(issue.field);
          if (path) errors.push({ path, message: coded ?? issue.message });
        }
        mark(form, errors);
      }
      void message.error(errorText(err));
    },
  };
}

function CampaignForm({ campaign }: { campaign?: Campaign }) {
  const me = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const orgs = useOrgs();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const errors = useCampaignErrors();
  const [form] = Form.useForm<CampaignValues>();
  const [refused, setRefused] = useState<string | null>(null);
  const frozen = campaign?.frozen ?? false;
  const initialValues = useMemo(
    () => (campaign ? valuesOf(campaign) : defaultValues(me.orgId, new Date())),
    [campaign, me.orgId],
  );
  const saving = create.isPending || update.isPending;
  const federations = (orgs.data ?? []).filter((o) =>
    (FEDERATION_KINDS as readonly string[]).includes(o.kind),
  );

  const onFinish = (values: CampaignValues) => {
    setRefused(null);
    if (!campaign) {
      const checked = createBody(values);
      if (!checked.ok) return errors.local(form, checked.errors);
      create.mutate(checked.body, {
        onSuccess: (c) => {
          void message.success(t('voteSetup.form.created'));
          void navigate(`/vote/campaigns/${c.id}`);
        },
        onError: (err) => errors.server(form, err),
      });
      return;
    }
    const checked = updateBody(values, campaign.version, frozen);
    if (!checked.ok) return errors.local(form, checked.errors);
    update.mutate(
      { id: campaign.id, body: checked.body },
      {
        onSuccess: (c) => {
          void message.success(t('voteSetup.form.saved'));
          void navigate(`/vote/campaigns/${c.id}`);
        },
        onError: (err) => {
          // Frozen since the page was opened (the clock passed the opening): the server's words.
          if (isApiError(err) && err.code === 'vote.rules_frozen')
            setRefused(t('voteSetup.rules.refused', { message: errorText(err) }));
          errors.server(form, err);
        },
      },
    );
  };

  const whole = (name: (string | number)[], label: MessageKey, min: number, max: number, testId: string) => (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[{ required: true, message: t('common.required', { field: t(label) }) }]}
    >
      <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Form<CampaignValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={saving}
      data-testid="campaign-form"
    >
      <SectionCard title={t('voteSetup.form.basics')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="orgId"
              label={t('voteSetup.form.org')}
              rules={[
                { required: true, message: t('common.requiredSelect', { field: t('voteSetup.form.org') }) },
              ]}
            >
              <OrgTreeSelect
                orgs={federations}
                loading={orgs.isLoading}
                disabled={Boolean(campaign)}
                testId="campaign-org"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('voteSetup.form.kind')} rules={[{ required: true }]}>
              <Radio.Group
                disabled={Boolean(campaign)}
                data-testid="campaign-kind"
                options={(['model_worker', 'craftsman', 'other'] as const).map((k) => ({
                  value: k,
                  label: t(KIND_KEYS[k]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t('voteSetup.form.title')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('voteSetup.form.title') }),
                },
              ]}
            >
              <Input maxLength={120} data-testid="campaign-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="year"
              label={t('voteSetup.form.year')}
              rules={[{ required: true, message: t('common.required', { field: t('voteSetup.form.year') }) }]}
            >
              <InputNumber
                min={2000}
                max={2100}
                precision={0}
                disabled={Boolean(campaign)}
                style={{ width: '100%' }}
                data-testid="campaign-year"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="coOrganisers"
              label={t('voteSetup.form.coOrganisers')}
              extra={t('voteSetup.form.coOrganisersHint')}
            >
              <Select mode="tags" tokenSeparators={['，', ',']} data-testid="campaign-co" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('voteSetup.form.summary')}>
              <Input.TextArea rows={3} maxLength={4000} showCount data-testid="campaign-summary" />
            </Form.Item>
          </Col>
        </Row>
      </SectionCard>

      {frozen ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '16px 0' }}
          data-testid="campaign-frozen"
          title={
            campaign?.rulesFrozenAt
              ? t('voteSetup.rules.frozen', { at: formatDateTime(campaign.rulesFrozenAt) })
              : t('voteSetup.rules.frozenNow')
          }
        />
      ) : null}
      {refused ? (
        <Alert
          type="error"
          showIcon
          style={{ margin: '16px 0' }}
          title={refused}
          data-testid="campaign-refused"
        />
      ) : null}

      <ConfigProvider componentDisabled={frozen || saving}>
        <SectionCard title={t('voteSetup.form.timeline')} extra={t('voteSetup.form.timeZone')}>
          <Row gutter={16}>
            {TIMELINE_STEPS.map((step) => (
              <Col xs={24} md={12} lg={6} key={step}>
                <Form.Item
                  name={['timeline', step]}
                  label={t(STEP_KEYS[step])}
                  rules={[
                    { required: true, message: t('common.requiredSelect', { field: t(STEP_KEYS[step]) }) },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    data-testid={`campaign-${step}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </SectionCard>

        <SectionCard title={t('voteSetup.form.rules')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t('voteSetup.rules.votesPerCandidatePerDay')}>
                <InputNumber value={1} disabled style={{ width: '100%' }} />
                <div className="uc-muted uc-small">{t('voteSetup.rules.votesPerCandidateFixed')}</div>
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {whole(
                ['rules', 'candidatesPerDay'],
                'voteSetup.rules.candidatesPerDay',
                1,
                500,
                'rules-candidates',
              )}
            </Col>
            <Col xs={24} md={8}>
              {whole(['rules', 'likesPerDay'], 'voteSetup.rules.likesPerDay', 0, 1000, 'rules-likes')}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['rules', 'tiersCounted']}
                label={t('voteSetup.rules.tiersCounted')}
                rules={[
                  {
                    required: true,
                    message: t('common.requiredSelect', { field: t('voteSetup.rules.tiersCounted') }),
                  },
                ]}
              >
                <Checkbox.Group
                  data-testid="rules-tiers"
                  options={[
                    { value: 'member', label: t('voteSetup.rules.tier.member') },
                    { value: 'public', label: t('voteSetup.rules.tier.public') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['rules', 'showTotals']} label={t('voteSetup.rules.showTotals')}>
                <Radio.Group
                  data-testid="rules-totals"
                  options={[
                    { value: 'live', label: t('voteSetup.rules.totals.live') },
                    { value: 'hidden', label: t('voteSetup.rules.totals.hidden') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {whole(
                ['rules', 'formula', 'publicWeight'],
                'voteSetup.rules.publicWeight',
                0,
                100,
                'rules-public-weight',
              )}
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['rules', 'formula', 'expertWeight']}
                label={t('voteSetup.rules.expertWeight')}
                extra={t('voteSetup.rules.weightsHint')}
                dependencies={[['rules', 'formula', 'publicWeight']]}
                rules={[
                  {
                    required: true,
                    message: t('common.required', { field: t('voteSetup.rules.expertWeight') }),
                  },
                  ({ getFieldValue }) => ({
                    validator: (_, v: number | null) =>
                      v === null ||
                      v === undefined ||
                      v + Number(getFieldValue(['rules', 'formula', 'publicWeight'])) === 100
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('voteSetup.rules.weightsHint'))),
                  }),
                ]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="rules-expert-weight"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['rules', 'formula', 'normalisation']}
                label={t('voteSetup.rules.normalisation')}
              >
                <Radio.Group
                  data-testid="rules-normalisation"
                  options={[
                    { value: 'max', label: t('voteSetup.rules.norm.max') },
                    { value: 'share', label: t('voteSetup.rules.norm.share') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </SectionCard>

        <SectionCard title={t('voteSetup.form.shortlist')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name={['rules', 'shortlistFactor']}
                label={t('voteSetup.rules.shortlistFactor')}
                extra={t('voteSetup.rules.shortlistFactorHint')}
                rules={[
                  {
                    required: true,
                    message: t('common.required', { field: t('voteSetup.rules.shortlistFactor') }),
                  },
                ]}
              >
                <InputNumber
                  min={1}
                  max={5}
                  step={0.1}
                  precision={1}
                  style={{ width: '100%' }}
                  data-testid="rules-factor"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {whole(['rules', 'finalCount'], 'voteSetup.rules.finalCount', 1, 500, 'rules-final-count')}
            </Col>
            <Col xs={24} md={8}>
              {whole(
                ['rules', 'nominatedCount'],
                'voteSetup.rules.nominatedCount',
                0,
                500,
                'rules-nominated-count',
              )}
            </Col>
            {(['allowOnlineRecommendation', 'allowSelfNomination', 'zeroOnConfirmedFraud'] as const).map(
              (k) => (
                <Col xs={24} md={8} key={k}>
                  <Form.Item name={['rules', k]} label={t(`voteSetup.rules.${k}`)} valuePropName="checked">
                    <Switch data-testid={`rules-${k}`} />
                  </Form.Item>
                </Col>
              ),
            )}
          </Row>
        </SectionCard>
      </ConfigProvider>

      <div className="uc-form-actions" style={{ marginTop: 16 }}>
        <Button
          onClick={() => void navigate(campaign ? `/vote/campaigns/${campaign.id}` : '/vote/campaigns')}
        >
          {t('common.cancel')}
        </Button>{' '}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="campaign-submit">
          {campaign ? t('voteSetup.form.save') : t('voteSetup.form.create')}
        </Button>
      </div>
    </Form>
  );
}

/** 新建评选: a draft campaign with its organisers, timeline and rules. */
export function CampaignNewPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('nav.campaignNew')} />
      <CampaignForm />
    </>
  );
}

/** 修改活动: the words always; the rules and timeline until voting opens (then read-only). */
export function CampaignEditPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const errorText = useErrorText();
  const campaign = useCampaign(id);
  if (campaign.isLoading) return <Skeleton active />;
  if (campaign.isError && isApiError(campaign.error) && campaign.error.status === 404)
    return <NotFoundResult />;
  if (!campaign.data) return <Alert type="error" showIcon title={errorText(campaign.error)} />;
  return (
    <>
      <PageHeader title={`${t('nav.campaignEdit')}：${campaign.data.title}`} />
      <CampaignForm key={campaign.data.version} campaign={campaign.data} />
    </>
  );
}
