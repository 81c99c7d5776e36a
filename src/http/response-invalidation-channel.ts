import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Logger } from 'pino';

export interface ResponseInvalidationChannelOptions {
  /** Required. The Redis the replicas share (`cache.redisUrl`). */
  readonly url: string;
  /** Required. Pub/sub channel name; replicas of one deployment use the same. */
  readonly channel: string;
  /** Required. Called when another replica invalidated its responses, or after Redis was away. */
  readonly onInvalidate: () => void;
  readonly logger: Logger;
}

/** Tells the other replicas that responses must be forgotten, and hears them tell this one. */
export interface ResponseInvalidationChannel {
  /** Fire and forget: a Redis that does not answer costs the caller nothing. */
  publish(): void;
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
  const connectionOptions = {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const subscriber = new Redis(options.url, connectionOptions);
  const publisher = new Redis(options.url, connectionOptions);
  let warned = false;
  const warnOnce = (error: Error) => {
    if (warned) return;
    warned = true;
    options.logger.warn(
      { err: error },
      'response micro-cache: Redis is unreachable; rechecks empty this replica only until it answers again',
    );
  };
  subscriber.on('error', warnOnce);
  publisher.on('error', warnOnce);
  let subscribedBefore = false;
  subscriber.on('ready', () => {
    warned = false;
    if (subscribedBefore) options.onInvalidate();
    subscribedBefore = true;
  });
  subscriber.on('message', (channel: string, message: string) => {
    if (channel === options.channel && message !== replicaId) options.onInvalidate();
  });
  subscriber.subscribe(options.channel).catch(warnOnce);

  return {
    publish() {
      publisher.publish(options.channel, replicaId).catch(warnOnce);
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
