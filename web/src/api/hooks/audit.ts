// The audit trail (审计): entries newest first, and the hash chain's verification (R-AU-1).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditChainCheck = components['schemas']['AuditChainCheck'];

export const auditKeys = keysFor('audit');

export const useAuditEntries = (query: GetQuery<'/api/v1/audit'>) =>
  useQuery({
    queryKey: auditKeys.list('/api/v1/audit', query),
    queryFn: () => must(api.GET('/api/v1/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/** Recomputes the chain on demand: an action with a result, so a mutation (it writes nothing, invalidates nothing). */
export const useVerifyChain = () => useMutation({ mutationFn: () => must(api.GET('/api/v1/audit/verify')) });
