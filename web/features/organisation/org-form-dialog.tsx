import { App, Button, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import {
  FEDERATION_KINDS,
  type CaringKind,
  type OrgKind,
  type Organisation,
} from '../../../contracts/organisation';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../components/use-form-errors';
import { useSession } from '../../components/session/session';
import { DivisionCascader } from './division-cascader';
import { useCreateOrg, useDivisionPath, useUpdateOrg } from './hooks';
import { CARING_KINDS, childKindsOf } from './org-kinds';

export type OrgFormTarget = { mode: 'create'; parent: Organisation } | { mode: 'edit'; org: Organisation };

interface OrgFormValues {
  kind: OrgKind;
  caringKind?: CaringKind;
  name: string;
  division: string[];
  contactPerson?: string;
  address?: string;
}

const FIELDS = ['kind', 'caringKind', 'name', 'division', 'contactPerson', 'address'] as const;
const ALIASES = { divisionCode: 'division' };

const blankToNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

function OrgForm({
  target,
  divisionChain,
  onDone,
}: {
  target: OrgFormTarget;
  divisionChain: string[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const [form] = Form.useForm<OrgFormValues>();
  const kind = Form.useWatch('kind', form);
  const childKinds = target.mode === 'create' ? childKindsOf(target.parent.kind) : [];
  const saving = create.isPending || update.isPending;
  // A federation's area is set by the federation above it or a platform admin, never by itself
  // (the server enforces it; the federation above cannot reach a lower federation's record here).
  const me = useSession();
  const areaLocked =
    target.mode === 'edit' &&
    (FEDERATION_KINDS as readonly string[]).includes(target.org.kind) &&
    !me.roles.includes('platform_admin');

  // Read once, when the dialog opens (the form is destroyed when it closes).
  const initialValues: Partial<OrgFormValues> =
    target.mode === 'edit'
      ? {
          kind: target.org.kind,
          caringKind: target.org.caringKind ?? undefined,
          name: target.org.name,
          division: divisionChain,
          contactPerson: target.org.contactPerson ?? undefined,
          address: target.org.address ?? undefined,
        }
      : { kind: childKinds.length === 1 ? childKinds[0] : undefined, division: divisionChain };

  const onFinish = (values: OrgFormValues) => {
    const divisionCode = values.division[values.division.length - 1];
    const caringKind = values.kind === 'caring_unit' ? (values.caringKind ?? null) : undefined;
    const common = {
      name: values.name.trim(),
      divisionCode,
      contactPerson: blankToNull(values.contactPerson),
      address: blankToNull(values.address),
      ...(caringKind !== undefined ? { caringKind } : {}),
    };
    const onError = (err: unknown) => showFormErrors(form, err, { fields: FIELDS, aliases: ALIASES });
    if (target.mode === 'create') {
      create.mutate(
        { parentId: target.parent.id, kind: values.kind, ...common },
        {
          onSuccess: () => {
            void message.success(t('org.created'));
            onDone();
          },
          onError,
        },
      );
    } else {
      update.mutate(
        {
          id: target.org.id,
          // The area is not sent when it is not the user's to set.
          body: {
            version: target.org.version,
            ...common,
            divisionCode: areaLocked ? undefined : divisionCode,
          },
        },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onDone();
          },
          onError,
        },
      );
    }
  };

  if (target.mode === 'create' && childKinds.length === 0) {
    return <Typography.Paragraph>{t('org.noChildKinds')}</Typography.Paragraph>;
  }

  return (
    <Form<OrgFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={saving}
    >
      {target.mode === 'create' ? (
        <Form.Item label={t('org.parent')}>
          <Typography.Text strong>{target.parent.name}</Typography.Text>
        </Form.Item>
      ) : null}
      <Form.Item
        name="kind"
        label={t('org.kind')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.kind') }) }]}
      >
        <Select<OrgKind>
          data-testid="org-form-kind"
          disabled={target.mode === 'edit'}
          options={(target.mode === 'edit' ? [target.org.kind] : childKinds).map((value) => ({
            value,
            label: t(`orgKind.${value}`),
          }))}
        />
      </Form.Item>
      {kind === 'caring_unit' ? (
        <Form.Item
          name="caringKind"
          label={t('org.caringKind')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.caringKind') }) }]}
        >
          <Select<CaringKind>
            data-testid="org-form-caring-kind"
            options={CARING_KINDS.map((value) => ({ value, label: t(`caringKind.${value}`) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('org.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) },
          { max: 100 },
        ]}
      >
        <Input data-testid="org-form-name" maxLength={100} />
      </Form.Item>
      <Form.Item
        name="division"
        label={t('org.division')}
        extra={areaLocked ? t('org.areaLockedHint') : undefined}
        rules={[
          {
            required: true,
            type: 'array',
            min: 1,
            message: t('common.requiredSelect', { field: t('org.division') }),
          },
        ]}
      >
        <DivisionCascader testId="org-form-division" disabled={areaLocked} />
      </Form.Item>
      <Form.Item name="contactPerson" label={t('org.contactPerson')} rules={[{ max: 50 }]}>
        <Input data-testid="org-form-contact" maxLength={50} />
      </Form.Item>
      <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
        <Input.TextArea
          data-testid="org-form-address"
          maxLength={200}
          autoSize={{ minRows: 1, maxRows: 3 }}
        />
      </Form.Item>
      <div className="uc-dialog-footer">
        {/* Stays usable while saving (the form disables everything else): the save goes on regardless. */}
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="org-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/** 新建下级 / 编辑: one form for both, the administrative division always picked, never typed. */
export function OrgFormDialog({ target, onClose }: { target: OrgFormTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const seedCode = target
    ? target.mode === 'edit'
      ? target.org.divisionCode
      : target.parent.divisionCode
    : undefined;
  const path = useDivisionPath(seedCode);
  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('org.createChildOf', { name: target.parent.name })
      : t('org.editTitle', { name: target.org.name });
  // A code the division table no longer knows should not block editing: start from an empty pick.
  const ready = !seedCode || !path.isPending;

  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {target && ready ? (
        <OrgForm target={target} divisionChain={(path.data ?? []).map((d) => d.code)} onDone={onClose} />
      ) : (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
    </Modal>
  );
}
