import { readFileSync } from 'node:fs';
import { Logger } from 'pino';
import { Agent } from 'undici';
import {
  ConfigError,
  GatewayConfig,
  RegionAccountConfig,
  authorityHost,
  partnerCenterBaseUrl,
  partnerCenterScope,
  tokenCacheFile,
  tokenCacheKey,
} from '../config/gateway-config';
import { AppUserTokenProvider, createAppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { createMsalNetworkClient } from '../partner-center/auth/msal-network-client';
import { createFileTokenCacheStore } from '../partner-center/auth/token-cache-store';
import { TokenProvider, createStaticTokenProvider } from '../partner-center/auth/token-provider';
import { PartnerCenterClientOptions, createPartnerCenterClient } from '../partner-center/client/partner-center-client';
import { createPartnerCenterDispatcher } from '../partner-center/client/dispatcher';
import { CspRegion } from '../partner-center/csp-region';
import { createAccountCapacity } from '../partner-center/resilience/account-capacity';
import { SharedBudgetStore } from '../partner-center/resilience/shared-pace';
import { UpstreamPathOptions } from '../partner-center/resilience/upstream-path';
import { WorkClass } from '../partner-center/resilience/work-class';
import { RegionAccount } from '../partner-center/status-checker';
import { AccountClientOptions } from './sandbox';

/** How an account's calls share its budget: with other processes through Redis, and which class they are by default. */
export interface AccountBudgetSettings {
  /** Default none: each process paces itself. The budget every process using the account shares. */
  readonly sharedBudgetFor?: (region: CspRegion) => SharedBudgetStore | undefined;
  /** Default `'interactive'`. `bulk` for a process whose every call is bulk work (the audit). */
  readonly workClass?: WorkClass;
}

/** Client options every account shares: program, timeout, locale, its own adaptive capacity, the call hook. */
export function accountClientOptions(
  config: GatewayConfig,
  onCall: (region: CspRegion) => PartnerCenterClientOptions['onCall'],
  budget: AccountBudgetSettings = {},
): AccountClientOptions {
  return (region) => ({
    program: config.partnerCenter.program,
    timeoutMs: config.partnerCenter.timeoutMs,
    locale: config.partnerCenter.locale,
    applicationName: config.partnerCenter.applicationName,
    maxPageBytes: config.relationships.maxPageBytes,
    capacity: createAccountCapacity({
      concurrency: config.limits.upstreamConcurrency,
      minConcurrency: config.limits.upstreamConcurrencyMin,
      maxConcurrency: config.limits.upstreamConcurrencyMax,
      maxAttemptMs: config.partnerCenter.timeoutMs,
      interactiveShare: config.limits.interactiveShare,
      workClass: budget.workClass,
      sharedBudget: budget.sharedBudgetFor?.(region),
    }),
    onCall: onCall(region),
    region,
  });
}

/** Retries and circuit breaker per account, from `resilience`. */
export function upstreamPathOptions(config: GatewayConfig): UpstreamPathOptions {
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

/** The PEM text of a configured CA file; a clear configuration error when it cannot be read. */
function readCaFile(key: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${key}: cannot read ${file}`);
  }
}

/** An App+User token provider for one configured account (msal-node, secure application model). */
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
    cacheStore: createFileTokenCacheStore(tokenCacheFile(config, account.region), { encryptionKey: tokenCacheKey(config) }),
    logger,
    refreshMarginMs: config.auth.refreshMarginSeconds * 1000,
    // Always ours: msal-node's own client has no timeout on POSTs to the token endpoint.
    networkClient: createMsalNetworkClient({
      caCertificate,
      timeoutMs: config.auth.requestTimeoutMs,
      authorityOrigin: authorityHost(config),
    }),
  });
}

/** The configured Partner Center accounts, one client each; App+User providers kept for readiness. */
export function configuredAccounts(
  config: GatewayConfig,
  clientOptions: AccountClientOptions,
  logger: Logger,
): { accounts: RegionAccount[]; tokenProviders: AppUserTokenProvider[]; dispatcher: Agent } {
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
      client: createPartnerCenterClient({
        ...clientOptions(account.region),
        baseUrl: partnerCenterBaseUrl(config),
        tokenProvider,
        dispatcher,
      }),
    };
  });
  return { accounts, tokenProviders, dispatcher };
}
