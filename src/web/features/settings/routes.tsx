import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const SettingsPage = lazy(() => import('./SettingsPage'));

/** The one HQ settings page (src/server/core/settings.ts); `?key=` opens one setting. */
export const settingsRoutes: AppRoute[] = [
  {
    path: '/settings',
    page: SettingsPage,
    permission: 'settings.read',
    titleKey: 'menu.settings',
    menu: { icon: 'ControlOutlined', labelKey: 'menu.settings', testId: 'menu-settings', group: 'system' },
  },
];
