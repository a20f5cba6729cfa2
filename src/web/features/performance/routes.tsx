import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const ScorecardListPage = lazy(() => import('./ScorecardListPage'));
const ScorecardPage = lazy(() => import('./ScorecardPage'));
const TargetsPage = lazy(() => import('./TargetsPage'));
const WarningsPage = lazy(() => import('./WarningsPage'));
const TerminationsPage = lazy(() => import('./TerminationsPage'));

/** Pages of this capability (see AppRoute); routes.tsx places them in the menu. */
export const performanceRoutes: AppRoute[] = [
  {
    path: '/performance/scorecards',
    page: ScorecardListPage,
    permission: 'evaluations.read',
    titleKey: 'performance.menu.scorecards',
    menu: { icon: 'TrophyOutlined', labelKey: 'performance.menu.scorecards', testId: 'menu-scorecards', group: 'performance' },
  },
  { path: '/performance/scorecards/:id', page: ScorecardPage, permission: 'evaluations.read', titleKey: 'performance.menu.scorecard', parent: '/performance/scorecards' },
  {
    path: '/performance/targets',
    page: TargetsPage,
    permission: 'evaluations.read',
    titleKey: 'performance.menu.targets',
    menu: { icon: 'AimOutlined', labelKey: 'performance.menu.targets', testId: 'menu-targets', group: 'performance' },
  },
  {
    path: '/performance/warnings',
    page: WarningsPage,
    permission: 'warnings.read',
    titleKey: 'performance.menu.warnings',
    menu: { icon: 'AlertOutlined', labelKey: 'performance.menu.warnings', testId: 'menu-warnings', group: 'performance' },
  },
  {
    path: '/performance/terminations',
    page: TerminationsPage,
    permission: 'terminations.read',
    titleKey: 'performance.menu.terminations',
    menu: { icon: 'LogoutOutlined', labelKey: 'performance.menu.terminations', testId: 'menu-terminations', group: 'performance' },
  },
];
