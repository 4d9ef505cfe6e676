import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AuditFilter, AuditListQuery, AuditPage, ChainCheck } from '../../../contracts/audit';
import { chinaToday, type Clock } from '../../platform/clock';
import { contextOf, typed } from '../../platform/http/routes';
import type { AuditService } from './audit.service';

/** `clock` stamps download names with today's date in China (the injected clock). */
export function auditRoutes(service: AuditService, clock: Clock) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['audit'];

    r.get(
      '/api/audit',
      {
        config: { access: { kind: 'action', action: 'audit.read' } },
        schema: { tags, querystring: AuditListQuery, response: { 200: AuditPage } },
      },
      async (req) => {
        const { page, pageSize, ...filter } = req.query;
        return service.listAudit(contextOf(req), filter, { page, pageSize });
      },
    );

    r.get(
      '/api/audit/export',
      {
        config: { access: { kind: 'action', action: 'audit.export' } },
        schema: { tags, summary: 'Excel export of the filtered trail (audited)', querystring: AuditFilter },
      },
      async (req, reply) => {
        const ctx = contextOf(req);
        const out = new PassThrough();
        const stamp = chinaToday(clock);
        const done = service.exportAudit(ctx, req.query, out);
        // Errors before the first byte (permission, size) still become problem+json.
        await Promise.race([done, new Promise((resolve) => out.once('readable', resolve))]);
        done.catch((err: unknown) => out.destroy(err as Error));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="audit-${stamp}.xlsx"`)
          .send(out);
      },
    );

    r.get(
      '/api/audit/verify',
      {
        config: { access: { kind: 'action', action: 'audit.read' } },
        schema: { tags, summary: 'Verify the HMAC chain of the whole trail', response: { 200: ChainCheck } },
      },
      async (req) => service.verifyChain(contextOf(req)),
    );
  };
}
