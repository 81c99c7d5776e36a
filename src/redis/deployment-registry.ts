import { ConfigError } from '../config/gateway-config';
import { DeploymentIdentity, identityTag } from './deployment-identity';
import { createRedisConnection } from './redis-connection';

export interface DeploymentRegistryOptions {
  /** Required. The shared Redis (`cache.redisUrl`). */
  readonly url: string;
  /** Required. `cache.redisKeyPrefix`. */
  readonly prefix: string;
  /** Required. This process's accounts. */
  readonly identity: DeploymentIdentity;
  /** Default `false`. `cache.allowSharedRedisWithSandbox`: let an emulated process use a Redis a real deployment uses. */
  readonly allowSharedWithSandbox?: boolean;
  /** Default `2_000`. How long to wait for Redis; past it the check is skipped (the caches degrade to memory anyway). */
  readonly connectTimeoutMs?: number;
}

/** What the registry keeps per account tag: enough for an operator to tell whose entries they are. */
interface RegisteredAccount {
  readonly kind: string;
  readonly region: string;
  readonly baseUrl: string;
  readonly registeredAt: string;
}

/** The Redis hash listing every account that has used this Redis, by tag. */
export const registryKey = (prefix: string): string => `${prefix}deployments`;

/**
 * Records this process's accounts in the shared Redis and, for a process that answers from
 * an emulator (sandbox mode, or fixed-token accounts), refuses a Redis where a real
 * deployment keeps its answers: a forgotten configuration file must not put emulator answers
 * beside production's, nor read production's. Throws a ConfigError naming the key that allows it.
 */
export async function registerDeployment(options: DeploymentRegistryOptions): Promise<void> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  // A one-off check: no reconnecting, and a command may take as long as connecting.
  const client = createRedisConnection({
    url: options.url,
    lazyConnect: true,
    reconnect: false,
    connectTimeoutMs,
    commandTimeoutMs: connectTimeoutMs,
  });
  client.on('error', () => undefined);
  const key = registryKey(options.prefix);
  try {
    try {
      await client.connect();
    } catch {
      return;
    }
    const { identity } = options;
    if (identity.emulated && !options.allowSharedWithSandbox) {
      const registered = Object.values(await client.hgetall(key)).flatMap((text) => {
        try {
          return [JSON.parse(text) as RegisteredAccount];
        } catch {
          return [];
        }
      });
      const live = registered.filter((account) => account.kind === 'live');
      if (live.length > 0) {
        const regions = [...new Set(live.map((account) => account.region))].join(', ');
        throw new ConfigError(
          `cache.redisUrl: this Redis holds the entries of a real Partner Center deployment (${regions}), and this process answers from an emulator (sandbox mode or fixed-token accounts); give it a Redis of its own, or set cache.allowSharedRedisWithSandbox: true (MPA_ALLOW_SHARED_REDIS_WITH_SANDBOX=true) to share it anyway (each deployment still keeps to its own entries)`,
        );
      }
    }
    const registeredAt = new Date().toISOString();
    const fields = identity.accounts.flatMap((account) => [
      identityTag(account),
      JSON.stringify({ kind: account.kind, region: account.region, baseUrl: account.baseUrl, registeredAt } satisfies RegisteredAccount),
    ]);
    if (fields.length > 0) await client.hset(key, ...fields).catch(() => undefined);
  } finally {
    client.disconnect();
  }
}
