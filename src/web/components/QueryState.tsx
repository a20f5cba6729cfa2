import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../lib/api';
import { errorTitle } from '../lib/errors';

export function Loading({ tip }: { tip?: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
      <Spin size="large" />
      <div style={{ marginTop: 12, color: 'rgba(0,0,0,0.45)' }}>{tip ?? t('common.loading')}</div>
    </div>
  );
}

export function NotFoundResult({ title, backTo }: { title?: string; backTo?: { path: string; label: string } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={title ?? t('notFound.title')}
      subTitle={t('notFound.description')}
      data-testid="not-found"
      extra={
        <Button type="primary" onClick={() => navigate(backTo?.path ?? '/')}>
          {backTo?.label ?? t('notFound.home')}
        </Button>
      }
    />
  );
}

/** The error state of a page or a section: the translated code, the server's detail, a retry. */
export function QueryError({ error, onRetry, notFoundTitle, backTo }: { error: unknown; onRetry?: () => void; notFoundTitle?: string; backTo?: { path: string; label: string } }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 404) return <NotFoundResult title={notFoundTitle} backTo={backTo} />;
  if (isApiError(error) && error.status === 403) {
    return <Result status="403" title={t('errors.codes.FORBIDDEN')} subTitle={t('forbidden.description')} data-testid="forbidden" />;
  }
  return (
    <Result
      status="error"
      title={errorTitle(t, error)}
      subTitle={isApiError(error) ? error.detail : String(error)}
      data-testid="query-error"
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
