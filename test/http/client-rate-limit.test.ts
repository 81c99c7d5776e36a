import fetch from 'node-fetch';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import Redis from 'ioredis';
import { deploymentIdentityOf } from '../../src/compose/status-cache';
import { RedisServer, startRedisServer } from '../support/redis-server';

async function redisKeys(url: string, pattern: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    return await client.keys(pattern);
  } finally {
    client.disconnect();
  }
}

const QUERY = { query: '{ cspRegions { region } }' };

describe('Rate limit across replicas (Redis)', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: ProductionLikeGateway[];
  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
    // A busy machine can hold a Redis answer past the default 250 ms; that request would be counted by its replica alone.
    const config = { cache: { redisUrl: redis.url, redisCommandTimeoutMs: 5_000 }, http: { requestsPerMinute: 4 } };
    replicas = [await startProductionLikeGateway({ emulator, config }), await startProductionLikeGateway({ emulator, config })];
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await emulator.close();
    await redis.kill();
  });

  it('allows a client the limit once across replicas, not once per replica', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await replicas[i % 2].post(QUERY)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('Rate limit while Redis is gone', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replica: ProductionLikeGateway;
  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
    replica = await startProductionLikeGateway({ emulator, config: { cache: { redisUrl: redis.url }, http: { requestsPerMinute: 4 } } });
  });
  afterAll(async () => {
    await replica.stop();
    await emulator.close();
  });

  it('still holds the limit, counted by the replica alone', async () => {
    await redis.kill();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await replica.post(QUERY)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('Rate limit of two deployments on one Redis', () => {
  let redis: RedisServer;
  let deployments: ProductionLikeGateway[];
  beforeAll(async () => {
    redis = await startRedisServer();
    // Two deployments (each its own Partner Center account, here its own emulator) share one
    // Redis and one client's API key; each keeps its own count of that client's requests.
    const config = { cache: { redisUrl: redis.url, redisCommandTimeoutMs: 5_000 }, http: { requestsPerMinute: 2 } };
    deployments = [await startProductionLikeGateway({ config }), await startProductionLikeGateway({ config })];
  });
  afterAll(async () => {
    for (const deployment of deployments) await deployment.stop();
    await redis.kill();
  });

  it('counts a client against the limit of each deployment on its own, under keys that carry its identity', async () => {
    const [first, second] = deployments;
    const statuses = [(await first.post(QUERY)).status, (await first.post(QUERY)).status, (await first.post(QUERY)).status];
    expect(statuses).toEqual([200, 200, 429]);
    expect([(await second.post(QUERY)).status, (await second.post(QUERY)).status, (await second.post(QUERY)).status]).toEqual([
      200, 200, 429,
    ]);
    const keys = await redisKeys(redis.url, 'mpa:*rate:*');
    expect(keys).toHaveLength(2);
    for (const deployment of deployments) {
      const tag = deploymentIdentityOf(deployment.gateway.config).tag;
      expect(keys.filter((key) => key.startsWith(`mpa:${tag}:rate:`))).toHaveLength(1);
    }
  });
});

describe('Rate limit for anonymous callers behind a proxy', () => {
  it('tells callers apart by X-Forwarded-For when http.trustProxy names the proxy', async () => {
    const edge = await startProductionLikeGateway({
      config: { clientAuth: { allowAnonymous: true }, http: { requestsPerMinute: 2, trustProxy: '127.0.0.1' } },
    });
    try {
      const ask = (forwardedFor: string) =>
        fetch(edge.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify(QUERY),
        }).then((r) => r.status);
      expect([await ask('203.0.113.5'), await ask('203.0.113.5'), await ask('203.0.113.5')]).toEqual([200, 200, 429]);
      expect(await ask('203.0.113.6')).toBe(200);
    } finally {
      await edge.stop();
    }
  });

  it('ignores X-Forwarded-For by default: without a trusted proxy a caller cannot pick its own bucket', async () => {
    const edge = await startProductionLikeGateway({ config: { clientAuth: { allowAnonymous: true }, http: { requestsPerMinute: 2 } } });
    try {
      const ask = (forwardedFor: string) =>
        fetch(edge.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify(QUERY),
        }).then((r) => r.status);
      expect([await ask('203.0.113.7'), await ask('203.0.113.8'), await ask('203.0.113.9')]).toEqual([200, 200, 429]);
    } finally {
      await edge.stop();
    }
  });
});

describe('Operator defaults', () => {
  it('keeps idle connections 72 s, above common load-balancer idle timeouts', async () => {
    const edge = await startProductionLikeGateway();
    try {
      expect(edge.gateway.config.http.keepAliveTimeoutMs).toBe(72_000);
      const response = await fetch(edge.url.replace('/graphql', '/healthz'), { headers: { connection: 'keep-alive' } });
      expect(response.headers.get('keep-alive')).toBe('timeout=72');
    } finally {
      await edge.stop();
    }
  });
});
