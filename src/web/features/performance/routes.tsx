import type { AppRoute } from '../../routes';

/** Pages of this capability (see AppRoute); routes.tsx places them in the menu. */
export const performanceRoutes: AppRoute[] = [];
