import Redis from 'ioredis';
import pino from 'pino';
import { GuardedRedis, createGuardedRedis } from '../../src/redis/guarded-redis';
import { freePort } from '../support/processes';
import { RedisServer, startRedisServer } from '../support/redis-server';

const MESSAGES = { unreachable: 'test: Redis is unreachable', reachable: 'test: Redis is reachable again' };

/**
 * Resolves once some connection to the Redis at `url` is subscribed to `channel`: at once if
 * one is, else when Redis runs that SUBSCRIBE (seen through MONITOR, watched before asking).
 */
async function subscribedTo(url: string, channel: string): Promise<void> {
  const client = new Redis(url);
  const monitor = await client.monitor();
  try {
    const seen = new Promise<void>((resolve) =>
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args[0]?.toLowerCase() === 'subscribe' && args.slice(1).includes(channel)) resolve();
      }),
    );
    const asker = new Redis(url);
    try {
      const [, count] = (await asker.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(count) === 0) await seen;
    } finally {
      asker.disconnect();
    }
  } finally {
    monitor.disconnect();
    client.disconnect();
  }
}

/** Publishes `message` on `channel` and resolves with what the listener got. */
async function publishAndReceive(url: string, channel: string, message: string, received: Promise<string>): Promise<string> {
  const publisher = new Redis(url);
  try {
    await publisher.publish(channel, message);
    return await received;
  } finally {
    publisher.disconnect();
  }
}

function nextMessage(redis: GuardedRedis, channel: string): Promise<string> {
  return new Promise((resolve) => redis.subscribe(channel, resolve));
}

describe('The guarded Redis subscriber', () => {
  jest.setTimeout(30_000);
  let server: RedisServer | undefined;
  let guarded: GuardedRedis | undefined;
  afterEach(async () => {
    await guarded?.close();
    await server?.kill();
    guarded = undefined;
    server = undefined;
  });

  it('subscribes once Redis starts, when it was asked to while Redis was not there yet', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    guarded = createGuardedRedis({ url, logger: pino({ level: 'silent' }), messages: MESSAGES, retryAfterMs: 100 });
    const received = nextMessage(guarded, 'mpa:test:settled');

    server = await startRedisServer({ port });
    await subscribedTo(url, 'mpa:test:settled');
    await expect(publishAndReceive(url, 'mpa:test:settled', 'key-1', received)).resolves.toBe('key-1');
  });

  it('is subscribed again after Redis restarts, to channels asked for before and while it was away', async () => {
    server = await startRedisServer();
    const { port, url } = server;
    guarded = createGuardedRedis({ url, logger: pino({ level: 'silent' }), messages: MESSAGES, retryAfterMs: 100 });
    await guarded.whenReady();
    const before = nextMessage(guarded, 'mpa:test:before');
    await subscribedTo(url, 'mpa:test:before');

    await server.kill();
    // Asked while Redis is away.
    const during = nextMessage(guarded, 'mpa:test:during');
    server = await startRedisServer({ port });

    await subscribedTo(url, 'mpa:test:before');
    await subscribedTo(url, 'mpa:test:during');
    await expect(publishAndReceive(url, 'mpa:test:before', 'key-2', before)).resolves.toBe('key-2');
    await expect(publishAndReceive(url, 'mpa:test:during', 'key-3', during)).resolves.toBe('key-3');
  });
});
