import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { CspRegion } from '../partner-center/csp-region';
import { RegionAccount } from '../partner-center/status-checker';
import { createMemoryDirectoryStore } from '../relationship-directory/memory-directory-store';
import { createRedisDirectoryStore } from '../relationship-directory/redis-directory-store';
import { RelationshipDirectories, createRelationshipDirectories } from '../relationship-directory/relationship-directories';
import type { RedisHealth } from '../redis/redis-health';
import { deploymentIdentityOf } from './status-cache';

/**
 * Each account's reseller list: in memory per replica, or in Redis shared by replicas (one
 * refresh per account across them) with memory as fallback. Not started yet.
 */
export function createDirectories(
  config: GatewayConfig,
  accounts: readonly RegionAccount[],
  logger: Logger,
  onRefresh: (region: CspRegion, event: { readonly fetched: boolean; readonly ok: boolean; readonly changed: boolean }) => void,
  onRejectedEntry?: (kind: string) => void,
  redisHealth?: RedisHealth,
): RelationshipDirectories {
  const { relationships, cache, resilience } = config;
  const memory = createMemoryDirectoryStore();
  const identity = deploymentIdentityOf(config);
  const store = cache.redisUrl
    ? createRedisDirectoryStore({
        url: cache.redisUrl,
        keyPrefix: cache.redisKeyPrefix,
        fallback: memory,
        logger,
        longestRefreshMs: relationships.refreshTimeoutMs + 2_000,
        // A list past the age no replica may use is no use to keep.
        keepMs: relationships.maxAgeSeconds * 1000,
        health: redisHealth,
        commandTimeoutMs: cache.redisCommandTimeoutMs,
        identityTagOf: (region) => identity.tagOf(region),
        signingKey: cache.redisSigningKey,
        onRejectedEntry: (kind) => onRejectedEntry?.(kind),
      })
    : memory;
  return createRelationshipDirectories({
    accounts,
    store,
    logger,
    refreshIntervalMs: relationships.refreshIntervalSeconds * 1000,
    refreshTimeoutMs: relationships.refreshTimeoutMs,
    maxAgeMs: relationships.maxAgeSeconds * 1000,
    forcedRefreshCooldownMs: relationships.forcedRefreshCooldownSeconds * 1000,
    retry: { maxAttempts: resilience.maxAttempts, baseDelayMs: resilience.baseDelayMs, maxDelayMs: resilience.maxDelayMs },
    onRefresh,
  });
}
