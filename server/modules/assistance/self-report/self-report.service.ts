import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type {
  Assessment,
  PublicStatus,
  SelfReportBody,
  SelfReportResult,
  SelfTestBody,
} from '../../../../contracts/assistance';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth/actor';
import { AppError, invalid } from '../../../platform/errors';
import { isValidMobile, normalizeMobile } from '../../../platform/identity';
import { maskName } from '../../../platform/mask';
import type { Platform } from '../../../platform/platform';
import type { SmsSender } from '../../../platform/sms';
import type { OrganisationService } from '../../organisation';
import { assess } from '../archives/archive.policy';
import type { ArchiveService } from '../archives/archive.service';
import { chinaDate } from '../../../platform/clock';
import type { ScreeningService } from '../screening/screening.service';

const CODE_TTL_SECONDS = 300;
const MAX_ATTEMPTS = 5;
const PER_PHONE_PER_HOUR = 5;
const PER_ADDRESS_PER_HOUR = 20;
const HOUR = 3600_000;

/** What the worker quotes: the tail of the request's own id (UUIDv7: its random part). */
const referenceOf = (screeningId: string) => screeningId.slice(-8).toUpperCase();

const badCode = () =>
  invalid('otp.invalid', 'body.code', 'the code is wrong or has expired; ask for a new one');

/**
 * A worker's own way in, with no account: a one-time code to their phone, a request for help
 * that becomes a screening like any other, a status look-up, and the archive self-test.
 * Limits are counted in the database, so they hold across app processes.
 */
