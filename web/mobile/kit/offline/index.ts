/**
 * The phone pages' one offline queue (issue #11): what a person saves without a network waits in
 * IndexedDB (database `unioncare-offline`, through idb) and is sent when the network returns —
 * in order, exactly once (each item's id is its idempotency key), never overwriting what changed on
 * the server (a version check refuses a stale write; the person chooses field by field). The
 * screening form and the workers' request form use it; the later systems' field forms (judges'
 * marks, redemptions, station and mobilisation check-ins) reuse it by adding a `kind` and a sender.
 *
 * Data
 *   OfflineItem<P>     one queued write: id (clientRef = idempotency key), kind, owner (user id or
 *                      'public'), label (what the person sees), payload, baseVersion?, createdAt,
 *                      updatedAt, seq, state, attempts, lastTriedAt?, lastError?, conflict?
 *   ItemState          'waiting' | 'sending' | 'conflict' | 'invalid' | 'blocked'
 *   OfflineRecord<D>   something fetched for offline use: { owner, kind, key, data, version?, savedAt }
 *   OfflineDb          the IndexedDB database, opened on first use (versioned schema; object
 *                      stores items, records)
 *
 * Store (offlineStore() is the page's shared one; new OfflineStore(db) for tests)
 *   newClientRef()                      a random 22-character idempotency key
 *   enqueue({kind, owner, label, payload, baseVersion?, id?})   queue at the end, state 'waiting'
 *   get(id) / list(owner)               one item / an owner's items in send order
 *   update(id, patch)                   patch state, label, errors…; never re-creates a removed item
 *   replacePayload(id, payload, {baseVersion?, label?})   after a fix or a resolved conflict: back
 *                                       to 'waiting' at its old place; refused (OfflineItemLocked)
 *                                       unless canEdit(item)
 *   canEdit(item)                       conflict / invalid, or never tried (and not 'sending')
 *   remove(id) / clearOwner(owner)      drop one / drop an owner's items and records (sign-out)
 *   saveRecord / getRecord / listRecords / removeRecord    the offline records, per owner and kind
 *   subscribe(listener)                 hear every write (this page's and, by BroadcastChannel
 *                                       'unioncare-offline', other tabs')
 *
 * Syncer
 *   createSyncer({ senders, store?, locks?, … })   senders[kind](item, {signal}) => Promise<Outcome>
 *   Outcome            done | conflict {current} | invalid {error} | blocked {reason} | retry {error}
 *   syncer.run(owner)  one run at a time (in-process and across tabs via the Web Lock
 *                      'unioncare-offline-sync'): sends that owner's waiting / sending / blocked items
 *                      in seq order; done removes the item; conflict and invalid mark it and go on;
 *                      retry and blocked stop the run and retry after 5 s, 10 s … 2 min
 *   syncer.start(owner) / stop()   run now, on 'online', on becoming visible, every 30 s while
 *                      items wait
 *
 * React
 *   useQueue(owner)    the live list (re-read on the store's change feed, other tabs included)
 *   useRecords(owner, kind)   one kind of an owner's offline records, kept live the same way
 *   useOnline()        navigator.onLine, kept current
 *   useSyncer(owner, senders)   the page's syncer, started for owner (null = stopped)
 *   QueuePanel         what waits: state, "3 分钟前保存", tries, errors; 立即同步, 处理冲突 / 修改
 *                      (onOpen), 导出, 删除 (confirmed)
 *   ConflictView       mine and the server's side by side, field by field; onResolve(choice, edited)
 *   exportItems(items) download as 待同步-YYYY-MM-DD.json (exportFile gives the name and text)
 *
 * The server side it expects: the clientRef as idempotency key, bound only when the write succeeds
 * (a refused or invalid write leaves it free, so the corrected payload can go under the same key);
 * an answer for a key already used repeats the first success; a stale baseVersion is refused with
 * the current version in the body.
 */
export type { ItemError, ItemState, OfflineItem, OfflineRecord } from './db';
export type { OfflineSchema } from './db';
export { OFFLINE_DB_NAME, OFFLINE_DB_VERSION, OfflineDb } from './db';
export type { ItemPatch, NewItem, OfflineStoreOptions } from './store';
export { canEdit, isRunnable, newClientRef, OfflineItemLocked, OfflineStore, offlineStore } from './store';
export type { LockManagerLike, Outcome, RunResult, Sender, Senders, Syncer, SyncerOptions } from './syncer';
export { backoffDelay, createSyncer, SYNC_LOCK } from './syncer';
export { useNow, useOnline, useQueue, useRecords, useSyncer } from './hooks';
export { QueuePanel } from './queue-panel';
export type { ConflictChoice, ConflictField } from './conflict-view';
export { ConflictView } from './conflict-view';
export { exportFile, exportItems } from './export';
export { savedAgo, useOT } from './texts';
export type { ConflictCodes } from './outcome';
export { outcomeOfError, sendWith } from './outcome';
