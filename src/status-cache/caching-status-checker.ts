import { LRUCache } from 'lru-cache';
import { traceEvent } from '../observability/partner-center-span';
import { CacheClass } from '../partner-center/outcome/outcome';
import { gatewayOutcome } from '../partner-center/outcome/outcome-table';
import { Deadline } from '../time/deadline';
import { withinDeadline } from '../time/within-deadline';
import { CspRegion } from '../partner-center/csp-region';
import { AnswerSource, CheckedStatus, DEFAULT_DEADLINE_MS, StatusChecker } from '../partner-center/status-checker';
import { StatusStore, StoredStatus } from './status-store';
import { storedStatusKey } from './status-key';

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
  readonly onRecheck?: (region: CspRegion) => void;
  /**
   * Default `'local'` for every region. The account identity each key starts with, so that
   * processes of other deployments sharing the store never read or write this one's entries.
   */
  readonly identityTagOf?: (region: CspRegion) => string;
}

const toChecked = (stored: StoredStatus, source: AnswerSource): CheckedStatus => ({
  outcome: stored.outcome,
  checkedAt: new Date(stored.checkedAt),
  source,
});

/** One upstream question shared by every caller asking it at the time. */
interface Flight {
  readonly result: Promise<CheckedStatus>;
  /** The latest deadline of its callers: the flight may use all of it. */
  readonly deadline: Deadline;
  /** Whether a recheck started or joined it: its answer replaces what responses were built on. */
  recheck: boolean;
  /** Set when a recheck started after it: its answer is older than the recheck's and is not stored. */
  superseded: boolean;
}

/**
 * The shared status cache in front of Partner Center: TTL by outcome class, and
 * single-flight, so any number of concurrent questions about one (identifier, region)
 * cost one upstream call, in this process and, with Redis, across replicas.
 *
 * Every caller keeps its own deadline: a caller who joins a flight moves the flight's
 * deadline later when it has more time, and stops waiting at its own deadline while the
 * flight goes on for the others. Answers the gateway made up because time ran out are
 * never stored.
 *
 * The newest question wins: each answer is stored with the time its question was asked on the
 * store's clock (Redis's, shared by every process), and the store drops a write older than
 * what it holds. In this process, a question a recheck overtook is not stored at all.
 */
export function createCachingStatusChecker(options: CachingStatusCheckerOptions): StatusChecker {
  const { inner, store, ttlMs } = options;
  const inFlight = new Map<string, Flight>();
  // Answers settled in the last moments, for a question whose cache read was already under way
  // when the fetch finished (it would otherwise miss both the cache and the flight).
  const justSettled = new LRUCache<string, { tick: number; checked: CheckedStatus }>({ max: 10_000, ttl: 2_000 });
  // A counter orders question starts and fetch ends strictly (milliseconds can tie).
  let tick = 0;
  const tagOf = options.identityTagOf ?? (() => 'local');

  const ttlFor = (cacheClass: CacheClass): number => (cacheClass === 'never' ? 0 : ttlMs[cacheClass]);

  async function fetchAndStore(
    key: string,
    run: (deadline: Deadline) => Promise<CheckedStatus>,
    deadline: Deadline,
    flight: { readonly recheck: boolean; readonly superseded: () => boolean },
  ): Promise<CheckedStatus> {
    // Taken before the question is sent, on the clock every replica shares: a stored answer is
    // only ever replaced by the answer to a later question. A recheck waits a while for Redis.
    const now = Date.now();
    const asked = await store.clock(flight.recheck ? now + (deadline.at() - now) / 2 : undefined);
    const attempt = await store.claim(key, deadline.at());
    // A recheck never takes another replica's answer: that question may have been asked before the change.
    if (!attempt.claimed && !flight.recheck) {
      const shared = await attempt.wait(deadline);
      // Another replica's answer, handed over through Redis.
      if (shared) return toChecked(shared, 'sharedCache');
    }
    const answered = await run(deadline);
    let checked: CheckedStatus = { outcome: answered.outcome, checkedAt: answered.checkedAt, source: 'fresh' };
    const stored: StoredStatus = { outcome: checked.outcome, checkedAt: checked.checkedAt.getTime() };
    const ttl = ttlFor(checked.outcome.cacheClass);
    if (!flight.superseded()) {
      // A recheck's answer must reach every replica: its write is tried again until its deadline.
      const written =
        ttl > 0 ? await store.set(key, stored, ttl, { asked, insistUntil: flight.recheck ? deadline.at() : undefined }) : undefined;
      if (written !== 'superseded') justSettled.set(key, { tick: ++tick, checked });
      if (flight.recheck && written) checked = { ...checked, shared: written !== 'local' };
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
    const first = await withinDeadline(flight.result, deadline);
    if (first.inTime) return first.value;
    if (flight.deadline.at() <= deadline.at()) return await flight.result;
    return { outcome: gatewayOutcome('deadlineExceeded'), checkedAt: new Date() };
  }

  return {
    configuredRegions: inner.configuredRegions,
    isConfigured: (region) => inner.isConfigured(region),
    circuitStates: () => inner.circuitStates(),
    capacities: () => inner.capacities(),
    async check(identifier, region, check = {}) {
      const key = storedStatusKey(tagOf(region), { identifier, region });
      const asked = ++tick;
      const deadline = check.deadline ?? Deadline.after(DEFAULT_DEADLINE_MS);
      if (!check.recheck) {
        const hit = await store.get(key);
        options.onLookup?.(hit !== undefined);
        if (hit) return toChecked(hit.status, hit.from === 'shared' ? 'sharedCache' : 'replicaCache');
        const settled = justSettled.get(key);
        if (settled && settled.tick > asked)
          return { outcome: settled.checked.outcome, checkedAt: settled.checked.checkedAt, source: 'replicaCache' };
      }
      let flight = inFlight.get(key);
      // A recheck asks anew unless another recheck is already asking: a question asked before
      // it may have been answered before the change it looks for (the reseller just signed).
      const overtaken = flight !== undefined && check.recheck === true && !flight.recheck;
      // A new Partner Center call is charged to the caller's budget; a cached answer or a joined flight is free.
      const admission = flight && !overtaken ? undefined : check.admitUpstream?.();
      if (admission && !admission.admitted) {
        return {
          outcome: gatewayOutcome('clientBudgetExceeded', { retryAfterSeconds: admission.retryAfterSeconds }),
          checkedAt: new Date(),
        };
      }
      if (flight && overtaken) {
        flight.superseded = true;
        flight = undefined;
      }
      if (flight) {
        traceEvent('single-flight join');
        flight.deadline.extendTo(deadline.at());
        if (check.recheck) flight.recheck = true;
      } else {
        // The flight's own deadline starts as this caller's and only ever moves later.
        const flightDeadline = new Deadline(deadline.at());
        const facts = { recheck: check.recheck === true, superseded: () => started.superseded };
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
            if (started.recheck) options.onRecheck?.(region);
          }),
          deadline: flightDeadline,
          recheck: check.recheck === true,
          superseded: false,
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
