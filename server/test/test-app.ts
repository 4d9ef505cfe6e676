import { appendFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App, type AppDeps } from '../app';
import { ephemeralSecrets, loadConfig, type AppConfig } from '../config';
import { PasswordHasher } from '../platform/auth/password';
import { FakeClock } from '../platform/clock';
import { loggerOptions } from '../platform/http/logging';
import { MemorySmsSender } from '../platform/sms';
import { seedFoundation, DEMO_PASSWORD } from '../seed/foundation';
import { createTestDatabase } from './test-database';

export interface TestApp extends App {
  clock: FakeClock;
  /** Ids of the demo organisations and users by key (see server/seed/foundation.ts). */
  orgs: Map<string, string>;
  users: Map<string, string>;
  /** Everything the app logged, for the personal-data scan (F-10). */
  logs: string[];
  /** Text messages the app sent (one-time codes). */
  sms: MemorySmsSender;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({
    NODE_ENV: 'test',
    SECRETS_FILE: '/nonexistent/never-written.json',
    FIELD_KEYS: 'x:y',
    BLIND_INDEX_KEY: 'x',
    AUDIT_HMAC_KEY: 'x',
  });
  return { ...base, secrets: ephemeralSecrets(), rateLimitPerMinute: 100_000, ...overrides };
}

/** A whole app on a fresh database with the demo organisations and users, and a fake clock. */
export async function createTestApp(
  opts: { config?: Partial<AppConfig>; seed?: boolean; extraRoutes?: AppDeps['extraRoutes'] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new FakeClock('2026-06-01T08:00:00.000Z');
  const logs: string[] = [];
  // The F-10 drill (drills/f10.ts) runs the suites with TEST_LOG_LEVEL=trace and TEST_LOG_FILE set,
  // and scans the file afterwards.
  const logFile = process.env.TEST_LOG_FILE;
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      if (logFile) appendFileSync(logFile, chunk as Buffer);
      cb();
    },
  });
  const sms = new MemorySmsSender();
  const built = await buildApp({
    sms,
    config: testConfig(opts.config),
    database,
    clock,
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    // The production logger settings (redaction, route-only request lines) with a capturing stream.
    logger: { ...(loggerOptions(process.env.TEST_LOG_LEVEL ?? 'info') as object), stream },
    loginPerMinute: 100_000,
    extraRoutes: opts.extraRoutes,
  });
  const seeded =
    opts.seed === false ? { orgs: new Map(), users: new Map() } : await seedFoundation(built.platform);
  return {
    ...built,
    clock,
    orgs: seeded.orgs,
    users: seeded.users,
    logs,
    sms,
    close: async () => {
      await built.app.close();
      await database.close();
    },
  };
}

/** A cookie-carrying client over app.inject, like a browser tab: keeps cookies and sends the CSRF header. */
export class Agent {
  private cookies = new Map<string, string>();

  constructor(private readonly t: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    if (!this.cookies.has('uc_csrf')) {
      const first = await this.t.app.inject({ method: 'GET', url: '/api/health' });
      this.keep(first);
    }
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    headers.cookie = this.cookieHeader();
    if (opts.csrf !== false && opts.method && opts.method !== 'GET')
      headers['x-csrf-token'] = this.cookies.get('uc_csrf')!;
    const { csrf: _csrf, ...rest } = opts;
    const res = await this.t.app.inject({ ...rest, headers });
    this.keep(res);
    return res;
  }

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, body?: unknown) {
    return this.request({ method: 'POST', url, payload: body as InjectOptions['payload'] });
  }
  patch(url: string, body?: unknown) {
    return this.request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] });
  }

  put(url: string, body?: unknown) {
    return this.request({ method: 'PUT', url, payload: body as InjectOptions['payload'] });
  }
  /** A raw body (a file upload): the bytes as sent, their type, and the file name URI-encoded. */
  upload(url: string, bytes: Buffer, contentType: string, fileName: string) {
    return this.request({
      method: 'POST',
      url,
      payload: bytes,
      headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
    });
  }

  /** The cookie and CSRF headers this tab would send, for a request over a real socket. */
  async wireHeaders(): Promise<Record<string, string>> {
    if (!this.cookies.has('uc_csrf'))
      this.keep(await this.t.app.inject({ method: 'GET', url: '/api/health' }));
    return { cookie: this.cookieHeader(), 'x-csrf-token': this.cookies.get('uc_csrf')! };
  }

  sessionCookie(): string | undefined {
    return this.cookies.get('uc_session');
  }

  /** The CSRF token this agent echoes: the one the last answer handed out (it rotates at sign-in/out). */
  csrfCookie(): string | undefined {
    return this.cookies.get('uc_csrf');
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { username, password });
  }
}

/** Signs in a demo user and returns their agent; fails the test when the sign-in does. */
export async function signIn(t: App, username: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = new Agent(t);
  const res = await agent.login(username, password);
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  return agent;
}
