import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Modal, Radio } from 'antd';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../use-form-errors';

export interface ReasonValues {
  reason: string;
  kind?: string;
}

/** A required choice asked above the reason (e.g. 退出档案: out of difficulty or cancelled). */
export interface ReasonChoice {
  label: string;
  testId: string;
  options: { value: string; label: string }[];
}

export interface ReasonRequest {
  title: string;
  /** What the step does, above the reason. */
  note?: ReactNode;
  okText: string;
  danger?: boolean;
  /** A choice to make besides the reason; its value arrives as `kind`. */
  choice?: ReasonChoice;
  reasonLabel?: string;
  run: (values: ReasonValues) => Promise<unknown>;
}

function ReasonForm({ request, onDone }: { request: ReasonRequest; onDone: () => void }) {
  const { t } = useI18n();
  const showFormErrors = useFormErrors();
  const [form] = Form.useForm<ReasonValues>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: ReasonValues) => {
    setSaving(true);
    try {
      await request.run({ ...values, reason: values.reason.trim() });
      onDone();
    } catch (err) {
      showFormErrors(form, err, { fields: ['reason', 'kind'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ReasonValues> form={form} layout="vertical" onFinish={onFinish}>
      {request.note ? <Alert type="info" showIcon title={request.note} style={{ marginBottom: 16 }} /> : null}
      {request.choice ? (
        <Form.Item
          name="kind"
          label={request.choice.label}
          rules={[{ required: true, message: t('common.requiredSelect', { field: request.choice.label }) }]}
        >
          <Radio.Group data-testid={request.choice.testId} options={request.choice.options} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="reason"
        label={request.reasonLabel ?? t('reason.reason')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: request.reasonLabel ?? t('reason.reason') }),
          },
        ]}
      >
        <Input.TextArea rows={4} maxLength={300} showCount data-testid="reason-input" autoFocus />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          danger={request.danger}
          htmlType="submit"
          loading={saving}
          data-testid="reason-submit"
        >
          {request.okText}
        </Button>
      </div>
    </Form>
  );
}

/**
 * Any step that needs a reason (关闭, 转为帮扶, 重新打开, 退出档案, 查看身份证号): one dialog,
 * one submit button (`reason-submit`), the reason in `reason-input`.
 */
export function ReasonDialog({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  return (
    <Modal
      open={request !== null}
      title={request?.title}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {request ? <ReasonForm request={request} onDone={onClose} /> : null}
    </Modal>
  );
}
