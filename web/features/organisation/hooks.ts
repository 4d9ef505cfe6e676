import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  CreateOrganisationBody,
  DivisionList,
  DivisionPath,
  MoveOrganisationBody,
  Organisation,
  UpdateOrganisationBody,
} from '../../../contracts/organisation';
import { apiGet, apiSend, withQuery } from '../../api/client';
import { orgsKey } from '../../components/orgs';

export type Division = z.infer<typeof DivisionList>['items'][number];

function useOrgMutation<V>(run: (vars: V) => Promise<Organisation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // Users carry their organisation's name, so user lists go stale with the tree.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgsKey }),
        queryClient.invalidateQueries({ queryKey: ['users'] }),
      ]),
  });
}

export function useCreateOrg() {
  return useOrgMutation((body: z.input<typeof CreateOrganisationBody>) =>
    apiSend('POST', '/api/orgs', body, Organisation),
  );
}

export function useUpdateOrg() {
  return useOrgMutation(({ id, body }: { id: string; body: z.input<typeof UpdateOrganisationBody> }) =>
    apiSend('PATCH', `/api/orgs/${encodeURIComponent(id)}`, body, Organisation),
  );
}

export function useMoveOrg() {
  return useOrgMutation(({ id, body }: { id: string; body: z.input<typeof MoveOrganisationBody> }) =>
    apiSend('POST', `/api/orgs/${encodeURIComponent(id)}/move`, body, Organisation),
  );
}

export function useDeactivateOrg() {
  return useOrgMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', `/api/orgs/${encodeURIComponent(id)}/deactivate`, { version }, Organisation),
  );
}

export function useActivateOrg() {
  return useOrgMutation(({ id, version }: { id: string; version: number }) =>
    apiSend('POST', `/api/orgs/${encodeURIComponent(id)}/activate`, { version }, Organisation),
  );
}

/**
 * The children of a division (provinces when `parent` is undefined), for the lazily loaded
 * Cascader: it asks imperatively, so this hands out a cached fetcher rather than a query.
 */
export function useDivisionChildren(): (parent?: string) => Promise<Division[]> {
  const queryClient = useQueryClient();
  return useCallback(
    (parent?: string) =>
      queryClient
        .fetchQuery({
          queryKey: ['divisions', 'children', parent ?? ''],
          queryFn: ({ signal }) => apiGet(withQuery('/api/divisions', { parent }), DivisionList, signal),
          staleTime: Infinity,
        })
        .then((data) => data.items),
    [queryClient],
  );
}

/** Province → … → the division itself, to show and pre-fill a saved code. */
export function useDivisionPath(code: string | undefined) {
  return useQuery({
    queryKey: ['divisions', 'path', code],
    queryFn: ({ signal }) =>
      apiGet(`/api/divisions/${encodeURIComponent(code ?? '')}/path`, DivisionPath, signal),
    select: (data) => data.items,
    enabled: Boolean(code),
    staleTime: Infinity,
  });
}
