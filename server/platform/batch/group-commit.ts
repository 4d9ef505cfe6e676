import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Group commit: many requests, one transaction and one commit. A write path enqueues an op; a
 * flusher takes up to `maxBatch` queued ops (or what arrived within `maxWaitMs`) and runs them
 * in ONE transaction, each op inside a savepoint of its own, then commits once and acknowledges
 * them all.
 *
 * - Each op is all-or-nothing: an op that throws is rolled back to its savepoint and only its
 *   caller gets the error; the others in the batch go on.
 * - An op is acknowledged (its promise resolves) only after the commit that holds it succeeded;
 *   a failed commit (or a failed `beforeCommit` step) fails every op of that batch, and none of
 *   them is acknowledged: the transaction rolled back, so nothing of theirs is stored.
 * - Work the ops of one batch share (counters summed over the batch, e.g. vote tallies) is
 *   declared through `scope.share(...)`: contributions of ops that succeeded are merged and
 *   written once, before the commit, in the same transaction.
 * - One flusher at a time per lane (one lane unless asked for more): on SQLite there is one
 *   connection anyway; the cost of a commit (the fsync) is paid once per batch instead of once per
 *   request. On PostgreSQL a few lanes let batches overlap their round trips and commits; ops are
 *   given lanes by a key so that rows keyed alike are written by one lane, and a batch ended by a
 *   deadlock between lanes is run again (nothing of it was stored).
 *
 * - Set-based writes (`runIn(set, item)`): the items of one `BatchSet` in a batch are written
 *   together by its `many` (a multi-row insert, one upsert per group, …: a handful of statements
 *   for the whole batch instead of several per item). An item `many` cannot decide set-wise (it
 *   answers `ALONE`) is then run by the set's `one` in a savepoint of its own; when `many` throws,
 *   the transaction is rolled back and the batch runs again with every item of the set alone, so
 *   a failing item still fails alone.
 *
 * Works the same on SQLite (better-sqlite3, one connection) and PostgreSQL (SAVEPOINT / RELEASE
 * / ROLLBACK TO SAVEPOINT are the same words on both).
 */

export interface BatchScope {
  /**
   * Declares batch-wide work under `key`: `add` folds this op's contribution into the batch's
   * accumulator (created by `init` on first use); `flush` runs once per batch before the commit.
   * A contribution of an op that then throws is dropped with its savepoint.
   */
  share<A>(
    key: string,
    init: () => A,
    add: (acc: A) => void,
    flush: (trx: Transaction<Database>, acc: A) => Promise<void>,
  ): void;
}

export type BatchOp<T> = (trx: Transaction<Database>, scope: BatchScope) => Promise<T>;

/** `many`'s answer for an item it leaves to `one` (after `many` took back what it wrote of it). */
export const ALONE: unique symbol = Symbol('group-commit.alone');

/** One item's answer from `many`: its value, its own error, or ALONE. */
export type SetAnswer<O> = { ok: true; value: O } | { ok: false; error: unknown } | typeof ALONE;

/**
 * Items a batch writes together. `many` gets every item of this set in the batch (in arrival
 * order) and answers each, in the same order; `one` writes a single item (the fallback, in its
 * own savepoint). Both run in the batch's transaction, before its commit.
 */
export interface BatchSet<I, O> {
  many(trx: Transaction<Database>, items: I[]): Promise<SetAnswer<O>[]>;
  one(trx: Transaction<Database>, item: I, scope: BatchScope): Promise<O>;
}

export interface GroupCommitOptions {
  /** Most ops one transaction holds. */
  maxBatch?: number;
  /** How long the first op of a batch waits for company (ms); 0: only what is already queued. */
  maxWaitMs?: number;
  /**
   * Flushers working at once, each with its own queue (default 1). Ops are given a lane by a key
   * (`run(op, key)`): a key's ops always share one, so rows keyed the same way (a worker's day)
   * are never written by two transactions at once. More than one lane only pays on a server
   * engine (PostgreSQL: the batches' round trips and commits overlap); SQLite has one writer.
   * A batch that PostgreSQL ends to break a deadlock between lanes is run again.
   */
  lanes?: number;
}

