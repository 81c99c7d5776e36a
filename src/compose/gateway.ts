import { ApolloServer } from '@apollo/server';
import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayContext, GatewayServices, createGatewayContext } from '../graphql/gateway-context';
import { createResponseReusePlugin } from '../graphql/plugins/response-reuse-plugin';
import { createCostLimit } from '../graphql/plugins/cost-limit';
import { negotiateLocale } from '../guidance/guidance';
import { createExplorerRoutes } from '../http/explorer';
import { ListeningServer, Readiness, createGatewayHttpServer } from '../http/gateway-http-server';
import { createResponseInvalidationChannel } from '../http/response-invalidation-channel';
import { ResponseMicroCache } from '../http/response-micro-cache';
import { explorerRoutes } from '../http/routes/explorer-routes';
import { graphqlRoutes } from '../http/routes/graphql-routes';
import { healthRoutes } from '../http/routes/health-routes';
import { metricsRoutes } from '../http/routes/metrics-routes';
import { createGatewayLogger } from '../observability/gateway-logger';
import { GatewayMetrics, createGatewayMetrics } from '../observability/gateway-metrics';
import { AppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { createApolloServer } from './apollo-server';
import { clientAuthenticator } from './client-authentication';
import { explorerSettings } from './explorer-settings';
import { createReadiness } from './readiness';
import { deploymentIdentityOf } from './status-cache';
import { CspRegion } from '../partner-center/csp-region';
import { SANDBOX_REGIONS, SandboxEmulator } from './sandbox';
import { StatusServices, createStatusServices, sandboxOrAccounts } from './status-services';
import { orderFormKitRoutes } from './order-form-kit-settings';
import { DEFAULT_WEB_DIR } from '../http/order-form-kit';

export { isSandbox, SANDBOX_REGIONS } from './sandbox';

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** Default a pino logger at `info` on stdout. */
  readonly logger?: Logger;
  /** Default `dist/web/` (beside the compiled gateway). Where `npm run build` wrote the browser files it serves. */
  readonly webDir?: string;
}

export interface Gateway {
  readonly config: GatewayConfig;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly services: GatewayServices;
  /** Set in sandbox mode: the built-in emulator the gateway talks to. */
  readonly emulator: SandboxEmulator | undefined;
  readonly logger: Logger;
  /** App+User token providers, one per account that has App+User credentials. */
  readonly tokenProviders: readonly AppUserTokenProvider[];
  readonly metrics: GatewayMetrics;
  /** Set when the reference order page is served: its path. */
  readonly orderFormPath: string | undefined;
  /** What /readyz answers: per region, whether a token can be had and the circuit is not open. */
  readiness(): Promise<Readiness>;
  /** A fresh operation context, as an HTTP request with this Accept-Language (and id) would get. */
  createContext(acceptLanguage?: string, requestId?: string): GatewayContext;
  /** Listens on the configured host and port. */
  listen(): Promise<ListeningServer>;
  /** Drains the HTTP server (in-flight requests finish), then stops Apollo, the cache and the sandbox emulator. */
  stop(): Promise<void>;
}

