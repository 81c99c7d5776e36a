import { randomUUID } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import pLimit from 'p-limit';
import { Agent, Dispatcher } from 'undici';
import { AgreementOutcome, ResponseTrace, UpstreamErrorBody } from './outcome';
import { UpstreamAnswer, classifyAnswer } from './outcome-table';
import { ResellerIdentifier } from './reseller-identifier';
import { TokenProvider } from './token-provider';

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
  /** Default `8`. Requests in progress at once for this account; the rest wait their turn. */
  readonly concurrency?: number;
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
  /** Default none. Epoch ms by which the call must end, whatever the timeout says (an operation's deadline). */
  readonly deadline?: number;
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
 * A connection pool that also trusts `caCertificate` (PEM), for Partner Center reached through
 * a TLS-inspecting proxy or a private front. Node's usual roots stay trusted. Close it when done.
 */
export function createPartnerCenterDispatcher(options: { readonly caCertificate: string }): Agent {
  return new Agent({ ...POOL_SETTINGS, connect: { ca: [...rootCertificates, options.caCertificate] } });
}

function getValidOptions(
  options: PartnerCenterClientOptions,
): Required<Omit<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall'>> &
  Pick<PartnerCenterClientOptions, 'applicationName' | 'dispatcher' | 'onCall'> {
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
  constructor(readonly failure: 'timeout' | 'network') {
    super(failure);
  }
}

/**
 * One GET through undici's dispatcher, with the whole exchange (connect, headers, body)
 * bounded by `timeoutMs`. Uses the handler interface rather than `request()`: no stream or
 * AbortController per call, which is most of the client's CPU when many calls run at once.
 */
function exchange(
  dispatcher: Dispatcher,
  request: { origin: string; path: string; headers: Record<string, string> },
  limits: { timeoutMs: number; maxBodyBytes: number; signal?: AbortSignal },
): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    let abort: ((error?: Error) => void) | undefined;
    let stopped: 'timeout' | 'tooLarge' | undefined;
    let status = 0;
    const headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (why: 'timeout' | 'tooLarge') => {
      stopped ??= why;
      abort?.(new Error(why));
    };
    const timeOut = () => stop('timeout');
    const timer = setTimeout(timeOut, limits.timeoutMs);
    limits.signal?.addEventListener('abort', timeOut, { once: true });
    const finish = () => {
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', timeOut);
    };
    if (limits.signal?.aborted) stopped = 'timeout';
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
          finish();
          resolve({ status, headers, body: Buffer.concat(chunks, size).toString('utf8') });
        },
        onError() {
          finish();
          // An oversized body is an answer that cannot be read, not a broken connection.
          if (stopped === 'tooLarge') resolve({ status, headers, body: '' });
          else reject(new ExchangeFailure(stopped === 'timeout' ? 'timeout' : 'network'));
        },
      },
    );
  });
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
  // Held for the HTTP exchange only: reading the answer happens after the slot is free.
  const limit = pLimit(options.concurrency);

  async function agreementStatusQuery(
    query: Readonly<Record<string, string>>,
    call: AgreementStatusCallOptions = {},
  ): Promise<AgreementStatusResult> {
    const correlationId = randomUUID();
    const requestId = call.requestId ?? randomUUID();
    const sent: ResponseTrace = { correlationId, requestId };
    let started = performance.now();
    const done = (outcome: AgreementOutcome, ended = performance.now()) => {
      options.onCall?.({ outcome, durationMs: ended - started, traceId: call.traceId });
      return { outcome, requestId, correlationId };
    };

    let token: string;
    try {
      token = await options.tokenProvider.getAccessToken();
    } catch {
      // The provider logs its own reason; the token itself never reaches an outcome.
      return done(classifyAnswer({ type: 'transport', failure: 'tokenUnavailable' }, sent));
    }

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

    let answer: Exchanged;
    try {
      answer = await limit(() => {
        started = performance.now();
        const timeoutMs = Math.min(
          call.timeoutMs ?? options.timeoutMs,
          call.deadline === undefined ? Infinity : Math.max(1, call.deadline - Date.now()),
        );
        // Redirects are not followed (undici's default): Partner Center never sends one here.
        return exchange(dispatcher, { origin, path, headers }, { timeoutMs, maxBodyBytes: options.maxBodyBytes, signal: call.signal });
      });
    } catch (error) {
      const failure = error instanceof ExchangeFailure ? error.failure : 'network';
      return done(classifyAnswer({ type: 'transport', failure }, sent));
    }
    const ended = performance.now();
    await afterQueuedWrites();
    return done(classifyAnswer(readAnswer(answer.status, answer.headers, answer.body), traceOf(answer.headers, sent)), ended);
  }

  return {
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
