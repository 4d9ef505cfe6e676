import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  Assessment,
  Cause,
  HouseholdDetail,
  HouseholdQuery,
  HouseholdState,
  HouseholdSummary,
  RevealBody,
  RevisitHousehold,
  VerifyBody,
} from '../../../../contracts/assistance';
import { isUniqueViolation } from '../../../db/dialect';
import type { Database } from '../../../db/schema';
import {
  can,
  relationsFor,
  requireAction,
  requireRecord,
  type RecordScope,
} from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import {
  isValidIdNumber,
  isValidMobile,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../platform/personal-data/identity';
import { sha256Hex } from '../../../platform/personal-data/crypto';
import { maskIdTail } from '../../../platform/personal-data/mask';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { mayTransition, normalizeName, queryTokens } from '../core/household.policy';
import { chinaDate } from '../../../platform/clock';
import * as repo from '../core/household.repository';
import { revisitView } from '../core/revisit-view';
import type { ArchiveService } from '../archives/archive.service';
import { reconcileUrgentHelp } from '../core/ledger.repository';
import * as records from './verification.repository';

type Query = z.infer<typeof HouseholdQuery>;
type Reveal = z.infer<typeof RevealBody>;
type Verify = z.infer<typeof VerifyBody>;

/** Accepting a worker's own request that claims an ID number another household holds. */
export const sameIdNumber = () =>
  conflict(
    'household.same_id_number',
    'another household holds this ID number: decide the pair in the merge queue (merge) or close the request',
  );

const maskedId = maskIdTail;

export class HouseholdService {
  private archives!: ArchiveService;

  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly divisionName: (code: string) => string,
  ) {}

  /** The archive service and this one call each other; wired once in the module's index. */
  useArchives(archives: ArchiveService): void {
    this.archives = archives;
  }

  async scopeOf(h: repo.HouseholdRow): Promise<RecordScope> {
    const fed = await this.orgs.findScope(h.jurisdictionId);
    return {
      orgId: h.jurisdictionId,
      orgPath: fed?.orgPath ?? '',
      jurisdictionId: h.jurisdictionId,
      linkedOrgIds: await repo.linkedOrgIds(this.p.db, h.id),
    };
  }

  /**
   * What a return visit's form starts from, for those who screen and may read the household (a
   * volunteer's phone takes it along offline); its version is what the visit is based on.
   */
  async revisitHousehold(ctx: RequestContext, id: string): Promise<RevisitHousehold> {
    requireAction(ctx.actor, 'screening.create');
    const h = await this.getInScope(ctx, 'household.read', id);
    return revisitView(h, await repo.listMembers(this.p.db, id), this.divisionName);
  }

  /** The household if the actor may act on it; out of reach answers like missing (F-1). */
  async getInScope(ctx: RequestContext, action: Action, id: string): Promise<repo.HouseholdRow> {
    const h = await repo.findHousehold(this.p.db, id);
    const scope = h && h.state !== 'merged' ? await this.scopeOf(h) : undefined;
    requireRecord(ctx.actor, action, scope, 'household');
    return h!;
  }

  private summary(row: repo.HouseholdListRow): HouseholdSummary {
    return {
      id: row.id,
      headName: row.headName,
      idNumberMasked: maskedId(row.headIdTail),
      phoneMasked: row.phoneTail,
      divisionCode: row.divisionCode,
      divisionName: this.divisionName(row.divisionCode),
      addressDetail: row.addressDetail,
      situation: row.situation as HouseholdSummary['situation'],
      state: row.state as HouseholdState,
      category: row.category as HouseholdSummary['category'],
      archiveNo: row.archiveNo,
      archiveState: row.archiveState as HouseholdSummary['archiveState'],
      responsibleOrgName: row.responsibleOrgName,
      householdSize: row.householdSize,
      urgentOpen: Number(row.urgentOpen ?? 0),
      screenings: Number(row.screenings ?? 0),
      lastScreenedOn: row.lastScreenedOn,
    };
  }

  async queryHouseholds(ctx: RequestContext, query: Query) {
    const relations = requireAction(ctx.actor, 'household.read');
    if (query.idNumber && !isValidIdNumber(normalizeIdNumber(query.idNumber))) {
      throw invalid('household.bad_id_number', 'body.idNumber', 'not a valid ID number');
    }
    if (query.phone && !isValidMobile(query.phone)) {
      throw invalid('household.bad_phone', 'body.phone', 'not a mainland mobile number');
    }
    const filter = {
      ...query,
      qTokens: query.q ? queryTokens(query.q) : undefined,
      idBidx: query.idNumber ? this.p.blindIndex('id_number', normalizeIdNumber(query.idNumber)) : undefined,
      phoneBidx: query.phone ? this.p.blindIndex('phone', normalizeMobile(query.phone)) : undefined,
    };
    const page =
      filter.idBidx || filter.phoneBidx
        ? await this.identifierSearch(ctx, filter)
        : await repo.queryHouseholds(this.p.db, ctx.actor, relations, filter);
    return { ...page, items: page.items.map((r) => this.summary(r)) };
  }

  /**
   * A search by ID number or phone (issue 9 item 3, F-10): only roles holding
   * `household.search_identifier`, at most `identifierSearchesPerHour` per user (counted in the
   * database, so the limit holds across processes), and every one — refused, limited or run —
   * leaves one audit row with the query kind, a non-reversible reference to the value (never the
   * value) and whether it hit. The count, the search and its row commit together.
   */
  private async identifierSearch(ctx: RequestContext, filter: repo.HouseholdFilter) {
    const kinds = [filter.idBidx ? 'id_number' : null, filter.phoneBidx ? 'phone' : null].filter(
      (k): k is string => k !== null,
    );
    const details = {
      kinds,
      // A hash of the keyed blind index: the same value always gives the same reference (a run of
      // searches for different numbers shows as such), yet nothing here leads back to the number.
      refs: {
        ...(filter.idBidx ? { idNumber: sha256Hex(`audit-ref:${filter.idBidx}`).slice(0, 16) } : {}),
        ...(filter.phoneBidx ? { phone: sha256Hex(`audit-ref:${filter.phoneBidx}`).slice(0, 16) } : {}),
      },
    };
    const entry = { action: 'household.search_identifier', subjectType: 'household' };
    const field = filter.idBidx ? 'body.idNumber' : 'body.phone';
    const relations = relationsFor(ctx.actor, 'household.search_identifier');
    if (relations.size === 0) {
      await this.p.audit.record(this.p.db, auditContext(ctx), {
        ...entry,
        result: 'denied',
        details: { ...details, reason: 'no_purpose' },
      });
      throw new AppError(
        'household.search_identifier_forbidden',
        403,
        'your role may not search households by ID number or phone',
        { fields: [{ field, message: '您的角色不能按身份证号或手机号查找 / not permitted for your role' }] },
      );
    }
    const limit = this.p.config.identifierSearchesPerHour;
    const now = this.p.clock.now();
    const windowStart = `${now.toISOString().slice(0, 13)}:00:00.000Z`;
    const outcome = await this.p.db.transaction().execute(async (trx) => {
      const count = await repo.countIdentifierSearch(trx, ctx.actor.userId, windowStart);
      if (count > limit) {
        await this.p.audit.append(trx, auditContext(ctx), {
          ...entry,
          result: 'denied',
          details: { ...details, reason: 'limit', limit },
        });
        return null;
      }
      const page = await repo.queryHouseholds(trx, ctx.actor, relations, filter);
      await this.p.audit.append(trx, auditContext(ctx), {
        ...entry,
        ...(page.total === 1 && page.items[0] ? { subjectId: page.items[0].id } : {}),
        details: { ...details, hit: page.total > 0, matches: page.total, count, limit },
      });
      return page;
    });
    if (!outcome) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((new Date(windowStart).getTime() + 3_600_000 - now.getTime()) / 1000),
      );
      throw new AppError(
        'household.search_limited',
        429,
        `at most ${limit} searches by ID number or phone per hour`,
        {
          limit,
          retryAfterSeconds,
          fields: [{ field, message: `每小时最多按身份证号或手机号查找 ${limit} 次 / hourly limit reached` }],
        },
      );
    }
    return outcome;
  }

  /** One household's list row, without a permission filter: callers have checked the record. */
  async summaryById(id: string): Promise<HouseholdSummary> {
    const row = await repo.findListRow(this.p.db, id);
    if (!row) throw notFound('household');
    return this.summary(row);
  }

  async getHousehold(ctx: RequestContext, id: string): Promise<HouseholdDetail> {
    const h = await this.getInScope(ctx, 'household.read', id);
    const scope = await this.scopeOf(h);
    // Partners see their own organisation's notes; the federation sees all of them.
    const seesAllNotes =
      relationsFor(ctx.actor, 'household.read').has('jurisdiction') &&
      can(ctx.actor, 'household.manage', scope);
    const [members, needs, screenings, verifications, events] = await Promise.all([
      repo.listMembers(this.p.db, id),
      repo.listNeeds(this.p.db, id),
      repo.listScreenings(this.p.db, id),
      records.listVerifications(this.p.db, id),
      repo.listEvents(this.p.db, id),
    ]);
    const archive = await this.archives.findArchiveView(id);
    return {
      ...(await this.summaryById(id)),
      jurisdictionId: h.jurisdictionId,
      annualIncomeFen: Number(h.annualIncomeFen),
      rigidExpenseFen: Number(h.rigidExpenseFen),
      causes: JSON.parse(h.causes) as Cause[],
      suddenEvent: h.suddenEvent,
      closeReason: h.closeReason,
      members: members.map((m) => ({
        id: m.id,
        relation: m.relation as HouseholdDetail['members'][number]['relation'],
        name: m.name,
        idNumberMasked: maskedId(m.idTail),
        age: m.age,
        school: m.school,
        health: m.health,
        work: m.work,
        monthlyIncomeFen: m.monthlyIncomeFen === null ? null : Number(m.monthlyIncomeFen),
      })),
      needs: needs.map((n) => ({
        id: n.id,
        kind: n.kind as HouseholdDetail['needs'][number]['kind'],
        urgency: n.urgency as 'urgent' | 'normal',
        description: n.description,
        status: n.status as 'open' | 'solved',
        createdAt: n.createdAt,
        source: n.source === 'self_report' ? ('self_report' as const) : ('screening' as const),
        unverified: n.source === 'self_report' && n.acceptedAt === null,
      })),
      screeningList: screenings.map((s) => {
        const own = seesAllNotes || s.orgId === ctx.actor.orgId;
        const data = own ? (JSON.parse(this.p.cipher.decrypt(s.dataEnc)) as { leads?: string }) : {};
        return {
          id: s.id,
          orgId: s.orgId,
          orgName: s.orgName,
          screenerName: s.screenerName ?? '',
          method: s.method as HouseholdDetail['screeningList'][number]['method'],
          screenedOn: s.screenedOn,
          match: s.match,
          leads: own ? (data.leads ?? null) : null,
          leadsHidden: !own,
        };
      }),
      verifications: verifications.map((v) => ({
        id: v.id,
        verifiedOn: v.verifiedOn,
        homeVisit: v.homeVisit === 1,
        documents: JSON.parse(v.documents) as string[],
        incomeConsent: v.incomeConsent === 1,
        exclusions: JSON.parse(v.exclusions) as string[],
        migrantQualified: v.migrantQualified === null ? null : v.migrantQualified === 1,
        result: v.result as 'confirmed' | 'not_in_difficulty' | 'unreachable',
        noticeStart: v.noticeStart,
        noticeEnd: v.noticeEnd,
        noticeResult: v.noticeResult,
        notes: v.notes,
        createdAt: v.createdAt,
      })),
      archive,
      timeline: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        actorName: e.actorName,
        summary: JSON.parse(e.summary) as Record<string, unknown>,
      })),
      canReveal: can(ctx.actor, 'household.reveal', scope),
      version: h.version,
    };
  }

  /** Shows one ID number or phone in full: a permitted, audited act, never a list column. */
  async reveal(ctx: RequestContext, id: string, body: Reveal): Promise<{ value: string }> {
    const h = await this.getInScope(ctx, 'household.reveal', id);
    let enc: string | null = null;
    if (body.field === 'idNumber') enc = h.headIdEnc;
    if (body.field === 'phone') enc = h.phoneEnc;
    if (body.field === 'memberIdNumber') {
      if (!body.memberId) throw invalid('household.member_required', 'body.memberId', 'which member?');
      const m = await records.memberIdEnc(this.p.db, id, body.memberId);
      if (!m) throw invalid('household.member_unknown', 'body.memberId', 'no such member');
      enc = m.idEnc;
    }
    if (!enc) throw new AppError('household.nothing_to_reveal', 404, 'no value recorded');
    const value = this.p.cipher.decrypt(enc);
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'household.reveal',
        subjectType: 'household',
        subjectId: id,
        details: { field: body.field, memberId: body.memberId ?? null, reason: body.reason },
      }),
    );
    return { value };
  }

  async event(
    trx: Transaction<Database>,
    ctx: RequestContext,
    householdId: string,
    kind: string,
    summary: Record<string, unknown>,
  ) {
    await repo.recordEvent(trx, {
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

  private requireState(step: Parameters<typeof mayTransition>[0], h: repo.HouseholdRow): void {
    if (!mayTransition(step, h.state as HouseholdState)) {
      throw conflict(
        'household.wrong_state',
        `cannot ${step.replace('_', ' ')} a household that is ${h.state}`,
      );
    }
  }

  /** 核实: records how the cadre checked, corrects the figures, and moves the case to verifying. */
  async verifyHousehold(ctx: RequestContext, id: string, body: Verify): Promise<HouseholdDetail> {
    const h = await this.getInScope(ctx, 'household.manage', id);
    this.requireState('verify', h);
    if (body.noticeStart && body.noticeEnd && body.noticeEnd < body.noticeStart) {
      throw invalid('household.bad_notice_period', 'body.noticeEnd', 'the notice ends before it starts');
    }
    const at = this.p.clock.now().toISOString();
    // A worker's own request that a person now verifies: accepted, its keys back in the indexes.
    const accepting = h.state === 'unverified';
    await this.p.db
      .transaction()
      .execute(async (trx) => {
        const ok = await repo.updateHousehold(
          trx,
          id,
          {
            ...(accepting ? this.selfReportKeys(h) : {}),
            state: 'verifying',
            ...(body.householdSize ? { householdSize: body.householdSize } : {}),
            ...(body.annualIncomeFen !== undefined ? { annualIncomeFen: body.annualIncomeFen } : {}),
            ...(body.rigidExpenseFen !== undefined ? { rigidExpenseFen: body.rigidExpenseFen } : {}),
            ...(body.suddenEvent !== undefined ? { suddenEvent: body.suddenEvent || null } : {}),
            updatedAt: at,
          },
          body.version,
        );
        if (!ok) throw conflict('household.stale', 'the household was changed by someone else; reload it');
        if (accepting) await repo.acceptReports(trx, id, at);
        await records.insertVerification(trx, {
          id: this.p.ids(),
          householdId: id,
          verifierId: ctx.actor.userId,
          verifiedOn: body.verifiedOn,
          homeVisit: body.homeVisit ? 1 : 0,
          documents: JSON.stringify(body.documents),
          exclusions: JSON.stringify(body.exclusions ?? []),
          migrantQualified: body.migrantQualified === undefined ? null : body.migrantQualified ? 1 : 0,
          incomeConsent: body.incomeConsent ? 1 : 0,
          result: body.result,
          noticeStart: body.noticeStart ?? null,
          noticeEnd: body.noticeEnd ?? null,
          noticeResult: body.noticeResult ?? null,
          notes: body.notes ?? null,
          createdAt: at,
        });
        await this.event(trx, ctx, id, 'verified', {
          result: body.result,
          homeVisit: body.homeVisit,
          exclusions: body.exclusions ?? [],
        });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'household.verify',
          subjectType: 'household',
          subjectId: id,
          details: { result: body.result, ...(accepting ? { acceptedSelfReport: true } : {}) },
        });
      })
      .catch((err: unknown) => {
        if (accepting && isUniqueViolation(err)) throw sameIdNumber();
        throw err;
      });
    return this.getHousehold(ctx, id);
  }

  /**
   * The index keys a worker's own request was kept out of (ID number, phone and name), from its
   * encrypted fields: set when a person accepts it, so the unique ID-number index then decides.
   */
  selfReportKeys(h: repo.HouseholdRow): { headIdBidx: string | null; phoneNameKey: string | null } {
    const idNumber = h.headIdEnc ? this.p.cipher.decrypt(h.headIdEnc) : null;
    const phone = h.phoneEnc ? this.p.cipher.decrypt(h.phoneEnc) : null;
    return {
      headIdBidx: idNumber ? this.p.blindIndex('id_number', idNumber) : null,
      phoneNameKey: phone ? this.p.blindIndex('phone_name', `${phone}|${normalizeName(h.headName)}`) : null,
    };
  }

  /** The archive calculator on this household's figures, with its working. */
  async assessHousehold(ctx: RequestContext, id: string): Promise<Assessment> {
    const h = await this.getInScope(ctx, 'household.read', id);
    return this.archives.assessRow(h, chinaDate(this.p.clock.now()));
  }

  async setBelowStandard(ctx: RequestContext, id: string, version: number, reason: string) {
    return this.changeState(
      ctx,
      id,
      version,
      'below_standard',
      'assisted_below_standard',
      reason,
      'household.below_standard',
    );
  }

  async closeHousehold(ctx: RequestContext, id: string, version: number, reason: string) {
    return this.changeState(ctx, id, version, 'close', 'closed', reason, 'household.close');
  }

  async reopenHousehold(ctx: RequestContext, id: string, version: number, reason: string) {
    // A worker's own request closed before a person accepted it waits for a person again.
    const waiting = await repo.hasUnverifiedScreening(this.p.db, id);
    return this.changeState(
      ctx,
      id,
      version,
      'reopen',
      waiting ? 'unverified' : 'screened',
      reason,
      'household.reopen',
    );
  }

  private async changeState(
    ctx: RequestContext,
    id: string,
    version: number,
    step: Parameters<typeof mayTransition>[0],
    to: HouseholdState,
    reason: string,
    action: string,
  ): Promise<HouseholdDetail> {
    const h = await this.getInScope(ctx, 'household.manage', id);
    this.requireState(step, h);
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateHousehold(
        trx,
        id,
        {
          state: to,
          closeReason: to === 'closed' ? reason : null,
          updatedAt: this.p.clock.now().toISOString(),
        },
        version,
      );
      if (!ok) throw conflict('household.stale', 'the household was changed by someone else; reload it');
      await this.event(trx, ctx, id, step === 'reopen' ? 'reopened' : to, { reason });
      // Urgent help given before this decision is settled against it.
      if (to === 'assisted_below_standard' || to === 'closed') {
        await reconcileUrgentHelp(
          trx,
          id,
          to === 'closed' ? 'closed' : 'below_standard',
          this.p.clock.now().toISOString(),
        );
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action,
        subjectType: 'household',
        subjectId: id,
        details: { reason },
      });
    });
    return this.getHousehold(ctx, id);
  }
}
