import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { HouseholdExportBody, ImportJob, ImportStarted } from '../../../../contracts/assistance';
import { IdParams } from '../../../../contracts/common';
import { chinaToday, type Clock } from '../../../platform/clock';
import { contextOf, typed } from '../../../platform/http/routes';
import { XLSX_TYPE, acceptXlsxUploads, download, requireUpload } from '../../../platform/http/xlsx';
import type { HouseholdExportService } from '../households/household-export.service';
import { IMPORT_LIMITS, type ScreeningImportService } from './screening-import.service';

export { XLSX_TYPE };

/** `clock` stamps download names with today's date in China (the injected clock). */
export function screeningImportRoutes(
  imports: ScreeningImportService,
  exporter: HouseholdExportService,
  clock: Clock,
) {
  return async (app: FastifyInstance) => {
    // Only this plugin's routes take a raw workbook; it never lands in memory as a whole. An
    // upload the import did not take over (refused, failed validation) is removed.
    acceptXlsxUploads(app, IMPORT_LIMITS.maxBytes);

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
        const upload = requireUpload(req.body);
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
