import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { ResponseReuse } from '../../graphql/plugins/response-reuse-plugin';
import { GatewayContext } from '../../graphql/gateway-context';
import { ClientAuthenticator, ClientIdentity } from '../client-auth';
import { AuthFailureLimit } from '../auth-failure-limit';
import { ClientRateLimitOptions, registerClientRateLimit } from '../client-rate-limit';
import { GatewayHttpError, errorBody } from '../error-replies';
import { GatewayMetrics } from '../../observability/gateway-metrics';
import { ResponseMicroCache } from '../response-micro-cache';
import { ClientGrant, scopesKey } from '../../graphql/authorization/client-scope';

export interface GraphQLRoutesOptions {
  /** Required. Started. */
  readonly apollo: ApolloServer<GatewayContext>;
  /** Required. The operation's context, as the request's language and id give it. */
  readonly createContext: (acceptLanguage: string | undefined, requestId: string, client: ClientGrant) => GatewayContext;
  /** Required. Who is calling; undefined refuses the request (401). */
  readonly authenticate: ClientAuthenticator;
  /** Required. Failed authentications per source address; past the limit, 429 `AUTH_FAILURES_LIMITED`. */
  readonly authFailures: AuthFailureLimit;
  readonly metrics: GatewayMetrics;
  /** Required. The per-client limit (its key is set here: the client's identity). */
  readonly rateLimit: Omit<ClientRateLimitOptions, 'keyOf' | 'onRefused'>;
  /** Required. Longest query text accepted, in UTF-8 bytes (413 `QUERY_TOO_LARGE` above it). */
  readonly maxQueryBytes: number;
  /** Required. Identical JSON POSTs answered again without GraphQL. */
  readonly microCache: ResponseMicroCache;
  /** Required. Apollo's verdict on whether a response may be served again. */
  readonly responseReuse: ResponseReuse;
  /** Default `'/graphql'`. */
  readonly path?: string;
  /** Default none. Where a browser opening the endpoint (GET, no query, HTML accepted) is sent: the explorer. */
  readonly browserPage?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the GraphQL routes once the caller is authenticated. */
    gatewayClient: ClientIdentity | null;
    /** The JSON body exactly as received (GraphQL routes). */
    rawBody: string | null;
    /** The operation's context, once Apollo asked for it (GraphQL routes). */
    gatewayContext: GatewayContext | null;
  }
}

const UNAUTHORIZED = errorBody('Unauthorized.', GatewayErrorCode.UNAUTHENTICATED);
const authFailuresLimited = (seconds: number) =>
  errorBody(`Too many failed authentications from this address; try again in ${seconds} seconds.`, GatewayErrorCode.AUTH_FAILURES_LIMITED);

