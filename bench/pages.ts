/**
 * The public vote pages (/v, Preact: candidate list, candidate page, rules, worker sign-in, share
 * poster) on a campaign set up in voting through the API, then the /m phone pages, in Debian's Chromium through playwright-core (issue 11 items 1, 5, 6):
 * axe (@axe-core/playwright, every rule) on every phone page — /m/help, /m/help/request (the
 * phone step and the form step, both reached without a code), /m/help/self-test, /m/help/status,
 * /m signed out, /m and /m/screen signed in as the volunteer cy_volunteer — once at a 375 px phone
 * and once in the 大字 mode at 200 % zoom (a 188 px wide viewport at four device pixels a CSS pixel),
 * printing the serious and critical violations, whether the page needs horizontal scrolling, and
 * the JavaScript each page loaded (gzipped, from the built files). Then the installed app: the
 * manifest's fields, the service worker's scope and precache, no worker on the back office, and
 * /m/help reloaded with the network cut.
 *
 * Then page loads as a phone sees them: Lighthouse 12 (mobile form factor, its default simulated slow
 * 4G and CPU slowdown) on the real app, built and served by `buildApp` on a fresh SQLite database
 * with the foundation demo users, against a same-run baseline: the same app behind a tiny proxy
 * that drops the request's Accept-Encoding, i.e. the same pages served as is, uncompressed.
 *
 * Pages: /v/<campaign> (the vote's candidate list, public; issue 12 asks ≤ 60 KB of JavaScript),
 * /m/help (the workers' help page, public), /m signed out, /m/screen signed in as
 * cy_volunteer, /login, and /dashboard signed in as qtx_staff (session and CSRF cookies handed to
 * Lighthouse as an extra Cookie header; with no data the dashboard renders empty). App and baseline alternate, `--runs` times each; the
 * median of each figure is printed. Every Lighthouse run has a timeout; figures are printed,
 * never judged.
 *
 *   npm run bench -- pages [--runs 2] [--timeout 180] [--no-build] [--no-lighthouse]
 *                          [--only /m,/m/screen,/m/help] [--no-axe] [--no-baseline]
 *
 * To measure quickly: `--only` takes a comma-separated list of paths (as in PAGES and PHONE_PAGES,
 * e.g. /m, /m/screen, /m/help, /v/{campaign}) and measures only the pages at those paths;
 * `--no-axe` skips axe and the installed-app checks; `--no-baseline` skips the "as is" runs. With
 * none of them the full run is as before.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page as Tab } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app';
import { ephemeralSecrets, loadConfig, type AppConfig } from '../server/config';
import { PasswordHasher } from '../server/platform/auth/password';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { DEMO_PASSWORD, seedFoundation } from '../server/seed/foundation';
import { arg, flag, freshDatabase, kb, log, numArg, percentile, ratio, sumSizes, table } from './lib';

const RUNS = numArg('runs', 2);
/** `--only /m,/m/help`: the paths to measure (every page when absent). */
const ONLY = arg('only', '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const wanted = (page: { path: string }) => ONLY.length === 0 || ONLY.includes(page.path);
const AXE = !flag('no-axe');
const BASELINE = !flag('no-baseline');
const AXE_VERSION = (
  JSON.parse(readFileSync(resolve('node_modules/axe-core/package.json'), 'utf8')) as { version: string }
).version;
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
  /** Signed in as this demo user (server/seed/foundation.ts); unset, signed out. */
  user?: string;
}
const PAGES: Page[] = [
  // The public vote's candidate list (Preact, /v): {campaign} is the seeded voting campaign.
  { label: '/v candidate list (public)', path: '/v/{campaign}' },
  { label: '/m/help (workers, public)', path: '/m/help' },
  { label: '/m signed out', path: '/m' },
  { label: '/m (cy_volunteer)', path: '/m', user: 'cy_volunteer' },
  { label: '/m/screen (cy_volunteer)', path: '/m/screen', user: 'cy_volunteer' },
  { label: '/login', path: '/login' },
  { label: '/dashboard (qtx_staff)', path: '/dashboard', user: 'qtx_staff' },
];

