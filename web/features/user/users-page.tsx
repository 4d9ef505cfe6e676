import { useState } from 'react';
import { App, Button, Card, Form, Grid, Input, Select, Space, Table, Tag, type TableProps } from 'antd';
import { LockOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { PRIVILEGED_ROLES, type RoleName } from '../../../contracts/auth';
import type { User } from '../../../contracts/user';
import { useErrorText, useI18n } from '../../app/i18n';
import { formatDateTime } from '../../components/format';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { useRoles } from '../../components/session/hooks';
import { can } from '../../components/session/permissions';
import { useRoleLabel } from '../../components/session/role-label';
import { useSession } from '../../components/session/session';
import { useOrgs } from '../../components/orgs';
import {
  useDisableUser,
  useEnableUser,
  useEndSessions,
  useResetPassword,
  useUsers,
  type UserListParams,
} from './hooks';
import { TempPasswordDialog, type TempPassword } from './temp-password-dialog';
import { UserFormDialog, type UserFormTarget } from './user-form-dialog';

interface FilterValues {
  q?: string;
  orgId?: string;
  role?: RoleName;
  status?: 'active' | 'disabled';
}

type SortField = UserListParams['sort'];
const SORTABLE: readonly SortField[] = ['username', 'displayName', 'createdAt', 'lastLoginAt'];
const isSortField = (value: unknown): value is SortField => SORTABLE.includes(value as SortField);

const FIRST_PAGE: UserListParams = { page: 1, pageSize: 20, sort: 'username', order: 'asc' };

export function UsersPage() {
  const me = useSession();
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const roleLabel = useRoleLabel();
  const { modal, message } = App.useApp();
  const [params, setParams] = useState<UserListParams>(FIRST_PAGE);
  const [filterForm] = Form.useForm<FilterValues>();
  const users = useUsers(params);
  const orgs = useOrgs();
  const roles = useRoles();
  const resetPassword = useResetPassword();
  const endSessions = useEndSessions();
  const disable = useDisableUser();
  const enable = useEnableUser();
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [tempPassword, setTempPassword] = useState<TempPassword | null>(null);
  // On a phone a pinned actions column would cover half the screen; there it scrolls with the rest.
  const isMobile = Grid.useBreakpoint().md === false;

  const mayCreate = can(me, 'user.create');
  const mayUpdate = can(me, 'user.update');
  const mayReset = can(me, 'user.reset_password');
  const mayDisable = can(me, 'user.disable');
  // The server's rule (user.policy mayAdminister): acting on an account needs the right to grant
  // every role it holds, and only a platform admin grants privileged roles.
  const mayAdminister = (user: User) =>
    me.roles.includes('platform_admin') || !user.roles.some((role) => PRIVILEGED_ROLES.includes(role));

  const applyFilters = (values: FilterValues) =>
    setParams((current) => ({
      ...current,
      page: 1,
      q: values.q?.trim() || undefined,
      orgId: values.orgId,
      role: values.role,
      status: values.status,
    }));

  const confirmReset = (user: User) =>
    modal.confirm({
      title: t('user.resetConfirm', { name: user.displayName }),
      content: t('user.resetHint'),
      okText: t('user.resetPassword'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const result = await resetPassword.mutateAsync({ id: user.id, version: user.version });
          if (result.temporaryPassword) {
            setTempPassword({ username: result.user.username, password: result.temporaryPassword });
          }
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

  const confirmEndSessions = (user: User) =>
    modal.confirm({
      title: t('user.endSessionsConfirm', { name: user.displayName }),
      content: t('user.endSessionsHint'),
      okText: t('user.endSessions'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await endSessions.mutateAsync({ id: user.id, version: user.version });
          void message.success(t('user.sessionsEnded'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

  const confirmToggle = (user: User) => {
    const active = user.status === 'active';
    modal.confirm({
      title: t(active ? 'user.disableConfirm' : 'user.enableConfirm', { name: user.displayName }),
      content: active ? t('user.disableHint') : undefined,
      okText: t(active ? 'user.disable' : 'user.enable'),
      okButtonProps: { danger: active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await (active ? disable : enable).mutateAsync({ id: user.id, version: user.version });
          void message.success(t(active ? 'user.disabled' : 'user.enabled'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  const sortOrderFor = (field: SortField) =>
    params.sort === field ? (params.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableProps<User>['columns'] = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('user.username'),
      sorter: true,
      sortOrder: sortOrderFor('username'),
    },
    {
      key: 'displayName',
      dataIndex: 'displayName',
      title: t('user.displayName'),
      sorter: true,
      sortOrder: sortOrderFor('displayName'),
    },
    { key: 'orgName', dataIndex: 'orgName', title: t('user.org') },
    {
      key: 'roles',
      title: t('user.roles'),
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.roles.map((role) => (
            <Tag key={role} color="red">
              {roleLabel(role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('user.status'),
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.status === 'active' ? (
            <Tag color="success">{t('user.status.active')}</Tag>
          ) : (
            <Tag>{t('user.status.disabled')}</Tag>
          )}
          {user.locked ? (
            <Tag color="warning" icon={<LockOutlined />} data-testid={`user-locked-${user.id}`}>
              {t('user.lockedTag')}
            </Tag>
          ) : null}
          {user.mustChangePassword ? <Tag color="processing">{t('user.mustChangeTag')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'lastLoginAt',
      dataIndex: 'lastLoginAt',
      title: t('user.lastLogin'),
      sorter: true,
      sortOrder: sortOrderFor('lastLoginAt'),
      width: 165,
      render: (value: string | null) => (value ? formatDateTime(value) : t('common.never')),
    },
  ];
  if (mayUpdate || mayReset || mayDisable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: isMobile ? undefined : 'right',
      width: lang === 'zh' ? 190 : 250,
      render: (_, user) =>
        mayAdminister(user) ? (
          <Space size={0} wrap>
            {mayUpdate ? (
              <Button
                type="link"
                size="small"
                onClick={() => setFormTarget({ mode: 'edit', user })}
                data-testid={`user-edit-${user.id}`}
              >
                {t('user.edit')}
              </Button>
            ) : null}
            {mayReset ? (
              <Button
                type="link"
                size="small"
                onClick={() => confirmReset(user)}
                data-testid={`user-reset-${user.id}`}
              >
                {t('user.resetPassword')}
              </Button>
            ) : null}
            {mayDisable && user.id !== me.userId && user.status === 'active' ? (
              <Button
                type="link"
                size="small"
                onClick={() => confirmEndSessions(user)}
                data-testid={`user-end-sessions-${user.id}`}
              >
                {t('user.endSessions')}
              </Button>
            ) : null}
            {mayDisable && user.id !== me.userId ? (
              <Button
                type="link"
                size="small"
                danger={user.status === 'active'}
                onClick={() => confirmToggle(user)}
                data-testid={`user-toggle-${user.id}`}
              >
                {user.status === 'active' ? t('user.disable') : t('user.enable')}
              </Button>
            ) : null}
          </Space>
        ) : null,
    });
  }

  const onTableChange: TableProps<User>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.order && isSortField(single.columnKey) ? single.columnKey : FIRST_PAGE.sort;
    const order = single?.order === 'descend' ? 'desc' : 'asc';
    setParams((current) => {
      const sortChanged = field !== current.sort || order !== current.order;
      return {
        ...current,
        sort: field,
        order,
        pageSize: pagination.pageSize ?? current.pageSize,
        page: sortChanged ? 1 : (pagination.current ?? 1),
      };
    });
  };

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          mayCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFormTarget({ mode: 'create' })}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form<FilterValues> form={filterForm} layout="inline" className="uc-filters" onFinish={applyFilters}>
          <Form.Item name="q">
            <Input
              allowClear
              placeholder={t('user.keyword')}
              aria-label={t('user.keyword')}
              prefix={<SearchOutlined />}
              style={{ width: 200 }}
              data-testid="user-filter-q"
            />
          </Form.Item>
          <Form.Item name="orgId" style={{ minWidth: 220 }}>
            <OrgTreeSelect
              orgs={orgs.data ?? []}
              loading={orgs.isPending}
              allowClear
              placeholder={t('user.org')}
              testId="user-filter-org"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select<RoleName>
              allowClear
              placeholder={t('user.roles')}
              aria-label={t('user.roles')}
              style={{ width: 170 }}
              data-testid="user-filter-role"
              options={(roles.data?.items ?? []).map((info) => ({
                value: info.role,
                label: lang === 'zh' ? info.zh : info.en,
              }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select<'active' | 'disabled'>
              allowClear
              placeholder={t('user.status')}
              aria-label={t('user.status')}
              style={{ width: 120 }}
              data-testid="user-filter-status"
              options={[
                { value: 'active', label: t('user.status.active') },
                { value: 'disabled', label: t('user.status.disabled') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="user-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  filterForm.resetFields();
                  setParams(FIRST_PAGE);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          onChange={onTableChange}
          scroll={{ x: 960 }}
          locale={users.isError ? { emptyText: errorText(users.error) } : undefined}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
          data-testid="user-table"
        />
      </Card>
      <UserFormDialog
        target={formTarget}
        orgs={orgs.data ?? []}
        onClose={() => setFormTarget(null)}
        onTempPassword={setTempPassword}
      />
      <TempPasswordDialog value={tempPassword} onClose={() => setTempPassword(null)} />
    </>
  );
}
