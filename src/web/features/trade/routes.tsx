import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const OrderListPage = lazy(() => import('./OrderListPage'));
const OrderEntryPage = lazy(() => import('./OrderEntryPage'));
const OrderDetailPage = lazy(() => import('./OrderDetailPage'));
const ReceivablesPage = lazy(() => import('./ReceivablesPage'));
const PromotionsPage = lazy(() => import('./PromotionsPage'));
const SelloutPage = lazy(() => import('./SelloutPage'));
const StockPage = lazy(() => import('./StockPage'));
const TradeSettingsPage = lazy(() => import('./TradeSettingsPage'));

/** Orders, receivables, promotions, sell-out and dealer stock (issue 4). */
export const tradeRoutes: AppRoute[] = [
  {
    path: '/trade/orders/new',
    page: OrderEntryPage,
    permission: 'orders.write',
    titleKey: 'trade.entry.title',
    menu: { icon: 'ShoppingCartOutlined', labelKey: 'trade.menu.newOrder', testId: 'menu-trade-new-order', group: 'trade' },
  },
  {
    path: '/trade/orders',
    page: OrderListPage,
    permission: 'orders.read',
    titleKey: 'trade.menu.orders',
    menu: { icon: 'FileTextOutlined', labelKey: 'trade.menu.orders', testId: 'menu-trade-orders', group: 'trade' },
  },
  { path: '/trade/orders/:id', page: OrderDetailPage, permission: 'orders.read', titleKey: 'trade.detail.title', parent: '/trade/orders' },
  {
    path: '/trade/receivables',
    page: ReceivablesPage,
    permission: 'receivables.read',
    titleKey: 'trade.menu.receivables',
    menu: { icon: 'WalletOutlined', labelKey: 'trade.menu.receivables', testId: 'menu-trade-receivables', group: 'trade' },
  },
  {
    path: '/trade/promotions',
    page: PromotionsPage,
    permission: 'priceLists.read',
    titleKey: 'trade.menu.promotions',
    menu: { icon: 'GiftOutlined', labelKey: 'trade.menu.promotions', testId: 'menu-trade-promotions', group: 'trade' },
  },
  {
    path: '/trade/sellout',
    page: SelloutPage,
    permission: 'sellout.read',
    titleKey: 'trade.menu.sellout',
    menu: { icon: 'LineChartOutlined', labelKey: 'trade.menu.sellout', testId: 'menu-trade-sellout', group: 'trade' },
  },
  {
    path: '/trade/stock',
    page: StockPage,
    permission: 'inventory.read',
    titleKey: 'trade.menu.stock',
    menu: { icon: 'DatabaseOutlined', labelKey: 'trade.menu.stock', testId: 'menu-trade-stock', group: 'trade' },
  },
  {
    path: '/trade/settings',
    page: TradeSettingsPage,
    permission: 'trade.configure',
    titleKey: 'trade.menu.settings',
    menu: { icon: 'SettingOutlined', labelKey: 'trade.menu.settings', testId: 'menu-trade-settings', group: 'trade' },
  },
];
