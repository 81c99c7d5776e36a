import { randomUUID } from 'node:crypto';
import { Dispatcher } from 'undici';
import { AgreementOutcome, ResponseTrace } from '../outcome/outcome';
import { classifyAnswer, gatewayOutcome } from '../outcome/outcome-table';
import { AccountSettings, sendForAccount } from './account-request';
import { readAnswer, traceOf } from './answer-reading';
import { sharedDispatcher } from './dispatcher';
import { afterQueuedWrites } from './exchange';
import { IndirectResellersCallOptions, IndirectResellersResult, fetchIndirectResellers } from './relationships-call';
import { ValidateResellersCallOptions, ValidateResellersResult, callValidateResellers } from './validate-resellers-call';
import { AccountCapacity, createAccountCapacity } from '../resilience/account-capacity';
import { Deadline } from '../../time/deadline';
import { ResellerIdentifier } from '../reseller-identifier';
import { TokenProvider } from '../auth/token-provider';
import { withPartnerCenterSpan } from '../../observability/partner-center-span';

export interface PartnerCenterClientOptions {
  /** Required. Partner Center's base URL, e.g. `https://api.partnercenter.microsoft.com`. */
  readonly baseUrl: string;
  /** Required. Supplies the App+User bearer token of this account. */
  readonly tokenProvider: TokenProvider;
  /** Default `'csp'`. The `{program}` path segment. */
  readonly program?: string;
  /** Default `5_000`. Milliseconds one call may take, body included. */
  readonly timeoutMs?: number;
  /** Default `'en-US'`. Sent as `X-Locale`. */
  readonly locale?: string;
  /** Default none. Sent as `MS-PartnerCenter-Application` when set. */
  readonly applicationName?: string;
  /**
   * Default a keep-alive undici `Agent` shared by every client in the process. Pass your own
   * for a custom CA or proxy (`new Agent({ connect: { ca } })`, `new ProxyAgent(...)`).
   */
  readonly dispatcher?: Dispatcher;
  /** Default `8`. Requests in progress at once for this account; the rest wait their turn. Ignored when `capacity` is given. */
  readonly concurrency?: number;
  /** Default a fixed `concurrency` with this client's timeout. The account's queue, shared with whoever retries its calls. */
  readonly capacity?: AccountCapacity;
  /** Default `65_536`. Largest agreementstatus body read, in bytes; a longer one counts as malformed. */
  readonly maxBodyBytes?: number;
  /** Default `4_194_304` (4 MiB). Largest page of the relationships collection read, in bytes; a longer one counts as malformed. */
  readonly maxPageBytes?: number;
  /** Default none. Told about every exchange (metrics, logs); must not throw. */
  readonly onCall?: (call: { readonly outcome: AgreementOutcome; readonly durationMs: number; readonly traceId?: string }) => void;
  /** Default none. The CSP region this account serves, recorded on each call's span. */
  readonly region?: string;
}

export interface AgreementStatusCallOptions {
  /**
   * Default a new GUID. Pass the previous call's id when retrying after a timeout, so
   * Partner Center can tell the retry from a new request.
   */
  readonly requestId?: string;
  /** Aborts the call (an operation's deadline); the outcome is then a timeout. */
  readonly signal?: AbortSignal;
  /** Default the client's `timeoutMs`. */
  readonly timeoutMs?: number;
  /**
   * Default none. When the answer is needed by (a Deadline, which may move later).
   * Waiting for the token and for a slot counts against it; a call that cannot be made in
   * time is not sent and answers `notAsked`; one cut short by it answers `deadlineExceeded`.
   */
  readonly deadline?: Deadline;
  /** Default `false`. Wait ahead of first attempts for a slot (a retry). */
  readonly retry?: boolean;
  /** Default none. The gateway request that caused the call, handed to `onCall` for logs. */
  readonly traceId?: string;
  /** Default `1`. Which attempt at the question this call is, recorded on its span. */
  readonly attempt?: number;
}

/** The outcome plus the ids this call sent, so a caller can retry with the same request id. */
export interface AgreementStatusResult {
  readonly outcome: AgreementOutcome;
  readonly requestId: string;
  readonly correlationId: string;
}

export interface PartnerCenterClient {
  /** The account's queue: slots, waiters and the throttle window. */
  readonly capacity: AccountCapacity;
  /** Asks whether the reseller has signed the MPA for this account's CSP region. */
  agreementStatus(identifier: ResellerIdentifier, options?: AgreementStatusCallOptions): Promise<AgreementStatusResult>;
  /**
   * Sends the query parameters as given, unchecked. For probing Partner Center's own
   * validation; everything else should use `agreementStatus`.
   */
  agreementStatusQuery(query: Readonly<Record<string, string>>, options?: AgreementStatusCallOptions): Promise<AgreementStatusResult>;
  /** The account's indirect resellers: every page of the relationships collection, or what stopped it. */
  indirectResellers(options?: IndirectResellersCallOptions): Promise<IndirectResellersResult>;
  /** Microsoft's partner-of-record verdict for these partner IDs (PLA IDs), in one call. */
  validateResellers(partnerIds: readonly string[], options?: ValidateResellersCallOptions): Promise<ValidateResellersResult>;
}

