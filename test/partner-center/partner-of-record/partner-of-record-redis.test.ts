import pino from 'pino';
import Redis from 'ioredis';
import { parseGatewayConfig } from '../../../src/config/gateway-config';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { RedisServer, startRedisServer } from '../../support/redis-server';
import { execute } from '../../support/sandbox-gateway';
import { STORED_FORMAT_VERSION } from '../../../src/status-cache/redis-status-store';

const POR = `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { partnerOfRecord(region: UNITED_STATES) { __typename } mpaStatus(region: UNITED_STATES) { __typename } } }`;

describe('Partner-of-record answers shared by two replicas through Redis', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: Gateway[];
  const prefix = `por-test-${process.pid}:`;

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
    const config = parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      cache: { redisUrl: redis.url, redisKeyPrefix: prefix },
      resilience: { maxAttempts: 1 },
    });
    replicas = await Promise.all([0, 1].map(() => createGateway({ config, logger: pino({ level: 'silent' }) })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator.close();
    await redis.kill();
  });

  it('answers the other replica from the shared entries, per partner ID, under keys of their own', async () => {
    emulator.clearCalls();
    const first = await execute(replicas[0], POR, { mpnIds: ['1000001', '1000012'] });
    expect(first.errors).toBeUndefined();
    const second = await execute(replicas[1], POR, { mpnIds: ['1000012', '1000001', '1000002'] });
    expect(second.data!.resellers.map((reseller: any) => reseller.partnerOfRecord.__typename)).toEqual([
      'MpaPartnerIdNotValidOnRecord',
      'MpaPartnerOfRecordValid',
      'MpaPartnerOfRecordValid',
    ]);
    // The agreement answers are kept apart: the same MPN ID is two entries, never read one for the other.
    expect(second.data!.resellers.map((reseller: any) => reseller.mpaStatus.__typename)).toEqual([
      'MpaSigned',
      'MpaSigned',
      'MpaNotSigned',
    ]);
    expect(emulator.validateResellersCalls().map((call) => call.partnerIds)).toEqual([['1000001', '1000012'], ['1000002']]);
    expect(emulator.callCount()).toBe(3);

    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${prefix}*`);
      // The verdicts live in a store of their own kind: `partner-of-record` after the format version.
      const verdicts = `${prefix}v${STORED_FORMAT_VERSION}:partner-of-record:status:`;
      expect(keys.some((key) => key.startsWith(verdicts) && key.includes('1000012'))).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('still asks about 120 new partner IDs in ceil(120 / 50) = 3 calls when every cache read goes to Redis', async () => {
    emulator.clearCalls();
    const mpnIds = Array.from({ length: 120 }, (_, i) => String(6_000_000 + i));
    const result = await execute(
      replicas[0],
      `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { partnerOfRecord(region: UNITED_STATES) { __typename } } }`,
      { mpnIds },
    );
    expect(result.errors).toBeUndefined();
    const calls = emulator.validateResellersCalls();
    expect(calls.map((call) => call.partnerIds!.length).sort((a, b) => a - b)).toEqual([20, 50, 50]);
  });

  it('answers two concurrent operations with overlapping new IDs, on both replicas, asking each ID once', async () => {
    emulator.clearCalls();
    const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(6_100_000 + from + i));
    const query = `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { partnerOfRecord(region: UNITED_STATES) { __typename } } }`;
    const [a, b, c] = await Promise.all([
      execute(replicas[0], query, { mpnIds: ids(0, 60) }),
      execute(replicas[0], query, { mpnIds: ids(30, 60) }),
      execute(replicas[1], query, { mpnIds: ids(45, 30) }),
    ]);
    for (const result of [a, b, c]) {
      expect(result.errors).toBeUndefined();
      expect(new Set(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord.__typename))).toEqual(
        new Set(['MpaPartnerIdNotValidOnRecord']),
      );
    }
    const sent = emulator.validateResellersCalls().flatMap((call) => call.partnerIds!);
    expect(sent.length).toBe(90);
    expect(new Set(sent)).toEqual(new Set(ids(0, 90)));
  });
});
