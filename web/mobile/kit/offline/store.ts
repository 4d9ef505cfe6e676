import type { IDBPTransaction, StoreNames } from 'idb';
import {
  OfflineDb,
  type ItemError,
  type ItemState,
  type OfflineItem,
  type OfflineRecord,
  type OfflineSchema,
} from './db';
import { announce, watch } from './feed';

/** A random idempotency key: 22 URL-safe characters (128 bits) from the platform's CSPRNG. */
export function newClientRef(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What a page gives to queue a write. */
export interface NewItem<P> {
  kind: string;
  owner: string;
  label: string;
  payload: P;
  baseVersion?: number;
  /** A clientRef made earlier (e.g. when the form opened); a fresh one by default. */
  id?: string;
}

/** The fields a patch may change; id, owner, kind and seq never change. */
export type ItemPatch = Partial<
  Pick<OfflineItem, 'label' | 'state' | 'attempts' | 'lastTriedAt' | 'lastError' | 'conflict' | 'baseVersion'>
>;

/** Thrown when a change would risk sending a different payload under a key the server may have used. */
export class OfflineItemLocked extends Error {
  constructor(
    readonly id: string,
    readonly state: ItemState,
  ) {
    super(`offline item ${id} cannot be changed while ${state}`);
    this.name = 'OfflineItemLocked';
  }
}

/**
 * May the person change this item's payload? Yes when the server refused it (conflict, invalid:
 * the refused write did not bind the key) or it never left the phone. Not while it is being sent,
 * nor after a try whose answer was lost — the server may already hold it under this key.
 */
export function canEdit(item: OfflineItem): boolean {
  if (item.state === 'conflict' || item.state === 'invalid') return true;
  return item.state !== 'sending' && item.attempts === 0;
}

const RUNNABLE: ReadonlySet<ItemState> = new Set(['waiting', 'sending', 'blocked']);

/** Will a run send this item (now or after the next try)? */
export function isRunnable(item: OfflineItem): boolean {
  return RUNNABLE.has(item.state);
}

export interface OfflineStoreOptions {
  now?: () => number;
}

type Stores = StoreNames<OfflineSchema>[];
type WriteTx = IDBPTransaction<OfflineSchema, Stores, 'readwrite'>;

/**
 * The queue and the offline records over one OfflineDb. Every read goes to IndexedDB, so a new
 * store over the same database (a reload, another tab) sees the same items; every write is
 * announced (`subscribe`), in this page and to the other tabs.
 */
export class OfflineStore {
  readonly db: OfflineDb;
  private readonly now: () => number;

  constructor(db: OfflineDb = new OfflineDb(), options: OfflineStoreOptions = {}) {
    this.db = db;
    this.now = options.now ?? Date.now;
  }

  /** Hear every write to this database (this store's, another store's, another tab's). */
  subscribe(listener: () => void): () => void {
    return watch(this.db.name, listener);
  }

  /**
   * One read-write transaction over `stores`: `body` may only await requests of `tx` (IndexedDB
   * commits a transaction left idle). A throw aborts it; the result is returned once committed,
   * and the change is announced.
   */
  private async write<T>(stores: Stores, body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const db = await this.db.open();
    const tx = db.transaction(stores, 'readwrite');
    const done = tx.done;
    // An abort rejects `done` too; it is reported below (or by body's own throw), never unhandled.
    done.catch(() => {});
    let result: T;
    try {
      result = await body(tx);
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw err;
    }
    await done;
    announce(this.db.name);
    return result;
  }

  /** Queue a write at the end of the line (the next seq, read and used in one transaction). */
  async enqueue<P>(input: NewItem<P>): Promise<OfflineItem<P>> {
    return this.write(['items'], async (tx) => {
      const items = tx.objectStore('items');
      const last = await items.index('seq').openCursor(null, 'prev');
      const at = this.now();
      const item: OfflineItem<P> = {
        id: input.id ?? newClientRef(),
        kind: input.kind,
        owner: input.owner,
        label: input.label,
        payload: input.payload,
        ...(input.baseVersion === undefined ? {} : { baseVersion: input.baseVersion }),
        createdAt: at,
        updatedAt: at,
        seq: (last?.value.seq ?? 0) + 1,
        state: 'waiting',
        attempts: 0,
      };
      await items.add(item as OfflineItem);
      return item;
    });
  }

  async get<P = unknown>(id: string): Promise<OfflineItem<P> | undefined> {
    const db = await this.db.open();
    return (await db.get('items', id)) as OfflineItem<P> | undefined;
  }

  /** One owner's items in the order they are sent. */
  async list(owner: string): Promise<OfflineItem[]> {
    const db = await this.db.open();
    return db.getAllFromIndex(
      'items',
      '[owner+seq]',
      IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]),
    );
  }

  /** Patch an item; false when it is gone (synced or deleted meanwhile) — never re-creates it. */
  async update(id: string, patch: ItemPatch): Promise<boolean> {
    return this.write(['items'], async (tx) => {
      const items = tx.objectStore('items');
      const item = await items.get(id);
      if (!item) return false;
      const next: Record<string, unknown> = { ...item, ...patch, updatedAt: this.now() };
      // A property given as undefined is removed, not stored as undefined.
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
      await items.put(next as unknown as OfflineItem);
      return true;
    });
  }

  /**
   * The person fixed an invalid item or resolved a conflict: the new payload goes back in line at
   * its old place, with the version it now answers to. Refused (OfflineItemLocked) when canEdit
   * says no.
   */
  async replacePayload<P>(
    id: string,
    payload: P,
    options: { baseVersion?: number; label?: string } = {},
  ): Promise<OfflineItem<P> | undefined> {
    return this.write(['items'], async (tx) => {
      const items = tx.objectStore('items');
      const item = await items.get(id);
      if (!item) return undefined;
      if (!canEdit(item)) throw new OfflineItemLocked(id, item.state);
      const next: OfflineItem<P> = {
        ...(item as OfflineItem<P>),
        payload,
        label: options.label ?? item.label,
        state: 'waiting',
        attempts: 0,
        updatedAt: this.now(),
      };
      if (options.baseVersion !== undefined) next.baseVersion = options.baseVersion;
      delete next.lastError;
      delete next.conflict;
      delete next.lastTriedAt;
      await items.put(next as OfflineItem);
      return next;
    });
  }

  async remove(id: string): Promise<void> {
    await this.write(['items'], (tx) => tx.objectStore('items').delete(id));
  }

  /** Sign-out: everything this owner left on the phone, items and records. */
  async clearOwner(owner: string): Promise<void> {
    await this.write(['items', 'records'], async (tx) => {
      const items = tx.objectStore('items');
      const ids = await items.index('owner').getAllKeys(owner);
      await Promise.all(ids.map((id) => items.delete(id)));
      const records = tx.objectStore('records');
      const keys = await records.index('owner').getAllKeys(owner);
      await Promise.all(keys.map((key) => records.delete(key)));
    });
  }

  /**
   * Take an item for sending, atomically (IndexedDB serialises read-write transactions, across
   * tabs too): only a runnable item of this owner is taken; `lease` > 0 (no Web Locks) skips one
   * another tab marked 'sending' less than `lease` ms ago.
   */
  async claim(id: string, owner: string, lease = 0): Promise<OfflineItem | undefined> {
    return this.write(['items'], async (tx) => {
      const items = tx.objectStore('items');
      const item = await items.get(id);
      if (!item || item.owner !== owner || !isRunnable(item)) return undefined;
      const at = this.now();
      if (lease > 0 && item.state === 'sending' && at - (item.lastTriedAt ?? 0) < lease) return undefined;
      const taken: OfflineItem = { ...item, state: 'sending', attempts: item.attempts + 1, lastTriedAt: at };
      await items.put(taken);
      return taken;
    });
  }

  /** Record an outcome on an item still being sent; false when it is gone. */
  async settle(
    id: string,
    state: ItemState,
    details: { error?: ItemError; conflict?: unknown },
  ): Promise<boolean> {
    const patch: ItemPatch = { state, lastError: details.error };
    if (state === 'conflict') patch.conflict = details.conflict;
    return this.update(id, patch);
  }

  async saveRecord<D>(record: Omit<OfflineRecord<D>, 'savedAt'>): Promise<OfflineRecord<D>> {
    const saved: OfflineRecord<D> = { ...record, savedAt: this.now() };
    await this.write(['records'], (tx) => tx.objectStore('records').put(saved as OfflineRecord));
    return saved;
  }

  async getRecord<D = unknown>(
    owner: string,
    kind: string,
    key: string,
  ): Promise<OfflineRecord<D> | undefined> {
    const db = await this.db.open();
    return (await db.get('records', [owner, kind, key])) as OfflineRecord<D> | undefined;
  }

  async listRecords(owner: string, kind?: string): Promise<OfflineRecord[]> {
    const db = await this.db.open();
    if (kind === undefined) return db.getAllFromIndex('records', 'owner', owner);
    return db.getAllFromIndex('records', '[owner+kind]', [owner, kind]);
  }

  async removeRecord(owner: string, kind: string, key: string): Promise<void> {
    await this.write(['records'], (tx) => tx.objectStore('records').delete([owner, kind, key]));
  }
}

let shared: OfflineStore | undefined;

/** The page's one store over `unioncare-offline` (opened on first use). */
export function offlineStore(): OfflineStore {
  shared ??= new OfflineStore();
  return shared;
}
