import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import pino, { Logger } from 'pino';
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
import { negotiateLocale } from './guidance/guidance';
import { createGraphQLHttpHandler } from './http/graphql-http-handler';
import { ListeningServer, createGatewayHttpServer, listen } from './http/gateway-http-server';
import { CspRegion } from './partner-center/csp-region';
import { createPartnerCenterClient } from './partner-center/partner-center-client';
import { TokenProvider, createStaticTokenProvider } from './partner-center/token-provider';
import { GatewayContext, GatewayServices, createGatewayContext } from './schema/gateway-context';
import { buildGatewaySchema } from './schema/gateway-schema';
import { RegionAccount, StatusChecker, createStatusChecker } from './status/status-checker';
import { ResilienceOptions } from './partner-center/resilient-caller';
import { createMemoryStatusStore } from './cache/memory-status-store';
import { createRedisStatusStore } from './cache/redis-status-store';
import { createCachingStatusChecker } from './cache/caching-status-checker';

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
  /** A fresh operation context, as an HTTP request with this Accept-Language would get. */
  createContext(acceptLanguage?: string): GatewayContext;
  /** Listens on the configured host and port. */
  listen(): Promise<ListeningServer>;
  /** Stops the HTTP server (if listening), Apollo and the sandbox emulator. */
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
    networkClient: caCertificate ? createMsalNetworkClient({ caCertificate }) : undefined,
  });
}

function regionAccounts(
  config: GatewayConfig,
  emulator: Emulator | undefined,
  logger: Logger,
): { accounts: RegionAccount[]; tokenProviders: AppUserTokenProvider[] } {
  const common = {
    program: config.partnerCenter.program,
    timeoutMs: config.partnerCenter.timeoutMs,
    locale: config.partnerCenter.locale,
    applicationName: config.partnerCenter.applicationName,
  };
  if (emulator) {
    const accounts = SANDBOX_REGIONS.map((region) => ({
      region,
      client: createPartnerCenterClient({ ...common, baseUrl: emulator.url, tokenProvider: createStaticTokenProvider(sandboxToken(region)) }),
    }));
    return { accounts, tokenProviders: [] };
  }
  let caCertificate: string | undefined;
  if (config.auth.caCertificateFile) {
    try {
      caCertificate = readFileSync(config.auth.caCertificateFile, 'utf8');
    } catch {
      throw new ConfigError(`auth.caCertificateFile: cannot read ${config.auth.caCertificateFile}`);
    }
  }
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
      client: createPartnerCenterClient({ ...common, baseUrl: partnerCenterBaseUrl(config), tokenProvider }),
    };
  });
  return { accounts, tokenProviders };
}

function resilienceOf(config: GatewayConfig): ResilienceOptions {
  const { resilience, limits } = config;
  return {
    maxAttempts: resilience.maxAttempts,
    baseDelayMs: resilience.baseDelayMs,
    maxDelayMs: resilience.maxDelayMs,
    circuitFailureThreshold: resilience.circuitFailureThreshold,
    circuitHalfOpenAfterMs: resilience.circuitHalfOpenAfterMs,
    concurrency: limits.upstreamConcurrency,
  };
}

/** The shared status cache: memory per replica, or Redis shared by replicas with memory as fallback. */
async function createStatusCache(config: GatewayConfig, inner: StatusChecker, logger: Logger): Promise<StatusChecker> {
  const { cache } = config;
  const memory = createMemoryStatusStore({ maxEntries: cache.maxEntries });
  const store = cache.redisUrl
    ? createRedisStatusStore({ url: cache.redisUrl, keyPrefix: cache.redisKeyPrefix, fallback: memory, logger })
    : memory;
  await store.whenReady();
  return createCachingStatusChecker({
    inner,
    store,
    ttlMs: {
      positive: cache.ttlSeconds.positive * 1000,
      negative: cache.ttlSeconds.negative * 1000,
      transient: cache.ttlSeconds.transient * 1000,
    },
  });
}

/** Masks anything unexpected with a stable code and an id that points to the log line. */
function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    const errorId = randomUUID();
    logger.error({ err: unwrapResolverError(error), errorId, path: formatted.path }, 'unexpected error in an operation');
    return {
      message: 'Unexpected error. Quote the errorId to support.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/** Builds the whole gateway from configuration; in sandbox mode it starts the emulator too. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? pino({ name: 'mpa-gateway' });
  const sandbox = isSandbox(config);
  if (!sandbox && config.accounts.length === 0) {
    throw new ConfigError('accounts: no Partner Center account is configured and sandbox is off; configure accounts or set MPA_SANDBOX=true');
  }
  const emulator = sandbox ? await startEmulator() : undefined;
  const { accounts, tokenProviders } = regionAccounts(config, emulator, logger);
  // Tell the operator now, not at the first order, when a region's credentials need attention.
  await Promise.all(
    tokenProviders.map(async (provider) => {
      const health = await provider.probe();
      if (health.state === 'ready') logger.info({ region: provider.region, mfa: health.mfa }, 'Partner Center token ready');
    }),
  );
  const services: GatewayServices = {
    checker: await createStatusCache(config, createStatusChecker({ accounts, resilience: resilienceOf(config) }), logger),
    maxResellersPerQuery: config.limits.maxResellersPerQuery,
    operationDeadlineMs: config.resilience.operationDeadlineMs,
    failPolicy: config.failPolicy,
  };
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    introspection: sandbox,
    plugins: [
      sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      // Per-field timings would tell callers how long Partner Center took; not shared.
      ApolloServerPluginInlineTraceDisabled(),
    ],
    formatError: maskUnexpectedErrors(logger),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const createContext = (acceptLanguage?: string) => createGatewayContext(services, negotiateLocale(null, acceptLanguage));
  let listening: ListeningServer | undefined;

  return {
    config,
    apollo,
    services,
    emulator,
    logger,
    tokenProviders,
    createContext,
    async listen() {
      const graphql = createGraphQLHttpHandler({
        apollo,
        context: async (req) => createContext(req.headers['accept-language']),
      });
      listening = await listen(createGatewayHttpServer({ graphql, logger }), config.port, config.host);
      return listening;
    },
    async stop() {
      await listening?.close();
      await apollo.stop();
      await services.checker.close();
      await emulator?.close();
    },
  };
}
