import fetch from 'node-fetch';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';

const QUERY = { query: '{ cspRegions { region } }' };

describe('Rate limit across replicas (Redis)', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: ProductionLikeGateway[];
  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
    const config = { cache: { redisUrl: redis.url }, http: { requestsPerMinute: 4 } };
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
