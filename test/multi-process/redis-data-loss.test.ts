import Redis from 'ioredis';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { eventually } from '../support/eventually';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;
const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const SIGNED = { type: 'status', status: 200, body: { isAgreementSigned: true } };

/**
 * Redis loses its data while replicas are asking: FLUSHALL, or a restart without persistence.
 * What a recheck stored is gone, and with it the mark that said how new it was; an answer to
 * a question asked before the loss must not take its place.
 */
describe('Replicas sharing a Redis that loses its data', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let redis: RedisServer;
  let client: Redis;
  let emulator: EmulatorProcess;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let asked = 0;
  /** canSubmit as a replica answers it; `fresh` makes the query text new, so no micro-cached response answers it. */
  const canSubmit = async (replica: GatewayProcess, mpnId: string, fresh = true) => {
    asked += 1;
    const query = fresh ? `${ELIGIBILITY} # ${asked}` : ELIGIBILITY;
    const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean } }>(query, { mpnId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility.canSubmit;
  };
  const connections = async () =>
    String(await client.client('LIST'))
      .trim()
      .split('\n').length;

  beforeAll(async () => {
    await group.start();
    redis = await startRedisServer();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    client.on('error', () => undefined);
    emulator = await group.emulator();
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      checks: { relationship: 'off' },
      resilience: { maxAttempts: 1 },
      // Long enough that only the invalidation channel (or a reconnection) can make a replica forget a response.
      http: { responseCacheMs: 60_000 },
      cache: { redisUrl: redis.url },
    });
    [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
  });
  afterAll(async () => {
    client.disconnect();
    await group.stop();
    await redis.kill();
  });
  afterEach(async () => {
    await client.flushall();
    await emulator.clearFaults();
    await emulator.setAgreement('1000001', 'UNITED_STATES', true);
    await emulator.setAgreement('1000002', 'UNITED_STATES', false);
  });

  /** Replica B asks about `mpnId`; Partner Center holds the call (answering `oldAnswer`) until released. */
  async function heldQuestionOnB(mpnId: string, oldAnswer: Record<string, unknown>) {
    await emulator.setFault(mpnId, { hold: true, failure: oldAnswer, times: 1 });
    const pending = canSubmit(b, mpnId);
    await eventually('B asked Partner Center', async () => (await emulator.calls()).held === 1);
    await emulator.setFault(mpnId, {});
    return { answer: pending };
  }

  /** Kills redis-server and starts an empty one on its port; resolves once every replica's connections are back. */
  async function restartEmpty() {
    const before = await connections();
    await redis.kill();
    redis = await startRedisServer({ port: redis.port });
    await eventually('every connection back', async () => (await connections().catch(() => 0)) >= before);
  }

  it('keeps a withdrawn agreement blocked when Redis was flushed between a recheck and an older "signed" answer', async () => {
    const old = await heldQuestionOnB('1000001', SIGNED);
    await emulator.setAgreement('1000001', 'UNITED_STATES', false);
    expect(
      (await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000001' })).data!.recheckMpaStatus.canSubmit,
    ).toBe(false);
    await client.flushall();
    expect(await emulator.releaseHeld()).toBe(1);
    // B's own caller gets the answer to its own question.
    expect(await old.answer).toBe(true);
    expect(await canSubmit(a, '1000001')).toBe(false);
    expect(await canSubmit(b, '1000001')).toBe(false);
  });

  it('keeps a withdrawn agreement blocked when Redis restarted empty between a recheck and an older "signed" answer', async () => {
    const old = await heldQuestionOnB('1000001', SIGNED);
    await emulator.setAgreement('1000001', 'UNITED_STATES', false);
    expect(
      (await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000001' })).data!.recheckMpaStatus.canSubmit,
    ).toBe(false);
    await restartEmpty();
    expect(await emulator.releaseHeld()).toBe(1);
    expect(await old.answer).toBe(true);
    expect(await canSubmit(a, '1000001')).toBe(false);
    expect(await canSubmit(b, '1000001')).toBe(false);
  });

  it('keeps a withdrawn agreement blocked on the replica whose older "signed" answer came while Redis was down', async () => {
    const old = await heldQuestionOnB('1000001', SIGNED);
    await emulator.setAgreement('1000001', 'UNITED_STATES', false);
    expect(
      (await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000001' })).data!.recheckMpaStatus.canSubmit,
    ).toBe(false);
    const before = await connections();
    await redis.kill();
    try {
      expect(await emulator.releaseHeld()).toBe(1);
      expect(await old.answer).toBe(true);
      // Without Redis, B must not answer from a question asked before the recheck it cannot see.
      expect(await canSubmit(b, '1000001')).toBe(false);
      expect(await canSubmit(a, '1000001')).toBe(false);
    } finally {
      redis = await startRedisServer({ port: redis.port });
      await eventually('every connection back', async () => (await connections().catch(() => 0)) >= before);
    }
  });

  it("empties every replica's response micro-cache after a recheck made once Redis restarted empty", async () => {
    expect(await canSubmit(b, '1000002', false)).toBe(false);
    await restartEmpty();
    await emulator.setAgreement('1000002', 'UNITED_STATES', true);
    expect(
      (await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000002' })).data!.recheckMpaStatus.canSubmit,
    ).toBe(true);
    // B's subscription is back: the recheck's notice (or the reconnection itself) emptied its micro-cache.
    await eventually('replica B answers from the recheck', () => canSubmit(b, '1000002', false));
  });
});
