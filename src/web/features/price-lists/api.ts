import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CreatePriceListBody, PriceList, ResolvedPrice, UpdatePriceListBody } from '../../../shared/schemas/catalog.js';
import { api } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export type Resolved = Static<typeof ResolvedPrice>;

export const usePriceLists = (filters: { tier?: string }) => useCursorList<PriceList>(['priceLists', 'list'], '/price-lists', filters);

export function useSavePriceList(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePriceListBody | UpdatePriceListBody) => (id ? api.patch<PriceList>(`/price-lists/${encodeURIComponent(id)}`, body) : api.post<PriceList>('/price-lists', body)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['priceLists'] }),
  });
}

export const useResolvePrice = () => useMutation({ mutationFn: (q: { tier: string; sku: string; on: string }) => api.get<Resolved>('/price-lists/resolve', q) });
