import { useQuery } from '@tanstack/react-query';
import { OrganisationList } from '../../contracts/organisation';
import { apiGet } from '../api/client';

/** The query key of the organisation tree: the organisation pages invalidate it after a change. */
export const orgsKey = ['orgs'] as const;

/** Every organisation the user may see, active and inactive, as a flat list (parentId builds the tree). */
export function useOrgs() {
  return useQuery({
    queryKey: [...orgsKey, 'all'],
    queryFn: ({ signal }) => apiGet('/api/orgs?status=all', OrganisationList, signal),
    select: (data) => data.items,
    staleTime: 30_000,
  });
}
