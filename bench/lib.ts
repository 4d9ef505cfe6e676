/**
 * What every bench scenario shares: arguments, a fresh database on either engine, percentiles,
 * memory readings and the printed table. Scenarios print figures next to a baseline measured in
 * the same run, as a ratio; they never pass or fail on a time (these machines are noisy).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import pg from 'pg';
import { MIGRATIONS } from '../server/app';
import { createDatabase, type DatabaseHandle } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrator';

export type Engine = 'sqlite' | 'postgres';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `--name value` from the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined && !process.argv[i + 1].startsWith('--')
    ? process.argv[i + 1]
    : fallback;
}
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);
export const numArg = (name: string, fallback: number): number => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
};
/** `--engine sqlite|postgres|both` (default both): the engines a scenario runs on. */
export function engines(fallback: 'sqlite' | 'postgres' | 'both' = 'both'): Engine[] {
  const e = arg('engine', fallback);
  if (e === 'both') return ['sqlite', 'postgres'];
  if (e !== 'sqlite' && e !== 'postgres') throw new Error('--engine sqlite|postgres|both');
  return [e];
}

export const log = (s = ''): void => void process.stdout.write(`${s}\n`);
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const ratio = (value: number, baseline: number): string =>
  baseline > 0 ? `${(value / baseline).toFixed(2)}×` : 'n/a';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Peak resident memory of this process so far (Linux: ru_maxrss in KiB). */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** A plain text table: the figures a reader copies into docs/BENCHMARKS.md. */
export function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log(line(headers));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) log(line(r));
}

export interface FreshDatabase {
  handle: DatabaseHandle;
  /** A DATABASE_URL another process (an app under test) can open: the same file or schema. */
  url: string;
  schema?: string;
  where: string;
  drop(): Promise<void>;
}

/** A migrated, empty database: a SQLite file under /tmp, or a fresh PostgreSQL schema. */
export async function freshDatabase(
  engine: Engine,
  label: string,
  keep = flag('keep'),
): Promise<FreshDatabase> {
  const tag = `${label}-${randomBytes(3).toString('hex')}`;
  if (engine === 'sqlite') {
    const file = `/tmp/unioncare-bench-${tag}.db`;
    const handle = createDatabase(`sqlite:${file}`);
    await migrateToLatest(handle, MIGRATIONS);
    return {
      handle,
      url: `sqlite:${file}`,
      where: file,
      drop: async () => {
        await handle.close().catch(() => undefined);
        if (keep) return;
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const schema = `bench_${tag.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = createDatabase(PG_URL, { schema, poolSize: 10 });
  await migrateToLatest(handle, MIGRATIONS);
  return {
    handle,
    url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    where: `${PG_URL} schema ${schema}`,
    drop: async () => {
      await handle.close().catch(() => undefined);
      if (keep) return;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** One entry of Vite's manifest (dist/web/.vite/manifest.json, `build.manifest`). */
export interface Chunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, Chunk>;

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizes = new Map<string, Size>();
/** A built file's size as is, gzipped (level 9) and brotli (quality 11); read once a run. */
export function sizeOf(path: string): Size {
  let s = sizes.get(path);
  if (!s) {
    const bytes = readFileSync(path);
    s = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
    sizes.set(path, s);
  }
  return s;
}

/** The sizes of files under `dir`, added up. */
export function sumSizes(files: Iterable<string>, dir: string): Size {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = sizeOf(join(dir, f));
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
  }
  return total;
}

export const kb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a';

/** The JS files a manifest key loads before running: itself and its static imports, transitively. */
export function closure(manifest: Manifest, keys: string[], into = new Set<string>()): Set<string> {
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no ${key}`);
    if (into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return into;
}
