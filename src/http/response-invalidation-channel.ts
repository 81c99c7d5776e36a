import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { createRedisConnection, describeRedisError, reportRedisHealth } from '../redis/redis-connection';

export interface ResponseInvalidationChannelOptions {
  /** Required. The Redis the replicas share (`cache.redisUrl`). */
  readonly url: string;
  /**
   * Required. Pub/sub channels this replica hears, one per region account: each name carries
   * the account's identity, so replicas of another deployment on the same Redis are never told.
   */
  readonly channels: readonly string[];
  /** Required. Called when another replica invalidated its responses, or after Redis was away. */
  readonly onInvalidate: () => void;
  readonly logger: Logger;
}

/** Tells the other replicas that responses must be forgotten, and hears them tell this one. */
export interface ResponseInvalidationChannel {
  /** Fire and forget on one of the channels: a Redis that does not answer costs the caller nothing (tried again each second for 30 s). */
  publish(channel: string): void;
  close(): Promise<void>;
}

/**
 * Redis pub/sub between replicas for the response micro-cache: a recheck on one replica
 * empties every replica's micro-cache. The subscription has its own connection (a
 * subscribed connection can do nothing else). Messages missed while Redis was away cannot
 * be replayed, so on reconnecting a replica forgets its responses anyway.
 */
export function createResponseInvalidationChannel(options: ResponseInvalidationChannelOptions): ResponseInvalidationChannel {
  const replicaId = randomUUID();
  // The subscribed connection waits for messages: no command timeout.
  const subscriber = createRedisConnection({ url: options.url, commandTimeoutMs: null });
  const publisher = createRedisConnection({ url: options.url, commandTimeoutMs: 1_000 });
  reportRedisHealth([subscriber, publisher], options.logger, {
    unreachable: 'response micro-cache: Redis is unreachable; rechecks empty this replica only until it answers again',
  });
  let subscribedBefore = false;
  subscriber.on('ready', () => {
    // Commands are not queued while Redis is away, so the channels are asked for once connected.
    if (options.channels.length > 0) {
      subscriber.subscribe(...options.channels).catch((error: unknown) => {
        options.logger.debug({ err: describeRedisError(error) }, 'response micro-cache: subscribing failed');
      });
    }
    if (subscribedBefore) options.onInvalidate();
    subscribedBefore = true;
  });
  subscriber.on('message', (channel: string, message: string) => {
    if (options.channels.includes(channel) && message !== replicaId) options.onInvalidate();
  });
  const retries = new Set<NodeJS.Timeout>();

  return {
    publish(channel) {
      // Tried again every second for half a minute: a replica that misses it serves responses
      // built on the old answer until its micro-cache forgets them.
      const attempt = (left: number) =>
        publisher.publish(channel, replicaId).catch((error: unknown) => {
          options.logger.debug({ err: describeRedisError(error) }, 'response micro-cache: publishing an invalidation failed');
          if (left <= 0) return;
          const retry = setTimeout(() => {
            retries.delete(retry);
            void attempt(left - 1);
          }, 1_000).unref();
          retries.add(retry);
        });
      void attempt(30);
    },
    async close() {
      for (const retry of retries) clearTimeout(retry);
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
