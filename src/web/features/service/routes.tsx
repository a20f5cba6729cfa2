import { lazy } from 'react';
import type { AppRoute } from '../../routes';

const ServiceBoardPage = lazy(() => import('./ServiceBoardPage'));
const NewTicketPage = lazy(() => import('./NewTicketPage'));
const TicketDetailPage = lazy(() => import('./TicketDetailPage'));
const KnowledgePage = lazy(() => import('./KnowledgePage'));
const AnnouncementsPage = lazy(() => import('./AnnouncementsPage'));
const ServiceReportsPage = lazy(() => import('./ServiceReportsPage'));
const MediationPage = lazy(() => import('./MediationPage'));
const SurveysPage = lazy(() => import('./SurveysPage'));
const ConfirmPage = lazy(() => import('./ConfirmPage'));

/** Service and communication (issue 8): tickets, knowledge base, announcements, reports, care. */
export const serviceRoutes: AppRoute[] = [
  {
    path: '/service/board',
    page: ServiceBoardPage,
    permission: 'tickets.read',
    titleKey: 'service.menu.board',
    menu: { icon: 'CustomerServiceOutlined', labelKey: 'service.menu.board', testId: 'menu-service-board', group: 'service' },
  },
  { path: '/service/tickets/new', page: NewTicketPage, permission: 'tickets.write', titleKey: 'service.new.title', parent: '/service/board' },
  { path: '/service/tickets/:id', page: TicketDetailPage, permission: 'tickets.read', titleKey: 'service.detail.title', parent: '/service/board' },
  {
    path: '/service/knowledge',
    page: KnowledgePage,
    permission: 'knowledge.read',
    titleKey: 'service.menu.knowledge',
    menu: { icon: 'BookOutlined', labelKey: 'service.menu.knowledge', testId: 'menu-service-knowledge', group: 'service' },
  },
  {
    path: '/service/announcements',
    page: AnnouncementsPage,
    permission: 'knowledge.read',
    titleKey: 'service.menu.announcements',
    menu: { icon: 'NotificationOutlined', labelKey: 'service.menu.announcements', testId: 'menu-service-announcements', group: 'service' },
  },
  {
    path: '/service/reports',
    page: ServiceReportsPage,
    permission: 'serviceReports.read',
    titleKey: 'service.menu.reports',
    menu: { icon: 'BarChartOutlined', labelKey: 'service.menu.reports', testId: 'menu-service-reports', group: 'service' },
  },
  {
    path: '/service/mediation',
    page: MediationPage,
    permission: 'relations.read',
    titleKey: 'service.menu.mediation',
    menu: { icon: 'TeamOutlined', labelKey: 'service.menu.mediation', testId: 'menu-service-mediation', group: 'service' },
  },
  {
    path: '/service/surveys',
    page: SurveysPage,
    permission: 'knowledge.read',
    titleKey: 'service.menu.surveys',
    menu: { icon: 'SmileOutlined', labelKey: 'service.menu.surveys', testId: 'menu-service-surveys', group: 'service' },
  },
];

/** Pages without login: the customer's confirmation link. */
export const servicePublicRoutes = [{ path: '/confirm/:id', page: ConfirmPage }];
