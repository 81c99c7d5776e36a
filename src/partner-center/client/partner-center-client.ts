import { randomUUID } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, Dispatcher } from 'undici';
import { AgreementOutcome, ResponseTrace, UpstreamErrorBody } from '../outcome/outcome';
import { UpstreamAnswer, classifyAnswer, gatewayOutcome } from '../outcome/outcome-table';
import { AccountCapacity, createAccountCapacity } from '../resilience/account-capacity';
import { Deadline, toDeadline, whenPassed } from '../resilience/deadline';
import { ResellerIdentifier } from '../reseller-identifier';
import { TokenProvider } from '../auth/token-provider';

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
  /** Default `65_536`. Largest response body read, in bytes; a longer one counts as malformed. */
  readonly maxBodyBytes?: number;
  /** Default none. Told about every exchange (metrics, logs); must not throw. */
  readonly onCall?: (call: { readonly outcome: AgreementOutcome; readonly durationMs: number; readonly traceId?: string }) => void;
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
   * Default none. When the answer is needed by (epoch ms, or a Deadline that may move later).
   * Waiting for the token and for a slot counts against it; a call that cannot be made in
   * time is not sent and answers `deadlineExceeded`; one cut short by it answers the same.
   */
  readonly deadline?: number | Deadline;
  /** Default `false`. Wait ahead of first attempts for a slot (a retry). */
  readonly retry?: boolean;
  /** Default none. The gateway request that caused the call, handed to `onCall` for logs. */
  readonly traceId?: string;
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
  agreementStatusQuery(
    query: Readonly<Record<string, string>>,
    options?: AgreementStatusCallOptions,
  ): Promise<AgreementStatusResult>;
}

/** Connections per origin and how long an idle one is kept, for every Partner Center pool. */
const POOL_SETTINGS = { connections: 64, keepAliveTimeout: 30_000 } as const;

/**
 * One connection pool per origin for the whole process. undici rather than node-fetch on this
 * path: a call costs about half the CPU (see README, "Module setup"), which is what a fan-out
 * of many cold resellers waits on.
 */
const sharedDispatcher = new Agent(POOL_SETTINGS);

/**
 * A connection pool for Partner Center. `caCertificate` (PEM) adds a CA to trust, for
 * Partner Center reached through a TLS-inspecting proxy or a private front (Node's usual
 * roots stay trusted); `connectTimeoutMs` bounds connecting and the TLS handshake. Close it
 * when done.
 */
export function createPartnerCenterDispatcher(options: { readonly caCertificate?: string; readonly connectTimeoutMs?: number }): Agent {
  return new Agent({
    ...POOL_SETTINGS,
    connect: {
      ...(options.caCertificate ? { ca: [...rootCertificates, options.caCertificate] } : {}),
      ...(options.connectTimeoutMs ? { timeout: options.connectTimeoutMs } : {}),
    },
  });
}

function getValidOptions(
  options: PartnerCenterClientOptions,
): Required<Omit<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall' | 'capacity'>> &
  Pick<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall' | 'capacity'> {
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
    locale: options.locale ?? 'en-US',
    applicationName: options.applicationName,
    dispatcher: options.dispatcher,
    onCall: options.onCall,
    capacity: options.capacity,
  };
}

