import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { z } from 'zod';
import {
  AllianceMember,
  AllianceMemberBody,
  AllianceMemberPage,
  AllianceSummary,
  ArchiveDetail,
  ArchivePage,
  ArchiveView,
  Assessment,
  Campaign,
  CampaignBody,
  CampaignList,
  Coverage,
  Draft,
  DraftBody,
  DraftList,
  EstablishArchiveBody,
  ExitArchiveBody,
  HouseholdDetail,
  HouseholdPage,
  HouseholdQuery,
  MergeCandidateList,
  ResponsibilityBody,
  ResponsibilityTable,
  Revealed,
  RevealBody,
  Standard,
  StandardBody,
  StandardList,
  SubmitResult,
  SubmitScreeningBody,
  VerifyBody,
  ArchiveFixBody,
} from '../../../../contracts/assistance';
import { Ok } from '../../../../contracts/common';
import { DivisionList } from '../../../../contracts/organisation';
import { apiGet, apiSend, withQuery } from '../../../api/client';

/**
 * One hook per API call of the Love Alliance. Every key starts with `assistance`, so a change
 * anywhere refreshes what may show it (a verification changes the list, the archive queue and
 * the merge queue's summaries alike); drafts have their own key and are saved often.
 */
const root = ['assistance'] as const;
const keys = {
  households: [...root, 'households'] as const,
  household: (id: string) => [...root, 'household', id] as const,
  assessment: (id: string) => [...root, 'household', id, 'assessment'] as const,
  merges: [...root, 'merges'] as const,
  archives: [...root, 'archives'] as const,
  archive: (id: string) => [...root, 'archive', id] as const,
  standards: [...root, 'standards'] as const,
  members: [...root, 'members'] as const,
  summary: [...root, 'summary'] as const,
  responsibility: [...root, 'responsibility'] as const,
  campaigns: [...root, 'campaigns'] as const,
  coverage: (id: string) => [...root, 'coverage', id] as const,
  drafts: ['screening-drafts'] as const,
};

const enc = encodeURIComponent;

function useAssistanceMutation<V, R>(run: (vars: V) => Promise<R>, also: QueryKey[] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () =>
      Promise.all([root, ...also].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

// ---- households ----

/** After an import: everything under `assistance` may show the new households. */
export function useRefreshAssistance() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: root });
}

export type HouseholdQueryInput = z.infer<typeof HouseholdQuery>;

/** A POST, though it only reads: ID numbers and phones must never travel in a URL. */
export function useHouseholds(query: HouseholdQueryInput) {
  return useQuery({
    queryKey: [...keys.households, query],
    queryFn: () => apiSend('POST', '/api/households/query', query, HouseholdPage),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: keys.household(id),
    queryFn: ({ signal }) => apiGet(`/api/households/${enc(id)}`, HouseholdDetail, signal),
  });
}

export function useAssessment(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.assessment(id),
    queryFn: ({ signal }) => apiGet(`/api/households/${enc(id)}/assessment`, Assessment, signal),
    enabled,
  });
}

/** Audited on the server; the value is never cached. */
export function useRevealHousehold() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof RevealBody> }) =>
      apiSend('POST', `/api/households/${enc(id)}/reveal`, body, Revealed),
  });
}

export function useVerifyHousehold() {
  return useAssistanceMutation(({ id, body }: { id: string; body: z.input<typeof VerifyBody> }) =>
    apiSend('POST', `/api/households/${enc(id)}/verify`, body, HouseholdDetail),
  );
}

export function useEstablishArchive() {
  return useAssistanceMutation(({ id, body }: { id: string; body: z.input<typeof EstablishArchiveBody> }) =>
    apiSend('POST', `/api/households/${enc(id)}/archive`, body, ArchiveView),
  );
}

export type HouseholdStep = 'below-standard' | 'close' | 'reopen';

