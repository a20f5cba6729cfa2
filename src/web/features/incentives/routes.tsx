import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const MyIncentivesPage = lazy(() => import('./MyIncentivesPage'));
const PolicyPage = lazy(() => import('./PolicyPage'));
const RebatesPage = lazy(() => import('./RebatesPage'));
const PointsPage = lazy(() => import('./PointsPage'));
const SharedEconomicsPage = lazy(() => import('./SharedEconomicsPage'));

/** Pages of this capability (see AppRoute); routes.tsx places them in the menu. */
export const incentiveRoutes: AppRoute[] = [
  {
    path: '/incentives/my',
    page: MyIncentivesPage,
    permission: 'points.read',
    titleKey: 'incentives.menu.my',
    menu: { icon: 'WalletOutlined', labelKey: 'incentives.menu.my', testId: 'menu-incentives-my', group: 'incentives' },
  },
  {
    path: '/incentives/rebates',
    page: RebatesPage,
    permission: 'rebates.read',
    titleKey: 'incentives.menu.rebates',
    menu: { icon: 'FundOutlined', labelKey: 'incentives.menu.rebates', testId: 'menu-incentives-rebates', group: 'incentives' },
  },
  {
    path: '/incentives/points',
    page: PointsPage,
    permission: 'incentives.read',
    titleKey: 'incentives.menu.points',
    menu: { icon: 'GiftOutlined', labelKey: 'incentives.menu.points', testId: 'menu-incentives-points', group: 'incentives' },
  },
  {
    path: '/incentives/policy',
    page: PolicyPage,
    permission: 'incentives.read',
    titleKey: 'incentives.menu.policy',
    menu: { icon: 'CalculatorOutlined', labelKey: 'incentives.menu.policy', testId: 'menu-incentives-policy', group: 'incentives' },
  },
  {
    path: '/incentives/shared',
    page: SharedEconomicsPage,
    permission: 'incentives.read',
    titleKey: 'incentives.menu.shared',
    menu: { icon: 'StarOutlined', labelKey: 'incentives.menu.shared', testId: 'menu-incentives-shared', group: 'incentives' },
  },
];
