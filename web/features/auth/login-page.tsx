import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { useErrorText, useT } from '../../app/i18n';
import { isApiError } from '../../api/client';
import { useLogin, useMe } from '../../components/session/hooks';
import { FullPageSpin, safeNext } from '../../components/session/session';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // Reading /me also gives this browser its CSRF cookie before the login POST needs it.
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<string | null>(null);

  if (me.data && !login.isPending) return <Navigate to={next} replace />;
  if (me.isPending) return <FullPageSpin />;

  const onFinish = (values: LoginValues) => {
    setFailure(null);
    login.mutate(values, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (err) => {
        setFailure(errorText(err));
        form.setFieldValue('password', '');
        if (isApiError(err) && err.code === 'request.invalid') {
          form.setFields(
            err.fieldErrors
              .map((issue) => issue.field.replace(/^body\./, ''))
              .filter((name) => name === 'username' || name === 'password')
              .map((name) => ({ name, errors: [t('validation.required')] })),
          );
        }
      },
    });
  };

  return (
    <div className="uc-login">
      <div className="uc-login-top">
        <LanguageSwitch />
      </div>
      <main className="uc-login-main">
        <div className="uc-login-brand">
          <Brand compact inverse />
          <h1>{t('app.name')}</h1>
          <p>{t('app.tagline')}</p>
        </div>
        <Card className="uc-login-card" title={t('login.title')}>
          {failure ? (
            <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />
          ) : null}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            size="large"
            onFinish={onFinish}
            requiredMark={false}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('login.username') }),
                },
              ]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={login.isPending}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      </main>
    </div>
  );
}
