import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { meQueryKey } from '../components/session/hooks';

const isMeQuery = (key: readonly unknown[]) =>
  key.length === meQueryKey.length && meQueryKey.every((part, i) => key[i] === part);

/**
 * `networkMode: 'always'` (the phone pages): a call with no network fails at once instead of
 * pausing, so the page can keep the work on the phone's offline queue.
 */
export function createQueryClient(opts: { networkMode?: 'online' | 'always' } = {}): QueryClient {
  // A 401 anywhere means the session ended (expired, logged out elsewhere, user disabled): re-reading
  // /me makes the session gate send the user to the login page. A forced password change likewise.
  const onError = (err: unknown) => {
    if (!isApiError(err)) return;
    if (err.status === 401 || err.code === 'auth.password_change_required') {
      void client.invalidateQueries({ queryKey: meQueryKey });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        // /me failing is the session gate's own business (it redirects); re-asking would loop.
        if (isMeQuery(query.queryKey)) return;
        onError(err);
      },
    }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      mutations: { networkMode: opts.networkMode ?? 'online' },
      queries: {
        networkMode: opts.networkMode ?? 'online',
        // 4xx answers do not change by asking again; network blips and 5xx might.
        retry: (failures, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}
