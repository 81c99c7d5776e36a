import { randomUUID } from 'node:crypto';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { OUTCOME_KINDS } from '../partner-center/outcome/outcome';
import { Deadline, whenPassed } from '../partner-center/resilience/deadline';
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

// Takes the claim, or tells who holds it, in one step.
const CLAIM = `
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1, ARGV[1]} end
return {0, redis.call('get', KEYS[1])}`;

// Hands over the result, releases the claim if it is still ours, and wakes the waiters.
const SETTLE = `
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
redis.call('publish', KEYS[3], ARGV[4])
return 1`;

const KINDS = new Set<string>(OUTCOME_KINDS);

/** A stored entry, or undefined when it is not one this version wrote. */
function decode(text: string | null): StoredStatus | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as StoredStatus;
    if (typeof value?.checkedAt !== 'number' || !KINDS.has(value.outcome?.kind)) return undefined;
    return value;
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
  const longestFetchMs = options.longestFetchMs ?? 12_000;
  const fallbackPollMs = options.fallbackPollMs ?? 250;
  const { fallback, logger } = options;
  const connection = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 250,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const redis = new Redis(options.url, connection);
  const subscriber = new Redis(options.url, { ...connection, commandTimeout: undefined });
  const channel = `${prefix}settled`;
  const statusKey = (key: string) => `${prefix}status:${key}`;
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const resultKey = (key: string) => `${prefix}result:${key}`;

  const breaker = circuitBreaker(handleAll, { halfOpenAfter: options.retryAfterMs ?? 5_000, breaker: new ConsecutiveBreaker(1) });
  let degraded = false;
  const degrade = (error?: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn({ err: error }, 'Redis unreachable: caching per replica until it is back');
  };
  const recover = () => {
    if (!degraded) return;
    degraded = false;
    logger.info('Redis reachable again: sharing the cache across replicas');
  };
  breaker.onBreak((reason) => degrade('error' in reason ? reason.error : undefined));
  breaker.onReset(recover);
  redis.on('error', degrade);
  redis.on('ready', () => {
    if (breaker.state === CircuitState.Closed) recover();
  });
  const quiet = () => undefined;
  subscriber.on('error', quiet);

  /** Runs a Redis command through the breaker; undefined means "use the fallback". */
  async function attempt<T>(command: () => Promise<T>): Promise<{ value: T } | undefined> {
    // While a trial command runs, the others do not queue behind it.
    if (breaker.state === CircuitState.HalfOpen) return undefined;
    if (redis.status !== 'ready') {
      degrade(new Error(`Redis connection is ${redis.status}`));
      return undefined;
    }
    try {
      return { value: await breaker.execute(command) };
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) logger.debug({ err: error }, 'Redis command failed');
      return undefined;
    }
  }

  // Waiters by key, woken when the fetching replica publishes its result.
  const waiting = new Map<string, Set<() => void>>();
  subscriber.on('message', (_channel: string, key: string) => {
    for (const wake of waiting.get(key) ?? []) wake();
  });
  void subscriber.subscribe(channel).catch(quiet);

  async function waitForResult(key: string, holder: string | null, deadline: Deadline): Promise<StoredStatus | undefined> {
    const expiry = whenPassed(deadline);
    let expired = false;
    void expiry.passed.then(() => {
      expired = true;
    });
    try {
      for (;;) {
        let wake: () => void = quiet;
        const woken = new Promise<void>((resolve) => {
          wake = resolve;
        });
        const listeners = waiting.get(key) ?? new Set();
        listeners.add(wake);
        waiting.set(key, listeners);
        const poll = new Promise<void>((resolve) => setTimeout(resolve, fallbackPollMs).unref());
        await Promise.race([woken, poll, expiry.passed]);
        listeners.delete(wake);
        if (listeners.size === 0) waiting.delete(key);
        // Claim and result in one read, so a result written just before the claim's release is not missed.
        const read = await attempt(() => redis.mget(resultKey(key), claimKey(key)));
        if (!read) return undefined;
        const [result, claim] = read.value;
        if (result) {
          const parsed = JSON.parse(result) as { token: string; value: StoredStatus };
          if (holder === null || parsed.token === holder) return decode(JSON.stringify(parsed.value));
        }
        // The fetcher is gone without a result (it crashed, or its claim lapsed): fetch here.
        if (claim === null || expired) return undefined;
      }
    } finally {
      expiry.cancel();
    }
  }

  return {
    async get(key) {
      const read = await attempt(() => redis.get(statusKey(key)));
      return read ? decode(read.value) : fallback.get(key);
    },
    async set(key, value, ttlMs) {
      await fallback.set(key, value, ttlMs);
      await attempt(() => redis.set(statusKey(key), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs))));
    },
    async claim(key, untilMs): Promise<ClaimAttempt> {
      const token = randomUUID();
      const ttl = Math.max(longestFetchMs, untilMs - Date.now()) + 1_000;
      const taken = await attempt(() => redis.eval(CLAIM, 1, claimKey(key), token, String(ttl)) as Promise<[number, string | null]>);
      if (!taken) return fallback.claim(key, untilMs);
      const [won, holder] = taken.value;
      if (won === 1) {
        return {
          claimed: true,
          claim: {
            async settle(result) {
              await attempt(() =>
                redis.eval(SETTLE, 3, claimKey(key), resultKey(key), channel, token, JSON.stringify({ token, value: result }), String(ttl), key),
              );
            },
          },
        };
      }
      return { claimed: false, wait: (deadline) => waitForResult(key, holder, deadline) };
    },
    whenReady: () =>
      redis.status === 'ready'
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
      for (const client of [redis, subscriber]) {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }
      await fallback.close();
    },
  };
}
