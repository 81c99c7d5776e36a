import DataLoader from 'dataloader';
import { ExponentialBackoff, IBackoff, decorrelatedJitterGenerator } from 'cockatiel';
import { CspRegion } from '../csp-region';
import { AgreementOutcome } from '../outcome/outcome';
import { CheckedStatus, DEFAULT_DEADLINE_MS, RegionAccount, StatusChecker } from '../status-checker';
import { Deadline, toDeadline } from '../resilience/deadline';
import { ValidateResellersResult } from '../client/validate-resellers-call';
import { missingResultOutcome, normalisePartnerId, outcomeOfResult } from './por-verdict';

/** Default largest number of partner IDs sent in one validateresellers call. */
export const DEFAULT_POR_BATCH_SIZE = 50;

/** What one validateresellers batch did, for metrics and logs. */
export interface PorBatchEvent {
  readonly region: CspRegion;
  /** Distinct partner IDs the call asked about. */
  readonly size: number;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The outcome given to each ID. */
  readonly outcomes: readonly AgreementOutcome[];
}

export interface PartnerOfRecordCheckerOptions {
  /** Required. One account per configured region; its client's queue carries the calls. */
  readonly accounts: readonly RegionAccount[];
  /**
   * Default `50`. Most partner IDs in one validateresellers call. Microsoft's page names no
   * limit; a larger batch costs fewer calls but one failure then answers more IDs as
   * unavailable.
   */
  readonly maxBatchSize?: number;
  /** Default `3`. Attempts per batch, the first included (5xx, 408, timeouts, resets, unreadable bodies, 429). */
  readonly maxAttempts?: number;
  /** Default `200`. First backoff delay in ms; later ones grow exponentially with jitter, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  /** Default `2_000`. */
  readonly maxDelayMs?: number;
  /** Default none. Told about every batch once it is answered; must not throw. */
  readonly onBatch?: (event: PorBatchEvent) => void;
}

/** One partner ID's question as it waits for its batch. */
interface PorQuestion {
  readonly partnerId: string;
  readonly deadline: Deadline;
}

function getValidOptions(options: PartnerOfRecordCheckerOptions) {
  const integer = (name: 'maxBatchSize' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs', fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isInteger(value) || value <= 0) throw new TypeError(`PartnerOfRecordChecker: ${name} must be a positive integer, got ${String(options[name])}`);
    return value;
  };
  return {
    maxBatchSize: integer('maxBatchSize', DEFAULT_POR_BATCH_SIZE),
    maxAttempts: integer('maxAttempts', 3),
    baseDelayMs: integer('baseDelayMs', 200),
    maxDelayMs: integer('maxDelayMs', 2_000),
  };
}

