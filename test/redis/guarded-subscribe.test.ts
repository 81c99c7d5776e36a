import { classifyAnswer } from '../../src/partner-center/outcome/outcome-table';
import Redis from 'ioredis';
import pino from 'pino';
import { GuardedRedis, createGuardedRedis } from '../../src/redis/guarded-redis';
import { createMemoryStatusStore } from '../../src/status-cache/memory-status-store';
import { STORED_FORMAT_VERSION, createRedisStatusStore } from '../../src/status-cache/redis-status-store';
import type { StatusStore, StoredStatus } from '../../src/status-cache/status-store';
import { Deadline } from '../../src/time/deadline';
import { freePort } from '../support/processes';
import { RedisServer, startRedisServer } from '../support/redis-server';

const MESSAGES = { unreachable: 'test: Redis is unreachable', reachable: 'test: Redis is reachable again' };

/**
 * A MONITOR connection, opened by hand rather than with ioredis's `monitor()`: Redis may send the
 * first monitored line in the same packet as MONITOR's `OK`, before ioredis has switched the
 * connection to monitoring, and ioredis then reports a "Command queue state error" and loses that
 * line (`monitor()` rejects on it). That error is ignored here; any command in that gap ran
 * before the caller's next command, so a count asked for after this resolves includes it.
 */
async function openMonitor(url: string): Promise<Redis> {
  const monitor = new Redis(url, { monitor: true });
  await new Promise<void>((resolve, reject) => {
    monitor.on('error', (error: Error) => {
      if (!error.message.startsWith('Command queue state error')) reject(error);
    });
    monitor.once('monitoring', () => resolve());
  });
  return monitor;
}

/**
 * Resolves once some connection to the Redis at `url` is subscribed to `channel`: at once if
 * one is, else when Redis runs that SUBSCRIBE (seen through MONITOR, watched before asking).
 */
async function subscribedTo(url: string, channel: string): Promise<void> {
  const monitor = await openMonitor(url);
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

  describe("a replica's status store started before Redis", () => {
    let stores: StatusStore[] = [];
    afterEach(async () => {
      await Promise.all(stores.map((store) => store.close()));
      stores = [];
    });

    it("wakes its claim waiters with the fetching replica's notification once Redis is there", async () => {
      const port = await freePort();
      const url = `redis://127.0.0.1:${port}`;
      const storeOf = () =>
        createRedisStatusStore({
          url,
          kind: 'agreement',
          fallback: createMemoryStatusStore(),
          logger: pino({ level: 'silent' }),
          // Only a notification can wake a waiter within the test.
          fallbackPollMs: 600_000,
          connectTimeoutMs: 20_000,
          retryAfterMs: 100,
          channelTagOf: () => 'acct',
        });
      const waiting = storeOf();
      stores.push(waiting);
      // A claim while Redis is not there yet: it listens on the account's channel, and falls back to this replica.
      await waiting.claim('first', Date.now() + 10_000);

      server = await startRedisServer({ port });
      const fetching = storeOf();
      stores.push(fetching);
      await Promise.all([waiting.whenReady(), fetching.whenReady()]);
      await subscribedTo(url, `mpa:v${STORED_FORMAT_VERSION}:agreement:acct:settled`);

      const held = await fetching.claim('second', Date.now() + 10_000);
      const wanted = await waiting.claim('second', Date.now() + 10_000);
      if (!held.claimed || wanted.claimed) throw new Error('expected the fetching replica to hold the claim');
      const result = wanted.wait(Deadline.after(600_000));
      const answer: StoredStatus = { outcome: classifyAnswer({ type: 'agreement', isAgreementSigned: true }), checkedAt: Date.now() };
      await held.claim.settle(answer);
      await expect(result).resolves.toEqual(answer);
    });
  });
});