function getValidOptions(
  options: PartnerCenterClientOptions,
): Required<Omit<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall' | 'capacity' | 'region'>> &
  Pick<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall' | 'capacity' | 'region'> {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`PartnerCenterClient: baseUrl must be an absolute URL, got ${JSON.stringify(options.baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`PartnerCenterClient: baseUrl must be http(s), got ${JSON.stringify(options.baseUrl)}`);
  }
  const program = options.program ?? 'csp';
  if (!/^[A-Za-z0-9_-]+$/.test(program)) {
    throw new TypeError(`PartnerCenterClient: program must be a path segment such as "csp", got ${JSON.stringify(program)}`);
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`PartnerCenterClient: timeoutMs must be a positive integer, got ${String(options.timeoutMs)}`);
  }
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency <= 0) {
    throw new TypeError(`PartnerCenterClient: concurrency must be a positive integer, got ${String(options.concurrency)}`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`PartnerCenterClient: maxBodyBytes must be a positive integer, got ${String(options.maxBodyBytes)}`);
  }
  const maxPageBytes = options.maxPageBytes ?? 4_194_304;
  if (!Number.isInteger(maxPageBytes) || maxPageBytes <= 0) {
    throw new TypeError(`PartnerCenterClient: maxPageBytes must be a positive integer, got ${String(options.maxPageBytes)}`);
  }
  if (!options.tokenProvider || typeof options.tokenProvider.getAccessToken !== 'function') {
    throw new TypeError('PartnerCenterClient: tokenProvider must have getAccessToken()');
  }
  return {
    baseUrl: url.toString().replace(/\/+$/, ''),
    tokenProvider: options.tokenProvider,
    program,
    timeoutMs,
    concurrency,
    maxBodyBytes,
    maxPageBytes,
    locale: options.locale ?? 'en-US',
    applicationName: options.applicationName,
    dispatcher: options.dispatcher,
    onCall: options.onCall,
    capacity: options.capacity,
    region: options.region,
  };
}

/** Creates the client for one Partner Center account (one CSP region). */
export function createPartnerCenterClient(rawOptions: PartnerCenterClientOptions): PartnerCenterClient {
  const options = getValidOptions(rawOptions);
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const endpointPath = `${base.pathname.replace(/\/+$/, '')}/v1/compliance/${options.program}/agreementstatus`;
  const dispatcher = options.dispatcher ?? sharedDispatcher;
  // A slot is held for the HTTP exchange only: reading the answer happens after it is free.
  // On its own the client keeps a fixed limit; the gateway hands it an adaptive capacity.
  const capacity =
    options.capacity ??
    createAccountCapacity({
      concurrency: options.concurrency,
      minConcurrency: options.concurrency,
      maxConcurrency: options.concurrency,
      maxAttemptMs: options.timeoutMs,
    });

  const account: AccountSettings = {
    origin,
    tokenProvider: options.tokenProvider,
    locale: options.locale,
    applicationName: options.applicationName,
    dispatcher,
    capacity,
  };

  function agreementStatusQuery(
    query: Readonly<Record<string, string>>,
    call: AgreementStatusCallOptions = {},
  ): Promise<AgreementStatusResult> {
    const correlationId = randomUUID();
    const requestId = call.requestId ?? randomUUID();
    const [kind, value] = Object.entries(query)[0] ?? [];
    return withPartnerCenterSpan(
      {
        operation: 'agreementstatus',
        region: options.region,
        attempt: call.attempt ?? 1,
        correlationId,
        requestId,
        resellerIdentifier: kind === undefined ? undefined : { kind, value },
      },
      () => askAgreementStatus(query, call, correlationId, requestId),
    );
  }

  async function askAgreementStatus(
    query: Readonly<Record<string, string>>,
    call: AgreementStatusCallOptions,
    correlationId: string,
    requestId: string,
  ): Promise<AgreementStatusResult> {
    const sent: ResponseTrace = { correlationId, requestId };
    let started = performance.now();
    const done = (outcome: AgreementOutcome, ended = performance.now()) => {
      options.onCall?.({ outcome, durationMs: ended - started, traceId: call.traceId });
      return { outcome, requestId, correlationId };
    };
    const path = `${endpointPath}?${Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&')}`;
    const response = await sendForAccount(account, {
      path,
      correlationId,
      requestId,
      timeoutMs: call.timeoutMs ?? options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      deadline: call.deadline,
      signal: call.signal,
      retry: call.retry,
      learn: true,
    });
    // A question that never left the gateway says so: it is not Partner Center's failure.
    if (response.kind === 'notSent')
      return done(response.outcome.kind === 'deadlineExceeded' ? gatewayOutcome('notAsked') : response.outcome);
    started = response.startedAt;
    if (response.kind === 'noAnswer') {
      const { failure } = response;
      return done(classifyAnswer({ type: 'transport', failure: failure === 'deadline' ? 'deadlineExceeded' : failure }, sent));
    }
    const { exchanged, endedAt } = response;
    await afterQueuedWrites();
    return done(
      classifyAnswer(
        readAnswer(exchanged.status, exchanged.headers, exchanged.body, { query, region: options.region }),
        traceOf(exchanged.headers, sent),
      ),
      endedAt,
    );
  }

  return {
    capacity,
    agreementStatus: (identifier, call) => agreementStatusQuery({ [identifier.kind]: identifier.value }, call),
    agreementStatusQuery,
    indirectResellers: (call) =>
      fetchIndirectResellers(
        { ...account, base, maxPageBytes: options.maxPageBytes, region: options.region },
        { ...call, timeoutMs: call?.timeoutMs ?? options.timeoutMs },
      ),
    // A batch's results are small (an ID, a flag, a sentence each); the page bound is ample.
    validateResellers: (partnerIds, call) =>
      callValidateResellers(
        { ...account, base, maxBodyBytes: options.maxPageBytes, timeoutMs: options.timeoutMs, region: options.region },
        partnerIds,
        call,
      ),
  };
}
