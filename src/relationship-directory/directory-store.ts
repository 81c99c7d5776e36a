import { UnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { PartnerRelationship } from '../partner-center/client/relationships-reading';
import { CspRegion } from '../partner-center/csp-region';
import { Deadline } from '../time/deadline';

/** One account's list as kept in the shared store: plain JSON, so Redis can hold it. */
export interface StoredDirectory {
  /** Epoch ms when Partner Center gave the list. */
  readonly fetchedAt: number;
  readonly relationships: readonly PartnerRelationship[];
  /** When its fetch started, on the store's clock (µs; Redis `TIME` when shared). */
  readonly startedAt?: number;
  /** Whether a forced refresh fetched it (the cooldown counts from those only). */
  readonly forced?: boolean;
}

/** Why a refresh got no list. */
export type DirectoryFailureReason =
  Exclude<UnavailableReasonName, 'BUDGET_EXCEEDED' | 'CLIENT_BUDGET_EXCEEDED' | 'CIRCUIT_OPEN'> | 'UNRECOGNIZED_ANSWER';

export interface RefreshFailure {
  /** Epoch ms when the refresh gave up. */
  readonly at: number;
  readonly reason: DirectoryFailureReason;
  /** Partner Center's HTTP status, when it answered. */
  readonly httpStatus: number | null;
}

/** How one refresh ended, as the replica that fetched hands it to those that waited. */
export type RefreshOutcome =
  { readonly ok: true; readonly directory: StoredDirectory } | { readonly ok: false; readonly failure: RefreshFailure };

/** The right to refresh one account's list for every replica, or a wait for the replica that has it. */
export type DirectoryClaim =
  | { readonly claimed: true; settle(outcome: RefreshOutcome): Promise<void> }
  /** The holder's outcome; undefined when it went away without one (refresh here then) or `deadline` passed. */
  | {
      readonly claimed: false;
      /** When the holder's fetch started, on the store's clock, if it said. */
      readonly holderStartedAt?: number;
      wait(deadline: Deadline): Promise<RefreshOutcome | undefined>;
    };

/** A moment on the lists' clock: when a fetch started, or a forced refresh was asked. */
export interface ListTime {
  /** Microseconds: Redis `TIME` when read from Redis, else this process's clock. */
  readonly at: number;
  /** Set when read from Redis: the data set's generation then (`src/redis/data-generation.ts`). */
  readonly generation?: string;
}

/**
 * How a list's write ended. `written`: every replica reads it now (in memory alone, the one
 * replica); `superseded`: a list whose fetch started later is stored, or Redis lost its data
 * since this fetch started, and this one was dropped; `local`: only this replica keeps it
 * (Redis could not be reached, or the fetch started while it could not).
 */
export type ListWrite = 'written' | 'superseded' | 'local';

type ListStart = Pick<StoredDirectory, 'fetchedAt' | 'startedAt'>;

/** Whether list `a`'s fetch started before list `b`'s (lists without a start compare by when they were fetched). */
export const startedBefore = (a: ListStart, b: ListStart): boolean =>
  (a.startedAt ?? a.fetchedAt * 1000) < (b.startedAt ?? b.fetchedAt * 1000);

/** Where the lists live: process memory, or Redis shared by replicas. */
export interface DirectoryStore {
  read(region: CspRegion): Promise<StoredDirectory | undefined>;
  /**
   * Stores a list unless one whose fetch started later is stored (atomically, across replicas);
   * `generation` is the one its start time was read with (`ListTime`).
   */
  write(region: CspRegion, directory: StoredDirectory, generation?: string): Promise<ListWrite>;
  /** The time on the clock every replica shares (Redis `TIME`, else this process's). */
  clock(): Promise<ListTime>;
  /** Tries to become the one replica that refreshes `region`'s list; `untilMs` is when the refresh must be over by; `startedAt` from `clock()`. */
  claim(region: CspRegion, untilMs: number, startedAt?: number): Promise<DirectoryClaim>;
  /** Resolves once the store can be used (connected, or given up on and degraded). */
  whenReady(): Promise<void>;
  close(): Promise<void>;
}
