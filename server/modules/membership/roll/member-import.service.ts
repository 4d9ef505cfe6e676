import type { Writable } from 'node:stream';
import { requireAction, can } from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import {
  ExcelFormatError,
  readXlsx,
  writeTemplate,
  type ImportRow,
  type ImportRowError,
} from '../../../platform/excel';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import { MEMBER_COLUMNS, MEMBER_SHEET, type MemberRowValue } from './member-excel';
import * as repo from './member.repository';
import type { MembershipService } from './membership.service';
import type { MemberTable } from './tables';

export interface MemberImportJob {
  id: string;
  state: 'parsing' | 'writing' | 'done' | 'failed';
  total: number;
  done: number;
  errors: ImportRowError[];
  moreErrors: number;
  imported: number;
  alreadyImported: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface Job extends MemberImportJob {
  ownerId: string;
  finishedMs: number | null;
}

export const MEMBER_IMPORT_LIMITS = {
  maxRows: 50_000,
  maxBytes: 20 * 1024 * 1024,
  maxErrors: 1000,
  keepFinishedMs: 3600_000,
};

/**
 * 会员名册 Excel import, on the platform's workbook reader and the same job shape as the
 * screening import (template, progress, per-row errors): every row is read and checked first (the
 * ID number and phone, the unit by its name within the importer's reach, duplicates in the file
 * and on the roll); any error and nothing is written; a clean workbook is written in one
 * transaction with one `member.import` audit row.
 */
export class MemberImportService {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly p: Platform,
    private readonly roll: MembershipService,
  ) {}

  async template(out: Writable): Promise<void> {
    await writeTemplate(out, { sheetName: MEMBER_SHEET, columns: MEMBER_COLUMNS });
  }

  async importWorkbook(
    ctx: RequestContext,
    file: string,
  ): Promise<{ jobId: string; finished: Promise<MemberImportJob> }> {
    requireAction(ctx.actor, 'member.manage');
    this.prune();
    if ([...this.jobs.values()].some((j) => j.ownerId === ctx.actor.userId && j.finishedMs === null))
      throw conflict('import.busy', 'an import of yours is still running; wait for it to finish');
    const rows = readXlsx<MemberRowValue>(file, {
      columns: MEMBER_COLUMNS,
      maxRows: MEMBER_IMPORT_LIMITS.maxRows,
      maxBytes: MEMBER_IMPORT_LIMITS.maxBytes,
    });
    let first: IteratorResult<ImportRow<MemberRowValue>>;
    try {
      first = await rows.next();
    } catch (err) {
      await rows.return(undefined).catch(() => undefined);
      if (err instanceof ExcelFormatError) throw invalid('import.bad_file', 'body', err.message);
      throw err;
    }
    if (first.done) throw invalid('import.bad_file', 'body', '工作表没有数据行 / the sheet has no data rows');
    const job: Job = {
      id: this.p.ids(),
      ownerId: ctx.actor.userId,
      state: 'parsing',
      total: 0,
      done: 0,
      errors: [],
      moreErrors: 0,
      imported: 0,
      alreadyImported: 0,
      message: null,
      startedAt: this.p.clock.now().toISOString(),
      finishedAt: null,
      finishedMs: null,
    };
    this.jobs.set(job.id, job);
    return { jobId: job.id, finished: this.run(ctx, job, rows, first.value) };
  }

