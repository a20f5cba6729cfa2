import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../lib/api';
import { errorTitle } from '../lib/errors';

/**
 * What a page or section shows while its data loads: a skeleton of text lines where the content
 * will be, not a blank screen or a lone spinner (a phone on a slow network shows it for seconds),
 * announced to screen readers as loading.
 */
export function Loading({ tip, rows = 4 }: { tip?: string; rows?: number }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 24 }} data-testid="loading" role="status" aria-busy="true" aria-label={tip ?? t('common.loading')}>
      <Skeleton active title paragraph={{ rows }} />
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
