import { randomUUID } from 'node:crypto';
import { Deadline } from '../time/deadline';
import { withinDeadline } from '../time/within-deadline';
import { EntrySeal, createEntrySeal } from './entry-seal';
import { GuardedRedis } from './guarded-redis';

export interface RedisClaimsOptions<T> {
  readonly redis: GuardedRedis;
  /** Required. Prefix of the claim and result keys and of the notification channel, format version included. */
  readonly prefix: string;
  /** Required. Reads a result another replica handed over; undefined when it is not one this version wrote. */
  readonly decode: (value: unknown) => T | undefined;
  /**
   * Required. Longest a fetch may take, in ms: its holder keeps its claim alive at least this
   * long (or until the caller's `untilMs`), so a claim never lapses mid-fetch while its holder runs.
   */
  readonly longestFetchMs: number;
  /**
   * Default `5_000`. How long a claim lasts unless its holder renews it, in ms; the holder
   * renews it every third of this while it fetches. A holder that was stopped or killed
   * mid-fetch frees the key this soon, and the replicas waiting on it fetch themselves.
   */
  readonly leaseMs?: number;
  /** Default `250`. How often a waiting replica looks for the result when no notification came, in ms. */
  readonly fallbackPollMs?: number;
  /** Default `<prefix>settled`. The channel that tells a key's waiters its result is there (one per account identity). */
  readonly channelOf?: (key: string) => string;
  /** Default none (unsigned). Signs the results handed over, so a forged one is not taken. */
  readonly seal?: EntrySeal;
  /** Default the command timeout. The bound for commands that carry a result (see `RedisCommandOptions`): longer when results are large. */
  readonly resultTimeoutMs?: number;
}

/** The right to fetch one key for every replica, or a wait for the replica that holds it. */
export type RedisClaim<T> =
  | {
      readonly claimed: true;
      /** Hands the result to the replicas waiting on this fetch, then releases the claim. */
      readonly settle: (result: T) => Promise<void>;
    }
  | {
      readonly claimed: false;
      /** When the holder's fetch started, on the clock its caller gave (`claim`'s `startedAt`), if it said. */
      readonly holderStartedAt: number | undefined;
      /** The holder's result; undefined when it went away without one (fetch here then) or `deadline` passed. */
      readonly wait: (deadline: Deadline) => Promise<T | undefined>;
    };

/**
 * Cross-replica single-flight on Redis: the replica that claims a key fetches it, the others
 * wait for its result, woken by a notification with a slow poll as a fallback. Claim and
 * result are read in one step, so a result written just before the claim's release is never
 * missed.
 */
export interface RedisClaims<T> {
  /**
   * Tries to become the one replica that fetches `key` until `untilMs`; undefined when Redis
   * cannot be used. `startedAt` (any clock the callers share) is told to replicas that find the claim taken.
   */
  claim(key: string, untilMs: number, startedAt?: number): Promise<RedisClaim<T> | undefined>;
}

// Takes the claim, or tells who holds it, in one step.
const CLAIM = `
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1, ARGV[1]} end
return {0, redis.call('get', KEYS[1])}`;

// Keeps the claim alive if it is still ours.
const RENEW = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;

// Hands over the result, releases the claim if it is still ours, and wakes the waiters.
const SETTLE = `
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
redis.call('publish', KEYS[3], ARGV[4])
return 1`;

const quiet = () => undefined;

/** A result handed over through Redis (`{ token, value }`), or undefined when the text is not one. */
function readHandover(text: string): { readonly token: string; readonly value: unknown } | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    const handover = parsed as { token?: unknown; value?: unknown } | null;
    return typeof handover === 'object' && handover !== null && typeof handover.token === 'string'
      ? { token: handover.token, value: handover.value }
      : undefined;
  } catch {
    return undefined;
  }
}

