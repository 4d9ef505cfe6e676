import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberSummary } from '../../../../contracts/membership';
import type { Organisation } from '../../../../contracts/organisation';
import { isApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { FormDialog } from '../../../components/dialogs/form-dialog';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { useFormErrors } from '../../../components/use-form-errors';
import { fetchMember, useCreateMember, useLeaveMember, useTransferMember, useUpdateMember } from './hooks';
import {
  MEMBER_FORM_FIELDS,
  changesSomething,
  createBody,
  patchBody,
  type MemberFormValues,
} from './member-model';

/** A unit union (a grassroots organisation) is the only place a member can be. */
export const isUnit = (org: Organisation) => org.kind === 'grassroots' && org.status === 'active';

/** What a dialog of the roll is open for. */
export type MemberTarget =
  | { mode: 'create' }
  | { mode: 'edit'; member: MemberSummary }
  | { mode: 'leave'; member: MemberSummary }
  | { mode: 'transfer'; member: MemberSummary };

type FormValues = Omit<MemberFormValues, 'joinedOn'> & { joinedOn: Dayjs };

const DAY = 'YYYY-MM-DD';

/**
 * The record a dialog's write is based on. A stale-version answer (someone else changed the
 * member meanwhile) fetches the member as it is now: the dialog says so, and the next save is
 * based on the new version (the list reloads through the mutation's onSettled).
 */
function useBase(member: MemberSummary | null) {
  const [base, setBase] = useState<MemberSummary | null>(member);
  const [stale, setStale] = useState(false);
  const onStale = (err: unknown): boolean => {
    if (!base || !isApiError(err) || err.code !== 'member.stale') return false;
    setStale(true);
    void fetchMember(base.id).then(
      (now) => setBase(now),
      () => undefined,
    );
    return true;
  };
  return { base, stale, onStale };
}

function StaleAlert({ show }: { show: boolean }) {
  const { t } = useI18n();
  return show ? (
    <Alert
      type="warning"
      showIcon
      title={t('mr.stale')}
      style={{ marginBottom: 16 }}
      data-testid="mr-stale"
    />
  ) : null;
}

function MemberForm({
  member,
  orgs,
  orgsLoading,
  onDone,
}: {
  member: MemberSummary | null;
  orgs: Organisation[];
  orgsLoading: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const create = useCreateMember();
  const update = useUpdateMember();
  const [form] = Form.useForm<FormValues>();
  const { base, stale, onStale } = useBase(member);
  const saving = create.isPending || update.isPending;

  const onFinish = (v: FormValues) => {
    const values: MemberFormValues = { ...v, joinedOn: v.joinedOn.format(DAY) };
    const onError = (err: unknown) => {
      onStale(err);
      showFormErrors(form, err, { fields: MEMBER_FORM_FIELDS });
    };
    if (!base) {
      create.mutate(createBody(values), {
        onSuccess: () => {
          void message.success(t('mr.added'));
          onDone();
        },
        onError,
      });
      return;
    }
    const body = patchBody(base, values);
    if (!changesSomething(body)) {
      void message.info(t('mr.noChange'));
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, body },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onDone();
        },
        onError,
      },
    );
  };

  const required = (key: Parameters<typeof t>[0]) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: t(key) }),
  });

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={
        member
          ? {
              orgId: member.orgId,
              name: member.name,
              cardNumber: member.cardNumber ?? '',
              gender: member.gender ?? undefined,
              joinedOn: dayjs(member.joinedOn),
            }
          : { joinedOn: dayjs() }
      }
    >
      <StaleAlert show={stale} />
      {member ? (
        <Alert type="info" showIcon title={t('mr.idFixed')} style={{ marginBottom: 16 }} />
      ) : (
        <Form.Item
          name="orgId"
          label={t('mr.org')}
          extra={t('mr.unitOnly')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('mr.org') }) }]}
        >
          <OrgTreeSelect
            orgs={orgs}
            loading={orgsLoading}
            isDisabled={(org) => !isUnit(org)}
            testId="mr-form-org"
          />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('mr.name')} rules={[required('mr.name')]}>
        <Input maxLength={30} autoComplete="off" data-testid="mr-form-name" />
      </Form.Item>
      {member ? null : (
        <Form.Item name="idNumber" label={t('mr.idNumber')} rules={[required('mr.idNumber')]}>
          <Input maxLength={18} autoComplete="off" className="uc-mono" data-testid="mr-form-id" />
        </Form.Item>
      )}
      <Form.Item
        name="phone"
        label={t('mr.phone')}
        rules={member ? [] : [required('mr.phone')]}
        extra={member ? t('mr.phoneKeep', { phone: member.phoneMasked }) : undefined}
      >
        <Input maxLength={20} autoComplete="off" data-testid="mr-form-phone" />
      </Form.Item>
      <Form.Item name="cardNumber" label={t('mr.cardNumber')}>
        <Input maxLength={30} autoComplete="off" data-testid="mr-form-card" />
      </Form.Item>
      <Form.Item name="gender" label={t('mr.gender')}>
        <Radio.Group
          data-testid="mr-form-gender"
          options={[
            { value: 'male', label: t('mr.gender.male') },
            { value: 'female', label: t('mr.gender.female') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="joinedOn"
        label={t('mr.joinedOn')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('mr.joinedOn') }) }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="mr-form-joined" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="mr-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

interface LeaveValues {
  leftOn: Dayjs;
  reason?: string;
}

function LeaveForm({ member, onDone }: { member: MemberSummary; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const leave = useLeaveMember();
  const [form] = Form.useForm<LeaveValues>();
  const fresh = useBase(member);
  const { stale, onStale } = fresh;
  const base = fresh.base ?? member;

  const onFinish = (v: LeaveValues) => {
    const reason = v.reason?.trim();
    leave.mutate(
      {
        id: base.id,
        body: { version: base.version, leftOn: v.leftOn.format(DAY), ...(reason ? { reason } : {}) },
      },
      {
        onSuccess: () => {
          void message.success(t('mr.left'));
          onDone();
        },
        onError: (err) => {
          onStale(err);
          showFormErrors(form, err, { fields: ['leftOn', 'reason'] });
        },
      },
    );
  };

  return (
    <Form<LeaveValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={leave.isPending}
      initialValues={{ leftOn: dayjs() }}
    >
      <StaleAlert show={stale} />
      <Form.Item
        name="leftOn"
        label={t('mr.leftOn')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('mr.leftOn') }) }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="mr-leave-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('mr.leaveReason')}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="mr-leave-reason" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          danger
          htmlType="submit"
          loading={leave.isPending}
          data-testid="mr-leave-submit"
        >
          {t('mr.leaveSubmit')}
        </Button>
      </div>
    </Form>
  );
}

