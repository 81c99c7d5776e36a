import Redis from 'ioredis';
import { Logger } from 'pino';
import { createRedisConnection, describeRedisError, whenRedisReady } from './redis-connection';
import { RedisCommandOptions, RedisHealth, createRedisHealth, withinCommandTimeout } from './redis-health';

export interface GuardedRedisOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0`. */
  readonly url: string;
  readonly logger: Logger;
  /** Required. The log lines when Redis becomes unreachable and reachable again, saying what that means for its user. */
  readonly messages: { readonly unreachable: string; readonly reachable: string };
  /**
   * Default one of its own (from `commandTimeoutMs` and `retryAfterMs`). Whether Redis answers,
   * shared with the process's other users of the same Redis: a stall any of them met is known here.
   */
  readonly health?: RedisHealth;
  /** Default `250`. Without `health`: longest a Redis command may take before Redis counts as unreachable, in ms. */
  readonly commandTimeoutMs?: number;
  /** Default `5_000`. Without `health`: how long Redis is left alone after it failed, before one command tries it again, in ms. */
  readonly retryAfterMs?: number;
  /** Default `2_000`. How long start-up waits for Redis before going on without it. */
  readonly connectTimeoutMs?: number;
}

/**
 * A Redis connection (and a subscriber) that is never waited on once it fails: the shared
 * `RedisHealth` notices a failure or a stall once (here or at another user of the same Redis),
 * every command then says "use your fallback" at once, and one command tries Redis again after
 * `retryAfterMs`.
 */
export interface GuardedRedis {
  /** Runs a command unless Redis is known to be unreachable; undefined means "use the fallback". */
  attempt<T>(command: (redis: Redis) => Promise<T>, options?: RedisCommandOptions): Promise<{ readonly value: T } | undefined>;
  /**
   * Runs a command that must get through (a recheck's answer): past the circuit breaker, again
   * and again until it works or `untilMs` (epoch ms) passes; undefined when it never did. Only
   * for commands that are safe to repeat: one that timed out here may still run in Redis later.
   */
  insist<T>(command: (redis: Redis) => Promise<T>, untilMs: number): Promise<{ readonly value: T } | undefined>;
  /** Calls `onMessage` with every message published on `channel`; subscribes once Redis is ready, and again each time it comes back. */
  subscribe(channel: string, onMessage: (message: string) => void): void;
  /** Resolves once connected, or once start-up gave up on Redis (then degraded). */
  whenReady(): Promise<void>;
  close(): Promise<void>;
}

export function createGuardedRedis(options: GuardedRedisOptions): GuardedRedis {
  const { logger } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const health = options.health ?? createRedisHealth({ commandTimeoutMs: options.commandTimeoutMs, retryAfterMs: options.retryAfterMs });
  const { commandTimeoutMs } = health;
  // The command timeout is the health's alone (it tells a stall from a busy event loop): a
  // timer of the connection's own would fire first after a long pause of the event loop.
  const redis = createRedisConnection({ url: options.url, connectTimeoutMs, commandTimeoutMs: null });
  const subscriber = createRedisConnection({ url: options.url, connectTimeoutMs, commandTimeoutMs: null });

  let degraded = false;
  const degrade = (error?: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn(error === undefined ? {} : { err: describeRedisError(error) }, options.messages.unreachable);
  };
  const recover = () => {
    if (!degraded) return;
    degraded = false;
    logger.info(options.messages.reachable);
  };
  const stopHearing = [health.onUnreachable(degrade), health.onReachable(recover)];
  redis.on('error', degrade);
  redis.on('ready', () => {
    if (health.reachable()) recover();
  });
  const quiet = () => undefined;
  subscriber.on('error', quiet);

  const listeners = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of listeners.get(channel) ?? []) listener(message);
  });
  // The connection policy queues nothing while Redis is away, so a SUBSCRIBE is only sent to a
  // ready connection; every time it becomes ready (at start, after Redis comes back) it
  // subscribes to every channel asked for so far. Subscribing twice to a channel is harmless.
  const subscribeTo = (channels: readonly string[]) => {
    if (subscriber.status !== 'ready' || channels.length === 0) return;
    subscriber.subscribe(...channels).catch((error: unknown) => {
      logger.debug({ err: describeRedisError(error) }, 'Redis subscribe failed; tried again once Redis is ready');
    });
  };
  subscriber.on('ready', () => subscribeTo([...listeners.keys()]));

  return {
    async attempt(command, commandOptions) {
      if (redis.status !== 'ready') {
        degrade(new Error(`Redis connection is ${redis.status}`));
        return undefined;
      }
      return health.run(() => command(redis), commandOptions);
    },
    async insist(command, untilMs) {
      for (let pause = 50; ; pause = Math.min(pause * 2, 400)) {
        if (redis.status === 'ready') {
          try {
            return { value: await withinCommandTimeout(command(redis), commandTimeoutMs) };
          } catch (error) {
            logger.debug({ err: describeRedisError(error) }, 'Redis command failed; trying again');
          }
        }
        if (Date.now() + pause >= untilMs) return undefined;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    },
    subscribe(channel, onMessage) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        subscribeTo([channel]);
      }
      set.add(onMessage);
    },
    async whenReady() {
      await whenRedisReady(redis, connectTimeoutMs);
      if (redis.status !== 'ready') degrade(new Error('no connection within the start-up timeout'));
    },
    async close() {
      for (const stop of stopHearing) stop();
      for (const client of [redis, subscriber]) {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }
    },
  };
}
