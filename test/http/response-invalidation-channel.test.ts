import Redis from 'ioredis';
import pino from 'pino';
import { ResponseInvalidationChannel, createResponseInvalidationChannel } from '../../src/http/response-invalidation-channel';
import { RedisServer, startRedisServer } from '../support/redis-server';

const CHANNEL = 'mpa:emulator-united_states-0123456789ab:response-invalidation';

/** A channel whose invalidations are counted, with a wait for the next one. */
function listeningChannel(url: string) {
  let heard = 0;
  const waiting: Array<() => void> = [];
  const channel = createResponseInvalidationChannel({
    url,
    channels: [CHANNEL],
    onInvalidate: () => {
      heard += 1;
      for (const resolve of waiting.splice(0)) resolve();
    },
    logger: pino({ level: 'silent' }),
  });
  return { channel, heard: () => heard, next: () => new Promise<void>((resolve) => waiting.push(resolve)) };
}

/** Resolves once a connection listens on the channel (asked again every 20 ms). */
async function subscribed(url: string): Promise<void> {
  const admin = new Redis(url);
  try {
    for (;;) {
      const [, count] = (await admin.pubsub('NUMSUB', CHANNEL)) as [string, number];
      if (Number(count) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    admin.disconnect();
  }
}

describe('Response invalidation channel', () => {
  let redis: RedisServer;
  let teller: ResponseInvalidationChannel;
  let listener: ReturnType<typeof listeningChannel>;
  beforeAll(async () => {
    redis = await startRedisServer();
    teller = createResponseInvalidationChannel({
      url: redis.url,
      channels: [],
      onInvalidate: () => undefined,
      logger: pino({ level: 'silent' }),
    });
    listener = listeningChannel(redis.url);
  });
  afterAll(async () => {
    await teller.close();
    await listener.channel.close();
    await redis.kill();
  });

  it('hears another replica, and after Redis came back forgets its responses and hears it again', async () => {
    await subscribed(redis.url);
    const heard = listener.next();
    teller.publish(CHANNEL);
    await heard;
    const before = listener.heard();

    const port = redis.port;
    await redis.kill();
    const reconnected = listener.next();
    redis = await startRedisServer({ port });
    // Messages missed while Redis was away cannot be replayed: the listener forgets on reconnecting.
    await reconnected;
    expect(listener.heard()).toBe(before + 1);

    await subscribed(redis.url);
    const heardAgain = listener.next();
    teller.publish(CHANNEL);
    await heardAgain;
    expect(listener.heard()).toBe(before + 2);
  });
});