/** What came back over HTTP, before anyone read it. */
interface Exchanged {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/** The response headers the client reads; the rest are not kept. */
const KEPT_HEADERS = new Set(['ms-correlationid', 'ms-requestid', 'ms-cv', 'ms-serverid', 'retry-after']);

class ExchangeFailure extends Error {
  constructor(readonly failure: 'timeout' | 'deadline' | 'network') {
    super(failure);
  }
}

/**
 * One GET through undici's dispatcher. The whole exchange (connect, TLS, headers, body) is
 * bounded by `timeoutMs` and by `deadline`, whichever comes first; a deadline that moves
 * later while the exchange runs gives it the extra time. Uses the handler interface rather
 * than `request()`: no stream or AbortController per call, which is most of the client's CPU
 * when many calls run at once.
 */
function exchange(
  dispatcher: Dispatcher,
  request: { origin: string; path: string; headers: Record<string, string> },
  limits: { timeoutMs: number; maxBodyBytes: number; deadline?: Deadline; signal?: AbortSignal },
): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    let abort: ((error?: Error) => void) | undefined;
    let stopped: 'timeout' | 'deadline' | 'tooLarge' | undefined;
    let settled = false;
    let status = 0;
    const headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const sentAt = Date.now();
    const fullTimeoutAt = sentAt + limits.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let unsubscribe: (() => void) | undefined;
    const finish = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      limits.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (failure: 'timeout' | 'deadline' | 'network') => {
      if (settled) return;
      finish();
      reject(new ExchangeFailure(failure));
    };
    const stop = (why: 'timeout' | 'deadline' | 'tooLarge') => {
      stopped ??= why;
      if (abort) abort(new Error(why));
      // Still connecting (or in the TLS handshake): answer now; onConnect aborts it later.
      else if (why !== 'tooLarge') fail(why);
    };
    const endsAt = () => Math.min(fullTimeoutAt, limits.deadline?.at() ?? Infinity);
    const arm = () => {
      if (settled) return;
      if (timer) clearTimeout(timer);
      const now = Date.now();
      if (now < endsAt()) {
        timer = setTimeout(arm, endsAt() - now);
        return;
      }
      // A timeout only counts as Partner Center's when the call had all of it.
      stop(now >= fullTimeoutAt ? 'timeout' : 'deadline');
    };
    const onAbort = () => stop('deadline');
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    unsubscribe = limits.deadline?.onExtend(arm);
    arm();
    if (limits.signal?.aborted) stopped = 'deadline';
    dispatcher.dispatch(
      { origin: request.origin, path: request.path, method: 'GET', headers: request.headers },
      {
        onConnect(abortExchange) {
          abort = abortExchange;
          if (stopped) abortExchange(new Error(stopped));
        },
        // undici answers interim 1xx responses itself: this sees the final one only.
        onHeaders(statusCode, rawHeaders) {
          status = statusCode;
          for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
            const name = rawHeaders[i].toString('latin1').toLowerCase();
            if (KEPT_HEADERS.has(name) && headers[name] === undefined) headers[name] = rawHeaders[i + 1].toString('latin1');
          }
          return true;
        },
        onData(chunk) {
          size += chunk.length;
          if (size > limits.maxBodyBytes) {
            stop('tooLarge');
            return false;
          }
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          if (settled) return;
          finish();
          resolve({ status, headers, body: Buffer.concat(chunks, size).toString('utf8') });
        },
        onError() {
          if (settled) return;
          // An oversized body is an answer that cannot be read, not a broken connection.
          if (stopped === 'tooLarge') {
            finish();
            resolve({ status, headers, body: '' });
          } else fail(stopped === 'timeout' || stopped === 'deadline' ? stopped : 'network');
        },
      },
    );
  });
}

const NO_DEADLINE = new Deadline(Infinity);

/** Resolves with the token, or with undefined when `deadline` passes first. */
async function tokenWithin(provider: TokenProvider, deadline: Deadline | undefined): Promise<string | undefined> {
  if (!deadline) return provider.getAccessToken();
  const token = provider.getAccessToken();
  const timer = whenPassed(deadline);
  try {
    return await Promise.race([token, timer.passed.then(() => undefined)]);
  } finally {
    timer.cancel();
    token.catch(() => undefined); // a refresh that fails after the deadline is the provider's to log
  }
}

/**
 * Resolves two event-loop turns from now. undici writes a request on a reused keep-alive
 * socket from an immediate callback, after the poll phase has run every I/O callback that was
 * ready. Classifying an answer, and the work it sets off in the operation, after that lets
 * the request its freed slot starts go out first, instead of waiting behind the handling of
 * every answer that arrived alongside. Two turns, not one: the writes queued by answers read
 * later in the same poll phase also go first.
 */
