import {
  BrokenCircuitError,
  CircuitState,
  ExponentialBackoff,
  IBackoff,
  SamplingBreaker,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhenResult,
  noJitterGenerator,
} from 'cockatiel';
import { AgreementOutcome } from '../outcome/outcome';
import { gatewayOutcome } from '../outcome/outcome-table';
import { PartnerCenterClient } from '../client/partner-center-client';
import { ResellerIdentifier } from '../reseller-identifier';
import { Deadline } from '../../time/deadline';
import { traceEvent } from '../../observability/partner-center-span';

export interface UpstreamPathOptions {
  /** Default `3`. Attempts per question, the first one included. */
  readonly maxAttempts?: number;
  /** Default `200`. First backoff delay in ms; later ones grow exponentially with jitter. */
  readonly baseDelayMs?: number;
  /** Default `2_000`. Longest backoff delay in ms. */
  readonly maxDelayMs?: number;
  /** Default `0.5`. Share of questions Partner Center failed, over the window, that opens the circuit. */
  readonly circuitFailureRate?: number;
  /** Default `10`. Questions the window must hold before the rate can open the circuit. */
  readonly circuitMinimumCalls?: number;
  /** Default `10_000`. Length of the window, in ms. */
  readonly circuitWindowMs?: number;
  /** Default `2_000`. Wait before the first trial once the circuit opened, in ms. */
  readonly circuitFirstTrialAfterMs?: number;
  /** Default `30_000`. Longest wait between trials; each failed trial doubles it up to this, in ms. */
  readonly circuitHalfOpenAfterMs?: number;
}

export type CircuitStateName = 'closed' | 'open' | 'halfOpen';

/**
 * One region account's way to Partner Center: retries that fit the deadline, the account's
 * throttle window, and a circuit breaker on the rate of questions Partner Center failed.
 * The account's queue (concurrency, waiting against the deadline) is the client's capacity.
 */
export interface UpstreamPath {
  /** Asks until an answer that retrying cannot change, or until no useful attempt fits before `deadline`. */
  ask(identifier: ResellerIdentifier, deadline: Deadline, traceId?: string): Promise<AgreementOutcome>;
  circuitState(): CircuitStateName;
  /** Upstream calls made since start (every attempt counts). */
  attempts(): number;
}

/** A question's end, and whether it tells the breaker that Partner Center is failing. */
interface Asked {
  readonly outcome: AgreementOutcome;
  readonly partnerCenterFailed: boolean;
}

function getValidOptions(options: UpstreamPathOptions): Required<UpstreamPathOptions> {
  const integer = (name: keyof UpstreamPathOptions, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isInteger(value) || value <= 0)
      throw new TypeError(`UpstreamPath: ${name} must be a positive integer, got ${String(options[name])}`);
    return value;
  };
  const rate = options.circuitFailureRate ?? 0.5;
  if (!(rate > 0 && rate < 1)) throw new TypeError(`UpstreamPath: circuitFailureRate must be between 0 and 1, got ${String(rate)}`);
  const valid = {
    maxAttempts: integer('maxAttempts', 3),
    baseDelayMs: integer('baseDelayMs', 200),
    maxDelayMs: integer('maxDelayMs', 2_000),
    circuitFailureRate: rate,
    circuitMinimumCalls: integer('circuitMinimumCalls', 10),
    circuitWindowMs: integer('circuitWindowMs', 10_000),
    circuitFirstTrialAfterMs: integer('circuitFirstTrialAfterMs', 2_000),
    circuitHalfOpenAfterMs: integer('circuitHalfOpenAfterMs', 30_000),
  };
  if (valid.circuitFirstTrialAfterMs > valid.circuitHalfOpenAfterMs) {
    throw new TypeError('UpstreamPath: circuitFirstTrialAfterMs must not exceed circuitHalfOpenAfterMs');
  }
  return valid;
}

/**
 * Failures Partner Center caused: 5xx and 408, resets, unreadable bodies, and timeouts of
 * calls that had their full timeout. Not: reseller answers, our credentials, 429 (the
 * throttle window handles it), or anything the gateway cut short itself.
 */
export function isPartnerCenterFailure(outcome: AgreementOutcome): boolean {
  return outcome.kind === 'upstreamFailure' && outcome.reason !== 'circuitOpen';
}

/** Whether another attempt may give a better answer. */
function isWorthRetrying(outcome: AgreementOutcome): boolean {
  return isPartnerCenterFailure(outcome) || outcome.kind === 'throttled';
}

