import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DealerIncentives, IncentivePolicy, PolicyVersion, PolicyVersions, Simulation } from '../../../shared/schemas/incentives.js';
import type { RebateRun, RebateStatement } from '../../../shared/schemas/rebates.js';
import type { PointsAccount, PointsCatalogItem, Redemption } from '../../../shared/schemas/points.js';
import { api, request, type ListPage, type QueryParams } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export const incentiveKeys = {
  all: ['incentives'] as const,
  policies: ['incentives', 'policies'] as const,
  statements: ['incentives', 'statements'] as const,
  points: (dealerId: string) => ['incentives', 'points', dealerId] as const,
  mine: (dealerId: string) => ['incentives', 'mine', dealerId] as const,
  catalog: ['incentives', 'catalog'] as const,
  redemptions: ['incentives', 'redemptions'] as const,
};

export const usePolicies = () => useQuery({ queryKey: incentiveKeys.policies, queryFn: ({ signal }) => api.get<PolicyVersions>('/incentive-policies', undefined, signal) });

export const useSimulate = () => useMutation({ mutationFn: (policy: IncentivePolicy) => api.post<Simulation>('/incentive-policies/simulate', { policy }) });

export function usePublishPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { effectiveFrom: string; note?: string; policy: IncentivePolicy }) => request<PolicyVersion>('PUT', '/incentive-policies', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: incentiveKeys.policies }),
  });
}

export const useStatements = (filters: QueryParams) => useCursorList<RebateStatement>(incentiveKeys.statements, '/rebates/statements', filters, 50);

export function useIncentiveMutation<B, R = unknown>(path: string | ((body: B) => string), invalidate: readonly unknown[] = incentiveKeys.all) {
  const qc = useQueryClient();
  return useMutation({
    // With a path built from the body, `id` addresses the object and is not sent.
    mutationFn: (body: B) => {
      if (typeof path === 'string') return api.post<R>(path, body);
      const { id: _id, ...rest } = body as B & { id?: string };
      return api.post<R>(path(body), rest);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: invalidate }),
  });
}

export const useRunRebates = () => useIncentiveMutation<{ period: string }, RebateRun>('/rebates/runs');

export const useDealerIncentives = (dealerId: string | undefined) =>
  useQuery({ queryKey: incentiveKeys.mine(dealerId ?? ''), enabled: !!dealerId, queryFn: ({ signal }) => api.get<DealerIncentives>(`/dealers/${dealerId}/incentives`, undefined, signal) });

export const usePointsAccount = (dealerId: string | undefined) =>
  useQuery({ queryKey: incentiveKeys.points(dealerId ?? ''), enabled: !!dealerId, queryFn: ({ signal }) => api.get<PointsAccount>(`/dealers/${dealerId}/points`, undefined, signal) });

export const useCatalog = () => useQuery({ queryKey: incentiveKeys.catalog, queryFn: ({ signal }) => api.get<ListPage<PointsCatalogItem>>('/points/catalog', { limit: 500 }, signal) });

export const useRedemptions = (filters: QueryParams) => useCursorList<Redemption>(incentiveKeys.redemptions, '/points/redemptions', filters, 50);

export const usePatchCatalog = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; stock?: number; active?: boolean }) => api.patch<PointsCatalogItem>(`/points/catalog/${id}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: incentiveKeys.all }),
  });
};
