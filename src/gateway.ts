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
} from './config/gateway-config';
import { AppUserTokenProvider, createAppUserTokenProvider } from './partner-center/app-user-token-provider';
import { createMsalNetworkClient } from './partner-center/msal-network-client';
import { createFileTokenCacheStore } from './partner-center/token-cache-store';
import { sandboxToken } from './emulator/emulated-world';
import { Emulator, startEmulator } from './emulator/emulator-server';
import { CATALOGUES, DEFAULT_LOCALE, SUPPORTED_LOCALES, negotiateLocale } from './guidance/guidance';
import { createGraphQLHttpHandler } from './http/graphql-http-handler';
import { ExplorerOptions, createExplorerRoutes } from './http/explorer';
import { DEFAULT_WEB_DIR, OrderFormKitRoute, createOrderFormKitRoutes, readWebFiles } from './http/order-form-kit';
import { SANDBOX_EXAMPLE } from './sandbox-banner';
import { GatewayHttpServer, ListeningServer, Readiness, createGatewayHttpServer, listen } from './http/gateway-http-server';
import { createClientAuthenticator } from './http/client-auth';
import { GatewayMetrics, createGatewayMetrics } from './http/gateway-metrics';
import { createOperationLimits } from './http/operation-limits';
import { createGatewayLogger } from './http/gateway-logger';
import { ResponseMicroCache } from './http/response-micro-cache';
import { AgreementOutcome } from './partner-center/outcome';
import { CspRegion } from './partner-center/csp-region';
import { PartnerCenterClientOptions, createPartnerCenterClient, createPartnerCenterDispatcher } from './partner-center/partner-center-client';
import { Agent } from 'undici';
import { TokenProvider, createStaticTokenProvider } from './partner-center/token-provider';
import { GatewayContext, GatewayServices, createGatewayContext } from './schema/gateway-context';
import { buildGatewaySchema } from './schema/gateway-schema';
import { RegionAccount, StatusChecker, createStatusChecker } from './status/status-checker';
import { UpstreamPathOptions } from './partner-center/resilience/upstream-path';
import { createAccountCapacity } from './partner-center/resilience/account-capacity';
import { createMemoryStatusStore } from './cache/memory-status-store';
import { createRedisStatusStore } from './cache/redis-status-store';
import { createCachingStatusChecker } from './cache/caching-status-checker';

/** Regions the sandbox configures; the others answer MpaRegionNotConfigured, to demo that screen. */
export const SANDBOX_REGIONS: readonly CspRegion[] = ['UNITED_STATES', 'CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'];

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
  readonly emulator: Emulator | undefined;
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

const isUnexpected = (code: unknown) => code === undefined || code === 'INTERNAL_SERVER_ERROR';

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
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: formatted.extensions?.requestId ?? null },
  };
}

/** Counts operations by type and result for /metrics. */
function operationMetrics(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors, contextValue }) {
          metrics.operation(operation?.operation ?? 'unknown', errors?.length ? 'error' : 'ok');
          // Only a query that went through cleanly may have its response reused.
          if (errors?.length || operation?.operation !== 'query') contextValue.response.reusable = false;
        },
      };
    },
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

/** A language's own name for itself, capitalised: "English (United States)", "Português (Portugal)". */
function localeName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language', languageDisplay: 'standard' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/**
 * The component's route, and the reference order page's when configured (on by default in
 * sandbox mode). Without the compiled browser files neither is served: a warning, or a
 * configuration error when the page was asked for explicitly.
 */
function orderFormKitRoutes(
  config: GatewayConfig,
  sandbox: boolean,
  webDir: string,
  regions: readonly CspRegion[],
  logger: Logger,
): readonly OrderFormKitRoute[] | undefined {
  const files = readWebFiles(webDir);
  if (!files) {
    const missing = `the browser files are not built (nothing in ${webDir}); run npm run build`;
    if (config.http.orderFormPage) throw new ConfigError(`http.orderFormPage: ${missing}`);
    logger.warn(`${missing}: /mpa-order-check.js and the reference order page are not served`);
    return undefined;
  }
  if (!(config.http.orderFormPage ?? sandbox)) return createOrderFormKitRoutes({ files });
  const names = CATALOGUES.get(DEFAULT_LOCALE)!.regionNames;
  return createOrderFormKitRoutes({
    files,
    page: {
      path: config.http.orderFormPath,
      regions: regions.map((region) => ({ region, name: names[region] })),
      locales: SUPPORTED_LOCALES.map((tag) => ({ tag, name: localeName(tag) })),
      sandbox,
      credential: sandbox ? undefined : config.clientAuth.apiKeys.length > 0 ? 'apiKey' : config.clientAuth.jwt ? 'bearer' : undefined,
    },
  });
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
  const regions = sandbox ? SANDBOX_REGIONS : config.accounts.map((account) => account.region);
  const orderFormKit = orderFormKitRoutes(config, sandbox, options.webDir ?? DEFAULT_WEB_DIR, regions, logger);
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
      () => microCache.clear(),
    ),
    maxResellersPerQuery: config.limits.maxResellersPerQuery,
    operationDeadlineMs: config.resilience.operationDeadlineMs,
    failPolicy: config.failPolicy,
    failOpenOnCredentialsRejected: config.failOpenOnCredentialsRejected,
  };
  services = readyServices;
  const limits = createOperationLimits({ ...config.http, suggestFields: sandbox });
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    introspection: config.http.introspection ?? sandbox,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      // The explorer is the gateway's own page (src/http/explorer.ts), not Apollo's CDN-loaded one.
      ApolloServerPluginLandingPageDisabled(),
      // Per-field timings would tell callers how long Partner Center took; not shared.
      ApolloServerPluginInlineTraceDisabled(),
      // No type sets @cacheControl, and the hook it adds to every field costs time on each one.
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      operationMetrics(metrics),
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
  let http: GatewayHttpServer | undefined;

  return {
    config,
    apollo,
    services: readyServices,
    emulator,
    logger,
    tokenProviders,
    metrics,
    orderFormPath: orderFormKit && orderFormKit.length > 1 ? config.http.orderFormPath : undefined,
    createContext,
    readiness,
    async listen() {
      const graphql = createGraphQLHttpHandler({
        apollo,
        context: async (req, requestId) => createContext(req.headers['accept-language'], requestId),
        maxBodyBytes: config.http.maxBodyBytes,
        microCache,
        cacheable: (context) => context.response.reusable,
      });
      http = createGatewayHttpServer({
        graphql,
        logger,
        authenticate,
        metrics,
        readiness,
        requestsPerMinute: config.http.requestsPerMinute,
        metricsTokenSha256: config.http.metricsTokenSha256,
        explorer: (config.http.landingPage ?? sandbox) ? createExplorerRoutes(explorerSettings(config, sandbox)) : undefined,
        orderFormKit,
      });
      return listen(http.server, config.port, config.host);
    },
    async stop() {
      await http?.drain(config.http.shutdownGraceMs);
      await apollo.stop();
      await readyServices.checker.close();
      await built.dispatcher?.close();
      await emulator?.close();
    },
  };
}
