import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ProblemSchema } from '../../../contracts/common';
import { ArchiveView } from '../../../contracts/assistance';
import {
  ConsentBody,
  ConsentView,
  EvidenceView,
  HelpRecordBody,
  HelpRecordView,
  HouseholdHelp,
  MeasureBody,
  MeasureDecisionBody,
  MeasureStateBody,
  MeasureView,
  RecordVisitBody,
  ReferralBody,
  ReferralView,
  ResourcePage,
  ScheduleVisitBody,
  VisitView,
} from '../../../contracts/help';
import { ApiError, apiGet, apiSend, CSRF_COOKIE, CSRF_HEADER, readCookie, withQuery } from '../../api/client';

/**
 * The help side of one household (帮扶台账、方案、授权、转介、回访). The help query sits under the
 * household's own key (`assistance/household/<id>/help`), so invalidating the household refreshes
 * both; every write refreshes everything under `assistance` (the timeline, lists) and `help`
 * (the plans, referrals and visits pages).
 */
const enc = encodeURIComponent;
export const helpKey = (householdId: string) => ['assistance', 'household', householdId, 'help'] as const;

export function useHouseholdHelp(householdId: string, enabled = true) {
  return useQuery({
    queryKey: helpKey(householdId),
    queryFn: ({ signal }) => apiGet(`/api/households/${enc(householdId)}/help`, HouseholdHelp, signal),
    enabled: enabled && Boolean(householdId),
  });
}

function useHelpMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['assistance'] }),
        queryClient.invalidateQueries({ queryKey: ['help'] }),
      ]),
  });
}

// ---- urgent help, upper-federation aid, evidence ----

export function useRecordHelp() {
  return useHelpMutation(
    ({ householdId, body }: { householdId: string; body: z.input<typeof HelpRecordBody> }) =>
      apiSend('POST', `/api/households/${enc(householdId)}/help`, body, HelpRecordView),
  );
}

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
const BY_EXTENSION: Record<string, (typeof EVIDENCE_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** The evidence type of a picked file (its own type, else its extension), or undefined when not allowed. */
export function evidenceType(file: File): (typeof EVIDENCE_TYPES)[number] | undefined {
  const own = EVIDENCE_TYPES.find((type) => type === file.type);
  if (own) return own;
  if (file.type && file.type !== 'application/octet-stream') return undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext];
}

async function problemOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ProblemSchema.safeParse(json);
  if (parsed.success)
    return new ApiError(parsed.data.status, parsed.data.code, parsed.data.title, parsed.data);
  return new ApiError(res.status, `http.${res.status}`, res.statusText || `HTTP ${res.status}`);
}

/** The raw file as the request body; the api client sends JSON only, so the CSRF dance is repeated here. */
async function uploadEvidence(recordId: string, file: File, type: string) {
  const post = async () => {
    if (!readCookie(CSRF_COOKIE))
      await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(() => null);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': type,
      'x-file-name': enc(file.name),
    };
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    try {
      return await fetch(`/api/help-records/${enc(recordId)}/evidence`, {
        method: 'POST',
        credentials: 'same-origin',
        headers,
        body: file,
      });
    } catch {
      throw new ApiError(0, 'client.network', 'Network error');
    }
  };
  let res = await post();
  if (!res.ok) {
    let error = await problemOf(res);
    if (error.code === 'auth.csrf') {
      res = await post();
      if (!res.ok) error = await problemOf(res);
    }
    if (!res.ok) throw error;
  }
  const parsed = EvidenceView.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(res.status, 'client.bad_response', 'Unexpected response');
  return parsed.data;
}

export function useUploadEvidence() {
  return useHelpMutation(({ recordId, file, type }: { recordId: string; file: File; type: string }) =>
    uploadEvidence(recordId, file, type),
  );
}

// ---- plans ----

export function useCreateMeasure() {
  return useHelpMutation(
    ({ householdId, body }: { householdId: string; body: z.input<typeof MeasureBody> }) =>
      apiSend('POST', `/api/households/${enc(householdId)}/measures`, body, MeasureView),
  );
}

export function useMeasureState() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof MeasureStateBody> }) =>
    apiSend('POST', `/api/measures/${enc(id)}/state`, body, MeasureView),
  );
}

export function useDecideMeasure() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof MeasureDecisionBody> }) =>
    apiSend('POST', `/api/measures/${enc(id)}/decide`, body, MeasureView),
  );
}

// ---- consent ----

export function useCreateConsent() {
  return useHelpMutation(
    ({ householdId, body }: { householdId: string; body: z.input<typeof ConsentBody> }) =>
      apiSend('POST', `/api/households/${enc(householdId)}/consents`, body, ConsentView),
  );
}

export function useRevokeConsent() {
  return useHelpMutation(({ id, reason }: { id: string; reason: string }) =>
    apiSend('POST', `/api/consents/${enc(id)}/revoke`, { reason }, ConsentView),
  );
}

// ---- resources and referrals ----

/** Resources that can still be referred to (active, valid today, places left), searchable by title. */
export function useAvailableResources(q: string, enabled = true) {
  return useQuery({
    queryKey: ['help', 'resources', 'available', q],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/resources', { available: 'true', q, pageSize: 50 }), ResourcePage, signal),
    enabled,
    staleTime: 10_000,
  });
}

export function useCreateReferral() {
  return useHelpMutation(
    ({ householdId, body }: { householdId: string; body: z.input<typeof ReferralBody> }) =>
      apiSend('POST', `/api/households/${enc(householdId)}/referrals`, body, ReferralView),
  );
}

export function useWithdrawReferral() {
  return useHelpMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    apiSend('POST', `/api/referrals/${enc(id)}/withdraw`, { version, reason }, ReferralView),
  );
}

// ---- return visits ----

export function useScheduleVisit() {
  return useHelpMutation(
    ({ householdId, body }: { householdId: string; body: z.input<typeof ScheduleVisitBody> }) =>
      apiSend('POST', `/api/households/${enc(householdId)}/visits`, body, VisitView),
  );
}

export function useRecordVisit() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof RecordVisitBody> }) =>
    apiSend('POST', `/api/visits/${enc(id)}/record`, body, VisitView),
  );
}

/** 重新开档 after a relapse: the archive answers as it is now. */
export function useReopenArchive() {
  return useHelpMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    apiSend('POST', `/api/archives/${enc(id)}/reopen`, { version, reason }, ArchiveView),
  );
}
