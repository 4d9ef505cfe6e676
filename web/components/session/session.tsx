import { createContext, useContext } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import type { Me } from '../../../contracts/auth';
import { isApiError } from '../../api/client';
import { useErrorText, useT } from '../../app/i18n';
import { useMe } from './hooks';

export const CHANGE_PASSWORD_PATH = '/account/password';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only valid below <RequireSession>. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession needs <RequireSession>');
  return me;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const next = `${location.pathname}${location.search}${location.hash}`;
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Only our own paths: `next` comes from the address bar, so `//evil.example` must not pass. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="uc-fullpage-center" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="uc-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** Gate for every signed-in route: no session → /login?next=…, a forced password change → that page. */
export function RequireSession() {
  const location = useLocation();
  const t = useT();
  const errorText = useErrorText();
  const { data: me, error, refetch, isPending } = useMe();

  if (error && isApiError(error) && error.status === 401) {
    return <Navigate to={loginPathFor(location)} replace />;
  }
  if (isPending) return <FullPageSpin />;
  if (!me) {
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={errorText(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('error.retry')}
          </Button>
        }
      />
    );
  }
  if (me.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return (
    <SessionContext.Provider value={me}>
      <Outlet />
    </SessionContext.Provider>
  );
}
