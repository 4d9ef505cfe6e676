import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { UserPage } from '../../../../contracts/user';
import {
  CampaignAdvanceBody,
  CampaignBody,
  CampaignPage,
  CampaignQuery,
  CampaignUpdateBody,
  CampaignView,
  CandidateList,
  ConflictBody,
  ConflictList,
  EligibilityBody,
  ExpertList,
  ExpertNomineeList,
  NominationBody,
  NominationPage,
  NominationQuery,
  NominationView,
  ScoreBody,
  ScoreView,
  ShortlistBody,
  ShortlistView,
} from '../../../../contracts/vote';
import { ApiError, apiGet, apiSend, withQuery } from '../../../api/client';
import { postRaw } from '../../../api/raw';

/**
 * One hook per API call of the vote's set-up (server/modules/vote/campaigns and nominations).
 * Every key starts with `vote`; a change refreshes everything under it, so the review pages
 * (web/features/vote/review) that read the same campaign see it too.
 */
export const voteKeys = {
  root: ['vote'] as const,
  campaigns: ['vote', 'campaigns'] as const,
  campaign: (id: string) => ['vote', 'campaign', id] as const,
  nominations: (id: string) => ['vote', 'campaign', id, 'nominations'] as const,
  experts: (id: string) => ['vote', 'campaign', id, 'experts'] as const,
  conflicts: (id: string) => ['vote', 'campaign', id, 'conflicts'] as const,
  myNominees: (id: string) => ['vote', 'campaign', id, 'my-nominees'] as const,
  shortlist: (id: string) => ['vote', 'campaign', id, 'shortlist'] as const,
  candidates: (id: string) => ['vote', 'campaign', id, 'candidates'] as const,
  expertUsers: ['vote', 'expert-users'] as const,
};

const enc = encodeURIComponent;

export type Campaign = z.infer<typeof CampaignView>;
export type CampaignListItem = z.infer<typeof CampaignPage>['items'][number];
export type CampaignParams = z.infer<typeof CampaignQuery>;
export type Nomination = z.infer<typeof NominationView>;
export type NominationParams = z.infer<typeof NominationQuery>;
export type Expert = z.infer<typeof ExpertList>['items'][number];
export type Conflict = z.infer<typeof ConflictList>['items'][number];
export type ExpertNominees = z.infer<typeof ExpertNomineeList>;
export type ExpertNominee = ExpertNominees['items'][number];
export type Shortlist = z.infer<typeof ShortlistView>;
export type ShortlistLine = Shortlist['lines'][number];
export type Candidate = z.infer<typeof CandidateList>['items'][number];

function useVoteMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: voteKeys.root }),
  });
}

// ---- campaigns ----

