import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HouseholdExportBody, ImportJob, ImportStarted } from '../../../../contracts/assistance';
import { IdParams } from '../../../../contracts/common';
import { AppError } from '../../../platform/errors';
import { chinaToday, type Clock } from '../../../platform/clock';
import { contextOf, typed } from '../../../platform/http/routes';
import { attachment, refuseDeclaredOversize } from '../../../platform/http/upload';
import type { HouseholdExportService } from '../households/household-export.service';
import { IMPORT_LIMITS, type ScreeningImportService } from './screening-import.service';

// ---- the raw workbook upload ----

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The body of an xlsx upload once spooled: a temp file the import service takes over. */
interface Upload {
  kind: 'xlsx-upload';
  path: string;
  dir: string;
  /** Set when the service owns the file; otherwise the response hook removes it. */
  claimed: boolean;
}

const isUpload = (body: unknown): body is Upload =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'xlsx-upload';

function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      seen += chunk.length;
      if (seen > max) cb(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      else cb(null, chunk);
    },
  });
}

/** Streams the request body to a private temp file, refusing more than `max` bytes (413). */
async function spool(req: FastifyRequest, payload: NodeJS.ReadableStream, max: number): Promise<Upload> {
  await refuseDeclaredOversize(req, payload, max, () => new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  const dir = await mkdtemp(join(tmpdir(), 'unioncare-import-'));
  const path = join(dir, 'upload.xlsx');
  try {
    await pipeline(payload, byteLimit(max), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { kind: 'xlsx-upload', path, dir, claimed: false };
}

/**
 * Streams a workbook written by `write` as a download. Errors before the first byte (permission,
 * a filter that is too wide) still leave as problem+json; later ones end the stream.
 */
async function download(
  reply: FastifyReply,
  names: { ascii: string; utf8: string },
  write: (out: Writable) => Promise<unknown>,
) {
  const out = new PassThrough();
  const done = write(out);
  await Promise.race([done, new Promise((resolve) => out.once('readable', resolve))]);
  done.catch((err: unknown) => out.destroy(err as Error));
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachment(names.utf8, names.ascii))
    .header('cache-control', 'no-store')
    .send(out);
}

/** `clock` stamps download names with today's date in China (the injected clock). */
export function screeningImportRoutes(
  imports: ScreeningImportService,
  exporter: HouseholdExportService,
  clock: Clock,
) {
  return async (app: FastifyInstance) => {
    // Only this plugin's routes take a raw workbook; it never lands in memory as a whole.
    app.addContentTypeParser(XLSX_TYPE, (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
      spool(req, payload, IMPORT_LIMITS.maxBytes),
    );
    // An upload the import did not take over (refused, failed validation) is removed.
    app.addHook('onResponse', async (req) => {
      if (isUpload(req.body) && !req.body.claimed) await rm(req.body.dir, { recursive: true, force: true });
    });

    const r = typed(app);
    const tags = ['love-alliance'];
    const screen = { access: { kind: 'action' as const, action: 'screening.create' as const } };

    r.get(
      '/api/screenings/template',
      {
        // No record and no personal data in it: any signed-in user may fetch the blank form.
        config: { access: { kind: 'session' } },
        schema: { tags, summary: '摸排导入模板 Screening import template (xlsx)' },
      },
      async (_req, reply) =>
        download(reply, { ascii: 'screening-template.xlsx', utf8: '摸排导入模板.xlsx' }, (out) =>
          imports.template(out),
        ),
    );

    r.post(
      '/api/screenings/import',
      {
        config: screen,
        schema: {
          tags,
          summary: '摸排导入 Import screenings from an xlsx workbook',
          description:
            `Send the workbook itself as the body with content-type ${XLSX_TYPE} (at most 20 MiB, ` +
            `20 000 rows). Answers 202 with a job id at once; follow GET /api/screenings/import/{id}. ` +
            'Any row error and nothing is written; a clean workbook is written in one transaction.',
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const upload = req.body;
        if (!isUpload(upload)) {
          throw new AppError(
            'request.unsupported_media_type',
            415,
            `send the workbook as the body with content-type ${XLSX_TYPE}`,
          );
        }
        // Refused (bad file, busy): the response hook removes the upload. Started: the job
        // reads it in the background and it is removed when the job ends.
        const { jobId, finished } = await imports.importWorkbook(contextOf(req), upload.path, {
          onInternalError: (err) => req.log.error({ err }, 'screening import failed'),
        });
        upload.claimed = true;
        void finished.finally(() => rm(upload.dir, { recursive: true, force: true }).catch(() => undefined));
        return reply.code(202).send({ jobId });
      },
    );

    r.get(
      '/api/screenings/import/:id',
      {
        config: screen,
        schema: {
          tags,
          summary: 'Progress and result of an import (its starter only)',
          params: IdParams,
          response: { 200: ImportJob },
        },
      },
      async (req) => imports.getJob(contextOf(req), req.params.id),
    );

    r.post(
      '/api/households/export',
      {
        config: { access: { kind: 'action', action: 'household.read' } },
        schema: {
          tags,
          summary: '困难职工户导出 Export the filtered list (masked, audited, at most 50 000 rows)',
          body: HouseholdExportBody,
        },
      },
      async (req, reply) => {
        const stamp = chinaToday(clock);
        return download(
          reply,
          { ascii: `households-${stamp}.xlsx`, utf8: `困难职工户-${stamp}.xlsx` },
          (out) => exporter.exportHouseholds(contextOf(req), req.body, out),
        );
      },
    );
  };
}
