import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { isUniqueViolation } from '../../../db/dialect';
import { requireAction } from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import {
  ExcelFormatError,
  readXlsx,
  writeTemplate,
  type ImportRow,
  type ImportRowError,
} from '../../../platform/excel';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import {
  SCREENING_COLUMNS,
  SCREENING_SHEET,
  validateScreeningRow,
  type ScreeningRow,
} from './screening-excel';
import type { ScreeningService } from './screening.service';
import { countImported, importedClientRefs } from './screening.repository';

type Form = z.infer<typeof ScreeningForm>;

export type ImportState = 'parsing' | 'writing' | 'done' | 'failed';

/** What `GET /api/screenings/import/:id` answers. */
export interface ImportJobView {
  id: string;
  state: ImportState;
  /** Rows read so far while parsing; the workbook's data rows once parsed. */
  total: number;
  /** Rows written (or found already imported) so far; stays 0 while parsing. */
  done: number;
  /** Row-level problems, in sheet order, at most `maxErrors` of them. */
  errors: ImportRowError[];
  /** How many more errors there were beyond the list. */
  moreErrors: number;
  /** Screenings this import wrote. */
  imported: number;
  /** Rows an earlier import of the same file had already written (nothing written again). */
  alreadyImported: number;
  /** A sentence for the person: why it failed, or what happened. */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface Job extends ImportJobView {
  ownerId: string;
  finishedMs: number | null;
}

export interface ImportLimits {
  /** Data rows per workbook (readXlsx maxRows). */
  maxRows: number;
  /** Bytes per file. */
  maxBytes: number;
  /** Row errors listed per job; the rest are counted in `moreErrors`. */
  maxErrors: number;
  /** How long a finished job stays readable. */
  keepFinishedMs: number;
  /** Jobs held in memory at most; the oldest finished ones go first. */
  maxJobs: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxRows: 20_000,
  maxBytes: 20 * 1024 * 1024,
  maxErrors: 1000,
  keepFinishedMs: 60 * 60 * 1000,
  maxJobs: 500,
};

export interface ImportOptions {
  /** Delete `file` when the job ends (the route hands over its temp upload). */
  removeFile?: boolean;
  /** Called with an unexpected failure (a bug, the database gone), for the caller to log. */
  onInternalError?: (err: unknown) => void;
}

/** `imp-<first 16 hex of the file's SHA-256>-<row>`: the same file re-imported is recognised row by row. */
export const clientRefPrefix = (fileSha256: string) => `imp-${fileSha256.slice(0, 16)}-`;
export const clientRefOf = (fileSha256: string, row: number) => `${clientRefPrefix(fileSha256)}${row}`;

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * 摸排 Excel import: every row is read and checked first; any error and nothing is written. A
 * clean workbook is written in ONE transaction (all or nothing) through
 * `ScreeningService.recordInTransaction`, with one `screening.import` audit row beside the data.
 *
 * Progress lives in this process (`jobs`): the open transaction hides the rows from every other
 * connection, so the database cannot report it. Writes are serialised here: on SQLite the
 * transaction holds the only connection, on PostgreSQL the audit head row, either way a second
 * import could only wait.
 */
export class ScreeningImportService {
  private readonly jobs = new Map<string, Job>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly limits: ImportLimits;

  constructor(
    private readonly p: Platform,
    private readonly screenings: ScreeningService,
    limits: Partial<ImportLimits> = {},
  ) {
    this.limits = { ...IMPORT_LIMITS, ...limits };
  }

  /** The blank template with its example row and the 填写说明 sheet. No personal data, no check. */
  async template(out: Writable): Promise<void> {
    await writeTemplate(out, { sheetName: SCREENING_SHEET, columns: SCREENING_COLUMNS });
  }

