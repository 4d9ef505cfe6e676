/**
 * Page loads as a phone sees them: Lighthouse 12 (mobile form factor, its default simulated slow
 * 4G and CPU slowdown) on the real app, built and served by `buildApp` on a fresh SQLite database
 * with the foundation demo users, against a same-run baseline: the same app behind a tiny proxy
 * that drops the request's Accept-Encoding, i.e. the same pages served as is, uncompressed.
 *
 * Pages: /m/help (the workers' help page, public), /m signed out, /login, and /dashboard signed
 * in as qtx_staff (session and CSRF cookies handed to Lighthouse as an extra Cookie header; with
 * no data the dashboard renders empty). App and baseline alternate, `--runs` times each; the
 * median of each figure is printed. Every Lighthouse run has a timeout; figures are printed,
 * never judged.
 *
 *   npm run bench -- pages [--runs 2] [--timeout 180] [--no-build] [--keep]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { buildApp } from '../server/app';
import { ephemeralSecrets, loadConfig, type AppConfig } from '../server/config';
import { PasswordHasher } from '../server/platform/auth/password';
import { DEMO_PASSWORD, seedFoundation } from '../server/seed/foundation';
import { flag, freshDatabase, log, numArg, percentile, ratio, table } from './lib';

const RUNS = numArg('runs', 2);
const TIMEOUT_S = numArg('timeout', 180);
const LIGHTHOUSE = resolve('node_modules/.bin/lighthouse');
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
].join(' ');

interface Page {
  label: string;
  path: string;
  signedIn: boolean;
}
const PAGES: Page[] = [
  { label: '/m/help (workers, public)', path: '/m/help', signedIn: false },
  { label: '/m signed out', path: '/m', signedIn: false },
  { label: '/login', path: '/login', signedIn: false },
  { label: '/dashboard (qtx_staff)', path: '/dashboard', signedIn: true },
];

interface Figures {
  perf: number;
  a11y: number;
  lcp: number;
  bytes: number;
  finalUrl: string;
  version: string;
}

const listen = (server: Server): Promise<number> =>
  new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
  });
const close = (server: Server): Promise<void> =>
  new Promise((ok) => {
    server.closeAllConnections();
    server.close(() => ok());
  });

/** The baseline: every request passed on to the app without its Accept-Encoding. */
function asIsProxy(appPort: number): Server {
  return createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers['accept-encoding'];
    const upstream = request(
      { host: '127.0.0.1', port: appPort, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

/** Signs in through the API as the browser does (CSRF cookie, then the header); the Cookie header. */
async function signIn(base: string, username: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  keep(await fetch(`${base}/api/health`));
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookie(),
      'x-csrf-token': cookies.get('uc_csrf') ?? '',
    },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  keep(res);
  if (!cookies.has('uc_session')) throw new Error(`sign-in as ${username} set no session cookie`);
  return cookie();
}

/** One Lighthouse run in its own process group, killed (Chrome with it) when it overstays. */
function lighthouse(url: string, dir: string, tag: string, headersFile?: string): Promise<Figures> {
  const out = join(dir, `${tag}.json`);
  const args = [
    url,
    '--form-factor=mobile',
    '--only-categories=performance,accessibility',
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    `--chrome-flags=${CHROME_FLAGS}`,
    ...(headersFile ? [`--extra-headers=${headersFile}`] : []),
  ];
  return new Promise((ok, fail) => {
    const child = spawn(LIGHTHOUSE, args, {
      env: { ...process.env, CHROME_PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      fail(new Error(`lighthouse ${url}: no result within ${TIMEOUT_S} s`));
    }, TIMEOUT_S * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return fail(new Error(`lighthouse ${url} exited ${code}: ${stderr.trim()}`));
      try {
        const lhr = JSON.parse(readFileSync(out, 'utf8')) as {
          lighthouseVersion: string;
          finalDisplayedUrl: string;
          runtimeError?: { code: string; message: string };
          categories: Record<string, { score: number | null }>;
          audits: Record<string, { numericValue?: number }>;
        };
        if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        ok({
          perf: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
          a11y: Math.round((lhr.categories.accessibility?.score ?? Number.NaN) * 100),
          lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
          bytes: lhr.audits['total-byte-weight']?.numericValue ?? Number.NaN,
          finalUrl: lhr.finalDisplayedUrl,
          version: lhr.lighthouseVersion,
        });
      } catch (e) {
        fail(new Error(`lighthouse ${url}: ${(e as Error).message}`));
      }
    });
  });
}

const median = (xs: Figures[], pick: (f: Figures) => number) => percentile(xs.map(pick), 50);
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');
const num = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a');

async function main() {
  if (RUNS < 1) throw new Error('--runs must be at least 1');
  if (!flag('no-build')) {
    const t0 = performance.now();
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
    log(`built dist/web in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const fresh = await freshDatabase('sqlite', 'pages');
  const dir = mkdtempSync(join(tmpdir(), 'uc-pages-'));
  let built: Awaited<ReturnType<typeof buildApp>> | undefined;
  let proxy: Server | undefined;
  try {
    const base = loadConfig({
      NODE_ENV: 'test',
      SECRETS_FILE: '/nonexistent/never-written.json',
      FIELD_KEYS: 'x:y',
      BLIND_INDEX_KEY: 'x',
      AUDIT_HMAC_KEY: 'x',
    });
    const config: AppConfig = {
      ...base,
      secrets: ephemeralSecrets(),
      rateLimitPerMinute: 1_000_000,
      webDist: resolve('dist/web'),
    };
    built = await buildApp({
      config,
      database: fresh.handle,
      hasher: PasswordHasher.fast(),
      logger: false,
      loginPerMinute: 1_000_000,
    });
    await seedFoundation(built.platform);
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    const appPort = (built.app.server.address() as AddressInfo).port;
    proxy = asIsProxy(appPort);
    const proxyPort = await listen(proxy);
    const targets = {
      compressed: `http://127.0.0.1:${appPort}`,
      asIs: `http://127.0.0.1:${proxyPort}`,
    };
    log(
      `app ${targets.compressed} (compressed) · baseline ${targets.asIs} (no Accept-Encoding) · ` +
        `SQLite ${fresh.where} · ${RUNS} run(s) each, median`,
    );

    const headersFile = join(dir, 'signed-in-headers.json');
    writeFileSync(headersFile, JSON.stringify({ Cookie: await signIn(targets.compressed, 'qtx_staff') }));

    const results = new Map<string, { compressed: Figures[]; asIs: Figures[] }>();
    for (const page of PAGES) {
      const r = { compressed: [] as Figures[], asIs: [] as Figures[] };
      results.set(page.label, r);
      for (let i = 0; i < RUNS; i++) {
        for (const which of ['compressed', 'asIs'] as const) {
          const t0 = performance.now();
          const f = await lighthouse(
            `${targets[which]}${page.path}`,
            dir,
            `${page.path.replace(/\W+/g, '_')}-${which}-${i}`,
            page.signedIn ? headersFile : undefined,
          );
          r[which].push(f);
          const landed = new URL(f.finalUrl).pathname;
          log(
            `  ${page.path} ${which === 'compressed' ? 'compressed' : 'as is'} run ${i + 1}: ` +
              `perf ${f.perf}, a11y ${f.a11y}, LCP ${num(f.lcp)} ms, ${kb(f.bytes)}` +
              `${landed !== page.path ? ` (landed on ${landed})` : ''} · ${((performance.now() - t0) / 1000).toFixed(0)} s`,
          );
        }
      }
    }

    const version = [...results.values()][0].compressed[0].version;
    log(
      `\nLighthouse ${version} · mobile · median of ${RUNS} · compressed = app, as is = same app, no Accept-Encoding`,
    );
    table(
      [
        'page',
        'perf',
        'perf as is',
        'a11y',
        'a11y as is',
        'LCP ms',
        'LCP as is',
        'LCP ratio',
        'bytes',
        'bytes as is',
        'bytes ratio',
      ],
      PAGES.map((page) => {
        const { compressed: c, asIs: a } = results.get(page.label)!;
        const lcp = [median(c, (f) => f.lcp), median(a, (f) => f.lcp)];
        const bytes = [median(c, (f) => f.bytes), median(a, (f) => f.bytes)];
        return [
          page.label,
          num(median(c, (f) => f.perf)),
          num(median(a, (f) => f.perf)),
          num(median(c, (f) => f.a11y)),
          num(median(a, (f) => f.a11y)),
          num(lcp[0]),
          num(lcp[1]),
          ratio(lcp[0], lcp[1]),
          kb(bytes[0]),
          kb(bytes[1]),
          ratio(bytes[0], bytes[1]),
        ];
      }),
    );
  } finally {
    if (proxy) await close(proxy);
    if (built) await built.app.close();
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
