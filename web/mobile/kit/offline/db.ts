import Dexie, { type EntityTable, type Table } from 'dexie';

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
 * The phone's offline database. Versioned: a later schema adds `this.version(2).stores(…)` with an
 * upgrade, never edits version 1 (phones in the field still hold it).
 */
export class OfflineDb extends Dexie {
  items!: EntityTable<OfflineItem, 'id'>;
  records!: Table<OfflineRecord, [string, string, string]>;

  constructor(name: string = OFFLINE_DB_NAME) {
    super(name);
    this.version(1).stores({
      items: 'id, owner, [owner+seq], seq',
      records: '[owner+kind+key], owner, [owner+kind]',
    });
  }
}
