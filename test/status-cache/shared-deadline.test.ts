import pino from 'pino';
import { parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { execute } from '../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) {
  __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;

/** Resolves once `ready()` holds, looking every 10 ms: waits on what the emulator saw, not on a clock. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("Single-flight shares Partner Center's answers, never a deadline the gateway made", () => {
  let redis: RedisServer;
  let emulator: Emulator;
  const replicas: Gateway[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator.close();
    await redis.kill();
  });

  const replica = async (operationDeadlineMs: number) => {
    const gateway = await createGateway({
      config: parseGatewayConfig({
        port: 0,
        clientAuth: { allowAnonymous: true },
        partnerCenter: { baseUrl: emulator.url },
        accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
        cache: { redisUrl: redis.url, redisKeyPrefix: `shared-deadline-${process.pid}:` },
        checks: { relationship: 'off' },
        resilience: { maxAttempts: 1, operationDeadlineMs },
      }),
      logger: pino({ level: 'silent' }),
    });
    replicas.push(gateway);
    return gateway;
  };

  it('asks again for a caller with time left, when the question it waited for ran out of its own, shorter time', async () => {
    const hurried = await replica(1_000);
    const patient = await replica(10_000);
    // The first call about this reseller takes longer than the hurried operation may wait.
    emulator.faults.setFor('1000001', { latencyMs: 4_000 });
    emulator.clearCalls();
    const first = execute(hurried, STATUS, { mpnId: '1000001' });
    await until(() => emulator.peakInFlight() === 1);
    // Partner Center is quick again; the patient operation waits for the hurried one's question.
    emulator.faults.clear();
    const second = execute(patient, STATUS, { mpnId: '1000001' });

    expect((await first).data!.reseller.mpaStatus).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'DEADLINE_EXCEEDED' });
    // Its whole deadline was ahead of it: it gets Partner Center's answer, not the other's lack of time.
    expect((await second).data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
    // The hurried operation's call was cut short, so the emulator never answered it: the answer came from the patient one's own call.
    expect(emulator.calls().map((call) => call.mpnId)).toEqual(['1000001']);
  }, 30_000);
});
