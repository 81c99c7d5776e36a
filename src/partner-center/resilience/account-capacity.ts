import { AccountPace, createLocalPace } from './account-pace';
import { Admission, CallEnd, CapacitySnapshot } from './admission';
import { ClassQueues, Waiter } from './class-queues';
import { ConcurrencyLimit } from './concurrency-limit';
import { Deadline } from '../../time/deadline';
import { EventLoopLag, sharedEventLoopLag } from './event-loop-lag';
import { LatencyEstimate } from './latency-estimate';
import { SharedBudgetStore, createSharedPace } from './shared-pace';
export type { Admission, CallEnd, CapacitySnapshot, ClassQueueSnapshot } from './admission';
import { WORK_CLASSES, WorkClass, getValidInteractiveShare } from './work-class';

export interface AccountCapacityOptions {
  /** Default `8`. Calls to Partner Center in progress at once for this account, to start with. */
  readonly concurrency?: number;
  /** Default `1` (or `concurrency` when smaller). The adaptive limit never goes below this. */
  readonly minConcurrency?: number;
  /** Default `64` (or `concurrency` when larger). The adaptive limit never goes above this; equal to both others, it is fixed. */
  readonly maxConcurrency?: number;
  /**
   * Default `50`. Shortest time, in ms, that makes an attempt worth sending while no latency
   * has been observed yet; afterwards the observed latency decides.
   */
  readonly minAttemptMs?: number;
  /** Default `5_000`. The client's timeout: no attempt ever needs more than this. */
  readonly maxAttemptMs?: number;
  /** Default `'interactive'`. The class of the calls that do not say theirs (the audit's process makes all of its own bulk). */
  readonly workClass?: WorkClass;
  /** Default `0.2`. Share of the slots (and of a shared pace) bulk work leaves to interactive work. */
  readonly interactiveShare?: number;
  /** Default none: this process paces itself. The account budget every process shares (Redis), with the own pace as fallback. */
  readonly sharedBudget?: SharedBudgetStore;
  /** Default the process's own probe. How late this process reads answers, so its own pauses are not taken for Partner Center slowing down. */
  readonly eventLoopLag?: EventLoopLag;
}

/**
 * One region account's share of Partner Center: how many calls may be in flight, who waits,
 * and when the account must hold off because Partner Center throttled it.
 */
export interface AccountCapacity {
  /**
   * Waits for a slot. Time spent waiting counts against `deadline`: a caller that can no
   * longer make a useful attempt before it is refused, and nothing is sent. `first` puts a
   * retry ahead of questions that have not been tried yet.
   */
  acquire(deadline: Deadline, first?: boolean, workClass?: WorkClass): Promise<Admission>;
  /** Partner Center answered 429: no call leaves this account before `untilMs` (epoch ms). */
  throttle(untilMs: number): void;
  /** Milliseconds an attempt needs to be useful now: the observed latency, within bounds. */
  usefulAttemptMs(): number;
  /** Epoch ms until which the account is held off, or 0. */
  throttledUntil(): number;
  /** Whether calls are waiting for room (or every slot is taken): demand is above what the account may send. */
  busy(): boolean;
  /** Calls in flight, waiting per class, the current limit and the learnt pace (for metrics and /readyz). */
  snapshot(): CapacitySnapshot;
}

function getValidOptions(options: AccountCapacityOptions): Required<Pick<AccountCapacityOptions, 'minAttemptMs' | 'maxAttemptMs'>> {
  const check = (name: 'minAttemptMs' | 'maxAttemptMs', fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isInteger(value) || value <= 0) {
      throw new TypeError(`AccountCapacity: ${name} must be a positive integer, got ${String(options[name])}`);
    }
    return value;
  };
  return { minAttemptMs: check('minAttemptMs', 50), maxAttemptMs: check('maxAttemptMs', 5_000) };
}

/**
 * A deadline-aware queue in front of one account. Waiters are served first come, first
 * served within their class (retries ahead), every interactive waiter before any bulk one;
 * each leaves the queue on its own when its deadline no longer leaves time for a useful
 * attempt, so a long queue turns into prompt refusals instead of calls sent with a
 * millisecond left, which would time out and look like Partner Center's fault. Bulk work
 * never takes the share of the slots kept for interactive work.
 */
