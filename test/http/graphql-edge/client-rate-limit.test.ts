import Fastify, { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import pino from 'pino';
import { clientRateLimit } from '../../../src/http/graphql-edge/client-rate-limit';
import { createRedisHealth } from '../../../src/redis/redis-health';
import { RedisServer, startRedisServer } from '../../support/redis-server';

describe('The client rate limit on Redis, its only user in the process', () => {
  let redis: RedisServer;
  let admin: Redis;
  let app: FastifyInstance;
  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    app = Fastify();
    app.decorateRequest('gatewayClient', null);
    await app.register(async (scope) => {
      await scope.register(clientRateLimit, {
        // Never reached here: the loops below ask as fast as they can until Redis counts.
        requestsPerMinute: 1_000_000,
        keyOf: () => 'client-1',
        redisUrl: redis.url,
        redisKeyPrefix: 'rate-test:',
        // A short pause after a stall, so the test sees Redis found again.
        redisHealth: createRedisHealth({ commandTimeoutMs: 100, retryAfterMs: 200 }),
        logger: pino({ level: 'silent' }),
      });
      scope.get('/', async () => 'ok');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    admin.disconnect();
    await redis.kill();
  });

  const sharedCount = async () => Number((await admin.get('rate-test:local:rate:client-1')) ?? 0);
  const ask = async () => (await app.inject({ method: 'GET', url: '/' })).statusCode;

  it('counts on the replica alone while Redis is frozen, and in Redis again once it answers, with no other user to find it', async () => {
    // The connection is ready once a count reached Redis.
    while ((await sharedCount()) === 0) expect(await ask()).toBe(200);
    const before = await sharedCount();
    redis.freeze();
    try {
      // This count waits one timeout, then is made here.
      expect(await ask()).toBe(200);
    } finally {
      redis.thaw();
    }
    // The frozen count lands when Redis wakes; counts after the pause must reach Redis too.
    while ((await sharedCount()) < before + 2) expect(await ask()).toBe(200);
  });
});
