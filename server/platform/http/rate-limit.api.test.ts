import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Rate limits shared across processes (REDIS_URL): two app instances counting in one Redis hold
 * one limit. Runs against TEST_REDIS_URL, else REDIS_URL, else a Redis on 127.0.0.1:6379 when
 * one answers; skipped when none does. Failing open when the store is down needs no Redis.
 */
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const hasRedis = await reachable(redisUrl);
/** A client address of its own per run, so runs (and benches) sharing the Redis never meet. */
const clientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const opened: TestApp[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

async function app(config: Partial<AppConfig>): Promise<TestApp> {
  const t = await createTestApp({ config, seed: false });
  opened.push(t);
  return t;
}

describe.skipIf(!hasRedis)(`rate limits shared in Redis (${redisUrl})`, () => {
  it('two app instances on one Redis count one limit: the 7th request is refused on either', async () => {
    // A generous store timeout: on a loaded machine a slow answer would be let through (fail
    // open) and read here as a missing refusal.
    const a = await app({ redisUrl, rateLimitPerMinute: 6, redisCommandTimeoutMs: 10_000 });
    const b = await app({ redisUrl, rateLimitPerMinute: 6, redisCommandTimeoutMs: 10_000 });
    const ip = clientIp();
    const codes: { via: string; status: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const [via, t] = i % 2 === 0 ? ['a', a] : ['b', b];
      const res = await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });
      codes.push({ via, status: res.statusCode });
      if (res.statusCode === 429) expect(res.json()).toMatchObject({ code: 'request.rate_limited' });
    }
    expect(codes.slice(0, 6).every((c) => c.status === 200)).toBe(true);
    expect(codes.slice(6).every((c) => c.status === 429)).toBe(true);
    // Each instance alone has seen only 3 allowed requests, far under its limit of 6: the
    // refusals on both come from the shared count.
    expect(new Set(codes.filter((c) => c.status === 429).map((c) => c.via))).toEqual(new Set(['a', 'b']));

    // Another client's budget is its own.
    const other = await a.app.inject({ method: 'GET', url: '/api/health', remoteAddress: clientIp() });
    expect(other.statusCode).toBe(200);
  });

  it('without REDIS_URL each instance counts alone, as before', async () => {
    const a = await app({ rateLimitPerMinute: 2 });
    const b = await app({ rateLimitPerMinute: 2 });
    const ip = clientIp();
    const codes = [];
    for (const t of [a, a, b, b, a, b]) {
      codes.push((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('rate-limit store down', () => {
  it('lets requests through (fails open) and logs the outage once', async () => {
    // Nothing listens on port 1.
    const t = await app({ redisUrl: 'redis://127.0.0.1:1', rateLimitPerMinute: 2 });
    const ip = clientIp();
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });
      expect(res.statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 300));
    const warnings = t.logs.filter((l) => l.includes('rate-limit store (Redis) unreachable'));
    expect(warnings).toHaveLength(1);
  });
});