function afterQueuedWrites(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
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
    createAccountCapacity({ concurrency: options.concurrency, minConcurrency: options.concurrency, maxConcurrency: options.concurrency, maxAttemptMs: options.timeoutMs });

  async function agreementStatusQuery(
    query: Readonly<Record<string, string>>,
    call: AgreementStatusCallOptions = {},
  ): Promise<AgreementStatusResult> {
    const correlationId = randomUUID();
    const requestId = call.requestId ?? randomUUID();
    const sent: ResponseTrace = { correlationId, requestId };
    const deadline = call.deadline === undefined ? undefined : toDeadline(call.deadline);
    let started = performance.now();
    const done = (outcome: AgreementOutcome, ended = performance.now()) => {
      options.onCall?.({ outcome, durationMs: ended - started, traceId: call.traceId });
      return { outcome, requestId, correlationId };
    };
    const outOfTime = () => done(classifyAnswer({ type: 'transport', failure: 'deadlineExceeded' }));

    let token: string | undefined;
    try {
      token = await tokenWithin(options.tokenProvider, deadline);
    } catch {
      // The provider logs its own reason; the token itself never reaches an outcome.
      return done(classifyAnswer({ type: 'transport', failure: 'tokenUnavailable' }, sent));
    }
    if (token === undefined) return outOfTime();

    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'ms-correlationid': correlationId,
      'ms-requestid': requestId,
      'x-locale': options.locale,
    };
    if (options.applicationName) headers['ms-partnercenter-application'] = options.applicationName;
    const path = `${endpointPath}?${Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&')}`;

    // Without a deadline the caller waits for a slot as long as it takes.
    const slot = await capacity.acquire(deadline ?? NO_DEADLINE, call.retry);
    if (!slot.admitted) {
      if (slot.reason === 'deadline') return outOfTime();
      // Partner Center throttled this account and the window outlasts the deadline.
      return done(gatewayOutcome('throttled', { retryAfterSeconds: Math.max(1, Math.ceil((slot.retryAfterMs ?? 1_000) / 1000)) }));
    }
    let answer: Exchanged;
    started = performance.now();
    try {
      // Redirects are not followed (undici's default): Partner Center never sends one here.
      answer = await exchange(dispatcher, { origin, path, headers }, {
        timeoutMs: call.timeoutMs ?? options.timeoutMs,
        maxBodyBytes: options.maxBodyBytes,
        deadline,
        signal: call.signal,
      });
    } catch (error) {
      const failure = error instanceof ExchangeFailure ? error.failure : 'network';
      slot.release({ answered: false, timedOut: failure === 'timeout' });
      return done(classifyAnswer({ type: 'transport', failure: failure === 'deadline' ? 'deadlineExceeded' : failure }, sent));
    }
    const ended = performance.now();
    slot.release({ answered: true, latencyMs: ended - started, throttled: answer.status === 429 });
    await afterQueuedWrites();
    return done(classifyAnswer(readAnswer(answer.status, answer.headers, answer.body), traceOf(answer.headers, sent)), ended);
  }

  return {
    capacity,
    agreementStatus: (identifier, call) => agreementStatusQuery({ [identifier.kind]: identifier.value }, call),
    agreementStatusQuery,
  };
}

/** Lower-cased names; a repeated header keeps its first value. */
type ResponseHeaders = Readonly<Record<string, string>>;

function traceOf(headers: ResponseHeaders, sent: ResponseTrace): ResponseTrace {
  const cv = headers['ms-cv'];
  const serverId = headers['ms-serverid'];
  return {
    correlationId: headers['ms-correlationid'] || sent.correlationId,
    requestId: headers['ms-requestid'] || sent.requestId,
    ...(cv ? { cv } : {}),
    ...(serverId ? { serverId } : {}),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documented error body, or undefined when the body is something else. */
export function readErrorBody(json: unknown): UpstreamErrorBody | undefined {
  if (!isObject(json)) return undefined;
  const code = json.code ?? json.Code;
  const description = json.description ?? json.Description;
  if ((typeof code !== 'number' && typeof code !== 'string') || typeof description !== 'string') return undefined;
  const data = json.data ?? json.Data;
  const source = json.source ?? json.Source;
  return {
    code,
    description,
    data: Array.isArray(data) ? data.filter((item): item is string => typeof item === 'string') : [],
    source: typeof source === 'string' ? source : undefined,
  };
}

/**
 * Seconds to wait from `Retry-After` (seconds or an HTTP date), else from the 429 body's
 * "Try again in N seconds." message.
 */
export function readRetryAfter(header: string | null, json: unknown, now = Date.now()): number | undefined {
  if (header !== null) {
    const text = header.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const date = Date.parse(text);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  if (isObject(json) && typeof json.message === 'string') {
    const match = /try again in (\d+) seconds?/i.exec(json.message);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function readAnswer(status: number, headers: ResponseHeaders, body: string): UpstreamAnswer {
  const json = body.trim() === '' ? undefined : parseJson(body);
  if (status === 200 && isObject(json) && typeof json.isAgreementSigned === 'boolean') {
    return { type: 'agreement', isAgreementSigned: json.isAgreementSigned };
  }
  return {
    type: 'error',
    status,
    error: readErrorBody(json),
    // A 429 body is `{statusCode, message}`, not the error body; its message may carry the wait.
    retryAfterSeconds: readRetryAfter(headers['retry-after'] ?? null, json),
  };
}
