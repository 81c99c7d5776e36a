import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import fetch, { Headers, Response } from 'node-fetch';
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
  /** Default a keep-alive agent shared by every client in the process. */
  readonly agent?: http.Agent;
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

const sharedAgents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function getValidOptions(
  options: PartnerCenterClientOptions,
): Required<Omit<PartnerCenterClientOptions, 'applicationName' | 'agent' | 'onCall'>> &
  Pick<PartnerCenterClientOptions, 'applicationName' | 'agent' | 'onCall'> {
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
  if (!options.tokenProvider || typeof options.tokenProvider.getAccessToken !== 'function') {
    throw new TypeError('PartnerCenterClient: tokenProvider must have getAccessToken()');
  }
  return {
    baseUrl: url.toString().replace(/\/+$/, ''),
    tokenProvider: options.tokenProvider,
    program,
    timeoutMs,
    locale: options.locale ?? 'en-US',
    applicationName: options.applicationName,
    agent: options.agent,
    onCall: options.onCall,
  };
}

/** Creates the client for one Partner Center account (one CSP region). */
export function createPartnerCenterClient(rawOptions: PartnerCenterClientOptions): PartnerCenterClient {
  const options = getValidOptions(rawOptions);
  const endpoint = `${options.baseUrl}/v1/compliance/${options.program}/agreementstatus`;
  const agent = options.agent ?? (endpoint.startsWith('https:') ? sharedAgents.https : sharedAgents.http);

  async function agreementStatusQuery(
    query: Readonly<Record<string, string>>,
    call: AgreementStatusCallOptions = {},
  ): Promise<AgreementStatusResult> {
    const correlationId = randomUUID();
    const requestId = call.requestId ?? randomUUID();
    const sent: ResponseTrace = { correlationId, requestId };
    const started = performance.now();
    const done = (outcome: AgreementOutcome) => {
      options.onCall?.({ outcome, durationMs: performance.now() - started, traceId: call.traceId });
      return { outcome, requestId, correlationId };
    };

    let token: string;
    try {
      token = await options.tokenProvider.getAccessToken();
    } catch {
      // The provider logs its own reason; the token itself never reaches an outcome.
      return done(classifyAnswer({ type: 'transport', failure: 'tokenUnavailable' }, sent));
    }

    const timeout = new AbortController();
    const timeoutMs = Math.min(
      call.timeoutMs ?? options.timeoutMs,
      call.deadline === undefined ? Infinity : Math.max(1, call.deadline - Date.now()),
    );
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const onCallerAbort = () => timeout.abort();
    if (call.signal?.aborted) timeout.abort();
    call.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-CorrelationId': correlationId,
      'MS-RequestId': requestId,
      'X-Locale': options.locale,
    };
    if (options.applicationName) headers['MS-PartnerCenter-Application'] = options.applicationName;

    try {
      const url = `${endpoint}?${new URLSearchParams(query).toString()}`;
      const response = await fetch(url, { headers, agent, signal: timeout.signal as never, redirect: 'manual' });
      const body = await response.text();
      const trace = traceOf(response.headers, sent);
      return done(classifyAnswer(readAnswer(response, body), trace));
    } catch (error) {
      const failure = timeout.signal.aborted || (error as Error)?.name === 'AbortError' ? 'timeout' : 'network';
      return done(classifyAnswer({ type: 'transport', failure }, sent));
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    agreementStatus: (identifier, call) => agreementStatusQuery({ [identifier.kind]: identifier.value }, call),
    agreementStatusQuery,
  };
}

function traceOf(headers: Headers, sent: ResponseTrace): ResponseTrace {
  return {
    correlationId: headers.get('ms-correlationid') ?? sent.correlationId,
    requestId: headers.get('ms-requestid') ?? sent.requestId,
    ...(headers.get('ms-cv') ? { cv: headers.get('ms-cv') as string } : {}),
    ...(headers.get('ms-serverid') ? { serverId: headers.get('ms-serverid') as string } : {}),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ''));
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

function readAnswer(response: Response, body: string): UpstreamAnswer {
  const json = body.trim() === '' ? undefined : parseJson(body);
  if (response.status === 200 && isObject(json) && typeof json.isAgreementSigned === 'boolean') {
    return { type: 'agreement', isAgreementSigned: json.isAgreementSigned };
  }
  return {
    type: 'error',
    status: response.status,
    error: readErrorBody(json),
        // A 429 body is `{statusCode, message}`, not the error body; its message may carry the wait.
    retryAfterSeconds: readRetryAfter(response.headers.get('retry-after'), json),
  };
}
