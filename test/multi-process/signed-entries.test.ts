import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;
const SIGNING_KEY = 'a-shared-secret-of-at-least-32-characters';

/**
 * Whoever can write to Redis tries to mark a reseller signed: with cache.redisSigningKey, a
 * gateway process ignores (and counts) an entry whose signature does not match.
 */
describe('Signed Redis entries', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], {
        checks: { relationship: 'off', partnerOfRecord: 'off' },
        http: { responseCacheMs: 0 },
      }),
      env: { MPA_REDIS_SIGNING_KEY: SIGNING_KEY },
    });
  });
  afterAll(() => group.stop());

  it('does not answer canSubmit true from a forged "signed" entry, and counts it', async () => {
    expect((await gateway.graphql(ELIGIBILITY, { mpnId: '1000001' })).data!.orderEligibility.canSubmit).toBe(true);
    expect((await gateway.graphql(ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility.canSubmit).toBe(false);
    const keys = await group.redisClient.keys('*:status:*');
    const signedKey = keys.find((key) => key.endsWith('mpnId:1000001@UNITED_STATES'))!;
    const unsignedKey = keys.find((key) => key.endsWith('mpnId:1000002@UNITED_STATES'))!;
    // The stored text of a real "signed" answer, with a signature the writer had to make up.
    const signed = (await group.redisClient.get(signedKey))!;
    const text = signed.slice(signed.indexOf('.') + 1);
    await group.redisClient.set(unsignedKey, `${Buffer.alloc(32, 7).toString('base64url')}.${text}`, 'PX', 60_000);
    await emulator.clearCalls();

    const answer = await gateway.graphql(ELIGIBILITY, { mpnId: '1000002' });
    expect(answer.data!.orderEligibility).toEqual({ canSubmit: false, verified: true });
    // Partner Center was asked again: the forged entry counted as a miss.
    expect((await emulator.calls()).count).toBe(1);
    expect(await gateway.metrics()).toMatch(/mpa_cache_rejected_entries_total\{kind="answer"\} 1\b/);

    // The same forged text without any signature is refused too.
    await group.redisClient.set(unsignedKey, text, 'PX', 60_000);
    expect((await gateway.graphql(ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility.canSubmit).toBe(false);
  });
});
