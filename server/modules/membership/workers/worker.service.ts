import type { WorkerMe } from '../../../../contracts/worker';
import { requireAction } from '../../../platform/auth/actor';
import type { WorkerPrincipal, WorkerResolver } from '../../../platform/auth/worker';
import { AppError } from '../../../platform/errors';
import { PhoneOtp } from '../../../platform/otp/otp';
import { maskPhone } from '../../../platform/personal-data/mask';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import * as repo from './worker.repository';
import { WorkerSessions } from './worker-sessions';

/** What the sign-in asks of the roll: the active member with this phone, or null. */
export interface RollMatch {
  memberId: string;
  orgId: string;
  orgPath: string;
  jurisdictionId: string;
  name: string;
}
export type RollMatcher = (phoneNormalised: string) => Promise<RollMatch | null>;

/** Why staff ended a worker's sessions (a lost or stolen phone). */
export const WORKER_DEVICE_LOST = 'device_lost';

/** The roll's name for the phone page, masked in the middle: 王*明, 李*, 欧**娜. */
export function maskMemberName(name: string): string {
  const c = [...name.trim()];
  if (c.length <= 1) return '*'.repeat(c.length);
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/**
 * Worker sign-in: a mobile number proved with a one-time code becomes a worker (one per phone)
 * and a short worker session; the roll decides the tier at every sign-in. Staff end a lost
 * phone's sessions (audited). The phone is never logged or put in a URL.
 */
export class WorkerService {
  readonly sessions: WorkerSessions;

  constructor(
    private readonly p: Platform,
    private readonly otp: PhoneOtp,
    private readonly match: RollMatcher,
  ) {
    this.sessions = new WorkerSessions(p.db, p.clock);
  }

  requestCode(rawPhone: string, ip: string | null): Promise<{ sent: true; expiresInSeconds: number }> {
    return this.otp.issue(this.otp.phone(rawPhone), ip);
  }

  async signIn(
    body: { phone: string; code: string },
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; me: WorkerMe }> {
    const phone = this.otp.phone(body.phone);
    // A wrong code is counted outside the transaction, so it must be found before it opens.
    await this.otp.check(phone, body.code);
    const member = await this.match(phone);
    const phoneBidx = this.p.blindIndex('phone', phone);
    const session = await this.p.db.transaction().execute(async (trx) => {
      await this.otp.consume(trx, phone, body.code);
      const worker = await repo.upsertWorker(trx, {
        id: this.p.ids(),
        phoneBidx,
        phoneEnc: this.p.cipher.encrypt(phone),
        memberId: member?.memberId ?? null,
        at: this.p.clock.now().toISOString(),
      });
      return this.sessions.create(trx, worker.id, meta);
    });
    const row = await repo.findSession(this.p.db, session.id);
    return { token: session.token, me: this.view(row!) };
  }

  /** The resolver the auth hook runs on every /api request carrying `uc_worker`. */
  readonly resolve: WorkerResolver = async (token) => {
    const row = await this.sessions.resolve(token);
    return row ? this.principal(row) : null;
  };

  private principal(row: repo.WorkerSessionRow): WorkerPrincipal {
    return {
      workerId: row.workerId,
      sessionId: row.id,
      tier: row.memberId ? 'member' : 'public',
      memberId: row.memberId,
      orgId: row.orgId,
      orgPath: row.orgPath,
      firstSeenAt: row.firstSeenAt,
    };
  }

  private view(row: repo.WorkerSessionRow): WorkerMe {
    return {
      tier: row.memberId ? 'member' : 'public',
      phoneMasked: maskPhone(this.p.cipher.decrypt(row.phoneEnc)),
      memberName: row.memberName ? maskMemberName(row.memberName) : null,
      unitName: row.unitName ?? null,
      signedInAt: row.createdAt,
      expiresAt: row.absoluteExpiresAt,
    };
  }

  async me(worker: WorkerPrincipal): Promise<WorkerMe> {
    const row = await repo.findSession(this.p.db, worker.sessionId);
    // The hook resolved this session a moment ago; ended since, the worker is signed out.
    if (!row || row.endedAt) throw new AppError('auth.worker_required', 401, 'Sign in again');
    return this.view(row);
  }

  /** Ends the cookie's worker session, if any (signing out twice is not an error). */
  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.sessions.endByToken(token, 'signed_out');
  }

  /**
   * 手机丢失: staff end every worker session of a phone. The answer is the count, the same shape
   * whether or not the phone ever signed in; the audit row holds no phone (its hash only).
   */
  async endSessions(ctx: RequestContext, rawPhone: string): Promise<{ ended: number }> {
    requireAction(ctx.actor, 'worker.end_sessions');
    const phone = this.otp.phone(rawPhone);
    const phoneBidx = this.p.blindIndex('phone', phone);
    const ended = await this.p.db.transaction().execute(async (trx) => {
      const n = await this.sessions.endAllOfPhone(trx, phoneBidx, WORKER_DEVICE_LOST);
      const worker = await repo.findWorkerByPhone(trx, phoneBidx);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'worker.end_sessions',
        subjectType: 'worker',
        subjectId: worker?.id,
        details: { reason: WORKER_DEVICE_LOST, ended: n, phoneMasked: maskPhone(phone) },
      });
      return n;
    });
    return { ended };
  }
}

/**
 * The worker sign-in's one-time codes: the platform's phone codes (5 minutes, 5 wrong guesses,
 * 5 a phone and 20 an address an hour) under the union's signature — SMS_SIGN_NAME for the
 * gateway, 【职工之家】 otherwise.
 */
export function workerOtp(p: Platform): PhoneOtp {
  return new PhoneOtp(p, {
    sms: {
      signName: p.config.sms.provider === 'aliyun' ? p.config.sms.signName : '职工之家',
      template: 'otp',
    },
    ttlSeconds: 300,
    maxAttempts: 5,
    perPhonePerHour: 5,
    perAddressPerHour: 20,
  });
}
