import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Clock } from '../clock';
import { randomToken, sha256Hex } from '../personal-data/crypto';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LiveSession {
  id: string;
  userId: string;
}

const MINUTE = 60_000;

/** Why staff end a user's sessions when a phone is lost: that phone is told, and wipes its queue. */
export const DEVICE_LOST = 'device_lost';

/**
 * Sessions live in the database so any app process can serve any request. The cookie holds a
 * random token; the table holds only its SHA-256.
 */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  async create(
    trx: Transaction<Database>,
    userId: string,
    meta: { ip?: string | null; userAgent?: string | null },
  ): Promise<{ token: string; id: string; expiresAt: string }> {
    const token = randomToken(32);
    const now = this.clock.now();
    const id = sha256Hex(token);
    const absolute = new Date(now.getTime() + this.policy.absoluteHours * 60 * MINUTE).toISOString();
    await trx
      .insertInto('session')
      .values({
        id,
        userId,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        idleExpiresAt: new Date(now.getTime() + this.policy.idleMinutes * MINUTE).toISOString(),
        absoluteExpiresAt: absolute,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        endedAt: null,
        endReason: null,
      })
      .execute();
    return { token, id, expiresAt: absolute };
  }

  /** The live session for a cookie token, sliding its idle expiry (at most one write a minute). */
  async resolve(token: string): Promise<LiveSession | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const id = sha256Hex(token);
    const row = await this.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.endedAt) return null;
    const now = this.clock.now();
    const nowIso = now.toISOString();
    if (row.absoluteExpiresAt <= nowIso || row.idleExpiresAt <= nowIso) {
      await this.end(id, row.absoluteExpiresAt <= nowIso ? 'absolute_timeout' : 'idle_timeout');
      return null;
    }
    if (now.getTime() - new Date(row.lastSeenAt).getTime() >= MINUTE) {
      await this.db
        .updateTable('session')
        .set({
          lastSeenAt: nowIso,
          idleExpiresAt: new Date(now.getTime() + this.policy.idleMinutes * MINUTE).toISOString(),
        })
        .where('id', '=', id)
        .where('endedAt', 'is', null)
        .execute();
    }
    return { id, userId: row.userId };
  }

  /** Why the session behind a cookie token ended (null: no such session, or still live). */
  async endReason(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await this.db
      .selectFrom('session')
      .select(['endReason'])
      .where('id', '=', sha256Hex(token))
      .executeTakeFirst();
    return row?.endReason ?? null;
  }

  async end(id: string, reason: string, executor: Kysely<Database> = this.db): Promise<void> {
    await executor
      .updateTable('session')
      .set({ endedAt: this.clock.now().toISOString(), endReason: reason })
      .where('id', '=', id)
      .where('endedAt', 'is', null)
      .execute();
  }

  async endAllForUser(
    executor: Kysely<Database>,
    userId: string,
    reason: string,
    exceptId?: string,
  ): Promise<void> {
    let q = executor
      .updateTable('session')
      .set({ endedAt: this.clock.now().toISOString(), endReason: reason })
      .where('userId', '=', userId)
      .where('endedAt', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }
}
