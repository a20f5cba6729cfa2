import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDealerBody, Dealer, DealerEvent, DealerStatus, UpdateDealerBody } from '../../../shared/schemas/dealers.js';
import { api, type ListPage, type QueryParams } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export interface DealerFilters extends QueryParams {
  q?: string;
  status?: string;
  tier?: string;
  level?: string;
  regionCode?: string;
  parentDealerId?: string;
}

export const dealerKeys = {
  all: ['dealers'] as const,
  list: () => ['dealers', 'list'] as const,
  one: (id: string) => ['dealers', 'one', id] as const,
  events: (id: string) => ['dealers', 'events', id] as const,
  search: (params: QueryParams) => ['dealers', 'search', params] as const,
};

export const useDealerList = (filters: DealerFilters, limit = 50, enabled = true) => useCursorList<Dealer>(dealerKeys.list(), '/dealers', filters, limit, enabled);

export const useDealer = (id: string | null | undefined, options: { silent?: boolean } = {}) =>
  useQuery({
    queryKey: dealerKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Dealer>(`/dealers/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    meta: { silent: options.silent ?? false },
  });

/** A small search of dealers (parent dealer and user pickers). */
export const useDealerSearch = (params: QueryParams, enabled = true) =>
  useQuery({
    queryKey: dealerKeys.search(params),
    queryFn: ({ signal }) => api.get<ListPage<Dealer>>('/dealers', { limit: 20, ...params }, signal),
    enabled,
    staleTime: 60_000,
  });

/** Level-1 dealers by id: names for the "parent" column without one request per row. */
export const useLevel1Names = () =>
  useQuery({
    queryKey: ['dealers', 'level1-names'],
    queryFn: async ({ signal }) => {
      const page = await api.get<ListPage<Dealer>>('/dealers', { level: 1, limit: 500 }, signal);
      return Object.fromEntries(page.items.map((d) => [d.id, d.name])) as Record<string, string>;
    },
    staleTime: 5 * 60_000,
  });

export const useDealerEvents = (id: string) =>
  useQuery({
    queryKey: dealerKeys.events(id),
    queryFn: ({ signal }) => api.get<ListPage<DealerEvent>>(`/dealers/${encodeURIComponent(id)}/events`, undefined, signal),
  });

export function useSaveDealer(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDealerBody | UpdateDealerBody) => (id ? api.patch<Dealer>(`/dealers/${encodeURIComponent(id)}`, body) : api.post<Dealer>('/dealers', body)),
    onSuccess: (dealer) => {
      queryClient.setQueryData(dealerKeys.one(dealer.id), dealer);
      void queryClient.invalidateQueries({ queryKey: dealerKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { to: DealerStatus; reason: string }) => api.post<Dealer>(`/dealers/${encodeURIComponent(id)}/transitions`, body),
    onSuccess: (dealer) => {
      queryClient.setQueryData(dealerKeys.one(dealer.id), dealer);
      void queryClient.invalidateQueries({ queryKey: dealerKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
