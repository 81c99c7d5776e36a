import { randomUUID } from 'node:crypto';
import { AgreementOutcome, ResponseTrace } from '../outcome/outcome';
import { classifyAnswer } from '../outcome/outcome-table';
import { VALIDATE_RESELLERS_OUTCOMES } from '../outcome/validate-resellers-outcomes';
import { PorResult, readValidationResults } from '../partner-of-record/por-verdict';
import { Deadline } from '../../time/deadline';
import { AccountSettings, sendForAccount } from './account-request';
import { readErrorBody, readRetryAfter, traceOf, unexpectedSuccess } from './answer-reading';
import { afterQueuedWrites } from './exchange';
import { parseJsonBody } from './json-body';
import { withPartnerCenterSpan } from '../../observability/partner-center-span';

export interface ValidateResellersCallOptions {
  /** Default a new GUID. The previous attempt's id when retrying after a timeout. */
  readonly requestId?: string;
  /** Default none. When the answer is needed by; waiting for the token and a slot counts against it. */
  readonly deadline?: Deadline;
  /** Default the client's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Default `false`. Wait ahead of first attempts for a slot (a retry). */
  readonly retry?: boolean;
  /** Default `1`. Which attempt this is, for the call's span. */
  readonly attempt?: number;
}

/** Every result of a 200 answer by partner ID, or the outcome that decides the whole batch. */
export type ValidateResellersResult =
  | { readonly ok: true; readonly results: ReadonlyMap<string, PorResult>; readonly trace: ResponseTrace; readonly requestId: string }
  | { readonly ok: false; readonly outcome: AgreementOutcome; readonly requestId: string };

/**
 * One `POST {baseURL}/v1/partners/validateresellers` for an account: body
 * `{"partnerIds": [...]}` (strings), the headers every Partner Center call carries, through
 * the account's queue and within the deadline. One attempt; retries are the caller's.
 */
export function callValidateResellers(
  account: ValidateResellersAccount,
  partnerIds: readonly string[],
  options: ValidateResellersCallOptions = {},
): Promise<ValidateResellersResult> {
  const correlationId = randomUUID();
  const requestId = options.requestId ?? randomUUID();
  return withPartnerCenterSpan(
    {
      operation: 'validateresellers',
      region: account.region,
      attempt: options.attempt ?? 1,
      correlationId,
      requestId,
      batchSize: partnerIds.length,
    },
    () => askValidateResellers(account, partnerIds, options, { correlationId, requestId }),
    (result) => (result.ok ? { kind: 'answered', httpStatus: 200, trace: result.trace } : result.outcome),
  );
}

type ValidateResellersAccount = AccountSettings & {
  readonly base: URL;
  readonly maxBodyBytes: number;
  readonly timeoutMs: number;
  /** Default none. The account's CSP region, for the call's span. */
  readonly region?: string;
};

async function askValidateResellers(
  account: ValidateResellersAccount,
  partnerIds: readonly string[],
  options: ValidateResellersCallOptions,
  sent: { readonly correlationId: string; readonly requestId: string },
): Promise<ValidateResellersResult> {
  const { correlationId, requestId } = sent;
  const response = await sendForAccount(account, {
    path: `${account.base.pathname.replace(/\/+$/, '')}/v1/partners/validateresellers`,
    jsonBody: JSON.stringify({ partnerIds }),
    correlationId,
    requestId,
    timeoutMs: options.timeoutMs ?? account.timeoutMs,
    maxBodyBytes: account.maxBodyBytes,
    deadline: options.deadline,
    retry: options.retry,
    // The adaptive limit is tuned to one-reseller agreementstatus calls; a batch says nothing about them.
    learn: false,
  });
  if (response.kind === 'notSent') return { ok: false, outcome: response.outcome, requestId };
  if (response.kind === 'noAnswer') {
    const failure = response.failure === 'deadline' ? 'deadlineExceeded' : response.failure;
    return { ok: false, outcome: classifyAnswer({ type: 'transport', failure }, sent, VALIDATE_RESELLERS_OUTCOMES), requestId };
  }
  const { status, headers, body } = response.exchanged;
  await afterQueuedWrites();
  const trace = traceOf(headers, sent);
  const results = status === 200 ? readValidationResults(body) : undefined;
  if (results) return { ok: true, results, trace, requestId };
  const json = parseJsonBody(body);
  const outcome = classifyAnswer(
    unexpectedSuccess(status, body) ?? {
      type: 'error',
      status,
      error: readErrorBody(json),
      retryAfterSeconds: readRetryAfter(headers['retry-after'] ?? null, json),
    },
    trace,
    VALIDATE_RESELLERS_OUTCOMES,
  );
  return { ok: false, outcome, requestId };
}