  /**
   * Starts importing the workbook at `file`. The file's structure (a real xlsx, the required
   * columns, at least one data row) is checked before this returns, so a bad upload is a 422 at
   * once; the rows are then read, checked and written in the background: follow `getJob`, or
   * await `finished` (it never rejects).
   */
  async importWorkbook(
    ctx: RequestContext,
    file: string,
    opts: ImportOptions = {},
  ): Promise<{ jobId: string; finished: Promise<ImportJobView> }> {
    let handedOver = false;
    let rows: AsyncGenerator<ImportRow<ScreeningRow>> | undefined;
    try {
      requireAction(ctx.actor, 'screening.create');
      this.prune();
      const running = [...this.jobs.values()].some(
        (j) => j.ownerId === ctx.actor.userId && (j.state === 'parsing' || j.state === 'writing'),
      );
      if (running)
        throw conflict('import.busy', 'an import of yours is still running; wait for it to finish');

      rows = readXlsx<ScreeningRow>(file, {
        columns: SCREENING_COLUMNS,
        maxRows: this.limits.maxRows,
        maxBytes: this.limits.maxBytes,
      });
      let first: IteratorResult<ImportRow<ScreeningRow>>;
      try {
        first = await rows.next();
      } catch (err) {
        if (err instanceof ExcelFormatError) throw invalid('import.bad_file', 'body', err.message);
        throw err;
      }
      if (first.done)
        throw invalid('import.bad_file', 'body', '工作表没有数据行 / the sheet has no data rows');
      // Hashed after the structure check: a non-xlsx upload costs no full read.
      const fileSha256 = await sha256File(file);

      const at = this.p.clock.now();
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
        startedAt: at.toISOString(),
        finishedAt: null,
        finishedMs: null,
      };
      this.jobs.set(job.id, job);
      handedOver = true;
      const finished = this.run(ctx, job, rows, first.value, fileSha256, opts).finally(async () => {
        if (opts.removeFile) await rm(file, { force: true }).catch(() => undefined);
      });
      return { jobId: job.id, finished };
    } finally {
      if (!handedOver) {
        // Closes the workbook (a refused or failed start) before its file goes.
        await rows?.return(undefined).catch(() => undefined);
        if (opts.removeFile) await rm(file, { force: true }).catch(() => undefined);
      }
    }
  }

