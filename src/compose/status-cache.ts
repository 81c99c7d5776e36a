import { Logger } from 'pino';
import { PARTNER_CENTER_CLOUDS } from '../config/account-schema';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { CspRegion } from '../partner-center/csp-region';
import { StatusChecker } from '../partner-center/status-checker';
import { AccountIdentity, DeploymentIdentity, createDeploymentIdentity, tokenAccount } from '../redis/deployment-identity';
import { registerDeployment } from '../redis/deployment-registry';
import { RedisHealth, createRedisHealth } from '../redis/redis-health';
import { createCachingStatusChecker } from '../status-cache/caching-status-checker';
import { traceEvent } from '../observability/partner-center-span';
import { createMemoryStatusStore } from '../status-cache/memory-status-store';
import { StatusAnswerKind, createRedisStatusStore } from '../status-cache/redis-status-store';
import { StatusStore } from '../status-cache/status-store';
import { SANDBOX_REGIONS, isSandbox } from './sandbox';

/**
 * Who this configuration's answers belong to, account by account: the cloud and base URL,
 * the program, the account's tenant (or its fixed token's hash) and whether it is the
 * sandbox, an emulator or a real Partner Center. Every shared key and channel carries it.
 */
export function deploymentIdentityOf(config: GatewayConfig): DeploymentIdentity {
  const { cloud, program } = config.partnerCenter;
  const baseUrl = `${cloud} ${config.partnerCenter.baseUrl ?? PARTNER_CENTER_CLOUDS[cloud].baseUrl}`;
  if (isSandbox(config)) {
    return createDeploymentIdentity(
      SANDBOX_REGIONS.map((region) => ({ region, baseUrl: 'built-in', program, account: 'sandbox', kind: 'sandbox' })),
    );
  }
  return createDeploymentIdentity(
    config.accounts.map((account): AccountIdentity =>
      account.staticToken
        ? { region: account.region, baseUrl, program, account: tokenAccount(account.staticToken), kind: 'emulator' }
        : { region: account.region, baseUrl, program, account: account.tenantId ?? 'unknown', kind: 'live' },
    ),
  );
}

/**
 * Before anything is read from a shared Redis: records this deployment's accounts there,
 * and stops a process answering from an emulator that was given a real deployment's Redis.
 */
export async function claimSharedRedis(config: GatewayConfig): Promise<void> {
  const { cache } = config;
  if (!cache.redisUrl) return;
  await registerDeployment({
    url: cache.redisUrl,
    prefix: cache.redisKeyPrefix,
    identity: deploymentIdentityOf(config),
    allowSharedWithSandbox: cache.allowSharedRedisWithSandbox,
  });
}

/**
 * One view of whether the configured Redis answers, for every user of it in this process
 * (`cache.redisCommandTimeoutMs` bounds each command); undefined without `cache.redisUrl`.
 */
export function sharedRedisHealth(config: GatewayConfig): RedisHealth | undefined {
  return config.cache.redisUrl ? createRedisHealth({ commandTimeoutMs: config.cache.redisCommandTimeoutMs }) : undefined;
}

/**
 * Where answers of one kind are kept, ready to use: memory per replica, or Redis shared by
 * replicas (under `cache.redisKeyPrefix` and the kind, signed when configured) with memory as
 * its fallback.
 */
export async function createSharedStatusStore(
  config: GatewayConfig,
  logger: Logger,
  metrics: GatewayMetrics,
  kind: StatusAnswerKind,
  redisHealth: RedisHealth | undefined,
): Promise<StatusStore> {
  const { cache } = config;
  const memory = createMemoryStatusStore({ maxEntries: cache.maxEntries });
  const store = cache.redisUrl
    ? createRedisStatusStore({
        url: cache.redisUrl,
        keyPrefix: cache.redisKeyPrefix,
        kind,
        fallback: memory,
        logger,
        // No flight outlives the latest deadline a caller can bring.
        longestFetchMs: config.resilience.operationDeadlineMs + 2_000,
        health: redisHealth,
        commandTimeoutMs: cache.redisCommandTimeoutMs,
        signingKey: cache.redisSigningKey,
        onRejectedEntry: (kind) => metrics.cacheEntryRejected(kind),
      })
    : memory;
  await store.whenReady();
  return store;
}

/** The shared status cache: memory per replica, or Redis shared by replicas with memory as fallback. */
export async function createStatusCache(
  config: GatewayConfig,
  inner: StatusChecker,
  logger: Logger,
  metrics: GatewayMetrics,
  onRecheck: (region: CspRegion) => void,
  redisHealth: RedisHealth | undefined,
): Promise<StatusChecker> {
  const { cache } = config;
  const identity = deploymentIdentityOf(config);
  const store = await createSharedStatusStore(config, logger, metrics, 'agreement', redisHealth);
  return createCachingStatusChecker({
    inner,
    store,
    identityTagOf: (region) => identity.tagOf(region),
    onLookup: (hit) => {
      metrics.cacheLookup(hit);
      traceEvent(hit ? 'status cache hit' : 'status cache miss');
    },
    onRecheck,
    ttlMs: {
      positive: cache.ttlSeconds.positive * 1000,
      negative: cache.ttlSeconds.negative * 1000,
      transient: cache.ttlSeconds.transient * 1000,
    },
  });
}
