import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { createDocumentStore } from '../graphql/document-store';
import { GatewayContext } from '../graphql/gateway-context';
import { buildGatewaySchema } from '../graphql/gateway-schema';
import { CostLimit } from '../graphql/plugins/cost-limit';
import { createClientScopesPlugin } from '../graphql/plugins/client-scopes-plugin';
import { createEngineLimitWordingPlugin } from '../graphql/plugins/engine-limit-wording-plugin';
import { createHideSchemaDetailsPlugin } from '../graphql/plugins/hide-schema-details-plugin';
import { createHttpDrainPlugin } from '../graphql/plugins/http-drain-plugin';
import { createOperationMetricsPlugin } from '../graphql/plugins/operation-metrics-plugin';
import { createOperationTracingPlugin } from '../graphql/plugins/operation-tracing-plugin';
import { createPersistedQueryRefusalPlugin } from '../graphql/plugins/persisted-query-refusal-plugin';
import { ResponseReuse } from '../graphql/plugins/response-reuse-plugin';
import { createUnexpectedErrorsPlugin, maskUnexpectedErrors } from '../graphql/plugins/unexpected-errors-plugin';
import { createOperationShapeRules } from '../graphql/validation/operation-shape-rules';
import { GatewayMetrics } from '../observability/gateway-metrics';

export interface ApolloServerParts {
  readonly config: GatewayConfig;
  readonly introspection: boolean;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** The HTTP server the drain plugin closes on shutdown. */
  readonly server: http.Server;
  readonly responseReuse: ResponseReuse;
  /** The operation cost limit. */
  readonly costLimit: CostLimit;
  /** Default none. Installed after the gateway's own plugins. */
  readonly extraPlugins?: readonly ApolloServerPlugin<GatewayContext>[];
}

/** Apollo Server with the gateway's schema, limits and plugins (one per file, listed here), started. */
export async function createApolloServer(parts: ApolloServerParts): Promise<ApolloServer<GatewayContext>> {
  const { config, introspection } = parts;
  const schema = await buildGatewaySchema();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection,
    validationRules: createOperationShapeRules(config.http),
    // A token limit in the parser itself: past it, a parse error (400) before any work.
    parseOptions: { maxTokens: config.http.maxTokens },
    documentStore: createDocumentStore(config.http.documentCacheBytes),
    // Clients send their operations' text (typed documents); a hash-only protocol would add a
    // second store of query texts. A hash is answered 400 (the persisted-query refusal plugin).
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: !introspection,
    // Shutdown is src/main.ts's: Apollo's own handler would stop it and re-raise the signal
    // before in-flight requests are answered.
    stopOnTerminationSignals: false,
    plugins: [
      createHttpDrainPlugin({ server: parts.server, graceMs: config.http.shutdownGraceMs }),
      // The explorer is the gateway's own page (src/http/explorer.ts), not Apollo's CDN-loaded one.
      ApolloServerPluginLandingPageDisabled(),
      // Federated traces (ftv1) for a router that asks for them with
      // `apollo-federation-include-trace`, as from any subgraph; error texts masked in them.
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
      // No type sets @cacheControl, and the hook it adds to every field costs time on each one.
      ApolloServerPluginCacheControlDisabled(),
      // Who may read what first: a refused client learns nothing of the operation's cost.
      createClientScopesPlugin({ schema }),
      parts.costLimit.plugin,
      createPersistedQueryRefusalPlugin(),
      createEngineLimitWordingPlugin(),
      ...(introspection ? [] : [createHideSchemaDetailsPlugin()]),
      createOperationMetricsPlugin(parts.metrics),
      createOperationTracingPlugin(),
      parts.responseReuse.plugin,
      createUnexpectedErrorsPlugin(parts.logger),
      ...(parts.extraPlugins ?? []),
    ],
    formatError: maskUnexpectedErrors,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  return apollo;
}