/** Seconds Partner Center asked us to wait, when it said. */
function hintedSeconds(outcome: AgreementOutcome): number | undefined {
  return outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? outcome.retryAfterSeconds : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 429s a question may wait out beyond its attempts, within its deadline. */
const MAX_THROTTLED_RETRIES = 5;

export function createUpstreamPath(client: PartnerCenterClient, rawOptions: UpstreamPathOptions = {}): UpstreamPath {
  const options = getValidOptions(rawOptions);
  const capacity = client.capacity;
  // The breaker sees questions, not attempts: one question that needed a retry is one sample.
  const breaker = circuitBreaker(
    handleWhenResult((result) => (result as Asked).partnerCenterFailed),
    {
      breaker: new SamplingBreaker({
        threshold: options.circuitFailureRate,
        duration: options.circuitWindowMs,
        minimumRps: options.circuitMinimumCalls / (options.circuitWindowMs / 1000),
      }),
      // A failed trial doubles the wait before the next one, from a short first wait: one bad
      // trial does not lock the region for the longest period.
      halfOpenAfter: new ExponentialBackoff({
        initialDelay: options.circuitFirstTrialAfterMs,
        maxDelay: options.circuitHalfOpenAfterMs,
        generator: noJitterGenerator,
      }),
    },
  );
  const backoffs = new ExponentialBackoff({
    initialDelay: options.baseDelayMs,
    maxDelay: options.maxDelayMs,
    generator: decorrelatedJitterGenerator,
  });
  let openedAt = 0;
  let opens = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
    opens += 1;
  });
  breaker.onReset(() => {
    opens = 0;
  });
  let attemptCount = 0;

  const nextTrialAt = () =>
    openedAt + Math.min(options.circuitHalfOpenAfterMs, options.circuitFirstTrialAfterMs * 2 ** Math.max(0, opens - 1));
  const circuitOpen = () =>
    gatewayOutcome('upstreamFailure', {
      reason: 'circuitOpen',
      retryAfterSeconds: Math.max(1, Math.ceil((nextTrialAt() - Date.now()) / 1000)),
    });

  async function askWithRetries(identifier: ResellerIdentifier, deadline: Deadline, traceId?: string): Promise<Asked> {
    let requestId: string | undefined;
    let backoff: IBackoff<unknown> | undefined;
    // What Partner Center last did wrong: a better answer than "out of time" when the
    // question then ran out of time.
    let trouble: AgreementOutcome | undefined;
    let failed = false;
    // A 429 is "come back after Retry-After", not a failure: it does not use up an attempt
    // while the deadline leaves room, up to a bound that keeps a stuck account from looping.
    let throttledAttempts = 0;
    for (let attempt = 1; ; attempt += 1) {
      attemptCount += 1;
      const result = await client.agreementStatus(identifier, {
        requestId,
        deadline,
        traceId,
        retry: attempt + throttledAttempts > 1,
        attempt: attempt + throttledAttempts,
      });
      const { outcome } = result;
      if (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter') {
        // Partner Center limits the whole partner tenant: every call of the account waits.
        capacity.throttle(Date.now() + (outcome.retryAfterSeconds ?? 1) * 1000);
      }
      if (isPartnerCenterFailure(outcome)) failed = true;
      if (outcome.kind === 'deadlineExceeded' || outcome.kind === 'notAsked')
        return { outcome: trouble ?? outcome, partnerCenterFailed: failed };
      // Only while calls queue (the account's rate is the limit) is a 429 waited out for free; a
      // 429 for one reseller on an idle account is an answer about that call, and counts.
      if (outcome.kind === 'throttled' && capacity.busy() && throttledAttempts < MAX_THROTTLED_RETRIES) {
        throttledAttempts += 1;
        attempt -= 1;
      } else if (!isWorthRetrying(outcome) || attempt >= options.maxAttempts) {
        return { outcome, partnerCenterFailed: failed && isPartnerCenterFailure(outcome) };
      }
      trouble = outcome;
      // A retry after a timeout keeps MS-RequestId, so Partner Center can tell it is the same request.
      requestId =
        outcome.kind === 'upstreamFailure' && (outcome.reason === 'timeout' || outcome.reason === 'requestTimeout')
          ? result.requestId
          : undefined;
      backoff = backoff ? backoff.next(undefined) : backoffs.next();
      // Partner Center asks callers to wait Retry-After first, then back off exponentially.
      const hinted = hintedSeconds(outcome);
      const delay = hinted === undefined ? backoff.duration : hinted * 1000 + (throttledAttempts > 1 ? backoff.duration : 0);
      // A retry is scheduled only when a useful attempt still fits after the wait.
      if (Date.now() + delay + capacity.usefulAttemptMs() > deadline.at())
        return { outcome, partnerCenterFailed: failed && isPartnerCenterFailure(outcome) };
      traceEvent('retry scheduled', {
        'retry.after_outcome': outcome.kind,
        'retry.delay_ms': Math.round(delay),
        'retry.next_attempt': attempt + throttledAttempts + 1,
      });
      await sleep(delay);
    }
  }

  function refused(state: CircuitStateName): AgreementOutcome {
    traceEvent('circuit breaker refusal', { 'circuit.state': state });
    return circuitOpen();
  }

  async function ask(identifier: ResellerIdentifier, deadline: Deadline, traceId?: string): Promise<AgreementOutcome> {
    // While a trial runs, the others answer at once instead of queueing behind it.
    if (breaker.state === CircuitState.HalfOpen) return refused('halfOpen');
    try {
      return (await breaker.execute(() => askWithRetries(identifier, deadline, traceId))).outcome;
    } catch (error) {
      if (error instanceof BrokenCircuitError) return refused('open');
      throw error;
    }
  }

  return {
    ask,
    circuitState: () =>
      breaker.state === CircuitState.Open || breaker.state === CircuitState.Isolated
        ? 'open'
        : breaker.state === CircuitState.HalfOpen
          ? 'halfOpen'
          : 'closed',
    attempts: () => attemptCount,
  };
}