/** 转为帮扶(未达标准) / 关闭 / 重新打开: each needs a reason. */
export function useChangeHouseholdState() {
  return useAssistanceMutation(
    ({ id, step, version, reason }: { id: string; step: HouseholdStep; version: number; reason: string }) =>
      apiSend('POST', `/api/households/${enc(id)}/${step}`, { version, reason }, HouseholdDetail),
  );
}

// ---- merge queue ----

export function useMergeCandidates() {
  return useQuery({
    queryKey: keys.merges,
    queryFn: ({ signal }) => apiGet('/api/merge-candidates?status=pending', MergeCandidateList, signal),
    select: (data) => data.items,
  });
}

export function useMergeHouseholds() {
  return useAssistanceMutation(({ id, keep }: { id: string; keep: 'a' | 'b' }) =>
    apiSend(
      'POST',
      `/api/merge-candidates/${enc(id)}/merge`,
      { keep },
      z.object({ householdId: z.string() }),
    ),
  );
}

export function useKeepApart() {
  return useAssistanceMutation((id: string) =>
    apiSend('POST', `/api/merge-candidates/${enc(id)}/keep-apart`, undefined, Ok),
  );
}

// ---- archives ----

export interface ArchiveListParams {
  state?: z.infer<typeof ArchiveView>['state'];
  reviewDue?: boolean;
  page: number;
  pageSize: number;
}

