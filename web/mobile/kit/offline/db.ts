import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Where a queued item stands. Only 'waiting', 'sending' and 'blocked' are sent by a run. */
export type ItemState = 'waiting' | 'sending' | 'conflict' | 'invalid' | 'blocked';

/** What the server (or the network) said about the last try, field by field when it can. */
export interface ItemError {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string; code?: string }>;
}

/**
 * One write waiting on the phone. `id` is the idempotency key (clientRef) sent with every try, so
 * a retry after a lost answer is harmless; `seq` is the order it is sent in.
 */
export interface OfflineItem<P = unknown> {
  id: string;
  kind: string;
  owner: string;
  label: string;
  payload: P;
  baseVersion?: number;
  createdAt: number;
  updatedAt: number;
  seq: number;
  state: ItemState;
  attempts: number;
  lastTriedAt?: number;
  lastError?: ItemError;
  /** The server's current version of the record, as returned with a conflict. */
  conflict?: unknown;
}

/** Something fetched for offline use (a household to revisit), kept per owner. */
export interface OfflineRecord<D = unknown> {
  owner: string;
  kind: string;
  key: string;
  data: D;
  version?: number;
  savedAt: number;
}

export const OFFLINE_DB_NAME = 'unioncare-offline';

/**
 * The IndexedDB version of schema 1. It is 10, not 1: the first phones opened this database
 * through Dexie, whose version(1) is IndexedDB version 10, and opening below the version a phone
 * holds fails. The object stores and index names are the ones Dexie made, so those phones keep
 * their queue.
 */
export const OFFLINE_DB_VERSION = 10;

/** The layout: `items` by id (indexes owner, [owner+seq], seq); `records` by [owner, kind, key]. */
export interface OfflineSchema extends DBSchema {
  items: {
    key: string;
    value: OfflineItem;
    indexes: { owner: string; '[owner+seq]': [string, number]; seq: number };
  };
  records: {
    key: [string, string, string];
    value: OfflineRecord;
    indexes: { owner: string; '[owner+kind]': [string, string] };
  };
}

/**
 * The phone's offline database, opened on first use (`open()`) and kept open. Versioned: a later
 * schema raises OFFLINE_DB_VERSION and adds an `oldVersion < …` step to the upgrade, never edits
 * the first one (phones in the field still hold it).
 */
export class OfflineDb {
  readonly name: string;
  private opening: Promise<IDBPDatabase<OfflineSchema>> | undefined;

  constructor(name: string = OFFLINE_DB_NAME) {
    this.name = name;
  }

  open(): Promise<IDBPDatabase<OfflineSchema>> {
    if (this.opening) return this.opening;
    const opening = openDB<OfflineSchema>(this.name, OFFLINE_DB_VERSION, {
      upgrade(db) {
        // Schema 1. A database Dexie made already holds both stores.
        if (!db.objectStoreNames.contains('items')) {
          const items = db.createObjectStore('items', { keyPath: 'id' });
          items.createIndex('owner', 'owner');
          items.createIndex('[owner+seq]', ['owner', 'seq']);
          items.createIndex('seq', 'seq');
        }
        if (!db.objectStoreNames.contains('records')) {
          const records = db.createObjectStore('records', { keyPath: ['owner', 'kind', 'key'] });
          records.createIndex('owner', 'owner');
          records.createIndex('[owner+kind]', ['owner', 'kind']);
        }
      },
      // A newer page in another tab wants to upgrade: step aside; the next use opens it again.
      blocking: () => this.close(),
      terminated: () => {
        if (this.opening === opening) this.opening = undefined;
      },
    });
    this.opening = opening;
    // A failed open (IndexedDB unavailable) is tried again on the next use.
    opening.catch(() => {
      if (this.opening === opening) this.opening = undefined;
    });
    return opening;
  }

  /** Close the connection (a later use opens it again). */
  close(): void {
    const opening = this.opening;
    this.opening = undefined;
    opening?.then(
      (db) => db.close(),
      () => {},
    );
  }
}
