/**
 * What the drills share: checks with a verdict, the real app as a child process (start, kill -9,
 * restart on the same database), a cookie + CSRF HTTP client, the foundation seed (organisations
 * and users only, no demo data) and the per-table count + hash used to compare databases.
 * Not a drill itself: the runner only picks up drills/f<N>.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { arg, flag, freshDatabase, type Engine, type FreshDatabase } from '../bench/lib';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import type { Database } from '../server/db/schema';
import { seedFoundation } from '../server/seed/foundation';

export { arg, flag, freshDatabase, numArg, PG_URL, type Engine, type FreshDatabase } from '../bench/lib';

export const DEMO_PASSWORD = 'UnionCare2026';
export const quick = flag('quick');
export const WORK_DIR = '/tmp/unioncare-drills';
mkdirSync(WORK_DIR, { recursive: true });

export const log = (s = ''): void => void process.stdout.write(`${s}\n`);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ---- checks and the verdict ----

const results: { name: string; ok: boolean }[] = [];

/** Records one check and prints it as ✓ or ✗ with its detail. */
export function check(name: string, ok: boolean, detail = ''): boolean {
  results.push({ name, ok });
  log(`  ${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

export function section(title: string): void {
  log(`\n— ${title}`);
}

/** Prints the verdict and exits: 0 only when every check passed (and there was at least one). */
export function verdict(drill: string, started: number): never {
  const failed = results.filter((r) => !r.ok);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = results.length > 0 && failed.length === 0;
  log(
    `\n${drill}: ${ok ? 'PASS' : 'FAIL'} — ${results.length - failed.length}/${results.length} checks in ${secs} s` +
      (failed.length ? `\n  failed: ${failed.map((f) => f.name).join('; ')}` : ''),
  );
  process.exit(ok ? 0 : 1);
}

/** Runs a drill's body; an unexpected exception is a failed check, never a silent pass. */
export async function drill(name: string, body: () => Promise<void>): Promise<never> {
  const started = Date.now();
  try {
    await body();
  } catch (err) {
    check('drill ran to its end', false, err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await Promise.all([...apps].map((a) => a.kill9()));
  }
  return verdict(name, started);
}

// ---- the real app process ----

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

const apps = new Set<AppProcess>();

/**
 * `node --import tsx server/main.ts` (what `npm run serve` runs) on a given database and secrets
 * file, without demo data. kill9() is SIGKILL: no shutdown hook runs, nothing is flushed.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private output = '';
  url = '';
  port = 0;
  starts = 0;

  constructor(
    readonly databaseUrl: string,
    readonly secretsFile: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 60_000): Promise<number> {
    const t0 = Date.now();
    if (!this.port) this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        SECRETS_FILE: this.secretsFile,
        SEED_DEMO: 'false',
        LOG_LEVEL: process.env.DRILL_APP_LOG_LEVEL ?? 'warn',
        // Every client comes from 127.0.0.1: the per-IP budget would otherwise throttle the load.
        RATE_LIMIT_PER_MINUTE: '10000000',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    apps.add(this);
    const keep = (d: Buffer) => {
      this.output = (this.output + String(d)).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`app exited early (${child.exitCode}):\n${this.output}`);
      if (await this.healthy()) break;
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`app did not start in ${timeoutMs} ms:\n${this.output}`);
      await sleep(100);
    }
    this.starts += 1;
    return Date.now() - t0;
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) return false;
      const body = (await res.json()) as { status?: string };
      return body.status === 'ok';
    } catch {
      return false;
    }
  }

  /** SIGKILL and wait for the process to be gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    apps.delete(this);
  }

  /** SIGTERM (the app's own shutdown), for a clean end. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    if (this.running) await this.kill9();
    apps.delete(this);
  }

  /** Peak resident set size of the app process (VmHWM), in bytes. */
  peakRss(): number {
    if (!this.pid) return 0;
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  }

  tail(lines = 20): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}

// ---- HTTP client (cookies + CSRF) ----

export interface Reply {
  status: number;
  body: unknown;
  text: string;
}

/** A signed-in person: keeps uc_session / uc_csrf and echoes the CSRF token on writes. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(public baseUrl: string) {}

  private absorb(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { raw?: Buffer; type?: string; timeoutMs?: number } = {},
  ): Promise<Reply> {
    if (!this.cookies.has('uc_csrf')) this.absorb(await fetch(`${this.baseUrl}/api/health`));
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('uc_csrf') ?? '';
    let payload: BodyInit | undefined;
    if (opts.raw !== undefined) {
      payload = new Uint8Array(opts.raw);
      headers['content-type'] = opts.type ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    });
    this.absorb(res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, text };
  }

  /**
   * POST of raw bytes through node:http, keeping an answer that comes before the body is sent in
   * full (a 413 for a declared length over the limit; fetch reports only the broken pipe then).
   */
  async upload(path: string, body: Buffer, type: string): Promise<Reply> {
    if (!this.cookies.has('uc_csrf')) this.absorb(await fetch(`${this.baseUrl}/api/health`));
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': this.cookies.get('uc_csrf') ?? '',
          'content-type': type,
          'content-length': String(body.length),
        },
        timeout: 120_000,
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      req.end(body);
    });
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});

  async login(username: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return this;
  }
}

export const signIn = (baseUrl: string, username: string) => new Client(baseUrl).login(username);

// ---- databases ----

export interface DrillDatabase extends FreshDatabase {
  engine: Engine;
  secretsFile: string;
  /** Organisation ids by seed key (hospital, qtx, …). */
  orgs: Map<string, string>;
}

/**
 * A fresh migrated database (SQLite file or PostgreSQL schema, as the benches make them) with the
 * demo organisations and users only, seeded with the same secrets file the app will be given.
 */
export async function foundationDatabase(engine: Engine, label: string): Promise<DrillDatabase> {
  const fresh = await freshDatabase(engine, label, flag('keep'));
  const secretsFile = join(WORK_DIR, `${label}-${Date.now()}-${process.pid}-secrets.json`);
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: fresh.url,
    SECRETS_FILE: secretsFile,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
  });
  const { app, platform } = await buildApp({ config, database: fresh.handle, logger: false });
  const { orgs } = await seedFoundation(platform);
  await app.close();
  const drop = async () => {
    await fresh.drop();
    if (!flag('keep')) rmSync(secretsFile, { force: true });
  };
  return { ...fresh, drop, engine, secretsFile, orgs };
}

export const engineArg = (fallback: 'sqlite' | 'postgres' | 'both'): Engine[] => {
  const e = arg('engine', fallback);
  if (e === 'both') return ['sqlite', 'postgres'];
  if (e !== 'sqlite' && e !== 'postgres') throw new Error('--engine sqlite|postgres|both');
  return [e];
};

/** Today and day offsets as YYYY-MM-DD (UTC), for dates the services check against the clock. */
export const day = (offset = 0): string =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// ---- table fingerprints (F-17) ----

export interface TableFingerprint {
  rows: number;
  sha256: string;
}

/** Application tables of a SQLite file or a PostgreSQL schema, with their primary key columns. */
async function tablesOf(db: Kysely<Database>, engine: Engine): Promise<{ name: string; key: string[] }[]> {
  if (engine === 'sqlite') {
    const names = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(
      db,
    );
    const out: { name: string; key: string[] }[] = [];
    for (const { name } of names.rows) {
      const cols = await sql<{
        name: string;
        pk: number;
      }>`SELECT name, pk FROM pragma_table_info(${name})`.execute(db);
      const key = cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      out.push({ name, key: key.length ? key : cols.rows.map((c) => c.name) });
    }
    return out;
  }
  const names = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const out: { name: string; key: string[] }[] = [];
  for (const { name } of names.rows) {
    const pk = await sql<{ col: string }>`
      SELECT a.attname AS col
      FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass
        AND i.indisprimary
      ORDER BY array_position(i.indkey, a.attnum)`.execute(db);
    let key = pk.rows.map((r) => r.col);
    if (!key.length) {
      const cols = await sql<{ col: string }>`
        SELECT column_name AS col FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${name} ORDER BY ordinal_position`.execute(db);
      key = cols.rows.map((r) => r.col);
    }
    out.push({ name, key });
  }
  return out;
}

const hashValue = (v: unknown): string => {
  if (v === null || v === undefined) return '\u0000null';
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `b:${Buffer.from(v).toString('hex')}`;
  if (v instanceof Date) return `d:${v.toISOString()}`;
  if (typeof v === 'object') return `j:${JSON.stringify(v)}`;
  return `${typeof v}:${String(v)}`;
};

/**
 * Row count and SHA-256 of every table: rows in primary-key order, each row's values in column
 * order. `db` must be a plain (no CamelCase plugin) Kysely on the database or snapshot to read.
 */
export async function fingerprint(
  db: Kysely<Database>,
  engine: Engine,
): Promise<Map<string, TableFingerprint>> {
  const out = new Map<string, TableFingerprint>();
  for (const t of await tablesOf(db, engine)) {
    const order = sql.join(t.key.map((k) => sql.ref(k)));
    const rows = await sql<
      Record<string, unknown>
    >`SELECT * FROM ${sql.table(t.name)} ORDER BY ${order}`.execute(db);
    const h = createHash('sha256');
    for (const r of rows.rows) {
      for (const v of Object.values(r)) h.update(hashValue(v)).update('\u0001');
      h.update('\u0002');
    }
    out.set(t.name, { rows: rows.rows.length, sha256: h.digest('hex') });
  }
  return out;
}
