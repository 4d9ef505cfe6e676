import type { Writable } from 'node:stream';
import type { AuditEntry } from '../../../contracts/audit';
import { requireAction } from '../../platform/auth/actor';
import { AppError } from '../../platform/errors';
import { writeXlsx, type ExcelColumn } from '../../platform/excel';
import type { Page } from '../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../platform/platform';
import type { ChainCheck } from '../../platform/audit/audit-log';
import * as repo from './audit.repository';
import type { AuditFilter, AuditScope } from './audit.repository';

type Row = Awaited<ReturnType<typeof repo.listAudit>>['items'][number];

export const EXPORT_LIMIT = 100_000;

function toEntry(r: Row): AuditEntry {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = {};
  }
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    actorOrgId: r.actorOrgId,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    result: r.result as AuditEntry['result'],
    ip: r.ip,
    details,
  };
}

interface ExportRow {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  result: string;
  ip: string;
  details: string;
}

const EXPORT_COLUMNS: ExcelColumn<ExportRow>[] = [
  { key: 'seq', header: '序号', headerEn: 'Seq', width: 10 },
  { key: 'at', header: '时间 (UTC)', headerEn: 'Time (UTC)', width: 26 },
  { key: 'actorName', header: '操作人', headerEn: 'Actor', width: 16 },
  { key: 'action', header: '操作', headerEn: 'Action', width: 24 },
  { key: 'subjectType', header: '对象类型', headerEn: 'Subject type', width: 14 },
  { key: 'subjectId', header: '对象编号', headerEn: 'Subject id', width: 38 },
  { key: 'result', header: '结果', headerEn: 'Result', width: 10 },
  { key: 'ip', header: '来源地址', headerEn: 'From', width: 16 },
  { key: 'details', header: '详情', headerEn: 'Details', width: 60 },
];

export class AuditService {
  constructor(private readonly p: Platform) {}

  private scope(ctx: RequestContext, action: 'audit.read' | 'audit.export'): AuditScope {
    const relations = requireAction(ctx.actor, action);
    const atRoot = ctx.actor.orgPath.split('/').filter(Boolean).length === 1;
    return { actor: ctx.actor, relations, everything: relations.has('subtree') && atRoot };
  }

  async listAudit(
    ctx: RequestContext,
    filter: AuditFilter,
    paging: { page: number; pageSize: number },
  ): Promise<Page<AuditEntry>> {
    const page = await repo.listAudit(this.p.db, this.scope(ctx, 'audit.read'), filter, paging);
    return { ...page, items: page.items.map(toEntry) };
  }

  /** Counts the rows, records the export in the trail, then streams the workbook. */
  async exportAudit(ctx: RequestContext, filter: AuditFilter, out: Writable): Promise<{ rows: number }> {
    const scope = this.scope(ctx, 'audit.export');
    const total = await repo.countAudit(this.p.db, scope, filter);
    if (total > EXPORT_LIMIT) {
      throw new AppError(
        'audit.export_too_large',
        422,
        `narrow the filter: at most ${EXPORT_LIMIT} rows per export`,
        {
          total,
        },
      );
    }
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'audit.export',
      subjectType: 'audit_log',
      details: { filter, rows: total },
    });
    const rows = async function* (db: Platform['db']) {
      for await (const r of repo.streamAudit(db, scope, filter, total)) {
        yield {
          seq: Number(r.seq),
          at: r.at,
          actorName: r.actorName ?? '',
          action: r.action,
          subjectType: r.subjectType ?? '',
          subjectId: r.subjectId ?? '',
          result: r.result,
          ip: r.ip ?? '',
          details: r.details,
        };
      }
    };
    return writeXlsx(out, { sheetName: '审计日志', columns: EXPORT_COLUMNS, rows: rows(this.p.db) });
  }

  async verifyChain(ctx: RequestContext): Promise<ChainCheck> {
    this.scope(ctx, 'audit.read');
    const result = await this.p.audit.verify(this.p.db);
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'audit.verify',
      subjectType: 'audit_log',
      result: result.ok ? 'success' : 'failure',
      details: { checked: result.checked, brokenAt: result.brokenAt ?? null },
    });
    return result;
  }
}
