import rateLimit from '@fastify/rate-limit';
import { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type Redis from 'ioredis';
import { Logger } from 'pino';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { createRedisConnection, reportRedisHealth } from '../../redis/redis-connection';
import { GatewayHttpError } from '../error-replies';

export interface ClientRateLimitOptions {
  /** Required. Requests per minute per client (`http.requestsPerMinute`). */
  readonly requestsPerMinute: number;
  /** Required. The bucket a request counts against: its client's identity. */
  readonly keyOf: (request: FastifyRequest) => string;
  /** Default none: each replica counts on its own. With Redis, one limit across replicas. */
  readonly redisUrl?: string;
  /** Default `'mpa:'`. Prefix of the counters' keys in Redis (`cache.redisKeyPrefix`). */
  readonly redisKeyPrefix?: string;
  /**
   * Default `'local'`. The deployment's identity (`DeploymentIdentity.tag`), part of every
   * counter's key: two deployments sharing a Redis never count against each other's limit.
   */
  readonly deploymentTag?: string;
  /** Default `250` (`cache.redisCommandTimeoutMs`). Longest a request waits for its count before it is let through, in ms. */
  readonly redisCommandTimeoutMs?: number;
  /** Required. Warned once when Redis stops answering (requests are then let through). */
  readonly logger: Logger;
  /** Default none. Told of every refused request (metrics). */
  readonly onRefused?: () => void;
}

const NO_HEADERS = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false } as const;

/**
 * A rate limit per client for the routes registered after it in the enclosing scope
 * (`@fastify/rate-limit`, an `onRequest` hook), counted after authentication and before the body is read. A
 * refusal is 429 `RATE_LIMITED` with `Retry-After`. With `redisUrl` the counters live in
 * Redis, so N replicas still allow a client the limit once, not N times; when Redis does
 * not answer, requests go through rather than fail.
 */
export const clientRateLimit = fp<ClientRateLimitOptions>(
  async (scope, options) => {
    let redis: Redis | undefined;
    if (options.redisUrl) {
      // A request waits at most the command timeout for its count before it is let through.
      const connection = createRedisConnection({ url: options.redisUrl, commandTimeoutMs: options.redisCommandTimeoutMs });
      reportRedisHealth([connection], options.logger, {
        unreachable: 'rate limit: Redis is unreachable; counting is off until it answers again',
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
      nameSpace: `${options.redisKeyPrefix ?? 'mpa:'}${options.deploymentTag ?? 'local'}:rate:`,
      skipOnError: true,
      addHeadersOnExceeding: NO_HEADERS,
      addHeaders: { ...NO_HEADERS, 'retry-after': true },
      onExceeded: () => options.onRefused?.(),
      errorResponseBuilder: (_request, context) => {
        const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return new GatewayHttpError(429, GatewayErrorCode.RATE_LIMITED, `Too many requests; try again in ${seconds} seconds.`);
      },
    });
  },
  { name: 'mpa-client-rate-limit', decorators: { request: ['gatewayClient'] } },
);
