import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { Logger } from 'pino';
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  GatewayConfig,
  RegionAccountConfig,
  authorityHost,
  partnerCenterBaseUrl,
  partnerCenterScope,
  tokenCacheFile,
} from '../config/gateway-config';
import { AppUserTokenProvider, createAppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { createMsalNetworkClient } from '../partner-center/auth/msal-network-client';
import { createFileTokenCacheStore } from '../partner-center/auth/token-cache-store';
import { sandboxToken } from '../emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../emulator/partner-center/emulator-server';
import { negotiateLocale } from '../guidance/guidance';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { ExplorerOptions, createExplorerRoutes } from '../http/explorer';
import { SANDBOX_EXAMPLE } from './sandbox-banner';
import { ListeningServer, Readiness, createGatewayHttpServer } from '../http/gateway-http-server';
import { explorerRoutes } from '../http/routes/explorer-routes';
import { createClientAuthenticator } from '../http/client-auth';
import { GatewayMetrics, createGatewayMetrics } from '../observability/gateway-metrics';
import { createGatewayLogger } from '../observability/gateway-logger';
import { ResponseMicroCache } from '../http/response-micro-cache';
import { createResponseInvalidationChannel } from '../http/response-invalidation-channel';
import { graphqlRoutes } from '../http/routes/graphql-routes';
import { healthRoutes } from '../http/routes/health-routes';
import { metricsRoutes } from '../http/routes/metrics-routes';
import { createDocumentStore } from '../graphql/document-store';
import { createOperationShapeRules } from '../graphql/validation/operation-shape-rules';
import { createCostLimitPlugin } from '../graphql/plugins/cost-limit-plugin';
import { createHttpDrainPlugin } from '../graphql/plugins/http-drain-plugin';
import { createHideSchemaDetailsPlugin } from '../graphql/plugins/hide-schema-details-plugin';
import { createOperationMetricsPlugin } from '../graphql/plugins/operation-metrics-plugin';
import { createPersistedQueryRefusalPlugin } from '../graphql/plugins/persisted-query-refusal-plugin';
import { createResponseReusePlugin } from '../graphql/plugins/response-reuse-plugin';
import { AgreementOutcome } from '../partner-center/outcome/outcome';
import { CspRegion } from '../partner-center/csp-region';
import { PartnerCenterClientOptions, createPartnerCenterClient, createPartnerCenterDispatcher } from '../partner-center/client/partner-center-client';
import { Agent } from 'undici';
import { TokenProvider, createStaticTokenProvider } from '../partner-center/auth/token-provider';
import { GatewayContext, GatewayServices, createGatewayContext } from '../graphql/gateway-context';
import { buildGatewaySchema } from '../graphql/gateway-schema';
import { RegionAccount, StatusChecker, createStatusChecker } from '../partner-center/status-checker';
import { UpstreamPathOptions } from '../partner-center/resilience/upstream-path';
import { createAccountCapacity } from '../partner-center/resilience/account-capacity';
import { createMemoryStatusStore } from '../status-cache/memory-status-store';
import { createRedisStatusStore } from '../status-cache/redis-status-store';
import { createCachingStatusChecker } from '../status-cache/caching-status-checker';

/** Regions the sandbox configures; the others answer MpaRegionNotConfigured, to demo that screen. */
export const SANDBOX_REGIONS: readonly CspRegion[] = ['UNITED_STATES', 'CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'];

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** Default a pino logger at `info` on stdout. */
  readonly logger?: Logger;
}

export interface Gateway {
  readonly config: GatewayConfig;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly services: GatewayServices;
  /** Set in sandbox mode: the built-in emulator the gateway talks to. */
  readonly emulator: Emulator | undefined;
  readonly logger: Logger;
  /** App+User token providers, one per account that has App+User credentials. */
  readonly tokenProviders: readonly AppUserTokenProvider[];
  readonly metrics: GatewayMetrics;
  /** What /readyz answers: per region, whether a token can be had and the circuit is not open. */
  readiness(): Promise<Readiness>;
  /** A fresh operation context, as an HTTP request with this Accept-Language (and id) would get. */
  createContext(acceptLanguage?: string, requestId?: string): GatewayContext;
  /** Listens on the configured host and port. */
  listen(): Promise<ListeningServer>;
  /** Drains the HTTP server (in-flight requests finish), then stops Apollo, the cache and the sandbox emulator. */
  stop(): Promise<void>;
}

/** Whether this configuration runs against the built-in emulator. */
export function isSandbox(config: GatewayConfig): boolean {
  return config.sandbox ?? config.accounts.length === 0;
}