export function createAccountCapacity(rawOptions: AccountCapacityOptions = {}): AccountCapacity {
  const options = getValidOptions(rawOptions);
  const share = getValidInteractiveShare(rawOptions.interactiveShare, 'AccountCapacity');
  const defaultClass = rawOptions.workClass ?? 'interactive';
  const initial = rawOptions.concurrency ?? 8;
  const limit = new ConcurrencyLimit({
    initial,
    min: rawOptions.minConcurrency ?? Math.min(1, initial),
    max: rawOptions.maxConcurrency ?? Math.max(64, initial),
    lag: rawOptions.eventLoopLag ?? sharedEventLoopLag(),
  });
  const queue = new ClassQueues();
  const inFlightOf: Record<WorkClass, number> = { interactive: 0, bulk: 0 };
  let inFlight = 0;
  let heldUntil = 0;
  let holdTimer: NodeJS.Timeout | undefined;
  let paceTimer: { timer: NodeJS.Timeout; at: number } | undefined;
  const latency = new LatencyEstimate(options.minAttemptMs, options.maxAttemptMs);
  const usefulAttemptMs = () => latency.usefulAttemptMs();
  /**
   * Slots bulk work may hold: what the interactive share leaves, at least one. A process whose
   * every call is bulk (the audit) keeps none back: its order forms are in other processes,
   * and the shared budget keeps their share there.
   */
  const bulkSlots = () => (defaultClass === 'bulk' ? limit.current() : Math.max(1, Math.floor(limit.current() * (1 - share))));
  /** Whether this class's allowance of slots is what holds it back. */
  const atAllowance = (workClass: WorkClass) => inFlight >= limit.current() || (workClass === 'bulk' && inFlightOf.bulk >= bulkSlots());
  const pace: AccountPace = rawOptions.sharedBudget
    ? createSharedPace(rawOptions.sharedBudget, {
        wake: () => drain(),
        hold: (untilMs) => hold(untilMs),
        demand: (workClass) => queue.count(workClass),
      })
    : createLocalPace();

  function release(workClass: WorkClass, end?: CallEnd): void {
    const now = Date.now();
    // Whether the concurrency limit (not the pace or a throttle window) was what held calls back.
    const inUse = atAllowance(workClass);
    inFlight -= 1;
    inFlightOf[workClass] -= 1;
    // A 429 says nothing about latency; what it says about capacity arrives through throttle().
    if (end?.answered && end.throttled) {
      // nothing to learn here
    } else if (end?.answered) {
      if (end.learn !== false) {
        latency.observe(end.latencyMs);
        limit.answered(end.latencyMs, inUse, now);
      }
      // Partner Center's limit counts every call, so the pace measures every answer.
      pace.answered(now);
    } else if (end?.timedOut && end.learn !== false) limit.timedOut(now);
    drain();
  }

  const grant = (workClass: WorkClass): Admission => {
    inFlight += 1;
    inFlightOf[workClass] += 1;
    let released = false;
    return {
      admitted: true,
      release: (end) => {
        if (released) return;
        released = true;
        release(workClass, end);
      },
    };
  };

  function settle(waiter: Waiter, admission: Admission): void {
    if (waiter.done) return;
    waiter.done = true;
    if (waiter.timer) clearTimeout(waiter.timer);
    waiter.unsubscribe?.();
    waiter.resolve(admission);
  }

  /** The refusal for a waiter that cannot be served in time, or undefined when it still can. */
  function refusalFor(deadline: Deadline, now: number): Admission | undefined {
    const startsAt = Math.max(now, heldUntil);
    if (deadline.at() - startsAt >= usefulAttemptMs()) return undefined;
    return heldUntil > now
      ? { admitted: false, reason: 'throttled', retryAfterMs: heldUntil - now }
      : { admitted: false, reason: 'deadline' };
  }

  /** The class whose head is served next: interactive first; bulk only within its slots. */
  function nextClass(): WorkClass | undefined {
    if (queue.count('interactive') > 0) return 'interactive';
    if (queue.count('bulk') > 0 && !atAllowance('bulk')) return 'bulk';
    return undefined;
  }

  function drain(): void {
    const now = Date.now();
    for (const workClass of WORK_CLASSES) {
      for (let waiter = queue.head(workClass); waiter; waiter = queue.head(workClass)) {
        const refusal = refusalFor(waiter.deadline, now);
        if (!refusal) break;
        queue.remove(waiter);
        settle(waiter, refusal);
      }
    }
    for (let workClass = nextClass(); workClass; workClass = nextClass()) {
      if (heldUntil > now || inFlight >= limit.current()) break;
      if (!pace.take(now, workClass)) {
        schedulePacing(pace.nextAt(now, workClass));
        break;
      }
      const waiter = queue.head(workClass)!;
      queue.remove(waiter);
      settle(waiter, grant(workClass));
    }
  }

  /** Wakes the queue when the pace allows the next call (or sooner, when asked sooner). */
  function schedulePacing(at: number): void {
    if (paceTimer && paceTimer.at <= at) return;
    if (paceTimer) clearTimeout(paceTimer.timer);
    const timer = setTimeout(
      () => {
        paceTimer = undefined;
        drain();
      },
      Math.max(1, Math.ceil(at - Date.now())),
    ).unref();
    paceTimer = { timer, at };
  }

  /** Wakes a waiter when its deadline stops leaving room for a useful attempt. */
  function armTimer(waiter: Waiter): void {
    if (waiter.timer) clearTimeout(waiter.timer);
    if (!Number.isFinite(waiter.deadline.at())) return; // no deadline: wait for a slot as long as it takes
    const latest = waiter.deadline.at() - usefulAttemptMs();
    waiter.timer = setTimeout(
      () => {
        if (waiter.done) return;
        const refusal = refusalFor(waiter.deadline, Date.now());
        if (!refusal) return armTimer(waiter); // the deadline moved later, or the estimate changed
        queue.remove(waiter);
        settle(waiter, refusal);
      },
      Math.max(1, latest - Date.now()),
    );
  }

  /** No call leaves before `untilMs`; waiters that cannot outlast it learn it now. */
  function hold(untilMs: number): void {
    const now = Date.now();
    if (untilMs <= now || untilMs <= heldUntil) return;
    heldUntil = untilMs;
    if (holdTimer) clearTimeout(holdTimer);
    // Timers can fire a little before Date.now() reaches the end of the window: wait it out.
    const release = () => {
      const left = heldUntil - Date.now();
      if (left > 0) {
        holdTimer = setTimeout(release, left).unref();
        return;
      }
      holdTimer = undefined;
      drain();
    };
    // Unreferenced: waiters hold timers of their own, so nothing waits on this one alone.
    holdTimer = setTimeout(release, Math.max(1, untilMs - Date.now())).unref();
    // Waiters that cannot outlast the window learn it now rather than at their deadline.
    for (const waiter of queue.all()) {
      const refusal = refusalFor(waiter.deadline, now);
      if (!refusal) continue;
      queue.remove(waiter);
      settle(waiter, refusal);
    }
  }

  return {
    acquire(deadline, first = false, workClass = defaultClass) {
      const now = Date.now();
      const refusal = refusalFor(deadline, now);
      if (refusal) return Promise.resolve(refusal);
      const clear = queue.count('interactive') === 0 && (workClass === 'interactive' || queue.count('bulk') === 0);
      if (clear && !atAllowance(workClass) && heldUntil <= now && pace.take(now, workClass)) return Promise.resolve(grant(workClass));
      return new Promise<Admission>((resolve) => {
        const waiter: Waiter = { deadline, workClass, since: now, resolve, done: false };
        waiter.unsubscribe = deadline.onExtend(() => armTimer(waiter));
        queue.add(waiter, first);
        armTimer(waiter);
        // A waiter held back by pacing alone has nobody else to wake it.
        drain();
      });
    },
    throttle(untilMs) {
      const now = Date.now();
      // Retry-After: 0 lets the call be retried at once: no window, and nothing to learn.
      if (untilMs <= now || untilMs <= heldUntil) return;
      // Only a 429 for a call sent after the last window says anything new about the rate.
      if (now >= heldUntil) {
        // Demand is judged against the limit the call was sent under, before the 429 cuts it.
        const saturated = queue.length > 0 || inFlight + 1 >= limit.current();
        limit.throttled(now);
        pace.throttled(now, untilMs, saturated);
      }
      hold(untilMs);
    },
    usefulAttemptMs,
    throttledUntil: () => (heldUntil > Date.now() ? heldUntil : 0),
    busy: () => queue.length > 0 || inFlight >= limit.current(),
    snapshot: () => {
      const now = Date.now();
      const cap = pace.current(now);
      const line = (workClass: WorkClass) => ({ waiting: queue.count(workClass), longestWaitMs: queue.longestWaitMs(workClass, now) });
      return {
        inFlight,
        waiting: queue.length,
        limit: limit.current(),
        callsPerSecondCap: cap === undefined ? null : Math.round(cap * 10) / 10,
        budget: pace.budget(),
        classes: { interactive: line('interactive'), bulk: line('bulk') },
        yieldingToInteractive: pace.yieldingToInteractive() || (queue.count('bulk') > 0 && queue.count('interactive') > 0),
      };
    },
  };
}
