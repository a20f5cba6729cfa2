import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, User } from '../../../shared/schemas/auth.js';
import { api, type QueryParams } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export interface UserFilters extends QueryParams {
  q?: string;
  role?: string;
}

export const useUserList = (filters: UserFilters) => useCursorList<User>(['users', 'list'], '/users', filters);

export function useSaveUser(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody | UpdateUserBody) => (id ? api.patch<User>(`/users/${encodeURIComponent(id)}`, body) : api.post<User>('/users', body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function usePatchUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
