import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { StatusChecker } from '../partner-center/status-checker';
import { createCachingStatusChecker } from '../status-cache/caching-status-checker';
import { traceEvent } from '../observability/partner-center-span';
import { createMemoryStatusStore } from '../status-cache/memory-status-store';
import { createRedisStatusStore } from '../status-cache/redis-status-store';

/** The shared status cache: memory per replica, or Redis shared by replicas with memory as fallback. */
export async function createStatusCache(
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
        // No flight outlives the latest deadline a caller can bring.
        longestFetchMs: config.resilience.operationDeadlineMs + 2_000,
        commandTimeoutMs: cache.redisCommandTimeoutMs,
      })
    : memory;
  await store.whenReady();
  return createCachingStatusChecker({
    inner,
    store,
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
