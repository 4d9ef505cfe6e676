import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  AllianceMember,
  AllianceMemberBody,
  AllianceMemberQuery,
  AllianceSummary,
  Campaign,
  CampaignBody,
  Coverage,
  ResponsibilityBody,
  ResponsibilityRule,
  Situation,
} from '../../../../contracts/assistance';
import type { Database } from '../../../db/schema';
import { can, requireAction, requireRecord, type RecordScope } from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { AppError, conflict, invalid } from '../../../platform/errors';
import { isValidMobile, normalizeMobile } from '../../../platform/personal-data/identity';
import { maskPhone } from '../../../platform/personal-data/mask';
import type { Page } from '../../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import {
  areaOf,
  chooseResponsible,
  isAllianceOrgKind,
  isoWeek,
  orgKindOf,
  partnerKindFor,
  responsibilityTable,
} from './alliance.policy';
import * as repo from './alliance.repository';
import { toAllianceMember, toCampaign, type CampaignRecord, type MemberRecord } from './alliance.table';

type MemberInput = z.infer<typeof AllianceMemberBody>;
type MemberChanges = Partial<MemberInput> & { version: number };
type MemberQuery = z.infer<typeof AllianceMemberQuery>;
type CampaignInput = z.infer<typeof CampaignBody>;
type CampaignView = z.infer<typeof Campaign>;
type CoverageView = z.infer<typeof Coverage>;
type Rule = z.infer<typeof ResponsibilityRule>;

const scopeOfMember = (m: MemberRecord): RecordScope => ({
  orgId: m.orgId,
  orgPath: m.orgPath,
  jurisdictionId: m.orgJurisdictionId,
});

const scopeOfCampaign = (c: CampaignRecord): RecordScope => ({
  orgId: c.jurisdictionId,
  orgPath: c.orgPath,
  jurisdictionId: c.jurisdictionId,
});

const campaignNotFound = () => new AppError('campaign.not_found', 404, 'campaign not found');

