import { FormDialog } from '../../../components/dialogs/form-dialog';
import { OrgSelect } from '../core/help-common';
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { ConsentView, HouseholdHelp } from '../../../../contracts/help';
import { apiDownload, saveDownload } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useSession } from '../../../components/session/session';
import { canDo } from '../permissions';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatDateTime } from '../../../components/format';
import type { ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';

import { useCaringUnits } from '../core/help-common';
import {
  EVIDENCE_MAX_BYTES,
  evidenceType,
  useConfirmConsent,
  useCreateConsent,
  useRevokeConsent,
  useUploadConsentForm,
} from '../core/help-api';
import {
  DAY,
  MemberSelect,
  needsGuardian,
  notInFuture,
  rowTestId,
  todayPick,
} from '../help/household-help-common';
import {
  CONSENT_GIVEN_BY_LABELS,
  CONSENT_METHODS,
  CONSENT_METHOD_LABELS,
  type ConsentGivenBy,
  type ConsentMethod,
} from '../core/help-labels';

type ConsentRow = z.infer<typeof ConsentView>;

/** Caring units of the jurisdiction: the organisations a household's consent usually names. */
export function useConsentOrgs() {
  return useCaringUnits();
}

export function ConsentsCard({
  household,
  consents,
  canManage,
  askReason,
  onAdd,
}: {
  household: HouseholdDetail;
  consents: HouseholdHelp['consents'];
  canManage: boolean;
  askReason: (request: ReasonRequest) => void;
  onAdd: () => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const revoke = useRevokeConsent();
  const confirm = useConfirmConsent();
  const uploadForm = useUploadConsentForm();
  const errorText = useErrorText();
  // The second person: federation staff confirm what a partner recorded.
  const canConfirm = canDo(useSession(), 'consent.confirm');
  const pickForm = (c: ConsentRow) => (file: File) => {
    const type = evidenceType(file);
    if (!type) void message.error(t('hhHelp.evidenceBadType'));
    else if (file.size > EVIDENCE_MAX_BYTES) void message.error(t('hhHelp.evidenceTooLarge'));
    else if (file.size === 0) void message.error(t('hhHelp.evidenceEmpty'));
    else {
      uploadForm.mutate(
        { id: c.id, file, type },
        {
          onSuccess: () => void message.success(t('hhHelp.consentFormUploaded')),
          onError: (err) => void message.error(errorText(err)),
        },
      );
    }
    return Upload.LIST_IGNORE;
  };
  const downloadForm = async (c: ConsentRow) => {
    try {
      saveDownload(
        await apiDownload(`/api/consents/${encodeURIComponent(c.id)}/evidence`),
        c.evidence!.fileName,
      );
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const rows = [...consents].sort(
    (a, b) => Number(b.active) - Number(a.active) || b.givenOn.localeCompare(a.givenOn),
  );
  const open = !['closed', 'merged'].includes(household.state);

  return (
    <Card
      className="uc-card"
      title={t('hhHelp.consents', { n: consents.filter((c) => c.active).length })}
      extra={
        canManage && open ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="consent-add-button">
            {t('hhHelp.consentAdd')}
          </Button>
        ) : null
      }
    >
      <Table<ConsentRow>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('hhHelp.consentsEmpty') }}
        data-testid="consent-table"
        onRow={(c) => rowTestId(`consent-row-${c.id}`)}
        columns={[
          { key: 'org', title: t('hhHelp.consentOrg'), dataIndex: 'orgName' },
          {
            key: 'scope',
            title: t('hhHelp.consentScope'),
            render: (_, c) => c.memberName ?? t('hhHelp.wholeHouseholdShort'),
          },
          {
            key: 'by',
            title: t('hhHelp.consentGivenBy'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{L(CONSENT_GIVEN_BY_LABELS, c.givenBy)}</span>
                {c.guardianName ? <span className="uc-muted uc-small">{c.guardianName}</span> : null}
              </Space>
            ),
          },
          {
            key: 'method',
            title: t('hhHelp.consentMethod'),
            render: (_, c) => L(CONSENT_METHOD_LABELS, c.method),
          },
          { key: 'on', title: t('hhHelp.consentOn'), dataIndex: 'givenOn' },
          {
            key: 'state',
            title: t('hhHelp.state'),
            render: (_, c) =>
              c.active && !c.confirmed ? (
                <Tag color="orange" data-testid="consent-state">
                  {t('hhHelp.consentPending')}
                </Tag>
              ) : c.active ? (
                <Tag color="green" data-testid="consent-state">
                  {t('hhHelp.consentActive')}
                </Tag>
              ) : (
                <Space orientation="vertical" size={0}>
                  <Tag data-testid="consent-state">{t('hhHelp.consentRevoked')}</Tag>
                  <span className="uc-muted uc-small">
                    {formatDateTime(c.revokedAt).slice(0, 10)} {c.revokeReason ?? ''}
                  </span>
                </Space>
              ),
          },
          {
            key: 'note',
            title: t('hhHelp.note'),
            render: (_, c) => c.note ?? '—',
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => (
              <Space size={4} wrap>
                {c.evidence ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => void downloadForm(c)}
                    data-testid="consent-form-link"
                  >
                    {c.evidence.fileName}
                  </Button>
                ) : canManage && c.active ? (
                  <Upload
                    accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
                    showUploadList={false}
                    beforeUpload={pickForm(c)}
                    disabled={uploadForm.isPending}
                  >
                    <Button size="small" icon={<UploadOutlined />} data-testid="consent-form-upload">
                      {t('hhHelp.consentFormUpload')}
                    </Button>
                  </Upload>
                ) : null}
                {canConfirm && c.active && !c.confirmed ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={confirm.isPending}
                    data-testid="consent-confirm"
                    onClick={() =>
                      confirm.mutate(
                        { id: c.id },
                        {
                          onSuccess: () => void message.success(t('hhHelp.consentConfirmed')),
                          onError: (err) => void message.error(errorText(err)),
                        },
                      )
                    }
                  >
                    {t('hhHelp.consentConfirm')}
                  </Button>
                ) : null}
                {canManage && c.active ? (
                  <Button
                    size="small"
                    danger
                    data-testid="consent-revoke"
                    onClick={() =>
                      askReason({
                        title: t('hhHelp.consentRevokeTitle', { org: c.orgName }),
                        note: t('hhHelp.consentRevokeNote'),
                        okText: t('hhHelp.consentRevoke'),
                        danger: true,
                        run: async ({ reason }) => {
                          await revoke.mutateAsync({ id: c.id, reason });
                          void message.success(t('hhHelp.consentRevokedDone'));
                        },
                      })
                    }
                  >
                    {t('hhHelp.consentRevoke')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

// ---- record a consent ----

export interface ConsentPreset {
  orgId?: string;
  memberId?: string;
}

interface ConsentValues {
  orgId?: string;
  memberId: string;
  givenBy: ConsentGivenBy;
  guardianName?: string;
  method: ConsentMethod;
  givenOn: Dayjs;
  note?: string;
}

const FIELDS = ['orgId', 'memberId', 'givenBy', 'guardianName', 'method', 'givenOn', 'note'] as const;

function ConsentForm({
  household,
  preset,
  onDone,
}: {
  household: HouseholdDetail;
  preset: ConsentPreset;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const create = useCreateConsent();
  const uploadForm = useUploadConsentForm();
  const errorText = useErrorText();
  // Federation staff's own record counts at once; a partner's waits for the signed form (attached
  // here or later) or for federation staff to confirm it.
  const recordsConfirmed = canDo(useSession(), 'consent.confirm');
  const [signedForm, setSignedForm] = useState<{ file: File; type: string } | null>(null);
  const { orgs, loading } = useConsentOrgs();
  const [form] = Form.useForm<ConsentValues>();
  const memberId = Form.useWatch('memberId', form);
  const givenBy = Form.useWatch('givenBy', form);
  const member = household.members.find((m) => m.id === memberId);
  const guardianOnly = needsGuardian(member);

  useEffect(() => {
    if (guardianOnly) form.setFieldValue('givenBy', 'guardian');
  }, [guardianOnly, form]);

  const onFinish = (v: ConsentValues) => {
    if (!v.orgId) return;
    create.mutate(
      {
        householdId: household.id,
        body: {
          orgId: v.orgId,
          ...(v.memberId ? { memberId: v.memberId } : {}),
          givenBy: v.givenBy,
          ...(v.givenBy === 'guardian' && v.guardianName?.trim()
            ? { guardianName: v.guardianName.trim() }
            : {}),
          method: v.method,
          givenOn: v.givenOn.format(DAY),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      },
      {
        onSuccess: (c) => {
          void message.success(t('hhHelp.consentAdded', { org: c.orgName }));
          if (signedForm) {
            uploadForm.mutate(
              { id: c.id, ...signedForm },
              {
                onSuccess: () => void message.success(t('hhHelp.consentFormUploaded')),
                onError: (err) => void message.error(errorText(err)),
              },
            );
          }
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: FIELDS }),
      },
    );
  };

  return (
    <Form<ConsentValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{
        orgId: preset.orgId,
        memberId: preset.memberId ?? '',
        givenBy: needsGuardian(household.members.find((m) => m.id === preset.memberId)) ? 'guardian' : 'self',
        method: 'signed_form',
        givenOn: todayPick(),
      }}
    >
      <Alert type="info" showIcon title={t('hhHelp.consentNote')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="orgId"
        label={t('hhHelp.consentOrg')}
        extra={t('hhHelp.consentOrgHint')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.consentOrg') }) }]}
      >
        <OrgSelect orgs={orgs} loading={loading} testId="consent-org" />
      </Form.Item>
      <Form.Item name="memberId" label={t('hhHelp.consentScope')}>
        <MemberSelect household={household} testId="consent-member" />
      </Form.Item>
      {guardianOnly ? (
        <Alert type="warning" showIcon title={t('hhHelp.guardianRequired')} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="givenBy" label={t('hhHelp.consentGivenBy')}>
            <Radio.Group
              data-testid="consent-given-by"
              options={(['self', 'guardian'] as const).map((g) => ({
                value: g,
                label: L(CONSENT_GIVEN_BY_LABELS, g),
                disabled: g === 'self' && guardianOnly,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          {givenBy === 'guardian' ? (
            <Form.Item
              name="guardianName"
              label={t('hhHelp.guardianName')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('hhHelp.guardianName') }),
                },
              ]}
            >
              <Input maxLength={30} data-testid="consent-guardian" />
            </Form.Item>
          ) : null}
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={14}>
          <Form.Item name="method" label={t('hhHelp.consentMethod')}>
            <Radio.Group
              data-testid="consent-method"
              options={CONSENT_METHODS.map((m) => ({ value: m, label: L(CONSENT_METHOD_LABELS, m) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item
            name="givenOn"
            label={t('hhHelp.consentOn')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('hhHelp.consentOn') }) },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notInFuture} data-testid="consent-date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('hhHelp.note')}>
        <Input maxLength={200} data-testid="consent-note" />
      </Form.Item>
      {recordsConfirmed ? null : (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('hhHelp.consentPendingHint')}
            style={{ marginBottom: 12 }}
          />
          <Form.Item label={t('hhHelp.consentFormUpload')}>
            <Upload
              accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                const type = evidenceType(file);
                if (!type) void message.error(t('hhHelp.evidenceBadType'));
                else if (file.size > EVIDENCE_MAX_BYTES) void message.error(t('hhHelp.evidenceTooLarge'));
                else if (file.size === 0) void message.error(t('hhHelp.evidenceEmpty'));
                else setSignedForm({ file, type });
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="consent-form-pick">
                {signedForm ? signedForm.file.name : t('hhHelp.consentFormUpload')}
              </Button>
            </Upload>
          </Form.Item>
        </>
      )}
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="consent-submit">
          {t('hhHelp.consentSubmit')}
        </Button>
      </div>
    </Form>
  );
}

/** 授权同意: the household (or a child's guardian) lets its data go to one caring unit. */
export function ConsentDialog({
  household,
  preset,
  onClose,
}: {
  household: HouseholdDetail;
  /** null: closed. */
  preset: ConsentPreset | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={preset !== null}
      title={t('hhHelp.consentTitle', { name: household.headName })}
      onClose={onClose}
      width={620}
    >
      {preset ? <ConsentForm household={household} preset={preset} onDone={onClose} /> : null}
    </FormDialog>
  );
}

/** Whether an active consent lets a referral to `orgId` (for `memberId`, or the whole household) go. */
export function hasConsent(
  household: HouseholdDetail,
  consents: HouseholdHelp['consents'],
  orgId: string,
  memberId: string | undefined,
): boolean {
  const member = household.members.find((m) => m.id === memberId);
  const guardianOnly = needsGuardian(member);
  return consents.some(
    (c) =>
      c.active &&
      c.confirmed &&
      c.orgId === orgId &&
      (c.memberId === null || (memberId !== undefined && c.memberId === memberId)) &&
      (!guardianOnly || c.givenBy === 'guardian'),
  );
}

/** Consent dialog state with its preset. */
export function useConsentDialog() {
  const [preset, setPreset] = useState<ConsentPreset | null>(null);
  return { preset, open: (p: ConsentPreset = {}) => setPreset(p), close: () => setPreset(null) };
}
