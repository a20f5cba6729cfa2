import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ticket, TicketDetail } from '../../../shared/schemas/service.js';
import { api, type ListPage, type QueryParams } from '../../lib/api';

export type { Ticket, TicketDetail };
export const STEPS = ['received', 'classified', 'responded', 'processing', 'verified', 'closed'] as const;
export const NEXT_STEP: Record<string, string | null> = { received: 'classified', classified: 'responded', responded: 'processing', processing: 'verified', verified: 'closed', closed: null };
export const FEEDBACK_TYPES = ['technical', 'service', 'product', 'delivery', 'other'];
export const REQUEST_TYPES = ['supply', 'policy', 'marketing', 'technical', 'finance', 'other'];
export const CHANNELS: Record<string, string[]> = { customer_feedback: ['survey', 'interview', 'callback', 'hotline', 'web_form'], dealer_request: ['portal', 'phone', 'email'] };
export const SLA_COLOURS: Record<string, string> = { green: 'green', amber: 'orange', red: 'red', grey: 'default' };

export const ticketKeys = { all: ['tickets'] as const, board: (p: QueryParams) => ['tickets', 'board', p] as const, one: (id: string) => ['tickets', 'one', id] as const };

export const useTicketBoard = (params: QueryParams) =>
  useQuery({ queryKey: ticketKeys.board(params), queryFn: ({ signal }) => api.get<ListPage<Ticket>>('/tickets', { limit: 500, ...params }, signal), refetchInterval: 30_000 });

export const useTicket = (id: string) =>
  useQuery({ queryKey: ticketKeys.one(id), queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, undefined, signal), refetchInterval: 15_000 });

/** A mutation on one ticket that refreshes it (and the board) afterwards. */
export function useTicketAction<B>(id: string, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<unknown>(`/tickets/${encodeURIComponent(id)}${path}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export interface SearchHit {
  id: string;
  title: string;
  snippet: string;
  status: string;
  type: string | null;
  hits: number;
  score: number;
}
export interface Article {
  id: string;
  title: string;
  body: string;
  type: string | null;
  productSku: string | null;
  status: string;
  sourceTicketId: string | null;
  createdBy: string;
  updatedAt: string;
}
export interface Announcement {
  id: string;
  kind: string;
  title: string;
  body: string;
  publishedBy: string;
  publishedAt: string;
  readByMe: boolean;
  readCount: number;
}
export interface StageStats {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
}
export interface ReportGroup {
  key: string;
  label: string;
  tickets: number;
  breached: number;
  breachRate: number | null;
  stages: Record<'response' | 'resolution' | 'confirmation', StageStats>;
  laggingStage: string | null;
}
export interface Quarterly {
  quarter: string;
  asOf: string;
  overall: ReportGroup;
  byRegion: ReportGroup[];
  byManager: ReportGroup[];
}
export interface Monthly {
  month: string;
  totals: { received: number; resolved: number; unresolved: number; breached: number; breachRate: number | null; averageRating: number | null };
  byType: { type: string; received: number; unresolved: number }[];
  unresolved: { id: string; number: string; dealerName: string; type: string; productSku: string | null; subject: string; step: string; createdAt: string; breached: boolean }[];
  recurring: { type: string; productSku: string; count: number; ticketNumbers: string[]; rootCause: string | null; preventiveAction: string | null }[];
}
export interface Dispute {
  id: string;
  number: string;
  title: string;
  kind: string;
  status: string;
  facts: string;
  feelings: string;
  needs: string;
  options: string;
  contestedFen: number;
  split: { weights: Record<string, number>; amountFen: number; parts: { dealerId: string; contributionPct: number; amountFen: number }[] } | null;
  plan: { step: number; dueOn: string; percent: number; amountFen: number }[] | null;
  parties: { dealerId: string; dealerName: string; dealerCode: string; claim: string }[];
  followups: { id: string; note: string; dueOn: string; doneAt: string | null; createdBy: string }[];
  createdAt: string;
}
export interface Survey {
  id: string;
  title: string;
  status: string;
  sentAt: string | null;
  recipients: number;
  responses: number;
  responseRate: number | null;
  csat: number | null;
  nps: number | null;
}
export interface CareReminder {
  dealerId: string;
  dealerCode: string;
  dealerName: string;
  kind: string;
  period: string;
  dueOn: string;
  daysLeft: number;
  heldOn: string | null;
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${Math.round(x * 1000) / 10}%`);
