import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated here once, so a typo in a
 * deployment fails at start-up with the variable's name instead of misbehaving later.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/unioncare.db'),
  /**
   * PostgreSQL: the owner's connection, used only to migrate (and grant the app's role what it
   * needs); DATABASE_URL then names a role that owns nothing and may only read and append the audit
   * trail. Unset, the app migrates through DATABASE_URL (and that role owns the tables).
   */
  MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  /**
   * Append-only file of signed audit checkpoints (sequence, hash), kept outside the database;
   * `off` for none. Default `./data/audit-checkpoints.jsonl` (none in tests).
   */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** `k1:BASE64,k2:BASE64` — 32-byte AES keys; the first is used for new values unless FIELD_KEY_ACTIVE says otherwise. */
  FIELD_KEYS: z.string().optional(),
  FIELD_KEY_ACTIVE: z.string().optional(),
  BLIND_INDEX_KEY: z.string().optional(),
  AUDIT_HMAC_KEY: z.string().optional(),
  /** Where development keys are kept when none are configured; never used in production. */
  SECRETS_FILE: z.string().default('./data/secrets.json'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failed sign-ins to one account from all addresses together before it locks for everyone. */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * `redis://[:password@]host:6379[/db]` (or `rediss://`): where several app processes count the
   * request rate limits together. Unset, each process counts in its own memory.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'expected redis://host:port or rediss://host:port')
    .optional(),
  /** How long a request waits for the shared rate-limit store before it is let through. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** How long a phone waits before it may ask for another one-time code. */
  OTP_RESEND_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Searches by ID number or phone one user may run per hour, counted in the database. */
  IDENTIFIER_SEARCHES_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /**
   * Which proxies' `X-Forwarded-For` to believe: `false` (none; the default), a hop count (`1`
   * behind one load balancer) or their addresses (`10.0.0.5,10.1.0.0/16`, `loopback`). `true`
   * is refused: it would let any client name its own address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'object' && 'error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  WEB_DIST: z.string().default('./dist/web'),
  /** Who sends text messages: `aliyun` (Aliyun SMS SendSms); `log` writes them to the log, development only. */
  SMS_PROVIDER: z.enum(['log', 'aliyun']).optional(),
  SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  /** The approved signature shown as 【…】 before every message. */
  SMS_SIGN_NAME: z.string().min(1).default('爱心联盟'),
  /** The approved template code (`SMS_…`) of the one-time-code message, parameters `code` and `minutes`. */
  SMS_TEMPLATE_OTP: z.string().min(1).optional(),
  SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com/'),
  /** How long a caring unit still sees a referral after it closed (delivered, declined, withdrawn). */
  REFERRAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /**
   * Journeys and demos only: the platform clock starts at this ISO instant and runs forward in real
   * time (e.g. 2026-12-10T15:58:00Z, two minutes before midnight in China). Refused in production.
   */
  UC_CLOCK_START: z.string().datetime({ offset: true }).optional(),
});

export interface Secrets {
  fieldKeys: Record<string, string>;
  fieldKeyActive: string;
  blindIndexKey: string;
  auditHmacKey: string;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  /** The owner's connection for migrations (PostgreSQL); null: DATABASE_URL migrates. */
  migrationDatabaseUrl: string | null;
  /** Signed checkpoints of the audit chain's head outside the database; file null: none. */
  auditCheckpoint: { file: string | null; everySeconds: number };
  secrets: Secrets;
  session: { idleMinutes: number; absoluteHours: number };
  /**
   * maxFailures per username × client address; accountMaxFailures from all addresses together
   * (unset: 10 × maxFailures).
   */
  login: { maxFailures: number; lockMinutes: number; accountMaxFailures?: number };
  rateLimitPerMinute: number;
  /** The shared rate-limit store; null counts in this process's memory. */
  redisUrl: string | null;
  /** A slower answer from the store lets the request through uncounted (fail open). */
  redisCommandTimeoutMs: number;
  otpResendSeconds: number;
  identifierSearchesPerHour: number;
  /** Whose X-Forwarded-For is believed: nobody, the nearest N hops, or these proxy addresses. */
  trustProxy: TrustProxy;
  logLevel: string;
  seedDemo: boolean;
  webDist: string;
  /** The text-message gateway; `log` is refused in production. */
  sms:
    | { provider: 'log' }
    | {
        provider: 'aliyun';
        accessKeyId: string;
        accessKeySecret: string;
        signName: string;
        templates: { otp: string };
        endpoint: string;
      };
  referralRetentionDays: number;
  /** UC_CLOCK_START: where the platform clock starts (null: the real time). Never in production. */
  clockStart: string | null;
}

export class ConfigError extends Error {}

