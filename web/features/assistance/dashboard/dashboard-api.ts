import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  Dashboard,
  DashboardChart,
  DashboardQuery,
  DrillMetric,
  DrillPage,
} from '../../../../contracts/help';
import { apiDownload, apiGet, withQuery, type Download } from '../../../api/client';

/**
 * The dashboard's calls and its state in the URL. Filters, the open drill-down and its page all
 * live in the search params, so a drill-down can be shared as a link and the back button closes
 * it or undoes the last filter.
 */
export type DashboardFilters = z.infer<typeof DashboardQuery>;
export type DashboardData = z.infer<typeof Dashboard>;
export type DrillMetricName = z.infer<typeof DrillMetric>;
export type DashboardChartName = z.infer<typeof DashboardChart>;
export type DrillPageData = z.infer<typeof DrillPage>;
export type DrillRowData = DrillPageData['items'][number];

export const FILTER_KEYS = ['from', 'to', 'divisionCode', 'orgId', 'campaignId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The drill-down in the URL: which number, and optionally a narrower period (one week of the line chart). */
export interface DrillState {
  metric: DrillMetricName;
  key: string;
  /** A week's bounds, intersected with the period filter. */
  from?: string;
  to?: string;
  page: number;
}

const DRILL_KEYS = ['drill', 'key', 'dfrom', 'dto', 'dpage'] as const;
export const DRILL_PAGE_SIZE = 20;

/** A value from the URL kept only when the contract accepts it: a hand-edited link never reaches the server as a 400. */
function valid(key: FilterKey, value: string | null): string | undefined {
  if (!value) return undefined;
  return DashboardQuery.shape[key].safeParse(value).success ? value : undefined;
}

function readFilters(params: URLSearchParams): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = valid(key, params.get(key));
    if (value) filters[key] = value;
  }
  return filters;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readDrill(params: URLSearchParams): DrillState | null {
  const metric = DrillMetric.safeParse(params.get('drill'));
  if (!metric.success) return null;
  const page = Number(params.get('dpage') ?? '1');
  const from = params.get('dfrom') ?? '';
  const to = params.get('dto') ?? '';
  return {
    metric: metric.data,
    key: (params.get('key') ?? '').slice(0, 80),
    from: DATE.test(from) ? from : undefined,
    to: DATE.test(to) ? to : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
  };
}

/** `later(a, b)`: the later of two yyyy-mm-dd dates (text order is date order). */
const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));
const earlier = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : (a ?? b));

/** The query behind an open drill-down: the page's filters, narrowed by the drill's own period. */
export function drillQuery(filters: DashboardFilters, drill: DrillState) {
  return {
    ...filters,
    from: later(filters.from, drill.from),
    to: earlier(filters.to, drill.to),
    metric: drill.metric,
    key: drill.key,
    page: drill.page,
    pageSize: DRILL_PAGE_SIZE,
  };
}

interface DrillOpenState {
  drillOpened?: boolean;
}

export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const filters = useMemo(() => readFilters(params), [params]);
  const drill = useMemo(() => readDrill(params), [params]);

  /** A filter change is a history entry (the back button undoes it) and closes any drill-down. */
  const setFilters = useCallback(
    (changes: Partial<Record<FilterKey, string | undefined>>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        for (const key of DRILL_KEYS) next.delete(key);
        return next;
      });
    },
    [setParams],
  );

  const resetFilters = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  const openDrill = useCallback(
    (next: Omit<DrillState, 'page'>) => {
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          for (const key of DRILL_KEYS) out.delete(key);
          out.set('drill', next.metric);
          out.set('key', next.key);
          if (next.from) out.set('dfrom', next.from);
          if (next.to) out.set('dto', next.to);
          return out;
        },
        { state: { drillOpened: true } satisfies DrillOpenState },
      );
    },
    [setParams],
  );

  const setDrillPage = useCallback(
    (page: number) =>
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          if (page > 1) out.set('dpage', String(page));
          else out.delete('dpage');
          return out;
        },
        { replace: true, state: location.state as unknown },
      ),
    [setParams, location.state],
  );

  /** Closing goes back when we opened it (so back/forward stay natural), else drops the params. */
  const closeDrill = useCallback(() => {
    if ((location.state as DrillOpenState | null)?.drillOpened) {
      void navigate(-1);
      return;
    }
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const key of DRILL_KEYS) out.delete(key);
        return out;
      },
      { replace: true },
    );
  }, [location.state, navigate, setParams]);

  return { filters, drill, setFilters, resetFilters, openDrill, setDrillPage, closeDrill };
}

const root = ['dashboard'] as const;

export function useDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: [...root, filters],
    queryFn: ({ signal }) => apiGet(withQuery('/api/dashboard', { ...filters }), Dashboard, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useDrill(query: ReturnType<typeof drillQuery> | null) {
  return useQuery({
    queryKey: [...root, 'drill', query],
    queryFn: ({ signal }) => apiGet(withQuery('/api/dashboard/drill', { ...query }), DrillPage, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export interface ExportInput {
  filters: DashboardFilters;
  chart?: DashboardChartName;
}

/** The workbook as filtered now: one sheet per chart, or the one chart. */
export function useDashboardExport() {
  return useMutation({
    mutationFn: ({ filters, chart }: ExportInput): Promise<Download> =>
      apiDownload(withQuery('/api/dashboard/export', { ...filters, chart })),
  });
}

/**
 * A week of the line chart as dates: the server may name a week by its Monday (`2026-03-02`) or
 * as an ISO week (`2026-W10`); anything else is not narrowed.
 */
export function weekRange(week: string): { from: string; to: string } | null {
  let monday: Date | null = null;
  if (DATE.test(week)) {
    monday = new Date(`${week}T00:00:00Z`);
  } else {
    const iso = /^(\d{4})-?W(\d{1,2})$/i.exec(week);
    if (iso) {
      const year = Number(iso[1]);
      const n = Number(iso[2]);
      // ISO week 1 holds 4 January.
      const jan4 = new Date(Date.UTC(year, 0, 4));
      const day = jan4.getUTCDay() || 7;
      monday = new Date(jan4.getTime() + ((n - 1) * 7 - (day - 1)) * 86_400_000);
    }
  }
  if (!monday || Number.isNaN(monday.getTime())) return null;
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}
