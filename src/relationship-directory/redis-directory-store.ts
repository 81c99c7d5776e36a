import { Logger } from 'pino';
import { PartnerRelationship } from '../partner-center/client/relationships-reading';
import { CspRegion } from '../partner-center/csp-region';
import { generationKey, readSharedTime, unlessSameGeneration } from '../redis/data-generation';
import { createEntrySeal } from '../redis/entry-seal';
import { GuardedRedis, createGuardedRedis } from '../redis/guarded-redis';
import type { RedisHealth } from '../redis/redis-health';
import { createRedisClaims } from '../redis/redis-claims';
import { isPlausibleStoredTime } from '../redis/stored-time';
import { DirectoryClaim, DirectoryStore, ListWrite, RefreshOutcome, StoredDirectory } from './directory-store';

export interface RedisDirectoryStoreOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  /** Required. Used while Redis is unreachable, and kept warm meanwhile. */
  readonly fallback: DirectoryStore;
  readonly logger: Logger;
  /** Default `'mpa:'`. Prefix of every key this store writes. */
  readonly keyPrefix?: string;
  /** Required. Longest a refresh may take, in ms: a claim lasts at least this long. */
  readonly longestRefreshMs: number;
  /** Required. How long a stored list is kept, in ms (past it, no replica may use it anyway). */
  readonly keepMs: number;
  /** Default one of its own. Whether Redis answers, shared with the process's other users of it (`src/redis/redis-health.ts`). */
  readonly health?: RedisHealth;
  /** Default `250`. Without `health`: longest a Redis command may take before Redis counts as unreachable, in ms. */
  readonly commandTimeoutMs?: number;
  /** Default `'local'`. The account identity every key and channel of a region carries (see `src/redis/deployment-identity.ts`). */
  readonly identityTagOf?: (region: CspRegion) => string;
  /** Default none (unsigned). `cache.redisSigningKey`: lists carry an HMAC, and one that fails it is ignored. */
  readonly signingKey?: string;
  /** Default none. Told of every entry ignored for its signature. */
  readonly onRejectedEntry?: (kind: 'list' | 'result') => void;
}

/** Version of what this store writes, part of every key (see the status store's). */
export const DIRECTORY_FORMAT_VERSION = 2;

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string';

function isRelationship(value: unknown): value is PartnerRelationship {
  const entry = value as Record<string, unknown> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isText(entry.tenantId) &&
    isTextOrNull(entry.mpnId) &&
    isText(entry.name) &&
    isText(entry.state) &&
    isTextOrNull(entry.location)
  );
}

/**
 * A stored list, or undefined when it is not one this version wrote (times this version could
 * not have written included: a list dated ahead would look fresh, and newer than any fetched after it).
 */
function decodeDirectory(value: unknown): StoredDirectory | undefined {
  const entry = value as Partial<StoredDirectory> | null;
  if (!isPlausibleStoredTime(entry?.fetchedAt) || !Array.isArray(entry.relationships) || !entry.relationships.every(isRelationship))
    return undefined;
  if (entry.startedAt !== undefined && !isPlausibleStoredTime(entry.startedAt / 1000)) return undefined;
  const started = typeof entry.startedAt === 'number' ? { startedAt: entry.startedAt, forced: entry.forced === true } : {};
  return { fetchedAt: entry.fetchedAt, relationships: entry.relationships, ...started };
}

function decodeOutcome(value: unknown): RefreshOutcome | undefined {
  const entry = value as { ok?: unknown; directory?: unknown; failure?: { at?: unknown; reason?: unknown; httpStatus?: unknown } } | null;
  if (entry?.ok === true) {
    const directory = decodeDirectory(entry.directory);
    return directory ? { ok: true, directory } : undefined;
  }
  const failure = entry?.failure;
  if (entry?.ok !== false || typeof failure?.at !== 'number' || !isText(failure.reason)) return undefined;
  return {
    ok: false,
    failure: {
      at: failure.at,
      reason: failure.reason as never,
      httpStatus: typeof failure.httpStatus === 'number' ? failure.httpStatus : null,
    },
  };
}

/**
 * Each account's list shared by every replica through Redis, with the time it was fetched,
 * and one refresh at a time per account across replicas (the claims of `src/redis/`). When
 * Redis cannot be used, the replica keeps and refreshes its own lists meanwhile.
 */
