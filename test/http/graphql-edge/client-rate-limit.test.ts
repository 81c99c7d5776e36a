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

  it('is ready to count in Redis once registered, even when Redis is slow to answer at start', async () => {
    // Redis holds every command (the connection's ready check included) for 300 ms.
    await admin.client('PAUSE', '300', 'ALL');
    const starting = Fastify();
    starting.decorateRequest('gatewayClient', null);
    await starting.register(async (scope) => {
      await scope.register(clientRateLimit, {
        requestsPerMinute: 1_000,
        keyOf: () => 'client-2',
        redisUrl: redis.url,
        redisKeyPrefix: 'rate-test:',
        logger: pino({ level: 'silent' }),
      });
      scope.get('/', async () => 'ok');
    });
    await starting.ready();
    try {
      // The first request after start is counted across replicas, not by this one alone.
      expect((await starting.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      expect(await admin.get('rate-test:local:rate:client-2')).toBe('1');
    } finally {
      await starting.close();
    }
  });
});
