import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { queryClient, setErrorNotifier } from './lib/queryClient';
import { isApiError } from './lib/api';
import { errorTitle, fieldMessage } from './lib/errors';
import { ROUTES } from './routes';
import { RequireAuth, RequirePermission } from './layout/RequireAuth';
import { Loading, NotFoundResult } from './components/QueryState';
import { recruitmentPublicRoutes } from './features/recruitment/routes';
import { servicePublicRoutes } from './features/service/routes';

// The login page and the signed-in shell (menu, header, drawer) load with the first page that
// needs them, not with the app: a phone opening /login fetches no menu, and the shell none of the
// login form.
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  // Public pages (no login), e.g. the dealer application form.
  ...[...recruitmentPublicRoutes, ...servicePublicRoutes].map((route) => ({
    path: route.path,
    element: (
      <Suspense fallback={<Loading />}>
        <route.page />
      </Suspense>
    ),
  })),
  {
    element: (
      <RequireAuth>
        <Suspense fallback={<Loading />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      ...ROUTES.map((route) => ({
        path: route.path,
        handle: { route },
        element: (
          <RequirePermission permission={route.permission}>
            <route.page />
          </RequirePermission>
        ),
      })),
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

/** The one global error display: a notification titled with the translated error code. */
function ErrorDisplay() {
  const { notification } = AntApp.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    setErrorNotifier((error) => {
      const fields = isApiError(error) ? error.errors : [];
      const detail = isApiError(error)
        ? fields.length
          ? fields
              .slice(0, 5)
              .map((f) => `${f.path.replace(/^\//, '') || '-'}: ${fieldMessage(t, f.message)}`)
              .join('\n')
          : error.code === 'NETWORK'
            ? t('errors.network')
            : fieldMessage(t, error.detail)
        : String(error);
      notification.error({
        key: isApiError(error) ? `${error.code}:${error.detail}` : undefined,
        title: errorTitle(t, error),
        description: (
          <span style={{ whiteSpace: 'pre-line' }} data-testid="error-detail">
            {detail}
          </span>
        ),
        placement: 'topRight',
        duration: 6,
      });
    });
  }, [notification, t]);
  return null;
}

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>
        <ErrorDisplay />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
