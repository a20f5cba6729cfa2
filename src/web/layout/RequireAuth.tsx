import { Navigate, useLocation } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/permissions.js';
import { hasPermission, useMe } from '../lib/access';
import { Loading, QueryError } from '../components/QueryState';

/** Sends a visitor without a session to /login, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: React.ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Loading />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  return <>{children}</>;
}

/** Refuses a page whose permission the user lacks (the menu hides it too). */
export function RequirePermission({ permission, children }: { permission?: Permission; children: React.ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!hasPermission(me.data, permission)) {
    return <Result status="403" title={t('errors.codes.FORBIDDEN')} subTitle={t('forbidden.description')} data-testid="forbidden" />;
  }
  return <>{children}</>;
}