export function useCampaigns(params: CampaignParams) {
  return useQuery({
    queryKey: [...voteKeys.campaigns, params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/vote/campaigns', { ...params }), CampaignPage, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: voteKeys.campaign(id ?? ''),
    queryFn: ({ signal }) => apiGet(`/api/vote/campaigns/${enc(id ?? '')}`, CampaignView, signal),
    enabled: Boolean(id),
  });
}

export function useCreateCampaign() {
  return useVoteMutation((body: z.input<typeof CampaignBody>) =>
    apiSend('POST', '/api/vote/campaigns', body, CampaignView),
  );
}

export function useUpdateCampaign() {
  return useVoteMutation(({ id, body }: { id: string; body: z.input<typeof CampaignUpdateBody> }) =>
    apiSend('PATCH', `/api/vote/campaigns/${enc(id)}`, body, CampaignView),
  );
}

export function useAdvanceCampaign() {
  return useVoteMutation(({ id, body }: { id: string; body: z.input<typeof CampaignAdvanceBody> }) =>
    apiSend('POST', `/api/vote/campaigns/${enc(id)}/advance`, body, CampaignView),
  );
}

// ---- nominations ----

const nominationsUrl = (campaignId: string, params: NominationParams) =>
  withQuery(`/api/vote/campaigns/${enc(campaignId)}/nominations`, { ...params });

/** One page of the nominations (the server pages them: `items`, `total`). */
export function useNominations(campaignId: string, params: NominationParams, enabled = true) {
  return useQuery({
    queryKey: [...voteKeys.nominations(campaignId), params],
    queryFn: ({ signal }) => apiGet(nominationsUrl(campaignId, params), NominationPage, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The largest page the list route takes (contracts/common.ts PageQuery). */
const ALL_PAGE_SIZE = 200;

/**
 * Every nomination of the campaign, page after page (the experts' score table shows them all);
 * answers `{ items }` as one list.
 */
export function useAllNominations(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: [...voteKeys.nominations(campaignId), 'all'],
    queryFn: async ({ signal }) => {
      const items: Nomination[] = [];
      for (let page = 1; ; page++) {
        const answer = await apiGet(
          nominationsUrl(campaignId, { page, pageSize: ALL_PAGE_SIZE }),
          NominationPage,
          signal,
        );
        items.push(...answer.items);
        if (answer.items.length < ALL_PAGE_SIZE || items.length >= answer.total) break;
      }
      return { items };
    },
    enabled,
  });
}

export function useNominate() {
  return useVoteMutation(
    ({ campaignId, body }: { campaignId: string; body: z.input<typeof NominationBody> }) =>
      apiSend('POST', `/api/vote/campaigns/${enc(campaignId)}/nominations`, body, NominationView),
  );
}

export function useReviewNomination() {
  return useVoteMutation(({ id, body }: { id: string; body: z.input<typeof EligibilityBody> }) =>
    apiSend('POST', `/api/vote/nominations/${enc(id)}/eligibility`, body, NominationView),
  );
}

/**
 * 推荐材料: the raw file as the body (the route's contract: its type as content-type, its name
 * URI-encoded in x-file-name), through the raw-body POST with the client's CSRF handling.
 */
async function uploadNominationFile(nominationId: string, kind: 'photo' | 'supporting', file: File) {
  const res = await postRaw(
    withQuery(`/api/vote/nominations/${enc(nominationId)}/files`, { kind }),
    file,
    file.type || 'application/octet-stream',
    'application/json',
    { 'x-file-name': enc(file.name) },
  );
  const parsed = NominationView.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(res.status, 'client.bad_response', 'Unexpected response');
  return parsed.data;
}

export function useUploadNominationFile() {
  return useVoteMutation(
    ({ nominationId, kind, file }: { nominationId: string; kind: 'photo' | 'supporting'; file: File }) =>
      uploadNominationFile(nominationId, kind, file),
  );
}

/** The URL of a nomination's file (read through the session; never a name in it). */
export const nominationFileUrl = (fileId: string) => `/api/vote/files/${enc(fileId)}`;

// ---- experts ----

export function useExperts(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: voteKeys.experts(campaignId),
    queryFn: ({ signal }) => apiGet(`/api/vote/campaigns/${enc(campaignId)}/experts`, ExpertList, signal),
    enabled,
  });
}

/** The accounts with the expert role the organiser may see (the users list, filtered by role). */
export function useExpertUsers(enabled = true) {
  return useQuery({
    queryKey: voteKeys.expertUsers,
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/users', { role: 'expert', status: 'active', pageSize: 100 }), UserPage, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useAssignExpert() {
  return useVoteMutation(
    ({ campaignId, userId, revoke }: { campaignId: string; userId: string; revoke?: boolean }) =>
      apiSend(
        'POST',
        `/api/vote/campaigns/${enc(campaignId)}/experts${revoke ? '/revoke' : ''}`,
        { userId },
        ExpertList,
      ),
  );
}

export function useConflicts(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: voteKeys.conflicts(campaignId),
    queryFn: ({ signal }) => apiGet(`/api/vote/campaigns/${enc(campaignId)}/conflicts`, ConflictList, signal),
    enabled,
  });
}

export function useMyNominees(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: voteKeys.myNominees(campaignId),
    queryFn: ({ signal }) =>
      apiGet(`/api/vote/campaigns/${enc(campaignId)}/my-nominees`, ExpertNomineeList, signal),
    enabled,
  });
}

export function useDeclareConflict() {
  return useVoteMutation(({ campaignId, body }: { campaignId: string; body: z.input<typeof ConflictBody> }) =>
    apiSend('POST', `/api/vote/campaigns/${enc(campaignId)}/my-conflicts`, body, ExpertNomineeList),
  );
}

export function useScore() {
  return useVoteMutation(
    ({ nominationId, body }: { nominationId: string; body: z.input<typeof ScoreBody> }) =>
      apiSend('PUT', `/api/vote/nominations/${enc(nominationId)}/score`, body, ScoreView),
  );
}

// ---- shortlist and candidates ----

export function useShortlist(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: voteKeys.shortlist(campaignId),
    queryFn: ({ signal }) =>
      apiGet(`/api/vote/campaigns/${enc(campaignId)}/shortlist`, ShortlistView, signal),
    enabled,
  });
}

export function useDrawShortlist() {
  return useVoteMutation(
    ({ campaignId, body }: { campaignId: string; body: z.input<typeof ShortlistBody> }) =>
      apiSend('POST', `/api/vote/campaigns/${enc(campaignId)}/shortlist`, body, ShortlistView),
  );
}

export function useCandidates(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: voteKeys.candidates(campaignId),
    queryFn: ({ signal }) =>
      apiGet(`/api/vote/campaigns/${enc(campaignId)}/candidates`, CandidateList, signal),
    enabled,
  });
}
