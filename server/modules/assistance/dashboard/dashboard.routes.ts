import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  Dashboard,
  DashboardExportQuery,
  DashboardQuery,
  DrillPage,
  DrillQuery,
} from '../../../../contracts/help';
import { chinaToday, type Clock } from '../../../platform/clock';
import { contextOf, typed } from '../../../platform/http/routes';
import type { DashboardService } from './dashboard.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;

/** `clock` stamps download names with today's date in China (the injected clock). */
export function dashboardRoutes(dashboard: DashboardService, clock: Clock) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const read = { access: { kind: 'action' as const, action: 'dashboard.read' as const } };

    r.get(
      '/api/dashboard',
      {
        config: read,
        schema: {
          tags,
          summary: '工作看板 The federation’s figures (a caring unit: its own, without personal data)',
          querystring: DashboardQuery,
          response: { 200: Dashboard },
        },
      },
      async (req) => dashboard.dashboard(contextOf(req), req.query),
    );
    r.get(
      '/api/dashboard/drill',
      {
        config: { access: { kind: 'action' as const, action: 'dashboard.drill' as const } },
        schema: {
          tags,
          summary: 'The households behind one figure (federation only; masked phone)',
          querystring: DrillQuery,
          response: { 200: DrillPage },
        },
      },
      async (req) => dashboard.drill(contextOf(req), req.query),
    );
    r.get(
      '/api/dashboard/export',
      {
        config: read,
        schema: {
          tags,
          summary: '看板导出 One sheet per chart, aggregates only (audited)',
          querystring: DashboardExportQuery,
        },
      },
      async (req, reply) => {
        // The figures are small: the workbook is built before the first byte, so any refusal
        // still leaves as problem+json.
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on('data', (c: Buffer) => chunks.push(c));
        const ended = new Promise((resolve, reject) => out.once('end', resolve).once('error', reject));
        await dashboard.exportWorkbook(contextOf(req), req.query, out);
        await ended;
        const stamp = chinaToday(clock);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`dashboard-${stamp}.xlsx`, `工作看板-${stamp}.xlsx`))
          .header('cache-control', 'no-store')
          .send(Buffer.concat(chunks));
      },
    );
  };
}
