import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { OfflineItem, OfflineRecord } from './db';
import { offlineStore, type OfflineStore } from './store';
import { createSyncer, type Senders, type Syncer, type SyncerOptions } from './syncer';

/**
 * The kit's React side, thin on purpose: a read of the store, done again whenever the store's
 * change feed says something was written (in this page or another tab), read through
 * useSyncExternalStore; no extra package.
 */

interface Live<T> {
  subscribe: (notify: () => void) => () => void;
  getSnapshot: () => T | undefined;
}

function live<T>(store: OfflineStore, query: () => Promise<T>): Live<T> {
  let value: T | undefined;
  return {
    subscribe(notify) {
      let stopped = false;
      let asked = 0;
      const read = () => {
        asked += 1;
        const mine = asked;
        query().then(
          (next) => {
            // Only the latest read counts: an older one may finish after a newer one.
            if (stopped || mine !== asked) return;
            value = next;
            notify();
          },
          () => {
            // IndexedDB unavailable (private mode on old Safari): nothing is shown as waiting.
          },
        );
      };
      const unwatch = store.subscribe(read);
      read();
      return () => {
        stopped = true;
        unwatch();
      };
    },
    getSnapshot: () => value,
  };
}

/** One owner's queue in send order, kept live; undefined while it first loads. */
export function useQueue(
  owner: string | null,
  store: OfflineStore = offlineStore(),
): OfflineItem[] | undefined {
  const source = useMemo(
    () => live(store, () => (owner === null ? Promise.resolve([]) : store.list(owner))),
    [owner, store],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

/** One owner's offline records of one kind, kept live; undefined while they first load. */
export function useRecords<D = unknown>(
  owner: string | null,
  kind: string,
  store: OfflineStore = offlineStore(),
): OfflineRecord<D>[] | undefined {
  const source = useMemo(
    () =>
      live(store, () =>
        owner === null
          ? Promise.resolve([])
          : (store.listRecords(owner, kind) as Promise<OfflineRecord<D>[]>),
      ),
    [owner, kind, store],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

function subscribeOnline(notify: () => void) {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** navigator.onLine, kept current. false is reliable; true only means "a network is there". */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** A clock for "3 分钟前保存" that ticks every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The page's syncer, started for the signed-in owner (or 'public') and stopped when the owner
 * changes or the page goes; null stops it (signed out). The latest `senders` are used at each try.
 */
export function useSyncer(
  owner: string | null,
  senders: Senders,
  options: Pick<SyncerOptions, 'store' | 'locks' | 'timeoutMs' | 'intervalMs'> = {},
): Syncer {
  const latest = useRef(senders);
  useEffect(() => {
    latest.current = senders;
  });
  const { store, locks, timeoutMs, intervalMs } = options;
  const syncer = useMemo(
    () => createSyncer({ senders: () => latest.current, store, locks, timeoutMs, intervalMs }),
    [store, locks, timeoutMs, intervalMs],
  );
  useEffect(() => {
    if (owner === null) return;
    syncer.start(owner);
    return () => syncer.stop();
  }, [syncer, owner]);
  return syncer;
}
