import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const TransferPlannerPage = lazy(() => import('./TransferPlannerPage'));
const VmiProposalsPage = lazy(() => import('./VmiProposalsPage'));

/** Transfers between dealers (调拨) and VMI replenishment proposals (issue 5, capabilities 5-6). */
export const replenishmentRoutes: AppRoute[] = [
  {
    path: '/replenishment/transfers',
    page: TransferPlannerPage,
    permission: 'transfers.read',
    titleKey: 'replenishment.menu.transfers',
    menu: { icon: 'SwapOutlined', labelKey: 'replenishment.menu.transfers', testId: 'menu-replenishment-transfers', group: 'inventory' },
  },
  {
    path: '/replenishment/vmi',
    page: VmiProposalsPage,
    permission: 'vmi.read',
    titleKey: 'replenishment.menu.vmi',
    menu: { icon: 'InboxOutlined', labelKey: 'replenishment.menu.vmi', testId: 'menu-replenishment-vmi', group: 'inventory' },
  },
];
