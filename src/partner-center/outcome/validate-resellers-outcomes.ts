import { AGREEMENT_STATUS_OUTCOMES, OutcomeRule } from './outcome-table';

/** Where Microsoft documents the partner-of-record validation call and its one example code. */
export const VALIDATE_RESELLERS_URL = 'https://learn.microsoft.com/partner-center/developer/validate-reseller-partner-of-record';

/**
 * The validateresellers call's answers other than a readable list of results: they decide
 * every partner ID the batch asked about at once. Its error codes belong to another endpoint
 * and are not read; the status class alone says whether our credentials, throttling or
 * Partner Center itself is at fault, and anything else (a 400 or 404 for the whole batch) is
 * kept verbatim as an unrecognized answer. The per-ID verdicts inside a 200 are read by
 * `partner-of-record/por-verdict.ts`.
 */
export const VALIDATE_RESELLERS_OUTCOMES: readonly OutcomeRule[] = [
  {
    when: { status: 401 },
    kind: 'credentialsRejected',
    reason: 'unauthorized',
    retryable: false,
    cacheClass: 'never',
    note: '401 token missing or expired',
  },
  {
    when: { status: 403 },
    kind: 'credentialsRejected',
    reason: 'forbidden',
    retryable: false,
    cacheClass: 'never',
    note: '403 the account lacks the Admin agent role',
  },
  {
    when: { status: 408 },
    kind: 'upstreamFailure',
    reason: 'requestTimeout',
    retryable: true,
    cacheClass: 'transient',
    note: '408 Partner Center timed out',
  },
  {
    when: { status: 429 },
    kind: 'throttled',
    retryable: true,
    cacheClass: 'transient',
    note: '429 rate limit per partner tenant, Retry-After in seconds',
  },
  {
    when: { status: '5xx' },
    kind: 'upstreamFailure',
    reason: 'serverError',
    retryable: true,
    cacheClass: 'transient',
    note: '500 (documented), 502, 503, 504 and the rest of 5xx',
  },
  {
    when: { unreadableBody: true },
    kind: 'upstreamFailure',
    reason: 'malformedBody',
    retryable: true,
    cacheClass: 'transient',
    note: 'a 2xx body that is not JSON (proxy pages, truncation, too large, a 204); JSON of another shape is kept verbatim below',
  },
  ...AGREEMENT_STATUS_OUTCOMES.filter((row) => 'transport' in row.when),
  {
    when: { otherwise: true },
    kind: 'unrecognized',
    retryable: false,
    cacheClass: 'never',
    note: '400, 404 or any other answer for the whole batch, kept verbatim',
  },
];
