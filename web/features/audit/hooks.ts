import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { AuditPage, ChainCheck } from '../../../contracts/audit';
import { apiDownload, apiGet, withQuery } from '../../api/client';

export interface AuditFilterParams {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  result?: 'success' | 'denied' | 'failure';
  from?: string;
  to?: string;
}

export interface AuditListParams extends AuditFilterParams {
  page: number;
  pageSize: number;
}

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit', 'list', params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/audit', { ...params }), AuditPage, signal),
    placeholderData: keepPreviousData,
  });
}

/** A GET, so no CSRF header; fetched rather than linked so "too many rows" shows as a message. */
export function useExportAudit() {
  return useMutation({
    mutationFn: (filter: AuditFilterParams) => apiDownload(withQuery('/api/audit/export', { ...filter })),
  });
}

/** A mutation, not a query: verifying walks the whole chain, so it runs only when asked. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiGet('/api/audit/verify', ChainCheck) });
}