export interface GroupCommitStats {
  batches: number;
  ops: number;
  failedOps: number;
  failedBatches: number;
  largestBatch: number;
  /** Items of sets written one by one (ALONE, or their set's `many` threw). */
  aloneItems: number;
  /** Times a set's `many` threw and its items were retried one by one. */
  setFallbacks: number;
  /** Batches run again after a deadlock or serialization failure. */
  retriedBatches: number;
}

interface Queued {
  op: BatchOp<unknown> | null;
  set: { set: BatchSet<unknown, unknown>; item: unknown } | null;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Shared {
  acc: unknown;
  flush: (trx: Transaction<Database>, acc: unknown) => Promise<void>;
}

export class GroupCommitClosedError extends Error {
  constructor() {
    super('group commit closed');
  }
}

/** One queue and its flusher. */
interface Lane {
  queue: Queued[];
  flushing: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

/** A string's lane among `n` (FNV-1a): the same key always the same lane. */
function laneOf(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % n;
}

/** A set's `many` threw: its batch is run again with the set's items one by one. */
class SetFailed extends Error {
  constructor(readonly error: unknown) {
    super('batch set failed');
  }
}

/** PostgreSQL's deadlock and serialization failures: the transaction may simply be run again. */
function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export class GroupCommit {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly lanes: Lane[];
  private closed = false;
  readonly stats: GroupCommitStats = {
    batches: 0,
    ops: 0,
    failedOps: 0,
    failedBatches: 0,
    largestBatch: 0,
    aloneItems: 0,
    setFallbacks: 0,
    retriedBatches: 0,
  };

  constructor(
    private readonly db: Kysely<Database>,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 128);
    this.maxWaitMs = Math.max(0, opts.maxWaitMs ?? 2);
    const lanes = Math.max(1, Math.floor(opts.lanes ?? 1));
    this.lanes = Array.from({ length: lanes }, () => ({ queue: [], flushing: null, timer: null }));
  }

  /**
   * Enqueues an op; resolves with its value once the batch holding it has committed. `lane`: ops
   * with the same key share a lane (see GroupCommitOptions.lanes); without one, the first lane.
   */
  run<T>(op: BatchOp<T>, lane?: string): Promise<T> {
    return this.enqueue<T>(op as BatchOp<unknown>, null, lane);
  }

  /** Enqueues an item of a set-based write; resolves with its answer once its batch committed. */
  runIn<I, O>(set: BatchSet<I, O>, item: I, lane?: string): Promise<O> {
    return this.enqueue<O>(null, { set: set as BatchSet<unknown, unknown>, item }, lane);
  }

