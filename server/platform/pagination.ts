import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';

/** Query-string paging shared by every list route: `?page=1&pageSize=20&sort=name&order=asc`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Runs a count and a page of the same filtered query. `sortColumns` maps public sort names to
 * columns, so a client can never sort by something unindexed or hidden.
 */
export async function fetchPage<DB, TB extends keyof DB, O, R>(
  query: SelectQueryBuilder<DB, TB, O>,
  paging: { page: number; pageSize: number },
  order: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  map: (row: O) => R,
): Promise<Page<R>> {
  const countRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const total = Number((countRow as { n?: number } | undefined)?.n ?? 0);
  const rows = await order(query)
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return { items: rows.map(map), total, page: paging.page, pageSize: paging.pageSize };
}
