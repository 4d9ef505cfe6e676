import type { z } from 'zod';
import type {
  Assessment,
  PublicStatus,
  SelfReportBody,
  SelfReportResult,
  SelfTestBody,
} from '../../../../contracts/assistance';
import type { Actor } from '../../../platform/auth/actor';
import { isUniqueViolation } from '../../../db/dialect';
import { AppError, invalid } from '../../../platform/errors';
import { maskName } from '../../../platform/personal-data/mask';
import type { Platform } from '../../../platform/platform';
import { PhoneOtp } from '../../../platform/otp/otp';
import type { OrganisationService } from '../../organisation';
import { assess } from '../archives/archive.policy';
import type { ArchiveService } from '../archives/archive.service';
import { chinaDate } from '../../../platform/clock';
import type { ScreeningService } from '../screening/screening.service';
import * as repo from './self-report.repository';

/** What the worker quotes: the tail of the request's own id (UUIDv7: its random part). */
const referenceOf = (screeningId: string) => screeningId.slice(-8).toUpperCase();

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
    private readonly otp: PhoneOtp,
  ) {}

  async requestCode(rawPhone: string, ip: string | null): Promise<{ sent: true; expiresInSeconds: number }> {
    return this.otp.issue(this.otp.phone(rawPhone), ip);
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
    const phone = this.otp.phone(body.phone);
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
    const phoneBidx = this.p.blindIndex('phone', phone);
    // A retry of a request that was stored (the answer was lost on a bad line, or the phone's
    // queue sent it again): the first reference, without using another code. Only the same phone
    // finds it.
    const sent = async () =>
      body.clientRef ? repo.selfReportByClientRef(this.p.db, fed.id, body.clientRef, phoneBidx) : undefined;
    const before = await sent();
    if (before) return { reference: referenceOf(before.id), received: true };
    // A wrong code is counted outside the transaction, so it must be found before it opens.
    await this.otp.check(phone, body.code);
    try {
      const screeningId = await this.p.db.transaction().execute(async (trx) => {
        await this.otp.consume(trx, phone, body.code);
        return this.screenings.recordSelfReportInTransaction(
          trx,
          { actor, ip },
          form,
          phoneBidx,
          body.clientRef ?? null,
        );
      });
      return { reference: referenceOf(screeningId), received: true };
    } catch (err) {
      // Two sends of one request at once: the second finds the first's.
      if (body.clientRef && isUniqueViolation(err)) {
        const first = await sent();
        if (first) return { reference: referenceOf(first.id), received: true };
        if (await repo.clientRefTaken(this.p.db, fed.id, body.clientRef)) {
          throw invalid('screening.invalid', 'body.clientRef', 'this reference is already used');
        }
      }
      throw err;
    }
  }

  /**
   * The requests this phone sent — only its own self-reports, wherever they went since — and
   * whether a person has taken each up. Nothing about the household they concern.
   */
  async status(rawPhone: string, code: string): Promise<z.infer<typeof PublicStatus>> {
    const phone = this.otp.phone(rawPhone);
    await this.otp.consume(this.p.db, phone, code);
    const rows = await repo.selfReportsByPhone(this.p.db, this.p.blindIndex('phone', phone));
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

/**
 * The Love Alliance's one-time codes: the platform's phone codes (5 minutes, 5 wrong guesses,
 * 5 a phone and 20 an address an hour) under the deployment's approved signature — SMS_SIGN_NAME
 * for the gateway, which defaults to the alliance's own, 【爱心联盟】.
 */
export function selfReportOtp(p: Platform): PhoneOtp {
  return new PhoneOtp(p, {
    sms: {
      signName: p.config.sms.provider === 'aliyun' ? p.config.sms.signName : '爱心联盟',
      template: 'otp',
    },
    ttlSeconds: 300,
    maxAttempts: 5,
    perPhonePerHour: 5,
    perAddressPerHour: 20,
  });
}
