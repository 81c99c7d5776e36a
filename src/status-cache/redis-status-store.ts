import Redis from 'ioredis';
import { Logger } from 'pino';
import { generationKey, readSharedTime, unlessSameGeneration } from '../redis/data-generation';
import { EntrySeal, createEntrySeal } from '../redis/entry-seal';
import { GuardedRedis, createGuardedRedis } from '../redis/guarded-redis';
import type { RedisHealth } from '../redis/redis-health';
import { createRedisClaims } from '../redis/redis-claims';
import { createLocalClock } from './memory-status-store';
import { ClaimAttempt, StatusStore, StoreTime, StoreWrite, StoredStatus } from './status-store';
import { tagOfStoredStatusKey } from './status-key';
import { decodeStoredStatus } from './stored-status-decoding';

/**
 * The kinds of answer a status store keeps: Partner Center's agreement status, or Microsoft's
 * partner-of-record verdict (stored as an outcome of the same shape, where "valid" is `signed`).
 */
export const STATUS_ANSWER_KINDS = ['agreement', 'partner-of-record'] as const;
export type StatusAnswerKind = (typeof STATUS_ANSWER_KINDS)[number];

export interface RedisStatusStoreOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  /**
   * Required. The kind of answer this store keeps. It follows the format version in every key
   * and channel (`<keyPrefix>v4:agreement:status:…`) and picks the key that seals each entry,
   * so an answer of one kind is never read as the other, whatever the two key prefixes are.
   */
  readonly kind: StatusAnswerKind;
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
  /** Default one of its own. Whether Redis answers, shared with the process's other users of it (`src/redis/redis-health.ts`). */
  readonly health?: RedisHealth;
  /** Default `250`. Without `health`: longest a Redis command may take before Redis counts as unreachable, in ms. */
  readonly commandTimeoutMs?: number;
  /** Default `5_000`. How long Redis is left alone after it failed, before one command tries it again, in ms. */
  readonly retryAfterMs?: number;
  /** Default `2_000`. How long start-up waits for Redis before going on without it. */
  readonly connectTimeoutMs?: number;
  /**
   * Default the tag a `storedStatusKey` starts with (every key the caching checker passes is
   * one). The account identity part of a key: it names the claims' channel.
   */
  readonly channelTagOf?: (key: string) => string;
  /** Default none (unsigned). `cache.redisSigningKey`: entries carry an HMAC, and one that fails it is a miss. */
  readonly signingKey?: string;
  /** Default none. Told of every entry ignored for its signature. */
  readonly onRejectedEntry?: (kind: 'answer' | 'result') => void;
}

/**
 * Version of what this store writes. It is part of every key, so replicas of two versions
 * in a rolling deploy never read each other's entries (a newer outcome would not decode).
 * Version 3: answers carry when their question was asked, and are written only if newer.
 * Version 4: the kind of answer follows the version in every key and channel, and signed
 * entries are sealed per kind (partner-of-record verdicts were kept under `por:` before the
 * version, which a key prefix ending in `por:` could reach). Entries of version 3 are misses.
 */
export const STORED_FORMAT_VERSION = 4;

