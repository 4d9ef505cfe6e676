import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { HouseholdQuery } from '../../../../contracts/assistance';
import { requireAction } from '../../../platform/auth/actor';
import { AppError } from '../../../platform/errors';
import { writeXlsx } from '../../../platform/excel';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { HouseholdService } from './household.service';
import {
  HOUSEHOLD_EXPORT_COLUMNS,
  householdExportRow,
  type HouseholdExportRow,
} from '../screening/screening-excel';

/** The list filters of `POST /api/households/query`, without paging. */
export type HouseholdExportFilter = Omit<z.infer<typeof HouseholdQuery>, 'page' | 'pageSize'>;

export const HOUSEHOLD_EXPORT_LIMIT = 50_000;
const BATCH = 1000;

/** Anything that may be an ID number or a phone stays out of the audit trail: only "set" is kept. */
function auditedFilter(filter: HouseholdExportFilter): Record<string, unknown> {
  const out: Record<string, unknown> = { ...filter };
  if (filter.idNumber) out.idNumber = 'set';
  if (filter.phone) out.phone = 'set';
  // The free-text search takes names and addresses; a long run of digits typed there is kept out too.
  if (filter.q && /\d{6,}/.test(filter.q)) out.q = 'set';
  return out;
}

/**
 * 困难职工户 list export: the list's own filters and reach (`HouseholdService.queryHouseholds`,
 * page by page), masked columns only, at most `maxRows`, audited before the first byte.
 */
export class HouseholdExportService {
  constructor(
    private readonly p: Platform,
    private readonly households: HouseholdService,
    private readonly maxRows = HOUSEHOLD_EXPORT_LIMIT,
  ) {}

  async exportHouseholds(
    ctx: RequestContext,
    filter: HouseholdExportFilter,
    out: Writable,
  ): Promise<{ rows: number }> {
    requireAction(ctx.actor, 'household.read');
    // The first page also counts (and checks the ID number / phone filters, refusing bad ones).
    const query = (page: number) =>
      this.households.queryHouseholds(ctx, { ...filter, page, pageSize: BATCH });
    const firstPage = await query(1);
    const total = firstPage.total;
    if (total > this.maxRows) {
      throw new AppError(
        'export.too_large',
        422,
        `narrow the filter: at most ${this.maxRows} rows per export`,
        {
          total,
          limit: this.maxRows,
          fields: [
            {
              field: 'body',
              message: `筛选结果 ${total} 户，超过单次导出上限 ${this.maxRows} 户，请缩小范围`,
            },
          ],
        },
      );
    }
    // Nothing matched (or the filter names an organisation out of reach, which looks the same):
    // no workbook and no audit row, just the answer.
    if (total === 0) {
      throw new AppError('export.empty', 422, 'no household matches the filter', {
        fields: [{ field: 'body', message: '没有符合条件的困难职工户，无可导出的数据 / nothing to export' }],
      });
    }
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'household.export',
      subjectType: 'household',
      details: { filter: auditedFilter(filter), rows: total },
    });
    // Never more rows than were counted and audited, even if households are added meanwhile.
    async function* rows(): AsyncGenerator<HouseholdExportRow> {
      let sent = 0;
      let page = firstPage;
      for (let n = 1; ; n++) {
        if (n > 1) page = await query(n);
        for (const h of page.items) {
          if (sent >= total) return;
          sent += 1;
          yield householdExportRow(h);
        }
        if (page.items.length < BATCH || sent >= total) return;
      }
    }
    return writeXlsx(out, { sheetName: '困难职工户', columns: HOUSEHOLD_EXPORT_COLUMNS, rows: rows() });
  }
}
