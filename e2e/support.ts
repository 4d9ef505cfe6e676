import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'UnionCare2026';
export const SCREENSHOT_DIR = resolve('test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export interface Server {
  url: string;
  /** The newest one-time code the development SMS sender wrote to the server's log. */
  lastSmsCode(): string | undefined;
  /**
   * Stops this server and starts another on the same database and keys with `env` added (e.g. a
   * journey sets its data up on today's clock, then runs on UC_CLOCK_START).
   */
  restart(env: Record<string, string>): Promise<Server>;
  stop(): Promise<void>;
}

/**
 * Starts the real server (as `npm run serve` does) on its own copy of the demo database. The demo
 * is seeded once per run by e2e/global-setup.ts (seeding takes most of a minute here); each
 * journey file gets a copy of that file and its keys, so journeys never see each other's changes.
 */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<Server> {
  if (!existsSync(resolve('dist/web/index.html'))) throw new Error('build the web app first: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'uc-e2e-'));
  const template = inject('e2eTemplate');
  for (const file of TEMPLATE_FILES) {
    if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file));
  }
  return spawnServer(dir, { env: opts.env });
}

/** The files of a seeded demo that a copy needs: the database (and its WAL, if any) and the keys. */
export const TEMPLATE_FILES = ['e2e.db', 'e2e.db-wal', 'secrets.json'];

/**
 * The server process on the SQLite file and keys in `dir`: seeds the demo if the file is new.
 * `stop()` ends it gracefully (SIGTERM: the database closes and checkpoints) and, unless
 * `keep`, removes `dir`. `env` adds to the server's environment (e.g. UC_CLOCK_START, the instant
 * the server's clock starts at, for a journey across midnight).
 */
export async function spawnServer(
  dir: string,
  opts: { keep?: boolean; env?: Record<string, string> } = {},
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
      SECRETS_FILE: join(dir, 'secrets.json'),
      // info: the development SMS sender writes one-time codes to the log at this level.
      LOG_LEVEL: 'info',
      // A worker journey asks for two codes a few seconds apart.
      OTP_RESEND_SECONDS: '2',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  // A first start builds the whole demo (screening, archives, then the help side) through the services.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const end = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  return {
    url,
    lastSmsCode: () => [...output.matchAll(/验证码是 (\d{6})/g)].at(-1)?.[1],
    restart: async (env) => {
      await end();
      return spawnServer(dir, { keep: opts.keep, env: { ...opts.env, ...env } });
    },
    stop: async () => {
      await end();
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, never a downloaded browser; flags for a closed network and a root user. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  opts: { phone?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext(
    opts.phone
      ? {
          viewport: { width: 375, height: 740 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: opts.locale ?? 'zh-CN',
        }
      : { viewport: { width: 1366, height: 860 }, locale: opts.locale ?? 'zh-CN' },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function signInAs(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A JSON call from inside the signed-in page (session cookie and CSRF header, as the app does). */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.match(/(?:^|; )uc_csrf=([^;]*)/)?.[1] ?? '';
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, path, body },
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return JSON.parse(res.text) as T;
}
