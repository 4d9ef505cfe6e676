import { useMemo } from 'react';
import { App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { PRIVILEGED_ROLES, type RoleName } from '../../../contracts/auth';
import type { Organisation } from '../../../contracts/organisation';
import type { User } from '../../../contracts/user';
import { useI18n } from '../../app/i18n';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useFormErrors } from '../../components/use-form-errors';
import { useRoles } from '../../components/session/hooks';
import { useSession } from '../../components/session/session';
import { useCreateUser, useUpdateUser } from './hooks';
import type { TempPassword } from './temp-password-dialog';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

interface UserFormValues {
  orgId?: string;
  username?: string;
  displayName: string;
  roles: RoleName[];
  password?: string;
}

const FIELDS = ['orgId', 'username', 'displayName', 'roles', 'password'] as const;

/** Roles only a platform admin may hand out (the server's rule too; it has the last word). */

interface UserFormProps {
  target: UserFormTarget;
  orgs: readonly Organisation[];
  onDone: () => void;
  onTempPassword: (value: TempPassword) => void;
}

function UserForm({ target, orgs, onDone, onTempPassword }: UserFormProps) {
  const { t, lang } = useI18n();
  const me = useSession();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [form] = Form.useForm<UserFormValues>();
  const orgId = Form.useWatch('orgId', form);
  const editing = target.mode === 'edit' ? target.user : null;
  // Your own roles and organisation are changed by someone else, never by yourself.
  const isSelf = editing?.id === me.userId;
  const saving = create.isPending || update.isPending;

  const orgById = useMemo(() => new Map(orgs.map((org) => [org.id, org])), [orgs]);
  const chosenOrg = orgId ? orgById.get(orgId) : undefined;
  const mayGrantPrivileged = me.roles.includes('platform_admin');

  const roleOptions = useMemo(() => {
    if (!chosenOrg) return [];
    return (roles.data?.items ?? [])
      .filter(
        (info) =>
          editing?.roles.includes(info.role) ||
          (info.orgKinds.includes(chosenOrg.kind) &&
            (mayGrantPrivileged || !PRIVILEGED_ROLES.includes(info.role))),
      )
      .map((info) => ({ value: info.role, label: lang === 'zh' ? info.zh : info.en }));
  }, [roles.data, chosenOrg, editing, mayGrantPrivileged, lang]);

  const onOrgChange = (next: string | undefined) => {
    const org = next ? orgById.get(next) : undefined;
    const current: RoleName[] = form.getFieldValue('roles') ?? [];
    const fits = (role: RoleName) =>
      Boolean(org && roles.data?.items.find((info) => info.role === role)?.orgKinds.includes(org.kind));
    form.setFieldsValue({ orgId: next, roles: current.filter(fits) });
  };

  const onFinish = (values: UserFormValues) => {
    const onError = (err: unknown) => showFormErrors(form, err, { fields: FIELDS });
    if (!editing) {
      const password = values.password?.trim() ? values.password : undefined;
      create.mutate(
        {
          orgId: values.orgId ?? '',
          username: (values.username ?? '').trim().toLowerCase(),
          displayName: values.displayName.trim(),
          roles: values.roles,
          ...(password ? { password } : {}),
        },
        {
          onSuccess: ({ user, temporaryPassword }) => {
            void message.success(t('user.created'));
            onDone();
            if (temporaryPassword) onTempPassword({ username: user.username, password: temporaryPassword });
          },
          onError,
        },
      );
      return;
    }
    // Only what changed: an unchanged role list must not trip the rule against editing yourself.
    const sameRoles =
      values.roles.length === editing.roles.length &&
      values.roles.every((role) => editing.roles.includes(role));
    update.mutate(
      {
        id: editing.id,
        body: {
          version: editing.version,
          ...(values.displayName.trim() !== editing.displayName
            ? { displayName: values.displayName.trim() }
            : {}),
          ...(values.orgId && values.orgId !== editing.orgId ? { orgId: values.orgId } : {}),
          ...(sameRoles ? {} : { roles: values.roles }),
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
  };

  const initialValues: Partial<UserFormValues> = editing
    ? { orgId: editing.orgId, displayName: editing.displayName, roles: editing.roles }
    : { roles: [] };

  return (
    <Form<UserFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={saving}
    >
      <Form.Item
        name="orgId"
        label={t('user.org')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('user.org') }) }]}
      >
        <OrgTreeSelect
          orgs={orgs}
          testId="user-form-org"
          isDisabled={(org) => org.status !== 'active'}
          onChange={onOrgChange}
          disabled={isSelf}
        />
      </Form.Item>
      {editing ? (
        <Form.Item label={t('user.username')}>
          <Typography.Text strong>{editing.username}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('user.usernameHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('user.username') }),
            },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, message: t('user.usernameHint') },
          ]}
        >
          <Input
            data-testid="user-form-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
          />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('user.displayName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('user.displayName') }),
          },
          { max: 50 },
        ]}
      >
        <Input data-testid="user-form-displayname" maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('user.roles')}
        extra={chosenOrg ? t('user.rolesHint') : t('user.chooseOrgFirst')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.at least one role') }]}
      >
        <Select<RoleName[]>
          mode="multiple"
          data-testid="user-form-roles"
          options={roleOptions}
          loading={roles.isPending}
          disabled={isSelf || !chosenOrg}
          optionFilterProp="label"
        />
      </Form.Item>
      {editing ? null : (
        <Form.Item
          name="password"
          label={t('user.password')}
          extra={t('user.passwordHint')}
          rules={[{ min: 10, message: t('password.tooShort') }]}
        >
          <Input.Password data-testid="user-form-password" autoComplete="new-password" />
        </Form.Item>
      )}
      <div className="uc-dialog-footer">
        {/* Stays usable while saving (the form disables everything else): the save goes on regardless. */}
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="user-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

export function UserFormDialog({
  target,
  orgs,
  onClose,
  onTempPassword,
}: {
  target: UserFormTarget | null;
  orgs: readonly Organisation[];
  onClose: () => void;
  onTempPassword: (value: TempPassword) => void;
}) {
  const { t } = useI18n();
  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('user.create')
      : t('user.editTitle', { name: target.user.displayName });
  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {target ? (
        <UserForm target={target} orgs={orgs} onDone={onClose} onTempPassword={onTempPassword} />
      ) : null}
    </Modal>
  );
}
