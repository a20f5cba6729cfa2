import { useQuery } from '@tanstack/react-query';
import type { Permission, Role } from '../../shared/permissions.js';
import type { Me } from '../../shared/schemas/auth.js';
import { api, isApiError } from './api';
import { ME_KEY } from './queryClient';

export type CurrentUser = Me['user'];

export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    return (await api.get<Me>('/auth/me')).user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** Who is signed in: `null` when nobody, `undefined` while loading. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, meta: { silent: true } });
}

export function hasPermission(user: CurrentUser | null | undefined, permission: Permission | undefined): boolean {
  if (!permission) return true;
  return !!user && user.permissions.includes(permission);
}

/** The signed-in user (inside the authenticated layout) and a permission check bound to it. */
export function useAccess() {
  const { data } = useMe();
  const user = data ?? null;
  return {
    user,
    can: (permission: Permission) => hasPermission(user, permission),
    isDealerUser: !!user && isDealerRole(user.role),
  };
}

export const isDealerRole = (role: Role) => role === 'dealer_admin' || role === 'dealer_staff';
