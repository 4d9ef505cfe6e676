import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type {
  Member,
  MemberCounts,
  MemberExportBody,
  MemberInput,
  MemberLeaveBody,
  MemberPatch,
  MemberSearchBody,
  MemberSummary,
  MemberTransferBody,
} from '../../../../contracts/membership';
import { chinaDate } from '../../../platform/clock';
import { requireAction, requireRecord, type RecordScope } from '../../../platform/auth/actor';
import { AppError, conflict, invalid } from '../../../platform/errors';
import { writeXlsx, type ExcelColumn } from '../../../platform/excel';
import {
  isValidIdNumber,
  isValidMobile,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../platform/personal-data/identity';
import { maskIdTail, maskPhone } from '../../../platform/personal-data/mask';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import type { RollMatch } from '../workers/worker.service';
import * as repo from './member.repository';
import type { MemberTable } from './tables';

const scopeOf = (r: { orgId: string; orgPath: string; jurisdictionId: string }): RecordScope => ({
  orgId: r.orgId,
  orgPath: r.orgPath,
  jurisdictionId: r.jurisdictionId,
});

/** A unit union is a grassroots organisation (a federation keeps no roll of its own). */
const UNIT_KINDS = new Set(['grassroots']);

/** An export holds at most this many members (a whole city's roll). */
export const MEMBER_EXPORT_MAX = 200_000;

/**
 * 会员名册: the members of each unit union. Federation staff see and keep their jurisdiction's
 * roll, unit cadres their unit's. ID numbers and phones are encrypted with a blind index; lists
 * mask them, reveals and exports are audited. Other systems ask it who a signed-in worker is
 * (`matchByPhone`, `unitOf`).
 */
export class MembershipService {
  constructor(
    protected readonly p: Platform,
    protected readonly orgs: OrganisationService,
  ) {}

  // ---- for other systems ----

  /** The active member with this (normalised) phone, or null: the worker sign-in's tier. */
  async matchByPhone(phoneNormalised: string): Promise<RollMatch | null> {
    const row = await repo.activeMemberByPhone(this.p.db, this.p.blindIndex('phone', phoneNormalised));
    return row ?? null;
  }

  /** The unit union a member belongs to (whatever their state), or null. */
  async unitOf(memberId: string): Promise<{
    orgId: string;
    orgName: string;
    orgPath: string;
    jurisdictionId: string;
    state: string;
  } | null> {
    return (await repo.unitOfMember(this.p.db, memberId)) ?? null;
  }

  // ---- checks ----

  /** An ID number and phone that pass their checks, normalised, or a 422 naming the field. */
  checkIdentifiers(input: { idNumber?: string; phone?: string }, prefix = 'body.') {
    const out: { idNumber?: string; phone?: string } = {};
    if (input.idNumber !== undefined) {
      if (!isValidIdNumber(input.idNumber))
        throw invalid('member.invalid', `${prefix}idNumber`, 'not a valid resident ID number');
      out.idNumber = normalizeIdNumber(input.idNumber);
    }
    if (input.phone !== undefined) {
      if (!isValidMobile(input.phone))
        throw invalid('member.invalid', `${prefix}phone`, 'not a mainland mobile number');
      out.phone = normalizeMobile(input.phone);
    }
    return out;
  }

  /**
   * The unit a member may be put in by this actor: out of reach answers exactly like an id that
   * does not exist; a federation or a partner organisation is not a unit.
   */
  async unitFor(ctx: RequestContext, orgId: string, field: string) {
    const org = await this.orgs.findScope(orgId);
    if (!org || org.status !== 'active' || !this.may(ctx, 'member.manage', org))
      throw invalid('member.org_unknown', field, 'no such unit union');
    if (!UNIT_KINDS.has(org.kind))
      throw invalid('member.not_a_unit', field, 'members belong to a unit (grassroots) union');
    return org;
  }

  private may(ctx: RequestContext, action: 'member.manage', scope: RecordScope): boolean {
    try {
      requireRecord(ctx.actor, action, scope, 'member');
      return true;
    } catch {
      return false;
    }
  }

  private async getInScope(
    ctx: RequestContext,
    action: 'member.read' | 'member.manage' | 'member.reveal',
    id: string,
  ): Promise<repo.MemberRow> {
    const row = await repo.findMember(this.p.db, id);
    requireRecord(ctx.actor, action, row ? scopeOf(row) : undefined, 'member');
    return row!;
  }

  /** A unique index said no: which field, in words. */
  private duplicate(err: unknown, prefix = 'body.'): AppError | null {
    const which = repo.violatedUnique(err);
    if (which === 'idNumber')
      return invalid('member.duplicate_id', `${prefix}idNumber`, 'this person is on the roll already');
    if (which === 'phone')
      return invalid('member.phone_taken', `${prefix}phone`, 'an active member has this phone already');
    if (which === 'cardNumber')
      return invalid('member.card_taken', `${prefix}cardNumber`, 'this card number is used in the unit');
    return null;
  }

  // ---- views ----

  summary(r: repo.MemberRow): z.infer<typeof MemberSummary> {
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      name: r.name,
      idNumberMasked: maskIdTail(r.idNumberTail) ?? '',
      phoneMasked: maskPhone(`0000000${r.phoneTail}`),
      cardNumber: r.cardNumber,
      gender: r.gender,
      joinedOn: r.joinedOn,
      state: r.state,
      leftOn: r.leftOn,
      version: r.version,
    };
  }

  private async detail(id: string): Promise<Member> {
    const row = (await repo.findMember(this.p.db, id))!;
    const transfers = await repo.transfersOf(this.p.db, id);
    return { ...this.summary(row), transfers, createdAt: row.createdAt, updatedAt: row.updatedAt };
  }

  /** A row to insert, identifiers encrypted with their blind index. */
  newRow(
    ctx: RequestContext,
    input: { orgId: string; name: string; idNumber: string; phone: string } & Partial<MemberInput>,
  ): MemberTable {
    const now = this.p.clock.now().toISOString();
    return {
      id: this.p.ids(),
      orgId: input.orgId,
      name: input.name,
      idNumberEnc: this.p.cipher.encrypt(input.idNumber),
      idNumberBidx: this.p.blindIndex('id_number', input.idNumber),
      idNumberTail: input.idNumber.slice(-4),
      phoneEnc: this.p.cipher.encrypt(input.phone),
      phoneBidx: this.p.blindIndex('phone', input.phone),
      phoneTail: input.phone.slice(-4),
      cardNumber: input.cardNumber || null,
      gender: input.gender ?? null,
      joinedOn: input.joinedOn!,
      state: 'active',
      leftOn: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.actor.userId,
    };
  }

  // ---- routes ----

  async search(ctx: RequestContext, body: z.infer<typeof MemberSearchBody>) {
    const relations = requireAction(ctx.actor, 'member.read');
    const ids = this.checkIdentifiers({
      idNumber: body.idNumber || undefined,
      phone: body.phone || undefined,
    });
    const { rows, total } = await repo.listMembers(
      this.p.db,
      ctx.actor,
      relations,
      {
        q: body.q || undefined,
        idNumberBidx: ids.idNumber ? this.p.blindIndex('id_number', ids.idNumber) : undefined,
        phoneBidx: ids.phone ? this.p.blindIndex('phone', ids.phone) : undefined,
        orgId: body.orgId,
        state: body.state,
      },
      body,
    );
    return { items: rows.map((r) => this.summary(r)), total, page: body.page, pageSize: body.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<Member> {
    await this.getInScope(ctx, 'member.read', id);
    return this.detail(id);
  }

  async create(ctx: RequestContext, input: z.infer<typeof MemberInput>): Promise<Member> {
    requireAction(ctx.actor, 'member.manage');
    const ids = this.checkIdentifiers(input) as { idNumber: string; phone: string };
    await this.unitFor(ctx, input.orgId, 'body.orgId');
    const row = this.newRow(ctx, { ...input, ...ids });
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertMembers(trx, [row]);
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'member.create',
          subjectType: 'member',
          subjectId: row.id,
          details: { orgId: input.orgId },
        });
      });
    } catch (err) {
      throw this.duplicate(err) ?? err;
    }
    return this.detail(row.id);
  }

  async update(ctx: RequestContext, id: string, body: z.infer<typeof MemberPatch>): Promise<Member> {
    const row = await this.getInScope(ctx, 'member.manage', id);
    const ids = this.checkIdentifiers({ phone: body.phone });
    const set: Partial<MemberTable> = { updatedAt: this.p.clock.now().toISOString() };
    if (body.name !== undefined) set.name = body.name;
    if (ids.phone !== undefined) {
      set.phoneEnc = this.p.cipher.encrypt(ids.phone);
      set.phoneBidx = this.p.blindIndex('phone', ids.phone);
      set.phoneTail = ids.phone.slice(-4);
    }
    if (body.cardNumber !== undefined) set.cardNumber = body.cardNumber || null;
    if (body.gender !== undefined) set.gender = body.gender;
    if (body.joinedOn !== undefined) set.joinedOn = body.joinedOn;
    await this.write(ctx, row, body.version, set, 'member.update', {
      fields: Object.keys(body).filter((k) => k !== 'version'),
    });
    return this.detail(id);
  }

  /** 会员离会: the member stays on the roll as a leaver (their history kept). */
  async leave(ctx: RequestContext, id: string, body: z.infer<typeof MemberLeaveBody>): Promise<Member> {
    const row = await this.getInScope(ctx, 'member.manage', id);
    if (row.state !== 'active') throw conflict('member.not_active', 'the member has left already');
    if (body.leftOn < row.joinedOn)
      throw invalid('member.invalid', 'body.leftOn', 'the leaving date is before the joining date');
    await this.write(
      ctx,
      row,
      body.version,
      { state: 'left', leftOn: body.leftOn, updatedAt: this.p.clock.now().toISOString() },
      'member.leave',
      { reason: body.reason ?? null },
      true,
    );
    return this.detail(id);
  }

  /** 会员转会: to another unit union, with a history row. */
  async transfer(ctx: RequestContext, id: string, body: z.infer<typeof MemberTransferBody>): Promise<Member> {
    const row = await this.getInScope(ctx, 'member.manage', id);
    const to = await this.unitFor(ctx, body.toOrgId, 'body.toOrgId');
    if (to.orgId === row.orgId)
      throw invalid('member.same_unit', 'body.toOrgId', 'the member is in this unit already');
    if (row.state !== 'active') throw conflict('member.not_active', 'a leaver cannot be transferred');
    const at = this.p.clock.now().toISOString();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        if (
          !(await repo.updateMember(
            trx,
            id,
            body.version,
            { orgId: to.orgId, updatedAt: at },
            { state: 'active' },
          ))
        )
          throw this.stale();
        await repo.insertTransfer(trx, {
          id: this.p.ids(),
          memberId: id,
          fromOrgId: row.orgId,
          toOrgId: to.orgId,
          at,
          by: ctx.actor.userId,
          reason: body.reason,
        });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'member.transfer',
          subjectType: 'member',
          subjectId: id,
          details: { fromOrgId: row.orgId, toOrgId: to.orgId },
        });
      });
    } catch (err) {
      throw this.duplicate(err, 'body.') ?? err;
    }
    return this.detail(id);
  }

  private stale() {
    return new AppError('member.stale', 409, 'Someone else changed this member; reload');
  }

  private async write(
    ctx: RequestContext,
    row: repo.MemberRow,
    version: number,
    set: Partial<MemberTable>,
    action: 'member.update' | 'member.leave',
    details: Record<string, unknown>,
    mustBeActive = false,
  ): Promise<void> {
    try {
      await this.p.db.transaction().execute(async (trx) => {
        const ok = await repo.updateMember(
          trx,
          row.id,
          version,
          set,
          mustBeActive ? { state: 'active' } : {},
        );
        if (!ok) throw this.stale();
        await this.p.audit.append(trx, auditContext(ctx), {
          action,
          subjectType: 'member',
          subjectId: row.id,
          details,
        });
      });
    } catch (err) {
      throw this.duplicate(err) ?? err;
    }
  }

  /** The member's whole ID number and phone, for the person who needs them now (audited). */
  async reveal(ctx: RequestContext, id: string) {
    const row = await this.getInScope(ctx, 'member.reveal', id);
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'member.reveal',
        subjectType: 'member',
        subjectId: id,
      }),
    );
    return { idNumber: this.p.cipher.decrypt(row.idNumberEnc), phone: this.p.cipher.decrypt(row.phoneEnc) };
  }

  /** Per-unit numbers of the actor's reach: active members, joined and left in the year. */
  async counts(ctx: RequestContext, year?: number): Promise<MemberCounts> {
    const relations = requireAction(ctx.actor, 'member.read');
    const y = year ?? Number(chinaDate(this.p.clock.now()).slice(0, 4));
    const items = await repo.countsPerUnit(this.p.db, ctx.actor, relations, y);
    const totals = items.reduce(
      (t, i) => ({
        active: t.active + i.active,
        joinedThisYear: t.joinedThisYear + i.joinedThisYear,
        leftThisYear: t.leftThisYear + i.leftThisYear,
      }),
      { active: 0, joinedThisYear: 0, leftThisYear: 0 },
    );
    return { year: y, items, totals };
  }

  /** The filtered roll as a workbook, identifiers masked; one audit row with the filter's shape. */
  async exportMembers(ctx: RequestContext, body: z.infer<typeof MemberExportBody>, out: Writable) {
    const relations = requireAction(ctx.actor, 'member.export');
    const ids = this.checkIdentifiers({
      idNumber: body.idNumber || undefined,
      phone: body.phone || undefined,
    });
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'member.export',
        subjectType: 'member',
        details: {
          orgId: body.orgId ?? null,
          state: body.state ?? null,
          byName: Boolean(body.q),
          byIdNumber: Boolean(ids.idNumber),
          byPhone: Boolean(ids.phone),
        },
      }),
    );
    const rows = repo.streamMembers(this.p.db, ctx.actor, relations, {
      q: body.q || undefined,
      idNumberBidx: ids.idNumber ? this.p.blindIndex('id_number', ids.idNumber) : undefined,
      phoneBidx: ids.phone ? this.p.blindIndex('phone', ids.phone) : undefined,
      orgId: body.orgId,
      state: body.state,
    });
    const summary = (r: repo.MemberRow) => this.summary(r);
    async function* view() {
      let n = 0;
      for await (const r of rows) {
        if (++n > MEMBER_EXPORT_MAX) return;
        const v = summary(r);
        yield {
          ...v,
          state: STATE_ZH[v.state],
          gender: v.gender ? GENDER_ZH[v.gender] : null,
        } as ExportRow;
      }
    }
    await writeXlsx(out, { sheetName: '会员名册', columns: EXPORT_COLUMNS, rows: view() });
  }
}

const STATE_ZH = { active: '在册', left: '已离会' } as const;
const GENDER_ZH = { male: '男', female: '女' } as const;

type ExportRow = Record<string, string | number | null>;
const EXPORT_COLUMNS: ExcelColumn<ExportRow>[] = [
  { key: 'orgName', header: '所属工会', width: 28 },
  { key: 'name', header: '姓名' },
  { key: 'idNumberMasked', header: '身份证号（脱敏）', width: 22 },
  { key: 'phoneMasked', header: '手机号（脱敏）', width: 16 },
  { key: 'cardNumber', header: '会员卡号' },
  { key: 'gender', header: '性别' },
  { key: 'joinedOn', header: '入会日期' },
  { key: 'state', header: '状态' },
  { key: 'leftOn', header: '离会日期' },
];
