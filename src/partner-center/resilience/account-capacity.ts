import { ConcurrencyLimit } from './concurrency-limit';
import { Deadline } from './deadline';
import { EventLoopLag, sharedEventLoopLag } from './event-loop-lag';
import { LatencyEstimate } from './latency-estimate';
import { RateCap } from './rate-cap';

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
  /** Default the process's own probe. How late this process reads answers, so its own pauses are not taken for Partner Center slowing down. */
  readonly eventLoopLag?: EventLoopLag;
}

/** How a call that had a slot ended, for learning what Partner Center takes. */
export type CallEnd =
  /** Partner Center answered (any HTTP status); `throttled` for a 429. */
  | { readonly answered: true; readonly latencyMs: number; readonly throttled: boolean }
  /** No answer: `timedOut` when the call had its whole timeout (not a reset, not cut short). */
  | { readonly answered: false; readonly timedOut: boolean };

/** A slot to call Partner Center, or why none was given. */
export type Admission =
  | {
      readonly admitted: true;
      /** Frees the slot, saying how the call ended when it got that far. */
      release(end?: CallEnd): void;
    }
  | {
      readonly admitted: false;
      /** `deadline`: no useful attempt fits before it. `throttled`: the account's throttle window outlasts it. */
      readonly reason: 'deadline' | 'throttled';
      /** For `throttled`: ms until the account may call again. */
      readonly retryAfterMs?: number;
    };

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
  acquire(deadline: Deadline, first?: boolean): Promise<Admission>;
  /** Partner Center answered 429: no call leaves this account before `untilMs` (epoch ms). */
  throttle(untilMs: number): void;
  /** Milliseconds an attempt needs to be useful now: the observed latency, within bounds. */
  usefulAttemptMs(): number;
  /** Epoch ms until which the account is held off, or 0. */
  throttledUntil(): number;
  /** Whether calls are waiting for room (or every slot is taken): demand is above what the account may send. */
  busy(): boolean;
  /** Calls in flight, waiting, the current limit and the learnt rate cap (for metrics and /readyz). */
  snapshot(): { readonly inFlight: number; readonly waiting: number; readonly limit: number; readonly callsPerSecondCap: number | null };
}

interface Waiter {
  readonly deadline: Deadline;
  resolve(admission: Admission): void;
  timer?: NodeJS.Timeout;
  unsubscribe?: () => void;
  done: boolean;
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
 * served (retries ahead); each leaves the queue on its own when its deadline no longer
 * leaves time for a useful attempt, so a long queue turns into prompt refusals instead of
 * calls sent with a millisecond left, which would time out and look like Partner Center's
 * fault.
 */
export function createAccountCapacity(rawOptions: AccountCapacityOptions = {}): AccountCapacity {
  const options = getValidOptions(rawOptions);
  const initial = rawOptions.concurrency ?? 8;
  const limit = new ConcurrencyLimit({
    initial,
    min: rawOptions.minConcurrency ?? Math.min(1, initial),
    max: rawOptions.maxConcurrency ?? Math.max(64, initial),
    lag: rawOptions.eventLoopLag ?? sharedEventLoopLag(),
  });
  const rateCap = new RateCap();
  const queue: Waiter[] = [];
  let inFlight = 0;
  let heldUntil = 0;
  let holdTimer: NodeJS.Timeout | undefined;
  let paceTimer: NodeJS.Timeout | undefined;
  const latency = new LatencyEstimate(options.minAttemptMs, options.maxAttemptMs);
  const usefulAttemptMs = () => latency.usefulAttemptMs();

  function release(end?: CallEnd): void {
    const now = Date.now();
    // Whether the concurrency limit (not the rate cap or a throttle window) was what held calls back.
    const inUse = inFlight >= limit.current();
    inFlight -= 1;
    // A 429 says nothing about latency; what it says about capacity arrives through throttle().
    if (end?.answered && end.throttled) {
      // nothing to learn here
    } else if (end?.answered) {
      latency.observe(end.latencyMs);
      limit.answered(end.latencyMs, inUse, now);
      rateCap.answered(now);
    } else if (end?.timedOut) limit.timedOut(now);
    drain();
  }

  const grant = (): Admission => {
    inFlight += 1;
    let released = false;
    return {
      admitted: true,
      release: (end) => {
        if (released) return;
        released = true;
        release(end);
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

  function drain(): void {
    const now = Date.now();
    while (queue.length > 0) {
      const waiter = queue[0];
      const refusal = refusalFor(waiter.deadline, now);
      if (refusal) {
        queue.shift();
        settle(waiter, refusal);
        continue;
      }
      if (heldUntil > now || inFlight >= limit.current()) break;
      if (!rateCap.take(now)) {
        schedulePacing(now);
        break;
      }
      queue.shift();
      settle(waiter, grant());
    }
  }

  /** Wakes the queue when the learnt rate cap allows the next call. */
  function schedulePacing(now: number): void {
    if (paceTimer) return;
    paceTimer = setTimeout(
      () => {
        paceTimer = undefined;
        drain();
      },
      Math.max(1, Math.ceil(rateCap.nextAt(now) - now)),
    ).unref();
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
        const index = queue.indexOf(waiter);
        if (index !== -1) queue.splice(index, 1);
        settle(waiter, refusal);
      },
      Math.max(1, latest - Date.now()),
    );
  }

  return {
    acquire(deadline, first = false) {
      const now = Date.now();
      const refusal = refusalFor(deadline, now);
      if (refusal) return Promise.resolve(refusal);
      if (queue.length === 0 && inFlight < limit.current() && heldUntil <= now && rateCap.take(now)) return Promise.resolve(grant());
      return new Promise<Admission>((resolve) => {
        const waiter: Waiter = { deadline, resolve, done: false };
        waiter.unsubscribe = deadline.onExtend(() => armTimer(waiter));
        if (first) queue.unshift(waiter);
        else queue.push(waiter);
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
        rateCap.throttled(now, untilMs, saturated);
      }
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
      for (const waiter of [...queue]) {
        const refusal = refusalFor(waiter.deadline, now);
        if (!refusal) continue;
        queue.splice(queue.indexOf(waiter), 1);
        settle(waiter, refusal);
      }
    },
    usefulAttemptMs,
    throttledUntil: () => (heldUntil > Date.now() ? heldUntil : 0),
    busy: () => queue.length > 0 || inFlight >= limit.current(),
    snapshot: () => {
      const cap = rateCap.current();
      return {
        inFlight,
        waiting: queue.length,
        limit: limit.current(),
        callsPerSecondCap: cap === undefined ? null : Math.round(cap * 10) / 10,
      };
    },
  };
}
