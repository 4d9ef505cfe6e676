import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  ConsentBody,
  ConsentView as ConsentSchema,
  DeliverBody,
  ReferralBody,
  ReferralNoteBody,
  ReferralQuery,
  ReferralReasonBody,
  ReferralView,
} from '../../../../contracts/help';
import { MONEY_MAX_FEN } from '../../../../contracts/numbers';
import { isUniqueViolation } from '../../../db/dialect';
import type { Database } from '../../../db/schema';
import {
  can,
  relationHolds,
  relationsFor,
  requireAction,
  type RecordScope,
} from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import type { Page } from '../../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { chinaDate } from '../../../platform/clock';
import { findHousehold, recordEvent } from '../core/household.repository';
import type { HouseholdService } from '../households/household.service';
import { recordDelivery } from '../core/ledger.repository';
import {
  EVIDENCE_LIMITS,
  evidenceFileName,
  evidenceTooLarge,
  evidenceType,
  type EvidenceUpload,
} from '../help/help.service';
import { consentDecision, needsGuardian, referralStep, type ReferralStep } from './referral.policy';
import * as repo from './referral.repository';
import type { ResourceRow, ResourceService } from '../resources/resource.service';

type Consent = z.infer<typeof ConsentBody>;
type ConsentView = z.infer<typeof ConsentSchema>;
type Refer = z.infer<typeof ReferralBody>;
type Query = z.infer<typeof ReferralQuery>;
type Note = z.infer<typeof ReferralNoteBody>;
type Reason = z.infer<typeof ReferralReasonBody>;
type Deliver = z.infer<typeof DeliverBody>;

const stale = () => conflict('referral.stale', 'the referral was changed by someone else; reload it');

/**
 * 转介: consent to share (per caring unit, a guardian's for a child under 14), referrals that
 * hold a resource's places without ever overselling, and the caring unit's answers down to the
 * delivery that enters the household's ledger.
 */
