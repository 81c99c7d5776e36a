import { Dispatcher } from 'undici';
import { AgreementOutcome } from '../outcome/outcome';
import { classifyAnswer, gatewayOutcome } from '../outcome/outcome-table';
import { AccountCapacity } from '../resilience/account-capacity';
import { Deadline } from '../../time/deadline';
import { withinDeadline } from '../../time/within-deadline';
import { WorkClass } from '../resilience/work-class';
import { TokenProvider } from '../auth/token-provider';
import { Exchanged, exchange } from './exchange';
import { CREDENTIAL_REMOVED } from './answer-reading';
import { traceEvent } from '../../observability/partner-center-span';

/** What every call of one account shares: where it goes, who it is, how it is queued. */
export interface AccountSettings {
  readonly origin: string;
  readonly tokenProvider: TokenProvider;
  readonly locale: string;
  readonly applicationName: string | undefined;
  readonly dispatcher: Dispatcher;
  readonly capacity: AccountCapacity;
}

/** One GET for one account: its path, the ids it sends, and its bounds. */
export interface AccountRequest {
  /** Path and query, from the origin. */
  readonly path: string;
  readonly correlationId: string;
  readonly requestId: string;
  /** Default none: a GET. A JSON body to POST (validateresellers). */
  readonly jsonBody?: string;
  /** Default none. Headers besides the usual ones (a continuation token). */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly deadline?: Deadline;
  readonly signal?: AbortSignal;
  /** Wait ahead of first attempts for a slot (a retry). */
  readonly retry?: boolean;
  /**
   * Whether the account's queue learns from this call's latency and timeouts. The adaptive
   * limit is tuned to agreementstatus calls; a long listing page says nothing about them.
   * Either way the answer counts towards the rate the account's pace measures.
   */
  readonly learn: boolean;
  /** Default the account's class. Which line the call waits in for a slot. */
  readonly workClass?: WorkClass;
}

/** How the request ended: never sent (with the outcome that says why), sent without an answer, or answered. */
export type AccountResponse =
  | { readonly kind: 'notSent'; readonly outcome: AgreementOutcome }
  | { readonly kind: 'noAnswer'; readonly failure: 'timeout' | 'deadline' | 'network'; readonly startedAt: number }
  | { readonly kind: 'answered'; readonly exchanged: Exchanged; readonly startedAt: number; readonly endedAt: number };

const NO_DEADLINE = new Deadline(Infinity);

/** Resolves with the token, or with undefined when `deadline` passes first. */
async function tokenWithin(provider: TokenProvider, deadline: Deadline | undefined): Promise<string | undefined> {
  if (!deadline) return provider.getAccessToken();
  // A refresh that fails after the deadline is the provider's to log.
  const token = await withinDeadline(provider.getAccessToken(), deadline);
  return token.inTime ? token.value : undefined;
}

/**
 * Sends one GET to Partner Center for an account: the App+User token (within the deadline),
 * the headers every Partner Center call carries (DESIGN §2), a slot in the account's queue,
 * then the exchange. The slot is held for the exchange only.
 */
export async function sendForAccount(account: AccountSettings, request: AccountRequest): Promise<AccountResponse> {
  const sent = { correlationId: request.correlationId, requestId: request.requestId };
  let token: string | undefined;
  try {
    token = await tokenWithin(account.tokenProvider, request.deadline);
  } catch (error) {
    // The provider logs its own reason; the token itself never reaches an outcome.
    const failure = (error as { transient?: unknown }).transient === true ? 'tokenAuthorityUnavailable' : 'tokenUnavailable';
    return { kind: 'notSent', outcome: classifyAnswer({ type: 'transport', failure }, sent) };
  }
  if (token === undefined) return { kind: 'notSent', outcome: classifyAnswer({ type: 'transport', failure: 'deadlineExceeded' }) };

  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'ms-correlationid': request.correlationId,
    'ms-requestid': request.requestId,
    'x-locale': account.locale,
    ...request.extraHeaders,
  };
  if (request.jsonBody !== undefined) headers['content-type'] = 'application/json';
  if (account.applicationName) headers['ms-partnercenter-application'] = account.applicationName;

  // Without a deadline the caller waits for a slot as long as it takes.
  const queuedAt = performance.now();
  const slot = await account.capacity.acquire(request.deadline ?? NO_DEADLINE, request.retry, request.workClass);
  traceEvent('account queue', { 'queue.waited_ms': Math.round(performance.now() - queuedAt), 'queue.admitted': slot.admitted });
  if (!slot.admitted) {
    if (slot.reason === 'deadline') return { kind: 'notSent', outcome: classifyAnswer({ type: 'transport', failure: 'deadlineExceeded' }) };
    // Partner Center throttled this account and the window outlasts the deadline.
    const retryAfterSeconds = Math.max(1, Math.ceil((slot.retryAfterMs ?? 1_000) / 1000));
    return { kind: 'notSent', outcome: gatewayOutcome('throttled', { retryAfterSeconds }) };
  }
  const startedAt = performance.now();
  // Redirects are not followed (undici's default): Partner Center never sends one here.
  const answer = await exchange(
    account.dispatcher,
    {
      origin: account.origin,
      path: request.path,
      headers,
      ...(request.jsonBody === undefined ? {} : { method: 'POST', body: request.jsonBody }),
    },
    {
      timeoutMs: request.timeoutMs,
      maxBodyBytes: request.maxBodyBytes,
      deadline: request.deadline,
      signal: request.signal,
    },
  );
  if ('failure' in answer) {
    slot.release({ answered: false, timedOut: answer.failure === 'timeout', learn: request.learn });
    return { kind: 'noAnswer', failure: answer.failure, startedAt };
  }
  const endedAt = performance.now();
  // Every answer counts towards the account's measured rate; only those that learn teach the concurrency limit.
  slot.release({ answered: true, latencyMs: endedAt - startedAt, throttled: answer.status === 429, learn: request.learn });
  if (answer.status === 401) account.tokenProvider.refused?.(token);
  return { kind: 'answered', exchanged: withoutToken(answer, token), startedAt, endedAt };
}

/** Shortest token whose copies are taken out of answers. */
const MIN_REDACTED_TOKEN_LENGTH = 12;

/**
 * The answer with every copy of the token taken out of its body and headers: whatever echoes
 * the request (a debug proxy, a wrong host, an error description) never passes it on to a
 * client, a log or a cache.
 */
function withoutToken(exchanged: Exchanged, token: string): Exchanged {
  // A token this short is a test's stand-in (real ones are JWTs of a kilobyte or more); taking
  // it out would mangle ordinary words.
  if (token.length < MIN_REDACTED_TOKEN_LENGTH) return exchanged;
  const echoes = (text: string) => text.includes(token);
  const headerEchoes = Object.values(exchanged.headers).some(echoes);
  if (!echoes(exchanged.body) && !headerEchoes) return exchanged;
  const clean = (text: string) => text.split(token).join(CREDENTIAL_REMOVED);
  return {
    status: exchanged.status,
    body: clean(exchanged.body),
    headers: headerEchoes
      ? Object.fromEntries(Object.entries(exchanged.headers).map(([name, value]) => [name, clean(value)]))
      : exchanged.headers,
  };
}
