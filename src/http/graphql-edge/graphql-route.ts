import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fp from 'fastify-plugin';
import { FastifyRequest } from 'fastify';
import { ClientGrant } from '../../client-access/client-scope';
import { GatewayContext } from '../../graphql/gateway-context';
import type { DecisionLog } from '../../observability/decision-log';
import { ClientIdentity } from '../client-auth';
import { clientKeyOf } from './client-authentication';

declare module 'fastify' {
  interface FastifyRequest {
    /** The operation's context, once Apollo asked for it; null for a request refused before the pipeline. */
    gatewayContext: GatewayContext | null;
  }
}

export interface GraphQLRouteOptions {
  /** Required. Started. */
  readonly apollo: ApolloServer<GatewayContext>;
  /** Required. The operation's context, as the request's language and id give it. */
  readonly createContext: (acceptLanguage: string | undefined, requestId: string, client: ClientGrant) => GatewayContext;
  /** Required. The route's path (`GRAPHQL_PATH`). */
  readonly path: string;
  /** Default none. Where a browser opening the endpoint (GET, no query, HTML accepted) is sent: the explorer. */
  readonly browserPage?: string;
  /** Default none (the services' own). The decision log this request's order lines are written to, when it has one of its own. */
  readonly decisionLogOf?: (request: FastifyRequest) => DecisionLog | undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A browser opening the endpoint itself (nothing asked), sent to the explorer instead. */
function isBrowserVisit(request: FastifyRequest): boolean {
  return request.method === 'GET' && !request.url.includes('?') && /text\/html/.test(request.headers.accept ?? '');
}

/**
 * GraphQL over GET (queries) and POST, answered by Apollo Server through
 * `@as-integrations/fastify`: every request that gets here goes through Apollo's whole
 * request pipeline and every plugin. Sets `request.gatewayContext` when Apollo builds it.
 */
export const graphqlRoute = fp<GraphQLRouteOptions>(
  (edge, options, ready) => {
    edge.decorateRequest('gatewayContext', null);
    const apollo = fastifyApolloHandler(options.apollo, {
      context: async (request) => {
        // Authenticated by now (the client-authentication hook refuses anyone else).
        const client = { id: clientKeyOf(request), scopes: (request.gatewayClient as ClientIdentity).scopes };
        const created = options.createContext(headerText(request.headers['accept-language']), request.id, client);
        const decisionLog = created.services.decisionLog && options.decisionLogOf?.(request);
        const context = decisionLog ? { ...created, services: { ...created.services, decisionLog } } : created;
        request.gatewayContext = context;
        return context;
      },
    });
    const { browserPage } = options;
    edge.route({
      method: ['GET', 'POST'],
      url: options.path,
      handler: (request, reply) => {
        if (browserPage && isBrowserVisit(request)) return reply.redirect(browserPage, 302);
        // The integration's handler types its route as answering strings; this route answers those too.
        return apollo.call(edge, request as never, reply as never);
      },
    });
    ready();
  },
  { name: 'mpa-graphql-route', decorators: { request: ['gatewayClient'] } },
);
