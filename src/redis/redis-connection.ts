import Redis, { RedisOptions } from 'ioredis';
import { Logger } from 'pino';
import { redactText } from '../observability/log-redaction';

export interface RedisConnectionOptions {
  /** Required. e.g. `redis://127.0.0.1:6379/0` (`cache.redisUrl`). */
  readonly url: string;
  /** Default `250` (`cache.redisCommandTimeoutMs`). Longest a command may take, in ms; `null` for none (a subscribed connection waits for messages). */
  readonly commandTimeoutMs?: number | null;
  /** Default `2_000`. Longest a connection attempt may take, in ms. */
  readonly connectTimeoutMs?: number;
  /** Default `true`. Reconnect after a lost connection (every 200 ms × attempts, at most every 2 s); `false` for a one-off use. */
  readonly reconnect?: boolean;
  /** Default `false`. Connect on `connect()` rather than at once. */
  readonly lazyConnect?: boolean;
}

/**
 * The gateway's one Redis connection policy, for every module that talks to Redis: a command
 * is never queued while Redis is away (it fails at once and its caller falls back), is tried
 * once more at most, and is bounded by a timeout, as is connecting; a lost connection is
 * tried again with a growing pause; a connection closed while Redis is away goes at once.
 */
export function redisConnectionOptions(options: Omit<RedisConnectionOptions, 'url'>): RedisOptions {
  const reconnect = options.reconnect ?? true;
  const commandTimeout = options.commandTimeoutMs === null ? undefined : (options.commandTimeoutMs ?? 250);
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: reconnect ? 1 : 0,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout,
    lazyConnect: options.lazyConnect ?? false,
    retryStrategy: reconnect ? (times: number) => Math.min(times * 200, 2_000) : () => null,
    // A connection closed while Redis is away is destroyed after this, not ioredis's 2 s: its
    // timer would otherwise hold a stopping process (or a test worker) open that long.
    disconnectTimeout: 200,
  };
}

/**
 * Resolves once `connection` is ready, or after `timeoutMs` (start-up goes on without Redis
 * then; the connection keeps trying in the background).
 */
export function whenRedisReady(connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    connection.once('ready', done);
  });
}

/** A Redis connection under the gateway's connection policy (`redisConnectionOptions`). */
export function createRedisConnection(options: RedisConnectionOptions): Redis {
  return new Redis(options.url, redisConnectionOptions(options));
}

/**
 * What of a Redis error may be logged: its kind, its code and its message with URL credentials
 * blanked; never the failed command's arguments (AUTH's are the password), whatever logger
 * writes the line.
 */
export function describeRedisError(error: unknown): { readonly type: string; readonly message: string; readonly code?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactText(String(error)) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: redactText(error.message), ...(typeof code === 'string' ? { code } : {}) };
}

/** The log lines of a connection's user when Redis goes away and comes back, saying what that means for it. */
export interface RedisHealthMessages {
  readonly unreachable: string;
  /** Default none: nothing is logged on recovery. */
  readonly reachable?: string;
}

/**
 * Warns once when a connection fails (its error described by `describeRedisError`), and not
 * again until it was ready in between.
 */
export function reportRedisHealth(connections: readonly Redis[], logger: Logger, messages: RedisHealthMessages): void {
  let warned = false;
  for (const connection of connections) {
    connection.on('error', (error: unknown) => {
      if (warned) return;
      warned = true;
      logger.warn({ err: describeRedisError(error) }, messages.unreachable);
    });
    connection.on('ready', () => {
      if (!warned) return;
      warned = false;
      if (messages.reachable) logger.info(messages.reachable);
    });
  }
}
