import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { AllianceMember } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { useAllianceOrgs } from '../core/home-division';
import {
  useAllianceMembers,
  useAllianceSummary,
  useCreateAllianceMember,
  useSetAllianceMemberStatus,
  useUpdateAllianceMember,
  type AllianceMemberChanges,
  type MemberListParams,
} from '../core/hooks';
import { MEMBER_STATUS_LABELS } from '../core/labels';
import { canDo } from '../permissions';
import { testButton } from '../../../components/test-button';
import { useLabels } from '../core/use-labels';

type Member = z.infer<typeof AllianceMember>;
type Target = { mode: 'create' } | { mode: 'edit'; member: Member };

interface MemberValues {
  orgId?: string;
  name: string;
  title?: string;
  phone?: string;
  removePhone?: boolean;
  joinedOn: Dayjs;
}

const FIELDS = ['orgId', 'name', 'title', 'phone', 'joinedOn'] as const;

function MemberForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const { orgs, loading } = useAllianceOrgs();
  const create = useCreateAllianceMember();
  const update = useUpdateAllianceMember();
  const [form] = Form.useForm<MemberValues>();
  const editing = target.mode === 'edit' ? target.member : null;
  const removePhone = Form.useWatch('removePhone', form);
  const saving = create.isPending || update.isPending;

  const onFinish = (v: MemberValues) => {
    const onError = (err: unknown) => showFormErrors(form, err, { fields: FIELDS });
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    const joinedOn = v.joinedOn.format('YYYY-MM-DD');
    if (!editing) {
      create.mutate(
        {
          orgId: v.orgId ?? '',
          name: v.name.trim(),
          joinedOn,
          ...(v.title?.trim() ? { title: v.title.trim() } : {}),
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        },
        { onSuccess, onError },
      );
      return;
    }
    // Only what changed; an empty phone box leaves the phone as it is, the box below removes it.
    const body: AllianceMemberChanges = { version: editing.version };
    if (v.orgId && v.orgId !== editing.orgId) body.orgId = v.orgId;
    if (v.name.trim() !== editing.name) body.name = v.name.trim();
    if ((v.title ?? '').trim() !== (editing.title ?? '')) body.title = (v.title ?? '').trim();
    if (v.removePhone) body.phone = '';
    else if (v.phone?.trim()) body.phone = v.phone.trim();
    if (joinedOn !== editing.joinedOn) body.joinedOn = joinedOn;
    update.mutate({ id: editing.id, body }, { onSuccess, onError });
  };

  return (
    <Form<MemberValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={
        editing
          ? {
              orgId: editing.orgId,
              name: editing.name,
              title: editing.title ?? '',
              joinedOn: dayjs(editing.joinedOn),
            }
          : { joinedOn: dayjs() }
      }
    >
      <Form.Item
        name="orgId"
        label={t('member.org')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('member.org') }) }]}
      >
        <OrgTreeSelect orgs={orgs} loading={loading} testId="member-form-org" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('member.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('member.name') }) },
        ]}
      >
        <Input maxLength={30} data-testid="member-form-name" autoComplete="off" />
      </Form.Item>
      <Form.Item name="title" label={t('member.title')}>
        <Input maxLength={30} data-testid="member-form-title" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('member.phone')}
        extra={editing?.phoneMasked ? t('member.phoneKeep', { phone: editing.phoneMasked }) : undefined}
      >
        <Input maxLength={20} data-testid="member-form-phone" autoComplete="off" disabled={removePhone} />
      </Form.Item>
      {editing?.phoneMasked ? (
        <Form.Item name="removePhone" valuePropName="checked">
          <Checkbox>{t('member.removePhone')}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item name="joinedOn" label={t('member.joinedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} data-testid="member-form-joined" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="member-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/** 联盟成员: who is in the alliance, by organisation; the federation adds, edits and lets people leave. */
export function MembersTab() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const { orgs, loading } = useAllianceOrgs();
  const [params, setParams] = useState<MemberListParams>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const members = useAllianceMembers(params);
  const summary = useAllianceSummary();
  const setStatus = useSetAllianceMemberStatus();
  const [target, setTarget] = useState<Target | null>(null);
  const manage = canDo(me, 'alliance.manage');

  const toggle = (m: Member) => {
    const leaving = m.status === 'active';
    modal.confirm({
      title: t(leaving ? 'member.leaveConfirm' : 'member.rejoinConfirm', { name: m.name }),
      okText: t(leaving ? 'member.leave' : 'member.rejoin'),
      okButtonProps: testButton('confirm-ok', { danger: leaving }),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await setStatus.mutateAsync({ id: m.id, step: leaving ? 'leave' : 'rejoin', version: m.version });
          void message.success(t('common.saved'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  const columns: TableProps<Member>['columns'] = [
    { key: 'name', title: t('member.name'), dataIndex: 'name', width: 110 },
    { key: 'org', title: t('member.org'), dataIndex: 'orgName' },
    { key: 'title', title: t('member.title'), render: (_, m) => m.title ?? '—' },
    {
      key: 'phone',
      title: t('member.phone'),
      render: (_, m) => <span className="uc-mono">{m.phoneMasked ?? '—'}</span>,
    },
    { key: 'username', title: t('member.username'), render: (_, m) => m.username ?? '—' },
    {
      key: 'status',
      title: t('member.status'),
      width: 90,
      render: (_, m) => (
        <Tag color={m.status === 'active' ? 'success' : 'default'}>{L(MEMBER_STATUS_LABELS, m.status)}</Tag>
      ),
    },
    { key: 'joined', title: t('member.joinedOn'), dataIndex: 'joinedOn', width: 110 },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_, m) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setTarget({ mode: 'edit', member: m })}
            data-testid={`member-edit-${m.id}`}
          >
            {t('member.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            danger={m.status === 'active'}
            onClick={() => toggle(m)}
            data-testid={`member-toggle-${m.id}`}
          >
            {m.status === 'active' ? t('member.leave') : t('member.rejoin')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <>
      {summary.data ? (
        <div className="uc-member-summary" data-testid="alliance-summary">
          <Statistic title={t('member.total')} value={summary.data.totalMembers} />
          <Space wrap size={[8, 8]}>
            {summary.data.partners.map((p) => (
              <Tag key={p.orgId} className="uc-partner-tag">
                {p.orgName} <Typography.Text strong>{p.members}</Typography.Text>
              </Tag>
            ))}
          </Space>
        </div>
      ) : null}
      <Space wrap className="uc-filters">
        <div style={{ width: 220 }}>
          <OrgTreeSelect
            orgs={orgs}
            loading={loading}
            allowClear
            placeholder={t('member.org')}
            value={params.orgId}
            onChange={(orgId) => setParams((p) => ({ ...p, orgId, page: 1 }))}
            testId="member-filter-org"
          />
        </div>
        <Input
          allowClear
          placeholder={t('member.search')}
          aria-label={t('member.search')}
          prefix={<SearchOutlined />}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            // Clearing the box shows everyone again at once.
            if (!e.target.value) setParams((p) => ({ ...p, q: undefined, page: 1 }));
          }}
          onPressEnter={() => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          style={{ width: 220 }}
          data-testid="member-filter-q"
        />
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create' })}
            data-testid="member-create"
          >
            {t('member.create')}
          </Button>
        ) : null}
      </Space>
      <Table<Member>
        rowKey="id"
        columns={columns}
        dataSource={members.data?.items ?? []}
        loading={members.isFetching}
        scroll={{ x: 900 }}
        locale={members.isError ? { emptyText: errorText(members.error) } : undefined}
        onChange={(pagination) =>
          setParams((p) => ({
            ...p,
            page: pagination.current ?? 1,
            pageSize: pagination.pageSize ?? p.pageSize,
          }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: members.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
        data-testid="member-table"
      />
      <Modal
        open={target !== null}
        title={
          target?.mode === 'edit' ? t('member.editTitle', { name: target.member.name }) : t('member.create')
        }
        onCancel={() => setTarget(null)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        {target ? <MemberForm target={target} onDone={() => setTarget(null)} /> : null}
      </Modal>
    </>
  );
}
