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
  | { readonly kind: 'graphql'; readonly message: string; readonly code?: string };

export class GatewayRequestError extends Error {
  constructor(readonly failure: GatewayFailure) {
    super(failure.kind);
  }
}

interface GraphQLResponse<T> {
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ readonly message?: string; readonly extensions?: { readonly code?: string } }>;
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

/**
 * Sends one typed operation and resolves with its data; anything else (no connection, 401,
 * 429, another status, GraphQL errors without data) rejects with a `GatewayRequestError`.
 */
export async function sendOperation<Result, Variables>(
  url: string,
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  credentials: GatewayCredentials,
  signal?: AbortSignal,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: await headersFor(credentials),
      body: JSON.stringify({ query: document.toString(), variables }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GatewayRequestError({ kind: 'network' });
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
    if (signal?.aborted) throw error;
    throw new GatewayRequestError({ kind: 'http', status: response.status });
  }
  if (body.data) return body.data;
  const first = body.errors?.[0];
  if (first?.message) throw new GatewayRequestError({ kind: 'graphql', message: first.message, code: first.extensions?.code });
  throw new GatewayRequestError({ kind: 'http', status: response.status });
}