/**
 * How long a command moving a whole reseller list may take before Redis counts as unreachable,
 * in ms: a large partner's list is megabytes, which a remote Redis may take longer than the
 * command timeout to move, and that alone must not send every Redis user of the process to its
 * fallback. These commands run in the lists' background refreshes, never on a request's path.
 */
const LIST_TIMEOUT_MS = 5_000;

/**
 * Stores a list only if no list whose fetch started later is stored, and only in the data set
 * its fetch started in: KEYS[1] the list, KEYS[2] when the stored list's fetch started (kept
 * as long as the list), KEYS[3] the generation; ARGV the text, its start, the time to keep
 * both, and the generation its start was read with.
 */
const SET_LIST_IF_NEWER = `
${unlessSameGeneration(3, 4, '0')}
local newest = tonumber(redis.call('get', KEYS[2]) or '-1')
if newest > tonumber(ARGV[2]) then return 0 end
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

export function createRedisDirectoryStore(options: RedisDirectoryStoreOptions): DirectoryStore {
  const prefix = `${options.keyPrefix ?? 'mpa:'}directory-v${DIRECTORY_FORMAT_VERSION}:`;
  const { fallback } = options;
  const redis: GuardedRedis = createGuardedRedis({
    url: options.url,
    logger: options.logger,
    messages: {
      unreachable: 'Redis unreachable: keeping reseller directories per replica until it is back',
      reachable: 'Redis reachable again: sharing reseller directories across replicas',
    },
    health: options.health,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  const tagOf = options.identityTagOf ?? (() => 'local');
  // Claims are keyed `<tag>:<region>`, so their channel is the tag's.
  const claims = createRedisClaims<RefreshOutcome>({
    redis,
    prefix,
    decode: decodeOutcome,
    longestFetchMs: options.longestRefreshMs,
    resultTimeoutMs: LIST_TIMEOUT_MS,
    channelOf: (key) => `${prefix}${key.split(':')[0]}:settled`,
    seal: createEntrySeal({ secret: options.signingKey, onRejected: () => options.onRejectedEntry?.('result') }),
  });
  const seal = createEntrySeal({ secret: options.signingKey, onRejected: () => options.onRejectedEntry?.('list') });
  const listKey = (region: CspRegion) => `${prefix}${tagOf(region)}:list:${region}`;
  const startedKey = (region: CspRegion) => `${prefix}${tagOf(region)}:list-started:${region}`;

  return {
    async read(region) {
      const read = await redis.attempt((client) => client.get(listKey(region)), { timeoutMs: LIST_TIMEOUT_MS });
      if (!read) return fallback.read(region);
      const text = read.value === null ? undefined : seal.open(listKey(region), read.value);
      if (!text) return undefined;
      try {
        return decodeDirectory(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    async write(region, directory, generation): Promise<ListWrite> {
      await fallback.write(region, directory);
      // A fetch that started on this process's clock (Redis was away) cannot be placed among the others' in Redis.
      if (generation === undefined || directory.startedAt === undefined) return 'local';
      const text = seal.seal(listKey(region), JSON.stringify(directory));
      const keep = String(Math.max(1, Math.round(options.keepMs)));
      const written = await redis.attempt(
        (client) =>
          client.eval(
            SET_LIST_IF_NEWER,
            3,
            listKey(region),
            startedKey(region),
            generationKey(prefix),
            text,
            String(directory.startedAt),
            keep,
            generation,
          ) as Promise<number>,
        { timeoutMs: LIST_TIMEOUT_MS },
      );
      if (!written) return 'local';
      return written.value === 1 ? 'written' : 'superseded';
    },
    async clock() {
      const read = await redis.attempt((client) => readSharedTime(client, prefix));
      return read ? read.value : fallback.clock();
    },
    async claim(region, untilMs, startedAt): Promise<DirectoryClaim> {
      const taken = await claims.claim(`${tagOf(region)}:${region}`, untilMs, startedAt);
      if (!taken) return fallback.claim(region, untilMs, startedAt);
      return taken;
    },
    whenReady: () => redis.whenReady(),
    async close() {
      await redis.close();
      await fallback.close();
    },
  };
}
