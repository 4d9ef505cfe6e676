import type { ItemError, OfflineItem } from './db';
import { isRunnable, offlineStore, type OfflineStore } from './store';

/**
 * What a sender learnt from one try. 'retry': the network failed, or 5xx / 429 — try again later;
 * 'blocked': signed out or not allowed (401/403) — stop until the person acts, then try again.
 */
export type Outcome =
  | { kind: 'done' }
  | { kind: 'conflict'; current: unknown; error?: ItemError }
  | { kind: 'invalid'; error: ItemError }
  | { kind: 'blocked'; reason: ItemError }
  | { kind: 'retry'; error: ItemError };

/** Sends one item (its id as the idempotency key, its baseVersion for the version check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own payload type
export type Sender = (item: OfflineItem<any>, context: { signal: AbortSignal }) => Promise<Outcome>;
export type Senders = Record<string, Sender>;

/** What one run did. `stopped` says why it ended early, `retryIn` when it will try again. */
export interface RunResult {
  sent: number;
  conflicts: number;
  invalid: number;
  stopped?: 'retry' | 'blocked';
  retryIn?: number;
}

/** The part of the Web Locks API the syncer uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

type Listener = () => void;
interface EventsLike {
  addEventListener(type: string, listener: Listener): void;
  removeEventListener(type: string, listener: Listener): void;
}
interface DocumentLike extends EventsLike {
  visibilityState: string;
}

export interface SyncerOptions {
  /** By kind; a function is read at each try (a hook passes its latest senders). */
  senders: Senders | (() => Senders);
  store?: OfflineStore;
  /** Web Locks; navigator.locks by default, null to use only the in-process mutex and the lease. */
  locks?: LockManagerLike | null;
  /** Where 'online' is heard (window) and where visibility is read (document). */
  target?: EventsLike | null;
  doc?: DocumentLike | null;
  /** One try gives up after this long and counts as 'retry'. */
  timeoutMs?: number;
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export interface Syncer {
  /** Send this owner's items now, in order; joins a run already queued for the same owner. */
  run(owner: string): Promise<RunResult>;
  /** Run now, then on 'online', on the page becoming visible and every 30 s while items wait. */
  start(owner: string): void;
  stop(): void;
}

export const SYNC_LOCK = 'unioncare-offline-sync';
const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 120_000 };

/** The wait before the n-th retry in a row: base · 2^(n−1), capped. */
export function backoffDelay(failures: number, backoff = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(failures - 1, 20));
}

const networkError = (err: unknown): ItemError => ({
  code: 'client.network',
  message: err instanceof Error ? err.message : String(err),
});

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

/**
 * The one syncer of a page. Only one run at a time: an in-process queue, and across tabs the Web
 * Lock `unioncare-offline-sync` — holding it, any item still marked 'sending' was left by a page
 * that closed mid-try and is sent again (harmless under its idempotency key). Without Web Locks, a
 * 'sending' item is taken again only after a lease (the try timeout and a margin), and the claim
 * itself is one IndexedDB transaction, so two tabs never send an item at once.
 */
export function createSyncer(options: SyncerOptions): Syncer {
  const store = options.store ?? offlineStore();
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const target =
    options.target === undefined ? ((globalThis as { window?: EventsLike }).window ?? null) : options.target;
  const doc =
    options.doc === undefined ? ((globalThis as { document?: DocumentLike }).document ?? null) : options.doc;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const lease = locks ? 0 : timeoutMs + 30_000;
  const sendersNow = () => (typeof options.senders === 'function' ? options.senders() : options.senders);

  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Map<string, Promise<RunResult>>();
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let interval: ReturnType<typeof setInterval> | undefined;
  let started: { owner: string; off: () => void } | undefined;

  async function tryOne(item: OfflineItem, sender: Sender): Promise<Outcome> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ kind: 'retry', error: { code: 'client.timeout', message: 'timed out' } });
      }, timeoutMs);
    });
    try {
      return await Promise.race([sender(item, { signal: abort.signal }), timeout]);
    } catch (err) {
      return { kind: 'retry', error: networkError(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function runOnce(owner: string): Promise<RunResult> {
    const result: RunResult = { sent: 0, conflicts: 0, invalid: 0 };
    const passed = new Set<string>();
    // Re-read after every item: what was queued meanwhile goes out in the same run, in order.
    for (;;) {
      const senders = sendersNow();
      const next = (await store.list(owner)).find(
        (item) => isRunnable(item) && !passed.has(item.id) && senders[item.kind] !== undefined,
      );
      if (!next) break;
      passed.add(next.id);
      const item = await store.claim(next.id, owner, lease);
      if (!item) continue;
      const outcome = await tryOne(item, senders[item.kind]);
      switch (outcome.kind) {
        case 'done':
          await store.remove(item.id);
          result.sent += 1;
          break;
        case 'conflict':
          await store.settle(item.id, 'conflict', { conflict: outcome.current, error: outcome.error });
          result.conflicts += 1;
          break;
        case 'invalid':
          await store.settle(item.id, 'invalid', { error: outcome.error });
          result.invalid += 1;
          break;
        case 'blocked':
          await store.settle(item.id, 'blocked', { error: outcome.reason });
          result.stopped = 'blocked';
          return result;
        case 'retry':
          await store.settle(item.id, 'waiting', { error: outcome.error });
          result.stopped = 'retry';
          return result;
      }
    }
    return result;
  }

  function scheduleRetry(owner: string, result: RunResult): RunResult {
    if (!result.stopped) {
      failures = 0;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      return result;
    }
    failures += 1;
    const wait = backoffDelay(failures, backoff);
    if (started?.owner === owner) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void run(owner);
      }, wait);
    }
    return { ...result, retryIn: wait };
  }

  function run(owner: string): Promise<RunResult> {
    const already = queued.get(owner);
    if (already) return already;
    const exclusive = () => (locks ? locks.request(SYNC_LOCK, () => runOnce(owner)) : runOnce(owner));
    const next = chain.then(async () => {
      queued.delete(owner);
      return scheduleRetry(owner, await exclusive());
    });
    queued.set(owner, next);
    chain = next.catch(() => undefined);
    return next;
  }

  const runNow = (owner: string) => {
    void run(owner).catch(() => undefined);
  };

  function stop() {
    started?.off();
    started = undefined;
    clearInterval(interval);
    interval = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    failures = 0;
  }

  return {
    run,
    stop,
    start(owner) {
      stop();
      const online = () => {
        failures = 0;
        runNow(owner);
      };
      const visible = () => {
        if (doc?.visibilityState === 'visible') runNow(owner);
      };
      target?.addEventListener('online', online);
      doc?.addEventListener('visibilitychange', visible);
      interval = setInterval(() => {
        // The tick respects the backoff; 'online', visibility and 立即同步 do not.
        if (retryTimer !== undefined) return;
        void store
          .list(owner)
          .then((items) => {
            if (items.some(isRunnable)) runNow(owner);
          })
          .catch(() => undefined);
      }, intervalMs);
      started = {
        owner,
        off: () => {
          target?.removeEventListener('online', online);
          doc?.removeEventListener('visibilitychange', visible);
        },
      };
      runNow(owner);
    },
  };
}
