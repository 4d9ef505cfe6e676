import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * The Redis client @fastify/rate-limit counts in when several app processes must share one limit
 * (REDIS_URL). Requests are never held up by it: a command that cannot be sent fails at once
 * (no offline queue), a slow one after REDIS_COMMAND_TIMEOUT_MS (half a second), and the limiter then lets the request
 * through (`skipOnError`) — availability over strictness, since sessions, login lockouts and
 * one-time-code limits live in the database and do not depend on it. The outage is logged once
 * when it starts and once when the store is back, not once per request.
 */
export function rateLimitRedis(url: string, log: () => FastifyBaseLogger, commandTimeoutMs = 500): Redis {
  const redis = new Redis(url, {
    connectionName: 'unioncare-rate-limit',
    connectTimeout: 1000,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Keep trying to come back, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log().warn(
      { err: { message: err.message } },
      'rate-limit store (Redis) unreachable: requests are let through and counted by no one until it is back',
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log().info('rate-limit store (Redis) reachable again: limits are shared across processes');
  });
  return redis;
}
