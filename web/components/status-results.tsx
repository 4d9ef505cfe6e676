import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../app/i18n';

export function ForbiddenResult() {
  const t = useT();
  return (
    <Result
      status="403"
      title={<h1 className="uc-result-title">{t('forbidden.title')}</h1>}
      subTitle={t('forbidden.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult() {
  const t = useT();
  return (
    <Result
      status="404"
      title={<h1 className="uc-result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a crash looks like to a person: an apology and a way out, never a stack trace. */
export function CrashResult() {
  const t = useT();
  return (
    <Result
      status="500"
      title={<h1 className="uc-result-title">{t('error.pageTitle')}</h1>}
      subTitle={t('error.pageSubtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>
      }
    />
  );
}
