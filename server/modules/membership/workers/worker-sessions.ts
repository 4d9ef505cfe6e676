import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import { Coalescer } from '../../../platform/batch';
import type { Clock } from '../../../platform/clock';
import { randomToken, sha256Hex } from '../../../platform/personal-data/crypto';
import * as repo from './worker.repository';

const MINUTE = 60_000;

/** Worker sessions are short: 30 minutes idle, 12 hours at most (a day's voting on the phone). */
export const WORKER_SESSION = { idleMinutes: 30, absoluteHours: 12 } as const;

/**
 * Worker sessions (`worker_session`), kept like staff sessions but apart from them: the cookie
 * holds a random token, the table only its SHA-256; any app process resolves any session.
 */
export class WorkerSessions {
  /** The lookups of one turn of the event loop, read by one query (every vote request makes one). */
  private readonly lookups: Coalescer<string, repo.WorkerSessionRow>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.lookups = new Coalescer((ids) => repo.findSessions(this.db, ids));
  }

  async create(
    trx: Transaction<Database>,
    workerId: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; id: string; createdAt: string; expiresAt: string }> {
    const token = randomToken(32);
    const now = this.clock.now();
    const id = sha256Hex(token);
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + WORKER_SESSION.absoluteHours * 60 * MINUTE).toISOString();
    await repo.insertSession(trx, {
      id,
      workerId,
      createdAt,
      lastSeenAt: createdAt,
      idleExpiresAt: new Date(now.getTime() + WORKER_SESSION.idleMinutes * MINUTE).toISOString(),
      absoluteExpiresAt: expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      endedAt: null,
      endReason: null,
    });
    return { token, id, createdAt, expiresAt };
  }

  /** The live session behind a cookie token (its idle expiry slid, at most one write a minute). */
  async resolve(token: string): Promise<repo.WorkerSessionRow | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const id = sha256Hex(token);
    const row = await this.lookups.load(id);
    if (!row || row.endedAt) return null;
    const now = this.clock.now();
    const nowIso = now.toISOString();
    if (row.absoluteExpiresAt <= nowIso || row.idleExpiresAt <= nowIso) {
      await repo.endSession(
        this.db,
        id,
        nowIso,
        row.absoluteExpiresAt <= nowIso ? 'absolute_timeout' : 'idle_timeout',
      );
      return null;
    }
    if (now.getTime() - new Date(row.lastSeenAt).getTime() >= MINUTE) {
      const idle = new Date(now.getTime() + WORKER_SESSION.idleMinutes * MINUTE).toISOString();
      await repo.touchSession(this.db, id, nowIso, idle);
    }
    return row;
  }

  async endByToken(token: string, reason: string): Promise<void> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return;
    await repo.endSession(this.db, sha256Hex(token), this.clock.now().toISOString(), reason);
  }

  endAllOfPhone(trx: Kysely<Database>, phoneBidx: string, reason: string): Promise<number> {
    return repo.endSessionsOfPhone(trx, phoneBidx, this.clock.now().toISOString(), reason);
  }
}
