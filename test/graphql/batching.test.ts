import { Gateway } from '../../src/compose/gateway';
import { execute, startSandboxGateway } from '../support/sandbox-gateway';

describe('Per-operation loading', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({
      limits: { upstreamConcurrency: 4, upstreamConcurrencyMin: 4, upstreamConcurrencyMax: 4, maxResellersPerQuery: 300 },
    });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.emulator!.faults.clear();
    gateway.emulator!.clearCalls();
  });

  it('makes one upstream call per distinct (identifier, region) among 200 resellers with duplicates', async () => {
    const distinct = Array.from({ length: 20 }, (_, i) => String(2_000_000 + i));
    // Leading zeros and repeats name the same reseller.
    const mpnIds = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '00' : '') + distinct[i % 20]);
    const result = await execute(
      gateway,
      `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) {
        mpnId us: mpaStatus(region: UNITED_STATES) { __typename } eu: mpaStatus(region: EUROPE) { __typename } again: mpaStatus(region: UNITED_STATES) { __typename } } }`,
      { mpnIds },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.resellers).toHaveLength(200);
    expect(result.data!.resellers[0]).toEqual({
      mpnId: '2000000',
      us: { __typename: 'MpaMpnIdNotRecognized' },
      eu: { __typename: 'MpaMpnIdNotRecognized' },
      again: { __typename: 'MpaMpnIdNotRecognized' },
    });
    const calls = gateway.emulator!.calls();
    expect(calls).toHaveLength(40);
    expect(new Set(calls.map((call) => `${call.mpnId}@${call.region}`)).size).toBe(40);
  });

  it('runs the calls concurrently, never more than the configured limit per region', async () => {
    gateway.emulator!.faults.setGlobal({ latencyMs: 50 });
    const mpnIds = Array.from({ length: 16 }, (_, i) => String(3_000_000 + i));
    const started = Date.now();
    await execute(gateway, `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { mpaStatus(region: UNITED_STATES) { __typename } } }`, {
      mpnIds,
    });
    const elapsed = Date.now() - started;
    expect(gateway.emulator!.callCount()).toBe(16);
    expect(gateway.emulator!.peakInFlight()).toBe(4);
    // 16 calls, 4 at a time, 50 ms each: four waves, never one after another.
    expect(elapsed).toBeGreaterThanOrEqual(195);
  });

  it('checks a cart once per distinct reseller and region, and keeps the lines in order', async () => {
    const orders = [
      { lineId: 'a', mpnId: '1000001', region: 'UNITED_STATES' },
      { lineId: 'b', mpnId: '1000002', region: 'UNITED_STATES' },
      { lineId: 'c', mpnId: '0001000001', region: 'UNITED_STATES' },
      { lineId: 'd', mpnId: '1000001', region: 'EUROPE' },
      { lineId: 'e', mpnId: 'oops', region: 'UNITED_STATES' },
    ];
    const result = await execute(
      gateway,
      `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { lineId canSubmit mpaStatus { __typename } } }`,
      { orders },
    );
    expect(result.data!.orderEligibilities).toEqual([
      { lineId: 'a', canSubmit: true, mpaStatus: { __typename: 'MpaSigned' } },
      { lineId: 'b', canSubmit: false, mpaStatus: { __typename: 'MpaNotSigned' } },
      { lineId: 'c', canSubmit: true, mpaStatus: { __typename: 'MpaSigned' } },
      { lineId: 'd', canSubmit: false, mpaStatus: { __typename: 'MpaCspRegionMismatch' } },
      { lineId: 'e', canSubmit: false, mpaStatus: { __typename: 'MpaInvalidResellerId' } },
    ]);
    expect(gateway.emulator!.callCount()).toBe(3);
  });

  it('refuses a list longer than the configured bound before any upstream call', async () => {
    const mpnIds = Array.from({ length: 301 }, (_, i) => String(i + 1));
    const result = await execute(
      gateway,
      `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { mpaStatus(region: UNITED_STATES) { __typename } } }`,
      { mpnIds },
    );
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'mpnIds and tenantIds may hold at most 300 entries; it holds 301. Split the request.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 300, length: 301 }),
      }),
    ]);
    const orders = Array.from({ length: 301 }, () => ({ mpnId: '1000001', region: 'UNITED_STATES' }));
    const cart = await execute(gateway, `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { canSubmit } }`, {
      orders,
    });
    expect(cart.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'orders' });
    expect(gateway.emulator!.callCount()).toBe(0);
  });

  it("hands each reseller its answer when that answer arrives, not when the operation's slowest does", async () => {
    gateway.emulator!.faults.setFor('1000001', { latencyMs: 1_000 });
    const { statusLoader } = gateway.createContext();
    const key = (value: string) => ({ identifier: { kind: 'mpnId' as const, value }, region: 'UNITED_STATES' as const });
    let slowDone = false;
    const slow = statusLoader.load(key('1000001')).then((checked) => {
      slowDone = true;
      return checked;
    });
    const fast = await statusLoader.load(key('1000002'));
    expect(fast.outcome.kind).toBe('notSigned');
    expect(slowDone).toBe(false);
    expect((await slow).outcome.kind).toBe('signed');
    expect(gateway.emulator!.callCount()).toBe(2);
  });

  it('does not share answers between operations', async () => {
    const query = '{ reseller(mpnId: "1000001") { mpaStatus(region: UNITED_STATES) { __typename } } }';
    await execute(gateway, query);
    await execute(gateway, query);
    expect(gateway.emulator!.callCount()).toBe(2);
  });
});
