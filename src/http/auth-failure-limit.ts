import { LRUCache } from 'lru-cache';

export interface AuthFailureLimitOptions {
  /** Required. Failed authentications one source address may make per minute (`clientAuth.maxFailuresPerMinute`). */
  readonly failuresPerMinute: number;
  /** Default `100_000`. Source addresses remembered at most; the least recently seen go first. */
  readonly maxAddresses?: number;
  /** Default `Date.now`. The clock, in epoch ms. */
  readonly now?: () => number;
}

/** Failed authentications per source address, in this replica. */
export interface AuthFailureLimit {
  /** Seconds until `address` may present credentials again; 0 when it may now. */
  retryAfterSeconds(address: string): number;
  /** Counts one failed authentication (unknown key, bad token) from `address`. */
  recordFailure(address: string): void;
}

const WINDOW_MS = 60_000;

/**
 * Limits guessing: once an address has failed authentication `failuresPerMinute` times in
 * its current minute, every request from it is refused until that minute ends, whatever
 * credentials it carries (letting a correct key through would tell the guesser it was
 * right). The minute starts at the address's first failure. Counted per replica: N replicas
 * allow N times the limit, still far from what guessing a key needs.
 */
export function createAuthFailureLimit(options: AuthFailureLimitOptions): AuthFailureLimit {
  if (!Number.isInteger(options.failuresPerMinute) || options.failuresPerMinute < 1) {
    throw new RangeError(`failuresPerMinute must be a whole number of at least 1; it is ${options.failuresPerMinute}`);
  }
  const now = options.now ?? Date.now;
  const windows = new LRUCache<string, { startedAt: number; failures: number }>({ max: options.maxAddresses ?? 100_000 });
  const current = (address: string) => {
    const window = windows.get(address);
    return window && now() - window.startedAt < WINDOW_MS ? window : undefined;
  };
  return {
    retryAfterSeconds(address) {
      const window = current(address);
      if (!window || window.failures < options.failuresPerMinute) return 0;
      return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now()) / 1000));
    },
    recordFailure(address) {
      const window = current(address);
      if (window) window.failures += 1;
      else windows.set(address, { startedAt: now(), failures: 1 });
    },
  };
}
