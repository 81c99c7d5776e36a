import pino from 'pino';
import { createRedisConnection, redisConnectionOptions, reportRedisHealth } from '../../src/redis/redis-connection';
import { captureLogs } from '../support/log-capture';
import { RedisServer, startRedisServer } from '../support/redis-server';

const RIGHT_PASSWORD = 'right-redis-password-2b8e';
const WRONG_PASSWORD = 'wrong-redis-password-9c41';

describe('The Redis connection policy', () => {
  it('never queues a command while Redis is away, and bounds commands and connecting', () => {
    expect(redisConnectionOptions({})).toMatchObject({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 250,
      // A connection closed while Redis is away is destroyed this soon (ioredis's own 2 s timer
      // held test workers open past the run: jest force-exited them).
      disconnectTimeout: 200,
    });
    expect(redisConnectionOptions({ commandTimeoutMs: null }).commandTimeout).toBeUndefined();
    const once = redisConnectionOptions({ reconnect: false });
    expect(once.maxRetriesPerRequest).toBe(0);
    expect(typeof once.retryStrategy === 'function' && once.retryStrategy(1)).toBeNull();
  });

  describe('when Redis refuses the password', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer({ password: RIGHT_PASSWORD });
    });
    afterAll(() => redis.kill());

    it('warns once without the password, even through a logger that redacts nothing', async () => {
      const logs = captureLogs();
      const logger = pino({ level: 'debug' }, logs.stream);
      const connection = createRedisConnection({ url: `redis://default:${WRONG_PASSWORD}@127.0.0.1:${redis.port}/0` });
      const warned = new Promise<void>((resolve) => connection.once('error', () => setImmediate(resolve)));
      reportRedisHealth([connection], logger, { unreachable: 'test: Redis is unreachable' });
      try {
        await warned;
      } finally {
        connection.disconnect();
      }
      expect(logs.lines).toHaveLength(1);
      const line = JSON.parse(logs.lines[0]) as { msg: string; err: { message: string } };
      expect(line.msg).toBe('test: Redis is unreachable');
      expect(line.err.message).toMatch(/WRONGPASS/);
      expect(logs.text()).not.toContain(WRONG_PASSWORD);
    });
  });
});
