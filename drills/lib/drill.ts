import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { buildApp, MIGRATIONS, type App } from '../../server/app';
import { ephemeralSecrets, loadConfig, type AppConfig, type Secrets } from '../../server/config';
import { createDatabase, type DatabaseHandle } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { PasswordHasher } from '../../server/platform/auth/password';
import { MemorySmsSender } from '../../server/platform/sms';
import { seedFoundation } from '../../server/seed/foundation';

/**
 * What every drill shares: the profile from the command line, ✓/✗ checks with one verdict, and
 * an app on a fresh database of either engine that child processes (npm run audit:verify, a real
 * server) can open too.
 */

export type Engine = 'sqlite' | 'postgres';

export interface DrillArgs {
  quick: boolean;
  engines: Engine[];
  /** Keep the databases and files the drill made (for a look afterwards). */
  keep: boolean;
}

export function parseArgs(argv = process.argv.slice(2)): DrillArgs {
  const quick = argv.includes('--quick') && !argv.includes('--full');
  const engineArg = argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length) ?? 'both';
  const engines: Engine[] =
    engineArg === 'sqlite' ? ['sqlite'] : engineArg === 'postgres' ? ['postgres'] : ['sqlite', 'postgres'];
  return { quick, engines, keep: argv.includes('--keep') };
}

/** The PostgreSQL the drills use: DRILL_DATABASE_URL, else the tests' TEST_DATABASE_URL, else the local one. */
export const PG_URL =
  process.env.DRILL_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export class Verdict {
  private failed: string[] = [];
  private passed = 0;
  private readonly started = performance.now();

  constructor(readonly name: string) {}

  check(ok: boolean, label: string, detail?: string): boolean {
    process.stdout.write(`${ok ? '✓' : '✗'} ${label}${detail ? ` — ${detail}` : ''}\n`);
    if (ok) this.passed++;
    else this.failed.push(label);
    return ok;
  }

  info(line: string): void {
    process.stdout.write(`  ${line}\n`);
  }

  section(title: string): void {
    process.stdout.write(`\n== ${title}\n`);
  }

  get ok(): boolean {
    return this.failed.length === 0;
  }

  /** Prints the verdict and sets the exit code: non-zero when any check failed. */
  finish(): void {
    const secs = ((performance.now() - this.started) / 1000).toFixed(1);
    process.stdout.write(
      `\n${this.ok ? '✓ PASS' : '✗ FAIL'} ${this.name}: ${this.passed} checks passed, ${this.failed.length} failed (${secs} s)\n`,
    );
    for (const f of this.failed) process.stdout.write(`  ✗ ${f}\n`);
    process.exitCode = this.ok ? 0 : 1;
  }
}

/** Runs one drill body, turning a crash into a failed check rather than a stack trace alone. */
export async function runDrill(v: Verdict, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    v.check(false, 'drill ran to the end', err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  v.finish();
}

export function testSecrets(): Secrets {
  return ephemeralSecrets();
}

/** The environment a child process needs to open the same database with the same keys. */
export function childEnv(
  url: string,
  secrets: Secrets,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url,
    FIELD_KEYS: Object.entries(secrets.fieldKeys)
      .map(([k, v]) => `${k}:${v}`)
      .join(','),
    FIELD_KEY_ACTIVE: secrets.fieldKeyActive,
    BLIND_INDEX_KEY: secrets.blindIndexKey,
    AUDIT_HMAC_KEY: secrets.auditHmacKey,
    SECRETS_FILE: '/nonexistent/never-written.json',
    ...extra,
  };
}

export interface FreshDatabase {
  engine: Engine;
  handle: DatabaseHandle;
  /** A DATABASE_URL that opens this database from another process. */
  url: string;
  /** The SQLite file, or the PostgreSQL schema. */
  file?: string;
  schema?: string;
  drop(): Promise<void>;
}

export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function pgExec(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** A URL with `-c search_path=<schema>` in its options, as pg understands it. */
export function pgSchemaUrl(schema: string): string {
  const sep = PG_URL.includes('?') ? '&' : '?';
  return `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A fresh, migrated database: a SQLite file in `dir`, or a PostgreSQL schema of its own. */
export async function freshDatabase(engine: Engine, dir: string, name: string): Promise<FreshDatabase> {
  if (engine === 'sqlite') {
    const file = `${dir}/${name}.db`;
    const handle = createDatabase(`sqlite:${file}`);
    await migrateToLatest(handle, MIGRATIONS);
    return { engine, handle, url: `sqlite:${file}`, file, drop: async () => {} };
  }
  const schema = `drill_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await pgExec(`CREATE SCHEMA ${schema}`);
  const handle = createDatabase(PG_URL, { schema, poolSize: 5 });
  await migrateToLatest(handle, MIGRATIONS);
  return {
    engine,
    handle,
    url: pgSchemaUrl(schema),
    schema,
    drop: () => pgExec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

export interface DrillApp extends App {
  config: AppConfig;
  orgs: Map<string, string>;
  users: Map<string, string>;
  sms: MemorySmsSender;
}

/** The whole app (production wiring, fast password hashing, no request logs) with the demo organisations and users. */
export async function drillApp(
  db: FreshDatabase,
  secrets: Secrets,
  overrides: Partial<AppConfig> = {},
): Promise<DrillApp> {
  const base = loadConfig({
    NODE_ENV: 'test',
    SECRETS_FILE: '/nonexistent/never-written.json',
    FIELD_KEYS: 'x:y',
    BLIND_INDEX_KEY: 'x',
    AUDIT_HMAC_KEY: 'x',
  });
  const config: AppConfig = { ...base, secrets, rateLimitPerMinute: 1_000_000, ...overrides };
  const sms = new MemorySmsSender();
  const built = await buildApp({
    config,
    database: db.handle,
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
    sms,
  });
  const seeded = await seedFoundation(built.platform);
  return { ...built, config, orgs: seeded.orgs, users: seeded.users, sms };
}

/** `npm run <script>` in a child process; its exit code and what it printed. */
export function npmRun(
  script: string,
  env: NodeJS.ProcessEnv,
): { status: number | null; out: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', script], { env, encoding: 'utf8', cwd: process.cwd() });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim(), ms: performance.now() - t0 };
}

export const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
