import { RateCap } from './rate-cap';
import { WorkClass } from './work-class';

/**
 * How fast one account may send calls, as the account's queue sees it: synchronous, so the
 * queue can decide at once. The per-process pace is the learnt `RateCap`; a shared pace
 * (`createSharedPace`) spends an account budget kept in Redis and falls back to the local one.
 */
export interface AccountPace {
  /** Takes the pace for one call of `workClass` now; false when it must wait (see `nextAt`). */
  take(now: number, workClass: WorkClass): boolean;
  /** When a call of `workClass` may go next (epoch ms), as far as is known now. */
  nextAt(now: number, workClass: WorkClass): number;
  /** An answer that was not a 429 came back. */
  answered(now: number): void;
  /** A 429 came back; calls resume at `resumeAt`; `saturated` says whether calls were waiting for room. */
  throttled(now: number, resumeAt: number, saturated: boolean): void;
  /** Calls per second allowed now, or undefined when uncapped. */
  current(now: number): number | undefined;
  /** `shared`: the account budget in Redis is in use; `local`: this process paces itself. */
  budget(): 'shared' | 'local';
  /** Whether bulk work was last held back so that interactive work (here or in another process) could go. */
  yieldingToInteractive(): boolean;
}

/** The per-process pace: today's learnt rate cap, the same for both classes. */
export function createLocalPace(rateCap: RateCap = new RateCap()): AccountPace {
  return {
    take: (now) => rateCap.take(now),
    nextAt: (now) => rateCap.nextAt(now),
    answered: (now) => rateCap.answered(now),
    throttled: (now, resumeAt, saturated) => rateCap.throttled(now, resumeAt, saturated),
    current: (now) => rateCap.current(now),
    budget: () => 'local',
    yieldingToInteractive: () => false,
  };
}
