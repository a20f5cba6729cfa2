import { useQuery } from '@tanstack/react-query';
import type { DashboardSummary } from '../../../shared/schemas/platform.js';
import { api } from '../../lib/api';

export const useDashboardSummary = () =>
  useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: ({ signal }) => api.get<DashboardSummary>('/dashboard/summary', undefined, signal),
  });
