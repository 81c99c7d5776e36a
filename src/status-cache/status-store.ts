import { AgreementOutcome } from '../partner-center/outcome/outcome';
import { Deadline } from '../time/deadline';

/** What the cache keeps for one (identifier, region): plain JSON, so Redis can hold it. */
export interface StoredStatus {
  readonly outcome: AgreementOutcome;
  /** Epoch ms when Partner Center gave the answer. */
  readonly checkedAt: number;
  /** When the question was asked, on the store's clock (µs; Redis `TIME` when shared). */
  readonly askedAt?: number;
}

/** A stored answer as read, and where: Redis, which every replica reads, or this process's memory. */
export interface StoreRead {
  readonly status: StoredStatus;
  readonly from: 'shared' | 'replica';
}

/** A moment on the store's clock, and whether it is the clock every replica reads (Redis's). */
export interface StoreTime {
  /** Microseconds. */
  readonly at: number;
  /** False when Redis could not be asked: the time is this process's, and answers asked then stay in it. */
  readonly shared: boolean;
  /** Set when shared: the Redis data set's generation then (`src/redis/data-generation.ts`); a write asked in another is dropped. */
  readonly generation?: string;
}

/**
 * How a write ended. `shared`: every replica now reads it (in memory alone, the one replica);
 * `superseded`: an answer to a later question is stored, or Redis lost its data since the
 * question was asked, and this one was dropped; `local`: Redis could not be reached, and only
 * this replica has it (when its question was asked during the outage, or it is a recheck's).
 */
export type StoreWrite = 'shared' | 'superseded' | 'local';

export interface StoreWriteOptions {
  /** When the question was asked (from `clock()`). */
  readonly asked: StoreTime;
  /** Default none (one try). Epoch ms until which the write is tried again while Redis does not answer (a recheck's). */
  readonly insistUntil?: number;
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
  /** The time on the clock every replica shares, taken before a question is sent; `insistUntil` (epoch ms) waits for Redis until then. */
  clock(insistUntil?: number): Promise<StoreTime>;
  get(key: string): Promise<StoreRead | undefined>;
  /** Stores an answer unless an answer to a later question is stored already (atomically, across replicas). */
  set(key: string, value: StoredStatus, ttlMs: number, options?: StoreWriteOptions): Promise<StoreWrite>;
  /** Tries to become the one replica that fetches `key`; `untilMs` is when the fetch must be over by (epoch ms). */
  claim(key: string, untilMs: number): Promise<ClaimAttempt>;
  /** Resolves once the store can be used (connected, or given up on and degraded). */
  whenReady(): Promise<void>;
  /** Entries held in this process (Redis entries are not counted). */
  localSize(): number;
  close(): Promise<void>;
}
