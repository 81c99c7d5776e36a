import { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { CspRegion } from '../partner-center/csp-region';
import { SharedBudgetStore } from '../partner-center/resilience/shared-pace';
import { createGuardedRedis } from '../redis/guarded-redis';
import type { RedisHealth } from '../redis/redis-health';
import { createRedisAccountBudget } from '../redis/redis-account-budget';
import { deploymentIdentityOf } from './status-cache';

/** Each account's budget shared through Redis by every process using it, or nothing without Redis. */
export interface AccountBudgets {
  /** The shared budget of a region's account; undefined without Redis (each process paces itself). */
  sharedBudgetFor(region: CspRegion): SharedBudgetStore | undefined;
  close(): Promise<void>;
}

/**
 * One Partner Center account, one budget: with `cache.redisUrl`, every process of this
 * deployment (replicas, the audit) spends each account's pace from one bucket in Redis, keyed
 * by the account's identity. Without Redis, or while it cannot be reached, each process paces
 * itself as before.
 */
export async function createAccountBudgets(
  config: GatewayConfig,
  logger: Logger,
  redisHealth: RedisHealth | undefined,
): Promise<AccountBudgets> {
  const { cache } = config;
  if (!cache.redisUrl) return { sharedBudgetFor: () => undefined, close: () => Promise.resolve() };
  const redis = createGuardedRedis({
    url: cache.redisUrl,
    logger,
    messages: {
      unreachable: 'Redis unreachable: each process paces its Partner Center calls on its own until it is back',
      reachable: 'Redis reachable again: Partner Center accounts share their budget across processes again',
    },
    health: redisHealth,
    commandTimeoutMs: cache.redisCommandTimeoutMs,
  });
  await redis.whenReady();
  const identity = deploymentIdentityOf(config);
  const budgets = new Map<CspRegion, SharedBudgetStore>();
  return {
    sharedBudgetFor(region) {
      let budget = budgets.get(region);
      if (!budget) {
        budget = createRedisAccountBudget({
          redis,
          identityTag: identity.tagOf(region),
          keyPrefix: cache.redisKeyPrefix,
          interactiveShare: config.limits.interactiveShare,
        });
        budgets.set(region, budget);
      }
      return budget;
    },
    close: () => redis.close(),
  };
}
