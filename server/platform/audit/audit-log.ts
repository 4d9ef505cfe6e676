import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Clock, IdGenerator } from '../clock';
import type { Checkpoint, CheckpointStore } from './checkpoint';

export type AuditResult = 'success' | 'denied' | 'failure';

export interface AuditActor {
  userId: string;
  displayName: string;
  orgId: string;
  jurisdictionId: string;
}

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  result?: AuditResult;
  /** What changed or was looked at — ids, field names, counts; never the personal data itself. */
  details?: Record<string, unknown>;
}

export interface AuditContext {
  actor?: AuditActor | null;
  ip?: string | null;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first sequence number whose row or link does not verify. */
  brokenAt?: number;
  reason?: string;
  /** The newest checkpoint the chain was compared with (none when no store is configured or empty). */
  checkpoint?: { seq: number; at: string };
}

type Row = Database['auditLog'];

const CHAIN_FIELDS = [
  'seq',
  'id',
  'at',
  'actorId',
  'actorName',
  'actorOrgId',
  'jurisdictionId',
  'action',
  'subjectType',
  'subjectId',
  'result',
  'ip',
  'details',
] as const;

/**
 * The one audit trail for every module. Each row carries HMAC(key, previous hash ‖ row), so a
 * changed, removed or reordered row breaks every link after it; the engine also refuses
 * UPDATE and DELETE on the table. Rows are written in the caller's transaction, so an audited
 * change and its audit row commit or roll back together.
 */
export class AuditLog {
  private lastCheckpointSeq = -1;

  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Where signed checkpoints of the head are kept outside the database; null: none. */
    readonly checkpoints: CheckpointStore | null = null,
  ) {}

  private async chainId(db: Kysely<Database>): Promise<string | null> {
    const first = await db.selectFrom('auditLog').select('hash').where('seq', '=', 1).executeTakeFirst();
    return first?.hash ?? null;
  }

  /**
   * Writes a signed checkpoint of the committed head to the store, unless the head has not moved
   * since this process last wrote one. Returns what was written, for the caller to log.
   */
  async checkpoint(db: Kysely<Database>): Promise<Checkpoint | null> {
    if (!this.checkpoints) return null;
    const head = await db
      .selectFrom('auditHead')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirst();
    const seq = Number(head?.seq ?? 0);
    if (!head || seq === 0 || seq === this.lastCheckpointSeq) return null;
    const chain = await this.chainId(db);
    if (!chain) return null;
    const written = this.checkpoints.append({
      chain,
      seq,
      hash: head.hash,
      at: this.clock.now().toISOString(),
    });
    this.lastCheckpointSeq = seq;
    return written;
  }

  hashRow(prevHash: string, row: Omit<Row, 'hash' | 'prevHash'>): string {
    const canonical = JSON.stringify(CHAIN_FIELDS.map((f) => row[f] ?? null));
    return createHmac('sha256', this.key).update(prevHash).update('\n').update(canonical).digest('hex');
  }

  async append(trx: Transaction<Database>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
    // Taking the head row (an UPDATE) serialises concurrent appenders on PostgreSQL;
    // SQLite already serialises writers.
    const head = await trx
      .updateTable('auditHead')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const row = {
      seq: Number(head.seq),
      id: this.ids(),
      at: this.clock.now().toISOString(),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.displayName ?? null,
      actorOrgId: ctx.actor?.orgId ?? null,
      jurisdictionId: ctx.actor?.jurisdictionId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      result: entry.result ?? 'success',
      ip: ctx.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    };
    const hash = this.hashRow(head.hash, row);
    await trx
      .insertInto('auditLog')
      .values({ ...row, prevHash: head.hash, hash })
      .execute();
    await trx.updateTable('auditHead').set({ hash }).where('id', '=', 1).execute();
  }

  /** For events with no other write to ride on (a refused request, a failed login). */
  async record(db: Kysely<Database>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
    await db.transaction().execute((trx) => this.append(trx, ctx, entry));
  }

  /**
   * Walks the whole chain in batches; memory stays flat however long the trail is. With a
   * checkpoint store, the chain must also reach the newest checkpoint and agree with every one.
   */
  async verify(db: Kysely<Database>, batchSize = 5000): Promise<ChainCheck> {
    let marks = new Map<number, Checkpoint>();
    let newest: Checkpoint | undefined;
    if (this.checkpoints) {
      const read = this.checkpoints.read(await this.chainId(db));
      if (read.badLines.length > 0) {
        return {
          ok: false,
          checked: 0,
          reason: `checkpoint file ${this.checkpoints.file} line ${read.badLines[0]} does not verify`,
        };
      }
      marks = new Map(read.items.map((c) => [c.seq, c]));
      for (const c of read.items) if (!newest || c.seq > newest.seq) newest = c;
    }
    const named = (c: Checkpoint) => `checkpoint seq ${c.seq} of ${c.at}`;
    let prevHash = 'genesis';
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: 'missing row' };
        if (r.prevHash !== prevHash) return { ok: false, checked, brokenAt: seq, reason: 'broken link' };
        const want = Buffer.from(this.hashRow(prevHash, { ...r, seq }), 'hex');
        const got = Buffer.from(r.hash, 'hex');
        if (want.length !== got.length || !timingSafeEqual(want, got)) {
          return { ok: false, checked, brokenAt: seq, reason: 'row altered' };
        }
        const mark = marks.get(seq);
        if (mark && mark.hash !== r.hash) {
          return { ok: false, checked, brokenAt: seq, reason: `diverges from ${named(mark)}` };
        }
        prevHash = r.hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < batchSize) break;
    }
    const head = await db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirst();
    if (head && (Number(head.seq) !== checked || head.hash !== prevHash)) {
      return { ok: false, checked, brokenAt: checked + 1, reason: 'rows missing at the end' };
    }
    if (newest && newest.seq > checked) {
      return {
        ok: false,
        checked,
        brokenAt: checked + 1,
        reason: `chain ends at seq ${checked}, shorter than ${named(newest)}`,
      };
    }
    return { ok: true, checked, ...(newest ? { checkpoint: { seq: newest.seq, at: newest.at } } : {}) };
  }
}
