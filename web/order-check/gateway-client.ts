import type { TypedDocumentString } from './generated/graphql';

/** How the host page proves who it is to the gateway: an API key, a bearer token, or neither (sandbox). */
export interface GatewayCredentials {
  /** Sent as `X-Api-Key`. */
  readonly apiKey?: string;
  /** Sent as `Authorization: Bearer …`; a function is asked before every request, so a host can refresh it. */
  readonly accessToken?: string | (() => string | Promise<string>);
}

/** Why a request to the gateway gave no answer. Never carries a credential. */
export type GatewayFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'http'; readonly status: number }
  /** No answer within the time allowed. */
  | { readonly kind: 'timeout' }
  /** An answer that is not a well-formed answer to the question asked (not JSON, fields missing, another reseller). */
  | { readonly kind: 'unexpectedAnswer' }
  | { readonly kind: 'graphql'; readonly message: string; readonly code?: string };

export class GatewayRequestError extends Error {
  constructor(readonly failure: GatewayFailure) {
    super(failure.kind);
  }
}

interface GraphQLError {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown } | null;
}

interface GraphQLResponse<T> {
  readonly data?: T | null;
  readonly errors?: readonly GraphQLError[];
}

async function headersFor(credentials: GatewayCredentials): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  const token = typeof credentials.accessToken === 'function' ? await credentials.accessToken() : credentials.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

/** Default time allowed for one answer, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Sends one typed operation and resolves with its data; anything else (no connection, no
 * answer within `timeoutMs`, 401, 429, another status, GraphQL errors without data, data on
 * a status other than 2xx, a body that is not JSON) rejects with a `GatewayRequestError`.
 * Aborting `signal` rejects with the abort error, never a `GatewayRequestError`.
 */
export async function sendOperation<Result, Variables>(
  url: string,
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  credentials: GatewayCredentials,
  signal?: AbortSignal,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<Result> {
  // One controller for both the caller's abort and the time limit (AbortSignal.any is too new to rely on).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward);
  const failed = (error: unknown, failure: GatewayFailure): never => {
    if (signal?.aborted) throw error;
    throw new GatewayRequestError(timedOut ? { kind: 'timeout' } : failure);
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: await headersFor(credentials),
        body: JSON.stringify({ query: document.toString(), variables }),
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch (error) {
      return failed(error, { kind: 'network' });
    }
    if (response.status === 401) throw new GatewayRequestError({ kind: 'unauthorized' });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      throw new GatewayRequestError({
        kind: 'rateLimited',
        retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1,
      });
    }
    let body: GraphQLResponse<Result>;
    try {
      body = (await response.json()) as GraphQLResponse<Result>;
    } catch (error) {
      return failed(error, response.ok ? { kind: 'unexpectedAnswer' } : { kind: 'http', status: response.status });
    }
    // Data counts only on a successful status: a proxy's or a failing server's body is no answer.
    if (response.ok && body && typeof body.data === 'object' && body.data !== null) return body.data;
    const errors: unknown = body?.errors;
    const first = Array.isArray(errors) ? (errors[0] as GraphQLError | null | undefined) : undefined;
    if (typeof first?.message === 'string' && first.message) {
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
      throw new GatewayRequestError({ kind: 'graphql', message: first.message, code });
    }
    throw new GatewayRequestError(response.ok ? { kind: 'unexpectedAnswer' } : { kind: 'http', status: response.status });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}