  /** A job's progress and result, for the user who started it only (anyone else: not found). */
  getJob(ctx: RequestContext, id: string): ImportJobView {
    requireAction(ctx.actor, 'screening.create');
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== ctx.actor.userId) throw notFound('import');
    return this.view(job);
  }

  private view(job: Job): ImportJobView {
    const { ownerId: _o, finishedMs: _f, ...view } = job;
    return { ...view, errors: [...job.errors] };
  }

  private finish(job: Job, state: 'done' | 'failed', message: string | null): ImportJobView {
    const at = this.p.clock.now();
    job.state = state;
    job.message = message;
    job.finishedAt = at.toISOString();
    job.finishedMs = Date.now();
    return this.view(job);
  }

  /** Finished jobs expire; the registry never grows past `maxJobs`. */
  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) {
      if (j.finishedMs !== null && now - j.finishedMs > this.limits.keepFinishedMs) this.jobs.delete(id);
    }
    const finished = [...this.jobs.values()].filter((j) => j.finishedMs !== null);
    finished.sort((a, b) => a.finishedMs! - b.finishedMs!);
    while (this.jobs.size >= this.limits.maxJobs && finished.length > 0)
      this.jobs.delete(finished.shift()!.id);
    if (this.jobs.size >= this.limits.maxJobs) {
      throw new AppError('import.busy', 429, 'too many imports are running; try again in a few minutes');
    }
  }

  private addError(job: Job, e: ImportRowError): void {
    if (job.errors.length < this.limits.maxErrors) job.errors.push(e);
    else job.moreErrors += 1;
  }

  private async run(
    ctx: RequestContext,
    job: Job,
    rows: AsyncGenerator<ImportRow<ScreeningRow>>,
    first: ImportRow<ScreeningRow>,
    fileSha256: string,
    opts: ImportOptions,
  ): Promise<ImportJobView> {
    try {
      // 1. Read and check every row; keep going after errors so the person sees them all at once.
      const forms: { row: number; form: Form }[] = [];
      let badRows = 0;
      const take = (r: ImportRow<ScreeningRow>) => {
        job.total += 1;
        let errors = r.errors;
        let form: Form | undefined;
        if (errors.length === 0 && r.value) {
          const checked = validateScreeningRow(r.row, r.value, (f) => this.screenings.checkScreening(f, ''));
          errors = checked.errors;
          form = checked.form;
        }
        if (errors.length > 0 || !form) {
          badRows += 1;
          for (const e of errors) this.addError(job, e);
        } else {
          forms.push({ row: r.row, form });
        }
      };
      take(first);
      for (;;) {
        const next = await rows.next();
        if (next.done) break;
        take(next.value);
      }
      if (badRows > 0) {
        return this.finish(
          job,
          'failed',
          `${badRows} 行有错误，未导入任何数据；改正后请重新导入整个文件 / ${badRows} rows have errors; nothing was imported`,
        );
      }

      // 2. Write everything in one transaction, one import at a time.
      job.state = 'writing';
      const write = this.writeQueue.then(() => this.write(ctx, job, forms, fileSha256));
      this.writeQueue = write.catch(() => undefined);
      await write;
      if (job.imported === 0) {
        return this.finish(
          job,
          'done',
          `该文件已导入过：${job.alreadyImported} 行，未重复写入 / already imported: ${job.alreadyImported} rows`,
        );
      }
      return this.finish(
        job,
        'done',
        job.alreadyImported > 0
          ? `导入 ${job.imported} 行；${job.alreadyImported} 行此前已导入 / imported ${job.imported} rows, ${job.alreadyImported} already imported`
          : `导入 ${job.imported} 行 / imported ${job.imported} rows`,
      );
    } catch (err) {
      job.done = 0;
      job.imported = 0;
      if (err instanceof ExcelFormatError) return this.finish(job, 'failed', err.message);
      if (err instanceof AppError) return this.finish(job, 'failed', err.message);
      opts.onInternalError?.(err);
      return this.finish(
        job,
        'failed',
        '导入失败（内部错误），未导入任何数据 / import failed; nothing was imported',
      );
    } finally {
      await rows.return(undefined).catch(() => undefined);
    }
  }

  private async write(
    ctx: RequestContext,
    job: Job,
    forms: { row: number; form: Form }[],
    fileSha256: string,
  ): Promise<void> {
    const orgId = ctx.actor.orgId;
    // Hex and '-' only: nothing in it is a LIKE wildcard.
    const prefix = clientRefPrefix(fileSha256);
    try {
      await this.p.db.transaction().execute(async (trx) => {
        // Inside the transaction (and through it: on SQLite `p.db` would wait for this very
        // transaction): what an earlier import of this file already wrote.
        const seen = new Set(await importedClientRefs(trx, orgId, prefix));
        const fresh: { form: Form; clientRef: string }[] = [];
        for (const { row, form } of forms) {
          const clientRef = clientRefOf(fileSha256, row);
          if (seen.has(clientRef)) job.done += 1;
          else fresh.push({ form, clientRef });
        }
        const already = forms.length - fresh.length;
        const imported = fresh.length;
        // New households in multi-row inserts; a person who may be known, one row at a time.
        await this.screenings.recordImportInTransaction(trx, ctx, fresh, () => {
          job.done += 1;
        });
        if (imported > 0) {
          await this.p.audit.append(trx, auditContext(ctx), {
            action: 'screening.import',
            subjectType: 'screening_import',
            subjectId: job.id,
            details: { rows: imported, alreadyImported: already, fileSha256 },
          });
        }
        job.imported = imported;
        job.alreadyImported = already;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another process imported the same file at the same moment and committed first.
      if ((await countImported(this.p.db, orgId, prefix)) < forms.length) throw err;
      job.done = forms.length;
      job.imported = 0;
      job.alreadyImported = forms.length;
    }
  }
}
