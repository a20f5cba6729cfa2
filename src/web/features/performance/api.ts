import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, type ListPage } from '../../lib/api';
import type { Evaluation, KpiSourceRow, Termination, WarningDetail } from '../../../shared/schemas';

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const LEVEL_COLORS: Record<string, string> = { yellow: 'gold', orange: 'orange', red: 'red' };

export function useEvaluation(id: string | undefined) {
  return useQuery({ queryKey: ['evaluation', id], queryFn: () => api.get<Evaluation>(`/evaluations/${id}`), enabled: !!id });
}

export function useDealerTrend(dealerId: string | undefined) {
  return useQuery({ queryKey: ['evaluations', 'trend', dealerId], queryFn: () => api.get<ListPage<Evaluation>>('/evaluations', { dealerId, limit: 500, sort: 'period' }), enabled: !!dealerId });
}

export function useSources(id: string | undefined, kpi: string | null) {
  return useQuery({ queryKey: ['evaluation-sources', id, kpi], queryFn: () => api.get<ListPage<KpiSourceRow>>(`/evaluations/${id}/sources`, { kpi }), enabled: !!id && !!kpi });
}

export function useWarning(id: string | null) {
  return useQuery({ queryKey: ['warning', id], queryFn: () => api.get<WarningDetail>(`/warnings/${id}`), enabled: !!id });
}

export function useTermination(id: string | null) {
  return useQuery({ queryKey: ['termination', id], queryFn: () => api.get<Termination>(`/terminations/${id}`), enabled: !!id });
}

/** A mutation that refreshes the given query keys when it succeeds. */
export function useAction<B, R = unknown>(method: 'POST' | 'PUT', path: (b: B) => string, keys: string[][], body?: (b: B) => unknown) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: B) => request<R>(method, path(b), { body: body ? body(b) : b }),
    onSuccess: () => keys.forEach((k) => void client.invalidateQueries({ queryKey: k })),
  });
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`);
