import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Checklists,
  ChecklistItem,
  ConvertBody,
  CreateProspectBody,
  DecisionBody,
  Evidence,
  Finding,
  FindingBody,
  Prospect,
  ProspectAnalysis,
  ProspectEvent,
  ProspectMove,
  ProspectStage,
  PublicApplicationBody,
  RankedProspect,
  RiskReport,
  ScreeningBody,
  ScreeningCriteria,
  ScreeningResult,
  StatementsBody,
  UpdateChecklistItemBody,
  UpdateProspectBody,
} from '../../../shared/schemas/recruitment.js';
import type { Dealer } from '../../../shared/schemas/dealers.js';
import type { Static } from 'typebox';
import { api, request, type ListPage, type QueryParams } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export type ChecklistsView = Static<typeof Checklists>;

export interface ProspectFilters extends QueryParams {
  q?: string;
  stage?: string;
  regionCode?: string;
  source?: string;
}

export const prospectKeys = {
  all: ['prospects'] as const,
  list: () => ['prospects', 'list'] as const,
  board: (stage: string, filters: QueryParams) => ['prospects', 'board', stage, filters] as const,
  one: (id: string) => ['prospects', 'one', id] as const,
  sub: (id: string, what: string) => ['prospects', 'sub', id, what] as const,
  moves: () => ['prospects', 'moves'] as const,
  ranking: (pool: string, params: QueryParams) => ['prospects', pool, params] as const,
};
export const CRITERIA_KEY = ['screening-criteria'] as const;
const enc = encodeURIComponent;

export const useProspectList = (filters: ProspectFilters, limit = 50) => useCursorList<Prospect>(prospectKeys.list(), '/prospects', filters, limit);
export const useMoves = (filters: QueryParams, limit = 20) => useCursorList<ProspectMove>(prospectKeys.moves(), '/prospects/moves', filters, limit);

/** One column of the board: the first 100 prospects of a stage (the count says when there are more). */
export const useBoardColumn = (stage: ProspectStage, filters: QueryParams) =>
  useQuery({
    queryKey: prospectKeys.board(stage, filters),
    queryFn: ({ signal }) => api.get<ListPage<Prospect>>('/prospects', { ...filters, stage, limit: 100 }, signal),
  });

export const useRanking = (pool: 'ranking' | 'successors', params: QueryParams) =>
  useQuery({
    queryKey: prospectKeys.ranking(pool, params),
    queryFn: ({ signal }) => api.get<ListPage<RankedProspect>>(`/prospects/${pool}`, { limit: 200, ...params }, signal),
  });

export const useProspect = (id: string) =>
  useQuery({
    queryKey: prospectKeys.one(id),
    queryFn: ({ signal }) => api.get<Prospect>(`/prospects/${enc(id)}`, undefined, signal),
    meta: { silent: true },
  });

const useSub = <T>(id: string, what: string, path: string, enabled = true) =>
  useQuery({ queryKey: prospectKeys.sub(id, what), queryFn: ({ signal }) => api.get<T>(`/prospects/${enc(id)}${path}`, undefined, signal), enabled });

export const useProspectEvents = (id: string) => useSub<ListPage<ProspectEvent>>(id, 'events', '/events?limit=200');
export const useScreenings = (id: string) => useSub<{ items: ScreeningResult[] }>(id, 'screenings', '/screenings');
export const useChecklists = (id: string, enabled: boolean) => useSub<ChecklistsView>(id, 'checklists', '/checklists', enabled);
export const useRisk = (id: string) => useSub<RiskReport>(id, 'risk', '/risk');
export const useAnalysis = (id: string) => useSub<ProspectAnalysis>(id, 'analysis', '/analysis');

export const useCriteria = () => useQuery({ queryKey: CRITERIA_KEY, queryFn: ({ signal }) => api.get<ScreeningCriteria>('/screening-criteria', undefined, signal), staleTime: 60_000 });

/** A mutation that refreshes everything about prospects (board, lists, the detail and its tabs) and the audit log. */
function useProspectMutation<B, R>(fn: (body: B) => Promise<R>, onDone?: (result: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: prospectKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      onDone?.(result);
    },
  });
}

export const useCreateProspect = () => useProspectMutation((body: CreateProspectBody) => api.post<Prospect>('/prospects', body));
export const useUpdateProspect = (id: string) => useProspectMutation((body: UpdateProspectBody) => api.patch<Prospect>(`/prospects/${enc(id)}`, body));
export const useMoveProspect = (id: string) => useProspectMutation((body: { to: ProspectStage; reason: string }) => api.post<Prospect>(`/prospects/${enc(id)}/transitions`, body));
export const useScreen = (id: string) => useProspectMutation((body: ScreeningBody) => api.post<ScreeningResult>(`/prospects/${enc(id)}/screenings`, body));
export const useUpdateItem = (id: string) =>
  useProspectMutation(({ itemId, body }: { itemId: string; body: UpdateChecklistItemBody }) => api.patch<ChecklistItem>(`/prospects/${enc(id)}/checklist-items/${enc(itemId)}`, body));
export const useUploadEvidence = (id: string) =>
  useProspectMutation(({ itemId, file }: { itemId: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<Evidence>(`/prospects/${enc(id)}/checklist-items/${enc(itemId)}/evidence`, form);
  });
export const useDeleteEvidence = (id: string) => useProspectMutation((evidenceId: string) => api.delete<void>(`/prospects/${enc(id)}/evidence/${enc(evidenceId)}`));
export const useAddFinding = (id: string) => useProspectMutation((body: FindingBody) => api.post<Finding>(`/prospects/${enc(id)}/findings`, body));
export const useSaveStatements = (id: string) => useProspectMutation((body: StatementsBody) => request<ProspectAnalysis>('PUT', `/prospects/${enc(id)}/statements`, { body }));
export const useDecide = (id: string) => useProspectMutation((body: DecisionBody) => api.post<Prospect>(`/prospects/${enc(id)}/decision`, body));
export function useConvert(id: string) {
  const queryClient = useQueryClient();
  return useProspectMutation(
    (body: ConvertBody) => api.post<Dealer>(`/prospects/${enc(id)}/convert`, body),
    () => void queryClient.invalidateQueries({ queryKey: ['dealers'] }),
  );
}

export function useSaveCriteria() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScreeningCriteria) => request<ScreeningCriteria>('PUT', '/screening-criteria', { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(CRITERIA_KEY, saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** The public application (no session): 202 `{status:'received'}`. */
export const submitApplication = (body: PublicApplicationBody) => api.post<{ status: 'received' }>('/public/prospect-applications', body);
