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
 * - One flusher at a time per GroupCommit: on SQLite there is one connection anyway; on
 *   PostgreSQL a single writer keeps shared counter rows free of lock-order deadlocks, and the
 *   cost of a commit (the fsync) is paid once per batch instead of once per request.
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

export interface GroupCommitOptions {
  /** Most ops one transaction holds. */
  maxBatch?: number;
  /** How long the first op of a batch waits for company (ms); 0: only what is already queued. */
  maxWaitMs?: number;
}

export interface GroupCommitStats {
  batches: number;
  ops: number;
  failedOps: number;
  failedBatches: number;
  largestBatch: number;
}

interface Queued {
  op: BatchOp<unknown>;
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

export class GroupCommit {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private queue: Queued[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly stats: GroupCommitStats = { batches: 0, ops: 0, failedOps: 0, failedBatches: 0, largestBatch: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 128);
    this.maxWaitMs = Math.max(0, opts.maxWaitMs ?? 2);
  }

  /** Enqueues an op; resolves with its value once the batch holding it has committed. */
  run<T>(op: BatchOp<T>): Promise<T> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op: op as BatchOp<unknown>, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Refuses new ops and waits for the queued ones to be committed (or failed). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (!this.flushing) this.flushing = this.flushLoop();
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.flushing) return; // the running flusher picks it up when its batch is done
    if (this.queue.length >= this.maxBatch || this.maxWaitMs === 0) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      this.flushing = this.flushLoop();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.flushing) this.flushing = this.flushLoop();
      }, this.maxWaitMs);
    }
  }

  private async flushLoop(): Promise<void> {
    try {
      // What arrived while a batch was committing is the next batch: under load, batches fill
      // by themselves and nobody waits for the timer.
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const shared = new Map<string, Shared>();
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < batch.length; i++) {
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
          const sp = sql.raw(`gc_${i}`);
          await sql`savepoint ${sp}`.execute(trx);
          try {
            const value = await batch[i].op(trx, scope);
            await sql`release savepoint ${sp}`.execute(trx);
            for (const c of contributions) c();
            results.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint ${sp}`.execute(trx);
            await sql`release savepoint ${sp}`.execute(trx);
            results.push({ ok: false, error });
          }
        }
        for (const s of shared.values()) await s.flush(trx, s.acc);
      });
    } catch (error) {
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
