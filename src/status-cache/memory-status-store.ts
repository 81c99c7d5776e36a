import { LRUCache } from 'lru-cache';
import { StatusStore, StoredStatus } from './status-store';

export interface MemoryStatusStoreOptions {
  /** Default `100_000`. Entries kept; the least recently used go first. */
  readonly maxEntries?: number;
}

const ALWAYS_CLAIMED = { claimed: true as const, claim: { settle: () => Promise.resolve() } };

/** Microseconds on this process's clock, strictly increasing. */
export function createLocalClock(): () => number {
  let last = 0;
  return () => (last = Math.max(Date.now() * 1000, last + 1));
}

/** A bounded in-process store. Alone it serves one replica; it is also Redis's fallback. */
export function createMemoryStatusStore(options: MemoryStatusStoreOptions = {}): StatusStore {
  const max = options.maxEntries ?? 100_000;
  if (!Number.isInteger(max) || max <= 0) {
    throw new TypeError(`MemoryStatusStore: maxEntries must be a positive integer, got ${String(options.maxEntries)}`);
  }
  const entries = new LRUCache<string, StoredStatus>({ max });
  const now = createLocalClock();
  return {
    clock: () => Promise.resolve({ at: now(), shared: true }),
    get: (key) => {
      const status = entries.get(key);
      return Promise.resolve(status && { status, from: 'replica' });
    },
    set: (key, value, ttlMs) => {
      const held = entries.get(key);
      if (held?.askedAt !== undefined && value.askedAt !== undefined && held.askedAt > value.askedAt) return Promise.resolve('superseded');
      entries.set(key, value, { ttl: ttlMs });
      return Promise.resolve('shared');
    },
    // One process: the caller's own single-flight is all the coordination needed.
    claim: () => Promise.resolve(ALWAYS_CLAIMED),
    whenReady: () => Promise.resolve(),
    localSize: () => entries.size,
    close: () => Promise.resolve(),
  };
}
