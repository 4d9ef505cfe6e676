import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ChangePasswordBody, LoginBody, Me, RoleList } from '../../../contracts/auth';
import { Ok } from '../../../contracts/common';
import { apiGet, apiSend } from '../../api/client';

export const meQueryKey = ['auth', 'me'] as const;

export const fetchMe = (signal?: AbortSignal) => apiGet('/api/auth/me', Me, signal);

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

/** Signs in; the answer is the new session's /me. Whatever was cached for a previous user goes. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof LoginBody>) => apiSend('POST', '/api/auth/login', body, Me),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/auth/logout', undefined, Ok),
    onSettled: () => queryClient.clear(),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ChangePasswordBody>) => apiSend('POST', '/api/auth/password', body, Ok),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export const rolesQueryKey = ['roles'] as const;

/** Role names and which organisation kinds may hold them; rarely changes, so cached for the session. */
export function useRoles() {
  return useQuery({
    queryKey: rolesQueryKey,
    queryFn: ({ signal }) => apiGet('/api/roles', RoleList, signal),
    staleTime: Infinity,
  });
}
