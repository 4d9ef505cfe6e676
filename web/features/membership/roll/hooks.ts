import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  Member,
  MemberCounts,
  MemberPage,
  MemberRevealed,
  type MemberInput,
  type MemberLeaveBody,
  type MemberPatch,
  type MemberSearchBody,
  type MemberTransferBody,
} from '../../../../contracts/membership';
import type { Organisation } from '../../../../contracts/organisation';
import { apiGet, apiSend, withQuery } from '../../../api/client';
import { useOrgs } from '../../../components/orgs';
import { useSession } from '../../../components/session/session';

/**
 * One hook per API call of the membership roll. Every key starts with `membership`, so a change
 * (an added member, a transfer, an import) refreshes the list and the numbers per unit alike.
 */
const root = ['membership'] as const;
const enc = encodeURIComponent;

export type MemberSearchInput = z.input<typeof MemberSearchBody>;

/** A POST, though it only reads: names, ID numbers and phones never travel in a URL. */
export function useMembers(query: MemberSearchInput) {
  return useQuery({
    queryKey: [...root, 'members', query],
    queryFn: () => apiSend('POST', '/api/members/search', query, MemberPage),
    placeholderData: keepPreviousData,
  });
}

export function useMemberCounts(year: number | undefined) {
  return useQuery({
    queryKey: [...root, 'counts', year ?? null],
    queryFn: ({ signal }) => apiGet(withQuery('/api/members/counts', { year }), MemberCounts, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRefreshMembership() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: root });
}

function useMembershipMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

export function useCreateMember() {
  return useMembershipMutation((body: MemberInput) => apiSend('POST', '/api/members', body, Member));
}

export function useUpdateMember() {
  return useMembershipMutation(({ id, body }: { id: string; body: z.input<typeof MemberPatch> }) =>
    apiSend('PATCH', `/api/members/${enc(id)}`, body, Member),
  );
}

export function useLeaveMember() {
  return useMembershipMutation(({ id, body }: { id: string; body: z.input<typeof MemberLeaveBody> }) =>
    apiSend('POST', `/api/members/${enc(id)}/leave`, body, Member),
  );
}

export function useTransferMember() {
  return useMembershipMutation(({ id, body }: { id: string; body: z.input<typeof MemberTransferBody> }) =>
    apiSend('POST', `/api/members/${enc(id)}/transfer`, body, Member),
  );
}

/** 查看: the full ID number and phone (audited on the server); never kept in the query cache. */
export function useRevealMember() {
  return useMutation({
    mutationFn: (id: string) => apiSend('POST', `/api/members/${enc(id)}/reveal`, undefined, MemberRevealed),
  });
}

/** A member as the server has it now (after a stale-version answer, to base the next try on). */
export const fetchMember = (id: string) => apiGet(`/api/members/${enc(id)}`, Member);

/**
 * The organisations of the user's jurisdiction that are open (the tree the unit pickers show;
 * only the grassroots unions in it can be picked, see isUnit).
 */
export function useRollOrgs(): { orgs: Organisation[]; loading: boolean } {
  const orgs = useOrgs();
  const me = useSession();
  return useMemo(() => {
    const mine = orgs.data?.find((org) => org.id === me.orgId);
    const list = (orgs.data ?? []).filter(
      (org) => org.status === 'active' && (!mine || org.jurisdictionId === mine.jurisdictionId),
    );
    return { orgs: list, loading: orgs.isPending };
  }, [orgs.data, orgs.isPending, me.orgId]);
}
