import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const PipelineBoardPage = lazy(() => import('./PipelineBoardPage'));
const ProspectListPage = lazy(() => import('./ProspectListPage'));
const RankingPage = lazy(() => import('./RankingPage'));
const CriteriaPage = lazy(() => import('./CriteriaPage'));
const ProspectCreatePage = lazy(() => import('./ProspectCreatePage'));
const ProspectDetailPage = lazy(() => import('./ProspectDetailPage'));
const ApplyPage = lazy(() => import('./ApplyPage'));

/** Pages of this capability (see AppRoute); routes.tsx places them in the menu. */
export const recruitmentRoutes: AppRoute[] = [
  {
    path: '/recruitment/board',
    page: PipelineBoardPage,
    permission: 'prospects.read',
    titleKey: 'recruitment.menu.board',
    menu: { icon: 'ProjectOutlined', labelKey: 'recruitment.menu.board', testId: 'menu-recruitment-board', group: 'recruitment' },
  },
  {
    path: '/recruitment/prospects',
    page: ProspectListPage,
    permission: 'prospects.read',
    titleKey: 'recruitment.menu.list',
    menu: { icon: 'UnorderedListOutlined', labelKey: 'recruitment.menu.list', testId: 'menu-recruitment-list', group: 'recruitment' },
  },
  { path: '/recruitment/prospects/new', page: ProspectCreatePage, permission: 'prospects.write', titleKey: 'recruitment.create.title', parent: '/recruitment/prospects' },
  { path: '/recruitment/prospects/:id', page: ProspectDetailPage, permission: 'prospects.read', titleKey: 'recruitment.detail.title', parent: '/recruitment/prospects' },
  {
    path: '/recruitment/ranking',
    page: RankingPage,
    permission: 'prospects.read',
    titleKey: 'recruitment.menu.ranking',
    menu: { icon: 'TrophyOutlined', labelKey: 'recruitment.menu.ranking', testId: 'menu-recruitment-ranking', group: 'recruitment' },
  },
  {
    path: '/recruitment/criteria',
    page: CriteriaPage,
    permission: 'prospects.read',
    titleKey: 'recruitment.menu.criteria',
    menu: { icon: 'SlidersOutlined', labelKey: 'recruitment.menu.criteria', testId: 'menu-recruitment-criteria', group: 'recruitment' },
  },
];

/** Pages outside the signed-in layout (no login): App.tsx mounts them beside /login. */
export const recruitmentPublicRoutes = [{ path: '/apply', page: ApplyPage }];