/** A token provider per App+User account, kept for readiness. */
function tokenProviderFor(
  config: GatewayConfig,
  account: RegionAccountConfig,
  logger: Logger,
  caCertificate: string | undefined,
): AppUserTokenProvider {
  const certificate = account.certificate
    ? {
        thumbprintSha256: account.certificate.thumbprintSha256,
        privateKey: readFileSync(account.certificate.privateKeyFile, 'utf8'),
        ...(account.certificate.x5cFile ? { x5c: readFileSync(account.certificate.x5cFile, 'utf8') } : {}),
      }
    : undefined;
  return createAppUserTokenProvider({
    region: account.region,
    authorityHost: authorityHost(config),
    tenantId: account.tenantId!,
    clientId: account.clientId!,
    clientSecret: account.clientSecret,
    certificate,
    refreshToken: account.refreshToken,
    scope: partnerCenterScope(config),
    cacheStore: createFileTokenCacheStore(tokenCacheFile(config, account.region)),
    logger,
    refreshMarginMs: config.auth.refreshMarginSeconds * 1000,
    // Always ours: msal-node's own client has no timeout on POSTs to the token endpoint.
    networkClient: createMsalNetworkClient({ caCertificate, timeoutMs: config.auth.requestTimeoutMs }),
  });
}

