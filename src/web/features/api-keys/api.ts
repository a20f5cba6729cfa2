import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreateApiKeyBody } from '../../../shared/schemas/auth.js';
import { api } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export const useApiKeys = () => useCursorList<ApiKey>(['apiKeys', 'list'], '/api-keys', {});

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.post<{ apiKey: ApiKey; secret: string }>('/api-keys', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['apiKeys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiKey>(`/api-keys/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['apiKeys'] }),
  });
}