/** Every phone page for axe; `then` takes the page further in the browser (no code needed). */
interface PhonePage {
  label: string;
  path: string;
  user?: string;
  then?: (tab: Tab) => Promise<void>;
}
const PHONE_USER = 'cy_volunteer';
/** A fresh number each time: the resend wait holds per phone. */
let phoneNo = 0;
const PHONE_PAGES: PhonePage[] = [
  { label: '/v candidate list', path: '/v/{campaign}' },
  { label: '/v candidate page', path: '/v/{campaign}/c/{candidate}' },
  { label: '/v rules', path: '/v/{campaign}/rules' },
  { label: '/v sign-in · phone step', path: '/v/sign-in' },
  {
    label: '/v sign-in · code step',
    path: '/v/sign-in',
    then: async (tab) => {
      await tab.getByTestId('worker-phone').fill(`1390013${String(8000 + ++phoneNo).padStart(4, '0')}`);
      await tab.getByTestId('worker-send-code').click();
      await tab.getByTestId('worker-code').waitFor({ timeout: 15_000 });
    },
  },
  { label: '/v share poster', path: '/v/{campaign}/c/{candidate}/poster' },
  { label: '/m/help', path: '/m/help' },
  { label: '/m/help/request · phone step', path: '/m/help/request' },
  {
    label: '/m/help/request · form step',
    path: '/m/help/request',
    then: async (tab) => {
      // The phone step sends a code (the test sender keeps it) and moves on: no code is typed.
      await tab.getByTestId('help-phone').fill(`1380013${String(8000 + ++phoneNo).padStart(4, '0')}`);
      await tab.getByTestId('help-next').click();
      await tab.getByTestId('help-story').waitFor({ timeout: 15_000 });
    },
  },
  { label: '/m/help/self-test', path: '/m/help/self-test' },
  { label: '/m/help/status', path: '/m/help/status' },
  { label: '/m signed out', path: '/m' },
  { label: `/m (${PHONE_USER})`, path: '/m', user: PHONE_USER },
  { label: `/m/screen (${PHONE_USER})`, path: '/m/screen', user: PHONE_USER },
];

/** The seeded voting campaign and one of its candidates, for the /v pages' paths. */
const VOTE_IDS = { campaign: '', candidate: '' };
const fill = (path: string) =>
  path.replace('{campaign}', VOTE_IDS.campaign).replace('{candidate}', VOTE_IDS.candidate);

/** A 375 × 667 phone; the 大字 mode at 200 % zoom: the same phone, half as many CSS pixels. */
const MODES = [
  { name: 'normal', viewport: { width: 375, height: 667 }, scale: 2, largeText: false },
  { name: '大字 200 %', viewport: { width: 188, height: 334 }, scale: 4, largeText: true },
] as const;

interface Figures {
  perf: number;
  a11y: number;
  /** Best practices and SEO, 0–100. */
  bp: number;
  seo: number;
  lcp: number;
  /** Total blocking time, ms. */
  tbt: number;
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
    '--only-categories=performance,accessibility,best-practices,seo',
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
          bp: Math.round((lhr.categories['best-practices']?.score ?? Number.NaN) * 100),
          seo: Math.round((lhr.categories.seo?.score ?? Number.NaN) * 100),
          tbt: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
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

/**
 * A run that failed (Chrome on a loaded machine now and then records no trace: NO_NAVSTART) is
 * tried again, twice at most; the failure is printed, never hidden in a figure.
 */
async function lighthouseRetried(url: string, dir: string, tag: string, headersFile?: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouse(url, dir, `${tag}-${attempt}`, headersFile);
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`  ${url}: ${(e as Error).message.split('\n')[0]} — trying again`);
    }
  }
}

/** The Cookie header as the browser's cookies for `base`. */
function cookiesFor(base: string, header: string) {
  return header.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: base };
  });
}