export function createRedisClaims<T>(options: RedisClaimsOptions<T>): RedisClaims<T> {
  const { redis, prefix, decode } = options;
  const fallbackPollMs = options.fallbackPollMs ?? 250;
  const leaseMs = options.leaseMs ?? 5_000;
  const channelOf = options.channelOf ?? (() => `${prefix}settled`);
  const seal = options.seal ?? createEntrySeal();
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const resultKey = (key: string) => `${prefix}result:${key}`;

  // Waiters by key, woken when the fetching replica publishes its result.
  const waiting = new Map<string, Set<() => void>>();
  const subscribed = new Set<string>();
  const listen = (channel: string) => {
    if (subscribed.has(channel)) return;
    subscribed.add(channel);
    redis.subscribe(channel, (key) => {
      for (const wake of waiting.get(key) ?? []) wake();
    });
  };
  const startOf = (token: string | null) => {
    const at = token === null ? NaN : Number(token.split('/')[0]);
    return Number.isFinite(at) && at > 0 ? at : undefined;
  };

  async function waitForResult(key: string, holder: string | null, deadline: Deadline): Promise<T | undefined> {
    for (;;) {
      let wake: () => void = quiet;
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const listeners = waiting.get(key) ?? new Set();
      listeners.add(wake);
      waiting.set(key, listeners);
      const poll = new Promise<void>((resolve) => setTimeout(resolve, fallbackPollMs).unref());
      const waited = await withinDeadline(Promise.race([woken, poll]), deadline);
      listeners.delete(wake);
      if (listeners.size === 0) waiting.delete(key);
      const read = await redis.attempt((client) => client.mget(resultKey(key), claimKey(key)), { timeoutMs: options.resultTimeoutMs });
      if (!read) return undefined;
      const [result, claim] = read.value;
      const opened = result ? seal.open(resultKey(key), result) : undefined;
      // Anything but a result this version handed over counts as none (the claim's end is awaited, then fetched here).
      const handed = opened ? readHandover(opened) : undefined;
      if (handed && (holder === null || handed.token === holder)) return decode(handed.value);
      // The fetcher is gone without a result (it crashed, or its claim lapsed): fetch here.
      // Past the deadline, whether it came while waiting or while reading: the caller's time is up.
      if (claim === null || !waited.inTime || deadline.remaining() <= 0) return undefined;
    }
  }

  return {
    async claim(key, untilMs, startedAt) {
      const token = `${startedAt ?? 0}/${randomUUID()}`;
      const channel = channelOf(key);
      listen(channel);
      const ttl = Math.max(options.longestFetchMs, untilMs - Date.now()) + 1_000;
      const taken = await redis.attempt(
        (client) => client.eval(CLAIM, 1, claimKey(key), token, String(leaseMs)) as Promise<[number, string | null]>,
      );
      if (!taken) return undefined;
      const [won, holder] = taken.value;
      if (won !== 1) return { claimed: false, holderStartedAt: startOf(holder), wait: (deadline) => waitForResult(key, holder, deadline) };
      // Renewed while this process runs the fetch, never past the longest a fetch may take
      // (a fetch that ended without settling lets its claim lapse then).
      const renewUntil = Date.now() + ttl;
      let renewal: NodeJS.Timeout | undefined;
      const renew = () => {
        renewal = undefined;
        if (Date.now() >= renewUntil) return;
        void redis
          .attempt((client) => client.eval(RENEW, 1, claimKey(key), token, String(leaseMs)) as Promise<number>)
          .then((renewed) => {
            // Not once another holds it (it lapsed, Redis lost it); tried again while Redis does not answer.
            if (renewed?.value !== 0 && !settled) renewal = setTimeout(renew, leaseMs / 3).unref();
          });
      };
      let settled = false;
      renewal = setTimeout(renew, leaseMs / 3).unref();
      return {
        claimed: true,
        async settle(result) {
          settled = true;
          if (renewal) clearTimeout(renewal);
          await redis.attempt(
            (client) =>
              client.eval(
                SETTLE,
                3,
                claimKey(key),
                resultKey(key),
                channel,
                token,
                seal.seal(resultKey(key), JSON.stringify({ token, value: result })),
                String(ttl),
                key,
              ),
            { timeoutMs: options.resultTimeoutMs },
          );
        },
      };
    },
  };
}
