import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ArchiveView } from '../../../../contracts/assistance';
import { ProblemSchema } from '../../../../contracts/common';
import {
  AssignVisitBody,
  ConsentBody,
  ConsentView,
  DeliverBody,
  EvidenceView,
  HelpRecordBody,
  HelpRecordView,
  HelpSettings,
  HelpSettingsBody,
  HouseholdHelp,
  MeasureBody,
  MeasureDecisionBody,
  MeasurePage,
  MeasureQuery,
  MeasureStateBody,
  MeasureView,
  RecordVisitBody,
  ReferralBody,
  ReferralPage,
  ReferralQuery,
  ReferralView,
  ResourceBody,
  ResourcePage,
  ResourceQuery,
  ResourceUpdateBody,
  ResourceView,
  ScheduleVisitBody,
  TemplateApplyResult,
  TemplateBody,
  TemplateList,
  TemplatePreview,
  TemplateUpdateBody,
  TemplateView,
  VisitPage,
  VisitQuery,
  VisitView,
  VisitWorklist,
} from '../../../../contracts/help';
import {
  ApiError,
  apiGet,
  apiSend,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  withQuery,
} from '../../../api/client';

/**
 * One hook per API call of the help side of the Love Alliance: caring-unit resources, referrals,
 * plans (个案专策 approvals, measures, 同类同策 templates) and return visits. Every key starts
 * with `help`; a change refreshes everything under `help` and `assistance` (a delivered referral
 * or a reopened archive shows on the household too).
 */
const root = ['help'] as const;
const keys = {
  resources: [...root, 'resources'] as const,
  referrals: [...root, 'referrals'] as const,
  referral: (id: string) => [...root, 'referral', id] as const,
  measures: [...root, 'measures'] as const,
  templates: [...root, 'templates'] as const,
  visits: [...root, 'visits'] as const,
  worklist: [...root, 'visits', 'worklist'] as const,
  settings: [...root, 'settings'] as const,
};

const enc = encodeURIComponent;

function useHelpMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () =>
      Promise.all(
        [root, ['assistance'] as const].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}

/** Query-string filters as the server reads them: strings, booleans as 'true'/'false'. */
type QueryParams<S extends z.ZodType> = z.infer<S>;

// ---- caring-unit resources (爱心资源) ----

export type ResourceParams = QueryParams<typeof ResourceQuery>;
export type Resource = z.infer<typeof ResourceView>;

export function useResources(params: ResourceParams, enabled = true) {
  return useQuery({
    queryKey: [...keys.resources, params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/resources', { ...params }), ResourcePage, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResource(id: string | undefined) {
  return useQuery({
    queryKey: [...keys.resources, 'one', id ?? ''],
    queryFn: ({ signal }) => apiGet(`/api/resources/${enc(id ?? '')}`, ResourceView, signal),
    enabled: Boolean(id),
  });
}

export function useCreateResource() {
  return useHelpMutation((body: z.input<typeof ResourceBody>) =>
    apiSend('POST', '/api/resources', body, ResourceView),
  );
}

export function useUpdateResource() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof ResourceUpdateBody> }) =>
    apiSend('PATCH', `/api/resources/${enc(id)}`, body, ResourceView),
  );
}

/** 下架: no new referrals; those already sent stay. */
export function useWithdrawResource() {
  return useHelpMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', `/api/resources/${enc(id)}/withdraw`, { version }, ResourceView),
  );
}

// ---- referrals (转介服务) ----

export type ReferralParams = QueryParams<typeof ReferralQuery>;
export type Referral = z.infer<typeof ReferralView>;

