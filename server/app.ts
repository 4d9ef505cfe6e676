import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './config';
import type { DatabaseHandle } from './db/database';
import { collectMigrations } from './db/migrator';
import { AuditLog } from './platform/audit/audit-log';
import { auditCheckpointStore, startAuditCheckpoints } from './platform/audit/checkpoint';
import { AssignmentStore } from './platform/auth/assignment';
import { installAuth } from './platform/auth/auth-plugin';
import { combinePolicy, installPolicy } from './platform/auth/policy';
import { PasswordHasher } from './platform/auth/password';
import { SessionStore } from './platform/auth/session-store';
import { systemClock, uuidv7Generator, type Clock, type IdGenerator } from './platform/clock';
import { createBlindIndex, createFieldCipher } from './platform/personal-data/crypto';
import { installApiNoStore, isApiRequest } from './platform/http/api-request';
import { rejectControlCharacters } from './platform/http/input-guard';
import { installErrorHandling, problemBody, sendProblem } from './platform/http/problem';
import { routeInfo, type RouteInfo } from './platform/http/routes';
import { healthRoutes } from './platform/http/health.routes';
import { loggerOptions } from './platform/http/logging';
import { rateLimitRedis } from './platform/http/rate-limit-store';
import type { Platform } from './platform/platform';
import { smsSenderFromConfig, type SmsSender } from './platform/sms';
import { buildModules, type ModuleServices } from './platform/module';
import { assistanceModule } from './modules/assistance';
import { auditModule } from './modules/audit';
import { identityModule } from './modules/identity';
import { organisationModule } from './modules/organisation';
import { membershipModule } from './modules/membership';
import { voteModule } from './modules/vote';

/**
 * Every business system, in build order (a module's `needs` come before it). Adding a system is
 * its folders plus one line here (docs/adding-a-system.md).
 */
export const MODULES = [
  organisationModule,
  identityModule,
  auditModule,
  assistanceModule,
  membershipModule,
  voteModule,
] as const;
export type AppServices = ModuleServices<typeof MODULES>;
/** The platform's migrations and every module's, ordered by name (scripts, tests and benches run these). */
export const MIGRATIONS = collectMigrations(MODULES);
/** The one policy table: every module's rows, in module order (installed by buildApp). */
export const POLICY = combinePolicy(MODULES);

export interface AppDeps {
  config: AppConfig;
  database: DatabaseHandle;
  clock?: Clock;
  ids?: IdGenerator;
  hasher?: PasswordHasher;
  sleep?: (ms: number) => Promise<void>;
  /** Fastify logger settings; tests pass a stream to scan what was logged (F-10). */
  logger?: FastifyServerOptions['logger'];
  loginPerMinute?: number;
  /** Text messages; unset, the configured sender (SMS_PROVIDER; the log sender outside production). */
  sms?: SmsSender;
  /**
   * Extra routes registered before the app is ready — benches only (a raw-insert baseline route
   * beside the real ones, on the same HTTP stack and database); production never sets it.
   */
  extraRoutes?: (app: FastifyInstance, platform: Platform) => Promise<void> | void;
}

export interface App {
  app: FastifyInstance;
  platform: Platform;
  /** Every route with its declared access, for the authorization and malformed-input harnesses. */
  routes: RouteInfo[];
  services: AppServices;
}

const keyBuf = (b64: string) => Buffer.from(b64, 'base64');

/**
 * Vite's hashed files under assets/ never change under their name; pages must be revalidated, and
 * so must the phone pages' service worker and manifest (m/sw.js, m/manifest.webmanifest), or a
 * phone would not see a new version.
 */
