import { LRUCache } from 'lru-cache';
import { CacheClass } from '../partner-center/outcome';
import { identifierKey } from '../partner-center/reseller-identifier';
import { CheckedStatus, DEFAULT_DEADLINE_MS, StatusChecker } from '../status/status-checker';
import { StatusStore, StoredStatus } from './status-store';

/** Milliseconds each cache class is kept. `never` is never kept, whatever is configured. */
export type CacheTtls = Readonly<Record<Exclude<CacheClass, 'never'>, number>>;

export interface CachingStatusCheckerOptions {
  /** Required. Asks Partner Center on a miss. */
  readonly inner: StatusChecker;
  /** Required. Memory or Redis. */
  readonly store: StatusStore;
  /** Required. Per cache class, in ms; 0 keeps nothing. */
  readonly ttlMs: CacheTtls;
  /** Default `5_000`. Longest wait for another replica's fetch before fetching here. */
  readonly waitForReplicaMs?: number;
  /** Default none. Told whether each cache read hit (metrics). */
  readonly onLookup?: (hit: boolean) => void;
  /** Default none. Told after a recheck replaced an answer (to drop responses built on the old one). */
  readonly onRecheck?: () => void;
}

const toChecked = (stored: StoredStatus): CheckedStatus => ({ outcome: stored.outcome, checkedAt: new Date(stored.checkedAt) });

/**
 * The shared status cache in front of Partner Center: TTL by outcome class, and
 * single-flight, so any number of concurrent questions about one (identifier, region)
 * cost one upstream call, in this process and, with Redis, across replicas.
 */
export function createCachingStatusChecker(options: CachingStatusCheckerOptions): StatusChecker {
  const { inner, store, ttlMs } = options;
  const waitForReplicaMs = options.waitForReplicaMs ?? 5_000;
  const inFlight = new Map<string, Promise<CheckedStatus>>();
  // Answers settled in the last moments, for a question whose cache read was already under way
  // when the fetch finished (it would otherwise miss both the cache and the flight).
  const justSettled = new LRUCache<string, { tick: number; checked: CheckedStatus }>({ max: 10_000, ttl: 2_000 });
  // A counter orders question starts and fetch ends strictly (milliseconds can tie).
  let tick = 0;

  const ttlFor = (cacheClass: CacheClass): number => (cacheClass === 'never' ? 0 : ttlMs[cacheClass]);

  async function fetchAndStore(key: string, run: () => Promise<CheckedStatus>, deadline: number): Promise<CheckedStatus> {
    const attempt = await store.claim(key);
    if (!attempt.claimed) {
      const shared = await attempt.wait(Math.max(0, Math.min(waitForReplicaMs, deadline - Date.now())));
      if (shared) return toChecked(shared);
    }
    const checked = await run();
    const stored: StoredStatus = { outcome: checked.outcome, checkedAt: checked.checkedAt.getTime() };
    const ttl = ttlFor(checked.outcome.cacheClass);
    if (ttl > 0) await store.set(key, stored, ttl);
    if (attempt.claimed) await attempt.claim.settle(stored);
    justSettled.set(key, { tick: ++tick, checked });
    return checked;
  }

  return {
    configuredRegions: inner.configuredRegions,
    isConfigured: (region) => inner.isConfigured(region),
    circuitStates: () => inner.circuitStates(),
    async check(identifier, region, check = {}) {
      const key = `${identifierKey(identifier)}@${region}`;
      const asked = ++tick;
      const deadline = check.deadline ?? Date.now() + DEFAULT_DEADLINE_MS;
      if (!check.recheck) {
        const hit = await store.get(key);
        options.onLookup?.(hit !== undefined);
        if (hit) return toChecked(hit);
        const settled = justSettled.get(key);
        if (settled && settled.tick > asked) return settled.checked;
      }
      const running = inFlight.get(key);
      if (running) return running;
      const flight = fetchAndStore(key, () => inner.check(identifier, region, { ...check, deadline }), deadline).finally(() => {
        inFlight.delete(key);
        if (check.recheck) options.onRecheck?.();
      });
      inFlight.set(key, flight);
      return flight;
    },
    async close() {
      await store.close();
      await inner.close();
    },
  };
}
