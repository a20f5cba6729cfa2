import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const HealthPage = lazy(() => import('./HealthPage'));
const AlertsPage = lazy(() => import('./AlertsPage'));
const ForecastPage = lazy(() => import('./ForecastPage'));
const SettingsPage = lazy(() => import('./SettingsPage'));

/** Stock health, alerts, demand forecasts and their parameters (issue 5, capabilities 1-3). */
export const inventoryRoutes: AppRoute[] = [
  {
    path: '/inventory/alerts',
    page: AlertsPage,
    permission: 'inventory.read',
    titleKey: 'inventory.menu.alerts',
    menu: { icon: 'AlertOutlined', labelKey: 'inventory.menu.alerts', testId: 'menu-inventory-alerts', group: 'inventory' },
  },
  {
    path: '/inventory/health',
    page: HealthPage,
    permission: 'inventory.read',
    titleKey: 'inventory.menu.health',
    menu: { icon: 'HeatMapOutlined', labelKey: 'inventory.menu.health', testId: 'menu-inventory-health', group: 'inventory' },
  },
  {
    path: '/inventory/forecast',
    page: ForecastPage,
    permission: 'inventory.read',
    titleKey: 'inventory.menu.forecast',
    menu: { icon: 'LineChartOutlined', labelKey: 'inventory.menu.forecast', testId: 'menu-inventory-forecast', group: 'inventory' },
  },
  {
    path: '/inventory/settings',
    page: SettingsPage,
    permission: 'inventory.read',
    titleKey: 'inventory.menu.settings',
    menu: { icon: 'SettingOutlined', labelKey: 'inventory.menu.settings', testId: 'menu-inventory-settings', group: 'inventory' },
  },
];
