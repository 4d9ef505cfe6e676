import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  AssignVisitBody,
  DeliverBody,
  HelpSettings,
  HelpSettingsBody,
  MeasureDecisionBody,
  MeasurePage,
  MeasureQuery,
  MeasureStateBody,
  MeasureView,
  RecordVisitBody,
  ReferralPage,
  ReferralQuery,
  ReferralView,
  ResourceBody,
  ResourcePage,
  ResourceQuery,
  ResourceUpdateBody,
  ResourceView,
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
} from '../../../contracts/help';
import { apiGet, apiSend, withQuery } from '../../api/client';

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

/** 重新开档 after a relapse; the answer is the archive, of which only the id matters here. */
export function useReopenArchive() {
  return useHelpMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    apiSend('POST', `/api/archives/${enc(id)}/reopen`, { version, reason }, z.object({ id: z.string() })),
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
