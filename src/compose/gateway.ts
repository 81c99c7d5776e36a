import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayContext, createGatewayContext } from '../graphql/gateway-context';
import { GatewayServices } from '../operation/operation-context';
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
import { checkTransportSecurity } from './transport-security';
import { createAuthFailureLimit } from '../http/auth-failure-limit';
import { explorerSettings } from './explorer-settings';
import { createReadiness } from './readiness';
import { deploymentIdentityOf, sharedRedisHealth } from './status-cache';
import { CspRegion } from '../partner-center/csp-region';
import { SANDBOX_REGIONS, SandboxEmulator, refuseExposedSandbox } from './sandbox';
import { StatusServices, createStatusServices, sandboxOrAccounts } from './status-services';
import { orderFormKitRoutes } from './order-form-kit-settings';
import { DEFAULT_WEB_DIR } from '../http/order-form-kit';
import { ClientGrant } from '../client-access/client-scope';
import { createClientBudgets } from '../client-access/client-budgets';
import { checkModesOf } from '../config/relationship-schema';

export { isSandbox, SANDBOX_REGIONS } from './sandbox';

/** The operator port after applying its default: the next port after `port`, or any free port when `port` is 0. */
export function operatorPort(config: GatewayConfig): number {
  return config.http.operatorPort ?? (config.port === 0 || config.port === 65_535 ? 0 : config.port + 1);
}

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** Default a pino logger at `info` on stdout. */
  readonly logger?: Logger;
  /** Default `dist/web/` (beside the compiled gateway). Where `npm run build` wrote the browser files it serves. */
  readonly webDir?: string;
  /**
   * Default none. Apollo Server plugins installed after the gateway's own, e.g. a portal's
   * own request-dependent validation. Every request that executes runs them: only the
   * response micro-cache (`http.responseCacheMs`) answers repeats in front of the pipeline.
   */
  readonly plugins?: readonly ApolloServerPlugin<GatewayContext>[];
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
  createContext(acceptLanguage?: string, requestId?: string, client?: ClientGrant): GatewayContext;
  /** Listens on the configured host and port, and the operator port (`/metrics`, the detailed `/readyz`). */
  listen(): Promise<ListeningServer & { readonly operatorUrl: string }>;
  /** Drains the HTTP server (in-flight requests finish), then stops Apollo, the cache and the sandbox emulator. */
  stop(): Promise<void>;
}

/** Builds the whole gateway from configuration; in sandbox mode it starts the emulator too. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? createGatewayLogger();
  const sandbox = sandboxOrAccounts(config);
  checkTransportSecurity(config, sandbox);
  refuseExposedSandbox(config, sandbox);
  const authenticate = clientAuthenticator(config, sandbox, logger);
  if (!Object.values(checkModesOf(config.checks)).includes('enforce')) {
    logger.warn('checks.allowNothingEnforced is on and no check is enforced: every order is allowed, and none is verified');
  }
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

  // One view of whether Redis answers for every user of it here: the caches, the lists, the
  // budgets and the client rate limit, so a frozen Redis costs a request one timeout in all.
  const redisHealth = sharedRedisHealth(config);
  status = await createStatusServices({ config, logger, metrics, onRecheck: invalidateResponses, redisHealth });
  const { services: readyServices, tokenProviders } = status;
  const directories = readyServices.directories;

  // Built before Apollo, whose drain plugin closes its listener.
  const http = createGatewayHttpServer({
    logger,
    maxBodyBytes: config.http.maxBodyBytes,
    keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
    headersTimeoutMs: config.http.headersTimeoutMs,
    requestTimeoutMs: config.http.requestTimeoutMs,
    socketIdleTimeoutMs: config.http.socketIdleTimeoutMs,
    maxConnections: config.http.maxConnections,
    trustProxy: config.http.trustProxy,
  });
  // Operator endpoints on their own port (loopback by default), apart from the callers' one.
  const operator = createGatewayHttpServer({
    logger,
    maxBodyBytes: 1_024,
    maxConnections: 64,
    notFoundMessage: 'Not found. This is the operator port: /metrics, /readyz and /healthz.',
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
    extraPlugins: options.plugins,
  });
  const budgets = createClientBudgets({
    upstreamCallsPerMinute: config.limits.upstreamCallsPerClientPerMinute,
    rechecksPerMinute: config.limits.rechecksPerClientPerMinute,
  });
  // A client from HTTP spends its own budget; in-process callers (tests, tools) have none, and
  // neither has anyone in sandbox mode, where the built-in emulator has no quota to protect.
  const createContext = (acceptLanguage?: string, requestId?: string, client?: ClientGrant) =>
    createGatewayContext(
      readyServices,
      negotiateLocale(null, acceptLanguage),
      requestId,
      client && !sandbox ? { ...client, budget: budgets.of(client.id) } : client,
    );
  const readiness = createReadiness(
    readyServices.checker,
    () => tokenProviders,
    directories,
    config.checks.relationship === 'enforce',
    checkModesOf(config.checks),
  );

  // One plugin per route group; another group (a page, an endpoint) is one more register call.
  const explorerOn = config.http.landingPage ?? sandbox;
  await http.fastify.register(graphqlRoutes, {
    apollo,
    createContext,
    authenticate,
    authFailures: createAuthFailureLimit({ failuresPerMinute: config.clientAuth.maxFailuresPerMinute }),
    // Where a browser that opens /graphql is sent.
    ...(explorerOn ? { browserPage: '/explorer' } : {}),
    metrics,
    rateLimit: {
      requestsPerMinute: config.http.requestsPerMinute,
      redisUrl: config.cache.redisUrl,
      redisKeyPrefix: config.cache.redisKeyPrefix,
      deploymentTag: identity.tag,
      redisHealth,
      redisCommandTimeoutMs: config.cache.redisCommandTimeoutMs,
      logger,
    },
    maxQueryBytes: config.http.maxQueryBytes,
    microCache,
    responseReuse,
    decisionLog: readyServices.decisionLog,
  });
  await http.fastify.register(healthRoutes, { readiness, draining: () => http.draining(), details: false });
  await operator.fastify.register(healthRoutes, { readiness, draining: () => http.draining() });
  await operator.fastify.register(metricsRoutes, { metrics, tokenSha256: config.http.metricsTokenSha256 });
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
    async listen() {
      const listening = await http.listen(config.port, config.host);
      const operatorListening = await operator.listen(operatorPort(config), config.http.operatorHost);
      return { ...listening, operatorUrl: operatorListening.url };
    },
    async stop() {
      http.beginDrain();
      // The drain plugin closes the listener, lets in-flight requests finish (up to
      // http.shutdownGraceMs), then cuts what is left; Apollo stops after.
      await apollo.stop();
      await http.close();
      await operator.close();
      await invalidation?.close();
      await status.close();
    },
  };
}
