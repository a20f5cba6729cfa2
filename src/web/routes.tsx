import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../shared/permissions.js';
import type { MenuIcon } from './layout/menu-icons';
import { recruitmentRoutes } from './features/recruitment/routes';
import { tradeRoutes } from './features/trade/routes';
import { inventoryRoutes } from './features/inventory/routes';
import { replenishmentRoutes } from './features/replenishment/routes';
import { performanceRoutes } from './features/performance/routes';
import { incentiveRoutes } from './features/incentives/routes';
import { serviceRoutes } from './features/service/routes';
import { settingsRoutes } from './features/settings/routes';

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** the permission the page needs; the menu entry is hidden and the page refused without it */
  permission?: Permission;
  /** i18n key of the page title (breadcrumb, document title) */
  titleKey: string;
  /**
   * a menu entry: its icon and label key; `testId` names it for browser tests; `group` puts it in
   * a submenu (label `menu.groups.<group>`), in the order of MENU_GROUPS
   */
  menu?: { icon: MenuIcon; labelKey: string; testId: string; group?: MenuGroup };
  /** the route whose menu entry is highlighted and which precedes this one in the breadcrumb */
  parent?: string;
}

/** Submenus of the main menu, in display order. */
export const MENU_GROUPS = ['recruitment', 'trade', 'inventory', 'performance', 'incentives', 'service', 'system'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

const HomePage = lazy(() => import('./features/dashboard/HomePage'));
const DealerListPage = lazy(() => import('./features/dealers/DealerListPage'));
const DealerFormPage = lazy(() => import('./features/dealers/DealerFormPage'));
const DealerDetailPage = lazy(() => import('./features/dealers/DealerDetailPage'));
const ProductListPage = lazy(() => import('./features/products/ProductListPage'));
const PriceListPage = lazy(() => import('./features/price-lists/PriceListPage'));
const UserListPage = lazy(() => import('./features/users/UserListPage'));
const ApiKeyPage = lazy(() => import('./features/api-keys/ApiKeyPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));

/** The route table: path, page, required permission and menu entry, in menu order. */
const PLATFORM_ROUTES: AppRoute[] = [
  {
    path: '/',
    page: HomePage,
    permission: 'dashboard.read',
    titleKey: 'menu.home',
    menu: { icon: 'DashboardOutlined', labelKey: 'menu.home', testId: 'menu-home' },
  },
  {
    path: '/dealers',
    page: DealerListPage,
    permission: 'dealers.read',
    titleKey: 'menu.dealers',
    menu: { icon: 'ShopOutlined', labelKey: 'menu.dealers', testId: 'menu-dealers' },
  },
  { path: '/dealers/new', page: DealerFormPage, permission: 'dealers.write', titleKey: 'dealers.form.createTitle', parent: '/dealers' },
  { path: '/dealers/:id', page: DealerDetailPage, permission: 'dealers.read', titleKey: 'dealers.detail.title', parent: '/dealers' },
  { path: '/dealers/:id/edit', page: DealerFormPage, permission: 'dealers.write', titleKey: 'dealers.form.editTitle', parent: '/dealers' },
  {
    path: '/products',
    page: ProductListPage,
    permission: 'products.read',
    titleKey: 'menu.products',
    menu: { icon: 'AppstoreOutlined', labelKey: 'menu.products', testId: 'menu-products' },
  },
  {
    path: '/price-lists',
    page: PriceListPage,
    permission: 'priceLists.read',
    titleKey: 'menu.priceLists',
    menu: { icon: 'TagsOutlined', labelKey: 'menu.priceLists', testId: 'menu-price-lists' },
  },
  {
    path: '/users',
    page: UserListPage,
    permission: 'users.read',
    titleKey: 'menu.users',
    menu: { icon: 'TeamOutlined', labelKey: 'menu.users', testId: 'menu-users' },
  },
  {
    path: '/api-keys',
    page: ApiKeyPage,
    permission: 'apiKeys.manage',
    titleKey: 'menu.apiKeys',
    menu: { icon: 'ApiOutlined', labelKey: 'menu.apiKeys', testId: 'menu-api-keys' },
  },
  {
    path: '/audit',
    page: AuditPage,
    permission: 'audit.read',
    titleKey: 'menu.audit',
    menu: { icon: 'AuditOutlined', labelKey: 'menu.audit', testId: 'menu-audit' },
  },
];

// Each capability keeps its pages in its own features/<capability>/routes.tsx.
export const ROUTES: AppRoute[] = [
  ...PLATFORM_ROUTES.slice(0, 2),
  ...recruitmentRoutes,
  ...tradeRoutes,
  ...inventoryRoutes,
  ...replenishmentRoutes,
  ...performanceRoutes,
  ...incentiveRoutes,
  ...serviceRoutes,
  ...PLATFORM_ROUTES.slice(2),
  ...settingsRoutes,
];

export const routeByPath = (path: string) => ROUTES.find((r) => r.path === path);