export function useReferrals(params: ReferralParams) {
  return useQuery({
    queryKey: [...keys.referrals, params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/referrals', { ...params }), ReferralPage, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string | undefined) {
  return useQuery({
    queryKey: keys.referral(id ?? ''),
    queryFn: ({ signal }) => apiGet(`/api/referrals/${enc(id ?? '')}`, ReferralView, signal),
    enabled: Boolean(id),
  });
}

export type ReferralStep =
  | { step: 'accept'; id: string; version: number; note?: string }
  | { step: 'decline' | 'withdraw'; id: string; version: number; reason: string }
  | { step: 'deliver'; id: string; body: z.input<typeof DeliverBody> };

/** 接收 / 婉拒 / 确认服务 / 撤回: one hook, the step names the route. */
export function useReferralStep() {
  return useHelpMutation((vars: ReferralStep) => {
    const path = `/api/referrals/${enc(vars.id)}/${vars.step}`;
    switch (vars.step) {
      case 'accept':
        return apiSend(
          'POST',
          path,
          { version: vars.version, ...(vars.note ? { note: vars.note } : {}) },
          ReferralView,
        );
      case 'decline':
      case 'withdraw':
        return apiSend('POST', path, { version: vars.version, reason: vars.reason }, ReferralView);
      case 'deliver':
        return apiSend('POST', path, vars.body, ReferralView);
    }
  });
}

// ---- plans: measures and 同类同策 templates ----

export type MeasureParams = QueryParams<typeof MeasureQuery>;
export type Measure = z.infer<typeof MeasureView>;

export function useMeasures(params: MeasureParams, enabled = true) {
  return useQuery({
    queryKey: [...keys.measures, params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/measures', { ...params }), MeasurePage, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 个案专策审批: approve or reject, with a note. */
export function useDecideMeasure() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof MeasureDecisionBody> }) =>
    apiSend('POST', `/api/measures/${enc(id)}/decide`, body, MeasureView),
  );
}

export function useMeasureState() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof MeasureStateBody> }) =>
    apiSend('POST', `/api/measures/${enc(id)}/state`, body, MeasureView),
  );
}

export type Template = z.infer<typeof TemplateView>;

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) => apiGet('/api/plan-templates', TemplateList, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useCreateTemplate() {
  return useHelpMutation((body: z.input<typeof TemplateBody>) =>
    apiSend('POST', '/api/plan-templates', body, TemplateView),
  );
}

export function useUpdateTemplate() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof TemplateUpdateBody> }) =>
    apiSend('PATCH', `/api/plan-templates/${enc(id)}`, body, TemplateView),
  );
}

/** Who applying the template would touch now; a POST that changes nothing, so never cached. */
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('POST', `/api/plan-templates/${enc(id)}/preview`, {}, TemplatePreview),
  });
}

/** Applying twice changes nothing: households that already have the template are skipped. */
export function useApplyTemplate() {
  return useHelpMutation((id: string) =>
    apiSend('POST', `/api/plan-templates/${enc(id)}/apply`, {}, TemplateApplyResult),
  );
}

// ---- return visits (回访) ----

export type VisitParams = QueryParams<typeof VisitQuery>;
export type Visit = z.infer<typeof VisitView>;

export function useVisits(params: VisitParams) {
  return useQuery({
    queryKey: [...keys.visits, params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/visits', { ...params }), VisitPage, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVisitWorklist() {
  return useQuery({
    queryKey: keys.worklist,
    queryFn: ({ signal }) => apiGet('/api/visits/worklist', VisitWorklist, signal),
  });
}

export function useAssignVisit() {
  return useHelpMutation(({ id, body }: { id: string; body: z.input<typeof AssignVisitBody> }) =>
    apiSend('POST', `/api/visits/${enc(id)}/assign`, body, VisitView),
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

export function useHelpSettings(enabled = true) {
  return useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => apiGet('/api/help-settings', HelpSettings, signal),
    enabled,
  });
}

export function useSaveHelpSettings() {
  return useHelpMutation((body: z.input<typeof HelpSettingsBody>) =>
    apiSend('PUT', '/api/help-settings', body, HelpSettings),
  );
}

// ---- the help side of one household (帮扶台账、方案、授权、转介、回访) ----

/**
 * The household's help query sits under the household's own key
 * (`assistance/household/<id>/help`), so invalidating the household refreshes both.
 */
export const helpKey = (householdId: string) => ['assistance', 'household', householdId, 'help'] as const;

export function useHouseholdHelp(householdId: string, enabled = true) {
  return useQuery({
    queryKey: helpKey(householdId),
    queryFn: ({ signal }) => apiGet(`/api/households/${enc(householdId)}/help`, HouseholdHelp, signal),
    enabled: enabled && Boolean(householdId),
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
  return uploadFile(`/api/help-records/${enc(recordId)}/evidence`, file, type, EvidenceView);
}

async function uploadFile<T extends z.ZodTypeAny>(url: string, file: File, type: string, schema: T) {
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
      return await fetch(url, {
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
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(res.status, 'client.bad_response', 'Unexpected response');
  return parsed.data as z.infer<T>;
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

/** The signed consent form (one per consent): it confirms a partner's consent. */
export function useUploadConsentForm() {
  return useHelpMutation(({ id, file, type }: { id: string; file: File; type: string }) =>
    uploadFile(`/api/consents/${enc(id)}/evidence`, file, type, ConsentView),
  );
}

/** Federation staff, the second person, confirm a partner's consent. */
export function useConfirmConsent() {
  return useHelpMutation(({ id }: { id: string }) =>
    apiSend('POST', `/api/consents/${enc(id)}/confirm`, {}, ConsentView),
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