export function useArchives(params: ArchiveListParams) {
  return useQuery({
    queryKey: [...keys.archives, params],
    queryFn: ({ signal }) =>
      apiGet(
        withQuery('/api/archives', {
          state: params.state,
          reviewDue: params.reviewDue ? 'true' : undefined,
          page: params.page,
          pageSize: params.pageSize,
        }),
        ArchivePage,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useArchive(id: string | undefined) {
  return useQuery({
    queryKey: keys.archive(id ?? ''),
    queryFn: ({ signal }) => apiGet(`/api/archives/${enc(id ?? '')}`, ArchiveDetail, signal),
    enabled: Boolean(id),
  });
}

export function useFixArchive() {
  return useAssistanceMutation(({ id, body }: { id: string; body: z.input<typeof ArchiveFixBody> }) =>
    apiSend('PATCH', `/api/archives/${enc(id)}`, body, ArchiveView),
  );
}

export type ArchiveStep = 'report' | 'approve' | 'review-done';

/** 上报 / 审核通过 / 年度复核完成: the archive's version is all they take. */
export function useArchiveStep() {
  return useAssistanceMutation(({ id, step, version }: { id: string; step: ArchiveStep; version: number }) =>
    apiSend('POST', `/api/archives/${enc(id)}/${step}`, { version }, ArchiveView),
  );
}

export function useReturnArchive() {
  return useAssistanceMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    apiSend('POST', `/api/archives/${enc(id)}/return`, { version, reason }, ArchiveView),
  );
}

export function useExitArchive() {
  return useAssistanceMutation(({ id, body }: { id: string; body: z.input<typeof ExitArchiveBody> }) =>
    apiSend('POST', `/api/archives/${enc(id)}/exit`, body, ArchiveView),
  );
}

// ---- standards (建档标准) ----

export function useStandards(year?: number) {
  return useQuery({
    queryKey: [...keys.standards, year ?? 'all'],
    queryFn: ({ signal }) => apiGet(withQuery('/api/standards', { year }), StandardList, signal),
    select: (data) => data.items,
  });
}

export function useSetStandard() {
  return useAssistanceMutation((body: z.input<typeof StandardBody>) =>
    apiSend('POST', '/api/standards', body, Standard),
  );
}

// ---- alliance members, responsibility, campaigns ----

export interface MemberListParams {
  orgId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useAllianceMembers(params: MemberListParams) {
  return useQuery({
    queryKey: [...keys.members, params],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/alliance/members', { ...params }), AllianceMemberPage, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAllianceMember() {
  return useAssistanceMutation((body: z.input<typeof AllianceMemberBody>) =>
    apiSend('POST', '/api/alliance/members', body, AllianceMember),
  );
}

export type AllianceMemberChanges = Partial<z.input<typeof AllianceMemberBody>> & { version: number };

export function useUpdateAllianceMember() {
  return useAssistanceMutation(({ id, body }: { id: string; body: AllianceMemberChanges }) =>
    apiSend('PATCH', `/api/alliance/members/${enc(id)}`, body, AllianceMember),
  );
}

/** 退出联盟 / 重新加入. */
export function useSetAllianceMemberStatus() {
  return useAssistanceMutation(
    ({ id, step, version }: { id: string; step: 'leave' | 'rejoin'; version: number }) =>
      apiSend('POST', `/api/alliance/members/${enc(id)}/${step}`, { version }, AllianceMember),
  );
}

export function useAllianceSummary(enabled = true) {
  return useQuery({
    queryKey: keys.summary,
    queryFn: ({ signal }) => apiGet('/api/alliance/summary', AllianceSummary, signal),
    enabled,
  });
}

export function useResponsibility(enabled = true) {
  return useQuery({
    queryKey: keys.responsibility,
    queryFn: ({ signal }) => apiGet('/api/alliance/responsibility', ResponsibilityTable, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useSetResponsibility() {
  return useAssistanceMutation((body: z.input<typeof ResponsibilityBody>) =>
    apiSend('PUT', '/api/alliance/responsibility', body, ResponsibilityTable),
  );
}

export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: keys.campaigns,
    queryFn: ({ signal }) => apiGet('/api/campaigns', CampaignList, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 30_000,
  });
}

export function useCreateCampaign() {
  return useAssistanceMutation((body: z.input<typeof CampaignBody>) =>
    apiSend('POST', '/api/campaigns', body, Campaign),
  );
}

export function useUpdateCampaign() {
  return useAssistanceMutation(
    ({ id, body }: { id: string; body: z.input<typeof CampaignBody> & { version: number } }) =>
      apiSend('PATCH', `/api/campaigns/${enc(id)}`, body, Campaign),
  );
}

export function useCoverage(id: string | undefined) {
  return useQuery({
    queryKey: keys.coverage(id ?? ''),
    queryFn: ({ signal }) => apiGet(`/api/campaigns/${enc(id ?? '')}/coverage`, Coverage, signal),
    enabled: Boolean(id),
  });
}

// ---- divisions: the streets of a county, for areas and addresses ----

export type Division = z.infer<typeof DivisionList>['items'][number];

export function useDivisions(parent: string | undefined) {
  return useQuery({
    queryKey: ['divisions', 'children', parent ?? ''],
    queryFn: ({ signal }) => apiGet(withQuery('/api/divisions', { parent }), DivisionList, signal),
    select: (data) => data.items,
    enabled: Boolean(parent),
    staleTime: Infinity,
  });
}

// ---- screening (摸排) and its drafts ----

export type DraftView = z.infer<typeof Draft>;
export type DraftForm = z.input<typeof DraftBody>['form'];
export type SubmitResultView = z.infer<typeof SubmitResult>;

export function useDrafts() {
  return useQuery({
    queryKey: keys.drafts,
    queryFn: ({ signal }) => apiGet('/api/screenings/drafts', DraftList, signal),
    select: (data) => data.items,
  });
}

/** Draft saves refresh only the draft list: they happen every few seconds while typing. */
function useDraftMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.drafts }),
  });
}

export function useCreateDraft() {
  return useDraftMutation((form: DraftForm) => apiSend('POST', '/api/screenings/drafts', { form }, Draft));
}

export function useUpdateDraft() {
  return useDraftMutation(({ id, version, form }: { id: string; version: number; form: DraftForm }) =>
    apiSend('PATCH', `/api/screenings/drafts/${enc(id)}`, { version, form }, Draft),
  );
}

export function useDiscardDraft() {
  return useDraftMutation((id: string) =>
    apiSend('POST', `/api/screenings/drafts/${enc(id)}/discard`, undefined, Ok),
  );
}

export function useSubmitScreening() {
  return useAssistanceMutation(
    (body: z.input<typeof SubmitScreeningBody>) => apiSend('POST', '/api/screenings', body, SubmitResult),
    [keys.drafts],
  );
}
