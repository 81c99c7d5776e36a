import { ExponentialBackoff, decorrelatedJitterGenerator } from 'cockatiel';
import { validateWithRetries } from './por-batch-call';
import { CspRegion } from '../csp-region';
import { AgreementOutcome } from '../outcome/outcome';
import { CheckedStatus, DEFAULT_DEADLINE_MS, RegionAccount, StatusChecker } from '../status-checker';
import { Deadline } from '../../time/deadline';
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
  /**
   * Default `50`. Longest a batch is held, in ms, with no new question or answer from the
   * operations it waits for, after which it leaves with what it has (an operation waiting on
   * another's flight); never more than 20 times this since it began to hold.
   */
  readonly maxGatherMs?: number;
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

/**
 * An operation's questions on their way to the batches: how many it asks, and which have
 * either reached the batcher (a cache miss) or been answered without it (a cache hit, another
 * flight). Batches are held until every gathering operation's questions are accounted for, so
 * cache reads that take a round trip each (Redis) still leave as full batches.
 */
export interface PorGathering {
  /** The question for this partner ID and region has been answered (whether or not it reached the batcher). */
  settled(partnerId: string, region: CspRegion): void;
}

/** The partner-of-record checker: a status checker whose misses leave in batches. */
export interface PartnerOfRecordChecker extends StatusChecker {
  /**
   * Announces `count` questions of one operation (`traceId`, as its `check` calls carry it),
   * before any is asked. Without it a batch leaves one event-loop turn after its first question.
   */
  gather(traceId: string, count: number): PorGathering;
}

/** One partner ID's question as it waits for its batch. */
interface PorQuestion {
  readonly partnerId: string;
  readonly deadline: Deadline;
  /** The operation asking, when it said. */
  readonly traceId: string | undefined;
  answer(outcome: AgreementOutcome): void;
  fail(error: unknown): void;
}

function getValidOptions(options: PartnerOfRecordCheckerOptions) {
  const integer = (name: 'maxBatchSize' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxGatherMs', fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isInteger(value) || value <= 0)
      throw new TypeError(`PartnerOfRecordChecker: ${name} must be a positive integer, got ${String(options[name])}`);
    return value;
  };
  return {
    maxBatchSize: integer('maxBatchSize', DEFAULT_POR_BATCH_SIZE),
    maxAttempts: integer('maxAttempts', 3),
    baseDelayMs: integer('baseDelayMs', 200),
    maxDelayMs: integer('maxDelayMs', 2_000),
    maxGatherMs: integer('maxGatherMs', 50),
  };
}

/**
 * Microsoft's partner-of-record verdict per partner ID, asked in batches: the questions that
 * reach one region account in the same turn of the event loop (every cache miss of an
 * operation, and of any operation running alongside) go out together, as
 * `ceil(distinct IDs / maxBatchSize)` validateresellers calls through the account's queue.
 * Each ID still gets its own answer: a result for it, "missing" when the answer held none
 * (never valid), or the batch's own outcome when the call failed. Meant to sit behind the
 * shared status cache, which asks it once per partner ID and region.
 */
