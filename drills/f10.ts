/**
 * F-10 drill — no personal data in logs, URLs or error bodies.
 *
 *   npx tsx drills/f10.ts [--quick] [--engine=sqlite|postgres|both] [--keep]
 *   npm run drill -- f10 [--quick]           (through drills/run.ts)
 *
 * 1. The test suites run in a child `vitest run` with TEST_LOG_LEVEL=trace and TEST_LOG_FILE
 *    (server/test/test-app.ts appends every log line there); --quick runs the suites that handle
 *    ID numbers and phones (identity, households, self-report, screening import, referrals,
 *    malformed input, http) on SQLite; full runs every suite, on PostgreSQL too when reachable.
 *    Their fixtures invent their own identifiers, so this scan reports any checksum-valid ID
 *    number or mobile number standing alone, as well as every seeded one.
 * 2. A real server (`tsx server/main.ts`, LOG_LEVEL=trace, the demo seed, the development SMS
 *    sender) on a fresh SQLite file serves a scripted session: sign in, search by phone and ID
 *    number (and the same typed into URLs by mistake), reveal, exports, a worker's self-report
 *    with the one-time code read from the log. Its stdout and stderr are scanned for every seeded
 *    ID number and phone (from the plan and decrypted from its database) in every variant, every
 *    logged URL is checked, and no error body may echo an identifier that was sent.
 * 0 hits is the pass; counts of what was scanned are printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createFieldCipher } from '../server/platform/personal-data/crypto';
import { createDatabase } from '../server/db/database';
import { DEMO_PASSWORD } from '../server/seed/foundation';
import { planAssistanceDemo } from '../server/seed/assistance';
import { PG_URL, ms, parseArgs, pgReachable, runDrill, Verdict } from './lib/drill';
import {
  describeHit,
  merge,
  PiiScanner,
  scannerSelfTest,
  secretsFromDatabase,
  secretsFromPlan,
  type Secrets,
} from './lib/pii';

const args = parseArgs();
const v = new Verdict(
  `F-10 no personal data in logs, URLs or error bodies (${args.quick ? 'quick' : 'full'})`,
);
const dir = `${process.cwd()}/tmp/drills/f10`;

const QUICK_SUITES = [
  'server/modules/identity/auth.api.test.ts',
  'server/modules/identity/user.api.test.ts',
  'server/modules/assistance/households/household.api.test.ts',
  'server/modules/assistance/self-report/self-report.api.test.ts',
  'server/modules/assistance/screening/screening-import.api.test.ts',
  'server/modules/assistance/referrals/referral.api.test.ts',
  ...['platform', 'organisation', 'identity', 'audit', 'assistance'].map(
    (m) => `server/test/harness/suites/${m}.malformed-input.api.test.ts`,
  ),
  'server/platform/http/http.api.test.ts',
];

/** Every logged URL-ish value: `url`, `route`, and any string that looks like an /api/ path. */
function loggedUrls(text: string): string[] {
  const urls: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const walk = (x: unknown, key = ''): void => {
        if (typeof x === 'string') {
          if (key === 'url' || key === 'route' || x.includes('/api/')) urls.push(x);
        } else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, k);
      };
      walk(JSON.parse(line));
    } catch {
      // not a JSON log line
    }
  }
  return urls;
}

function scanText(label: string, scanner: PiiScanner, text: string): void {
  const hits = scanner.scan(text);
  const lines = text.split('\n').filter(Boolean).length;
  v.check(
    hits.length === 0,
    `${label}: 0 ID numbers or phones`,
    `${lines.toLocaleString('en')} lines, ${text.length.toLocaleString('en')} chars scanned, ${hits.length} hits`,
  );
  for (const h of hits.slice(0, 8)) v.info(describeHit(h));
  const urls = loggedUrls(text);
  const urlHits = urls.flatMap((u) => scanner.scan(u));
  v.check(
    urlHits.length === 0,
    `${label}: no ID number or phone in any logged URL or route`,
    `${urls.length} URL/route values checked`,
  );
}

// ---------------------------------------------------------------------------------------------
// 1. The test suites with logging at trace, to a file.

