import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { CreateUserBody, UpdateUserBody, User, UserPage, UserWithPassword } from '../../../contracts/user';
import type { RoleName } from '../../../contracts/auth';
import { apiGet, apiSend, withQuery } from '../../api/client';

export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  role?: RoleName;
  status?: 'active' | 'disabled';
  sort: 'username' | 'displayName' | 'createdAt' | 'lastLoginAt';
  order: 'asc' | 'desc';
}

const usersKey = ['users'] as const;

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: [...usersKey, 'list', params],
    queryFn: ({ signal }) => apiGet(withQuery('/api/users', { ...params }), UserPage, signal),
    // Keep the old page on screen while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

const userPath = (id: string, action = '') => `/api/users/${encodeURIComponent(id)}${action}`;

export function useCreateUser() {
  return useUserMutation((body: z.input<typeof CreateUserBody>) =>
    apiSend('POST', '/api/users', body, UserWithPassword),
  );
}

export function useUpdateUser() {
  return useUserMutation(({ id, body }: { id: string; body: z.input<typeof UpdateUserBody> }) =>
    apiSend('PATCH', userPath(id), body, User),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', userPath(id, '/reset-password'), { version }, UserWithPassword),
  );
}

export function useDisableUser() {
  return useUserMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', userPath(id, '/disable'), { version }, User),
  );
}

/** 手机丢失: ends every session of the user; the lost phone wipes what it kept offline. */
export function useEndSessions() {
  return useUserMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', userPath(id, '/end-sessions'), { version }, User),
  );
}

export function useEnableUser() {
  return useUserMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', userPath(id, '/enable'), { version }, User),
  );
}
