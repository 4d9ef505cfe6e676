import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Me } from '../../contracts/auth';
import { isApiError } from '../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryKey, useMe } from '../components/session/hooks';
// The queue's store, hooks and syncer from their own modules, not the kit's index: the shell
// needs these three only, and the index would bring the queue panel, the conflict view and the
// export (and their styles) into the first load of every phone page.
import { useOnline, useSyncer } from './kit/offline/hooks';
import { offlineStore } from './kit/offline/store';
import type { Outcome, Sender, Senders, Syncer } from './kit/offline/syncer';

/**
 * The signed-in phone's session when the network comes and goes: the last `/me` is kept on the
 * phone (name, organisation, actions — no personal data of anyone else) so the pages open with no
 * signal; the offline queue's syncer runs for that user; and when the server says an
 * administrator ended this phone's sessions (手机丢失, `auth.session_revoked`) everything the phone
 * kept for that user — queued screenings and households taken along — is deleted at once.
 */
const ME_KEY = 'uc.m.me';

export function rememberedMe(): Me | null {
  try {
    const parsed = Me.safeParse(JSON.parse(localStorage.getItem(ME_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
const rememberMe = (me: Me) => localStorage.setItem(ME_KEY, JSON.stringify(me));
export const forgetMe = () => localStorage.removeItem(ME_KEY);

/** Deletes what the phone keeps for `owner` (sign-out, a revoked session). */
export async function wipeOwner(owner: string): Promise<void> {
  await offlineStore().clearOwner(owner);
}

const isRevoked = (err: unknown) => isApiError(err) && err.code === 'auth.session_revoked';

export interface PhoneSession {
  me: Me | null;
  /** No answer from the server: the pages run on the remembered session. */
  offline: boolean;
  /** The server answered 401: sign in (after a revocation, `revoked` says why). */
  signedOut: boolean;
  revoked: boolean;
  pending: boolean;
  error: unknown;
  retry: () => void;
}

/** `/me`, or the remembered one while the phone has no network. */
export function usePhoneSession(): PhoneSession {
  const me = useMe();
  const online = useOnline();
  const status = isApiError(me.error) ? me.error.status : undefined;
  const revoked = isRevoked(me.error);
  // While react-query still retries a call the network lost, the failure is in failureReason.
  const lost = [me.error, me.failureReason].some((e) => isApiError(e) && e.status === 0);

  useEffect(() => {
    if (me.data) rememberMe(me.data);
  }, [me.data]);
  useEffect(() => {
    if (status !== 401) return;
    const last = rememberedMe();
    forgetMe();
    if (revoked && last) void wipeOwner(last.userId);
  }, [status, revoked]);

  const unreachable = !me.data && (lost || (!online && me.fetchStatus !== 'fetching'));
  const remembered = unreachable ? rememberedMe() : null;
  // The remembered session stands in for /me everywhere (the form's county, its campaigns) until
  // the server answers: stale at once, so it is asked again as soon as the network is back.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (remembered) queryClient.setQueryData(meQueryKey, remembered, { updatedAt: 0 });
  }, [remembered?.userId, queryClient]);
  return {
    me: me.data ?? remembered,
    offline: !online || (!me.data && remembered !== null),
    signedOut: status === 401 && !me.data,
    revoked,
    pending: me.isPending && !remembered && !(status === 401),
    error: me.error,
    retry: () => void me.refetch(),
  };
}

interface SyncContextValue {
  owner: string;
  syncer: Syncer;
}
const SyncContext = createContext<SyncContextValue | null>(null);

/**
 * Runs the phone's one syncer for the signed-in user with every system's senders (a later
 * system adds its `kind` here). A send that finds the session revoked wipes the phone's copy.
 */
export function PhoneSync({
  owner,
  senders,
  onRevoked,
  children,
}: {
  owner: string;
  senders: Senders;
  onRevoked: () => void;
  children: ReactNode;
}) {
  const guard = useCallback(
    (send: Sender): Sender =>
      async (item, context) => {
        const outcome: Outcome = await send(item, context);
        if (outcome.kind === 'blocked' && outcome.reason.code === 'auth.session_revoked') {
          forgetMe();
          await wipeOwner(owner);
          onRevoked();
        }
        return outcome;
      },
    [owner, onRevoked],
  );
  const guarded = useMemo(
    () => Object.fromEntries(Object.entries(senders).map(([kind, send]) => [kind, guard(send)])),
    [senders, guard],
  );
  const syncer = useSyncer(owner, guarded);
  const value = useMemo(() => ({ owner, syncer }), [owner, syncer]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

/** The signed-in owner and the syncer (inside PhoneSync). */
export function usePhoneSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('usePhoneSync outside PhoneSync');
  return value;
}