function runSuites(engine: 'sqlite' | 'postgres', secrets: Secrets): void {
  const logFile = `${dir}/vitest-${engine}.log`;
  writeFileSync(logFile, '');
  const t0 = performance.now();
  const files = args.quick ? QUICK_SUITES : [];
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_LOG_FILE: logFile, TEST_LOG_LEVEL: 'trace' };
  if (engine === 'postgres') env.TEST_DATABASE_URL = PG_URL;
  else delete env.TEST_DATABASE_URL;
  const project = engine === 'postgres' ? 'postgres' : 'sqlite';
  const r = spawnSync('npx', ['vitest', 'run', '--project', project, ...files], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const output = `${r.stdout}${r.stderr}`;
  const summary = output.match(/Test Files .*\n.*Tests .*/)?.[0]?.replace(/\s+/g, ' ') ?? output.slice(-400);
  v.check(
    r.status === 0,
    `vitest (${project}${args.quick ? `, ${files.length} suites` : ', every suite'}) passes with logs at trace`,
    `${summary} (${ms(t0)})`,
  );
  const logs = readFileSync(logFile, 'utf8');
  v.check(
    logs.length > 0,
    `${engine}: the suites wrote their logs to the file`,
    `${(logs.length / 1e6).toFixed(1)} MB`,
  );
  scanText(`test-suite logs (${engine})`, new PiiScanner(secrets, true), logs);
  scanText(`vitest output (${engine})`, new PiiScanner(secrets, true), output);
}

// ---------------------------------------------------------------------------------------------
// 2. A real server with the demo seed, and a scripted session over HTTP.

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The few answer fields the session reads. */
interface Reply {
  items?: { id: string }[];
  value?: string;
}

class Client {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async req(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: () => Reply }> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, x]) => `${k}=${x}`).join('; '),
    };
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('uc_csrf') ?? '';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '') this.cookies.delete(k.trim());
      else this.cookies.set(k.trim(), value);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    const text = res.headers.get('content-type')?.includes('json') ? buf.toString('utf8') : '';
    return { status: res.status, text, json: () => JSON.parse(text) as Reply };
  }
}