function parse(text: string | undefined): StoredStatus | undefined {
  if (!text) return undefined;
  try {
    return decodeStoredStatus(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Stores an answer only if no answer to a later question is stored: KEYS[1] the answer,
 * KEYS[2] when the question behind the newest stored answer was asked (kept as long as a
 * question asked before it could still land). Equal times are the same question written
 * again (a retried write), so it is taken. KEYS[3] the data set's generation: an answer to a
 * question asked before Redis lost its data is dropped, since the mark it must be compared
 * with may have been lost too.
 */
const SET_IF_NEWER = `
${unlessSameGeneration(3, 5, '0')}
local newest = tonumber(redis.call('get', KEYS[2]) or '-1')
if newest > tonumber(ARGV[2]) then return 0 end
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[4])
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

/** How often answers that could not be shared are tried again, in ms. */
const REPAIR_EVERY_MS = 1_000;

/**
 * Statuses shared by every replica through Redis, with cross-replica single-flight: the
 * replica that claims a key fetches it, the others wait for its result (woken by a
 * notification, with a slow poll as a fallback) or fetch themselves when the fetcher went
 * away without one. A Redis that fails or stops answering is noticed once, by the shared
 * `RedisHealth` (here or at another user of the same Redis): every store call then uses the
 * in-process fallback at once, and one call tries Redis again after `retryAfterMs`. The
 * fallback answers only with what this replica asked Partner Center during the outage, never
 * with what it had from Redis before (another replica may have rechecked it since).
 *
 * The newest question wins: every answer carries the Redis time its question was asked,
 * and a write older than what is stored is dropped in Redis, atomically. A recheck's answer
 * that could not be written in time is kept here and written as soon as Redis answers;
 * until then this replica serves that key from its own memory, never from Redis.
 */
export function createRedisStatusStore(options: RedisStatusStoreOptions): StatusStore {
  const { kind } = options;
  if (!STATUS_ANSWER_KINDS.includes(kind))
    throw new TypeError(`kind must be one of ${STATUS_ANSWER_KINDS.join(', ')}, got ${String(kind)}`);
  // The kind right after the version, never in the configured prefix: no prefix makes one kind's key another's.
  const prefix = `${options.keyPrefix ?? 'mpa:'}v${STORED_FORMAT_VERSION}:${kind}:`;
  const { fallback } = options;
  const longestFetchMs = options.longestFetchMs ?? 12_000;
  const redis: GuardedRedis = createGuardedRedis({
    url: options.url,
    logger: options.logger,
    messages: {
      unreachable: 'Redis unreachable: caching per replica until it is back',
      reachable: 'Redis reachable again: sharing the cache across replicas',
    },
    health: options.health,
    commandTimeoutMs: options.commandTimeoutMs,
    retryAfterMs: options.retryAfterMs,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const seal: EntrySeal = createEntrySeal({
    secret: options.signingKey,
    context: kind,
    onRejected: () => options.onRejectedEntry?.('answer'),
  });
  const tagOf = options.channelTagOf ?? tagOfStoredStatusKey;
  const claims = createRedisClaims<StoredStatus>({
    redis,
    prefix,
    decode: decodeStoredStatus,
    longestFetchMs,
    fallbackPollMs: options.fallbackPollMs,
    channelOf: (key) => `${prefix}${tagOf(key)}:settled`,
    seal: createEntrySeal({ secret: options.signingKey, context: kind, onRejected: () => options.onRejectedEntry?.('result') }),
  });
  // Each entry's Redis key: the namespace (prefix, version, kind), then the caching checker's storedStatusKey.
  const entryKey = (key: string) => `${prefix}status:${key}`;
  const askedKey = (key: string) => `${prefix}asked:${key}`;
  const localClock = createLocalClock();
  // While Redis cannot be used, this replica answers from its own memory, but only with what it
  // asked Partner Center itself during this outage: what it read from or wrote to Redis before
  // may have been superseded there since (a recheck on another replica), and serving it would
  // undo that recheck here. Each outage has its own entries; an older outage's are never read.
  let outage = 0;
  let inOutage = false;
  const noted = <T>(result: T | undefined): T | undefined => {
    if (result === undefined && !inOutage) {
      inOutage = true;
      outage += 1;
    } else if (result !== undefined) {
      inOutage = false;
    }
    return result;
  };
  const localKey = (key: string) => `${outage}|${key}`;
  // Answers a recheck could not share: written (if still newest) once Redis answers again; or,
  // when not even Redis's time could be had, the shared entry (maybe older) is deleted then.
  const unshared = new Map<string, { readonly value: StoredStatus | undefined; readonly generation: string; readonly until: number }>();

  const write = (client: Redis, key: string, value: StoredStatus, generation: string, ttlMs: number) => {
    const text = JSON.stringify(value);
    const ttl = Math.max(1, Math.round(ttlMs));
    // The mark outlives any question asked before it: none lasts longer than the longest fetch.
    const markTtl = Math.max(ttl, longestFetchMs + 1_000);
    return client.eval(
      SET_IF_NEWER,
      3,
      entryKey(key),
      askedKey(key),
      generationKey(prefix),
      seal.seal(entryKey(key), text),
      String(value.askedAt),
      String(ttl),
      String(markTtl),
      generation,
    ) as Promise<number>;
  };

  async function repair(key: string): Promise<boolean> {
    const pending = unshared.get(key);
    if (!pending) return true;
    if (Date.now() > pending.until) {
      unshared.delete(key);
      return true;
    }
    const { value, generation } = pending;
    const done = noted(
      await redis.attempt((client) =>
        value ? write(client, key, value, generation, pending.until - Date.now()) : client.del(entryKey(key)),
      ),
    );
    if (done && unshared.get(key) === pending) unshared.delete(key);
    return done !== undefined;
  }
  const repairs = setInterval(() => {
    for (const key of unshared.keys()) void repair(key);
  }, REPAIR_EVERY_MS).unref();

  return {
    async clock(insistUntil): Promise<StoreTime> {
      const time = (client: Redis) => readSharedTime(client, prefix);
      const read = noted(insistUntil === undefined ? await redis.attempt(time) : await redis.insist(time, insistUntil));
      if (!read) return { at: localClock(), shared: false };
      return { at: read.value.at, shared: true, generation: read.value.generation };
    },
    async get(key) {
      const pending = unshared.get(key);
      if (pending && !(await repair(key))) {
        // A recheck's answer Redis has not had yet: the freshest there is, whatever the outage.
        return pending.value ? { status: pending.value, from: 'replica' } : fallback.get(localKey(key));
      }
      const read = noted(await redis.attempt((client) => client.get(entryKey(key))));
      if (!read) return fallback.get(localKey(key));
      const status = parse(read.value === null ? undefined : seal.open(entryKey(key), read.value));
      return status && { status, from: 'shared' };
    },
    async set(key, value, ttlMs, writeOptions): Promise<StoreWrite> {
      const asked = writeOptions?.asked;
      const until = writeOptions?.insistUntil;
      if (!asked?.shared) {
        noted(undefined);
        await fallback.set(localKey(key), value, ttlMs);
        if (until !== undefined) unshared.set(key, { value: undefined, generation: '', until: Date.now() + ttlMs });
        return 'local';
      }
      const entry = { ...value, askedAt: asked.at };
      const generation = asked.generation ?? '';
      const command = (client: Redis) => write(client, key, entry, generation, ttlMs);
      const written = noted(until === undefined ? await redis.attempt(command) : await redis.insist(command, until));
      if (written?.value === 0) return 'superseded';
      if (written) {
        unshared.delete(key);
        return 'shared';
      }
      if (until === undefined) {
        // Asked before Redis stopped answering: another replica may have rechecked it since, in
        // a Redis this replica cannot read now. Not kept; the next question asks again.
        return 'local';
      }
      // A recheck's answer: the newest there is, kept for this outage (see `noted`) and shared once Redis answers.
      await fallback.set(localKey(key), entry, ttlMs);
      unshared.set(key, { value: entry, generation, until: Date.now() + ttlMs });
      return 'local';
    },
    async claim(key, untilMs): Promise<ClaimAttempt> {
      const taken = await claims.claim(key, untilMs);
      if (!taken) return fallback.claim(key, untilMs);
      return taken.claimed ? { claimed: true, claim: { settle: taken.settle } } : { claimed: false, wait: taken.wait };
    },
    whenReady: () => redis.whenReady(),
    localSize: () => fallback.localSize(),
    async close() {
      clearInterval(repairs);
      await redis.close();
      await fallback.close();
    },
  };
}
