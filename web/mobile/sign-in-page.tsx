import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { useLogin } from '../components/session/hooks';
import { useMErrorText, useMT } from './texts';

/**
 * The phone pages' own sign-in: the same /api/auth endpoints as the back office's, without antd,
 * with big fields for older screeners. It renders in place of the page asked for, so once the
 * session exists that page (/m, /m/screen?draft=…) simply shows: the URL never changed.
 */
/** `notice`: why the phone is signed out, when it is not the usual (a lost phone's sessions ended). */
export function MobileSignIn({ notice, onSignedIn }: { notice?: string; onSignedIn?: () => void } = {}) {
  const t = useMT();
  const errorText = useMErrorText();
  const login = useLogin();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const gaps = { username: username.trim() === '', password: password === '' };
    setMissing(gaps);
    setFailure(null);
    if (gaps.username || gaps.password) return;
    login
      .mutateAsync({ username: username.trim(), password })
      // The sign-in replaced the cached session: the pages above start afresh on it.
      .then(() => {
        onSignedIn?.();
      })
      .catch((err: unknown) => {
        setPassword('');
        setFailure(
          isApiError(err) && err.code === 'request.invalid' ? t('error.request.invalid') : errorText(err),
        );
      });
  };

  const field = (name: 'username' | 'password') => `${id}-${name}`;
  return (
    <form className="m-signin" onSubmit={onSubmit} noValidate data-testid="m-sign-in">
      <h1 className="m-title">{t('signIn.title')}</h1>
      {notice ? (
        <p className="m-signin-failure" role="status" data-testid="m-sign-in-notice">
          {notice}
        </p>
      ) : null}
      {failure ? (
        <p className="m-signin-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <div className={missing.username ? 'ms-field ms-field-error' : 'ms-field'}>
        <label className="ms-label m-signin-label" htmlFor={field('username')}>
          {t('signIn.username')}
        </label>
        <input
          id={field('username')}
          className="ms-input m-signin-input"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={missing.username ? true : undefined}
          aria-describedby={missing.username ? `${field('username')}-error` : undefined}
        />
        {missing.username ? (
          <p className="ms-error" id={`${field('username')}-error`}>
            {t('signIn.required', { field: t('signIn.username') })}
          </p>
        ) : null}
      </div>
      <div className={missing.password ? 'ms-field ms-field-error' : 'ms-field'}>
        <label className="ms-label m-signin-label" htmlFor={field('password')}>
          {t('signIn.password')}
        </label>
        <input
          id={field('password')}
          className="ms-input m-signin-input"
          name="password"
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={missing.password ? true : undefined}
          aria-describedby={missing.password ? `${field('password')}-error` : undefined}
        />
        {missing.password ? (
          <p className="ms-error" id={`${field('password')}-error`}>
            {t('signIn.required', { field: t('signIn.password') })}
          </p>
        ) : null}
        <label className="m-signin-show">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
          {t('signIn.showPassword')}
        </label>
      </div>
      <button type="submit" className="ms-btn ms-btn-primary m-signin-submit" disabled={login.isPending}>
        {login.isPending ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}
