import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcknowledgeBody, DemandForecast, HealthDetail, HealthGroup, LeadTime, LeadTimeBody, StockAlert, StockHealthSettings } from '../../../shared/schemas/index.js';
import { api, request, type ListPage, type QueryParams } from '../../lib/api';

export const inventoryKeys = {
  all: ['inventory'] as const,
  alerts: ['inventory', 'alerts'] as const,
  health: ['inventory', 'health'] as const,
  groups: (params: QueryParams) => ['inventory', 'groups', params] as const,
  detail: (dealerId: string, sku: string) => ['inventory', 'detail', dealerId, sku] as const,
  forecast: (params: QueryParams) => ['inventory', 'forecast', params] as const,
  settings: ['inventory', 'settings'] as const,
  leadTimes: ['inventory', 'settings', 'leadTimes'] as const,
};

const enc = encodeURIComponent;

/** Every group (dealer or province) of the caller's scope: at most a few hundred rows. */
export const useHealthGroups = (params: { by: 'dealer' | 'province'; regionCode?: string; category?: string }) =>
  useQuery({
    queryKey: inventoryKeys.groups(params),
    queryFn: ({ signal }) => api.get<ListPage<HealthGroup>>('/inventory/health/groups', { ...params, limit: 500 }, signal),
  });

export const useHealthDetail = (dealerId: string | null, sku: string | null) =>
  useQuery({
    queryKey: inventoryKeys.detail(dealerId ?? '', sku ?? ''),
    queryFn: ({ signal }) => api.get<HealthDetail>(`/inventory/health/${enc(dealerId!)}/${enc(sku!)}`, undefined, signal),
    enabled: !!dealerId && !!sku,
  });

export const useDemandForecast = (params: { sku?: string; dealerId?: string; regionCode?: string; horizon: number }) =>
  useQuery({
    queryKey: inventoryKeys.forecast(params),
    queryFn: ({ signal }) => api.get<DemandForecast>('/inventory/demand-forecast', params, signal),
    enabled: !!params.sku,
    staleTime: 60_000,
  });

export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcknowledgeBody) => api.post<StockAlert>('/inventory/alerts/acknowledge', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export const useStockHealthSettings = () =>
  useQuery({ queryKey: inventoryKeys.settings, queryFn: ({ signal }) => api.get<StockHealthSettings>('/inventory/settings/stock-health', undefined, signal) });

export const useLeadTimes = () => useQuery({ queryKey: inventoryKeys.leadTimes, queryFn: ({ signal }) => api.get<ListPage<LeadTime>>('/inventory/settings/lead-times', undefined, signal) });

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StockHealthSettings) => request<StockHealthSettings>('PUT', '/inventory/settings/stock-health', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

export function useSaveLeadTime() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LeadTimeBody) => request<{ removed: boolean }>('PUT', '/inventory/settings/lead-times', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}
