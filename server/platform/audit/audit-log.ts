import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Clock, IdGenerator } from '../clock';

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
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

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

  /** Walks the whole chain in batches; memory stays flat however long the trail is. */
  async verify(db: Kysely<Database>, batchSize = 5000): Promise<ChainCheck> {
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
    return { ok: true, checked };
  }
}
