import { AgreementOutcome } from '../partner-center/outcome/outcome';
import { Deadline } from '../partner-center/resilience/deadline';

/** What the cache keeps for one (identifier, region): plain JSON, so Redis can hold it. */
export interface StoredStatus {
  readonly outcome: AgreementOutcome;
  /** Epoch ms when Partner Center gave the answer. */
  readonly checkedAt: number;
}

/** The right to fetch one key on behalf of every replica, until released or expired. */
export interface FetchClaim {
  /** Hands the result to replicas waiting on this fetch, then releases the claim. */
  settle(result: StoredStatus): Promise<void>;
}

export type ClaimAttempt =
  | { readonly claimed: true; readonly claim: FetchClaim }
  /**
   * Another replica is fetching; `wait` resolves with its result, or undefined when the
   * fetcher went away without one (then fetch here) or `deadline` passed.
   */
  | { readonly claimed: false; wait(deadline: Deadline): Promise<StoredStatus | undefined> };

/** Where cached statuses live: process memory, or Redis shared by replicas. */
export interface StatusStore {
  get(key: string): Promise<StoredStatus | undefined>;
  set(key: string, value: StoredStatus, ttlMs: number): Promise<void>;
  /** Tries to become the one replica that fetches `key`; `untilMs` is when the fetch must be over by (epoch ms). */
  claim(key: string, untilMs: number): Promise<ClaimAttempt>;
  /** Resolves once the store can be used (connected, or given up on and degraded). */
  whenReady(): Promise<void>;
  /** Entries held in this process (Redis entries are not counted). */
  localSize(): number;
  close(): Promise<void>;
}
