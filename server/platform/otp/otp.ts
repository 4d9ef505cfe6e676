import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, invalid } from '../errors';
import { isValidMobile, normalizeMobile } from '../personal-data/identity';
import type { Platform } from '../platform';
import type { SmsTemplate } from '../sms';
import * as repo from './otp.repository';

const HOUR = 3600_000;

/** What a system sets when it sends workers one-time codes to their phones. */
export interface PhoneOtpOptions {
  /** The signature shown as 【…】 before the message, and the message's template. */
  sms: { signName: string; template: SmsTemplate };
  /** How long a code lives; 300 s unless set. */
  ttlSeconds?: number;
  /** Wrong guesses that burn a code; 5 unless set. */
  maxAttempts?: number;
  /** Codes a phone may ask for in an hour; 5 unless set. */
  perPhonePerHour?: number;
  /** Codes one address may ask for in an hour; 20 unless set. */
  perAddressPerHour?: number;
  /** The request fields an error names; `body.phone` and `body.code` unless set. */
  fields?: { phone: string; code: string };
}

/** What the codes need of the platform (tests build it without an app). */
export type OtpPlatform = Pick<Platform, 'db' | 'clock' | 'ids' | 'blindIndex' | 'sms'> & {
  config: { otpResendSeconds: number };
};

/**
 * One-time codes to a worker's phone, for systems a worker uses with no account: issue (a resend
 * wait and per-phone and per-address hourly limits), check and use up (attempt limit, expiry).
 * Only keyed hashes of the phone and the code are stored (`otp_code`); the limits are counted in
 * the database, so they hold across app processes.
 */
export class PhoneOtp {
  private readonly ttlSeconds: number;
  private readonly maxAttempts: number;
  private readonly perPhonePerHour: number;
  private readonly perAddressPerHour: number;
  private readonly fields: { phone: string; code: string };

  constructor(
    private readonly p: OtpPlatform,
    private readonly opts: PhoneOtpOptions,
  ) {
    this.ttlSeconds = opts.ttlSeconds ?? 300;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.perPhonePerHour = opts.perPhonePerHour ?? 5;
    this.perAddressPerHour = opts.perAddressPerHour ?? 20;
    this.fields = opts.fields ?? { phone: 'body.phone', code: 'body.code' };
  }

  private badCode() {
    return invalid('otp.invalid', this.fields.code, 'the code is wrong or has expired; ask for a new one');
  }

  /** The normalised mainland mobile number, or `otp.bad_phone`. */
  phone(raw: string): string {
    if (!isValidMobile(raw))
      throw invalid('otp.bad_phone', this.fields.phone, 'not a mainland mobile number');
    return normalizeMobile(raw);
  }

  /** Sends a fresh code to the phone (already normalised by `phone`) within the limits. */
  async issue(phone: string, ip: string | null): Promise<{ sent: true; expiresInSeconds: number }> {
    const phoneBidx = this.p.blindIndex('phone', phone);
    const now = this.p.clock.now();
    const hourAgo = new Date(now.getTime() - HOUR).toISOString();
    const recent = await repo.codesIssuedSince(this.p.db, phoneBidx, hourAgo);
    const last = recent[0] ? new Date(recent[0]).getTime() : 0;
    const wait = Math.ceil((last + this.p.config.otpResendSeconds * 1000 - now.getTime()) / 1000);
    if (wait > 0)
      throw new AppError('otp.too_soon', 429, 'wait a minute before asking for another code', {
        retryAfterSeconds: wait,
      });
    if (recent.length >= this.perPhonePerHour) {
      throw new AppError('otp.rate_limited', 429, 'too many codes for this phone; try again later', {
        retryAfterSeconds: 3600,
      });
    }
    if (ip && (await repo.countIssuedFromAddress(this.p.db, ip, hourAgo)) >= this.perAddressPerHour) {
      throw new AppError('otp.rate_limited', 429, 'too many codes from this address; try again later', {
        retryAfterSeconds: 3600,
      });
    }
    const id = this.p.ids();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await repo.insertCode(this.p.db, {
      id,
      phoneBidx,
      codeHash: this.p.blindIndex('otp', `${id}:${code}`),
      ip,
      attempts: 0,
      expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000).toISOString(),
      consumedAt: null,
      createdAt: now.toISOString(),
    });
    await this.p.sms.send(
      phone,
      { template: this.opts.sms.template, params: { code, minutes: String(this.ttlSeconds / 60) } },
      this.opts.sms.signName,
    );
    return { sent: true, expiresInSeconds: this.ttlSeconds };
  }

  /**
   * The phone's newest live code if `code` is it; a wrong guess costs an attempt through
   * `executor` and throws `otp.invalid`, as do no live code and a burnt one.
   */
  private async match(executor: Kysely<Database>, phone: string, code: string) {
    const now = this.p.clock.now().toISOString();
    const row = await repo.newestLiveCode(executor, this.p.blindIndex('phone', phone), now);
    if (!row || row.attempts >= this.maxAttempts) throw this.badCode();
    if (this.p.blindIndex('otp', `${row.id}:${code}`) !== row.codeHash) {
      await repo.addAttempt(executor, row.id);
      throw this.badCode();
    }
    return { row, now };
  }

  /**
   * A wrong guess costs an attempt (on `p.db`, outside any transaction, so a rolled-back write
   * cannot undo it); a right code is left for `consume`. Call it before opening the transaction
   * that consumes the code.
   */
  async check(phone: string, code: string): Promise<void> {
    await this.match(this.p.db, phone, code);
  }

  /**
   * Checks the phone's newest live code and uses it up through `executor` — the caller's
   * transaction, so a write that fails afterwards leaves the code usable. A code works once (the
   * conditional update: of parallel submits exactly one consumes it), and `maxAttempts` wrong
   * guesses burn it.
   */
  async consume(executor: Kysely<Database>, phone: string, code: string): Promise<void> {
    const { row, now } = await this.match(executor, phone, code);
    if (!(await repo.consumeCode(executor, row.id, now, this.maxAttempts))) throw this.badCode();
  }
}
