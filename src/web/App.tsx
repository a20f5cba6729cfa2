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

// WCAG 2.2 AA asks 4.5:1 for normal text. Ant Design's default blue (#1677ff) gives white button
// text and links 4.1:1, its tertiary/description grey (45% black) 3.4:1 and placeholders (25%)
// less on white, its green and orange status text on their light tags under 3:1; Ant's blue-7,
// 60%/55% black, green-8, orange-8 and red-7 all reach 4.5:1 (checked by axe in the browser tests).
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorInfo: '#0958d9',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    // The light backgrounds of the default palette: derived from the darker text colours above they
    // would turn grey-green and undo the contrast.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    borderRadius: 6,
  },
};

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider locale={locale} theme={THEME}>
      <AntApp>
        <ErrorDisplay />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
