/**
 * `npm run bench -- processes [--duration 10] [--warmup 5] [--connections 24] [--households 200] [--referrals 48]
 * [--stock 5] [--limit 60] [--redis redis://127.0.0.1:6379] [--keep]`
 *
 * Several app processes of one installation: real `server/main.ts` processes on one fresh
 * PostgreSQL schema, sharing the keys (one SECRETS_FILE) and the rate-limit store (REDIS_URL).
 *
 * 1. Throughput: a realistic mix (3 authenticated reads : 1 screening write) through a round-robin
 *    TCP proxy on loopback, first with one process behind it (the baseline), then three; req/s,
 *    p50/p99 and the ratio. Printed, never judged.
 * 2. Across processes, straight at A, B and C: a session made on A works on B and C, logout on A
 *    ends it on B and C at once, the login lockout counted on A holds on B and C, the rate limit
 *    is one count (the (limit+1)th request is refused whichever process it reaches), parallel
 *    referrals against small stock spread over the three never exceed it, and duplicate
 *    screenings with one clientRef give one household. Each prints ✓/✗; the scenario exits 1
 *    when one of these fails.
 *
 * The processes trust X-Forwarded-For from loopback (TRUST_PROXY=loopback) so the bench can play many clients from
 * one machine: every request carries an address of its own unless a check needs one client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, connect, type Server as NetServer, type Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { DEMO_PASSWORD, seedFoundation } from '../server/seed/foundation';
import { arg, freshDatabase, log, ms, numArg, ratio, table } from './lib';

// autocannon ships no types: the little of it used here.
interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

const DURATION = numArg('duration', 10);
const WARMUP = numArg('warmup', 5);
const CONNECTIONS = numArg('connections', 24);
const HOUSEHOLDS = numArg('households', 200);
const REFERRALS = numArg('referrals', 48);
const STOCK = numArg('stock', 5);
const LIMIT = numArg('limit', 60);
const REDIS_URL = arg('redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const YESTERDAY = day(-1);

// ---------------------------------------------------------------------------------------------
// Processes and the proxy

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

interface AppProcess {
  name: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

async function startProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + String(d)).slice(-20_000)));
  child.stderr?.on('data', (d) => (output = (output + String(d)).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process ${name} exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`process ${name} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    port,
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Round-robin per connection over the given ports: one node:net pipe each way. */
async function startProxy(ports: number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<Socket>();
  const server: NetServer = createServer((client) => {
    const upstream = connect(ports[next++ % ports.length], '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// A cookie-keeping client that may talk to any process

let ipSeq = 0;
/** A client address of its own per request (10.x.y.z), so only the rate-limit check meets the limit. */
const nextIp = () => {
  const n = ++ipSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly fixedIp?: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get csrf(): string {
    return this.cookies.get('uc_csrf') ?? '';
  }

  async call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
    if (!this.cookies.has('uc_csrf') && method !== 'GET') await this.call(base, 'GET', '/api/health');
    const headers: Record<string, string> = { 'x-forwarded-for': this.fixedIp ?? nextIp() };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  }
  get = (base: string, path: string) => this.call(base, 'GET', path);
  post = (base: string, path: string, body?: unknown) => this.call(base, 'POST', path, body ?? {});
}

async function signIn(base: string, username: string): Promise<Client> {
  const c = new Client();
  const res = await c.post(base, '/api/auth/login', { username, password: DEMO_PASSWORD });
  if (res.status !== 200)
    throw new Error(`sign-in as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Data

let formSeq = 0;
/** A valid screening form with an ID number and phone of its own (n < 40 × 366 × 1000). */
function screeningForm(n = ++formSeq, prefix = '批') {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  return {
    method: 'home_visit',
    screenedOn: YESTERDAY,
    headName: `${prefix}测${n}`,
    idNumber: makeIdNumber('640381', birth, String(n % 1000).padStart(3, '0')),
    phone: `139${String(n).padStart(8, '0')}`,
    situation: 'migrant_worker',
    divisionCode: '640381101',
    addressDetail: `大坝镇韦桥村三队 ${n} 号`,
    householdSize: 4,
    annualIncomeFen: 2_345_678,
    rigidExpenseFen: 600_000,
    causes: ['serious_illness'],
    members: [],
    needs: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Throughput

async function measure(
  label: string,
  proxyUrl: string,
  staff: Client,
  volunteer: Client,
  householdIds: string[],
): Promise<CannonResult> {
  const withIp = (req: CannonRequest): CannonRequest => ({
    ...req,
    headers: { ...req.headers, 'x-forwarded-for': nextIp() },
  });
  const json = { 'content-type': 'application/json' };
  const staffHeaders = { cookie: staff.cookieHeader, 'x-csrf-token': staff.csrf };
  const volunteerHeaders = { cookie: volunteer.cookieHeader, 'x-csrf-token': volunteer.csrf };
  const pick = () => householdIds[Math.floor(Math.random() * householdIds.length)];
  const requests: CannonRequest[] = [
    {
      method: 'POST',
      path: '/api/households/query',
      headers: { ...staffHeaders, ...json },
      setupRequest: (req) =>
        withIp({ ...req, body: JSON.stringify({ page: 1 + Math.floor(Math.random() * 5), pageSize: 20 }) }),
    },
    {
      method: 'GET',
      path: '/api/households/x',
      headers: staffHeaders,
      setupRequest: (req) => withIp({ ...req, path: `/api/households/${pick()}` }),
    },
    {
      method: 'POST',
      path: '/api/households/query',
      headers: { ...staffHeaders, ...json },
      setupRequest: (req) =>
        withIp({ ...req, body: JSON.stringify({ q: `批测${1 + Math.floor(Math.random() * 200)}` }) }),
    },
    {
      method: 'POST',
      path: '/api/screenings',
      headers: { ...volunteerHeaders, ...json },
      setupRequest: (req) => withIp({ ...req, body: JSON.stringify({ form: screeningForm() }) }),
    },
  ];
  // A warm-up so both runs meet warm JITs and connection pools in every process.
  await autocannon({ url: proxyUrl, connections: CONNECTIONS, duration: WARMUP, requests });
  const r = await autocannon({ url: proxyUrl, connections: CONNECTIONS, duration: DURATION, requests });
  log(
    `  ${label}: ${r.requests.total} requests in ${r.duration.toFixed(1)} s (status ${Object.entries(
      r.statusCodeStats ?? {},
    )
      .map(([code, v]) => `${v.count}×${code}`)
      .join(', ')}), errors ${r.errors}, timeouts ${r.timeouts}`,
  );
  return r;
}

// ---------------------------------------------------------------------------------------------
// Checks

const results: { name: string; ok: boolean; figures: string }[] = [];
function check(name: string, ok: boolean, figures: string): void {
  results.push({ name, ok, figures });
  log(`${ok ? '✓' : '✗'} ${name} — ${figures}`);
}

const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;
const summary = (codes: number[]) =>
  [...new Set(codes)]
    .sort()
    .map((c) => `${count(codes, c)}×${c}`)
    .join(', ');

async function main(): Promise<void> {
  log(
    `several processes · PostgreSQL · Redis ${REDIS_URL} · ${cpus().length} CPU cores · ` +
      `${CONNECTIONS} connections × ${DURATION} s per run`,
  );
  const fresh = await freshDatabase('postgres', 'processes');
  const dir = mkdtempSync(join(tmpdir(), 'uc-processes-'));
  const secretsFile = join(dir, 'secrets.json');
  const processes: AppProcess[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  try {
    // The organisations and users, written with the keys every process will read.
    const config = loadConfig({
      NODE_ENV: 'development',
      DATABASE_URL: fresh.url,
      SECRETS_FILE: secretsFile,
      LOG_LEVEL: 'warn',
    });
    const seeder = await buildApp({ config, database: fresh.handle, logger: false });
    await seedFoundation(seeder.platform);
    await seeder.app.close();

    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: fresh.url,
      SECRETS_FILE: secretsFile,
      SEED_DEMO: 'false',
      REDIS_URL,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    const a = await startProcess('A', env);
    processes.push(a);

    // Households to read.
    const staff = await signIn(a.url, 'qtx_staff');
    const volunteer = await signIn(a.url, 'cy_volunteer');
    const householdIds: string[] = [];
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const r = await volunteer.post(a.url, '/api/screenings', { form: screeningForm() });
      if (r.status !== 200) throw new Error(`screening: ${r.status} ${JSON.stringify(r.body)}`);
      householdIds.push(r.body.householdId as string);
    }
    log(`schema ${fresh.schema}: ${HOUSEHOLDS} households screened to read`);

    // Each request of the mix alone, one at a time, on one process: what the mix is made of.
    {
      const probe = async (label: string, run: () => Promise<Reply>) => {
        const times: number[] = [];
        const codes: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t0 = performance.now();
          codes.push((await run()).status);
          times.push(performance.now() - t0);
        }
        return [label, ms(times.reduce((x, y) => x + y, 0) / times.length), summary(codes)];
      };
      const pick = () => householdIds[Math.floor(Math.random() * householdIds.length)];
      log('\nEach request of the mix alone (20 in a row, one process):');
      table(
        ['request', 'mean ms', 'status'],
        [
          await probe('POST /api/households/query', () =>
            staff.post(a.url, '/api/households/query', { page: 1, pageSize: 20 }),
          ),
          await probe('GET /api/households/:id', () => staff.get(a.url, `/api/households/${pick()}`)),
          await probe('POST /api/households/query {q}', () =>
            staff.post(a.url, '/api/households/query', { q: `批测${1 + Math.floor(Math.random() * 200)}` }),
          ),
          await probe('POST /api/screenings', () =>
            volunteer.post(a.url, '/api/screenings', { form: screeningForm() }),
          ),
        ],
      );
    }

    log('\nThroughput: 3 reads (households page, detail, name search) : 1 screening write');
    proxy = await startProxy([a.port]);
    const one = await measure('1 process ', proxy.url, staff, volunteer, householdIds);
    await proxy.close();

    processes.push(await startProcess('B', env), await startProcess('C', env));
    const [, b, c] = processes;
    proxy = await startProxy(processes.map((p) => p.port));
    const three = await measure('3 processes', proxy.url, staff, volunteer, householdIds);
    await proxy.close();
    proxy = undefined;

    log('');
    table(
      ['setup', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'],
      [
        ['1 process', one.requests.average.toFixed(0), ms(one.latency.p50), ms(one.latency.p99), one.non2xx],
        [
          '3 processes',
          three.requests.average.toFixed(0),
          ms(three.latency.p50),
          ms(three.latency.p99),
          three.non2xx,
        ],
        [
          'ratio 3/1',
          ratio(three.requests.average, one.requests.average),
          ratio(three.latency.p50, one.latency.p50),
          ratio(three.latency.p99, one.latency.p99),
          '',
        ],
      ],
    );
    log(`(${cpus().length} cores shared by the app processes, PostgreSQL, Redis, the proxy and autocannon)`);

    log(`\nAcross processes (A ${a.port}, B ${b.port}, C ${c.port})`);

    // Sessions live in the database.
    {
      const s = await signIn(a.url, 'gx_social');
      const onB = (await s.get(b.url, '/api/auth/me')).status;
      const onC = (await s.get(c.url, '/api/auth/me')).status;
      const session = s.cookieHeader.match(/uc_session=([^;]+)/)?.[1] ?? '';
      const out = (await s.post(a.url, '/api/auth/logout')).status;
      // Replay the old cookie, as a stolen or second tab would.
      const replay = new Client();
      await replay.get(b.url, '/api/health');
      const stale = async (base: string) => {
        const r = await fetch(`${base}/api/auth/me`, {
          headers: { cookie: `uc_session=${session}`, 'x-forwarded-for': nextIp() },
        });
        return r.status;
      };
      const afterB = await stale(b.url);
      const afterC = await stale(c.url);
      check(
        'a session made on A works on B and C',
        onB === 200 && onC === 200,
        `login on A, /api/auth/me on B ${onB}, on C ${onC}`,
      );
      check(
        'logout on A ends the session on B and C at once',
        out === 200 && afterB === 401 && afterC === 401,
        `logout on A ${out}, then the same cookie on B ${afterB}, on C ${afterC}`,
      );
    }

    // The login lockout counts in the database.
    {
      const guesser = new Client();
      const wrong: number[] = [];
      for (let i = 0; i < 5; i++) {
        wrong.push(
          (await guesser.post(a.url, '/api/auth/login', { username: 'auditor', password: 'wrong-password' }))
            .status,
        );
      }
      const right = new Client();
      const onB = await right.post(b.url, '/api/auth/login', {
        username: 'auditor',
        password: DEMO_PASSWORD,
      });
      const onC = await right.post(c.url, '/api/auth/login', {
        username: 'auditor',
        password: DEMO_PASSWORD,
      });
      check(
        'the login lockout counted on A holds on B and C',
        wrong.at(-1) === 423 && onB.status === 423 && onC.status === 423,
        `5 wrong passwords on A: ${wrong.join(' ')}; then the right one on B ${onB.status} ${String(onB.body.code)}, on C ${onC.status}`,
      );
    }

    // One rate-limit count in Redis.
    {
      const client = new Client(`192.0.2.${1 + Math.floor(Math.random() * 250)}`);
      const sent = LIMIT + 15;
      const seen: { via: string; status: number }[] = [];
      for (let i = 0; i < sent; i++) {
        const p = processes[i % 3];
        seen.push({ via: p.name, status: (await client.get(p.url, '/api/health')).status });
      }
      const allowed = seen.filter((s) => s.status === 200).length;
      const firstRefused = seen.findIndex((s) => s.status === 429) + 1;
      const refusedBy = processes.map(
        (p) => `${p.name} ${seen.filter((s) => s.via === p.name && s.status === 429).length}`,
      );
      const ok =
        allowed === LIMIT &&
        seen.slice(LIMIT).every((s) => s.status === 429) &&
        processes.every((p) => seen.some((s) => s.via === p.name && s.status === 429));
      check(
        'the rate limit is one count across processes',
        ok,
        `limit ${LIMIT}/min, ${sent} requests round-robin A→B→C: ${allowed} allowed, first refusal #${firstRefused}, refused by ${refusedBy.join(', ')} (each process alone saw ≤ ${Math.ceil(LIMIT / 3)} allowed)`,
      );
    }

    // Never more referrals than places, whichever process takes them.
    {
      const unit = await signIn(b.url, 'rmyy_staff');
      const worker = await signIn(c.url, 'cy_volunteer');
      const confirmer = await signIn(a.url, 'qtx_staff');
      const res = await unit.post(b.url, '/api/resources', {
        kind: 'green_channel',
        title: '限量爱心门诊',
        unit: '人次',
        quantity: STOCK,
        unitValueFen: 20000,
        validFrom: YESTERDAY,
        validUntil: day(180),
        audience: '建档困难职工家庭',
      });
      if (res.status !== 201) throw new Error(`resource: ${res.status} ${JSON.stringify(res.body)}`);
      const resourceId = res.body.id as string;
      const hospital = (
        await fresh.handle.db
          .selectFrom('organisation')
          .select('id')
          .where('name', '=', '青铜峡市人民医院')
          .executeTakeFirstOrThrow()
      ).id;
      const hs: string[] = [];
      for (let i = 0; i < REFERRALS; i++) {
        const p = processes[i % 3];
        const s = await worker.post(p.url, '/api/screenings', { form: screeningForm(undefined, '转介') });
        const h = s.body.householdId as string;
        const consent = await worker.post(p.url, `/api/households/${h}/consents`, {
          orgId: hospital,
          givenBy: 'self',
          method: 'signed_form',
          givenOn: YESTERDAY,
        });
        if (s.status !== 200 || consent.status !== 201)
          throw new Error(`referral setup: ${s.status} ${consent.status} ${JSON.stringify(consent.body)}`);
        // A volunteer's consent gates a referral once federation staff confirm it (issue 9 item 13).
        const confirmed = await confirmer.post(
          p.url,
          `/api/consents/${consent.body.id as string}/confirm`,
          {},
        );
        if (confirmed.status !== 200) throw new Error(`consent confirm: ${confirmed.status}`);
        hs.push(h);
      }
      const started = performance.now();
      const replies = await Promise.all(
        hs.map((h, i) =>
          worker.post(processes[i % 3].url, `/api/households/${h}/referrals`, { resourceId, need: '门诊' }),
        ),
      );
      const took = performance.now() - started;
      const codes = replies.map((r) => r.status);
      const created = count(codes, 201);
      const exhausted = replies.filter(
        (r) => r.status === 409 && r.body.code === 'resource.exhausted',
      ).length;
      const row = await fresh.handle.db
        .selectFrom('resource')
        .select(['quantity', 'reserved'])
        .where('id', '=', resourceId)
        .executeTakeFirstOrThrow();
      const rows = (
        await fresh.handle.db
          .selectFrom('referral')
          .select('id')
          .where('resourceId', '=', resourceId)
          .execute()
      ).length;
      const byProcess = processes.map(
        (p, i) => `${p.name} ${replies.filter((r, j) => j % 3 === i && r.status === 201).length}`,
      );
      check(
        'parallel referrals over three processes never exceed the stock',
        created <= STOCK &&
          Number(row.reserved) === created &&
          rows === created &&
          created + exhausted === REFERRALS,
        `${REFERRALS} at once (consent first) for ${STOCK} places in ${ms(took)} ms: ${summary(codes)}; ` +
          `created by ${byProcess.join(', ')}; resource reserved ${row.reserved}/${row.quantity}, referral rows ${rows}`,
      );
    }

    // A retried screening with one clientRef, reaching every process at once.
    {
      const worker = await signIn(a.url, 'cy_volunteer');
      const form = screeningForm(undefined, '重复');
      const clientRef = `bench-${Date.now().toString(36)}-dup`;
      const before = await fresh.handle.db
        .selectFrom('household')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const replies = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          worker.post(processes[i % 3].url, '/api/screenings', { form, clientRef }),
        ),
      );
      const after = await fresh.handle.db
        .selectFrom('household')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const screenings = (
        await fresh.handle.db
          .selectFrom('screening')
          .select('id')
          .where('clientRef', '=', clientRef)
          .execute()
      ).length;
      const householdsSeen = new Set(replies.filter((r) => r.status === 200).map((r) => r.body.householdId));
      const codes = replies.map((r) => r.status);
      const added = Number(after.n) - Number(before.n);
      check(
        'duplicate screenings with one clientRef give one household',
        count(codes, 200) === 9 && householdsSeen.size === 1 && added === 1 && screenings === 1,
        `9 at once over A/B/C: ${summary(codes)}; household ids answered ${householdsSeen.size}, households added ${added}, screenings stored ${screenings}`,
      );
    }
  } finally {
    await proxy?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }

  const failed = results.filter((r) => !r.ok);
  log(`\n${results.length - failed.length}/${results.length} cross-process checks hold`);
  if (failed.length) process.exitCode = 1;
}

await main();