interface AxeFigures {
  serious: number;
  critical: number;
  rules: string[];
  overflow: number;
  jsGzip: number;
  jsFiles: number;
}

/** One phone page in one mode: axe's serious and critical findings, overflow and JS loaded. */
async function axePage(
  browser: Browser,
  base: string,
  page: PhonePage,
  mode: (typeof MODES)[number],
  cookie: string | undefined,
): Promise<AxeFigures> {
  const context: BrowserContext = await browser.newContext({
    viewport: mode.viewport,
    deviceScaleFactor: mode.scale,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    // The worker's precache downloads would count as the page's JavaScript: kept out here.
    serviceWorkers: 'block',
  });
  try {
    if (cookie) await context.addCookies(cookiesFor(base, cookie));
    await context.addInitScript((large: boolean) => {
      window.localStorage.setItem('uc_m_large_text', large ? '1' : '0');
    }, mode.largeText);
    const tab = await context.newPage();
    const scripts = new Set<string>();
    tab.on('response', (res) => {
      const url = new URL(res.url());
      if (res.request().resourceType() === 'script' && url.pathname.startsWith('/assets/')) {
        scripts.add(url.pathname.slice(1));
      }
    });
    await tab.goto(`${base}${fill(page.path)}`, { waitUntil: 'networkidle' });
    await tab.waitForFunction(
      () => !document.querySelector('.m-center [role="status"], .v-center [role="status"]'),
      null,
      {
        timeout: 15_000,
      },
    );
    if (page.then) await page.then(tab);
    await tab.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page: tab }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const overflow = await tab.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    return {
      serious: bad.filter((v) => v.impact === 'serious').reduce((n, v) => n + v.nodes.length, 0),
      critical: bad.filter((v) => v.impact === 'critical').reduce((n, v) => n + v.nodes.length, 0),
      rules: bad.map(
        (v) =>
          `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      ),
      overflow,
      jsGzip: sumSizes(scripts, resolve('dist/web')).gzip,
      jsFiles: scripts.size,
    };
  } finally {
    await context.close();
  }
}

/** The installed app: manifest, worker, precache, no worker on the back office, /m/help offline. */
async function installedApp(browser: Browser, base: string): Promise<string[][]> {
  const rows: string[][] = [];
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  try {
    const tab = await context.newPage();
    await tab.goto(`${base}/m/help`, { waitUntil: 'networkidle' });
    const link = await tab.getAttribute('link[rel="manifest"]', 'href');
    const res = await context.request.get(`${base}${link ?? '/m/manifest.webmanifest'}`);
    const manifest = (await res.json()) as {
      name?: string;
      short_name?: string;
      start_url?: string;
      scope?: string;
      display?: string;
      lang?: string;
      icons?: { src: string; sizes: string; purpose?: string }[];
    };
    const icons = manifest.icons ?? [];
    const iconOk = await Promise.all(
      icons.map(
        async (i) => (await context.request.get(`${base}${i.src}`)).headers()['content-type'] === 'image/png',
      ),
    );
    const valid =
      !!manifest.name &&
      !!manifest.short_name &&
      manifest.start_url?.startsWith(manifest.scope ?? '\0') === true &&
      manifest.display === 'standalone' &&
      icons.some((i) => i.sizes === '192x192') &&
      icons.some((i) => i.sizes === '512x512') &&
      icons.some((i) => i.purpose?.includes('maskable')) &&
      iconOk.every(Boolean);
    rows.push([
      'manifest',
      `${link} · ${res.headers()['content-type']} · ${res.headers()['cache-control']}`,
      `${manifest.name} / ${manifest.short_name}, start ${manifest.start_url}, scope ${manifest.scope}, ` +
        `${manifest.display}, ${manifest.lang}, ${icons.length} icons: ${valid ? 'valid' : 'NOT valid'}`,
    ]);
    const sw = await tab.evaluate(async () => {
      const reg = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise<null>((ok) => setTimeout(() => ok(null), 20_000)),
      ]);
      if (!reg) return null;
      const keys = await caches.keys();
      let entries = 0;
      for (const k of keys) entries += (await (await caches.open(k)).keys()).length;
      return { scope: reg.scope, script: reg.active?.scriptURL ?? '', caches: keys.length, entries };
    });
    const swRes = await context.request.get(`${base}/m/sw.js`);
    rows.push([
      'service worker',
      `/m/sw.js · ${swRes.headers()['content-type']} · ${swRes.headers()['cache-control']}`,
      sw
        ? `active, scope ${new URL(sw.scope).pathname}, ${sw.entries} files precached`
        : 'NOT active within 20 s',
    ]);
    const csp = swRes.headers()['content-security-policy'] ?? '';
    rows.push([
      'CSP',
      'worker-src, manifest-src',
      /worker-src 'self'/.test(csp) && /manifest-src 'self'/.test(csp) ? "both 'self'" : 'missing',
    ]);
    await tab.reload({ waitUntil: 'load' });
    await context.setOffline(true);
    let offline = 'did not render';
    try {
      await tab.reload({ waitUntil: 'load', timeout: 15_000 });
      await tab.locator('.hp-choices').waitFor({ timeout: 15_000 });
      offline = 'rendered from the precache';
    } catch (e) {
      offline = `failed: ${(e as Error).message.split('\n')[0]}`;
    }
    await context.setOffline(false);
    rows.push(['offline', '/m/help reloaded, network cut', offline]);
    const office = await context.newPage();
    await office.goto(`${base}/login`, { waitUntil: 'networkidle' });
    const officeSw = await office.evaluate(async () => ({
      controlled: !!navigator.serviceWorker.controller,
      registration: !!(await navigator.serviceWorker.getRegistration(location.href)),
      manifest: !!document.querySelector('link[rel="manifest"]'),
    }));
    rows.push([
      'back office',
      '/login',
      officeSw.controlled || officeSw.registration || officeSw.manifest
        ? `HAS ${JSON.stringify(officeSw)}`
        : 'no service worker, no manifest',
    ]);
  } finally {
    await context.close();
  }
  return rows;
}

/** axe on every phone page in both modes, the JS each loads, then the installed app. */
async function phonePages(base: string, cookies: Map<string, string>): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const rows: (string | number)[][] = [];
    const findings: string[] = [];
    for (const page of PHONE_PAGES.filter(wanted)) {
      const figures: AxeFigures[] = [];
      for (const mode of MODES) {
        const t0 = performance.now();
        const f = await axePage(browser, base, page, mode, page.user ? cookies.get(page.user) : undefined);
        figures.push(f);
        for (const r of f.rules) findings.push(`${page.label} · ${mode.name}: ${r}`);
        log(
          `  axe ${page.label} · ${mode.name}: serious ${f.serious}, critical ${f.critical}, ` +
            `overflow ${f.overflow} px · ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      const [n, l] = figures;
      rows.push([
        page.label,
        `${n.serious} / ${n.critical}`,
        `${l.serious} / ${l.critical}`,
        n.overflow > 0 ? `${n.overflow} px` : 'none',
        l.overflow > 0 ? `${l.overflow} px` : 'none',
        kb(n.jsGzip),
        n.jsFiles,
      ]);
    }
    log(
      `\naxe ${AXE_VERSION} in Chromium (${await browser.version()}) · 375 px phone and 大字 at 200 % zoom (188 px)`,
    );
    table(
      [
        'phone page',
        'serious / critical',
        '大字 200 %: serious / critical',
        'h-scroll',
        'h-scroll 大字 200 %',
        'JS gzip',
        'JS files',
      ],
      rows,
    );
    if (findings.length) {
      log('\nserious and critical findings:');
      for (const f of findings) log(`  ${f}`);
    }
    log('\ninstalled app:');
    table(['what', 'where', 'found'], await installedApp(browser, base));
    log();
  } finally {
    await browser.close();
  }
}

