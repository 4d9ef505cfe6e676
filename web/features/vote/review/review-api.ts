import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  AnalyticsAnswer,
  Appeal,
  AppealBody,
  CampaignPage,
  CampaignView,
  CandidateList,
  CertificateList,
  CreateFlagBody,
  DecideAppealBody,
  DecideFlagBody,
  Flag,
  FlagList,
  ObjectionAnswerBody,
  ObjectionList,
  ObjectionView,
  RecountAnswer,
  ResultView,
  TallyAnswer,
} from '../../../../contracts/vote';
import { DivisionCode, DivisionPath } from '../../../../contracts/organisation';
import { apiDownload, apiGet, apiSend, saveDownload, withQuery } from '../../../api/client';

/**
 * One hook per API call of the vote's counting and review: tallies and the recount, the fraud
 * analytics, flags, decisions and appeals, the result, its objections and certificates. Every key
 * starts with `vote-review`; a change refreshes all of them (a zeroed candidate changes the result).
 */
const root = ['vote-review'] as const;
const enc = encodeURIComponent;
const base = (id: string) => `/api/vote/campaigns/${enc(id)}`;

export type AnalyticsParams = { burstFactor: number; clusterMin: number; rateSeconds: number };
export type FlagView = z.infer<typeof Flag>;
export type ResultLineView = z.infer<typeof ResultView>['lines'][number];
export type Objection = z.infer<typeof ObjectionView>;
export type Analytics = z.infer<typeof AnalyticsAnswer>;
export type Tallies = z.infer<typeof TallyAnswer>;

function useReviewMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

/**
 * The divisions (GB/T 2260) of the tallies' region codes, each by `/api/divisions/:code/path`
 * under the same query key as the organisation pages' division path (one cache, kept for the
 * session: the divisions do not change). Codes that are not division codes (`unknown`) are not
 * asked for. Answers code → path (province first), for the codes already answered.
 */
export function useDivisionPaths(codes: readonly string[]) {
  const asked = [...new Set(codes)].filter((c) => DivisionCode.safeParse(c).success);
  const answers = useQueries({
    queries: asked.map((code) => ({
      queryKey: ['divisions', 'path', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet(`/api/divisions/${enc(code)}/path`, DivisionPath, signal),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const paths = new Map<string, z.infer<typeof DivisionPath>['items']>();
  answers.forEach((a, i) => {
    if (a.data) paths.set(asked[i]!, a.data.items);
  });
  return paths;
}

export function useReviewCampaigns() {
  return useQuery({
    queryKey: [...root, 'campaigns'],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/vote/campaigns', { pageSize: 200 }), CampaignPage, signal),
  });
}

export function useReviewCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'campaign', id ?? ''],
    queryFn: ({ signal }) => apiGet(base(id ?? ''), CampaignView, signal),
    enabled: Boolean(id),
  });
}

/** The candidates by id: numbers and names for the analytics and flags (which carry only ids). */
export function useReviewCandidates(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...root, 'candidates', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/candidates`, CandidateList, signal),
    enabled: Boolean(id) && enabled,
  });
}

// ---- counting (计票) ----

export function useTallies(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'tallies', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/tallies`, TallyAnswer, signal),
    enabled: Boolean(id),
  });
}

export function useRecount(id: string) {
  return useReviewMutation(() => apiSend('POST', `${base(id)}/recount`, undefined, RecountAnswer));
}

// ---- the fraud review (刷票审核) ----

export function useAnalytics(id: string | undefined, params: AnalyticsParams) {
  return useQuery({
    queryKey: [...root, 'integrity', id ?? '', params],
    queryFn: ({ signal }) =>
      apiGet(withQuery(`${base(id ?? '')}/integrity`, { ...params }), AnalyticsAnswer, signal),
    enabled: Boolean(id),
  });
}

export function useFlags(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'flags', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/flags`, FlagList, signal),
    enabled: Boolean(id),
  });
}

export function useCreateFlag(id: string) {
  return useReviewMutation((body: z.input<typeof CreateFlagBody>) =>
    apiSend('POST', `${base(id)}/flags`, body, Flag),
  );
}

export function useDecideFlag(id: string) {
  return useReviewMutation(({ flagId, body }: { flagId: string; body: z.input<typeof DecideFlagBody> }) =>
    apiSend('POST', `${base(id)}/flags/${enc(flagId)}/decide`, body, Flag),
  );
}

export function useDecideAppeal(id: string) {
  return useReviewMutation(
    ({ appealId, body }: { appealId: string; body: z.input<typeof DecideAppealBody> }) =>
      apiSend('POST', `${base(id)}/appeals/${enc(appealId)}/decide`, body, Appeal),
  );
}

/** The nominating unit's side: flags on its own candidates, and its appeal. */
export function useUnitFlags(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'unit-flags', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/unit-flags`, FlagList, signal),
    enabled: Boolean(id),
  });
}

export function useAppeal(id: string) {
  return useReviewMutation(({ flagId, body }: { flagId: string; body: z.input<typeof AppealBody> }) =>
    apiSend('POST', `${base(id)}/flags/${enc(flagId)}/appeal`, body, Flag),
  );
}

// ---- the result (评选结果) ----

export function useResult(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'result', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/result`, ResultView, signal),
    enabled: Boolean(id),
    // No result yet is an answer (vote.no_result), not a failure worth asking again.
    retry: false,
  });
}

export function useComputeResult(id: string) {
  return useReviewMutation(() => apiSend('POST', `${base(id)}/result/compute`, undefined, ResultView));
}

export function usePublishResult(id: string) {
  return useReviewMutation((version: number) =>
    apiSend('POST', `${base(id)}/result/publish`, { version }, ResultView),
  );
}

export function useFinaliseResult(id: string) {
  return useReviewMutation((version: number) =>
    apiSend('POST', `${base(id)}/result/final`, { version }, ResultView),
  );
}

export async function downloadResult(id: string): Promise<void> {
  saveDownload(await apiDownload(`${base(id)}/result/export`), 'result.xlsx');
}

export function useObjections(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...root, 'objections', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/objections`, ObjectionList, signal),
    enabled: Boolean(id) && enabled,
  });
}

export function useAnswerObjection() {
  return useReviewMutation(
    ({ objectionId, body }: { objectionId: string; body: z.input<typeof ObjectionAnswerBody> }) =>
      apiSend('POST', `/api/vote/objections/${enc(objectionId)}/answer`, body, ObjectionView),
  );
}

export function useCertificates(id: string | undefined) {
  return useQuery({
    queryKey: [...root, 'certificates', id ?? ''],
    queryFn: ({ signal }) => apiGet(`${base(id ?? '')}/certificates`, CertificateList, signal),
    enabled: Boolean(id),
    retry: false,
  });
}