export type TrustProxy = false | number | string[];

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [ip, prefix, ...rest] = entry.split('/');
  const family = isIP(ip ?? '');
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`: never `true` (trust everyone), only a hop count or a
 * list of proxy addresses, so a client's own X-Forwarded-For entries are never believed.
 */
export function parseTrustProxy(raw: string): TrustProxy | { error: string } {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    return {
      error:
        "TRUST_PROXY=true would believe any client's X-Forwarded-For; set the number of proxies in " +
        'front of the app (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16)',
    };
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? hops : { error: 'expected a hop count from 0 to 10' };
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    return {
      error: `"${bad}" is not a hop count, an IP address, a CIDR range or loopback/linklocal/uniquelocal`,
    };
  }
  return entries;
}

const key32 = () => randomBytes(32).toString('base64');

/** Development and test keys live in a file beside the database so a restart can still decrypt. */
function loadOrCreateDevSecrets(file: string): Secrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets: Secrets = {
    fieldKeys: { k1: key32() },
    fieldKeyActive: 'k1',
    blindIndexKey: key32(),
    auditHmacKey: key32(),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function parseFieldKeys(spec: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const [id, value] = part.split(':');
    if (!id || !value) throw new ConfigError('FIELD_KEYS: expected "keyId:base64,..."');
    keys[id.trim()] = value.trim();
  }
  return keys;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let secrets: Secrets;
  if (e.FIELD_KEYS && e.BLIND_INDEX_KEY && e.AUDIT_HMAC_KEY) {
    const fieldKeys = parseFieldKeys(e.FIELD_KEYS);
    secrets = {
      fieldKeys,
      fieldKeyActive: e.FIELD_KEY_ACTIVE ?? Object.keys(fieldKeys)[0],
      blindIndexKey: e.BLIND_INDEX_KEY,
      auditHmacKey: e.AUDIT_HMAC_KEY,
    };
  } else if (e.NODE_ENV === 'production') {
    throw new ConfigError('FIELD_KEYS, BLIND_INDEX_KEY and AUDIT_HMAC_KEY are required in production');
  } else {
    secrets = loadOrCreateDevSecrets(e.SECRETS_FILE);
  }
  if (e.UC_CLOCK_START && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'UC_CLOCK_START moves the clock for journeys and demos; it is refused in production',
    );
  }
  const smsProvider = e.SMS_PROVIDER ?? (e.NODE_ENV === 'production' ? undefined : 'log');
  let sms: AppConfig['sms'];
  if (smsProvider === 'aliyun') {
    const missing = (['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_TEMPLATE_OTP'] as const).filter(
      (k) => !e[k],
    );
    if (missing.length) throw new ConfigError(`SMS_PROVIDER=aliyun needs ${missing.join(', ')}`);
    sms = {
      provider: 'aliyun',
      accessKeyId: e.SMS_ACCESS_KEY_ID!,
      accessKeySecret: e.SMS_ACCESS_KEY_SECRET!,
      signName: e.SMS_SIGN_NAME,
      templates: { otp: e.SMS_TEMPLATE_OTP! },
      endpoint: e.SMS_ENDPOINT,
    };
  } else if (e.NODE_ENV === 'production') {
    throw new ConfigError(
      'SMS_PROVIDER must name a real text-message gateway in production (SMS_PROVIDER=aliyun with ' +
        'SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME and SMS_TEMPLATE_OTP); ' +
        'the log sender would write one-time codes to the log',
    );
  } else {
    sms = { provider: 'log' };
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL ?? null,
    auditCheckpoint: {
      file:
        e.AUDIT_CHECKPOINT_FILE === 'off'
          ? null
          : (e.AUDIT_CHECKPOINT_FILE ?? (e.NODE_ENV === 'test' ? null : './data/audit-checkpoints.jsonl')),
      everySeconds: e.AUDIT_CHECKPOINT_SECONDS,
    },
    secrets,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ...(e.LOGIN_ACCOUNT_MAX_FAILURES ? { accountMaxFailures: e.LOGIN_ACCOUNT_MAX_FAILURES } : {}),
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    redisUrl: e.REDIS_URL ?? null,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    otpResendSeconds: e.OTP_RESEND_SECONDS,
    identifierSearchesPerHour: e.IDENTIFIER_SEARCHES_PER_HOUR,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    webDist: e.WEB_DIST,
    sms,
    referralRetentionDays: e.REFERRAL_RETENTION_DAYS,
    clockStart: e.UC_CLOCK_START ? new Date(e.UC_CLOCK_START).toISOString() : null,
  };
}

/** Fresh random keys, for tests that build an app without touching the disk. */
export function ephemeralSecrets(): Secrets {
  return { fieldKeys: { k1: key32() }, fieldKeyActive: 'k1', blindIndexKey: key32(), auditHmacKey: key32() };
}