/**
 * A campaign in its voting stage for the /v pages, set up through the API as the back office
 * would: 青铜峡市总工会 (qtx_staff) nominates 12 workers, qtx_expert scores them, the shortlist
 * makes candidates, voting opens. Fills VOTE_IDS.
 */
async function seedVoteCampaign(base: string, staffCookie: string, expertCookie: string): Promise<void> {
  const call = async <T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> => {
    const csrf = /(?:^|; )uc_csrf=([^;]*)/.exec(cookie)?.[1] ?? '';
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`vote seed ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const staff = <T>(m: string, p: string, b?: unknown) => call<T>(staffCookie, m, p, b);
  const me = await staff<{ orgId: string }>('GET', '/api/auth/me');
  const orgs = await staff<{ items: { id: string; name: string }[] }>('GET', '/api/orgs');
  const unit = orgs.items.find((o) => o.name === '宁夏塞上迎鑫农牧有限公司工会') ?? orgs.items[0];
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const c = await staff<{ id: string }>('POST', '/api/vote/campaigns', {
    orgId: me.orgId,
    coOrganisers: ['中共青铜峡市委宣传部'],
    kind: 'model_worker',
    title: '青铜峡市“最美劳动者”网络投票',
    year: new Date(now).getUTCFullYear(),
    summary: '寻找身边的最美劳动者。',
    timeline: {
      nominationOpens: at(-0.01),
      nominationCloses: at(1),
      reviewCloses: at(2),
      votingOpens: at(3),
      votingCloses: at(10),
      expertReviewCloses: at(12),
      noticeOpens: at(13),
      noticeCloses: at(18),
    },
    rules: {
      votesPerCandidatePerDay: 1,
      candidatesPerDay: 5,
      likesPerDay: 10,
      tiersCounted: ['member', 'public'],
      showTotals: 'hidden',
      formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
      shortlistFactorTenths: 12,
      finalCount: 10,
      nominatedCount: 0,
      allowOnlineRecommendation: false,
      allowSelfNomination: false,
      zeroOnConfirmedFraud: true,
    },
  });
  const advance = async (to: string) => {
    const v = await staff<{ version: number }>('GET', `/api/vote/campaigns/${c.id}`);
    await staff('POST', `/api/vote/campaigns/${c.id}/advance`, { version: v.version, to });
  };
  await advance('nominating');
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const n = await staff<{ id: string; version: number }>(
      'POST',
      `/api/vote/campaigns/${c.id}/nominations`,
      {
        orgId: unit.id,
        nomineeName: `劳动者${i + 1}`,
        gender: i % 2 ? 'female' : 'male',
        idNumber: makeIdNumber('640381', '19800101', String(100 + i)),
        unitName: '宁夏塞上迎鑫农牧有限公司',
        jobTitle: '班组长',
        story: `扎根一线${10 + i}年，带领班组攻克技术难题，培养青年技术骨干，获评全国五一劳动奖章。`,
        achievements: '全国五一劳动奖章',
      },
    );
    await staff('POST', `/api/vote/nominations/${n.id}/eligibility`, { version: n.version, eligible: true });
    ids.push(n.id);
  }
  const users = await staff<{ items: { id: string; username: string }[] }>(
    'GET',
    '/api/users?role=expert&pageSize=200',
  );
  const expertId = users.items.find((u) => u.username === 'qtx_expert')!.id;
  await staff('POST', `/api/vote/campaigns/${c.id}/experts`, { userId: expertId });
  await advance('reviewing');
  for (const [i, id] of ids.entries()) {
    const v = 95 - i;
    await call(expertCookie, 'PUT', `/api/vote/nominations/${id}/score`, {
      stage: 'preliminary',
      criteria: { deeds: v, innovation: v, influence: v },
    });
  }
  await staff('POST', `/api/vote/campaigns/${c.id}/shortlist`, {});
  await advance('displaying');
  await advance('voting');
  const list = await staff<{ items: { id: string }[] }>('GET', `/api/vote/campaigns/${c.id}/candidates`);
  VOTE_IDS.campaign = c.id;
  VOTE_IDS.candidate = list.items[0].id;
}

const median = (xs: Figures[], pick: (f: Figures) => number) => percentile(xs.map(pick), 50);
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

    const cookies = new Map<string, string>();
    for (const user of new Set([...PAGES, ...PHONE_PAGES].flatMap((p) => (p.user ? [p.user] : [])))) {
      cookies.set(user, await signIn(targets.compressed, user));
    }
    const headersFile = (user: string) => {
      const file = join(dir, `headers-${user}.json`);
      writeFileSync(file, JSON.stringify({ Cookie: cookies.get(user) }));
      return file;
    };

    const pages = PAGES.filter(wanted);
    const phone = PHONE_PAGES.filter(wanted);
    // The vote's campaign only when a /v page is measured.
    if (
      [...(AXE ? phone : []), ...(flag('no-lighthouse') ? [] : pages)].some((p) => p.path.startsWith('/v'))
    ) {
      await seedVoteCampaign(
        targets.compressed,
        cookies.get('qtx_staff') ?? (await signIn(targets.compressed, 'qtx_staff')),
        await signIn(targets.compressed, 'qtx_expert'),
      );
    }
    if (AXE) await phonePages(targets.compressed, cookies);
    if (flag('no-lighthouse')) return;
    if (pages.length === 0) throw new Error(`--only ${ONLY.join(',')}: no Lighthouse page at those paths`);

    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', ');
    log(`Lighthouse starts · load average ${load()}`);
    const results = new Map<string, { compressed: Figures[]; asIs: Figures[] }>();
    const kinds = BASELINE ? (['compressed', 'asIs'] as const) : (['compressed'] as const);
    for (const page of pages) {
      const r = { compressed: [] as Figures[], asIs: [] as Figures[] };
      results.set(page.label, r);
      for (let i = 0; i < RUNS; i++) {
        for (const which of kinds) {
          const t0 = performance.now();
          const f = await lighthouseRetried(
            `${targets[which]}${fill(page.path)}`,
            dir,
            `${page.path.replace(/\W+/g, '_')}-${which}-${i}`,
            page.user ? headersFile(page.user) : undefined,
          );
          r[which].push(f);
          const landed = new URL(f.finalUrl).pathname;
          log(
            `  ${page.path} ${which === 'compressed' ? 'compressed' : 'as is'} run ${i + 1}: ` +
              `perf ${f.perf}, a11y ${f.a11y}, bp ${f.bp}, seo ${f.seo}, LCP ${num(f.lcp)} ms, ` +
              `TBT ${num(f.tbt)} ms, ${kb(f.bytes)}` +
              `${landed !== fill(page.path) ? ` (landed on ${landed})` : ''} · ${((performance.now() - t0) / 1000).toFixed(0)} s`,
          );
        }
      }
    }

    log(`Lighthouse done · load average ${load()}`);
    const version = [...results.values()][0].compressed[0].version;
    log(`\nLighthouse ${version} · mobile · the app as it serves · median of ${RUNS} (each run in brackets)`);
    table(
      ['page', 'perf', 'a11y', 'best practices', 'SEO', 'LCP ms', 'TBT ms', 'bytes'],
      pages.map((page) => {
        const c = results.get(page.label)!.compressed;
        return [
          page.label,
          `${num(median(c, (f) => f.perf))} (${c.map((f) => f.perf).join(' ')})`,
          num(median(c, (f) => f.a11y)),
          num(median(c, (f) => f.bp)),
          num(median(c, (f) => f.seo)),
          num(median(c, (f) => f.lcp)),
          num(median(c, (f) => f.tbt)),
          kb(median(c, (f) => f.bytes)),
        ];
      }),
    );
    log(
      `\nLighthouse ${version} · mobile · median of ${RUNS} · compressed = app, as is = same app, no Accept-Encoding` +
        (BASELINE ? '' : ' (not measured: --no-baseline)'),
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
      pages.map((page) => {
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
