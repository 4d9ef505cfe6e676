import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
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
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  WEB_DIST: z.string().default('./dist/web'),
  /** How long a caring unit still sees a referral after it closed (delivered, declined, withdrawn). */
  REFERRAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
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
  secrets: Secrets;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number };
  rateLimitPerMinute: number;
  /** The shared rate-limit store; null counts in this process's memory. */
  redisUrl: string | null;
  /** A slower answer from the store lets the request through uncounted (fail open). */
  redisCommandTimeoutMs: number;
  otpResendSeconds: number;
  trustProxy: boolean;
  logLevel: string;
  seedDemo: boolean;
  webDist: string;
  referralRetentionDays: number;
}

export class ConfigError extends Error {}

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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    secrets,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    redisUrl: e.REDIS_URL ?? null,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    otpResendSeconds: e.OTP_RESEND_SECONDS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    webDist: e.WEB_DIST,
    referralRetentionDays: e.REFERRAL_RETENTION_DAYS,
  };
}

/** Fresh random keys, for tests that build an app without touching the disk. */
export function ephemeralSecrets(): Secrets {
  return { fieldKeys: { k1: key32() }, fieldKeyActive: 'k1', blindIndexKey: key32(), auditHmacKey: key32() };
}
