import { LRUCache } from 'lru-cache';
import { traceEvent } from '../observability/partner-center-span';
import { CacheClass } from '../partner-center/outcome/outcome';
import { gatewayOutcome } from '../partner-center/outcome/outcome-table';
import { Deadline, toDeadline, whenPassed } from '../partner-center/resilience/deadline';
import { identifierKey } from '../partner-center/reseller-identifier';
import { CheckedStatus, DEFAULT_DEADLINE_MS, StatusChecker } from '../partner-center/status-checker';
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
  /** Default none. Told whether each cache read hit (metrics). */
  readonly onLookup?: (hit: boolean) => void;
  /** Default none. Told after every recheck (to drop responses built on the old answer). */
  readonly onRecheck?: () => void;
}

const toChecked = (stored: StoredStatus): CheckedStatus => ({ outcome: stored.outcome, checkedAt: new Date(stored.checkedAt) });

/** One upstream question shared by every caller asking it at the time. */
interface Flight {
  readonly result: Promise<CheckedStatus>;
  /** The latest deadline of its callers: the flight may use all of it. */
  readonly deadline: Deadline;
  /** Whether a recheck started or joined it: its answer replaces what responses were built on. */
  recheck: boolean;
}

/** How long the newest stored answer's start is remembered: longer than any flight lasts. */
const NEWEST_KEPT_MS = 120_000;

/**
 * The shared status cache in front of Partner Center: TTL by outcome class, and
 * single-flight, so any number of concurrent questions about one (identifier, region)
 * cost one upstream call, in this process and, with Redis, across replicas.
 *
 * Every caller keeps its own deadline: a caller who joins a flight moves the flight's
 * deadline later when it has more time, and stops waiting at its own deadline while the
 * flight goes on for the others. Answers the gateway made up because time ran out are
 * never stored.
 */
export function createCachingStatusChecker(options: CachingStatusCheckerOptions): StatusChecker {
  const { inner, store, ttlMs } = options;
  const inFlight = new Map<string, Flight>();
  // Answers settled in the last moments, for a question whose cache read was already under way
  // when the fetch finished (it would otherwise miss both the cache and the flight).
  const justSettled = new LRUCache<string, { tick: number; checked: CheckedStatus }>({ max: 10_000, ttl: 2_000 });
  // A counter orders question starts and fetch ends strictly (milliseconds can tie).
  let tick = 0;
  // When the flight whose answer was stored last for a key started: an answer from a flight that
  // started earlier (one a recheck did not join) must not replace it when it settles later.
  const newestStored = new LRUCache<string, number>({ max: 10_000, ttl: NEWEST_KEPT_MS });

  const ttlFor = (cacheClass: CacheClass): number => (cacheClass === 'never' ? 0 : ttlMs[cacheClass]);

  async function fetchAndStore(
    key: string,
    run: (deadline: Deadline) => Promise<CheckedStatus>,
    deadline: Deadline,
    flight: { readonly startedAt: number; readonly recheck: boolean },
  ): Promise<CheckedStatus> {
    const attempt = await store.claim(key, deadline.at());
    // A recheck never takes another replica's answer: that question may have been asked before the change.
    if (!attempt.claimed && !flight.recheck) {
      const shared = await attempt.wait(deadline);
      if (shared) return toChecked(shared);
    }
    const checked = await run(deadline);
    const stored: StoredStatus = { outcome: checked.outcome, checkedAt: checked.checkedAt.getTime() };
    const ttl = ttlFor(checked.outcome.cacheClass);
    const superseded = (newestStored.get(key) ?? -1) > flight.startedAt;
    if (!superseded) {
      newestStored.set(key, flight.startedAt);
      if (ttl > 0) await store.set(key, stored, ttl);
      justSettled.set(key, { tick: ++tick, checked });
    }
    if (attempt.claimed) await attempt.claim.settle(stored);
    return checked;
  }

  /**
   * The flight's answer, or a made-up "out of time" once this caller's own deadline passes
   * while the flight has more time (a caller with a later deadline joined). When the flight
   * ends by this caller's deadline anyway, its own answer is awaited: it says more.
   */
  async function awaitWithin(flight: Flight, deadline: Deadline): Promise<CheckedStatus> {
    const timer = whenPassed(deadline);
    try {
      const first = await Promise.race([flight.result, timer.passed.then(() => undefined)]);
      if (first) return first;
      if (flight.deadline.at() <= deadline.at()) return await flight.result;
      return { outcome: gatewayOutcome('deadlineExceeded'), checkedAt: new Date() };
    } finally {
      timer.cancel();
    }
  }

  return {
    configuredRegions: inner.configuredRegions,
    isConfigured: (region) => inner.isConfigured(region),
    circuitStates: () => inner.circuitStates(),
    capacities: () => inner.capacities(),
    async check(identifier, region, check = {}) {
      const key = `${identifierKey(identifier)}@${region}`;
      const asked = ++tick;
      const deadline = toDeadline(check.deadline ?? Date.now() + DEFAULT_DEADLINE_MS);
      if (!check.recheck) {
        const hit = await store.get(key);
        options.onLookup?.(hit !== undefined);
        if (hit) return toChecked(hit);
        const settled = justSettled.get(key);
        if (settled && settled.tick > asked) return settled.checked;
      }
      let flight = inFlight.get(key);
      // A recheck asks anew unless another recheck is already asking: a question asked before
      // it may have been answered before the change it looks for (the reseller just signed).
      if (flight && check.recheck && !flight.recheck) flight = undefined;
      // A new Partner Center call is charged to the caller's budget; a cached answer or a joined flight is free.
      const admission = flight ? undefined : check.admitUpstream?.();
      if (admission && !admission.admitted) {
        return {
          outcome: gatewayOutcome('clientBudgetExceeded', { retryAfterSeconds: admission.retryAfterSeconds }),
          checkedAt: new Date(),
        };
      }
      if (flight) {
        traceEvent('single-flight join');
        flight.deadline.extendTo(deadline.at());
        if (check.recheck) flight.recheck = true;
      } else {
        // The flight's own deadline starts as this caller's and only ever moves later.
        const flightDeadline = new Deadline(deadline.at());
        const facts = { startedAt: ++tick, recheck: check.recheck === true };
        const started: Flight = {
          result: fetchAndStore(
            key,
            (at) => inner.check(identifier, region, { deadline: at, recheck: check.recheck, traceId: check.traceId }),
            flightDeadline,
            facts,
          ).finally(() => {
            if (inFlight.get(key) === started) inFlight.delete(key);
            // After the fresh answer is stored: responses built on the old one are dropped now,
            // whether the recheck started this flight or joined it, and even if it stopped waiting.
            if (started.recheck) options.onRecheck?.();
          }),
          deadline: flightDeadline,
          recheck: check.recheck === true,
        };
        flight = started;
        inFlight.set(key, flight);
      }
      return awaitWithin(flight, deadline);
    },
    async close() {
      await store.close();
      await inner.close();
    },
  };
}
