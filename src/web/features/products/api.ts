import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProductBody, Product, UpdateProductBody } from '../../../shared/schemas/catalog.js';
import { api, type ListPage, type QueryParams } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export interface ProductFilters extends QueryParams {
  q?: string;
  category?: string;
  active?: string;
}

export const useProductList = (filters: ProductFilters) => useCursorList<Product>(['products', 'list'], '/products', filters);

export const useCategories = () =>
  useQuery({
    queryKey: ['products', 'categories'],
    queryFn: async ({ signal }) => (await api.get<{ items: string[] }>('/products/categories', undefined, signal)).items,
    staleTime: 5 * 60_000,
  });

export const useProductSearch = (q: string) =>
  useQuery({
    queryKey: ['products', 'search', q],
    queryFn: ({ signal }) => api.get<ListPage<Product>>('/products', { q: q || undefined, limit: 20 }, signal),
    staleTime: 60_000,
  });

export function useSaveProduct(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProductBody | UpdateProductBody) => (id ? api.patch<Product>(`/products/${encodeURIComponent(id)}`, body) : api.post<Product>('/products', body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
