import { useCallback, useEffect, useState } from 'preact/hooks';
import { get, VoteError } from './api';
import type { Allowance, CandidateList, PublicCampaign, WorkerMe } from './types';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: VoteError }
  | { state: 'ready'; data: T; reload: () => void };

const asVoteError = (e: unknown) =>
  e instanceof VoteError ? e : new VoteError(0, 'client.network', String((e as Error)?.message ?? e));

/** A GET as page state; `null` path: nothing to load (e.g. signed out). */
export function useGet<T>(path: string | null): Loaded<T> & { set?: (t: T) => void } {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    get<T>(path, ctl.signal).then(
      (data) => setState({ state: 'ready', data, reload }),
      (e: unknown) => {
        if (!ctl.signal.aborted) setState({ state: 'error', error: asVoteError(e) });
      },
    );
    return () => ctl.abort();
  }, [path, tick]);
  return { ...state, set: (data: T) => setState({ state: 'ready', data, reload }) };
}

const enc = encodeURIComponent;
export const api = {
  campaign: (id: string) => `/api/public/vote/campaigns/${enc(id)}`,
  candidates: (id: string) => `/api/public/vote/campaigns/${enc(id)}/candidates`,
  candidate: (id: string, candidateId: string) =>
    `/api/public/vote/campaigns/${enc(id)}/candidates/${enc(candidateId)}`,
  photo: (id: string, candidateId: string) => `/api/public/vote/candidates/${enc(candidateId)}/photo`,
  qr: (id: string, candidateId: string) =>
    `/api/public/vote/campaigns/${enc(id)}/candidates/${enc(candidateId)}/qr.svg`,
  result: (id: string) => `/api/public/vote/campaigns/${enc(id)}/result`,
  allowance: (id: string) => `/api/vote/campaigns/${enc(id)}/allowance`,
  votes: (id: string) => `/api/vote/campaigns/${enc(id)}/votes`,
  myVotes: (id: string) => `/api/vote/campaigns/${enc(id)}/my-votes`,
  myObjections: (id: string) => `/api/vote/campaigns/${enc(id)}/my-objections`,
  me: '/api/worker/me',
  code: '/api/worker/code',
  signIn: '/api/worker/sign-in',
  signOut: '/api/worker/sign-out',
};

/** The signed-in worker, or null; `undefined` while asking. */
export function useWorker(): [WorkerMe | null | undefined, () => void] {
  const [me, setMe] = useState<WorkerMe | null | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    get<WorkerMe>(api.me).then(setMe, () => setMe(null));
  }, [tick]);
  return [me, () => setTick((t) => t + 1)];
}

export type { Allowance, CandidateList, PublicCampaign };

/**
 * Where voting stands, from the campaign's state (the server's clock decides, never this phone's:
 * a phone's clock may be wrong, and journeys run the server on a shifted clock).
 */
export function windowState(c: PublicCampaign): 'before' | 'voting' | 'after' {
  if (c.state === 'voting') return 'voting';
  return ['draft', 'nominating', 'reviewing', 'displaying'].includes(c.state) ? 'before' : 'after';
}
