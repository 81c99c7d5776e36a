import { CspRegion } from './csp-region';
import { AgreementOutcome } from './outcome/outcome';
import { PartnerCenterClient } from './client/partner-center-client';
import { AccountCapacity } from './resilience/account-capacity';
import { Deadline } from '../time/deadline';
import { CircuitStateName, UpstreamPath, UpstreamPathOptions, createUpstreamPath } from './resilience/upstream-path';
import { ResellerIdentifier } from './reseller-identifier';

/** One Partner Center account: the region its orders come from, and its client. */
export interface RegionAccount {
  readonly region: CspRegion;
  readonly client: PartnerCenterClient;
}

/**
 * What an answer was read from: a Partner Center call made (or joined) in this process, the
 * cache every replica shares (Redis, also an answer another replica fetched while this one
 * waited), or this replica's own memory (the cache without Redis, or while Redis is away).
 */
export type AnswerSource = 'fresh' | 'sharedCache' | 'replicaCache';

/** An outcome with the time Partner Center gave it. */
export interface CheckedStatus {
  readonly outcome: AgreementOutcome;
  readonly checkedAt: Date;
  /** Set by the status cache; none on an answer the gateway made itself (out of time or budget). */
  readonly source?: AnswerSource;
  /** Set on a recheck's answer that is kept: whether every replica now answers from it (false: this replica only, for now). */
  readonly shared?: boolean;
}

export interface CheckOptions {
  /** Default 10 s from now. When an answer is needed by (the operation's deadline). */
  readonly deadline?: Deadline;
  /** Default `false`. Skip any cached answer and ask Partner Center again. */
  readonly recheck?: boolean;
  /** Default none. The gateway request asking, for the upstream call's log line. */
  readonly traceId?: string;
  /**
   * Default none (no limit). Asked once when this question would start a Partner Center call
   * (not for a cached answer or one already being asked); refused, the answer is
   * `clientBudgetExceeded` and nothing is asked.
   */
  readonly admitUpstream?: () => UpstreamAdmission;
}

/** Whether a caller may start one more Partner Center call, or when it may. */
export type UpstreamAdmission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number };

/** Asks Partner Center through the right region's account. */
export interface StatusChecker {
  /** Regions with an account, in the order configured. */
  readonly configuredRegions: readonly CspRegion[];
  isConfigured(region: CspRegion): boolean;
  /** The reseller's status for orders from `region`; the region must be configured. */
  check(identifier: ResellerIdentifier, region: CspRegion, options?: CheckOptions): Promise<CheckedStatus>;
  /** Circuit state per configured region. */
  circuitStates(): ReadonlyMap<CspRegion, CircuitStateName>;
  /** Each account's queue: calls in flight, waiting, the current concurrency limit and learnt rate cap. */
  capacities(): ReadonlyMap<CspRegion, ReturnType<AccountCapacity['snapshot']>>;
  /** Stops background work (connections to a shared cache). */
  close(): Promise<void>;
}

export interface StatusCheckerOptions {
  /** Required. One account per configured region. */
  readonly accounts: readonly RegionAccount[];
  /** Retries and circuit breaker per account; the client's capacity queues its calls. */
  readonly resilience?: UpstreamPathOptions;
}

export const DEFAULT_DEADLINE_MS = 10_000;

/** Asks Partner Center directly (no cache), through each account's upstream path. */
export function createStatusChecker(options: StatusCheckerOptions): StatusChecker {
  const byRegion = new Map<CspRegion, UpstreamPath>(
    options.accounts.map((account) => [account.region, createUpstreamPath(account.client, options.resilience)]),
  );
  if (byRegion.size !== options.accounts.length) throw new TypeError('StatusChecker: one account per region');

  return {
    configuredRegions: options.accounts.map((account) => account.region),
    isConfigured: (region) => byRegion.has(region),
    check: async (identifier, region, check = {}) => {
      const caller = byRegion.get(region);
      if (!caller) throw new Error(`no Partner Center account for region ${region}`);
      const outcome = await caller.ask(identifier, check.deadline ?? Deadline.after(DEFAULT_DEADLINE_MS), check.traceId);
      return { outcome, checkedAt: new Date() };
    },
    circuitStates: () => new Map([...byRegion].map(([region, caller]) => [region, caller.circuitState()])),
    capacities: () => new Map(options.accounts.map((account) => [account.region, account.client.capacity.snapshot()])),
    close: () => Promise.resolve(),
  };
}
