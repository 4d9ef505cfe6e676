import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useT } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { useFormErrors } from '../../components/use-form-errors';
import { useChangePassword } from '../../components/session/hooks';
import { useSession } from '../../components/session/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function ChangePasswordPage() {
  const t = useT();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const change = useChangePassword();
  const [form] = Form.useForm<PasswordValues>();

  const onFinish = ({ currentPassword, newPassword }: PasswordValues) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          form.resetFields();
          navigate('/', { replace: true });
        },
        onError: (err) => showFormErrors(form, err, { fields: FIELDS }),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 480 }}>
        {me.mustChangePassword ? (
          <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          {/* Lets password managers tie the new password to this account. */}
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.hint')}
            rules={[
              { required: true, message: t('common.required', { field: t('password.new') }) },
              { min: 10, message: t('password.tooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
