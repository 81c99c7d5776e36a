import { Deadline } from './deadline';

export interface AccountCapacityOptions {
  /** Default `8`. Calls to Partner Center in progress at once for this account. */
  readonly concurrency?: number;
  /**
   * Default `50`. Shortest time, in ms, that makes an attempt worth sending while no latency
   * has been observed yet; afterwards the observed latency decides.
   */
  readonly minAttemptMs?: number;
  /** Default `5_000`. The client's timeout: no attempt ever needs more than this. */
  readonly maxAttemptMs?: number;
}

/** A slot to call Partner Center, or why none was given. */
export type Admission =
  | {
      readonly admitted: true;
      /** Frees the slot; `latencyMs` when Partner Center answered (any HTTP status). */
      release(latencyMs?: number): void;
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
  /** Calls in flight, waiting, and the current limit (for metrics and /readyz). */
  snapshot(): { readonly inFlight: number; readonly waiting: number; readonly limit: number };
}

interface Waiter {
  readonly deadline: Deadline;
  resolve(admission: Admission): void;
  timer?: NodeJS.Timeout;
  unsubscribe?: () => void;
  done: boolean;
}

function getValidOptions(options: AccountCapacityOptions): Required<AccountCapacityOptions> {
  const check = (name: keyof AccountCapacityOptions, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isInteger(value) || value <= 0) {
      throw new TypeError(`AccountCapacity: ${name} must be a positive integer, got ${String(options[name])}`);
    }
    return value;
  };
  return { concurrency: check('concurrency', 8), minAttemptMs: check('minAttemptMs', 50), maxAttemptMs: check('maxAttemptMs', 5_000) };
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
  const limit = options.concurrency;
  const queue: Waiter[] = [];
  let inFlight = 0;
  let heldUntil = 0;
  let holdTimer: NodeJS.Timeout | undefined;
  // Smoothed latency of answered calls and its mean deviation, as TCP estimates round trips.
  let latency: number | undefined;
  let deviation = 0;

  function usefulAttemptMs(): number {
    const observed = latency === undefined ? 0 : latency + 2 * deviation;
    return Math.min(options.maxAttemptMs, Math.max(options.minAttemptMs, Math.ceil(observed)));
  }

  function observe(ms: number): void {
    if (latency === undefined) {
      latency = ms;
      deviation = ms / 2;
      return;
    }
    deviation += (Math.abs(ms - latency) - deviation) / 4;
    latency += (ms - latency) / 8;
  }

  function release(latencyMs?: number): void {
    inFlight -= 1;
    if (latencyMs !== undefined) observe(latencyMs);
    drain();
  }

  const grant = (): Admission => {
    inFlight += 1;
    let released = false;
    return {
      admitted: true,
      release: (latencyMs) => {
        if (released) return;
        released = true;
        release(latencyMs);
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
    return heldUntil > now ? { admitted: false, reason: 'throttled', retryAfterMs: heldUntil - now } : { admitted: false, reason: 'deadline' };
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
      if (heldUntil > now || inFlight >= limit) break;
      queue.shift();
      settle(waiter, grant());
    }
  }

  /** Wakes a waiter when its deadline stops leaving room for a useful attempt. */
  function armTimer(waiter: Waiter): void {
    if (waiter.timer) clearTimeout(waiter.timer);
    if (!Number.isFinite(waiter.deadline.at())) return; // no deadline: wait for a slot as long as it takes
    const latest = waiter.deadline.at() - usefulAttemptMs();
    waiter.timer = setTimeout(() => {
      if (waiter.done) return;
      const refusal = refusalFor(waiter.deadline, Date.now());
      if (!refusal) return armTimer(waiter); // the deadline moved later, or the estimate changed
      const index = queue.indexOf(waiter);
      if (index !== -1) queue.splice(index, 1);
      settle(waiter, refusal);
    }, Math.max(1, latest - Date.now()));
  }

  return {
    acquire(deadline, first = false) {
      const now = Date.now();
      const refusal = refusalFor(deadline, now);
      if (refusal) return Promise.resolve(refusal);
      if (queue.length === 0 && inFlight < limit && heldUntil <= now) return Promise.resolve(grant());
      return new Promise<Admission>((resolve) => {
        const waiter: Waiter = { deadline, resolve, done: false };
        waiter.unsubscribe = deadline.onExtend(() => armTimer(waiter));
        if (first) queue.unshift(waiter);
        else queue.push(waiter);
        armTimer(waiter);
      });
    },
    throttle(untilMs) {
      if (untilMs <= heldUntil) return;
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
      const now = Date.now();
      for (const waiter of [...queue]) {
        const refusal = refusalFor(waiter.deadline, now);
        if (!refusal) continue;
        queue.splice(queue.indexOf(waiter), 1);
        settle(waiter, refusal);
      }
    },
    usefulAttemptMs,
    throttledUntil: () => (heldUntil > Date.now() ? heldUntil : 0),
    snapshot: () => ({ inFlight, waiting: queue.length, limit }),
  };
}