export class ReferralService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly households: HouseholdService,
    private readonly divisionName: (code: string) => string,
    private readonly resources: ResourceService,
  ) {}

  /**
   * Merging two records of one household: the dropped record's open referral `r` to a resource
   * the kept record is already referred to is withdrawn inside the merge's transaction — places
   * released as any withdrawal does, on the kept record's timeline, audited.
   */
  async withdrawForMerge(
    trx: Transaction<Database>,
    ctx: RequestContext,
    r: {
      id: string;
      version: number;
      state: string;
      quantity: number;
      resourceId: string;
      resourceTitle: string;
      keptReferralId: string;
    },
    merge: { keepId: string; dropId: string; at: string },
  ): Promise<void> {
    const ok = await repo.moveReferral(trx, r.id, Number(r.version), r.state, {
      state: 'withdrawn',
      responseNote: `合并重复记录 merged: duplicate of referral ${r.keptReferralId}`,
      updatedAt: merge.at,
    });
    if (!ok) throw conflict('referral.stale', 'a referral of the household changed meanwhile; try again');
    await this.resources.places.release(trx, r.resourceId, Number(r.quantity), merge.at);
    await this.households.event(trx, ctx, merge.keepId, 'referral_withdrawn', {
      referralId: r.id,
      resourceTitle: r.resourceTitle,
      reason: 'merged',
      keptReferralId: r.keptReferralId,
    });
    await this.p.audit.append(trx, auditContext(ctx), {
      action: 'referral.withdraw',
      subjectType: 'referral',
      subjectId: r.id,
      details: {
        householdId: merge.dropId,
        resourceId: r.resourceId,
        from: r.state,
        to: 'withdrawn',
        quantity: Number(r.quantity),
        cause: 'merged',
        keptReferralId: r.keptReferralId,
      },
    });
  }

  private today(): string {
    return chinaDate(this.p.clock.now());
  }

  private async event(
    trx: Transaction<Database>,
    ctx: RequestContext,
    householdId: string,
    kind: string,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await recordEvent(trx, {
      id: this.p.ids(),
      householdId,
      at: this.p.clock.now().toISOString(),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      kind,
      summary: JSON.stringify(summary),
    });
  }

  // ---- consent ----

  private consentView(c: repo.ConsentRow): ConsentView {
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: c.orgName,
      memberId: c.memberId,
      memberName: c.memberName ?? null,
      givenBy: c.givenBy as ConsentView['givenBy'],
      guardianName: c.guardianName,
      method: c.method as ConsentView['method'],
      givenOn: c.givenOn,
      note: c.note,
      recordedByName: c.recordedByName ?? null,
      active: c.revokedAt === null,
      revokedAt: c.revokedAt,
      revokeReason: c.revokeReason,
      createdAt: c.createdAt,
      confirmed: c.confirmedAt !== null,
      confirmedHow: (c.confirmedHow ?? null) as ConsentView['confirmedHow'],
      confirmedAt: c.confirmedAt,
      confirmedByName: c.confirmedByName ?? null,
      evidence:
        c.evidenceFileName != null
          ? {
              fileName: c.evidenceFileName,
              mime: c.evidenceMime!,
              sizeBytes: Number(c.evidenceSizeBytes),
              createdAt: c.evidenceCreatedAt!,
            }
          : null,
    };
  }

  /** For the household page: every consent, newest first (the caller has checked the household). */
  async consentsForHousehold(householdId: string): Promise<ConsentView[]> {
    return (await repo.listConsents(this.p.db, householdId)).map((c) => this.consentView(c));
  }

  /** 知情同意: the household agrees to share its data with one named organisation. */
  async giveConsent(ctx: RequestContext, householdId: string, body: Consent): Promise<ConsentView> {
    const h = await this.households.getInScope(ctx, 'help.manage', householdId);
    const org = await this.orgs.findScope(body.orgId);
    if (!org || org.jurisdictionId !== h.jurisdictionId) {
      throw invalid('consent.bad_org', 'body.orgId', 'not an organisation of this federation');
    }
    const member = body.memberId ? await repo.findMember(this.p.db, h.id, body.memberId) : null;
    if (body.memberId && !member) {
      throw invalid('consent.member_unknown', 'body.memberId', 'not a member of this household');
    }
    if (body.givenBy === 'guardian' && !body.guardianName) {
      throw invalid('consent.guardian_name_required', 'body.guardianName', 'name the guardian who consented');
    }
    if (body.givenBy !== 'guardian' && body.guardianName) {
      throw invalid(
        'consent.guardian_name_unexpected',
        'body.guardianName',
        "only a guardian's consent names a guardian",
      );
    }
    if (body.givenBy !== 'guardian' && needsGuardian(member)) {
      throw invalid(
        'consent.guardian_required',
        'body.givenBy',
        'a child under 14 consents through a guardian',
      );
    }
    if (body.givenOn > this.today()) {
      throw invalid('consent.future_date', 'body.givenOn', 'the consent cannot be given in the future');
    }
    const id = this.p.ids();
    const at = this.p.clock.now().toISOString();
    // The federation's own record stands; a partner's waits for its signed form or a second person.
    const confirmed = can(ctx.actor, 'consent.confirm', await this.households.scopeOf(h));
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertConsent(trx, {
        id,
        householdId: h.id,
        orgId: org.orgId,
        memberId: member?.id ?? null,
        givenBy: body.givenBy,
        guardianName: body.givenBy === 'guardian' ? body.guardianName! : null,
        method: body.method,
        givenOn: body.givenOn,
        note: body.note || null,
        recordedBy: ctx.actor.userId,
        createdAt: at,
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        confirmedAt: confirmed ? at : null,
        confirmedBy: confirmed ? ctx.actor.userId : null,
        confirmedHow: confirmed ? 'recorded_by_staff' : null,
      });
      await this.event(trx, ctx, h.id, 'consent_given', {
        orgName: org.name,
        memberName: member?.name ?? null,
        givenBy: body.givenBy,
        method: body.method,
        confirmed,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'consent.give',
        subjectType: 'household',
        subjectId: h.id,
        details: {
          consentId: id,
          orgId: org.orgId,
          memberId: member?.id ?? null,
          givenBy: body.givenBy,
          method: body.method,
          givenOn: body.givenOn,
          confirmed,
        },
      });
    });
    return this.consentView((await repo.findConsent(this.p.db, id))!);
  }

  /** The consent if the actor may work its household (help.manage, or `action`); otherwise 404. */
  private async consentInScope(
    ctx: RequestContext,
    id: string,
    action: 'help.manage' | 'household.read' | 'consent.confirm' = 'help.manage',
  ) {
    const c = await repo.findConsent(this.p.db, id);
    if (!c) throw notFound('consent');
    try {
      await this.households.getInScope(ctx, action, c.householdId);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw notFound('consent');
      throw e;
    }
    return c;
  }

  async revokeConsent(ctx: RequestContext, id: string, reason: string): Promise<ConsentView> {
    const c = await this.consentInScope(ctx, id);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeConsent(trx, id, ctx.actor.userId, reason, at))) {
        throw conflict('consent.already_revoked', 'the consent has already been revoked');
      }
      await this.event(trx, ctx, c.householdId, 'consent_revoked', {
        orgName: c.orgName,
        memberName: c.memberName ?? null,
        reason,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'consent.revoke',
        subjectType: 'household',
        subjectId: c.householdId,
        details: { consentId: id, orgId: c.orgId, reason },
      });
      await this.withdrawUnconsented(trx, ctx, c.householdId, c.orgId, id, reason, at);
    });
    return this.consentView((await repo.findConsent(this.p.db, id))!);
  }

  /**
   * After a revocation: every open referral to the unit that no remaining confirmed consent covers
   * is withdrawn in the same transaction (an override too — the household has now said no), through
   * the same version-checked move and place release as a withdrawal by hand, audited and on the
   * household's timeline.
   */
  private async withdrawUnconsented(
    trx: Transaction<Database>,
    ctx: RequestContext,
    householdId: string,
    orgId: string,
    consentId: string,
    reason: string,
    at: string,
  ): Promise<void> {
    const open = await repo.openReferralsTo(trx, householdId, orgId);
    if (open.length === 0) return;
    const consents = await repo.consentsForOrg(trx, householdId, orgId);
    const note = `知情同意已撤回 consent revoked: ${reason}`.slice(0, 300);
    for (const r of open) {
      const member = r.memberId ? await repo.findMember(trx, householdId, r.memberId) : null;
      const still = consentDecision({ consents, orgId, member: member ?? null, mayOverride: false });
      if (still.ok) continue;
      const moved = await repo.moveReferral(trx, r.id, Number(r.version), r.state, {
        state: 'withdrawn',
        responseNote: note,
        updatedAt: at,
      });
      if (!moved) throw stale();
      const quantity = Number(r.quantity);
      await this.resources.places.release(trx, r.resourceId, quantity, at);
      const summary = { reason: note, cause: 'consent_revoked', consentId };
      await this.event(trx, ctx, householdId, 'referral_withdrawn', {
        referralId: r.id,
        resourceTitle: r.resourceTitle,
        ...summary,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'referral.withdraw',
        subjectType: 'referral',
        subjectId: r.id,
        details: {
          householdId,
          resourceId: r.resourceId,
          from: r.state,
          to: 'withdrawn',
          quantity,
          ...summary,
        },
      });
    }
  }

  /**
   * A second person confirms a partner's consent: the federation's staff (consent.confirm on the
   * household). One conditional update; confirming twice, or a revoked consent, is a 409.
   */
  async confirmConsent(ctx: RequestContext, id: string, note?: string): Promise<ConsentView> {
    const c = await this.consentInScope(ctx, id, 'consent.confirm');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await repo.confirmConsent(trx, id, ctx.actor.userId, 'staff_confirmed', at))) {
        throw this.whyNotConfirmable((await repo.findConsent(trx, id))!);
      }
      await this.event(trx, ctx, c.householdId, 'consent_confirmed', {
        orgName: c.orgName,
        memberName: c.memberName ?? null,
        how: 'staff_confirmed',
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'consent.confirm',
        subjectType: 'household',
        subjectId: c.householdId,
        details: { consentId: id, orgId: c.orgId, how: 'staff_confirmed', note: note || null },
      });
    });
    return this.consentView((await repo.findConsent(this.p.db, id))!);
  }

  private whyNotConfirmable(c: repo.ConsentRow): AppError {
    if (c.revokedAt !== null) return conflict('consent.already_revoked', 'the consent has been revoked');
    return conflict('consent.already_confirmed', 'the consent has already been confirmed');
  }

  /**
   * The signed consent form (a photo or PDF, checked as delivery evidence is): at most one per
   * consent (unique index); it confirms a consent that was waiting.
   */
  async addConsentEvidence(ctx: RequestContext, id: string, upload: EvidenceUpload): Promise<ConsentView> {
    const c = await this.consentInScope(ctx, id);
    const fileName = evidenceFileName(upload.fileNameHeader);
    const mime = evidenceType(upload.contentType, upload.bytes);
    const bytes = upload.bytes!;
    if (bytes.length > EVIDENCE_LIMITS.maxBytes) {
      throw evidenceTooLarge();
    }
    if (c.revokedAt !== null) throw conflict('consent.already_revoked', 'the consent has been revoked');
    const at = this.p.clock.now().toISOString();
    const evidenceId = this.p.ids();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertConsentEvidence(trx, {
          id: evidenceId,
          consentId: c.id,
          householdId: c.householdId,
          fileName,
          mime,
          sizeBytes: bytes.length,
          sha256,
          content: bytes,
          uploadedBy: ctx.actor.userId,
          createdAt: at,
        });
        const confirmed = await repo.confirmConsent(trx, c.id, ctx.actor.userId, 'evidence', at);
        await this.event(trx, ctx, c.householdId, 'consent_evidence', {
          orgName: c.orgName,
          memberName: c.memberName ?? null,
          fileName,
          confirmed,
        });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'consent.evidence',
          subjectType: 'household',
          subjectId: c.householdId,
          details: {
            consentId: c.id,
            evidenceId,
            fileName,
            mime,
            sizeBytes: bytes.length,
            sha256,
            confirmed,
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new AppError('consent.evidence_exists', 409, 'this consent already has its signed form', {
          fields: [{ field: 'body', message: 'already uploaded' }],
        });
      }
      throw e;
    }
    return this.consentView((await repo.findConsent(this.p.db, id))!);
  }

  /** The signed form itself, for those who may read the household; every read is audited. */
  async readConsentEvidence(ctx: RequestContext, id: string) {
    const c = await this.consentInScope(ctx, id, 'household.read');
    const file = await repo.findConsentEvidence(this.p.db, c.id);
    if (!file) throw notFound('consent_evidence');
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'consent.evidence_read',
        subjectType: 'household',
        subjectId: c.householdId,
        details: { consentId: c.id, evidenceId: file.id, fileName: file.fileName },
      }),
    );
    return { fileName: file.fileName, mime: file.mime, content: Buffer.from(file.content) };
  }

  // ---- views ----

  private referralScope(r: repo.ReferralRow): RecordScope {
    return { orgId: r.orgId, orgPath: r.orgPath, jurisdictionId: r.jurisdictionId };
  }

  /**
   * Staff (the federation, or a partner working the household) see which household it is; the
   * caring unit sees only the minimum: name, masked phone, member, the need.
   */
  private view(r: repo.ReferralRow, staff: boolean): ReferralView {
    return {
      id: r.id,
      householdId: staff ? r.householdId : null,
      headName: r.headName,
      phoneMasked: r.phoneTail,
      memberName: r.memberName ?? null,
      divisionName: staff ? this.divisionName(r.divisionCode) : null,
      resourceId: r.resourceId,
      resourceTitle: r.resourceTitle,
      resourceKind: r.resourceKind as ReferralView['resourceKind'],
      unit: r.unit,
      orgId: r.orgId,
      orgName: r.orgName,
      quantity: Number(r.quantity),
      need: r.need,
      state: r.state as ReferralView['state'],
      consentGivenOn: r.consentGivenOn ?? null,
      consentGivenBy: (r.consentGivenBy ?? null) as ReferralView['consentGivenBy'],
      overrideReason: staff ? r.overrideReason : null,
      // Who referred (an association for drug users, a women's shelter…) says something about the
      // household: the caring unit does not learn it.
      referredByName: staff ? (r.referredByName ?? null) : null,
      referredOrgName: staff ? r.referredOrgName : null,
      responseNote: r.responseNote,
      deliveredOn: r.deliveredOn,
      deliveredValueFen: r.deliveredValueFen === null ? null : Number(r.deliveredValueFen),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: Number(r.version),
    };
  }

  /** The federation reading referrals of its jurisdiction sees the staff view. */
  private readsAsStaff(ctx: RequestContext, r: repo.ReferralRow): boolean {
    return (
      relationsFor(ctx.actor, 'referral.read').has('jurisdiction') &&
      relationHolds(ctx.actor, 'jurisdiction', this.referralScope(r))
    );
  }

  private async householdScope(householdId: string): Promise<RecordScope | undefined> {
    const h = await findHousehold(this.p.db, householdId);
    return h ? this.households.scopeOf(h) : undefined;
  }

  /** For the household page (staff view; the caller has checked the household). */
  async listForHousehold(householdId: string): Promise<ReferralView[]> {
    return (await repo.listHouseholdReferrals(this.p.db, householdId)).map((r) => this.view(r, true));
  }

  /** Closed referrals last changed before this instant are beyond the caring unit's retention. */
  private retentionCutoff(): string {
    const days = this.p.config.referralRetentionDays;
    return new Date(this.p.clock.now().getTime() - days * 86_400_000).toISOString();
  }

  private beyondRetention(r: repo.ReferralRow): boolean {
    return !repo.OPEN_REFERRAL_STATES.includes(r.state) && r.updatedAt < this.retentionCutoff();
  }

  async listReferrals(ctx: RequestContext, q: Query): Promise<Page<ReferralView>> {
    const relations = requireAction(ctx.actor, 'referral.read');
    // A caring unit (no jurisdiction-wide reading) sees closed referrals only for the retention period.
    const closedSince = relations.has('jurisdiction') ? undefined : this.retentionCutoff();
    const page = await repo.listReferrals(this.p.db, ctx.actor, relations, { ...q, closedSince });
    return { ...page, items: page.items.map((r) => this.view(r, this.readsAsStaff(ctx, r))) };
  }

  /** Who may see one referral, and how much: staff view, caring-unit view, or none (404). */
  private async access(ctx: RequestContext, r: repo.ReferralRow | undefined) {
    if (r) {
      const scope = this.referralScope(r);
      const hs = await this.householdScope(r.householdId);
      const manage = hs !== undefined && can(ctx.actor, 'help.manage', hs);
      const respond = can(ctx.actor, 'referral.respond', scope);
      const staff = manage || this.readsAsStaff(ctx, r);
      if (staff) return { staff, respond, manage };
      // The caring unit: a closed referral past the retention period answers as missing.
      if ((respond || can(ctx.actor, 'referral.read', scope)) && !this.beyondRetention(r)) {
        return { staff, respond, manage };
      }
    }
    throw notFound('referral');
  }

  async getReferral(ctx: RequestContext, id: string): Promise<ReferralView> {
    const r = await repo.findReferral(this.p.db, id);
    const a = await this.access(ctx, r);
    return this.view(r!, a.staff);
  }

  // ---- sending ----

  /**
   * 转介: in one transaction the consent is checked, the places are held by one conditional
   * UPDATE (never a read-then-write), and the referral is inserted (the partial unique index
   * refuses a second open one for the same household and resource).
   */
  async createReferral(ctx: RequestContext, householdId: string, body: Refer): Promise<ReferralView> {
    const h = await this.households.getInScope(ctx, 'help.manage', householdId);
    if (h.state === 'closed' || h.state === 'merged') {
      throw conflict('household.wrong_state', `cannot refer a household that is ${h.state}`);
    }
    const res = await this.resources.places.find(this.p.db, body.resourceId);
    if (!res || res.jurisdictionId !== h.jurisdictionId) {
      throw invalid('referral.resource_unknown', 'body.resourceId', 'no such resource in this federation');
    }
    const member = body.memberId ? await repo.findMember(this.p.db, h.id, body.memberId) : null;
    if (body.memberId && !member) {
      throw invalid('referral.member_unknown', 'body.memberId', 'not a member of this household');
    }
    const mayOverride = can(ctx.actor, 'referral.override', await this.households.scopeOf(h));
    const today = this.today();
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        const consents = await repo.consentsForOrg(trx, h.id, res.orgId);
        const decision = consentDecision({
          consents,
          orgId: res.orgId,
          member: member ?? null,
          overrideReason: body.overrideReason,
          mayOverride,
        });
        if (!decision.ok) {
          const message =
            decision.why === 'no_consent'
              ? `${res.orgName} has no recorded consent to receive this household's data`
              : decision.why === 'unconfirmed'
                ? `the consent to ${res.orgName} waits for its signed form or a federation confirmation`
                : 'you may not send a referral without consent';
          throw new AppError(decision.code, 409, message, {
            fields: [{ field: `body.${decision.field}`, message }],
          });
        }
        if (!(await this.resources.places.reserve(trx, res.id, body.quantity, today, at))) {
          throw this.whyNotReserved(await this.resources.places.find(trx, res.id), body.quantity, today);
        }
        const overrideReason = decision.override ? body.overrideReason!.trim() : null;
        await repo.insertReferral(trx, {
          id,
          jurisdictionId: h.jurisdictionId,
          householdId: h.id,
          resourceId: res.id,
          orgId: res.orgId,
          memberId: member?.id ?? null,
          quantity: body.quantity,
          need: body.need,
          state: 'sent',
          consentId: decision.consentId ?? null,
          overrideReason,
          overrideBy: decision.override ? ctx.actor.userId : null,
          referredBy: ctx.actor.userId,
          referredOrgId: ctx.actor.orgId,
          responseNote: null,
          deliveredOn: null,
          deliveredValueFen: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await this.event(trx, ctx, h.id, 'referral_sent', {
          referralId: id,
          resourceTitle: res.title,
          orgName: res.orgName,
          quantity: body.quantity,
          override: decision.override === true,
        });
        const details = {
          referralId: id,
          resourceId: res.id,
          orgId: res.orgId,
          memberId: member?.id ?? null,
          quantity: body.quantity,
          ...(decision.override ? { overrideReason } : { consentId: decision.consentId }),
        };
        if (decision.override) {
          await this.p.audit.append(trx, auditContext(ctx), {
            action: 'referral.consent_override',
            subjectType: 'household',
            subjectId: h.id,
            details,
          });
        }
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'referral.create',
          subjectType: 'referral',
          subjectId: id,
          details: { householdId: h.id, ...details },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new AppError(
          'referral.duplicate',
          409,
          'this household already has an open referral to this resource',
          { fields: [{ field: 'body.resourceId', message: 'already referred' }] },
        );
      }
      throw e;
    }
    return this.view((await repo.findReferral(this.p.db, id))!, true);
  }

  /** The conditional UPDATE held nothing: say why, from the row as it is now. */
  private whyNotReserved(res: ResourceRow | undefined, quantity: number, today: string): AppError {
    if (!res || res.status !== 'active')
      return conflict('resource.withdrawn', 'the resource has been withdrawn');
    if (res.validUntil < today)
      return conflict('resource.expired', `the resource expired on ${res.validUntil}`);
    if (res.validFrom > today) {
      return conflict('resource.not_yet_valid', `the resource can be referred to from ${res.validFrom}`);
    }
    const left = Number(res.quantity) - Number(res.reserved);
    return new AppError('resource.exhausted', 409, `only ${left} ${res.unit} left`, {
      available: left,
      fields: [{ field: 'body.quantity', message: `only ${left} left` }],
    });
  }

  // ---- the caring unit's answers, and withdrawal ----

  private async transition(
    ctx: RequestContext,
    id: string,
    step: ReferralStep,
    version: number,
    changes: { responseNote?: string | null; deliveredOn?: string; deliveredValueFen?: number },
    summary: Record<string, unknown>,
    after?: (trx: Transaction<Database>, r: repo.ReferralRow, at: string) => Promise<void>,
  ): Promise<ReferralView> {
    const r = await repo.findReferral(this.p.db, id);
    const a = await this.access(ctx, r);
    const allowed = step === 'withdraw' ? a.respond || a.manage : a.respond;
    if (!allowed) {
      // Someone who may see it but not answer it (e.g. federation staff accepting for the unit).
      throw new AppError('auth.forbidden', 403, 'You may not do this');
    }
    const ref = r!;
    const next = referralStep(step, ref.state);
    if (!next) throw conflict('referral.wrong_state', `cannot ${step} a referral that is ${ref.state}`);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.moveReferral(trx, ref.id, version, ref.state, {
        state: next.to,
        updatedAt: at,
        ...changes,
      });
      if (!ok) throw stale();
      const quantity = Number(ref.quantity);
      if (next.releases) await this.resources.places.release(trx, ref.resourceId, quantity, at);
      if (after) await after(trx, ref, at);
      await this.event(trx, ctx, ref.householdId, `referral_${next.to}`, {
        referralId: ref.id,
        resourceTitle: ref.resourceTitle,
        orgName: ref.orgName,
        ...summary,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: `referral.${step}`,
        subjectType: 'referral',
        subjectId: ref.id,
        details: {
          householdId: ref.householdId,
          resourceId: ref.resourceId,
          from: ref.state,
          to: next.to,
          quantity,
          ...summary,
        },
      });
    });
    return this.view((await repo.findReferral(this.p.db, id))!, a.staff);
  }

  async acceptReferral(ctx: RequestContext, id: string, body: Note): Promise<ReferralView> {
    const note = body.note || null;
    return this.transition(ctx, id, 'accept', body.version, { responseNote: note }, { note });
  }

  /** The unit cannot help: the held places go back to the resource. */
  async declineReferral(ctx: RequestContext, id: string, body: Reason): Promise<ReferralView> {
    return this.transition(
      ctx,
      id,
      'decline',
      body.version,
      { responseNote: body.reason },
      { reason: body.reason },
    );
  }

  /** The referring side (or the unit) calls it off: the held places go back to the resource. */
  async withdrawReferral(ctx: RequestContext, id: string, body: Reason): Promise<ReferralView> {
    return this.transition(
      ctx,
      id,
      'withdraw',
      body.version,
      { responseNote: body.reason },
      { reason: body.reason },
    );
  }

  /** 已送达: counted as delivered on the resource and entered once into the household's ledger. */
  async deliverReferral(ctx: RequestContext, id: string, body: Deliver): Promise<ReferralView> {
    const r = (await repo.findReferral(this.p.db, id))!;
    await this.access(ctx, r);
    if (body.deliveredOn > this.today()) {
      throw invalid('referral.future_delivery', 'body.deliveredOn', 'the delivery date is in the future');
    }
    if (body.deliveredOn < chinaDate(new Date(r.createdAt))) {
      throw invalid('referral.bad_delivered_on', 'body.deliveredOn', 'delivered before it was referred');
    }
    const quantity = Number(r.quantity);
    const valueFen = body.valueFen ?? quantity * Number(r.unitValueFen);
    // Places × unit value may pass the most one amount can be (and its column hold).
    if (valueFen > MONEY_MAX_FEN) {
      throw invalid(
        'referral.value_too_large',
        'body.valueFen',
        'quantity × unit value exceeds the largest amount (¥100 000 000): give the delivered value',
      );
    }
    return this.transition(
      ctx,
      id,
      'deliver',
      body.version,
      {
        deliveredOn: body.deliveredOn,
        deliveredValueFen: valueFen,
        ...(body.note ? { responseNote: body.note } : {}),
      },
      { deliveredOn: body.deliveredOn, valueFen },
      async (trx, ref, at) => {
        await this.resources.places.deliver(trx, ref.resourceId, quantity, at);
        await recordDelivery(
          trx,
          {
            id: this.p.ids(),
            jurisdictionId: ref.jurisdictionId,
            householdId: ref.householdId,
            route: 'referral',
            sourceId: ref.id,
            kind: ref.resourceKind,
            what: `${ref.resourceTitle}（${quantity}${ref.unit}）`,
            valueFen,
            givenByOrgId: ref.orgId,
            givenByName: ref.orgName,
            givenOn: body.deliveredOn,
            recordedBy: ctx.actor.userId,
            recordedOrgId: ctx.actor.orgId,
            reconciledAt: null,
            reconciledWith: null,
            createdAt: at,
          },
          { id: this.p.ids(), fromDate: body.deliveredOn },
        );
      },
    );
  }
}
