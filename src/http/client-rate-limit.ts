import rateLimit from '@fastify/rate-limit';
import { FastifyInstance, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayHttpError } from './error-replies';

export interface ClientRateLimitOptions {
  /** Required. Requests per minute per client (`http.requestsPerMinute`). */
  readonly requestsPerMinute: number;
  /** Required. The bucket a request counts against: its client's identity. */
  readonly keyOf: (request: FastifyRequest) => string;
  /** Default none: each replica counts on its own. With Redis, one limit across replicas. */
  readonly redisUrl?: string;
  /** Default `'mpa:'`. Prefix of the counters' keys in Redis. */
  readonly redisKeyPrefix?: string;
  /** Default `250` (`cache.redisCommandTimeoutMs`). Longest a request waits for its count before it is let through, in ms. */
  readonly redisCommandTimeoutMs?: number;
  /** Required. Warned once when Redis stops answering (requests are then let through). */
  readonly logger: Logger;
  /** Default none. Told of every refused request (metrics). */
  readonly onRefused?: () => void;
}

const NO_HEADERS = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false } as const;

/**
 * A rate limit per client for the routes registered after it in `scope`
 * (`@fastify/rate-limit`), counted after authentication and before the body is read. A
 * refusal is 429 `RATE_LIMITED` with `Retry-After`. With `redisUrl` the counters live in
 * Redis, so N replicas still allow a client the limit once, not N times; when Redis does
 * not answer, requests go through rather than fail.
 */
export async function registerClientRateLimit(scope: FastifyInstance, options: ClientRateLimitOptions): Promise<void> {
  let redis: Redis | undefined;
  if (options.redisUrl) {
    const connection = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // A request waits at most this long for its count before it is let through.
      commandTimeout: options.redisCommandTimeoutMs ?? 250,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    let warned = false;
    connection.on('error', (error: Error) => {
      if (warned) return;
      warned = true;
      options.logger.warn({ err: error }, 'rate limit: Redis is unreachable; counting is off until it answers again');
    });
    connection.on('ready', () => {
      warned = false;
    });
    scope.addHook('onClose', async () => connection.disconnect());
    redis = connection;
  }
  await scope.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: options.keyOf,
    redis,
    nameSpace: `${options.redisKeyPrefix ?? 'mpa:'}rate:`,
    skipOnError: true,
    addHeadersOnExceeding: NO_HEADERS,
    addHeaders: { ...NO_HEADERS, 'retry-after': true },
    onExceeded: () => options.onRefused?.(),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new GatewayHttpError(429, GatewayErrorCode.RATE_LIMITED, `Too many requests; try again in ${seconds} seconds.`);
    },
  });
}
