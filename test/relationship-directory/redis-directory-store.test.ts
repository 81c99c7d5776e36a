import Redis from 'ioredis';
import pino from 'pino';
import { createGuardedRedis } from '../../src/redis/guarded-redis';
import { createRedisHealth } from '../../src/redis/redis-health';
import { createMemoryDirectoryStore } from '../../src/relationship-directory/memory-directory-store';
import { createRedisDirectoryStore } from '../../src/relationship-directory/redis-directory-store';
import { RedisServer, startRedisServer } from '../support/redis-server';

const silent = pino({ level: 'silent' });

describe('The reseller-list store in Redis', () => {
  let redis: RedisServer;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.kill();
  });

  it('moves a list slower than the command timeout without sending the other Redis users to their fallback', async () => {
    // Another user of the same Redis in the process (the status cache, say) shares the health.
    const health = createRedisHealth({ commandTimeoutMs: 100, retryAfterMs: 60_000 });
    const other = createGuardedRedis({ url: redis.url, logger: silent, messages: { unreachable: 'x', reachable: 'y' }, health });
    const store = createRedisDirectoryStore({
      url: redis.url,
      keyPrefix: `lists-${process.pid}:`,
      fallback: createMemoryDirectoryStore(),
      logger: silent,
      longestRefreshMs: 10_000,
      keepMs: 60_000,
      health,
    });
    try {
      await Promise.all([store.whenReady(), other.whenReady()]);
      const started = await store.clock();
      // Redis holds every command for 300 ms, as a large list over a slow link takes that long.
      await admin.client('PAUSE', '300', 'ALL');
      const list = { fetchedAt: Date.now(), relationships: [], startedAt: started.at, forced: false };
      expect(await store.write('UNITED_STATES', list, started.generation)).toBe('written');
      expect(health.reachable()).toBe(true);
      expect(await other.attempt((client) => client.ping())).toEqual({ value: 'PONG' });
      expect(await store.read('UNITED_STATES')).toEqual(list);
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });
});