/** Builds the whole gateway from configuration; in sandbox mode it starts the emulator too. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? createGatewayLogger();
  const sandbox = sandboxOrAccounts(config);
  const authenticate = clientAuthenticator(config, sandbox, logger);
  // Before anything starts: a page asked for without its built files is a configuration error.
  const regions = sandbox ? SANDBOX_REGIONS : config.accounts.map((account) => account.region);
  const orderFormKit = orderFormKitRoutes(config, sandbox, options.webDir ?? DEFAULT_WEB_DIR, regions, logger);
  let status: StatusServices | undefined;
  const microCache = new ResponseMicroCache({ ttlMs: config.http.responseCacheMs });
  const metrics = createGatewayMetrics({
    circuitStates: () => status?.services.checker.circuitStates() ?? new Map(),
    capacities: () => status?.services.checker.capacities() ?? new Map(),
    responseCacheHits: () => microCache.hits(),
    directories: () => status?.services.directories.states() ?? new Map(),
    get tokenProviders() {
      return status?.tokenProviders ?? [];
    },
  });

  // A recheck empties this replica's micro-cache and, through Redis, every other replica's
  // (on a channel per region account, named with its identity).
  const identity = deploymentIdentityOf(config);
  const invalidationChannelOf = (region: CspRegion) => `${config.cache.redisKeyPrefix}${identity.tagOf(region)}:response-invalidation`;
  const invalidation = config.cache.redisUrl
    ? createResponseInvalidationChannel({
        url: config.cache.redisUrl,
        channels: identity.accounts.map((account) => invalidationChannelOf(account.region)),
        onInvalidate: () => microCache.invalidate(),
        logger,
      })
    : undefined;
  const invalidateResponses = (region: CspRegion) => {
    microCache.invalidate();
    invalidation?.publish(invalidationChannelOf(region));
  };

  status = await createStatusServices({ config, logger, metrics, onRecheck: invalidateResponses });
  const { services: readyServices, tokenProviders } = status;
  const directories = readyServices.directories;

  // Built before Apollo, whose drain plugin closes its listener.
  const http = createGatewayHttpServer({
    logger,
    maxBodyBytes: config.http.maxBodyBytes,
    keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
    trustProxy: config.http.trustProxy,
  });
  const responseReuse = createResponseReusePlugin();
  const costLimit = createCostLimit({ maxCost: config.http.maxCost });
  const apollo = await createApolloServer({
    config,
    introspection: config.http.introspection ?? sandbox,
    logger,
    metrics,
    server: http.server,
    responseReuse,
    costLimit,
  });
  const createContext = (acceptLanguage?: string, requestId?: string) =>
    createGatewayContext(readyServices, negotiateLocale(null, acceptLanguage), requestId);
  const readiness = createReadiness(readyServices.checker, () => tokenProviders, directories, config.checks.relationship === 'enforce');

  // One plugin per route group; another group (a page, an endpoint) is one more register call.
  const explorerOn = config.http.landingPage ?? sandbox;
  await http.fastify.register(graphqlRoutes, {
    apollo,
    createContext,
    authenticate,
    // Where a browser that opens /graphql is sent.
    ...(explorerOn ? { browserPage: '/explorer' } : {}),
    metrics,
    rateLimit: {
      requestsPerMinute: config.http.requestsPerMinute,
      redisUrl: config.cache.redisUrl,
      redisKeyPrefix: config.cache.redisKeyPrefix,
      logger,
    },
    maxQueryBytes: config.http.maxQueryBytes,
    microCache,
    responseReuse,
  });
  await http.fastify.register(healthRoutes, { readiness, draining: () => http.draining() });
  await http.fastify.register(metricsRoutes, { metrics, tokenSha256: config.http.metricsTokenSha256 });
  if (explorerOn) await http.fastify.register(explorerRoutes, { routes: createExplorerRoutes(explorerSettings(config, sandbox)) });
  if (orderFormKit) await http.fastify.register(explorerRoutes, { routes: orderFormKit });
  // Last, once nothing else can fail: lookups wait for a first list (within their deadline), start-up does not.
  status.startDirectories();

  return {
    config,
    apollo,
    services: readyServices,
    emulator: status.emulator,
    logger,
    tokenProviders,
    metrics,
    orderFormPath: orderFormKit && orderFormKit.length > 1 ? config.http.orderFormPath : undefined,
    createContext,
    readiness,
    listen: () => http.listen(config.port, config.host),
    async stop() {
      http.beginDrain();
      // The drain plugin closes the listener, lets in-flight requests finish (up to
      // http.shutdownGraceMs), then cuts what is left; Apollo stops after.
      await apollo.stop();
      await http.close();
      await invalidation?.close();
      await status.close();
    },
  };
}
