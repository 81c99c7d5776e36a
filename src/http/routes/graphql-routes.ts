import { ApolloServer } from '@apollo/server';
import { FastifyPluginAsync } from 'fastify';
import { ClientGrant } from '../../client-access/client-scope';
import { GatewayContext } from '../../graphql/gateway-context';
import { ResponseReuse } from '../../graphql/plugins/response-reuse-plugin';
import type { DecisionLog } from '../../observability/decision-log';
import { GatewayMetrics } from '../../observability/gateway-metrics';
import { AuthFailureLimit } from '../auth-failure-limit';
import { ClientAuthenticator } from '../client-auth';
import { ClientRateLimitOptions, clientRateLimit } from '../graphql-edge/client-rate-limit';
import { GRAPHQL_PATH } from '../graphql-path';
import { clientAuthentication, clientKeyOf } from '../graphql-edge/client-authentication';
import { graphqlRoute } from '../graphql-edge/graphql-route';
import { jsonBodyAsText, jsonBodyParsing } from '../graphql-edge/json-body';
import { jsonNestingLimit } from '../graphql-edge/json-nesting-limit';
import { methodNotAllowedRoute } from '../graphql-edge/method-not-allowed-route';
import { querySizeLimit } from '../graphql-edge/query-size-limit';
import { requestLog } from '../graphql-edge/request-log';
import { requestBodyEncoding } from '../graphql-edge/request-body-encoding';
import { responseMicroCacheHooks } from '../graphql-edge/response-micro-cache-hooks';
import { ResponseMicroCache } from '../response-micro-cache';

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
  /** Default none. Where a browser opening the endpoint (GET, no query, HTML accepted) is sent: the explorer. */
  readonly browserPage?: string;
  /** Default none (`decisionLog.destination: off`). Records each order line a response served again from the micro-cache answers. */
  readonly decisionLog?: DecisionLog;
}

/**
 * The GraphQL edge at `GRAPHQL_PATH`, one Fastify plugin or hook per job, registered in the
 * order a request meets them (hooks of one kind run in registration order).
 */
export const graphqlRoutes: FastifyPluginAsync<GraphQLRoutesOptions> = async (edge, options) => {
  const { metrics, responseReuse } = options;
  const refused = () => metrics.operation('unknown', 'refused');
  const path = GRAPHQL_PATH;

  // onRequest: who is calling (401, or 429 after too many failed attempts from an address).
  await edge.register(clientAuthentication, { authenticate: options.authenticate, authFailures: options.authFailures, onRefused: refused });
  // onRequest: the client's requests per minute (429), before the body is read.
  await edge.register(clientRateLimit, { ...options.rateLimit, keyOf: clientKeyOf, onRefused: refused });
  // onResponse: one log line per request, refused ones included.
  await edge.register(requestLog, { path });
  // A JSON body is read as text, not parsed yet.
  await edge.register(jsonBodyAsText);
  // GET and POST, in a scope of their own so the hooks below apply to them alone.
  await edge.register(async (operations) => {
    // preParsing: a body under a content coding or in a charset other than UTF-8 is 415, unread.
    await operations.register(requestBodyEncoding);
    // preHandler: a repeated JSON POST is answered from the micro-cache; onSend: a reusable response is kept.
    await operations.register(responseMicroCacheHooks, {
      microCache: options.microCache,
      mayKeep: (request) => request.gatewayContext !== null && responseReuse.mayReuse(request.gatewayContext),
      decisionLog: options.decisionLog,
    });
    // preHandler: JSON nested too deep (400), before anything walks it.
    await operations.register(jsonNestingLimit);
    // preHandler: the body parsed as JSON (400 for a forbidden key), then the query text's size (413).
    await operations.register(jsonBodyParsing);
    await operations.register(querySizeLimit, { maxQueryBytes: options.maxQueryBytes });
    // Apollo Server's request pipeline, every plugin included.
    await operations.register(graphqlRoute, {
      apollo: options.apollo,
      createContext: options.createContext,
      path,
      browserPage: options.browserPage,
      // A request the micro-cache may keep the response of writes its decisions through a log that keeps them.
      decisionLogOf: (request) => request.microCacheEntry?.decisions,
    });
  });
  // Any other method: 405, whatever its body.
  await edge.register(methodNotAllowedRoute, { path });
};