/** The PEM text of a configured CA file; a clear configuration error when it cannot be read. */
function readCaFile(key: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${key}: cannot read ${file}`);
  }
}

function regionAccounts(
  config: GatewayConfig,
  emulator: Emulator | undefined,
  logger: Logger,
  onCall: (region: CspRegion) => PartnerCenterClientOptions['onCall'],
): { accounts: RegionAccount[]; tokenProviders: AppUserTokenProvider[]; dispatcher?: Agent } {
  const common = (region: CspRegion) => ({
    program: config.partnerCenter.program,
    timeoutMs: config.partnerCenter.timeoutMs,
    locale: config.partnerCenter.locale,
    applicationName: config.partnerCenter.applicationName,
    capacity: createAccountCapacity({
      concurrency: config.limits.upstreamConcurrency,
      minConcurrency: config.limits.upstreamConcurrencyMin,
      maxConcurrency: config.limits.upstreamConcurrencyMax,
      maxAttemptMs: config.partnerCenter.timeoutMs,
    }),
    onCall: onCall(region),
  });
  if (emulator) {
    const dispatcher = createPartnerCenterDispatcher({ connectTimeoutMs: config.partnerCenter.timeoutMs });
    const accounts = SANDBOX_REGIONS.map((region) => ({
      region,
      client: createPartnerCenterClient({ ...common(region), baseUrl: emulator.url, tokenProvider: createStaticTokenProvider(sandboxToken(region)), dispatcher }),
    }));
    return { accounts, tokenProviders: [], dispatcher };
  }
  const caCertificate = readCaFile('auth.caCertificateFile', config.auth.caCertificateFile);
  const partnerCenterCa = readCaFile('partnerCenter.caCertificateFile', config.partnerCenter.caCertificateFile);
  const dispatcher = createPartnerCenterDispatcher({ caCertificate: partnerCenterCa, connectTimeoutMs: config.partnerCenter.timeoutMs });
  const tokenProviders: AppUserTokenProvider[] = [];
  const accounts = config.accounts.map((account) => {
    let tokenProvider: TokenProvider;
    if (account.staticToken) {
      tokenProvider = createStaticTokenProvider(account.staticToken);
    } else {
      const provider = tokenProviderFor(config, account, logger, caCertificate);
      tokenProviders.push(provider);
      tokenProvider = provider;
    }
    return {
      region: account.region,
      client: createPartnerCenterClient({ ...common(account.region), baseUrl: partnerCenterBaseUrl(config), tokenProvider, dispatcher }),
    };
  });
  return { accounts, tokenProviders, dispatcher };
}

function resilienceOf(config: GatewayConfig): UpstreamPathOptions {
  const { resilience } = config;
  return {
    maxAttempts: resilience.maxAttempts,
    baseDelayMs: resilience.baseDelayMs,
    maxDelayMs: resilience.maxDelayMs,
    circuitFailureRate: resilience.circuitFailureRate,
    circuitMinimumCalls: resilience.circuitMinimumCalls,
    circuitWindowMs: resilience.circuitWindowMs,
    circuitFirstTrialAfterMs: resilience.circuitFirstTrialAfterMs,
    circuitHalfOpenAfterMs: resilience.circuitHalfOpenAfterMs,
  };
}

/** The shared status cache: memory per replica, or Redis shared by replicas with memory as fallback. */
async function createStatusCache(
  config: GatewayConfig,
  inner: StatusChecker,
  logger: Logger,
  metrics: GatewayMetrics,
  onRecheck: () => void,
): Promise<StatusChecker> {
  const { cache } = config;
  const memory = createMemoryStatusStore({ maxEntries: cache.maxEntries });
  const store = cache.redisUrl
    ? createRedisStatusStore({
        url: cache.redisUrl,
        keyPrefix: cache.redisKeyPrefix,
        fallback: memory,
        logger,
        longestFetchMs: config.resilience.operationDeadlineMs + 2_000,
        commandTimeoutMs: cache.redisCommandTimeoutMs,
      })
    : memory;
  await store.whenReady();
  return createCachingStatusChecker({
    inner,
    store,
    onLookup: (hit) => metrics.cacheLookup(hit),
    onRecheck,
    ttlMs: {
      positive: cache.ttlSeconds.positive * 1000,
      negative: cache.ttlSeconds.negative * 1000,
      transient: cache.ttlSeconds.transient * 1000,
    },
  });
}

const isUnexpected = (code: unknown) => code === undefined || code === GatewayErrorCode.INTERNAL_SERVER_ERROR;

/** Logs unexpected errors with the request id, and marks them with it for the response. */
function logUnexpectedErrors(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isUnexpected(error.extensions?.code)) continue;
            logger.error({ err: unwrapResolverError(error), requestId: contextValue.requestId, path: error.path }, 'unexpected error in an operation');
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/** Masks anything unexpected with a stable code; the request id leads to the log line. */
function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!isUnexpected(formatted.extensions?.code)) return formatted;
  return {
    message: 'Unexpected error. Quote the requestId to support.',
    path: formatted.path,
    extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, requestId: formatted.extensions?.requestId ?? null },
  };
}

function clientAuthenticator(config: GatewayConfig, sandbox: boolean, logger: Logger) {
  const { clientAuth } = config;
  if (sandbox) {
    logger.warn('client authentication is OFF in sandbox mode: anyone who can reach this port may query');
    return createClientAuthenticator({ apiKeys: [], allowAnonymous: true, logger });
  }
  if (!clientAuth.jwt && clientAuth.apiKeys.length === 0 && !clientAuth.allowAnonymous) {
    throw new ConfigError('clientAuth: configure jwt or apiKeys for the callers (or set clientAuth.allowAnonymous to true behind your own gate)');
  }
  if (clientAuth.allowAnonymous) logger.warn('clientAuth.allowAnonymous is on: unauthenticated callers may query');
  return createClientAuthenticator({ ...clientAuth, logger });
}

/**
 * What the explorer opens with: in sandbox mode the sandbox example, sent in English; otherwise
 * an empty editor and the credential header the callers use, to fill in.
 */
function explorerSettings(config: GatewayConfig, sandbox: boolean): ExplorerOptions {
  if (sandbox) return { query: SANDBOX_EXAMPLE.query, variables: SANDBOX_EXAMPLE.variables, headers: SANDBOX_EXAMPLE.headers };
  const headers: Record<string, string> = {};
  if (config.clientAuth.apiKeys.length > 0) headers['X-Api-Key'] = '<your API key>';
  else if (config.clientAuth.jwt) headers.Authorization = 'Bearer <a token from your identity provider>';
  return { headers };
}

/** Builds the whole gateway from configuration; in sandbox mode it starts the emulator too. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? createGatewayLogger();
  const sandbox = isSandbox(config);
  if (!sandbox && config.accounts.length === 0) {
    throw new ConfigError('accounts: no Partner Center account is configured and sandbox is off; configure accounts or set MPA_SANDBOX=true');
  }
  const authenticate = clientAuthenticator(config, sandbox, logger);
  let services: GatewayServices | undefined;
  let tokenProviders: readonly AppUserTokenProvider[] = [];
  const metrics = createGatewayMetrics({
    circuitStates: () => services?.checker.circuitStates() ?? new Map(),
    capacities: () => services?.checker.capacities() ?? new Map(),
    responseCacheHits: () => microCache.hits(),
    get tokenProviders() {
      return tokenProviders;
    },
  });
  const onCall = (region: CspRegion) => (call: { outcome: AgreementOutcome; durationMs: number; traceId?: string }) => {
    metrics.upstreamCall(region, call.outcome, call.durationMs / 1000);
    logger.debug(
      {
        requestId: call.traceId,
        region,
        outcome: call.outcome.kind,
        httpStatus: call.outcome.httpStatus,
        partnerCenterCorrelationId: call.outcome.trace.correlationId,
        durationMs: Math.round(call.durationMs),
      },
      'Partner Center call',
    );
  };

  const microCache = new ResponseMicroCache({ ttlMs: config.http.responseCacheMs });
  // A recheck empties this replica's micro-cache and, through Redis, every other replica's.
  const invalidation = config.cache.redisUrl
    ? createResponseInvalidationChannel({
        url: config.cache.redisUrl,
        channel: `${config.cache.redisKeyPrefix}response-invalidation`,
        onInvalidate: () => microCache.invalidate(),
        logger,
      })
    : undefined;
  const invalidateResponses = () => {
    microCache.invalidate();
    invalidation?.publish();
  };
  const emulator = sandbox ? await startEmulator({ port: config.emulatorPort }) : undefined;
  const built = regionAccounts(config, emulator, logger, onCall);
  tokenProviders = built.tokenProviders;
  // Tell the operator now, not at the first order, when a region's credentials need attention.
  await Promise.all(
    tokenProviders.map(async (provider) => {
      const health = await provider.probe();
      if (health.state === 'ready') logger.info({ region: provider.region, mfa: health.mfa }, 'Partner Center token ready');
    }),
  );
  const readyServices: GatewayServices = {
    checker: await createStatusCache(
      config,
      createStatusChecker({ accounts: built.accounts, resilience: resilienceOf(config) }),
      logger,
      metrics,
      invalidateResponses,
    ),
    maxResellersPerQuery: config.limits.maxResellersPerQuery,
    operationDeadlineMs: config.resilience.operationDeadlineMs,
    failPolicy: config.failPolicy,
    failOpenOnCredentialsRejected: config.failOpenOnCredentialsRejected,
  };
  services = readyServices;
  const introspection = config.http.introspection ?? sandbox;
  // Built before Apollo, whose drain plugin closes its listener.
  const http = createGatewayHttpServer({
    logger,
    maxBodyBytes: config.http.maxBodyBytes,
    keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
    trustProxy: config.http.trustProxy,
  });
  const responseReuse = createResponseReusePlugin();
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
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
      createHttpDrainPlugin({ server: http.server, graceMs: config.http.shutdownGraceMs }),
      // The explorer is the gateway's own page (src/http/explorer.ts), not Apollo's CDN-loaded one.
      ApolloServerPluginLandingPageDisabled(),
      // Per-field timings would tell callers how long Partner Center took; not shared.
      ApolloServerPluginInlineTraceDisabled(),
      // No type sets @cacheControl, and the hook it adds to every field costs time on each one.
      ApolloServerPluginCacheControlDisabled(),
      createCostLimitPlugin({ maxCost: config.http.maxCost }),
      createPersistedQueryRefusalPlugin(),
      ...(introspection ? [] : [createHideSchemaDetailsPlugin()]),
      createOperationMetricsPlugin(metrics),
      responseReuse.plugin,
      logUnexpectedErrors(logger),
    ],
    formatError: maskUnexpectedErrors,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const createContext = (acceptLanguage?: string, requestId?: string) =>
    createGatewayContext(readyServices, negotiateLocale(null, acceptLanguage), requestId);
  const readiness = async (): Promise<Readiness> => {
    const circuits = readyServices.checker.circuitStates();
    const capacities = readyServices.checker.capacities();
    const regions: Record<string, unknown> = {};
    let usable = 0;
    for (const region of readyServices.checker.configuredRegions) {
      const provider = tokenProviders.find((candidate) => candidate.region === region);
      const health = provider ? (provider.health().state === 'unknown' ? await provider.probe() : provider.health()) : undefined;
      const token = health ? health.state : 'static';
      const circuit = circuits.get(region) ?? 'closed';
      const ok = token !== 'failing' && circuit !== 'open';
      if (ok) usable += 1;
      const capacity = capacities.get(region);
      regions[region] = {
        ok,
        token,
        circuit,
        ...(capacity ? { upstream: capacity } : {}),
        ...(health?.state === 'failing' ? { action: health.message } : {}),
        ...(health?.state === 'ready' && health.warning ? { warning: health.warning } : {}),
      };
    }
    const status = usable === readyServices.checker.configuredRegions.length ? 'ready' : usable > 0 ? 'degraded' : 'unavailable';
    return { ready: usable > 0, body: { status, regions } };
  };
  // One plugin per route group; another group (a page, an endpoint) is one more register call.
  // The explorer page, and where a browser that opens /graphql is sent.
  const explorerOn = config.http.landingPage ?? sandbox;
  await http.fastify.register(graphqlRoutes, {
    apollo,
    createContext,
    authenticate,
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

  return {
    config,
    apollo,
    services: readyServices,
    emulator,
    logger,
    tokenProviders,
    metrics,
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
      await readyServices.checker.close();
      await built.dispatcher?.close();
      await emulator?.close();
    },
  };
}