const isWorthRetrying = (outcome: AgreementOutcome) =>
  (outcome.kind === 'upstreamFailure' && outcome.reason !== 'circuitOpen') || (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Microsoft's partner-of-record verdict per partner ID, asked in batches: the questions that
 * reach one region account in the same turn of the event loop (every cache miss of an
 * operation, and of any operation running alongside) go out together, as
 * `ceil(distinct IDs / maxBatchSize)` validateresellers calls through the account's queue.
 * Each ID still gets its own answer: a result for it, "missing" when the answer held none
 * (never valid), or the batch's own outcome when the call failed. Meant to sit behind the
 * shared status cache, which asks it once per partner ID and region.
 */
export function createPartnerOfRecordChecker(rawOptions: PartnerOfRecordCheckerOptions): StatusChecker {
  const options = getValidOptions(rawOptions);
  const backoffs = new ExponentialBackoff({ initialDelay: options.baseDelayMs, maxDelay: options.maxDelayMs, generator: decorrelatedJitterGenerator });

  async function askWithRetries(account: RegionAccount, partnerIds: readonly string[], deadline: Deadline): Promise<{ result: ValidateResellersResult; attempts: number }> {
    const { client } = account;
    let requestId: string | undefined;
    let backoff: IBackoff<unknown> | undefined;
    let trouble: AgreementOutcome | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const result = await client.validateResellers(partnerIds, { requestId, deadline, retry: attempt > 1 });
      if (result.ok) return { result, attempts: attempt };
      const { outcome } = result;
      if (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter') {
        // Partner Center limits the whole partner tenant: every call of the account waits.
        client.capacity.throttle(Date.now() + (outcome.retryAfterSeconds ?? 1) * 1000);
      }
      // Out of time after a failure: the failure says more than "out of time".
      if (outcome.kind === 'deadlineExceeded') return { result: trouble ? { ...result, outcome: trouble } : result, attempts: attempt };
      if (!isWorthRetrying(outcome) || attempt >= options.maxAttempts) return { result, attempts: attempt };
      trouble = outcome;
      // A retry after a timeout keeps MS-RequestId, so Partner Center can tell it is the same request.
      requestId = outcome.kind === 'upstreamFailure' && (outcome.reason === 'timeout' || outcome.reason === 'requestTimeout') ? result.requestId : undefined;
      backoff = backoff ? backoff.next(undefined) : backoffs.next();
      const hinted = outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? outcome.retryAfterSeconds : undefined;
      const delay = hinted !== undefined ? hinted * 1000 : backoff.duration;
      if (Date.now() + delay + client.capacity.usefulAttemptMs() > deadline.at()) return { result, attempts: attempt };
      await sleep(delay);
    }
  }

  function loaderFor(account: RegionAccount): DataLoader<PorQuestion, AgreementOutcome> {
    return new DataLoader<PorQuestion, AgreementOutcome>(
      async (questions) => {
        const partnerIds = [...new Set(questions.map((question) => question.partnerId))];
        // The batch may use the latest deadline of its questions, and follows any that moves later;
        // each caller still stops waiting at its own (the cache sees to that).
        const deadline = new Deadline(Math.max(...questions.map((question) => question.deadline.at())));
        const unsubscribe = questions.map((question) => question.deadline.onExtend(() => deadline.extendTo(question.deadline.at())));
        try {
          const { result, attempts } = await askWithRetries(account, partnerIds, deadline);
          const outcomes = questions.map((question): AgreementOutcome => {
            if (!result.ok) return result.outcome;
            const found = result.results.get(question.partnerId);
            return found ? outcomeOfResult(found, result.trace) : missingResultOutcome(result.trace);
          });
          rawOptions.onBatch?.({ region: account.region, size: partnerIds.length, attempts, outcomes });
          return outcomes;
        } finally {
          for (const stop of unsubscribe) stop();
        }
      },
      // Every question reaching the account before the event loop moves on joins the batch.
      { cache: false, maxBatchSize: options.maxBatchSize, batchScheduleFn: (callback) => setImmediate(callback) },
    );
  }

  const byRegion = new Map(rawOptions.accounts.map((account) => [account.region, loaderFor(account)]));
  if (byRegion.size !== rawOptions.accounts.length) throw new TypeError('PartnerOfRecordChecker: one account per region');

  return {
    configuredRegions: rawOptions.accounts.map((account) => account.region),
    isConfigured: (region) => byRegion.has(region),
    async check(identifier, region, check = {}): Promise<CheckedStatus> {
      const loader = byRegion.get(region);
      if (!loader) throw new Error(`no Partner Center account for region ${region}`);
      if (identifier.kind !== 'mpnId') throw new TypeError('PartnerOfRecordChecker: validateresellers takes partner IDs (MPN/PLA IDs) only');
      const deadline = toDeadline(check.deadline ?? Date.now() + DEFAULT_DEADLINE_MS);
      const outcome = await loader.load({ partnerId: normalisePartnerId(identifier.value), deadline });
      return { outcome, checkedAt: new Date() };
    },
    // The breaker and queue states are the accounts' own, reported by the agreement checker.
    circuitStates: () => new Map(),
    capacities: () => new Map(rawOptions.accounts.map((account) => [account.region, account.client.capacity.snapshot()])),
    close: () => Promise.resolve(),
  };
}
