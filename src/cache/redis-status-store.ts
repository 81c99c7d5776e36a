import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { ClaimAttempt, StatusStore, StoredStatus } from './status-store';

export interface RedisStatusStoreOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  /** Required. Used while Redis is unreachable, and kept warm meanwhile. */
  readonly fallback: StatusStore;
  readonly logger: Logger;
  /** Default `'mpa:'`. Prefix of every key this store writes. */
  readonly keyPrefix?: string;
  /** Default `5_000`. How long one replica's claim to fetch a key lasts. */
  readonly claimTtlMs?: number;
  /** Default `20`. How often a waiting replica looks for the fetcher's result, in ms. */
  readonly pollIntervalMs?: number;
  /** Default `2_000`. How long start-up waits for Redis before going on without it. */
  readonly connectTimeoutMs?: number;
}

// Deletes the claim only if it is still ours (it may have expired and been taken since).
const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Statuses shared by every replica through Redis, with cross-replica single-flight: the
 * replica that claims a key fetches it, the others wait for its result (or, after a
 * timeout, fetch themselves). When Redis is unreachable every call falls back to the
 * in-process store and the gateway keeps answering.
 */
export function createRedisStatusStore(options: RedisStatusStoreOptions): StatusStore {
  const prefix = options.keyPrefix ?? 'mpa:';
  const claimTtlMs = options.claimTtlMs ?? 5_000;
  const pollIntervalMs = options.pollIntervalMs ?? 20;
  const { fallback, logger } = options;
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let degraded = false;
  const degrade = (error: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn({ err: error }, 'Redis unreachable: caching per replica until it is back');
  };
  redis.on('error', degrade);
  redis.on('ready', () => {
    if (degraded) logger.info('Redis reachable again: sharing the cache across replicas');
    degraded = false;
  });
  const ready = () => redis.status === 'ready';

  const statusKey = (key: string) => `${prefix}status:${key}`;
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const resultKey = (key: string) => `${prefix}result:${key}`;

  async function waitForResult(key: string, token: string | null, timeoutMs: number): Promise<StoredStatus | undefined> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
      try {
        const [result, holder] = await Promise.all([redis.get(resultKey(key)), redis.get(claimKey(key))]);
        if (result) {
          const parsed = JSON.parse(result) as { token: string; value: StoredStatus };
          if (token === null || parsed.token === token) return parsed.value;
        }
        // The fetcher is gone without a result (it crashed or its claim expired): fetch ourselves.
        if (holder === null) return undefined;
      } catch (error) {
        degrade(error);
        return undefined;
      }
    }
    return undefined;
  }

  return {
    async get(key) {
      if (!ready()) return fallback.get(key);
      try {
        const text = await redis.get(statusKey(key));
        return text ? (JSON.parse(text) as StoredStatus) : undefined;
      } catch (error) {
        degrade(error);
        return fallback.get(key);
      }
    },
    async set(key, value, ttlMs) {
      await fallback.set(key, value, ttlMs);
      if (!ready()) return;
      try {
        await redis.set(statusKey(key), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
      } catch (error) {
        degrade(error);
      }
    },
    async claim(key): Promise<ClaimAttempt> {
      if (!ready()) return fallback.claim(key);
      const token = randomUUID();
      try {
        const won = await redis.set(claimKey(key), token, 'PX', claimTtlMs, 'NX');
        if (won === 'OK') {
          return {
            claimed: true,
            claim: {
              async settle(result) {
                try {
                  await redis.set(resultKey(key), JSON.stringify({ token, value: result }), 'PX', claimTtlMs);
                  await redis.eval(RELEASE_IF_OWNER, 1, claimKey(key), token);
                } catch (error) {
                  degrade(error);
                }
              },
            },
          };
        }
        const holder = await redis.get(claimKey(key));
        return { claimed: false, wait: (timeoutMs) => waitForResult(key, holder, timeoutMs) };
      } catch (error) {
        degrade(error);
        return fallback.claim(key);
      }
    },
    whenReady: () =>
      ready()
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              redis.off('ready', onReady);
              degrade(new Error('no connection within the start-up timeout'));
              resolve();
            }, options.connectTimeoutMs ?? 2_000);
            const onReady = () => {
              clearTimeout(timer);
              resolve();
            };
            redis.once('ready', onReady);
          }),
    localSize: () => fallback.localSize(),
    async close() {
      redis.removeAllListeners('error');
      redis.on('error', () => undefined);
      if (ready()) await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
      await fallback.close();
    },
  };
}