/** Response headers of a finished exchange that belong to the request, not the response. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'content-length', 'connection', 'keep-alive', 'date', 'retry-after']);

function byteLengthOver(text: string, limit: number): boolean {
  // UTF-8 takes at least one byte and at most three per UTF-16 unit: count only when in doubt.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text) > limit;
}

/** The query text of a GET or POST, as Apollo will read it. */
function queryTextOf(request: FastifyRequest): unknown {
  if (request.method === 'GET') return (request.query as Record<string, unknown> | undefined)?.query;
  const body = request.body as Record<string, unknown> | undefined;
  return typeof body === 'object' && body !== null ? body.query : undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * `/graphql`: client authentication, the per-client rate limit (before the body is read),
 * the query size limit, the response micro-cache, then Apollo Server through
 * `@as-integrations/fastify`; one log line per request.
 */
export const graphqlRoutes: FastifyPluginAsync<GraphQLRoutesOptions> = async (scope, options) => {
  const path = options.path ?? '/graphql';
  const { microCache, responseReuse, metrics } = options;
  // Request decorations rather than side tables: Fastify keeps the request's shape stable.
  scope.decorateRequest('gatewayClient', null);
  scope.decorateRequest('rawBody', null);
  scope.decorateRequest('gatewayContext', null);

  // Callback style, and no promise for API keys: this runs on every request, micro-cached ones included.
  scope.addHook('onRequest', (request, reply, done) => {
    const retryAfter = options.authFailures.retryAfterSeconds(request.ip);
    if (retryAfter > 0) {
      metrics.operation('unknown', 'refused');
      void reply.code(429).header('retry-after', String(retryAfter)).send(authFailuresLimited(retryAfter));
      return;
    }
    const admit = (client: ClientIdentity | undefined) => {
      if (!client) {
        options.authFailures.recordFailure(request.ip);
        metrics.operation('unknown', 'refused');
        void reply.code(401).header('www-authenticate', 'Bearer').send(UNAUTHORIZED);
        return;
      }
      request.gatewayClient = client;
      done();
    };
    const verdict = options.authenticate(request.headers);
    if (verdict instanceof Promise) verdict.then(admit, done);
    else admit(verdict);
  });
  const clientKey = (request: FastifyRequest) => {
    const client = request.gatewayClient;
    // Anonymous callers share nothing but their address (behind a proxy: see http.trustProxy).
    return !client || client.via === 'anonymous' ? `ip:${request.ip}` : `${client.via}:${client.id}`;
  };
  await registerClientRateLimit(scope, {
    ...options.rateLimit,
    keyOf: clientKey,
    onRefused: () => metrics.operation('unknown', 'refused'),
  });

  // A JSON body is read as text and parsed in the handler, after the micro-cache had its
  // look: the cache is keyed by the exact text, and a repeat needs no parsing at all.
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = typeof body === 'string' ? body : body.toString('utf8');
    done(null, undefined);
  });
  const parsedBody = (request: FastifyRequest, text: string): unknown => {
    // Fastify's default parser calls back at once, before it returns.
    const result: { parsed?: unknown; failure: FastifyError | null } = { failure: null };
    void parseJson(request, text, (error, value) => {
      result.failure = error as FastifyError | null;
      result.parsed = value;
    });
    const { parsed, failure } = result;
    if (failure === null) return parsed;
    if (failure.code === 'FST_ERR_CTP_INVALID_JSON_BODY' && isPlainJson(text)) {
      throw new GatewayHttpError(
        400,
        GatewayErrorCode.BAD_REQUEST,
        'The request body holds a forbidden key (__proto__ or constructor.prototype).',
      );
    }
    throw failure;
  };

  scope.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        path,
        status: reply.statusCode,
        client: request.gatewayClient?.id ?? 'refused',
        durationMs: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });

  const apollo = fastifyApolloHandler(options.apollo, {
    context: async (request) => {
      // Authenticated by now (the onRequest hook refuses anyone else).
      const client = { id: clientKey(request), scopes: (request.gatewayClient as ClientIdentity).scopes };
      const context = options.createContext(headerText(request.headers['accept-language']), request.id, client);
      request.gatewayContext = context;
      return context;
    },
  });

  const keep = (reply: FastifyReply, key: string | undefined, startedIn: number, body: string) => {
    if (key === undefined) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (!PER_REQUEST_HEADERS.has(name) && value !== undefined) headers[name] = String(value);
    }
    microCache.set(key, startedIn, { status: reply.statusCode, headers, body });
  };

  /** The request through Apollo; its response is kept when the response-reuse rule allows it. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, key: string | undefined, startedIn: number): Promise<unknown> => {
    if (request.rawBody !== null) request.body = parsedBody(request, request.rawBody);
    const query = queryTextOf(request);
    if (typeof query === 'string' && byteLengthOver(query, options.maxQueryBytes)) {
      throw new GatewayHttpError(413, GatewayErrorCode.QUERY_TOO_LARGE, `The query text is larger than ${options.maxQueryBytes} bytes.`);
    }
    // The integration's handler types its route as answering strings; this route answers those too.
    const body: unknown = await apollo.call(scope, request as never, reply as never);
    const context = request.gatewayContext;
    if (typeof body === 'string' && context !== null && responseReuse.mayReuse(context)) keep(reply, key, startedIn, body);
    return body;
  };

  scope.route({
    method: ['GET', 'POST'],
    url: path,
    // Not async: a micro-cache hit is sent at once, without a promise.
    handler: (request, reply) => {
      if (
        options.browserPage &&
        request.method === 'GET' &&
        !request.url.includes('?') &&
        /text\/html/.test(request.headers.accept ?? '')
      ) {
        return reply.redirect(options.browserPage, 302);
      }
      const raw = request.rawBody;
      const key =
        raw === null
          ? undefined
          : microCache.keyFor({
              method: request.method,
              contentType: request.headers['content-type'],
              body: raw,
              accept: headerText(request.headers.accept),
              acceptLanguage: headerText(request.headers['accept-language']),
              scopes: request.gatewayClient ? scopesKey(request.gatewayClient.scopes) : '',
            });
      const startedIn = microCache.generation();
      if (key !== undefined) {
        const hit = microCache.get(key);
        if (hit) return reply.code(hit.status).headers(hit.headers).send(hit.body);
      }
      return answer(request, reply, key, startedIn);
    },
  });

  scope.route({
    method: ['PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: path,
    handler: async () => {
      throw new GatewayHttpError(405, GatewayErrorCode.METHOD_NOT_ALLOWED, 'GraphQL is served over GET (queries) and POST.', {
        allow: 'GET, POST',
      });
    },
  });
};

/** Whether text is JSON that only the prototype-poisoning check refused. */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
