import { Logger } from 'pino';
import { OUTCOME_KINDS } from '../partner-center/outcome/outcome';
import { GuardedRedis, createGuardedRedis } from '../redis/guarded-redis';
import { createRedisClaims } from '../redis/redis-claims';
import { ClaimAttempt, StatusStore, StoredStatus } from './status-store';

export interface RedisStatusStoreOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  /** Required. Used while Redis is unreachable, and kept warm meanwhile. */
  readonly fallback: StatusStore;
  readonly logger: Logger;
  /** Default `'mpa:'`. Prefix of every key this store writes. */
  readonly keyPrefix?: string;
  /**
   * Default `12_000`. Longest a fetch may take, in ms (the operation deadline and a margin):
   * a replica's claim on a key lasts at least this long, so it never lapses mid-fetch.
   */
  readonly longestFetchMs?: number;
  /** Default `250`. How often a waiting replica looks for the result when no notification came, in ms. */
  readonly fallbackPollMs?: number;
  /** Default `250`. Longest a Redis command may take before Redis counts as unreachable, in ms. */
  readonly commandTimeoutMs?: number;
  /** Default `5_000`. How long Redis is left alone after it failed, before one command tries it again, in ms. */
  readonly retryAfterMs?: number;
  /** Default `2_000`. How long start-up waits for Redis before going on without it. */
  readonly connectTimeoutMs?: number;
}

/**
 * Version of what this store writes. It is part of every key, so replicas of two versions
 * in a rolling deploy never read each other's entries (a newer outcome would not decode).
 */
export const STORED_FORMAT_VERSION = 2;

const KINDS = new Set<string>(OUTCOME_KINDS);

/** A stored entry, or undefined when it is not one this version wrote. */
function decode(value: unknown): StoredStatus | undefined {
  const entry = value as StoredStatus | null | undefined;
  if (typeof entry?.checkedAt !== 'number' || !KINDS.has(entry.outcome?.kind)) return undefined;
  return entry;
}

function parse(text: string | null): StoredStatus | undefined {
  if (!text) return undefined;
  try {
    return decode(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Statuses shared by every replica through Redis, with cross-replica single-flight: the
 * replica that claims a key fetches it, the others wait for its result (woken by a
 * notification, with a slow poll as a fallback) or fetch themselves when the fetcher went
 * away without one. A Redis that fails or stops answering is noticed once, by its own
 * short circuit breaker: every store call then uses the in-process fallback at once, and
 * one call tries Redis again after `retryAfterMs`.
 */
export function createRedisStatusStore(options: RedisStatusStoreOptions): StatusStore {
  const prefix = `${options.keyPrefix ?? 'mpa:'}v${STORED_FORMAT_VERSION}:`;
  const { fallback } = options;
  const redis: GuardedRedis = createGuardedRedis({
    url: options.url,
    logger: options.logger,
    messages: {
      unreachable: 'Redis unreachable: caching per replica until it is back',
      reachable: 'Redis reachable again: sharing the cache across replicas',
    },
    commandTimeoutMs: options.commandTimeoutMs,
    retryAfterMs: options.retryAfterMs,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const claims = createRedisClaims<StoredStatus>({
    redis,
    prefix,
    decode,
    longestFetchMs: options.longestFetchMs ?? 12_000,
    fallbackPollMs: options.fallbackPollMs,
  });
  const statusKey = (key: string) => `${prefix}status:${key}`;

  return {
    async get(key) {
      const read = await redis.attempt((client) => client.get(statusKey(key)));
      return read ? parse(read.value) : fallback.get(key);
    },
    async set(key, value, ttlMs) {
      await fallback.set(key, value, ttlMs);
      await redis.attempt((client) => client.set(statusKey(key), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs))));
    },
    async claim(key, untilMs): Promise<ClaimAttempt> {
      const taken = await claims.claim(key, untilMs);
      if (!taken) return fallback.claim(key, untilMs);
      return taken.claimed ? { claimed: true, claim: { settle: taken.settle } } : { claimed: false, wait: taken.wait };
    },
    whenReady: () => redis.whenReady(),
    localSize: () => fallback.localSize(),
    async close() {
      await redis.close();
      await fallback.close();
    },
  };
}
