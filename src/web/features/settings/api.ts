import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingItem, SettingList } from '../../../shared/schemas/settings.js';
import { api, request } from '../../lib/api';

export interface SettingVersion {
  key: string;
  version: number;
  changedBy: string;
  changedAt: string;
  note: string | null;
  value: unknown;
}

export const settingKeys = {
  all: ['settings'] as const,
  one: (key: string) => ['settings', 'one', key] as const,
  versions: (key: string) => ['settings', 'versions', key] as const,
};

export const useSettings = () => useQuery({ queryKey: settingKeys.all, queryFn: ({ signal }) => api.get<SettingList>('/settings', undefined, signal) });

export const useSetting = (key: string) => useQuery({ queryKey: settingKeys.one(key), queryFn: ({ signal }) => api.get<SettingItem>(`/settings/${encodeURIComponent(key)}`, undefined, signal) });

export const useSettingVersions = (key: string, enabled: boolean) =>
  useQuery({ queryKey: settingKeys.versions(key), enabled, queryFn: ({ signal }) => api.get<{ items: SettingVersion[] }>(`/settings/${encodeURIComponent(key)}/versions`, undefined, signal) });

export function useSaveSetting(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { value: unknown; note?: string }) => request<SettingItem>('PUT', `/settings/${encodeURIComponent(key)}`, { body }),
    // Module pages (trade, service, screening) show the same documents: refresh everything.
    onSuccess: () => void queryClient.invalidateQueries(),
    meta: { silent: true },
  });
}