export class AllianceService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    /** Names a GB/T 2260 code; '' marks an unknown code. Without one, areas show as their codes. */
    private readonly divisionName: (code: string) => string = (code) => code,
  ) {}

  // ---- members ----

  private memberView = (row: MemberRecord): z.infer<typeof AllianceMember> =>
    toAllianceMember(row, row.phoneEnc ? maskPhone(this.p.cipher.decrypt(row.phoneEnc)) : null);

  private async memberInScope(ctx: RequestContext, action: Action, id: string): Promise<MemberRecord> {
    const row = await repo.findMember(this.p.db, id);
    requireRecord(ctx.actor, action, row ? scopeOfMember(row) : undefined, 'alliance_member');
    return row!;
  }

  /**
   * The organisation a member is put in. Out of reach answers exactly like missing (F-1); a
   * caring unit or an upper federation is in reach but cannot hold alliance members.
   */
  private async memberOrg(ctx: RequestContext, orgId: string): Promise<{ jurisdictionId: string }> {
    const org = await this.orgs.findScope(orgId);
    if (!org || !can(ctx.actor, 'alliance.manage', { ...org, ownerId: null })) {
      throw invalid('alliance.org_unknown', 'body.orgId', 'no such organisation');
    }
    if (!isAllianceOrgKind(org.kind)) {
      throw invalid('alliance.bad_org', 'body.orgId', `a ${org.kind} organisation has no alliance members`);
    }
    if (org.status !== 'active') {
      throw invalid('alliance.org_inactive', 'body.orgId', 'the organisation is deactivated');
    }
    return { jurisdictionId: org.jurisdictionId };
  }

  /** Encrypted phone and its blind index; '' removes the phone. */
  private phoneColumns(phone: string): { phoneEnc: string | null; phoneBidx: string | null } {
    if (phone === '') return { phoneEnc: null, phoneBidx: null };
    if (!isValidMobile(phone)) {
      throw invalid('alliance.bad_phone', 'body.phone', 'not a mainland mobile number');
    }
    const normal = normalizeMobile(phone);
    return { phoneEnc: this.p.cipher.encrypt(normal), phoneBidx: this.p.blindIndex('phone', normal) };
  }

  async listMembers(ctx: RequestContext, query: MemberQuery): Promise<Page<z.infer<typeof AllianceMember>>> {
    const relations = requireAction(ctx.actor, 'alliance.read');
    const page = await repo.listMembers(this.p.db, ctx.actor, relations, query);
    return { ...page, items: page.items.map(this.memberView) };
  }

  async getMember(ctx: RequestContext, id: string): Promise<z.infer<typeof AllianceMember>> {
    return this.memberView(await this.memberInScope(ctx, 'alliance.read', id));
  }

  async createMember(ctx: RequestContext, input: MemberInput): Promise<z.infer<typeof AllianceMember>> {
    requireAction(ctx.actor, 'alliance.manage');
    const org = await this.memberOrg(ctx, input.orgId);
    const phone = input.phone ? this.phoneColumns(input.phone) : { phoneEnc: null, phoneBidx: null };
    const id = this.p.ids();
    const now = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertMember(trx, {
        id,
        orgId: input.orgId,
        jurisdictionId: org.jurisdictionId,
        name: input.name,
        title: input.title || null,
        ...phone,
        userId: null,
        status: 'active',
        joinedOn: input.joinedOn,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      // No name or phone in the audit details: the trail is read more widely than the member list.
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'alliance.member_create',
        subjectType: 'alliance_member',
        subjectId: id,
        details: { orgId: input.orgId },
      });
    });
    return this.getMember(ctx, id);
  }

  async updateMember(
    ctx: RequestContext,
    id: string,
    input: MemberChanges,
  ): Promise<z.infer<typeof AllianceMember>> {
    const current = await this.memberInScope(ctx, 'alliance.manage', id);
    const { version, ...changes } = input;
    const moved = changes.orgId !== undefined && changes.orgId !== current.orgId;
    const org = moved ? await this.memberOrg(ctx, changes.orgId!) : undefined;
    const phone = changes.phone !== undefined ? this.phoneColumns(changes.phone) : {};
    const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateMember(trx, id, version, {
        ...(org ? { orgId: changes.orgId, jurisdictionId: org.jurisdictionId } : {}),
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.title !== undefined ? { title: changes.title || null } : {}),
        ...(changes.joinedOn !== undefined ? { joinedOn: changes.joinedOn } : {}),
        ...phone,
        updatedAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('alliance.member_stale', 'the member was changed by someone else; reload it');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'alliance.member_update',
        subjectType: 'alliance_member',
        subjectId: id,
        details: { fields, ...(org ? { from: current.orgId, to: changes.orgId } : {}) },
      });
    });
    return this.getMember(ctx, id);
  }

  /** Leaving keeps the member on record (who screened what stays traceable); rejoining brings them back. */
  async setMemberStatus(
    ctx: RequestContext,
    id: string,
    version: number,
    status: 'active' | 'left',
  ): Promise<z.infer<typeof AllianceMember>> {
    const current = await this.memberInScope(ctx, 'alliance.manage', id);
    if (current.status === status) {
      throw conflict(
        status === 'left' ? 'alliance.member_already_left' : 'alliance.member_already_active',
        status === 'left' ? 'the member has already left' : 'the member is already active',
      );
    }
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateMember(trx, id, version, {
        status,
        updatedAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('alliance.member_stale', 'the member was changed by someone else; reload it');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: status === 'left' ? 'alliance.member_leave' : 'alliance.member_rejoin',
        subjectType: 'alliance_member',
        subjectId: id,
      });
    });
    return this.getMember(ctx, id);
  }

  /** Active members per organisation the actor may see. */
  async summary(ctx: RequestContext): Promise<z.infer<typeof AllianceSummary>> {
    const relations = requireAction(ctx.actor, 'alliance.read');
    const partners = await repo.countMembersByOrg(this.p.db, ctx.actor, relations);
    return { partners, totalMembers: partners.reduce((n, p) => n + p.members, 0) };
  }

  // ---- responsibility table (分工) ----

  /** The actor's jurisdiction's table, defaults filled in: every alliance member may know who screens whom. */
  async getResponsibility(ctx: RequestContext): Promise<{ items: Rule[] }> {
    requireAction(ctx.actor, 'alliance.plan_read');
    return { items: responsibilityTable(await repo.listRules(this.p.db, ctx.actor.jurisdictionId)) };
  }

  /** Replaces the jurisdiction's rows; situations left out fall back to the defaults. */
  async setResponsibility(
    ctx: RequestContext,
    input: z.infer<typeof ResponsibilityBody>,
  ): Promise<{ items: Rule[] }> {
    await this.requireFederation(ctx, 'alliance.manage');
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (seen.has(item.situation)) {
        throw invalid(
          'alliance.duplicate_situation',
          `body.items.${i}.situation`,
          'this situation is listed twice',
        );
      }
      seen.add(item.situation);
    });
    const jurisdictionId = ctx.actor.jurisdictionId;
    await this.p.db.transaction().execute(async (trx) => {
      const before = await repo.listRules(trx, jurisdictionId);
      await repo.replaceRules(trx, jurisdictionId, input.items, {
        userId: ctx.actor.userId,
        at: this.p.clock.now().toISOString(),
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'alliance.responsibility',
        subjectType: 'responsibility_rule',
        subjectId: jurisdictionId,
        details: { before: Object.fromEntries(before), after: input.items },
      });
    });
    return this.getResponsibility(ctx);
  }

  /** The actor's own federation as a record: jurisdiction-wide settings are checked against it. */
  private async requireFederation(ctx: RequestContext, action: Action): Promise<void> {
    requireAction(ctx.actor, action);
    const fed = await this.orgs.findScope(ctx.actor.jurisdictionId);
    if (!fed || !can(ctx.actor, action, { ...fed, ownerId: null })) {
      throw new AppError('auth.forbidden', 403, 'You may not do this');
    }
  }

  /**
   * The organisation responsible for a household, for the screening service: it runs inside the
   * caller's transaction, so it reads through the executor it is given and never through
   * `this.p.db` (on SQLite a second connection would wait for the transaction forever).
   * Null only when the jurisdiction's federation itself cannot be found.
   */
  async routeHousehold(
    executor: Kysely<Database>,
    input: { jurisdictionId: string; situation: Situation; screeningOrgId: string },
  ): Promise<{ orgId: string; orgName: string } | null> {
    const rules = await repo.listRules(executor, input.jurisdictionId);
    const partner = partnerKindFor(rules, input.situation);
    const screeningOrg = await repo.findRoutingOrg(executor, input.screeningOrgId);
    const firstOfKind =
      partner === 'union'
        ? undefined
        : await repo.firstActiveOrgOfKind(executor, input.jurisdictionId, orgKindOf(partner));
    const federation = await repo.findRoutingOrg(executor, input.jurisdictionId);
    const chosen = chooseResponsible(partner, input.jurisdictionId, {
      screeningOrg,
      firstOfKind,
      federation,
    });
    return chosen ? { orgId: chosen.id, orgName: chosen.name } : null;
  }

  // ---- campaigns (摸排行动) ----

  private async campaignViews(rows: CampaignRecord[]): Promise<CampaignView[]> {
    const targets = await repo.listTargets(
      this.p.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toCampaign(r, targets.get(r.id) ?? []));
  }

  /** A campaign the actor may read; missing and out of reach look the same. */
  private async readableCampaign(ctx: RequestContext, id: string): Promise<CampaignRecord> {
    requireAction(ctx.actor, 'alliance.plan_read');
    const row = await repo.findCampaign(this.p.db, id);
    const fed = row ? await this.orgs.findScope(row.jurisdictionId) : undefined;
    if (!row || !fed || !can(ctx.actor, 'alliance.plan_read', fed)) throw campaignNotFound();
    return row;
  }

  async listCampaigns(ctx: RequestContext): Promise<{ items: CampaignView[] }> {
    requireAction(ctx.actor, 'alliance.plan_read');
    return { items: await this.campaignViews(await repo.listCampaigns(this.p.db, ctx.actor.jurisdictionId)) };
  }

  async getCampaign(ctx: RequestContext, id: string): Promise<CampaignView> {
    const [view] = await this.campaignViews([await this.readableCampaign(ctx, id)]);
    return view;
  }

  /** Period, areas and targets; targets already on the campaign may stay even if since deactivated. */
  private async checkCampaign(
    ctx: RequestContext,
    input: CampaignInput,
    existingTargets: ReadonlySet<string> = new Set(),
  ): Promise<{ areas: string[] }> {
    if (input.endsOn < input.startsOn) {
      throw invalid('campaign.bad_period', 'body.endsOn', 'the campaign ends before it starts');
    }
    input.areas.forEach((code, i) => {
      if (this.divisionName(code) === '') {
        throw invalid('campaign.bad_area', `body.areas.${i}`, 'unknown administrative division code');
      }
    });
    const seen = new Set<string>();
    for (const [i, t] of input.targets.entries()) {
      const field = `body.targets.${i}.orgId`;
      if (seen.has(t.orgId))
        throw invalid('campaign.duplicate_target', field, 'this organisation is listed twice');
      seen.add(t.orgId);
      const org = await this.orgs.findScope(t.orgId);
      // Another federation's organisation answers like a missing one.
      if (!org || org.jurisdictionId !== ctx.actor.jurisdictionId) {
        throw invalid('campaign.bad_target', field, 'no such organisation in this jurisdiction');
      }
      if (!isAllianceOrgKind(org.kind)) {
        throw invalid('campaign.bad_target', field, `a ${org.kind} organisation does not screen`);
      }
      if (org.status !== 'active' && !existingTargets.has(t.orgId)) {
        throw invalid('campaign.bad_target', field, 'the organisation is deactivated');
      }
    }
    return { areas: [...new Set(input.areas)] };
  }

  async createCampaign(ctx: RequestContext, input: CampaignInput): Promise<CampaignView> {
    await this.requireFederation(ctx, 'alliance.manage');
    const { areas } = await this.checkCampaign(ctx, input);
    const id = this.p.ids();
    const now = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, {
        id,
        jurisdictionId: ctx.actor.jurisdictionId,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        areas: JSON.stringify(areas),
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await repo.replaceTargets(trx, id, input.targets);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'campaign.create',
        subjectType: 'campaign',
        subjectId: id,
        details: { name: input.name, areas, targets: input.targets },
      });
    });
    return this.getCampaign(ctx, id);
  }

  async updateCampaign(
    ctx: RequestContext,
    id: string,
    input: CampaignInput & { version: number },
  ): Promise<CampaignView> {
    const row = await repo.findCampaign(this.p.db, id);
    requireRecord(ctx.actor, 'alliance.manage', row ? scopeOfCampaign(row) : undefined, 'campaign');
    const current = (await repo.listTargets(this.p.db, [id])).get(id) ?? [];
    const { areas } = await this.checkCampaign(ctx, input, new Set(current.map((t) => t.orgId)));
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateCampaign(trx, id, input.version, {
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        areas: JSON.stringify(areas),
        updatedAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('campaign.stale', 'the campaign was changed by someone else; reload it');
      await repo.replaceTargets(trx, id, input.targets);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'campaign.update',
        subjectType: 'campaign',
        subjectId: id,
        details: { name: input.name, areas, targets: input.targets },
      });
    });
    return this.getCampaign(ctx, id);
  }

  /**
   * Households screened for a campaign (submitted screenings, each household once however often
   * it was screened), per partner against its target and by method, per area and per ISO week.
   * A household screened by two partners counts once in the total and once for each partner.
   */
  async coverage(ctx: RequestContext, campaignId: string): Promise<CoverageView> {
    const campaign = await this.readableCampaign(ctx, campaignId);
    const db = this.p.db;
    const areas = JSON.parse(campaign.areas) as string[];
    const targets = (await repo.listTargets(db, [campaignId])).get(campaignId) ?? [];
    const total = await repo.countHouseholds(db, campaignId);
    const byOrg = await repo.householdsByOrg(db, campaignId);
    const triples = await repo.householdPlacesAndDates(db, campaignId);

    // Targeted partners first (even with nothing screened yet), then anyone else who screened.
    const partners = new Map<
      string,
      { orgId: string; orgName: string; target: number; screened: number; byMethod: Record<string, number> }
    >();
    for (const t of targets) {
      partners.set(t.orgId, {
        orgId: t.orgId,
        orgName: t.orgName,
        target: Number(t.target),
        screened: 0,
        byMethod: {},
      });
    }
    for (const o of byOrg.totals) {
      const entry = partners.get(o.orgId) ?? {
        orgId: o.orgId,
        orgName: o.orgName,
        target: 0,
        screened: 0,
        byMethod: {},
      };
      entry.screened = o.n;
      partners.set(o.orgId, entry);
    }
    for (const m of byOrg.byMethod) {
      const entry = partners.get(m.orgId);
      if (entry) entry.byMethod[m.method] = m.n;
    }

    const perArea = new Map<string, Set<string>>(areas.map((a) => [a, new Set<string>()]));
    const perWeek = new Map<string, Set<string>>();
    for (const s of triples) {
      if (!s.householdId) continue;
      const area = areaOf(s.divisionCode ?? '', areas);
      if (!perArea.has(area)) perArea.set(area, new Set());
      perArea.get(area)!.add(s.householdId);
      const week = isoWeek(s.screenedOn);
      if (!perWeek.has(week)) perWeek.set(week, new Set());
      perWeek.get(week)!.add(s.householdId);
    }

    return {
      campaignId,
      total,
      target: targets.reduce((n, t) => n + Number(t.target), 0),
      byPartner: [...partners.values()],
      byArea: [...perArea].map(([divisionCode, households]) => ({
        divisionCode,
        divisionName: divisionCode ? this.divisionName(divisionCode) : '',
        screened: households.size,
      })),
      byWeek: [...perWeek]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([week, households]) => ({ week, screened: households.size })),
    };
  }
}