export class SelfReportService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly screenings: ScreeningService,
    private readonly archives: ArchiveService,
    private readonly sms: SmsSender,
  ) {}

  private phoneOf(raw: string): string {
    if (!isValidMobile(raw)) throw invalid('otp.bad_phone', 'body.phone', 'not a mainland mobile number');
    return normalizeMobile(raw);
  }

  async requestCode(rawPhone: string, ip: string | null): Promise<{ sent: true; expiresInSeconds: number }> {
    const phone = this.phoneOf(rawPhone);
    const phoneBidx = this.p.blindIndex('phone', phone);
    const now = this.p.clock.now();
    const hourAgo = new Date(now.getTime() - HOUR).toISOString();
    const recent = await this.p.db
      .selectFrom('otpCode')
      .select('createdAt')
      .where('phoneBidx', '=', phoneBidx)
      .where('createdAt', '>', hourAgo)
      .orderBy('createdAt', 'desc')
      .execute();
    const last = recent[0] ? new Date(recent[0].createdAt).getTime() : 0;
    const wait = Math.ceil((last + this.p.config.otpResendSeconds * 1000 - now.getTime()) / 1000);
    if (wait > 0)
      throw new AppError('otp.too_soon', 429, 'wait a minute before asking for another code', {
        retryAfterSeconds: wait,
      });
    if (recent.length >= PER_PHONE_PER_HOUR) {
      throw new AppError('otp.rate_limited', 429, 'too many codes for this phone; try again later', {
        retryAfterSeconds: 3600,
      });
    }
    if (ip) {
      const fromIp = await this.p.db
        .selectFrom('otpCode')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ip', '=', ip)
        .where('createdAt', '>', hourAgo)
        .executeTakeFirst();
      if (Number(fromIp?.n ?? 0) >= PER_ADDRESS_PER_HOUR) {
        throw new AppError('otp.rate_limited', 429, 'too many codes from this address; try again later', {
          retryAfterSeconds: 3600,
        });
      }
    }
    const id = this.p.ids();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.p.db
      .insertInto('otpCode')
      .values({
        id,
        phoneBidx,
        codeHash: this.p.blindIndex('otp', `${id}:${code}`),
        ip,
        attempts: 0,
        expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000).toISOString(),
        consumedAt: null,
        createdAt: now.toISOString(),
      })
      .execute();
    await this.sms.send(phone, {
      template: 'otp',
      params: { code, minutes: String(CODE_TTL_SECONDS / 60) },
    });
    return { sent: true, expiresInSeconds: CODE_TTL_SECONDS };
  }

  /**
   * Checks the phone's newest live code and uses it up through `executor` — the caller's
   * transaction, so a write that fails afterwards leaves the code usable. A code works once (the
   * conditional update: of parallel submits exactly one consumes it), and five wrong guesses burn
   * it (counted on `p.db`, outside any transaction, so a rolled-back write cannot undo them).
   */
  private async consumeCode(executor: Kysely<Database>, phone: string, code: string): Promise<void> {
    const now = this.p.clock.now().toISOString();
    const row = await executor
      .selectFrom('otpCode')
      .selectAll()
      .where('phoneBidx', '=', this.p.blindIndex('phone', phone))
      .where('consumedAt', 'is', null)
      .where('expiresAt', '>', now)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.attempts >= MAX_ATTEMPTS) throw badCode();
    if (this.p.blindIndex('otp', `${row.id}:${code}`) !== row.codeHash) {
      await executor
        .updateTable('otpCode')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      throw badCode();
    }
    const used = await executor
      .updateTable('otpCode')
      .set({ consumedAt: now })
      .where('id', '=', row.id)
      .where('consumedAt', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw badCode();
  }

  /**
   * The city or county federation whose area holds the division (the most specific one). Areas
   * are set only by the federation above or a platform admin and never overlap (organisation module).
   */
  private async jurisdictionFor(divisionCode: string) {
    const match = await this.orgs.federationServing(divisionCode);
    if (!match) {
      throw invalid(
        'self_report.no_federation',
        'body.form.divisionCode',
        'no union federation serves this area yet',
      );
    }
    return match;
  }

  /**
   * A worker's own request. It never changes an existing household: it becomes a new unverified
   * household (its screening and needs unverified) that waits for a person — in the merge queue
   * when it looks like a known household, else until a person verifies it. The answer is the same
   * whoever the request is about. The whole form is checked before the code is touched, and the
   * code is used up in the transaction that writes the request.
   */
  async selfReport(
    body: z.infer<typeof SelfReportBody>,
    ip: string | null,
  ): Promise<z.infer<typeof SelfReportResult>> {
    const phone = this.phoneOf(body.phone);
    const fed = await this.jurisdictionFor(body.form.divisionCode);
    const { story, ...rest } = body.form;
    const form = {
      ...rest,
      phone,
      method: 'self_report' as const,
      screenedOn: chinaDate(this.p.clock.now()),
      leads: story,
    };
    const issues = this.screenings.checkScreening(form, 'body.form');
    if (issues.length)
      throw new AppError('screening.invalid', 422, 'The screening is not valid', { fields: issues });
    const actor: Actor = {
      userId: 'self-report',
      username: 'self-report',
      displayName: '职工本人（自主申报）',
      orgId: fed.id,
      orgPath: fed.path,
      jurisdictionId: fed.id,
      roles: [],
      sessionId: '',
      mustChangePassword: false,
    };
    // A wrong code is counted outside the transaction, so it must be found before it opens.
    await this.checkCode(phone, body.code);
    const screeningId = await this.p.db.transaction().execute(async (trx) => {
      await this.consumeCode(trx, phone, body.code);
      return this.screenings.recordSelfReportInTransaction(
        trx,
        { actor, ip },
        form,
        this.p.blindIndex('phone', phone),
      );
    });
    return { reference: referenceOf(screeningId), received: true };
  }

  /** A wrong guess costs an attempt (outside any transaction); a right one is left for the writer. */
  private async checkCode(phone: string, code: string): Promise<void> {
    const now = this.p.clock.now().toISOString();
    const row = await this.p.db
      .selectFrom('otpCode')
      .selectAll()
      .where('phoneBidx', '=', this.p.blindIndex('phone', phone))
      .where('consumedAt', 'is', null)
      .where('expiresAt', '>', now)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.attempts >= MAX_ATTEMPTS) throw badCode();
    if (this.p.blindIndex('otp', `${row.id}:${code}`) !== row.codeHash) {
      await this.p.db
        .updateTable('otpCode')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      throw badCode();
    }
  }

  /**
   * The requests this phone sent — only its own self-reports, wherever they went since — and
   * whether a person has taken each up. Nothing about the household they concern.
   */
  async status(rawPhone: string, code: string): Promise<z.infer<typeof PublicStatus>> {
    const phone = this.phoneOf(rawPhone);
    await this.consumeCode(this.p.db, phone, code);
    const rows = await this.p.db
      .selectFrom('screening')
      .select(['id', 'headName', 'screenedOn', 'status'])
      .where('reporterPhoneBidx', '=', this.p.blindIndex('phone', phone))
      .where('method', '=', 'self_report')
      .orderBy('createdAt', 'desc')
      .limit(50)
      .execute();
    return {
      items: rows.map((r) => ({
        reference: referenceOf(r.id),
        headNameMasked: maskName(r.headName ?? ''),
        submittedOn: r.screenedOn,
        state: r.status === 'unverified' ? ('received' as const) : ('reviewed' as const),
      })),
    };
  }

  /** The archive self-test: the same calculator and the area's standard; nothing is stored. */
  async selfTest(body: z.infer<typeof SelfTestBody>): Promise<Assessment> {
    const fed = await this.jurisdictionFor(body.divisionCode);
    const year = Number(chinaDate(this.p.clock.now()).slice(0, 4));
    const standard = await this.archives.standardFor(fed.id, year);
    return assess(body, standard);
  }
}