async function serverSession(plan: Secrets): Promise<void> {
  const port = await freePort();
  const dbFile = `${dir}/server.db`;
  const secretsFile = `${dir}/secrets.json`;
  const outFile = `${dir}/server.log`;
  const t0 = performance.now();
  let output = '';
  const child: ChildProcess = spawn('npx', ['tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dbFile}`,
      SECRETS_FILE: secretsFile,
      LOG_LEVEL: 'trace',
      SEED_DEMO: 'true',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const base = `http://127.0.0.1:${port}`;
  const errorBodies: string[] = [];
  let requests = 0;
  try {
    for (let up = false; !up;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output.slice(-800)}`);
      if (performance.now() - t0 > 300_000) throw new Error('server did not come up in 300 s');
      up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 500));
    }
    v.info(`server with the demo seed up on :${port} in ${ms(t0)}`);
    const t1 = performance.now();
    const staff = new Client(base);
    const call = async (c: Client, method: string, path: string, body?: unknown, sent: string[] = []) => {
      requests++;
      const r = await c.req(method, path, body);
      if (r.status >= 400 && sent.some((s) => r.text.includes(s)))
        errorBodies.push(`${method} ${path} → ${r.status}`);
      return r;
    };
    await call(staff, 'GET', '/api/health');
    const login = await call(staff, 'POST', '/api/auth/login', {
      username: 'qtx_staff',
      password: DEMO_PASSWORD,
    });
    v.check(login.status === 200, 'signed in as qtx_staff');

    const demo = planAssistanceDemo();
    const picks = demo.screenings.filter((s) => s.form.idNumber && s.form.phone).slice(0, 12);
    let found = 0;
    for (const s of picks) {
      const id = s.form.idNumber!;
      const phone = s.form.phone!;
      const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
      const byId = await call(staff, 'POST', '/api/households/query', { idNumber: id }, [id]);
      await call(staff, 'POST', '/api/households/query', { phone: spaced }, [phone, spaced]);
      await call(staff, 'POST', '/api/households/query', { q: id }, [id]);
      const h = byId.json().items?.[0];
      if (!h) continue;
      found++;
      await call(staff, 'GET', `/api/households/${h.id}`);
      const rev = await call(staff, 'POST', `/api/households/${h.id}/reveal`, {
        field: 'idNumber',
        reason: 'F-10 演练',
      });
      if (rev.json().value !== id) throw new Error('reveal returned another ID number');
      await call(staff, 'POST', `/api/households/${h.id}/reveal`, { field: 'phone', reason: 'F-10 演练' });
      // Typed into URLs by mistake: a query string, a path parameter.
      await call(staff, 'GET', `/api/households?idNumber=${id}&phone=${phone}`, undefined, [id, phone]);
      await call(staff, 'GET', `/api/households/${id}`, undefined, [id]);
      await call(staff, 'GET', `/api/users?q=${phone}`, undefined, [phone]);
      // A wrong check digit and a malformed phone: the error names the field, not the value.
      const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      await call(staff, 'POST', '/api/households/query', { idNumber: bad }, [bad, id]);
      await call(staff, 'POST', '/api/households/query', { phone: `${phone}9` }, [phone]);
    }
    v.check(
      found === picks.length,
      'search by ID number found each seeded household',
      `${found}/${picks.length}`,
    );
    const first = picks[0].form;
    await call(staff, 'POST', '/api/households/export', { idNumber: first.idNumber }, [first.idNumber!]);
    await call(staff, 'POST', '/api/households/export', { phone: first.phone }, [first.phone!]);
    await call(staff, 'GET', '/api/dashboard/export');
    const auditor = new Client(base);
    await call(auditor, 'GET', '/api/health');
    await call(auditor, 'POST', '/api/auth/login', { username: 'auditor', password: DEMO_PASSWORD });
    await call(auditor, 'GET', '/api/audit/export?action=household.reveal');
    await call(auditor, 'GET', `/api/audit?subjectId=${first.idNumber}`, undefined, [first.idNumber!]);

    // A worker's own request: code by SMS (the development sender logs it, phone masked).
    const worker = new Client(base);
    await call(worker, 'GET', '/api/health');
    const wPhone = picks[1].form.phone!;
    const wId = picks[1].form.idNumber!;
    const otp = await call(worker, 'POST', '/api/public/otp', { phone: wPhone }, [wPhone]);
    v.check(otp.status === 200, 'one-time code sent through the development SMS sender', `${otp.status}`);
    await new Promise((r) => setTimeout(r, 300));
    const code = [...output.matchAll(/"sms":\{[^}]*"text":"[^"]*?(\d{6})/g)].at(-1)?.[1];
    v.check(
      code !== undefined,
      'the code is readable in the log (masked phone)',
      output.match(/"sms":\{"to":"[^"]*"/)?.[0],
    );
    const report = await call(
      worker,
      'POST',
      '/api/public/self-report',
      {
        phone: wPhone,
        code,
        form: {
          headName: picks[1].form.headName,
          idNumber: wId,
          phone: wPhone,
          situation: 'flexible_employment',
          divisionCode: picks[1].form.divisionCode,
          addressDetail: picks[1].form.addressDetail,
          householdSize: 3,
          annualIncomeFen: 1_800_000,
          rigidExpenseFen: 300_000,
          causes: ['laid_off'],
          members: [],
          needs: [{ kind: 'employment', urgency: 'urgent', description: 'F-10 演练' }],
          story: 'F-10 演练',
        },
      },
      [wId, wPhone],
    );
    v.check(
      report.status === 200,
      'the worker’s self-report is accepted',
      `${report.status} ${report.text.slice(0, 120)}`,
    );
    const status = await call(worker, 'POST', '/api/public/status', { phone: wPhone, code: '000000' }, [
      wPhone,
    ]);
    v.info(`status with a used/wrong code → ${status.status}`);
    await call(staff, 'POST', '/api/auth/logout');
    v.info(`scripted session: ${requests} requests in ${ms(t1)}`);
    v.check(
      errorBodies.length === 0,
      'no error body echoes an ID number or phone that was sent',
      errorBodies.slice(0, 5).join('; ') || `${requests} responses checked`,
    );
  } finally {
    // Stop the server this drill started: its own process group, by id.
    const stop = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    stop('SIGKILL');
    writeFileSync(outFile, output);
  }

  // Everything the server could have put there: the plan, and its database decrypted.
  const keys = JSON.parse(readFileSync(secretsFile, 'utf8'));
  const cipher = createFieldCipher({
    keys: Object.fromEntries(
      Object.entries(keys.fieldKeys as Record<string, string>).map(([k, x]) => [k, Buffer.from(x, 'base64')]),
    ),
    activeKeyId: keys.fieldKeyActive,
  });
  const db = createDatabase(`sqlite:${dbFile}`);
  const stored = await secretsFromDatabase(db.db, cipher);
  await db.close();
  const all = merge(plan, stored);
  const scanner = new PiiScanner(all);
  const c = scanner.counts;
  v.info(
    `looking for ${c.ids} ID numbers (+ ${c.legacyIds} legacy forms) and ${c.phones} phones (${stored.ids.size} IDs, ${stored.phones.size} phones decrypted from the server's database)`,
  );
  v.check(
    output.includes('"msg":"sms (development sender)"'),
    'the server log holds the SMS line (the capture works)',
  );
  scanText('server stdout+stderr', scanner, output);
}

await runDrill(v, async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const plan = secretsFromPlan();
  const missed = scannerSelfTest(plan);
  v.check(
    missed.length === 0,
    'the scanner finds planted identifiers in every variant (positive control)',
    missed.join(', ') || '11 variants',
  );

  v.section('real server with the demo seed, scripted session');
  await serverSession(plan);

  for (const engine of args.engines) {
    if (args.quick && engine === 'postgres') continue;
    v.section(`test suites, logs at trace (${engine})`);
    if (engine === 'postgres' && !(await pgReachable())) {
      v.check(false, 'PostgreSQL reachable', 'set DRILL_DATABASE_URL or run with --engine=sqlite');
      continue;
    }
    runSuites(engine, plan);
  }
  if (!args.keep && existsSync(dir) && v.ok) rmSync(dir, { recursive: true, force: true });
});
