import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import fetch from 'node-fetch';
import { AUTHORITY_ANSWER_ERRORS } from './token-problems';

export interface MsalNetworkClientOptions {
  /** Default none. PEM of an extra CA to trust for the authority (a private CA, the emulator's); Node's roots stay trusted. */
  readonly caCertificate?: string;
  /** Default `10_000`. Longest any request to the authority may take, GET or POST, in ms. */
  readonly timeoutMs?: number;
  /**
   * Default none (any origin). The authority's origin (`https://login.microsoftonline.com`): a
   * request anywhere else is refused, since msal-node sends the token request wherever the
   * authority's OpenID metadata says, with the app's secret and the refresh token.
   */
  readonly authorityOrigin?: string;
}

/** Longest wait a Retry-After from the authority may impose, in seconds: msal-node refuses every refresh locally for that long. */
const MAX_AUTHORITY_RETRY_AFTER_SECONDS = 60;

/** Statuses whose odd answer means the authority could not answer now (a proxy page, an outage): asking again may work. */
const isCouldNotAnswerStatus = (status: number) => (status >= 200 && status <= 299) || status >= 500 || status === 429 || status === 408;

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What msal-node may read of an answer, or the error that says why it may not. msal-node
 * takes any JSON without an `error` as a token response, so a 502 with an empty body would
 * give an empty token: such answers are refused here, with a code `tokenProblemOf` knows.
 * Redirects are never followed: the request carries the app's secret and the refresh token.
 */
function readableBody(status: number, text: string): Record<string, unknown> {
  if (status >= 300 && status <= 399) {
    throw new AuthError(AUTHORITY_ANSWER_ERRORS.redirect, `The token authority answered HTTP ${status}; redirects are not followed.`);
  }
  const body = jsonObject(text);
  if (body === undefined) {
    const code = isCouldNotAnswerStatus(status) ? AUTHORITY_ANSWER_ERRORS.unreadable : AUTHORITY_ANSWER_ERRORS.unexpected;
    throw new AuthError(code, `The token authority answered HTTP ${status} with a body that is not a JSON object.`);
  }
  if ((status < 200 || status > 299) && isCouldNotAnswerStatus(status) && typeof body.error !== 'string') {
    throw new AuthError(AUTHORITY_ANSWER_ERRORS.unreadable, `The token authority answered HTTP ${status} without an OAuth error.`);
  }
  return body;
}

/**
 * msal-node's HTTP client, with a timeout on every request (msal's own client has none on
 * POSTs, so a hung token endpoint would hang every refresh), answers it cannot misread (see
 * `readableBody`) and, optionally, an extra CA.
 */
export function createMsalNetworkClient(options: MsalNetworkClientOptions = {}): INetworkModule {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`MsalNetworkClient: timeoutMs must be a positive integer, got ${String(options.timeoutMs)}`);
  }
  const authorityOrigin = options.authorityOrigin === undefined ? undefined : new URL(options.authorityOrigin).origin;
  const agent = new https.Agent({
    keepAlive: true,
    ...(options.caCertificate ? { ca: [...rootCertificates, options.caCertificate] } : {}),
  });
  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    request?: NetworkRequestOptions,
    requestTimeoutMs?: number,
  ): Promise<NetworkResponse<T>> {
    if (authorityOrigin !== undefined && new URL(url).origin !== authorityOrigin) {
      throw new AuthError(AUTHORITY_ANSWER_ERRORS.elsewhere, 'A request to another host than the token authority was refused.');
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(timeoutMs, requestTimeoutMs ?? timeoutMs));
    try {
      const response = await fetch(url, {
        method,
        headers: request?.headers,
        body: request?.body,
        agent,
        signal: controller.signal as never,
        redirect: 'manual',
      });
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const retryAfter = headers['retry-after'];
      // msal-node waits out Retry-After (up to an hour) before it asks again; a bad header must not stop refreshes that long.
      if (retryAfter !== undefined)
        headers['retry-after'] = /^\s*\d+\s*$/.test(retryAfter)
          ? String(Math.min(Number(retryAfter), MAX_AUTHORITY_RETRY_AFTER_SECONDS))
          : String(MAX_AUTHORITY_RETRY_AFTER_SECONDS);
      return { status: response.status, headers, body: readableBody(response.status, text) as T };
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    sendGetRequestAsync: (url, request, timeout) => send('GET', url, request, timeout),
    sendPostRequestAsync: (url, request) => send('POST', url, request),
  };
}
