import { Logger } from 'pino';
import { createDecisionLog } from '../observability/decision-log';
import { ConfigError, GatewayConfig } from '../config/gateway-config';
import { GatewayServices } from '../operation/operation-context';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { createUpstreamCallReporter } from '../observability/upstream-call-reporter';
import { AppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { CspRegion } from '../partner-center/csp-region';
import { createStatusChecker } from '../partner-center/status-checker';
import { WorkClass } from '../partner-center/resilience/work-class';
import { RedisHealth } from '../redis/redis-health';
import { createAccountBudgets } from './account-budgets';
import { accountClientOptions, configuredAccounts, upstreamPathOptions } from './region-accounts';
import { SANDBOX_REGIONS, SandboxEmulator, isSandbox, productionKeysSet, startSandbox } from './sandbox';
import { claimSharedRedis, createStatusCache, sharedRedisHealth } from './status-cache';
import { createDirectories } from './relationship-directories';
import { createPartnerOfRecordCache } from './partner-of-record';

export interface StatusServicesOptions {
  /** Required. Accounts, cache, limits, resilience and fail policy come from here. */
  readonly config: GatewayConfig;
  /** Required. Token, cache and upstream call lines go here. */
  readonly logger: Logger;
  /** Required. Counts every Partner Center call and cache lookup. */
  readonly metrics: GatewayMetrics;
  /**
   * Default none. Told after every recheck and every reseller list that replaced another, so
   * answers built on the old status or list can be dropped.
   */
  readonly onRecheck?: (region: CspRegion) => void;
  /** Default `'interactive'`. The class of this process's Partner Center calls: `bulk` for the audit. */
  readonly workClass?: WorkClass;
  /**
   * Default one of its own (with `cache.redisUrl`). Whether Redis answers, shared by every user
   * of it in this process: the caches, the lists and the budgets here, and the gateway's client
   * rate limit, so a frozen Redis costs an operation one timeout, not one per user.
   */
  readonly redisHealth?: RedisHealth;
}

/** Everything that checks a reseller's status, without HTTP or GraphQL: the gateway's and the audit's. */
export interface StatusServices {
  /** What every operation context is made from: the cached, limited checker and the per-operation limits. */
  readonly services: GatewayServices;
  /** Whether the answers come from the built-in emulator. */
  readonly sandbox: boolean;
  /** Set in sandbox mode: the built-in emulator the accounts talk to. */
  readonly emulator: SandboxEmulator | undefined;
  /** App+User token providers, one per account that has App+User credentials. */
  readonly tokenProviders: readonly AppUserTokenProvider[];
  /** Starts the reseller lists' first fetch and their schedule (separately, so a caller may listen first). */
  startDirectories(): void;
  /** Closes the reseller lists, the cache's connections, the Partner Center connection pool and the sandbox emulator. */
  close(): Promise<void>;
}

/**
 * Whether this configuration runs in sandbox mode; a configuration error when it is neither
 * sandbox nor has any account, since nothing could then be checked.
 */
export function sandboxOrAccounts(config: GatewayConfig): boolean {
  const sandbox = isSandbox(config);
  if (!sandbox && config.accounts.length === 0) {
    const production = productionKeysSet(config);
    const why =
      production.length > 0
        ? `${production.join(', ')} ${production.length === 1 ? 'is' : 'are'} set for production; configure accounts, or remove ${production.length === 1 ? 'it' : 'them'} to try the built-in emulator.`
        : 'sandbox is false; configure accounts, or set sandbox to true to try the built-in emulator.';
    throw new ConfigError(`Invalid configuration: accounts is empty, so there is no Partner Center account to ask, and ${why}`);
  }
  return sandbox;
}

/**
 * The region accounts (or, in sandbox mode, the emulator and its accounts), each with its
 * adaptive capacity, retries and breaker, behind the shared status cache (Redis when
 * configured). Every token provider is probed once, so a region whose credentials need
 * attention is told now rather than at the first question.
 */
export async function createStatusServices(options: StatusServicesOptions): Promise<StatusServices> {
  const { config, logger, metrics } = options;
  const sandbox = sandboxOrAccounts(config);
  // Before anything starts: a sandbox given a real deployment's Redis stops here.
  await claimSharedRedis(config);
  const redisHealth = options.redisHealth ?? sharedRedisHealth(config);
  const budgets = await createAccountBudgets(config, logger, redisHealth);
  const clientOptions = accountClientOptions(config, createUpstreamCallReporter(metrics, logger), {
    sharedBudgetFor: (region) => budgets.sharedBudgetFor(region),
    workClass: options.workClass,
  });
  const sandboxParts = sandbox ? await startSandbox(config, clientOptions) : undefined;
  const built = sandboxParts ?? configuredAccounts(config, clientOptions, logger);
  const tokenProviders = 'tokenProviders' in built ? built.tokenProviders : [];
  await Promise.all(
    tokenProviders.map(async (provider) => {
      const health = await provider.probe();
      if (health.state === 'ready') logger.info({ region: provider.region, mfa: health.mfa }, 'Partner Center token ready');
    }),
  );
  const onRecheck = options.onRecheck ?? (() => undefined);
  const directories = createDirectories(
    config,
    built.accounts,
    logger,
    (region, event) => {
      if (event.fetched) metrics.directoryRefresh(region, event.ok);
      // Responses built on the old list must not be served again.
      if (event.changed) onRecheck(region);
    },
    (kind) => metrics.cacheEntryRejected(kind),
    redisHealth,
  );
  const partnerOfRecord = await createPartnerOfRecordCache(config, built.accounts, logger, metrics, onRecheck, redisHealth);
  const services: GatewayServices = {
    directories,
    checks: config.checks,
    checker: await createStatusCache(
      config,
      createStatusChecker({ accounts: built.accounts, resilience: upstreamPathOptions(config) }),
      logger,
      metrics,
      onRecheck,
      redisHealth,
    ),
    partnerOfRecord: partnerOfRecord.checker,
    partnerOfRecordBatches: partnerOfRecord.batches,
    maxResellersPerQuery: config.limits.maxResellersPerQuery,
    operationDeadlineMs: config.resilience.operationDeadlineMs,
    failPolicy: config.failPolicy,
    failOpenOnCredentialsRejected: config.failOpenOnCredentialsRejected,
    decisionLog: createDecisionLog({ destination: config.decisionLog.destination, resellerIds: config.tracing.resellerIds }),
  };
  return {
    services,
    sandbox,
    emulator: sandboxParts?.emulator,
    tokenProviders,
    startDirectories: () => directories.start(),
    async close() {
      await directories.close();
      await services.checker.close();
      await services.partnerOfRecord.close();
      await built.dispatcher.close();
      await sandboxParts?.emulator.close();
      await budgets.close();
    },
  };
}

/** The regions this configuration has an account for (the sandbox's in sandbox mode), without starting anything. */
export function configuredRegions(config: GatewayConfig): readonly CspRegion[] {
  return isSandbox(config) ? SANDBOX_REGIONS : config.accounts.map((account) => account.region);
}