function staticCacheControl(root: string, path: string): string {
  return path.startsWith(resolve(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The web app manifest's own media type (the file extension alone is not known to every lookup). */
function staticHeaders(reply: FastifyReply, root: string, path: string): void {
  reply.header('cache-control', staticCacheControl(root, path));
  if (path.replace(/\.(br|gz)$/, '').endsWith('.webmanifest')) {
    reply.header('content-type', 'application/manifest+json; charset=utf-8');
  }
}

/** The one composition root: production, tests and benches all build the app here. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? uuidv7Generator(clock);
  installPolicy(POLICY);
  const platform: Platform = {
    config,
    db: database.db,
    engine: database.engine,
    database,
    clock,
    ids,
    audit: new AuditLog(
      keyBuf(config.secrets.auditHmacKey),
      clock,
      ids,
      auditCheckpointStore(keyBuf(config.secrets.auditHmacKey), config.auditCheckpoint.file),
    ),
    sessions: new SessionStore(database.db, clock, config.session),
    assignments: new AssignmentStore(clock, ids),
    hasher: deps.hasher ?? new PasswordHasher(),
    cipher: createFieldCipher({
      keys: Object.fromEntries(Object.entries(config.secrets.fieldKeys).map(([k, v]) => [k, keyBuf(v)])),
      activeKeyId: config.secrets.fieldKeyActive,
    }),
    blindIndex: createBlindIndex(keyBuf(config.secrets.blindIndexKey)),
    sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    sms: deps.sms ?? smsSenderFromConfig(config, () => app.log),
  };

  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    // A hop count trusts the nearest N proxies (Fastify's own reading of a number); never `true`.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops) => (_addr: string, i: number) =>
              i < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Ids are short; a very long URL is an attack or a bug.
    routerOptions: { maxParamLength: 200 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: () => ids(),
    // Router errors (an over-long or undecodable path) leave as problem+json like every other error.
    frameworkErrors: (err, req, reply) => {
      const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      void sendProblem(reply, problemBody(req, status, 'request.bad_url', 'The address is not valid'));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    // A GET without a declared query takes none: unknown parameters are an error, not ignored.
    if (!route.schema?.querystring && route.method === 'GET') {
      route.schema = { ...route.schema, querystring: z.strictObject({}) };
    }
    routes.push(...routeInfo(route));
  });

  await app.register(fastifyCookie);
  // Answers over 1 KiB go out brotli- or gzip-compressed when the client accepts it (JSON and
  // static files without a pre-compressed copy); compressed request bodies are not accepted.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // The phone pages' service worker (/m/sw.js) and web app manifest (vite.config.ts).
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: config.env === 'production',
  });
  // With REDIS_URL every process counts in one Redis, so a limit holds however many processes
  // serve the installation; without it each process counts in its own memory.
  const redis = config.redisUrl
    ? rateLimitRedis(config.redisUrl, () => app.log, config.redisCommandTimeoutMs)
    : null;
  if (redis) {
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(fastifyRateLimit, {
    global: true,
    ...(redis ? { redis, nameSpace: 'unioncare-rl-', skipOnError: true } : {}),
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Static files of the web app are not worth counting against a person's API budget.
    allowList: (req) => !isApiRequest(req),
    errorResponseBuilder: (req, ctx) => ({
      ...problemBody(req, 429, 'request.rate_limited', 'Too many requests, slow down'),
      statusCode: 429,
      retryAfterSeconds: Math.ceil(ctx.ttl / 1000),
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'UnionCare API · 爱心联盟职工服务平台', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'uc_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('preValidation', rejectControlCharacters);
  installApiNoStore(app);

  const modules = buildModules(platform, MODULES, { loginPerMinute: deps.loginPerMinute ?? 30 });
  installAuth(app, {
    sessions: platform.sessions,
    loadActor: modules.services.users.loadActor,
    resolveWorker: modules.services.membership.workers.resolve,
    secureCookies: config.env === 'production',
  });

  await app.register(healthRoutes(platform, MIGRATIONS));
  for (const r of modules.routes) await app.register(r);
  if (deps.extraRoutes) await deps.extraRoutes(app, platform);

  const webDist = resolve(config.webDist);
  const hasWeb = existsSync(resolve(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz copies beside each file (vite.config.ts): sent as they are.
      preCompressed: true,
      setHeaders: (reply, path) => staticHeaders(reply, webDist, path),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (isApiRequest(req) || req.method !== 'GET') {
      return sendProblem(reply, problemBody(req, 404, 'route.not_found', 'No such route'));
    }
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Web app not built: run `npm run build`.');
    }
    // The web apps route on the client: the phone pages under /m get theirs, the public vote
    // pages under /v theirs, every other page path gets the back office.
    const under = (prefix: string) =>
      req.url === prefix || req.url.startsWith(`${prefix}/`) || req.url.startsWith(`${prefix}?`);
    const page = under('/m') ? 'm/index.html' : under('/v') ? 'v/index.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  });

  // Signed checkpoints of the audit head, outside the database (F-8): every few seconds while the
  // trail grows, and once more on close.
  startAuditCheckpoints(app, platform, config.auditCheckpoint.everySeconds);

  await app.ready();
  return {
    app,
    platform,
    routes,
    services: modules.services,
  };
}
