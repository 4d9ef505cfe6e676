import { FormDialog } from '../../../components/dialogs/form-dialog';
import { YuanInput } from '../../../components/money/money-input';
import { OrgSelect } from '../core/help-common';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type TableProps,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { z } from 'zod';
import type {
  ArchiveState as ArchiveStateSchema,
  Category,
  Cause,
  NeedKind as NeedKindSchema,
  Situation,
} from '../../../../contracts/assistance';
import type { MeasureKind, TemplatePreview } from '../../../../contracts/help';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';

import { useSession } from '../../../components/session/session';
import { useHomeDivision } from '../core/home-division';
import { useDivisions } from '../core/hooks';
import {
  ARCHIVE_STATES,
  ARCHIVE_STATE_LABELS,
  CATEGORIES,
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  CAUSES,
  CAUSE_LABELS,
  HOUSEHOLD_STATE_LABELS,
  NEED_KINDS,
  NEED_LABELS,
  SITUATIONS,
  SITUATION_LABELS,
} from '../core/labels';
import { formatYuan, fenToYuan, yuanToFen } from '../../../components/money/money';
import { canDo } from '../permissions';
import { testButton } from '../../../components/test-button';
import { useLabels } from '../core/use-labels';
import {
  useApplyTemplate,
  useCreateTemplate,
  usePreviewTemplate,
  useTemplates,
  useUpdateTemplate,
  type Template,
} from '../core/help-api';
import { rowTestId, useHelpOrgs } from '../core/help-common';
import { MEASURE_KINDS, MEASURE_KIND_LABELS } from '../core/help-labels';

type Preview = z.infer<typeof TemplatePreview>;
type ArchiveState = z.infer<typeof ArchiveStateSchema>;
type NeedKind = z.infer<typeof NeedKindSchema>;
type Target = { mode: 'create' } | { mode: 'edit'; template: Template };

interface MeasureValues {
  kind?: MeasureKind;
  description?: string;
  responsibleOrgId?: string;
  dueInDays?: number;
  value?: number | null;
}

interface TemplateValues {
  name: string;
  description?: string;
  criteria: {
    categories: Category[];
    causes: Cause[];
    situations: Situation[];
    archiveStates: ArchiveState[];
    householdStates: TemplateHouseholdState[];
    needKinds: NeedKind[];
    divisionCode?: string;
  };
  measures: MeasureValues[];
}

const DEFAULT_ARCHIVE_STATES: ArchiveState[] = ['archived', 'reported', 'approved'];
type TemplateHouseholdState = 'screened' | 'verifying' | 'archived' | 'assisted_below_standard';
/** Household states a template may select besides archive states (帮扶(未达标准) above all). */
const TEMPLATE_HOUSEHOLD_STATES: readonly TemplateHouseholdState[] = [
  'assisted_below_standard',
  'screened',
  'verifying',
  'archived',
];

/**
 * The server names nested fields `body.measures.1.description` / `body.criteria.causes`: shown
 * on the very field of the form; anything else only in the toast.
 */
function useTemplateErrors() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { tryT } = useI18n();
  return (form: FormInstance<TemplateValues>, err: unknown) => {
    if (isApiError(err)) {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const issue of err.fieldErrors) {
        const path = issue.field
          .replace(/^body\./, '')
          .split('.')
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
        if (path[0] === 'measures' && typeof path[1] === 'number' && path[2] === 'valueFen')
          path[2] = 'value';
        if (!['name', 'description', 'criteria', 'measures'].includes(String(path[0]))) continue;
        if (path[0] === 'measures' && path.length < 3) continue;
        fields.push({ name: path, errors: [tryT(`validation.${issue.message}`) ?? issue.message] });
      }
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    }
    void message.error(errorText(err));
  };
}

function TemplateForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showErrors = useTemplateErrors();
  const { orgs, loading } = useHelpOrgs();
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const [form] = Form.useForm<TemplateValues>();
  const editing = target.mode === 'edit' ? target.template : null;
  const saving = create.isPending || update.isPending;

  const areaOptions = [
    ...(home.base ? [{ value: home.base, label: home.baseName || home.base }] : []),
    ...(streets.data ?? []).map((d) => ({ value: d.code, label: d.name })),
  ];
  if (editing?.criteria.divisionCode && !areaOptions.some((o) => o.value === editing.criteria.divisionCode))
    areaOptions.push({ value: editing.criteria.divisionCode, label: editing.criteria.divisionCode });

  const onFinish = (v: TemplateValues) => {
    const c = v.criteria;
    const body = {
      name: v.name.trim(),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      criteria: {
        categories: c.categories ?? [],
        causes: c.causes ?? [],
        situations: c.situations ?? [],
        archiveStates: c.archiveStates ?? [],
        householdStates: c.householdStates ?? [],
        needKinds: c.needKinds ?? [],
        ...(c.divisionCode ? { divisionCode: c.divisionCode } : {}),
      },
      measures: v.measures.map((m) => ({
        kind: m.kind as MeasureKind,
        description: (m.description ?? '').trim(),
        responsibleOrgId: m.responsibleOrgId ?? '',
        dueInDays: m.dueInDays ?? 30,
        valueFen: yuanToFen(m.value) ?? 0,
      })),
    };
    const onError = (err: unknown) => showErrors(form, err);
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    if (editing)
      update.mutate({ id: editing.id, body: { ...body, version: editing.version } }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  const multi = <K extends string>(
    name: keyof TemplateValues['criteria'],
    label: string,
    values: readonly K[],
    table: Readonly<Record<K, { zh: string; en: string }>>,
    max: number,
  ) => (
    <Form.Item
      name={['criteria', name]}
      label={label}
      rules={[{ type: 'array', max, message: t('templates.tooMany', { max }) }]}
    >
      <Select
        mode="multiple"
        allowClear
        placeholder={t('templates.any')}
        data-testid={`template-criteria-${name}`}
        showSearch={{ optionFilterProp: 'label' }}
        options={values.map((v) => ({ value: v, label: L(table, v) }))}
      />
    </Form.Item>
  );

  return (
    <Form<TemplateValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={
        editing
          ? {
              name: editing.name,
              description: editing.description ?? '',
              criteria: { ...editing.criteria },
              measures: editing.measures.map((m) => ({
                kind: m.kind,
                description: m.description,
                responsibleOrgId: m.responsibleOrgId,
                dueInDays: m.dueInDays,
                value: fenToYuan(m.valueFen),
              })),
            }
          : {
              criteria: {
                categories: [],
                causes: [],
                situations: [],
                archiveStates: DEFAULT_ARCHIVE_STATES,
                householdStates: [],
                needKinds: [],
              },
              measures: [{ dueInDays: 30, value: 0 }],
            }
      }
    >
      <Form.Item
        name="name"
        label={t('templates.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('templates.name') }) },
        ]}
      >
        <Input maxLength={60} data-testid="template-form-name" placeholder={t('templates.nameHint')} />
      </Form.Item>
      <Form.Item name="description" label={t('templates.description')}>
        <Input.TextArea rows={2} maxLength={300} showCount data-testid="template-form-description" />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('templates.criteria')}
      </Divider>
      <Typography.Paragraph type="secondary" className="uc-small">
        {t('templates.criteriaHint')}
      </Typography.Paragraph>
      {multi('categories', t('templates.categories'), CATEGORIES, CATEGORY_LABELS, 3)}
      {multi('causes', t('templates.causes'), CAUSES, CAUSE_LABELS, 10)}
      {multi('situations', t('templates.situations'), SITUATIONS, SITUATION_LABELS, 10)}
      {multi('archiveStates', t('templates.archiveStates'), ARCHIVE_STATES, ARCHIVE_STATE_LABELS, 5)}
      {multi(
        'householdStates',
        t('templates.householdStates'),
        TEMPLATE_HOUSEHOLD_STATES,
        HOUSEHOLD_STATE_LABELS,
        4,
      )}
      {multi('needKinds', t('templates.needKinds'), NEED_KINDS, NEED_LABELS, 8)}
      <Form.Item name={['criteria', 'divisionCode']} label={t('templates.area')}>
        <Select
          allowClear
          placeholder={t('templates.anyArea')}
          loading={streets.isPending && Boolean(home.base)}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="template-criteria-area"
          options={areaOptions}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('templates.measures')}
      </Divider>
      <Form.List
        name="measures"
        rules={[
          {
            validator: async (_, list?: unknown[]) => {
              if (!list || list.length < 1) throw new Error(t('templates.needMeasure'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div className="uc-measure-row" key={field.key} data-testid={`template-measure-${index}`}>
                <Form.Item
                  name={[field.name, 'kind']}
                  label={t('plans.kind')}
                  rules={[
                    { required: true, message: t('common.requiredSelect', { field: t('plans.kind') }) },
                  ]}
                >
                  <Select
                    data-testid={`template-measure-kind-${index}`}
                    options={MEASURE_KINDS.map((k) => ({ value: k, label: L(MEASURE_KIND_LABELS, k) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'responsibleOrgId']}
                  label={t('plans.responsibleOrg')}
                  rules={[
                    {
                      required: true,
                      message: t('common.requiredSelect', { field: t('plans.responsibleOrg') }),
                    },
                  ]}
                >
                  <OrgSelect orgs={orgs} loading={loading} testId={`template-measure-org-${index}`} />
                </Form.Item>
                <Form.Item
                  className="uc-measure-row-wide"
                  name={[field.name, 'description']}
                  label={t('plans.description')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('common.required', { field: t('plans.description') }),
                    },
                  ]}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={300}
                    data-testid={`template-measure-description-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'dueInDays']}
                  label={t('templates.dueInDays')}
                  rules={[
                    { required: true, message: t('common.required', { field: t('templates.dueInDays') }) },
                  ]}
                >
                  <InputNumber<number>
                    min={1}
                    max={365}
                    precision={0}
                    suffix={t('templates.days')}
                    style={{ width: '100%' }}
                    data-testid={`template-measure-due-${index}`}
                  />
                </Form.Item>
                <Space align="end" style={{ width: '100%' }}>
                  <Form.Item
                    name={[field.name, 'value']}
                    label={t('templates.valuePerHousehold')}
                    style={{ flex: 1 }}
                  >
                    <YuanInput data-testid={`template-measure-value-${index}`} />
                  </Form.Item>
                  <Tooltip title={t('templates.removeMeasure')}>
                    <Button
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('templates.removeMeasure')}
                      data-testid={`template-measure-remove-${index}`}
                    />
                  </Tooltip>
                </Space>
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={fields.length >= 10}
              onClick={() => add({ dueInDays: 30, value: 0 })}
              data-testid="template-measure-add"
            >
              {t('templates.addMeasure')}
            </Button>
          </>
        )}
      </Form.List>
      <div className="uc-dialog-footer" style={{ marginTop: 16 }}>
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="template-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/** The criteria in words, as tags. */
function CriteriaTags({ template, areaNames }: { template: Template; areaNames: Map<string, string> }) {
  const { t } = useI18n();
  const L = useLabels();
  const c = template.criteria;
  const tags: string[] = [
    ...c.categories.map((x) => L(CATEGORY_LABELS, x)),
    ...c.causes.map((x) => L(CAUSE_LABELS, x)),
    ...c.situations.map((x) => L(SITUATION_LABELS, x)),
    ...c.needKinds.map((x) => `${t('templates.needPrefix')}${L(NEED_LABELS, x)}`),
    ...c.archiveStates.map((x) => L(ARCHIVE_STATE_LABELS, x)),
    ...(c.householdStates ?? []).map((x) => L(HOUSEHOLD_STATE_LABELS, x)),
  ];
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((text, i) => (
        <Tag key={`${text}-${i}`}>{text}</Tag>
      ))}
      {c.divisionCode ? <Tag color="blue">{areaNames.get(c.divisionCode) ?? c.divisionCode}</Tag> : null}
      {tags.length === 0 && !c.divisionCode ? <span className="uc-muted">{t('templates.any')}</span> : null}
    </Space>
  );
}

function PreviewBody({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const L = useLabels();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="preview-dialog">
      <Space size={32} wrap>
        <Statistic title={t('templates.matching')} value={preview.matching} />
        <Statistic title={t('templates.alreadyApplied')} value={preview.alreadyApplied} />
        <Statistic
          title={t('templates.toApply')}
          value={preview.toApply}
          styles={{ content: { color: '#c8102e' } }}
          data-testid="preview-count"
        />
      </Space>
      {preview.households.length > 0 ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 480, y: 320 }}
          dataSource={preview.households}
          columns={[
            {
              key: 'name',
              title: t('plans.household'),
              render: (_, h) => (
                <Link to={`/alliance/households/${h.id}`} target="_blank">
                  {h.headName}
                </Link>
              ),
            },
            { key: 'division', title: t('templates.division'), dataIndex: 'divisionName' },
            {
              key: 'category',
              title: t('templates.category'),
              render: (_, h) =>
                h.category ? (
                  <Tag color={CATEGORY_COLORS[h.category]}>{L(CATEGORY_LABELS, h.category)}</Tag>
                ) : (
                  '—'
                ),
            },
            {
              key: 'no',
              title: t('templates.archiveNo'),
              render: (_, h) => <span className="uc-mono uc-small">{h.archiveNo ?? '—'}</span>,
            },
          ]}
        />
      ) : null}
      {preview.households.length < preview.toApply + preview.alreadyApplied ? (
        <Typography.Text type="secondary" className="uc-small">
          {t('templates.firstOnly', { n: preview.households.length })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** 同类同策: one plan for every household that fits; preview who it touches, apply (twice does nothing). */
export function TemplatesTab() {
  const me = useSession();
  const { t, lang } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const templates = useTemplates();
  const preview = usePreviewTemplate();
  const apply = useApplyTemplate();
  const [target, setTarget] = useState<Target | null>(null);
  const [previewing, setPreviewing] = useState<{ template: Template; preview: Preview } | null>(null);
  const [busy, setBusy] = useState<{ id: string; what: 'preview' | 'apply' } | null>(null);
  const manage = canDo(me, 'plan.template');
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  const areaNames = useMemo(
    () =>
      new Map([
        ...(home.base ? [[home.base, home.baseName] as const] : []),
        ...(streets.data ?? []).map((d) => [d.code, d.name] as const),
      ]),
    [home.base, home.baseName, streets.data],
  );

  const showPreview = (template: Template) => {
    setBusy({ id: template.id, what: 'preview' });
    preview.mutate(template.id, {
      onSuccess: (result) => setPreviewing({ template, preview: result }),
      onError: (err) => void message.error(errorText(err)),
      onSettled: () => setBusy(null),
    });
  };

  const confirmApply = (template: Template, result: Preview) => {
    if (result.toApply === 0) {
      void message.info(t('templates.nothingToApply', { skipped: result.alreadyApplied }));
      return;
    }
    modal.confirm({
      title: t('templates.applyConfirm', { name: template.name }),
      content: t('templates.applyCount', {
        n: result.toApply,
        skipped: result.alreadyApplied,
        measures: template.measures.length,
      }),
      okText: t('templates.apply'),
      okButtonProps: testButton('confirm-ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const done = await apply.mutateAsync(template.id);
          setPreviewing(null);
          void message.success(
            t('templates.applied', {
              n: done.applied,
              skipped: done.skipped,
              measures: done.measuresCreated,
            }),
            6,
          );
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  /** 应用: count first (a fresh preview), then confirm with that count. */
  const startApply = (template: Template) => {
    setBusy({ id: template.id, what: 'apply' });
    preview.mutate(template.id, {
      onSuccess: (result) => confirmApply(template, result),
      onError: (err) => void message.error(errorText(err)),
      onSettled: () => setBusy(null),
    });
  };

  const columns: TableProps<Template>['columns'] = [
    {
      key: 'name',
      title: t('templates.name'),
      width: 180,
      render: (_, tp) => (
        <div>
          <Typography.Text strong>{tp.name}</Typography.Text>
          {tp.status === 'archived' ? (
            <Tag style={{ marginInlineStart: 6 }}>{t('templates.archived')}</Tag>
          ) : null}
          {tp.description ? <div className="uc-small uc-muted">{tp.description}</div> : null}
        </div>
      ),
    },
    {
      key: 'criteria',
      title: t('templates.criteria'),
      width: 240,
      render: (_, tp) => <CriteriaTags template={tp} areaNames={areaNames} />,
    },
    {
      key: 'measures',
      title: t('templates.measures'),
      width: 300,
      render: (_, tp) => (
        <ul className="uc-template-measures">
          {tp.measures.map((m, i) => (
            <li key={i}>
              <Typography.Text strong>{L(MEASURE_KIND_LABELS, m.kind)}</Typography.Text> {m.description}
              <div className="uc-small uc-muted">
                {m.responsibleOrgName} · {t('templates.dueAfter', { n: m.dueInDays })}
                {m.valueFen ? ` · ${formatYuan(m.valueFen, lang)}` : ''}
              </div>
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'applied',
      title: t('templates.appliedCount'),
      width: 100,
      render: (_, tp) => (
        <span data-testid={`template-applied-${tp.id}`}>
          {t('templates.households', { n: tp.appliedCount })}
        </span>
      ),
    },
  ];
  if (manage)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      fixed: 'right',
      render: (_, tp) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setTarget({ mode: 'edit', template: tp })}
            data-testid={`template-edit-${tp.id}`}
          >
            {t('templates.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={busy?.id === tp.id && busy.what === 'preview'}
            disabled={busy !== null && busy.id !== tp.id}
            onClick={() => showPreview(tp)}
            data-testid={`template-preview-${tp.id}`}
          >
            {t('templates.preview')}
          </Button>
          {tp.status === 'active' ? (
            <Button
              type="link"
              size="small"
              icon={<PlayCircleOutlined />}
              loading={busy?.id === tp.id && busy.what === 'apply'}
              disabled={busy !== null && busy.id !== tp.id}
              onClick={() => startApply(tp)}
              data-testid={`template-apply-${tp.id}`}
            >
              {t('templates.apply')}
            </Button>
          ) : null}
        </Space>
      ),
    });

  return (
    <>
      <Space wrap className="uc-filters" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('templates.intro')}</Typography.Text>
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="template-create-button"
          >
            {t('templates.create')}
          </Button>
        ) : null}
      </Space>
      {templates.isError ? <Alert type="error" showIcon title={errorText(templates.error)} /> : null}
      <Table<Template>
        rowKey="id"
        columns={columns}
        dataSource={templates.data ?? []}
        loading={templates.isFetching}
        scroll={{ x: 1050 }}
        pagination={false}
        onRow={(tp) => rowTestId(`template-row-${tp.id}`)}
        data-testid="template-table"
      />
      <FormDialog
        open={target !== null}
        width={760}
        title={
          target?.mode === 'edit'
            ? t('templates.editTitle', { name: target.template.name })
            : t('templates.create')
        }
        onClose={() => setTarget(null)}
      >
        {target ? <TemplateForm target={target} onDone={() => setTarget(null)} /> : null}
      </FormDialog>
      <Modal
        open={previewing !== null}
        width={720}
        title={previewing ? t('templates.previewTitle', { name: previewing.template.name }) : ''}
        onCancel={() => setPreviewing(null)}
        destroyOnHidden
        footer={
          previewing ? (
            <Space>
              <Button onClick={() => setPreviewing(null)}>{t('common.close')}</Button>
              {manage && previewing.template.status === 'active' ? (
                <Button
                  type="primary"
                  icon={<PlayCircleOutlined />}
                  disabled={previewing.preview.toApply === 0}
                  onClick={() => confirmApply(previewing.template, previewing.preview)}
                  data-testid="preview-apply"
                >
                  {t('templates.applyN', { n: previewing.preview.toApply })}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      >
        {previewing ? <PreviewBody preview={previewing.preview} /> : null}
      </Modal>
    </>
  );
}
