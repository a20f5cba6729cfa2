import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTransferCostBody,
  Order,
  TransferPlan,
  TransferPlanBody,
  TransferPlanTransitionBody,
  TransferSettings,
  VmiConfirmBody,
  VmiProposal,
  VmiSettings,
} from '../../../shared/schemas/index.js';
import { api } from '../../lib/api';

export const replenishmentKeys = {
  plans: ['transfers', 'plans'] as const,
  plan: (id: string) => ['transfers', 'plans', id] as const,
  orders: ['transfers', 'orders'] as const,
  costs: ['transfers', 'costs'] as const,
  transferSettings: ['transfers', 'settings'] as const,
  proposals: ['vmi', 'proposals'] as const,
  vmiSettings: ['vmi', 'settings'] as const,
};

const enc = encodeURIComponent;

export const usePlan = (id: string | null) =>
  useQuery({ queryKey: replenishmentKeys.plan(id ?? ''), queryFn: ({ signal }) => api.get<TransferPlan>(`/transfers/plans/${enc(id!)}`, undefined, signal), enabled: !!id });

/** Invalidates what a change of transfers can affect (stock, alerts, audit too). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: (readonly string[])[]) => {
    for (const key of keys) void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreatePlan() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: TransferPlanBody) => api.post<TransferPlan>('/transfers/plan', body), onSuccess: () => invalidate(replenishmentKeys.plans) });
}

export function useTransitionPlan(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TransferPlanTransitionBody) => api.post<TransferPlan>(`/transfers/plans/${enc(id)}/transitions`, body),
    onSuccess: () => invalidate(replenishmentKeys.plans, replenishmentKeys.orders, ['inventory']),
  });
}

export function useCreateCost() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateTransferCostBody) => api.post('/transfers/costs', body), onSuccess: () => invalidate(replenishmentKeys.costs) });
}

export function useDeleteCost() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/transfers/costs/${enc(id)}`), onSuccess: () => invalidate(replenishmentKeys.costs) });
}

export const useTransferSettings = () => useQuery({ queryKey: replenishmentKeys.transferSettings, queryFn: ({ signal }) => api.get<TransferSettings>('/transfers/settings', undefined, signal) });

export function useSaveTransferSettings() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: Partial<TransferSettings>) => api.patch<TransferSettings>('/transfers/settings', body), onSuccess: () => invalidate(replenishmentKeys.transferSettings) });
}

export function useGenerateProposals() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { dealerId?: string }) => api.post<{ created: VmiProposal[]; skippedDealers: number; autoConfirmed: number }>('/vmi/proposals/generate', body),
    onSuccess: () => invalidate(replenishmentKeys.proposals, ['orders']),
  });
}

export function useConfirmProposal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: VmiConfirmBody }) => api.post<{ proposal: VmiProposal; order: Order }>(`/vmi/proposals/${enc(id)}/confirm`, body),
    // A refused confirmation still changed the proposal (its last refusal): refresh either way.
    onSettled: () => invalidate(replenishmentKeys.proposals, ['orders']),
  });
}

export function useRejectProposal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<VmiProposal>(`/vmi/proposals/${enc(id)}/reject`, { reason }),
    onSuccess: () => invalidate(replenishmentKeys.proposals),
  });
}

export const useVmiSettings = () => useQuery({ queryKey: replenishmentKeys.vmiSettings, queryFn: ({ signal }) => api.get<VmiSettings>('/vmi/settings', undefined, signal) });

export function useSaveVmiSettings() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: Partial<VmiSettings>) => api.patch<VmiSettings>('/vmi/settings', body), onSuccess: () => invalidate(replenishmentKeys.vmiSettings) });
}
