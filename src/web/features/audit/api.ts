import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { AuditEntry, AuditVerification } from '../../../shared/schemas/platform.js';
import { api } from '../../lib/api';
import { useCursorList } from '../../components/CursorTable';

export type Verification = Static<typeof AuditVerification>;

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  [key: string]: string | undefined;
}

export const useAuditList = (filters: AuditFilters, limit = 50) => useCursorList<AuditEntry>(['audit', 'list'], '/audit', filters, limit);

export const useVerifyAudit = () => useMutation({ mutationFn: () => api.get<Verification>('/audit/verify') });
