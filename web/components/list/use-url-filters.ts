import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

/**
 * A list route's query schema from contracts/ (a `PageQuery.extend({ … })`): every field is read
 * on its own, so one bad or stale value falls back to its default without the others.
 */
export type QuerySchema = z.ZodObject<z.ZodRawShape>;

/** What the URL may carry: the schema's paging and the fields the page names (never personal data). */
export type UrlFilters<S extends QuerySchema, K extends keyof z.output<S>> = Pick<z.output<S>, K> & {
  page: number;
  pageSize: number;
};

type Values = Record<string, unknown>;

/** The schema's own default of a field (undefined for an optional one). */
const schemaDefault = (schema: QuerySchema, key: string): unknown => {
  const field = schema.shape[key] as z.ZodType | undefined;
  if (field === undefined) return undefined;
  const parsed = field.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
};

/** A field's value when the URL has none: the page's own default, else the schema's. */
const fieldDefault = (schema: QuerySchema, key: string, defaults: Values): unknown =>
  defaults[key] !== undefined ? defaults[key] : schemaDefault(schema, key);

const PAGING = ['page', 'pageSize'] as const;

/**
 * The page's filters from the URL's search parameters: each of `keys` (and the paging) parsed by
 * its field of the contract's schema; a missing or refused value takes its default.
 */
export function parseUrlFilters<S extends QuerySchema, K extends keyof z.output<S> & string>(
  schema: S,
  keys: readonly K[],
  params: URLSearchParams,
  defaults: Partial<z.output<S>> = {},
): UrlFilters<S, K> {
  const out: Values = {};
  for (const key of [...PAGING, ...keys]) {
    const field = schema.shape[key] as z.ZodType | undefined;
    const raw = params.get(key);
    if (raw === '') {
      // Cleared on purpose (`state=`): the schema's default, not the page's.
      out[key] = schemaDefault(schema, key);
      continue;
    }
    const parsed = field !== undefined && raw !== null ? field.safeParse(raw) : undefined;
    out[key] = parsed?.success ? parsed.data : fieldDefault(schema, key, defaults as Values);
  }
  return out as UrlFilters<S, K>;
}

/**
 * The search parameters for `values`: defaults and empty values are left out (a fresh page has a
 * bare URL), the keys in the schema's order.
 */
export function serialiseUrlFilters<S extends QuerySchema, K extends keyof z.output<S> & string>(
  schema: S,
  keys: readonly K[],
  values: Partial<UrlFilters<S, K>>,
  defaults: Partial<z.output<S>> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  const wanted = new Set<string>([...PAGING, ...keys]);
  for (const key of Object.keys(schema.shape)) {
    if (!wanted.has(key)) continue;
    const value = (values as Values)[key];
    const fallback = fieldDefault(schema, key, defaults as Values);
    if (value === undefined || value === null || value === '') {
      // Cleared where the page has a default of its own (所有状态 where 待回访 is the default).
      if (fallback !== undefined && schemaDefault(schema, key) === undefined) params.set(key, '');
      continue;
    }
    if (value === fallback) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    params.set(key, String(value));
  }
  return params;
}

export interface UrlFiltersOptions<S extends QuerySchema, K extends keyof z.output<S> & string> {
  /** The fields the URL carries. Free text that may hold a name or an identifier stays in memory. */
  keys: readonly K[];
  /** The page's defaults where they differ from the schema's (a caring unit starts on 待接收). */
  defaults?: Partial<z.output<S>>;
}

/**
 * A list page's filters kept in the URL: read through the contract's query schema, written back
 * with `replace` (typing and choosing do not fill the history; a page turn is pushed), the page
 * back to 1 whenever a filter changes. `paging`/`onPage` plug into PagedTable.
 */
export function useUrlFilters<S extends QuerySchema, K extends keyof z.output<S> & string>(
  schema: S,
  { keys, defaults }: UrlFiltersOptions<S, K>,
) {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // The keys and defaults are the page's constants: the URL alone changes the filters.
  const filters = useMemo(() => parseUrlFilters(schema, keys, params, defaults), [schema, search]);

  const write = useCallback(
    (next: Partial<UrlFilters<S, K>>, push: boolean) =>
      setParams(
        (current) => {
          // What the page keeps elsewhere in the URL (its tab) stays as it is.
          const kept = new URLSearchParams(current);
          for (const key of [...PAGING, ...keys]) kept.delete(key);
          for (const [key, value] of serialiseUrlFilters(schema, keys, next, defaults)) kept.set(key, value);
          return kept;
        },
        { replace: !push },
      ),
    [schema, setParams],
  );

  /** Change some filters: the page goes back to 1. */
  const setFilters = useCallback(
    (patch: Partial<Pick<z.output<S>, K>>) => write({ ...filters, ...patch, page: 1 }, false),
    [filters, write],
  );
  const onPage = useCallback(
    (page: number, pageSize: number) => write({ ...filters, page, pageSize }, true),
    [filters, write],
  );
  const reset = useCallback(() => write({}, false), [write]);

  return {
    filters,
    setFilters,
    reset,
    paging: { page: filters.page, pageSize: filters.pageSize },
    onPage,
  };
}
