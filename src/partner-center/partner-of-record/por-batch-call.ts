import { ExponentialBackoff, IBackoff } from 'cockatiel';
import { AgreementOutcome } from '../outcome/outcome';
import { PartnerCenterClient } from '../client/partner-center-client';
import { ValidateResellersResult } from '../client/validate-resellers-call';
import { Deadline } from '../../time/deadline';

const isWorthRetrying = (outcome: AgreementOutcome) =>
  (outcome.kind === 'upstreamFailure' && outcome.reason !== 'circuitOpen') ||
  (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One batch's validateresellers call, asked again while retrying may help and a useful attempt
 * still fits before the deadline: 5xx, 408, timeouts, resets, unreadable bodies and 429 (which
 * first holds every call of the account for Retry-After), as the agreement calls are.
 */
export async function validateWithRetries(
  client: PartnerCenterClient,
  partnerIds: readonly string[],
  deadline: Deadline,
  options: { readonly maxAttempts: number; readonly backoffs: ExponentialBackoff<unknown> },
): Promise<{ result: ValidateResellersResult; attempts: number }> {
  let requestId: string | undefined;
  let backoff: IBackoff<unknown> | undefined;
  let trouble: AgreementOutcome | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const result = await client.validateResellers(partnerIds, { requestId, deadline, retry: attempt > 1, attempt });
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
    requestId =
      outcome.kind === 'upstreamFailure' && (outcome.reason === 'timeout' || outcome.reason === 'requestTimeout')
        ? result.requestId
        : undefined;
    backoff = backoff ? backoff.next(undefined) : options.backoffs.next();
    const hinted = outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? outcome.retryAfterSeconds : undefined;
    const delay = hinted !== undefined ? hinted * 1000 : backoff.duration;
    if (Date.now() + delay + client.capacity.usefulAttemptMs() > deadline.at()) return { result, attempts: attempt };
    await sleep(delay);
  }
}
