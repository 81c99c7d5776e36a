import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { PartnerOfRecordChecker, createPartnerOfRecordChecker } from '../partner-center/partner-of-record/por-checker';
import { RegionAccount, StatusChecker } from '../partner-center/status-checker';
import { createCachingStatusChecker } from '../status-cache/caching-status-checker';
import { CspRegion } from '../partner-center/csp-region';
import type { RedisHealth } from '../redis/redis-health';
import { createSharedStatusStore, deploymentIdentityOf } from './status-cache';

/**
 * Microsoft's partner-of-record verdict per partner ID and region, behind its own part of the
 * shared status cache: the same TTL classes, single-flight and (with Redis) sharing across
 * replicas as agreement answers, in a store of kind `partner-of-record`. The kind follows the
 * format version in every key and channel (`<prefix>v4:partner-of-record:status:…`, beside
 * `<prefix>v4:agreement:status:…`) and picks the key that seals each entry, so a verdict is
 * never read as an agreement answer, whatever key prefix another deployment on the same Redis
 * uses. Misses go out in batches per account.
 */
export async function createPartnerOfRecordCache(
  config: GatewayConfig,
  accounts: readonly RegionAccount[],
  logger: Logger,
  metrics: GatewayMetrics,
  onRecheck: (region: CspRegion) => void,
  redisHealth: RedisHealth | undefined,
): Promise<{ readonly checker: StatusChecker; readonly batches: PartnerOfRecordChecker }> {
  const { cache } = config;
  // The same account identity as the agreement answers: no deployment reads another's verdicts.
  const identity = deploymentIdentityOf(config);
  const store = await createSharedStatusStore(config, logger, metrics, 'partner-of-record', redisHealth);
  const inner = createPartnerOfRecordChecker({
    accounts,
    maxBatchSize: config.partnerOfRecord.maxBatchSize,
    maxAttempts: config.resilience.maxAttempts,
    baseDelayMs: config.resilience.baseDelayMs,
    maxDelayMs: config.resilience.maxDelayMs,
    onBatch: (batch) => metrics.partnerOfRecordBatch(batch),
  });
  const checker = createCachingStatusChecker({
    inner,
    store,
    identityTagOf: (region) => identity.tagOf(region),
    // Not counted in mpa_cache_lookups_total: that counts agreement answers, as the audit's summary does.
    onRecheck,
    ttlMs: {
      positive: cache.ttlSeconds.positive * 1000,
      negative: cache.ttlSeconds.negative * 1000,
      transient: cache.ttlSeconds.transient * 1000,
    },
  });
  return { checker, batches: inner };
}