interface TransferValues {
  toOrgId?: string;
  reason: string;
}

function TransferForm({
  member,
  orgs,
  orgsLoading,
  onDone,
}: {
  member: MemberSummary;
  orgs: Organisation[];
  orgsLoading: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const transfer = useTransferMember();
  const [form] = Form.useForm<TransferValues>();
  const fresh = useBase(member);
  const { stale, onStale } = fresh;
  const base = fresh.base ?? member;

  const onFinish = (v: TransferValues) => {
    transfer.mutate(
      { id: base.id, body: { version: base.version, toOrgId: v.toOrgId ?? '', reason: v.reason.trim() } },
      {
        onSuccess: (moved) => {
          void message.success(t('mr.transferred', { org: moved.orgName }));
          onDone();
        },
        onError: (err) => {
          onStale(err);
          showFormErrors(form, err, { fields: ['toOrgId', 'reason'] });
        },
      },
    );
  };

  return (
    <Form<TransferValues> form={form} layout="vertical" onFinish={onFinish} disabled={transfer.isPending}>
      <StaleAlert show={stale} />
      <Alert
        type="info"
        showIcon
        title={t('mr.transferFrom', { org: member.orgName })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="toOrgId"
        label={t('mr.transferTo')}
        extra={t('mr.unitOnly')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('mr.transferTo') }) }]}
      >
        <OrgTreeSelect
          orgs={orgs}
          loading={orgsLoading}
          isDisabled={(org) => !isUnit(org) || org.id === member.orgId}
          testId="mr-transfer-org"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('mr.transferReason')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('mr.transferReason') }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="mr-transfer-reason" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={transfer.isPending}
          data-testid="mr-transfer-submit"
        >
          {t('mr.transferSubmit')}
        </Button>
      </div>
    </Form>
  );
}

/** The roll's dialogs: 添加会员 / 编辑, 离会 and 转会, one open at a time. */
export function MemberDialogs({
  target,
  orgs,
  orgsLoading,
  onClose,
}: {
  target: MemberTarget | null;
  orgs: Organisation[];
  orgsLoading: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const title = (() => {
    if (!target) return '';
    if (target.mode === 'create') return t('mr.add');
    if (target.mode === 'edit') return t('mr.editTitle', { name: target.member.name });
    if (target.mode === 'leave') return t('mr.leaveTitle', { name: target.member.name });
    return t('mr.transferTitle', { name: target.member.name });
  })();
  return (
    <FormDialog open={target !== null} title={title} onClose={onClose}>
      {target?.mode === 'create' || target?.mode === 'edit' ? (
        <MemberForm
          member={target.mode === 'edit' ? target.member : null}
          orgs={orgs}
          orgsLoading={orgsLoading}
          onDone={onClose}
        />
      ) : null}
      {target?.mode === 'leave' ? <LeaveForm member={target.member} onDone={onClose} /> : null}
      {target?.mode === 'transfer' ? (
        <TransferForm member={target.member} orgs={orgs} orgsLoading={orgsLoading} onDone={onClose} />
      ) : null}
    </FormDialog>
  );
}
