import pino from 'pino';
import { captureLogs } from '../support/log-capture';
import { parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/emulator-server';
import { Gateway, createGateway } from '../../src/gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { execute } from '../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) { __typename } } }`;

describe('Two replicas sharing Redis', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: Gateway[];
  const logs = captureLogs();
  const logLines = logs.lines;

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator({ latencyMs: 100 });
    const config = parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [
        { region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') },
        { region: 'EUROPE', staticToken: sandboxToken('EUROPE') },
      ],
      cache: { redisUrl: redis.url, redisKeyPrefix: `test-${process.pid}:` },
      resilience: { maxAttempts: 1 },
    });
    replicas = await Promise.all([0, 1].map(() => createGateway({ config, logger: pino({ level: 'warn' }, logs.stream) })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator.close();
    await redis.kill();
  });
  beforeEach(() => emulator.clearCalls());

  it('runs with real accounts, not the sandbox', () => {
    expect(replicas[0].emulator).toBeUndefined();
  });

  it('makes one upstream call for concurrent identical questions on both replicas', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => execute(replicas[i % 2], STATUS, { mpnId: '1000001' })),
    );
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(Array(40).fill('MpaSigned'));
    expect(emulator.callCount()).toBe(1);
  });

  it('serves the other replica from the shared entry afterwards', async () => {
    await execute(replicas[0], STATUS, { mpnId: '1000002' });
    await execute(replicas[1], STATUS, { mpnId: '1000002' });
    expect(emulator.callCount()).toBe(1);
  });

  it('shares an uncached answer (Partner Center unavailable) with the waiting replica', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => execute(replicas[i % 2], STATUS, { mpnId: '1000503' })),
    );
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(Array(10).fill('MpaPartnerCenterUnavailable'));
    expect(emulator.callCount()).toBe(1);
  });

  it('keeps answering when Redis dies mid-test, and says so in the log', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => String(9_000_000 + i));
    const during = ids.map((mpnId, i) => execute(replicas[i % 2], STATUS, { mpnId }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await redis.kill();
    const results = await Promise.all([...during, ...ids.map((mpnId, i) => execute(replicas[(i + 1) % 2], STATUS, { mpnId }))]);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.reseller.mpaStatus.__typename).toBe('MpaMpnIdNotRecognized');
    }
    expect(logLines.join('')).toMatch(/Redis unreachable: caching per replica/);
    // Per replica now: each replica asks at most once per ID.
    expect(emulator.callCount()).toBeLessThanOrEqual(40);
  });
});
