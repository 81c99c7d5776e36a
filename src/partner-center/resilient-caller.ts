import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, IBackoff, circuitBreaker, decorrelatedJitterGenerator, handleWhenResult } from 'cockatiel';
import { AgreementOutcome } from './outcome';
import { gatewayOutcome } from './outcome-table';
import { AgreementStatusResult, PartnerCenterClient } from './partner-center-client';
import { ResellerIdentifier } from './reseller-identifier';

export interface ResilienceOptions {
  /** Default `3`. Attempts per question, the first one included. */
  readonly maxAttempts?: number;
  /** Default `200`. First backoff delay in ms; later ones grow exponentially with jitter. */
  readonly baseDelayMs?: number;
  /** Default `2_000`. Longest backoff delay in ms. */
  readonly maxDelayMs?: number;
  /** Default `5`. Consecutive failed attempts that open the circuit. */
  readonly circuitFailureThreshold?: number;
  /** Default `30_000`. How long an open circuit refuses calls before letting one through. */
  readonly circuitHalfOpenAfterMs?: number;
}

export type CircuitStateName = 'closed' | 'open' | 'halfOpen';

/** One region account's way to Partner Center: retries and a circuit breaker (the client limits concurrency). */
export interface ResilientCaller {
  /** Asks once or more until an answer that retrying cannot change, or the deadline. */
  ask(identifier: ResellerIdentifier, deadline: number, traceId?: string): Promise<AgreementOutcome>;
  circuitState(): CircuitStateName;
  /** Upstream calls made since start (every attempt counts). */
  attempts(): number;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen <= 0) {
    throw new TypeError(`ResilientCaller: ${name} must be a positive integer, got ${String(value)}`);
  }
  return chosen;
}

/** Outcomes that count against the circuit: Partner Center failing, not answering, or throttling. */
function isUpstreamTrouble(outcome: AgreementOutcome): boolean {
  return outcome.kind === 'upstreamFailure' || outcome.kind === 'throttled';
}

/** Whether another attempt may give a better answer. Reseller answers and our own credential problems never do. */
function isWorthRetrying(outcome: AgreementOutcome): boolean {
  return outcome.retryable && isUpstreamTrouble(outcome);
}

export function createResilientCaller(client: PartnerCenterClient, options: ResilienceOptions = {}): ResilientCaller {
  const maxAttempts = positiveInteger('maxAttempts', options.maxAttempts, 3);
  const baseDelayMs = positiveInteger('baseDelayMs', options.baseDelayMs, 200);
  const maxDelayMs = positiveInteger('maxDelayMs', options.maxDelayMs, 2_000);
  const halfOpenAfter = positiveInteger('circuitHalfOpenAfterMs', options.circuitHalfOpenAfterMs, 30_000);
  const breaker = circuitBreaker(
    handleWhenResult((result) => isUpstreamTrouble((result as AgreementStatusResult).outcome)),
    { halfOpenAfter, breaker: new ConsecutiveBreaker(positiveInteger('circuitFailureThreshold', options.circuitFailureThreshold, 5)) },
  );
  const backoffs = new ExponentialBackoff({ initialDelay: baseDelayMs, maxDelay: maxDelayMs, generator: decorrelatedJitterGenerator });
  let openedAt = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
  });
  let attemptCount = 0;

  const circuitOpen = () =>
    gatewayOutcome('upstreamFailure', {
      reason: 'circuitOpen',
      retryAfterSeconds: Math.max(1, Math.ceil((openedAt + halfOpenAfter - Date.now()) / 1000)),
    });

  async function ask(identifier: ResellerIdentifier, deadline: number, traceId?: string): Promise<AgreementOutcome> {
    let requestId: string | undefined;
    let backoff: IBackoff<unknown> | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return gatewayOutcome('upstreamFailure', { reason: 'timeout' });
      let result: AgreementStatusResult;
      try {
        result = await breaker.execute(() => {
          attemptCount += 1;
          return client.agreementStatus(identifier, { requestId, deadline, traceId });
        });
      } catch (error) {
        if (error instanceof BrokenCircuitError) return circuitOpen();
        throw error;
      }
      const { outcome } = result;
      if (!isWorthRetrying(outcome) || attempt >= maxAttempts) return outcome;
      // A retry after a timeout keeps MS-RequestId, so Partner Center can tell it is the same request.
      const timedOut = outcome.kind === 'upstreamFailure' && (outcome.reason === 'timeout' || outcome.reason === 'requestTimeout');
      requestId = timedOut ? result.requestId : undefined;
      backoff = backoff ? backoff.next(undefined) : backoffs.next();
      // Partner Center asks callers to wait Retry-After first, then back off exponentially.
      const hinted = outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? outcome.retryAfterSeconds : undefined;
      const delay = hinted !== undefined ? hinted * 1000 : backoff.duration;
      if (Date.now() + delay >= deadline) return outcome;
      await new Promise((resolve) => setTimeout(resolve, delay));
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