  private enqueue<T>(op: Queued['op'], set: Queued['set'], key: string | undefined): Promise<T> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    const lane =
      this.lanes[key === undefined || this.lanes.length === 1 ? 0 : laneOf(key, this.lanes.length)];
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({ op, set, resolve: resolve as (v: unknown) => void, reject });
      this.schedule(lane);
    });
  }

  /** Refuses new ops and waits for the queued ones to be committed (or failed). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.lanes.map(async (lane) => {
        while (lane.flushing || lane.queue.length) {
          if (lane.timer) {
            clearTimeout(lane.timer);
            lane.timer = null;
          }
          if (!lane.flushing) lane.flushing = this.flushLoop(lane);
          await lane.flushing;
        }
      }),
    );
  }

  private schedule(lane: Lane): void {
    if (lane.flushing) return; // the running flusher picks it up when its batch is done
    if (lane.queue.length >= this.maxBatch || this.maxWaitMs === 0) {
      if (lane.timer) {
        clearTimeout(lane.timer);
        lane.timer = null;
      }
      lane.flushing = this.flushLoop(lane);
      return;
    }
    if (!lane.timer) {
      lane.timer = setTimeout(() => {
        lane.timer = null;
        if (!lane.flushing) lane.flushing = this.flushLoop(lane);
      }, this.maxWaitMs);
    }
  }

  private async flushLoop(lane: Lane): Promise<void> {
    try {
      // What arrived while a batch was committing is the next batch: under load, batches fill
      // by themselves and nobody waits for the timer.
      while (lane.queue.length) {
        const batch = lane.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      lane.flushing = null;
    }
  }

  private async runBatch(batch: Queued[], attempt = 1, setsAlone = false): Promise<void> {
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = new Array(batch.length);
    const shared = new Map<string, Shared>();
    try {
      await this.db.transaction().execute(async (trx) => {
        /** One op (or one item of a set) in a savepoint of its own. */
        const alone = async (i: number, op: BatchOp<unknown>) => {
          // One name for every op's savepoint: each is released before the next begins, and the
          // engines' prepared-statement caches keep three statements instead of three per op.
          const contributions: (() => void)[] = [];
          const scope: BatchScope = {
            share: (key, init, add, flush) => {
              contributions.push(() => {
                let s = shared.get(key);
                if (!s) {
                  s = { acc: init(), flush: flush as Shared['flush'] };
                  shared.set(key, s);
                }
                add(s.acc as never);
              });
            },
          };
          await sql`savepoint gc_op`.execute(trx);
          try {
            const value = await op(trx, scope);
            await sql`release savepoint gc_op`.execute(trx);
            for (const c of contributions) c();
            results[i] = { ok: true, value };
          } catch (error) {
            await sql`rollback to savepoint gc_op`.execute(trx);
            await sql`release savepoint gc_op`.execute(trx);
            results[i] = { ok: false, error };
          }
        };
        // The sets first, each written together; then the single ops in arrival order.
        const sets = new Map<BatchSet<unknown, unknown>, number[]>();
        batch.forEach((q, i) => {
          if (!q.set) return;
          const list = sets.get(q.set.set) ?? [];
          list.push(i);
          sets.set(q.set.set, list);
        });
        for (const [set, idx] of sets) {
          let answers: SetAnswer<unknown>[] | null = null;
          if (!setsAlone) {
            // No savepoint of its own (two round trips a batch saved): when `many` throws, the
            // whole transaction is rolled back and the batch runs again with its items alone.
            try {
              answers = await set.many(
                trx,
                idx.map((i) => batch[i].set!.item),
              );
            } catch (error) {
              throw new SetFailed(error);
            }
            if (answers.length !== idx.length)
              throw new SetFailed(new Error('BatchSet.many answered a wrong count'));
          }
          for (let k = 0; k < idx.length; k++) {
            const a = answers ? answers[k] : ALONE;
            if (a !== ALONE) results[idx[k]] = a;
          }
          for (let k = 0; k < idx.length; k++) {
            if (results[idx[k]]) continue;
            this.stats.aloneItems++;
            const item = batch[idx[k]].set!.item;
            await alone(idx[k], (t, scope) => set.one(t, item, scope));
          }
        }
        for (let i = 0; i < batch.length; i++) {
          const op = batch[i].op;
          if (op) await alone(i, op);
        }
        for (const s of shared.values()) await s.flush(trx, s.acc);
      });
    } catch (error) {
      // Two lanes' transactions waited for each other (PostgreSQL broke the deadlock by ending
      // this one): nothing of it is stored, so it is run again as it was.
      if (isRetryable(error) && attempt < 4) {
        this.stats.retriedBatches++;
        return this.runBatch(batch, attempt + 1, setsAlone);
      }
      // Something of a set that no item could be blamed for: every item again, one by one.
      if (error instanceof SetFailed && !setsAlone) {
        this.stats.setFallbacks++;
        return this.runBatch(batch, attempt, true);
      }
      // The commit (or a shared step) failed: the whole transaction is gone, nobody is acknowledged.
      this.stats.batches++;
      this.stats.failedBatches++;
      this.stats.failedOps += batch.length;
      for (const q of batch) q.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.ops += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    batch.forEach((q, i) => {
      const r = results[i];
      if (r.ok) q.resolve(r.value);
      else {
        this.stats.failedOps++;
        q.reject(r.error);
      }
    });
  }
}
