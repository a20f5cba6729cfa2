import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateOrderBody,
  CreatePromotionBody,
  Order,
  OrderQuote,
  OrderQuoteBody,
  OrderReturn,
  OrderTransitionBody,
  Payment,
  PaymentBody,
  Promotion,
  Receivables,
  ReturnBody,
  SelloutResult,
  Shipment,
  ShipmentBody,
  SnapshotBody,
  Statement,
  TradeSettings,
  UpdatePromotionBody,
} from '../../../shared/schemas/index.js';
import { api, request, type ListPage, type QueryParams } from '../../lib/api';
import { useAccess } from '../../lib/access';

export const tradeKeys = {
  orders: ['trade', 'orders'] as const,
  order: (id: string) => ['trade', 'orders', 'one', id] as const,
  receivables: (dealerId: string) => ['trade', 'receivables', dealerId] as const,
  promotions: ['trade', 'promotions'] as const,
  sellout: ['trade', 'sellout'] as const,
  stock: ['trade', 'stock'] as const,
  settings: ['trade', 'settings'] as const,
};

const enc = encodeURIComponent;

/** The dealer a dealer user acts for; HQ and regional users pick one. */
export function useOwnDealerId(): string | null {
  const { user, isDealerUser } = useAccess();
  return isDealerUser ? (user?.dealerId ?? null) : null;
}

/** Everything trade-related changed: lists, receivables, stock and the audit view refresh. */
function useInvalidateTrade() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['trade'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

// ---- orders ----
export const useOrder = (id: string) => useQuery({ queryKey: tradeKeys.order(id), queryFn: ({ signal }) => api.get<Order>(`/orders/${enc(id)}`, undefined, signal) });

export const useOrderEvents = (id: string) =>
  useQuery({
    queryKey: [...tradeKeys.order(id), 'events'],
    queryFn: ({ signal }) => api.get<ListPage<{ fromStatus: string | null; toStatus: string; reason: string | null; actorName: string; at: string }>>(`/orders/${enc(id)}/events`, undefined, signal),
  });

export const useOrderShipments = (id: string) =>
  useQuery({ queryKey: [...tradeKeys.order(id), 'shipments'], queryFn: ({ signal }) => api.get<ListPage<Shipment>>(`/orders/${enc(id)}/shipments`, undefined, signal) });

/** The live quote of the order being typed (prices, promotion, credit left); kept while refetching. */
export const useQuote = (body: OrderQuoteBody | null) =>
  useQuery({
    queryKey: ['trade', 'quote', body],
    queryFn: ({ signal }) => request<OrderQuote>('POST', '/orders/quote', { body, signal }),
    enabled: !!body,
    placeholderData: (previous) => previous,
    staleTime: 5_000,
    meta: { silent: true },
  });

/**
 * Creates an order with the key made when the dealer pressed submit, sent on every attempt, so a
 * retry after a lost answer returns the first order (as lib/offline-orders.ts sends a draft).
 * Tried even when the browser says offline (`networkMode: 'always'`): a network failure becomes a
 * draft, never a request parked in memory. The form shows CREDIT_LIMIT_EXCEEDED itself (with the shortfall).
 */
export function useCreateOrder() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOrderBody; idempotencyKey: string }) => request<Order>('POST', '/orders', { body, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: invalidate,
    networkMode: 'always',
    meta: { silent: true },
  });
}

export function useOrderAction(id: string) {
  const invalidate = useInvalidateTrade();
  const transition = useMutation({ mutationFn: (body: OrderTransitionBody) => api.post<Order>(`/orders/${enc(id)}/transitions`, body), onSuccess: invalidate, meta: { silent: true } });
  const ship = useMutation({ mutationFn: (body: ShipmentBody) => api.post<Shipment>(`/orders/${enc(id)}/shipments`, body), onSuccess: invalidate, meta: { silent: true } });
  const giveBack = useMutation({ mutationFn: (body: ReturnBody) => api.post<OrderReturn>(`/orders/${enc(id)}/returns`, body), onSuccess: invalidate, meta: { silent: true } });
  return { transition, ship, giveBack };
}

// ---- receivables ----
export const useReceivables = (dealerId: string | null) =>
  useQuery({ queryKey: tradeKeys.receivables(dealerId ?? ''), queryFn: ({ signal }) => api.get<Receivables>(`/dealers/${enc(dealerId!)}/receivables`, undefined, signal), enabled: !!dealerId });

export const useStatement = (dealerId: string | null, range: { from?: string; to?: string }) =>
  useQuery({
    queryKey: [...tradeKeys.receivables(dealerId ?? ''), 'statement', range],
    queryFn: ({ signal }) => api.get<Statement>(`/dealers/${enc(dealerId!)}/statement`, range as QueryParams, signal),
    enabled: !!dealerId,
  });

export function useRecordPayment() {
  const invalidate = useInvalidateTrade();
  return useMutation({ mutationFn: (body: PaymentBody) => api.post<Payment>('/payments', body), onSuccess: invalidate });
}

// ---- promotions ----
export function useSavePromotion(id?: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (body: CreatePromotionBody | UpdatePromotionBody) => (id ? api.patch<Promotion>(`/promotions/${enc(id)}`, body) : api.post<Promotion>('/promotions', body)),
    onSuccess: invalidate,
    meta: { silent: true },
  });
}

// ---- sell-out and stock ----
export function useUploadSellout() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: ({ file, dealerId }: { file: File; dealerId?: string }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<SelloutResult>('/sellout/upload', form, { dealerId });
    },
    onSuccess: invalidate,
  });
}

export function useRecordSnapshot() {
  const invalidate = useInvalidateTrade();
  return useMutation({ mutationFn: (body: SnapshotBody) => api.post<unknown>('/inventory/snapshots', body), onSuccess: invalidate, meta: { silent: true } });
}

// ---- settings ----
export const useTradeSettings = () => useQuery({ queryKey: tradeKeys.settings, queryFn: ({ signal }) => api.get<TradeSettings>('/settings/trade', undefined, signal) });

export function useSaveTradeSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TradeSettings) => request<TradeSettings>('PUT', '/settings/trade', { body }),
    onSuccess: (saved) => queryClient.setQueryData(tradeKeys.settings, saved),
    meta: { silent: true },
  });
}