export function createPartnerOfRecordChecker(rawOptions: PartnerOfRecordCheckerOptions): PartnerOfRecordChecker {
  const options = getValidOptions(rawOptions);
  // Operations whose questions are on their way: by trace id, the keys accounted for so far.
  const gatherings = new Map<string, { expected: number; readonly accounted: Set<string> }>();
  const isGathering = (traceId: string | undefined) => {
    const gathering = traceId === undefined ? undefined : gatherings.get(traceId);
    return gathering !== undefined && gathering.accounted.size < gathering.expected;
  };
  // Per region account: the questions waiting for their batch.
  const waiting = new Map<CspRegion, PorQuestion[]>();
  const flushScheduled = new Set<CspRegion>();
  const fallbacks = new Map<CspRegion, NodeJS.Timeout>();
  // When each region's batch began to hold questions back.
  const holdingSince = new Map<CspRegion, number>();
  const longestHoldMs = () => options.maxGatherMs * 20;

  /**
   * (Re)starts the region's fallback: the held questions leave once nothing new has come for
   * `maxGatherMs` (a slow process still making progress keeps its batch whole), and at the
   * latest `20 × maxGatherMs` after the batch began to hold.
   */
  function armFallback(region: CspRegion): void {
    clearTimeout(fallbacks.get(region));
    const since = holdingSince.get(region) ?? Date.now();
    holdingSince.set(region, since);
    const wait = Math.max(0, Math.min(options.maxGatherMs, since + longestHoldMs() - Date.now()));
    fallbacks.set(
      region,
      setTimeout(() => {
        fallbacks.delete(region);
        flush(region, true);
      }, wait),
    );
  }

  /**
   * Sends a region's waiting questions in batches of at most `maxBatchSize`: every question
   * whose operation has all its questions accounted for (or that belongs to none), or all of
   * them once nothing new has come for `maxGatherMs` (an operation waiting on a flight another
   * operation's held batch carries; see `armFallback`).
   */
  function flush(region: CspRegion, all: boolean): void {
    const queue = waiting.get(region) ?? [];
    const ready = all ? queue : queue.filter((question) => !isGathering(question.traceId));
    const held = all ? [] : queue.filter((question) => isGathering(question.traceId));
    waiting.set(region, held);
    if (held.length === 0) {
      clearTimeout(fallbacks.get(region));
      fallbacks.delete(region);
      holdingSince.delete(region);
    } else if (!fallbacks.has(region)) {
      armFallback(region);
    }
    for (let start = 0; start < ready.length; start += options.maxBatchSize) {
      void sendBatch(region, ready.slice(start, start + options.maxBatchSize));
    }
  }

  /** Every question reaching the account before the event loop moves on joins the batch. */
  function scheduleFlush(region: CspRegion): void {
    if (flushScheduled.has(region)) return;
    flushScheduled.add(region);
    setImmediate(() => {
      flushScheduled.delete(region);
      flush(region, false);
    });
  }

  const account = (traceId: string | undefined, key: string) => {
    const gathering = traceId === undefined ? undefined : gatherings.get(traceId);
    if (!gathering || gathering.accounted.has(key)) return;
    gathering.accounted.add(key);
    // Progress: a batch held for questions on their way waits on.
    for (const region of fallbacks.keys()) armFallback(region);
    // The operation's last question is in: its held questions may go.
    if (gathering.accounted.size >= gathering.expected) for (const [region, queue] of waiting) if (queue.length > 0) scheduleFlush(region);
  };
  const backoffs = new ExponentialBackoff({
    initialDelay: options.baseDelayMs,
    maxDelay: options.maxDelayMs,
    generator: decorrelatedJitterGenerator,
  });
  const askWithRetries = (regionAccount: RegionAccount, partnerIds: readonly string[], deadline: Deadline) =>
    validateWithRetries(regionAccount.client, partnerIds, deadline, { maxAttempts: options.maxAttempts, backoffs });

  const accounts = new Map(rawOptions.accounts.map((regionAccount) => [regionAccount.region, regionAccount]));
  if (accounts.size !== rawOptions.accounts.length) throw new TypeError('PartnerOfRecordChecker: one account per region');

  /** One validateresellers call (with its retries) for a batch, each question answered from it. */
  async function sendBatch(region: CspRegion, questions: readonly PorQuestion[]): Promise<void> {
    const regionAccount = accounts.get(region)!;
    const partnerIds = [...new Set(questions.map((question) => question.partnerId))];
    // The batch may use the latest deadline of its questions, and follows any that moves later;
    // each caller still stops waiting at its own (the cache sees to that).
    const deadline = new Deadline(Math.max(...questions.map((question) => question.deadline.at())));
    const unsubscribe = questions.map((question) => question.deadline.onExtend(() => deadline.extendTo(question.deadline.at())));
    try {
      const { result, attempts } = await askWithRetries(regionAccount, partnerIds, deadline);
      const outcomes = questions.map((question): AgreementOutcome => {
        if (!result.ok) return result.outcome;
        const found = result.results.get(question.partnerId);
        return found ? outcomeOfResult(found, result.trace) : missingResultOutcome(result.trace);
      });
      for (const [index, question] of questions.entries()) question.answer(outcomes[index]);
      rawOptions.onBatch?.({ region, size: partnerIds.length, attempts, outcomes });
    } catch (error) {
      // Never expected (the client answers failures as outcomes); no question is left waiting.
      for (const question of questions) question.fail(error);
    } finally {
      for (const stop of unsubscribe) stop();
    }
  }

  return {
    configuredRegions: rawOptions.accounts.map((account) => account.region),
    isConfigured: (region) => accounts.has(region),
    async check(identifier, region, check = {}): Promise<CheckedStatus> {
      if (!accounts.has(region)) throw new Error(`no Partner Center account for region ${region}`);
      if (identifier.kind !== 'mpnId')
        throw new TypeError('PartnerOfRecordChecker: validateresellers takes partner IDs (MPN/PLA IDs) only');
      const deadline = check.deadline ?? Deadline.after(DEFAULT_DEADLINE_MS);
      const partnerId = normalisePartnerId(identifier.value);
      const outcome = await new Promise<AgreementOutcome>((answer, fail) => {
        const queue = waiting.get(region) ?? [];
        queue.push({ partnerId, deadline, traceId: check.traceId, answer, fail });
        waiting.set(region, queue);
        scheduleFlush(region);
        account(check.traceId, `${partnerId}@${region}`);
      });
      return { outcome, checkedAt: new Date() };
    },
    gather(traceId, count) {
      // Several batches of one operation (lines that first read a reseller list) add up.
      const gathering = gatherings.get(traceId) ?? { expected: 0, accounted: new Set<string>() };
      gathering.expected += count;
      gatherings.set(traceId, gathering);
      return {
        settled(partnerId, region) {
          account(traceId, `${normalisePartnerId(partnerId)}@${region}`);
          // Every question answered: the operation holds no batch any more.
          if (gathering.accounted.size >= gathering.expected && gatherings.get(traceId) === gathering) gatherings.delete(traceId);
        },
      };
    },
    // The breaker and queue states are the accounts' own, reported by the agreement checker.
    circuitStates: () => new Map(),
    capacities: () => new Map(rawOptions.accounts.map((account) => [account.region, account.client.capacity.snapshot()])),
    close() {
      for (const timer of fallbacks.values()) clearTimeout(timer);
      return Promise.resolve();
    },
  };
}
