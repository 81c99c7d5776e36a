import rateLimit, {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
  RateLimitOptions,
} from '@fastify/rate-limit';
import { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type Redis from 'ioredis';
import { Logger } from 'pino';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { createRedisConnection, reportRedisHealth, whenRedisReady } from '../../redis/redis-connection';
import { RedisHealth, createRedisHealth } from '../../redis/redis-health';
import { GatewayHttpError } from '../error-replies';

/** What the plugin hands a store's constructor and `child` (typed as empty by the plugin). */
type StoreParts = FastifyRateLimitOptions & Pick<RateLimitOptions, 'continueExceeding' | 'exponentialBackoff'>;
type RouteParts = Parameters<FastifyRateLimitStore['child']>[0] & StoreParts;
type Counted = { current: number; ttl: number };
/* eslint-disable @typescript-eslint/no-require-imports -- the plugin's own two stores, which it does not export by name */
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as new (
  continueExceeding?: boolean,
  exponentialBackoff?: boolean,
) => FastifyRateLimitStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as new (
  continueExceeding: boolean | undefined,
  exponentialBackoff: boolean | undefined,
  redis: Redis,
  key: string,
) => FastifyRateLimitStore;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The plugin's Redis store while Redis answers, its in-memory store while it does not: a count
 * goes to Redis through the shared `RedisHealth`, within the command timeout; while Redis is
 * known unreachable (or when the count fails) the request is counted by this replica alone. A
 * frozen Redis thus costs one request one timeout, and the limit still holds, per replica,
 * meanwhile.
 */
class SharedOrLocalStore implements FastifyRateLimitStore {
  constructor(
    private readonly shared: FastifyRateLimitStore,
    private readonly local: FastifyRateLimitStore,
    private readonly redis: Redis,
    private readonly health: RedisHealth,
  ) {}

  incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow: number, max: number): void {
    const countHere = () => this.local.incr(key, callback, timeWindow, max);
    // Through `run` even while Redis is known unreachable: it answers "fall back" at once then,
    // and makes this count the one trial that finds Redis again once the pause is over.
    if (this.redis.status !== 'ready') return countHere();
    const sharedCount = () =>
      new Promise<Counted>((resolve, reject) =>
        this.shared.incr(
          key,
          (error, result) => (error || !result ? reject(error ?? new Error('no count')) : resolve(result)),
          timeWindow,
          max,
        ),
      );
    // `run` never rejects; what follows it must not either (a rejection here would go unhandled).
    void this.health.run(sharedCount).then((counted) => {
      if (counted) return callback(null, counted.value);
      try {
        countHere();
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  child(routeOptions: RouteParts): FastifyRateLimitStore {
    return new SharedOrLocalStore(this.shared.child(routeOptions), this.local.child(routeOptions), this.redis, this.health);
  }
}

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
  /**
   * Default one of its own, from `redisCommandTimeoutMs`. Whether Redis answers, shared with the
   * process's other users of it: when it does not, requests are counted by this replica alone.
   */
  readonly redisHealth?: RedisHealth;
  /** Default `250` (`cache.redisCommandTimeoutMs`). Without `redisHealth`: longest a request waits for its count, in ms. */
  readonly redisCommandTimeoutMs?: number;
  /** Required. Warned once when Redis stops answering (each replica then counts on its own). */
  readonly logger: Logger;
  /** Default none. Told of every refused request (metrics). */
  readonly onRefused?: () => void;
}

const NO_HEADERS = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false } as const;

/**
 * A rate limit per client for the routes registered after it in the enclosing scope
 * (`@fastify/rate-limit`, an `onRequest` hook), counted after authentication and before the body is read. A
 * refusal is 429 `RATE_LIMITED` with `Retry-After`. With `redisUrl` the counters live in
 * Redis, so N replicas still allow a client the limit once, not N times; while Redis does
 * not answer, each replica counts on its own (the limit then holds per replica).
 */
export const clientRateLimit = fp<ClientRateLimitOptions>(
  async (scope, options) => {
    const nameSpace = `${options.redisKeyPrefix ?? 'mpa:'}${options.deploymentTag ?? 'local'}:rate:`;
    let store: FastifyRateLimitStoreCtor | undefined;
    if (options.redisUrl) {
      const health = options.redisHealth ?? createRedisHealth({ commandTimeoutMs: options.redisCommandTimeoutMs });
      // The health's timeout alone bounds a request's wait for its count (see guarded-redis.ts).
      const connectTimeoutMs = 2_000;
      const connection = createRedisConnection({ url: options.redisUrl, commandTimeoutMs: null, connectTimeoutMs });
      // One line whether the connection failed or a count stalled.
      const unreachable = 'rate limit: Redis is unreachable; each replica counts requests on its own until it answers again';
      reportRedisHealth([connection], options.logger, { unreachable });
      const stopHearing = health.onUnreachable(() => options.logger.warn(unreachable));
      scope.addHook('onClose', async () => {
        stopHearing();
        connection.disconnect();
      });
      // As the caches do: the first requests after start are counted across replicas, unless
      // Redis is not there within the connect timeout (then each replica counts until it is).
      await whenRedisReady(connection, connectTimeoutMs);
      store = class extends SharedOrLocalStore {
        constructor(params: FastifyRateLimitOptions) {
          const { continueExceeding, exponentialBackoff } = params as StoreParts;
          super(
            new RedisStore(continueExceeding, exponentialBackoff, connection, nameSpace),
            new LocalStore(continueExceeding, exponentialBackoff),
            connection,
            health,
          );
        }
      };
    }
    await scope.register(rateLimit, {
      global: true,
      max: options.requestsPerMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      keyGenerator: options.keyOf,
      ...(store ? { store } : {}),
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
