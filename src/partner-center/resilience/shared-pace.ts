import { AccountPace, createLocalPace } from './account-pace';
import { RateCap } from './rate-cap';
import { WORK_CLASSES, WorkClass } from './work-class';

/** What the account budget in Redis answered to a request for calls. */
export interface BudgetGrant {
  /** Calls this process may send now (0 to the number asked). */
  readonly granted: number;
  /** When none was granted: ms until one may be. */
  readonly waitMs: number;
  /** ms the account is held for a 429's Retry-After (by any process); 0 when not held. */
  readonly heldForMs: number;
  /** The shared pace in calls per second, or null while none has been learnt. */
  readonly pace: number | null;
  /** Bulk work was refused while interactive work was being served. */
  readonly yielding: boolean;
  /** Default `0`. ms from now until the first granted call may go (granted a little ahead of its turn). */
  readonly firstAtMs?: number;
  /** Default `0`. ms between the granted calls after the first. */
  readonly spacingMs?: number;
}

/**
 * One account's budget shared by every process that uses the account (replicas, the audit).
 * Every method resolves undefined when the shared store cannot be used now (no Redis, a stall):
 * the caller then paces itself.
 */
export interface SharedBudgetStore {
  /** Asks for up to `want` calls of `workClass` now. */
  take(workClass: WorkClass, want: number): Promise<BudgetGrant | undefined>;
  /**
   * Partner Center answered 429 and asked for `retryAfterMs`: every process holds until then,
   * and (when `saturated`, calls were waiting for room) the shared pace is lowered.
   */
  hold(retryAfterMs: number, saturated: boolean): Promise<{ readonly pace: number | null } | undefined>;
}

export interface SharedPaceHooks {
  /** Something changed (a grant arrived, the fallback started): serve the queue again. */
  wake(): void;
  /** Another process saw a 429: hold this account until `untilMs` (epoch ms) without learning from it. */
  hold(untilMs: number): void;
  /** Calls of `workClass` waiting now, for how many to ask at once. */
  demand(workClass: WorkClass): number;
}

/** Most calls asked for at once: a grant unused within LEASE_MS is lost to the account. */
const MAX_LEASE = 4;
/** Granted calls not sent within this long are dropped (the pace moved on). */
const LEASE_MS = 100;
/** After the store could not be used, this process paces itself for this long before trying it again. */
const LOCAL_FOR_MS = 1_000;

/**
 * The shared pace as the account's queue sees it: calls are granted by the account budget in
 * Redis, a few at a time, and the queue is woken when a grant arrives. While the store cannot
 * be used the process paces itself with its own learnt rate cap (which keeps learning from
 * this process's answers throughout), as it did before budgets were shared.
 */
export function createSharedPace(store: SharedBudgetStore, hooks: SharedPaceHooks, rateCap: RateCap = new RateCap()): AccountPace {
  const local = createLocalPace(rateCap);
  /** Granted calls not sent yet: the next may go at `from`, the others `spacing` ms apart, none after `until`. */
  const lease = new Map<WorkClass, { tokens: number; from: number; spacing: number; until: number }>(
    WORK_CLASSES.map((c) => [c, { tokens: 0, from: 0, spacing: 0, until: 0 }]),
  );
  const fetching = new Set<WorkClass>();
  const retryAt = new Map<WorkClass, number>(WORK_CLASSES.map((c) => [c, 0]));
  let localUntil = 0;
  /** Whether the shared store answered the last time it was asked (readiness says `local` until it does again). */
  let reachable = true;
  let pace: number | null = null;
  let yielding = false;

  const usingLocal = (now: number) => now < localUntil;

  function fetch(workClass: WorkClass): void {
    if (fetching.has(workClass)) return;
    fetching.add(workClass);
    const want = Math.max(1, Math.min(MAX_LEASE, hooks.demand(workClass)));
    void store
      .take(workClass, want)
      .catch(() => undefined)
      .then((grant) => {
        fetching.delete(workClass);
        const now = Date.now();
        reachable = grant !== undefined;
        if (!grant) {
          localUntil = now + LOCAL_FOR_MS;
        } else {
          pace = grant.pace;
          if (workClass === 'bulk') yielding = grant.yielding;
          if (grant.heldForMs > 0) hooks.hold(now + grant.heldForMs);
          const from = now + (grant.firstAtMs ?? 0);
          const spacing = grant.spacingMs ?? 0;
          lease.set(workClass, { tokens: grant.granted, from, spacing, until: from + grant.granted * spacing + LEASE_MS });
          retryAt.set(workClass, grant.granted > 0 ? 0 : now + Math.max(1, grant.heldForMs, grant.waitMs));
        }
        hooks.wake();
      });
  }

  return {
    take(now, workClass) {
      if (usingLocal(now)) return local.take(now, workClass);
      const held = lease.get(workClass)!;
      if (held.tokens > 0 && now < held.until) {
        // A call granted ahead of its turn waits for it (nextAt says when).
        if (now < held.from) return false;
        held.tokens -= 1;
        held.from = Math.max(held.from, now - held.spacing) + held.spacing;
        return true;
      }
      held.tokens = 0;
      if (now >= retryAt.get(workClass)!) fetch(workClass);
      return false;
    },
    nextAt(now, workClass) {
      if (usingLocal(now)) return local.nextAt(now, workClass);
      const held = lease.get(workClass)!;
      if (held.tokens > 0 && now < held.until) return Math.max(now + 1, held.from);
      // While a request is out, its answer wakes the queue; this is only a safety net.
      if (fetching.has(workClass)) return now + LOCAL_FOR_MS;
      return Math.max(now + 1, retryAt.get(workClass)!);
    },
    answered: (now) => local.answered(now),
    throttled(now, resumeAt, saturated) {
      local.throttled(now, resumeAt, saturated);
      for (const held of lease.values()) held.tokens = 0;
      void store
        .hold(resumeAt - now, saturated)
        .catch(() => undefined)
        .then((state) => {
          reachable = state !== undefined;
          if (state) pace = state.pace;
          else localUntil = Date.now() + LOCAL_FOR_MS;
        });
    },
    current: (now) => (usingLocal(now) || !reachable ? local.current(now) : (pace ?? undefined)),
    budget: () => (reachable && !usingLocal(Date.now()) ? 'shared' : 'local'),
    yieldingToInteractive: () => reachable && !usingLocal(Date.now()) && yielding,
  };
}
