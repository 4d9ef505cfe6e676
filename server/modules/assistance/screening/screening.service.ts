import type { z } from 'zod';
import type {
  DraftBody,
  ScreeningForm,
  SubmitResult,
  SubmitScreeningBody,
} from '../../../../contracts/assistance';
import { isUniqueViolation } from '../../../db/dialect';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import { requireAction } from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound, type FieldIssue } from '../../../platform/errors';
import {
  isValidIdNumber,
  isValidMobile,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../platform/personal-data/identity';
import { maskPhone } from '../../../platform/personal-data/mask';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import type { AllianceService } from '../alliance/alliance.service';
import { normalizeName, searchTokens, takesScreeningUpdates } from '../core/household.policy';
import * as repo from '../core/household.repository';
import { revisitView } from '../core/revisit-view';
import { countPendingCandidates } from './merge.repository';
import * as screeningRepo from './screening.repository';
import type { HouseholdState } from '../../../../contracts/assistance';

type Form = z.infer<typeof ScreeningForm>;
type Submit = z.infer<typeof SubmitScreeningBody>;
type DraftForm = z.infer<typeof DraftBody>['form'];
type Result = z.infer<typeof SubmitResult>;
type Executor = Kysely<Database>;

/** Checks what zod cannot: ID checksums, mobile numbers, places and campaigns that exist. */
function checkForm(form: Form, prefix: string, divisionExists: (code: string) => boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (form.idNumber && !isValidIdNumber(normalizeIdNumber(form.idNumber))) {
    issues.push({
      field: `${prefix}.idNumber`,
      message: 'not a valid ID number (GB 11643 checksum)',
      code: 'id_number',
    });
  }
  if (form.phone && !isValidMobile(form.phone)) {
    issues.push({ field: `${prefix}.phone`, message: 'not a mainland mobile number', code: 'mobile' });
  }
  form.members.forEach((m, i) => {
    if (m.idNumber && !isValidIdNumber(normalizeIdNumber(m.idNumber))) {
      issues.push({
        field: `${prefix}.members.${i}.idNumber`,
        message: 'not a valid ID number',
        code: 'id_number',
      });
    }
  });
  if (!divisionExists(form.divisionCode)) {
    issues.push({
      field: `${prefix}.divisionCode`,
      message: 'unknown administrative division code',
      code: 'division',
    });
  }
  if (form.householdSize < form.members.length + 1) {
    issues.push({
      field: `${prefix}.householdSize`,
      message: 'smaller than the head plus the members listed',
    });
  }
  return issues;
}

/**
 * What a draft's audit row says about it: which parts were filled in and how many members and
 * needs — never the values (a draft holds ID numbers and phones, F-10).
 */
function draftAuditDetails(form: DraftForm, version: number): Record<string, unknown> {
  const f = form as Record<string, unknown>;
  const filled = Object.keys(f)
    .filter((k) => {
      const v = f[k];
      return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    })
    .sort();
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return { version, fields: filled, members: count(f.members), needs: count(f.needs) };
}

export class ScreeningService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly alliance: AllianceService,
    private readonly divisionExists: (code: string) => boolean,
    /** The household a return visit names, if the actor may read it (else 404, as missing). */
    private readonly householdInReach: (ctx: RequestContext, id: string) => Promise<unknown>,
  ) {}

  // ---- drafts: saved with little data, from a phone on a bad line ----

  async saveDraft(
    ctx: RequestContext,
    form: DraftForm,
  ): Promise<{ id: string; version: number; updatedAt: string; form: DraftForm }> {
    requireAction(ctx.actor, 'screening.create');
    const id = this.p.ids();
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertScreening(trx, {
        id,
        jurisdictionId: ctx.actor.jurisdictionId,
        householdId: null,
        orgId: ctx.actor.orgId,
        screenerId: ctx.actor.userId,
        campaignId: null,
        clientRef: null,
        status: 'draft',
        method: form.method ?? 'home_visit',
        screenedOn: form.screenedOn ?? at.slice(0, 10),
        divisionCode: null,
        headName: null,
        match: null,
        dataEnc: this.p.cipher.encrypt(JSON.stringify(form)),
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'screening.draft_save',
        subjectType: 'screening',
        subjectId: id,
        details: draftAuditDetails(form, 1),
      });
    });
    return { id, version: 1, updatedAt: at, form };
  }

  private async ownDraft(ctx: RequestContext, id: string) {
    const row = await repo.findScreening(this.p.db, id);
    if (!row || row.status !== 'draft' || row.screenerId !== ctx.actor.userId) throw notFound('draft');
    return row;
  }

  async updateDraft(ctx: RequestContext, id: string, version: number, form: DraftForm) {
    requireAction(ctx.actor, 'screening.create');
    await this.ownDraft(ctx, id);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateDraft(trx, id, version, this.p.cipher.encrypt(JSON.stringify(form)), at);
      if (!ok) throw conflict('draft.stale', 'the draft was saved elsewhere; reload it');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'screening.draft_update',
        subjectType: 'screening',
        subjectId: id,
        details: draftAuditDetails(form, version + 1),
      });
    });
    return { id, version: version + 1, updatedAt: at, form };
  }

  async listDrafts(ctx: RequestContext) {
    requireAction(ctx.actor, 'screening.create');
    const rows = await repo.listDrafts(this.p.db, ctx.actor.userId);
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      updatedAt: r.updatedAt,
      form: JSON.parse(this.p.cipher.decrypt(r.dataEnc)) as Record<string, unknown>,
    }));
  }

  async discardDraft(ctx: RequestContext, id: string): Promise<void> {
    requireAction(ctx.actor, 'screening.create');
    await this.ownDraft(ctx, id);
    await this.p.db.transaction().execute(async (trx) => {
      // Only the screener's own draft, and only while it is one: a draft submitted meanwhile stays.
      const gone = await repo.deleteDraft(trx, id, ctx.actor.userId);
      if (!gone) throw notFound('draft');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'screening.draft_discard',
        subjectType: 'screening',
        subjectId: id,
      });
    });
  }

  // ---- submit: one household however often screened ----

  async submitScreening(ctx: RequestContext, body: Submit): Promise<Result> {
    requireAction(ctx.actor, 'screening.create');
    return this.recordScreening(ctx, body);
  }

  /**
   * The one path every screening takes — a partner's form, an import row, a worker's own request
   * (`via`). Callers have checked who may record it.
   */
  async recordScreening(ctx: RequestContext, body: Submit, opts: { via?: string } = {}): Promise<Result> {
    const form = body.form;
    // Out of reach looks like missing, before anything of the form is judged.
    if (body.revisit) {
      // A household merged into another since the phone fetched it: the one it now is.
      const now = await this.survivorOf(this.p.db, body.revisit.householdId);
      await this.householdInReach(ctx, now?.id ?? body.revisit.householdId);
    }
    const issues = checkForm(form, 'body.form', this.divisionExists);
    if (issues.length)
      throw new AppError('screening.invalid', 422, 'The screening is not valid', { fields: issues });
    if (form.campaignId) {
      const campaign = await screeningRepo.campaignJurisdiction(this.p.db, form.campaignId);
      if (campaign?.jurisdictionId !== ctx.actor.jurisdictionId) {
        throw invalid('screening.campaign_unknown', 'body.form.campaignId', 'no such campaign');
      }
    }
    // A retry after a lost answer returns the first result, even though its draft is gone by now.
    if (body.clientRef) {
      const done = await repo.findScreeningByClientRef(this.p.db, ctx.actor.orgId, body.clientRef);
      if (done?.householdId) return this.resultOf(done.id, done.householdId, done.match);
    }
    if (body.draftId) await this.ownDraft(ctx, body.draftId);
    try {
      const done = await this.p.db
        .transaction()
        .execute((trx) => this.recordInTransaction(trx, ctx, body, opts.via));
      return this.resultOf(done.screeningId, done.householdId, done.match);
    } catch (err) {
      // A retry that raced its own first attempt: return what the first one did.
      if (body.clientRef && isUniqueViolation(err)) {
        const done = await repo.findScreeningByClientRef(this.p.db, ctx.actor.orgId, body.clientRef);
        if (done?.householdId) return this.resultOf(done.id, done.householdId, done.match);
      }
      throw err;
    }
  }

  /** The household an id names now: itself, or the one it was merged into (followed to the end). */
  private async survivorOf(db: Executor, id: string) {
    let h = await repo.findHousehold(db, id);
    for (let hops = 0; h?.state === 'merged' && h.mergedIntoId && hops < 20; hops++) {
      h = await repo.findHousehold(db, h.mergedIntoId);
    }
    return h;
  }

  /**
   * A return visit based on an older version of its household (someone else changed it, or it
   * was merged): refused with the household as it is now, for the screener to compare field by
   * field and send again on the new version. Nothing of the visit is written.
   */
  private async changedSince(trx: Executor, h: repo.HouseholdRow): Promise<AppError> {
    const current = revisitView(h, await repo.listMembers(trx, h.id), this.orgs.divisionName);
    return new AppError(
      'screening.household_changed',
      409,
      'The household changed since this visit was started; compare and send again',
      { current },
    );
  }

  private async resultOf(screeningId: string, householdId: string, match: string | null): Promise<Result> {
    const h = await repo.findHousehold(this.p.db, householdId);
    const org = h?.responsibleOrgId ? await this.orgs.findScope(h.responsibleOrgId) : undefined;
    const near = await countPendingCandidates(this.p.db, householdId);
    return {
      screeningId,
      householdId,
      match: (match ?? 'new') as Result['match'],
      nearMatches: near,
      responsibleOrgId: h?.responsibleOrgId ?? null,
      responsibleOrgName: org?.name ?? null,
    };
  }

  /** What zod cannot check in a form (ID checksums, mobiles, places), with fields under `prefix`. */
  checkScreening(form: Form, prefix: string): FieldIssue[] {
    return checkForm(form, prefix, this.divisionExists);
  }

  /**
   * Records one screening inside the caller's transaction (an import writes thousands in one).
   * Everything inside reads and writes through `trx` only: on SQLite the transaction holds the one
   * connection, so a query on `p.db` here would wait for itself.
   */
  async recordInTransaction(
    trx: Transaction<Database>,
    ctx: RequestContext,
    body: Submit,
    via: string | undefined,
  ): Promise<{ screeningId: string; householdId: string; match: Result['match'] }> {
    const { p } = this;
    const form = body.form;
    const jurisdictionId = ctx.actor.jurisdictionId;
    const at = p.clock.now().toISOString();
    const idNumber = form.idNumber ? normalizeIdNumber(form.idNumber) : null;
    const phone = form.phone ? normalizeMobile(form.phone) : null;
    const name = normalizeName(form.headName);
    const idBidx = idNumber ? p.blindIndex('id_number', idNumber) : null;
    const phoneNameKey = phone ? p.blindIndex('phone_name', `${phone}|${name}`) : null;
    const addressKey = p.blindIndex(
      'address_name',
      `${name}|${form.divisionCode}|${normalizeName(form.addressDetail)}`,
    );

    // 1. Find the household: the one a return visit names (at the version it is based on), or
    // the ID number first, then phone + name; else a new one.
    let match: Result['match'] = 'new';
    let household: repo.HouseholdRow | undefined;
    if (body.revisit) {
      household = await this.survivorOf(trx, body.revisit.householdId);
      if (!household || household.jurisdictionId !== jurisdictionId) throw notFound('household');
      if (household.id !== body.revisit.householdId || household.version !== body.revisit.version) {
        throw await this.changedSince(trx, household);
      }
      if (idBidx && household.headIdBidx && household.headIdBidx !== idBidx) {
        throw new AppError('screening.invalid', 422, 'The screening is not valid', {
          fields: [
            {
              field: 'body.form.idNumber',
              message: "not this household's ID number",
              code: 'revisit_id_number',
            },
          ],
        });
      }
      match = 'revisit';
    }
    if (!household && idBidx) household = await repo.findByIdNumber(trx, jurisdictionId, idBidx);
    if (household && match === 'new') match = 'id_number';
    if (!household && phoneNameKey) {
      const byPhone = await repo.findByPhoneName(trx, jurisdictionId, phoneNameKey);
      // The same phone and name but a different ID number is another person.
      if (byPhone && (!idBidx || !byPhone.headIdBidx)) {
        household = byPhone;
        match = 'phone_name';
      }
    }
    const fields = {
      headName: form.headName,
      phoneEnc: phone ? p.cipher.encrypt(phone) : null,
      phoneBidx: phone ? p.blindIndex('phone', phone) : null,
      phoneTail: phone ? maskPhone(phone) : null,
      phoneNameKey,
      addressKey,
      divisionCode: form.divisionCode,
      addressDetail: form.addressDetail,
      situation: form.situation,
      householdSize: form.householdSize,
      annualIncomeFen: form.annualIncomeFen,
      rigidExpenseFen: form.rigidExpenseFen,
      causes: JSON.stringify(form.causes),
      suddenEvent: form.suddenEvent ?? null,
    };
    const idFields = idNumber
      ? { headIdEnc: p.cipher.encrypt(idNumber), headIdBidx: idBidx, headIdTail: idNumber.slice(-4) }
      : {};
    let routed: { orgId: string; orgName: string } | null = null;
    let created = false;
    if (!household) {
      routed = await this.alliance.routeHousehold(trx, {
        jurisdictionId,
        situation: form.situation,
        screeningOrgId: ctx.actor.orgId,
      });
      const id = p.ids();
      created = await repo.insertHouseholdIfAbsent(trx, {
        id,
        jurisdictionId,
        state: 'screened',
        ...fields,
        headIdEnc: null,
        headIdBidx: null,
        headIdTail: null,
        ...idFields,
        responsibleOrgId: routed?.orgId ?? null,
        category: null,
        closeReason: null,
        mergedIntoId: null,
        firstScreenedOn: form.screenedOn,
        lastScreenedOn: form.screenedOn,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      // Lost the race to another screening of the same ID number: that household is this one.
      household = created
        ? await repo.findHousehold(trx, id)
        : await repo.findByIdNumber(trx, jurisdictionId, idBidx!);
      if (!created) {
        match = 'id_number';
        routed = null;
      }
    }
    if (!created) {
      // This update also takes the household's row lock: two screenings of one household
      // serialise here, so members and search tokens are never rebuilt by both at once.
      const known = household!;
      const refresh = takesScreeningUpdates(known.state as HouseholdState);
      // A return visit that leaves the phone out keeps the household's (the screener saw it masked).
      const keepPhone = match === 'revisit' && !phone;
      const { phoneEnc, phoneBidx, phoneTail, phoneNameKey: _key, ...rest } = fields;
      const changes = keepPhone ? rest : { ...rest, phoneEnc, phoneBidx, phoneTail, phoneNameKey: _key };
      const ok = await repo.updateHousehold(
        trx,
        known.id,
        {
          ...(refresh ? changes : {}),
          ...(idNumber && !known.headIdBidx ? idFields : {}),
          lastScreenedOn: form.screenedOn > known.lastScreenedOn ? form.screenedOn : known.lastScreenedOn,
          updatedAt: at,
        },
        // A return visit writes only over the version it was based on (the database decides).
        match === 'revisit' ? body.revisit!.version : undefined,
      );
      if (!ok) throw await this.changedSince(trx, (await repo.findHousehold(trx, known.id))!);
      household = await repo.findHousehold(trx, known.id);
    }
    const h = household!;
    const isNew = match === 'new';

    // 2. Members: a new household takes them; a known one is refreshed while still only screened.
    if (isNew || takesScreeningUpdates(h.state as HouseholdState)) {
      if (isNew || form.members.length > 0) {
        // A return visit's members came to the phone without their ID numbers (masked): a member
        // the visit keeps (same name and relation) keeps the ID number on record.
        const before =
          match === 'revisit'
            ? new Map((await repo.listMembers(trx, h.id)).map((m) => [`${m.relation}|${m.name}`, m]))
            : new Map<string, never>();
        await repo.replaceMembers(
          trx,
          h.id,
          form.members.map((m, i) => {
            const mid = m.idNumber ? normalizeIdNumber(m.idNumber) : null;
            const kept = mid ? undefined : before.get(`${m.relation}|${m.name}`);
            return {
              id: p.ids(),
              householdId: h.id,
              sort: i,
              relation: m.relation,
              name: m.name,
              idEnc: mid ? p.cipher.encrypt(mid) : (kept?.idEnc ?? null),
              idTail: mid ? mid.slice(-4) : (kept?.idTail ?? null),
              age: m.age ?? null,
              school: m.school ?? null,
              health: m.health ?? null,
              work: m.work ?? null,
              monthlyIncomeFen: m.monthlyIncomeFen ?? null,
            };
          }),
        );
      }
    }

    // 3. The screening itself, its needs and who is linked to the household.
    const screeningId = body.draftId ?? p.ids();
    const screening = {
      jurisdictionId,
      householdId: h.id,
      orgId: ctx.actor.orgId,
      screenerId: ctx.actor.userId,
      campaignId: form.campaignId ?? null,
      clientRef: body.clientRef ?? null,
      status: 'submitted',
      method: form.method,
      screenedOn: form.screenedOn,
      divisionCode: form.divisionCode,
      headName: form.headName,
      match,
      dataEnc: p.cipher.encrypt(JSON.stringify(form)),
      updatedAt: at,
    };
    if (body.draftId) {
      await screeningRepo.submitDraft(trx, body.draftId, screening);
    } else {
      await repo.insertScreening(trx, { id: screeningId, ...screening, createdAt: at, version: 1 });
    }
    await repo.insertNeeds(
      trx,
      form.needs.map((n) => ({
        id: p.ids(),
        householdId: h.id,
        screeningId,
        kind: n.kind,
        urgency: n.urgency,
        description: n.description,
        status: 'open',
        createdAt: at,
        solvedAt: null,
      })),
    );
    await repo.linkOrg(trx, h.id, ctx.actor.orgId, 'screened', at);
    if (routed) await repo.linkOrg(trx, h.id, routed.orgId, 'routed', at);

    // 4. Near matches (same name, same address, not provably the same person) wait for a person.
    const near = await repo.nearMatches(trx, jurisdictionId, addressKey, h.id);
    for (const other of near) {
      await repo.insertMergeCandidate(trx, {
        id: p.ids(),
        jurisdictionId,
        a: h.id,
        b: other,
        reason: 'same_name_address',
        at,
      });
    }

    const fresh = (await repo.findHousehold(trx, h.id))!;
    const members = await repo.listMembers(trx, h.id);
    await repo.replaceTokens(
      trx,
      h.id,
      searchTokens(fresh.headName, fresh.addressDetail, ...members.map((m) => m.name)),
    );
    await repo.recordEvent(trx, {
      id: p.ids(),
      householdId: h.id,
      at,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      kind: 'screened',
      summary: JSON.stringify({
        method: form.method,
        match,
        needs: form.needs.length,
        urgent: form.needs.filter((n) => n.urgency === 'urgent').length,
        ...(routed ? { routedTo: routed.orgName } : {}),
        ...(via ? { via } : {}),
      }),
    });
    // An import writes one `screening.import` row for the whole workbook instead: a row per
    // screening would hold the audit chain's lock for the length of a 20,000-row transaction.
    if (via !== 'import') {
      await p.audit.append(trx, auditContext(ctx), {
        action: 'screening.submit',
        subjectType: 'household',
        subjectId: h.id,
        details: { screeningId, match, nearMatches: near.length, ...(via ? { via } : {}) },
      });
    }
    return { screeningId, householdId: h.id, match };
  }

  /**
   * A worker's own request (no account), inside the caller's transaction. It never touches an
   * existing household: it writes a new `unverified` household — the claimed ID number kept
   * encrypted but out of the unique index, no phone-and-name key, so no later screening attaches
   * to it by itself — with an `unverified` screening (remembering the reporting phone) and
   * self-reported needs. Every household it looks like (the same ID number, phone and name, or
   * name and address) becomes a `self_report` pair in the merge queue, for a person to decide.
   */
  async recordSelfReportInTransaction(
    trx: Transaction<Database>,
    ctx: RequestContext,
    form: Form,
    reporterPhoneBidx: string,
    clientRef: string | null = null,
  ): Promise<string> {
    const { p } = this;
    const jurisdictionId = ctx.actor.jurisdictionId;
    const at = p.clock.now().toISOString();
    const idNumber = form.idNumber ? normalizeIdNumber(form.idNumber) : null;
    const phone = form.phone ? normalizeMobile(form.phone) : null;
    const name = normalizeName(form.headName);
    const addressKey = p.blindIndex(
      'address_name',
      `${name}|${form.divisionCode}|${normalizeName(form.addressDetail)}`,
    );
    const routed = await this.alliance.routeHousehold(trx, {
      jurisdictionId,
      situation: form.situation,
      screeningOrgId: ctx.actor.orgId,
    });
    const householdId = p.ids();
    await repo.insertHouseholdIfAbsent(trx, {
      id: householdId,
      jurisdictionId,
      state: 'unverified',
      headName: form.headName,
      headIdEnc: idNumber ? p.cipher.encrypt(idNumber) : null,
      headIdBidx: null,
      headIdTail: idNumber ? idNumber.slice(-4) : null,
      phoneEnc: phone ? p.cipher.encrypt(phone) : null,
      phoneBidx: phone ? p.blindIndex('phone', phone) : null,
      phoneTail: phone ? maskPhone(phone) : null,
      phoneNameKey: null,
      addressKey,
      divisionCode: form.divisionCode,
      addressDetail: form.addressDetail,
      situation: form.situation,
      householdSize: form.householdSize,
      annualIncomeFen: form.annualIncomeFen,
      rigidExpenseFen: form.rigidExpenseFen,
      causes: JSON.stringify(form.causes),
      suddenEvent: form.suddenEvent ?? null,
      responsibleOrgId: routed?.orgId ?? null,
      category: null,
      closeReason: null,
      mergedIntoId: null,
      firstScreenedOn: form.screenedOn,
      lastScreenedOn: form.screenedOn,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await repo.replaceMembers(
      trx,
      householdId,
      form.members.map((m, i) => {
        const mid = m.idNumber ? normalizeIdNumber(m.idNumber) : null;
        return {
          id: p.ids(),
          householdId,
          sort: i,
          relation: m.relation,
          name: m.name,
          idEnc: mid ? p.cipher.encrypt(mid) : null,
          idTail: mid ? mid.slice(-4) : null,
          age: m.age ?? null,
          school: m.school ?? null,
          health: m.health ?? null,
          work: m.work ?? null,
          monthlyIncomeFen: m.monthlyIncomeFen ?? null,
        };
      }),
    );
    const screeningId = p.ids();
    await repo.insertScreening(trx, {
      id: screeningId,
      jurisdictionId,
      householdId,
      orgId: ctx.actor.orgId,
      screenerId: ctx.actor.userId,
      campaignId: null,
      clientRef,
      status: 'unverified',
      method: form.method,
      screenedOn: form.screenedOn,
      divisionCode: form.divisionCode,
      headName: form.headName,
      match: 'new',
      dataEnc: p.cipher.encrypt(JSON.stringify(form)),
      reporterPhoneBidx,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await repo.insertNeeds(
      trx,
      form.needs.map((n) => ({
        id: p.ids(),
        householdId,
        screeningId,
        kind: n.kind,
        urgency: n.urgency,
        description: n.description,
        status: 'open',
        source: 'self_report',
        acceptedAt: null,
        createdAt: at,
        solvedAt: null,
      })),
    );
    await repo.linkOrg(trx, householdId, ctx.actor.orgId, 'screened', at);
    if (routed) await repo.linkOrg(trx, householdId, routed.orgId, 'routed', at);

    // Who it may be: each a pair for a person, never a write to the other household.
    const alike = new Set<string>();
    if (idNumber) {
      const byId = await repo.findByIdNumber(trx, jurisdictionId, p.blindIndex('id_number', idNumber));
      if (byId && byId.state !== 'merged') alike.add(byId.id);
    }
    if (phone) {
      const byPhone = await repo.findByPhoneName(
        trx,
        jurisdictionId,
        p.blindIndex('phone_name', `${phone}|${name}`),
      );
      if (byPhone) alike.add(byPhone.id);
    }
    for (const other of await repo.nearMatches(trx, jurisdictionId, addressKey, householdId))
      alike.add(other);
    for (const other of alike) {
      await repo.insertMergeCandidate(trx, {
        id: p.ids(),
        jurisdictionId,
        a: householdId,
        b: other,
        reason: 'self_report',
        at,
      });
    }
    await repo.replaceTokens(
      trx,
      householdId,
      searchTokens(form.headName, form.addressDetail, ...form.members.map((m) => m.name)),
    );
    await repo.recordEvent(trx, {
      id: p.ids(),
      householdId,
      at,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      kind: 'screened',
      summary: JSON.stringify({
        method: form.method,
        match: 'new',
        needs: form.needs.length,
        urgent: form.needs.filter((n) => n.urgency === 'urgent').length,
        ...(routed ? { routedTo: routed.orgName } : {}),
        via: 'self_report',
        unverified: true,
      }),
    });
    await p.audit.append(trx, auditContext(ctx), {
      action: 'screening.submit',
      subjectType: 'household',
      subjectId: householdId,
      details: { screeningId, match: 'new', nearMatches: alike.size, via: 'self_report', unverified: true },
    });
    return screeningId;
  }

  /**
   * Records an import's screenings inside the caller's transaction, in order, each with the
   * outcome `recordInTransaction(trx, ctx, item, 'import')` would give it. A row whose person may
   * already be known — its ID number, its phone and name, or its name and address held by a
   * household in the database or by an earlier row — goes through `recordInTransaction` itself
   * (after everything before it is written). The others are new households with nothing to match
   * and no near match: the same rows, written with multi-row inserts, `batch` rows at a time.
   * `onRow` is called as each row is settled.
   */
  async recordImportInTransaction(
    trx: Transaction<Database>,
    ctx: RequestContext,
    items: { form: Form; clientRef: string }[],
    onRow: () => void = () => undefined,
    batch = 500,
  ): Promise<void> {
    const { p } = this;
    const jurisdictionId = ctx.actor.jurisdictionId;
    // Routing reads the alliance's rules and organisations, which an import never changes.
    const routes = new Map<string, Promise<{ orgId: string; orgName: string } | null>>();
    const route = (situation: Form['situation']) => {
      let r = routes.get(situation);
      if (!r) {
        r = this.alliance.routeHousehold(trx, { jurisdictionId, situation, screeningOrgId: ctx.actor.orgId });
        routes.set(situation, r);
      }
      return r;
    };
    // Keys of every row settled so far in this import (either path).
    const seen = new Set<string>();

    for (let start = 0; start < items.length; start += batch) {
      const chunk = items.slice(start, start + batch).map((item) => {
        const form = item.form;
        const idNumber = form.idNumber ? normalizeIdNumber(form.idNumber) : null;
        const phone = form.phone ? normalizeMobile(form.phone) : null;
        const name = normalizeName(form.headName);
        return {
          item,
          idNumber,
          phone,
          idBidx: idNumber ? p.blindIndex('id_number', idNumber) : null,
          phoneNameKey: phone ? p.blindIndex('phone_name', `${phone}|${name}`) : null,
          addressKey: p.blindIndex(
            'address_name',
            `${name}|${form.divisionCode}|${normalizeName(form.addressDetail)}`,
          ),
        };
      });
      const known = await repo.knownHouseholdKeys(trx, jurisdictionId, {
        idBidx: chunk.flatMap((c) => (c.idBidx ? [c.idBidx] : [])),
        phoneNameKey: chunk.flatMap((c) => (c.phoneNameKey ? [c.phoneNameKey] : [])),
        addressKey: chunk.map((c) => c.addressKey),
      });
      let pending: typeof chunk = [];
      for (const c of chunk) {
        const keys = [c.idBidx, c.phoneNameKey, c.addressKey].filter((k): k is string => k !== null);
        if (keys.some((k) => known.has(k) || seen.has(k))) {
          await this.writeNewHouseholds(trx, ctx, pending, route, onRow);
          pending = [];
          await this.recordInTransaction(trx, ctx, c.item, 'import');
          onRow();
        } else {
          pending.push(c);
        }
        for (const k of keys) seen.add(k);
      }
      await this.writeNewHouseholds(trx, ctx, pending, route, onRow);
    }
  }

  /** `recordInTransaction` for rows known to be new households without near matches, in bulk. */
  private async writeNewHouseholds(
    trx: Transaction<Database>,
    ctx: RequestContext,
    rows: {
      item: { form: Form; clientRef: string };
      idNumber: string | null;
      phone: string | null;
      idBidx: string | null;
      phoneNameKey: string | null;
      addressKey: string;
    }[],
    route: (situation: Form['situation']) => Promise<{ orgId: string; orgName: string } | null>,
    onRow: () => void,
  ): Promise<void> {
    if (rows.length === 0) return;
    const { p } = this;
    const jurisdictionId = ctx.actor.jurisdictionId;
    const built = [];
    for (const { item, idNumber, phone, idBidx, phoneNameKey, addressKey } of rows) {
      const form = item.form;
      const at = p.clock.now().toISOString();
      const routed = await route(form.situation);
      const household = {
        id: p.ids(),
        jurisdictionId,
        state: 'screened',
        headName: form.headName,
        phoneEnc: phone ? p.cipher.encrypt(phone) : null,
        phoneBidx: phone ? p.blindIndex('phone', phone) : null,
        phoneTail: phone ? maskPhone(phone) : null,
        phoneNameKey,
        addressKey,
        divisionCode: form.divisionCode,
        addressDetail: form.addressDetail,
        situation: form.situation,
        householdSize: form.householdSize,
        annualIncomeFen: form.annualIncomeFen,
        rigidExpenseFen: form.rigidExpenseFen,
        causes: JSON.stringify(form.causes),
        suddenEvent: form.suddenEvent ?? null,
        headIdEnc: idNumber ? p.cipher.encrypt(idNumber) : null,
        headIdBidx: idBidx,
        headIdTail: idNumber ? idNumber.slice(-4) : null,
        responsibleOrgId: routed?.orgId ?? null,
        category: null,
        closeReason: null,
        mergedIntoId: null,
        firstScreenedOn: form.screenedOn,
        lastScreenedOn: form.screenedOn,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      const members = form.members.map((m, i) => {
        const mid = m.idNumber ? normalizeIdNumber(m.idNumber) : null;
        return {
          id: p.ids(),
          householdId: household.id,
          sort: i,
          relation: m.relation,
          name: m.name,
          idEnc: mid ? p.cipher.encrypt(mid) : null,
          idTail: mid ? mid.slice(-4) : null,
          age: m.age ?? null,
          school: m.school ?? null,
          health: m.health ?? null,
          work: m.work ?? null,
          monthlyIncomeFen: m.monthlyIncomeFen ?? null,
        };
      });
      const screening = {
        id: p.ids(),
        jurisdictionId,
        householdId: household.id,
        orgId: ctx.actor.orgId,
        screenerId: ctx.actor.userId,
        campaignId: form.campaignId ?? null,
        clientRef: item.clientRef,
        status: 'submitted',
        method: form.method,
        screenedOn: form.screenedOn,
        divisionCode: form.divisionCode,
        headName: form.headName,
        match: 'new',
        dataEnc: p.cipher.encrypt(JSON.stringify(form)),
        updatedAt: at,
        createdAt: at,
        version: 1,
      };
      const needs = form.needs.map((n) => ({
        id: p.ids(),
        householdId: household.id,
        screeningId: screening.id,
        kind: n.kind,
        urgency: n.urgency,
        description: n.description,
        status: 'open',
        createdAt: at,
        solvedAt: null,
      }));
      const links = [
        { householdId: household.id, orgId: ctx.actor.orgId, link: 'screened' as const, createdAt: at },
        ...(routed
          ? [{ householdId: household.id, orgId: routed.orgId, link: 'routed' as const, createdAt: at }]
          : []),
      ];
      const tokens = searchTokens(form.headName, form.addressDetail, ...form.members.map((m) => m.name)).map(
        (token) => ({ token, householdId: household.id }),
      );
      const event = {
        id: p.ids(),
        householdId: household.id,
        at,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        orgId: ctx.actor.orgId,
        kind: 'screened',
        summary: JSON.stringify({
          method: form.method,
          match: 'new',
          needs: form.needs.length,
          urgent: form.needs.filter((n) => n.urgency === 'urgent').length,
          ...(routed ? { routedTo: routed.orgName } : {}),
          via: 'import',
        }),
      };
      built.push({ item, household, members, screening, needs, links, tokens, event });
    }

    // The unique ID-number index decides, as in `insertHouseholdIfAbsent`: a household another
    // transaction committed meanwhile makes its row take the one-row path below.
    const inserted = await repo.insertHouseholdsIfAbsent(
      trx,
      built.map((b) => b.household),
    );
    const won = built.filter((b) => inserted.has(b.household.id));
    await repo.insertMembers(
      trx,
      won.flatMap((b) => b.members),
    );
    await repo.insertScreenings(
      trx,
      won.map((b) => b.screening),
    );
    await repo.insertManyNeeds(
      trx,
      won.flatMap((b) => b.needs),
    );
    await repo.linkOrgs(
      trx,
      won.flatMap((b) => b.links),
    );
    await repo.insertTokens(
      trx,
      won.flatMap((b) => b.tokens),
    );
    await repo.recordEvents(
      trx,
      won.map((b) => b.event),
    );
    for (const b of built) {
      if (!inserted.has(b.household.id)) await this.recordInTransaction(trx, ctx, b.item, 'import');
      onRow();
    }
  }
}