  getJob(ctx: RequestContext, id: string): MemberImportJob {
    requireAction(ctx.actor, 'member.manage');
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== ctx.actor.userId) throw notFound('import');
    return this.view(job);
  }

  private view(job: Job): MemberImportJob {
    const { ownerId: _o, finishedMs: _f, ...view } = job;
    return { ...view, errors: [...job.errors] };
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs)
      if (j.finishedMs !== null && now - j.finishedMs > MEMBER_IMPORT_LIMITS.keepFinishedMs)
        this.jobs.delete(id);
    if (this.jobs.size >= 500)
      throw new AppError('import.busy', 429, 'too many imports are running; try again later');
  }

  private finish(job: Job, state: 'done' | 'failed', message: string): MemberImportJob {
    job.state = state;
    job.message = message;
    job.finishedAt = this.p.clock.now().toISOString();
    job.finishedMs = Date.now();
    return this.view(job);
  }

  private addError(job: Job, e: ImportRowError): void {
    if (job.errors.length < MEMBER_IMPORT_LIMITS.maxErrors) job.errors.push(e);
    else job.moreErrors += 1;
  }

  private async run(
    ctx: RequestContext,
    job: Job,
    rows: AsyncGenerator<ImportRow<MemberRowValue>>,
    first: ImportRow<MemberRowValue>,
  ): Promise<MemberImportJob> {
    try {
      const parsed: { row: number; v: MemberRowValue }[] = [];
      let bad = new Set<number>();
      const take = (r: ImportRow<MemberRowValue>) => {
        job.total += 1;
        if (r.errors.length || !r.value) {
          bad.add(r.row);
          for (const e of r.errors) this.addError(job, e);
        } else parsed.push({ row: r.row, v: r.value as MemberRowValue });
      };
      take(first);
      for (;;) {
        const next = await rows.next();
        if (next.done) break;
        take(next.value);
      }
      // Units by name, within the importer's reach; blank: the importer's own organisation.
      const names = [...new Set(parsed.map((x) => x.v.unitName).filter(Boolean))];
      const units = new Map<string, string>();
      for (const u of await repo.unitsByName(this.p.db, names)) {
        if (u.kind === 'grassroots' && u.status === 'active' && can(ctx.actor, 'member.manage', u))
          units.set(u.name, u.orgId);
      }
      const own = await repo.unitsById(this.p.db, ctx.actor.orgId);
      const ownUnit = own && own.kind === 'grassroots' ? own.orgId : null;
      const idBidx = parsed.map((x) => this.p.blindIndex('id_number', x.v.idNumber));
      const phoneBidx = parsed.map((x) => this.p.blindIndex('phone', x.v.phone));
      const onRoll = await repo.existingIdNumbers(this.p.db, idBidx);
      const phonesTaken = await repo.activePhones(this.p.db, phoneBidx);
      const seenId = new Map<string, number>();
      const seenPhone = new Map<string, number>();
      const seenCard = new Map<string, number>();
      const out: MemberTable[] = [];
      parsed.forEach(({ row, v }, i) => {
        const err = (column: string, message: string) => {
          bad.add(row);
          this.addError(job, { row, column, message });
        };
        const orgId = v.unitName ? units.get(v.unitName) : ownUnit;
        if (!orgId)
          err(
            '所属工会',
            v.unitName
              ? '没有这个基层工会，或不在您的管辖范围 / no such unit in your reach'
              : '请填写所属基层工会 / name the unit union',
          );
        if (onRoll.has(idBidx[i])) err('身份证号', '此人已在会员名册中 / already on the roll');
        const dupId = seenId.get(idBidx[i]);
        if (dupId) err('身份证号', `与第 ${dupId} 行重复 / same as row ${dupId}`);
        if (phonesTaken.has(phoneBidx[i]))
          err('手机号', '已有在册会员使用此手机号 / an active member has this phone');
        const dupPhone = seenPhone.get(phoneBidx[i]);
        if (dupPhone) err('手机号', `与第 ${dupPhone} 行重复 / same as row ${dupPhone}`);
        const cardKey = v.cardNumber ? `${orgId}|${v.cardNumber}` : '';
        const dupCard = cardKey ? seenCard.get(cardKey) : undefined;
        if (dupCard) err('会员卡号', `与第 ${dupCard} 行重复 / same as row ${dupCard}`);
        seenId.set(idBidx[i], seenId.get(idBidx[i]) ?? row);
        seenPhone.set(phoneBidx[i], seenPhone.get(phoneBidx[i]) ?? row);
        if (cardKey) seenCard.set(cardKey, seenCard.get(cardKey) ?? row);
        if (!bad.has(row) && orgId)
          out.push(
            this.roll.newRow(ctx, {
              ...v,
              orgId,
              gender: v.gender || undefined,
              cardNumber: v.cardNumber || undefined,
            }),
          );
      });
      if (bad.size > 0)
        return this.finish(
          job,
          'failed',
          `${bad.size} 行有错误，未导入任何数据；改正后请重新导入整个文件 / ${bad.size} rows have errors; nothing was imported`,
        );
      bad = new Set();
      job.state = 'writing';
      try {
        await this.p.db.transaction().execute(async (trx) => {
          for (let i = 0; i < out.length; i += 500) {
            await repo.insertMembers(trx, out.slice(i, i + 500));
            job.done = Math.min(out.length, i + 500);
          }
          await this.p.audit.append(trx, auditContext(ctx), {
            action: 'member.import',
            subjectType: 'member_import',
            subjectId: job.id,
            details: { rows: out.length },
          });
        });
      } catch (err) {
        const which = repo.violatedUnique(err);
        if (!which) throw err;
        job.done = 0;
        return this.finish(
          job,
          'failed',
          '名册在导入时已被他人改动（身份证号、手机号或卡号重复），未导入任何数据，请重新导入 / the roll changed meanwhile; nothing was imported',
        );
      }
      job.imported = out.length;
      return this.finish(job, 'done', `导入 ${out.length} 名会员 / imported ${out.length} members`);
    } catch (err) {
      job.done = 0;
      if (err instanceof ExcelFormatError || err instanceof AppError)
        return this.finish(job, 'failed', err.message);
      return this.finish(
        job,
        'failed',
        '导入失败（内部错误），未导入任何数据 / import failed; nothing was imported',
      );
    } finally {
      await rows.return(undefined).catch(() => undefined);
    }
  }
}
