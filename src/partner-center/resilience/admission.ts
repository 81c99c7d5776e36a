import { WorkClass } from './work-class';

/** How a call that had a slot ended, for learning what Partner Center takes. */
export type CallEnd =
  /**
   * Partner Center answered (any HTTP status); `throttled` for a 429. `learn` (default true):
   * whether its latency teaches the concurrency limit (tuned to agreementstatus calls); every
   * answered call counts towards the rate measured for the pace, since the limit counts calls.
   */
  | { readonly answered: true; readonly latencyMs: number; readonly throttled: boolean; readonly learn?: boolean }
  /** No answer: `timedOut` when the call had its whole timeout (not a reset, not cut short); `learn` as above. */
  | { readonly answered: false; readonly timedOut: boolean; readonly learn?: boolean };

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

/** One class of work's line, for metrics and /readyz. */
export interface ClassQueueSnapshot {
  readonly waiting: number;
  /** How long the longest-waiting question of the class has waited so far, in ms. */
  readonly longestWaitMs: number;
}

/** What the account's queue looks like now (metrics and /readyz). */
export interface CapacitySnapshot {
  readonly inFlight: number;
  readonly waiting: number;
  readonly limit: number;
  /** The learnt pace in calls per second (the shared one while the budget is shared), or null while uncapped. */
  readonly callsPerSecondCap: number | null;
  /** `shared`: the account budget in Redis paces every process; `local`: this process paces itself. */
  readonly budget: 'shared' | 'local';
  readonly classes: Readonly<Record<WorkClass, ClassQueueSnapshot>>;
  /** Bulk work is waiting so that interactive work (here or in another process) goes first. */
  readonly yieldingToInteractive: boolean;
}
