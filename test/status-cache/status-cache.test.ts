import { createMemoryStatusStore } from '../../src/status-cache/memory-status-store';
import { createCachingStatusChecker } from '../../src/status-cache/caching-status-checker';
import { classifyAnswer, gatewayOutcome } from '../../src/partner-center/outcome/outcome-table';
import { CheckOptions, CheckedStatus, StatusChecker } from '../../src/partner-center/status-checker';
import { Gateway } from '../../src/compose/gateway';
import { execute, startSandboxGateway } from '../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) { __typename ... on MpaStatusOutcome { checkedAt } } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Shared status cache', () => {
  let gateway: Gateway;
  const statusOf = async (mpnId: string) => (await execute(gateway, STATUS, { mpnId })).data!.reseller.mpaStatus;

  beforeEach(async () => {
    gateway = await startSandboxGateway({ cache: { ttlSeconds: { positive: 2, negative: 1, transient: 0 }, maxEntries: 3 } });
  });
  afterEach(() => gateway.stop());

  it('keeps signed answers for the positive TTL and reseller problems for the shorter negative TTL', async () => {
    const first = await statusOf('1000001');
    await statusOf('1000002');
    expect(gateway.emulator!.callCount()).toBe(2);

    expect(await statusOf('1000001')).toEqual(first); // same answer, same checkedAt
    await statusOf('1000002');
    expect(gateway.emulator!.callCount()).toBe(2);

    await sleep(1_100);
    await statusOf('1000001');
    await statusOf('1000002');
    expect(gateway.emulator!.calls().map((call) => call.mpnId)).toEqual(['1000001', '1000002', '1000002']);

    await sleep(1_000);
    await statusOf('1000001');
    expect(gateway.emulator!.calls().map((call) => call.mpnId)).toEqual(['1000001', '1000002', '1000002', '1000001']);
  });

  it('keeps nothing when Partner Center was unavailable, nor for outcomes of class never', async () => {
    await statusOf('1000503');
    await statusOf('1000503');
    await statusOf('1000777');
    await statusOf('1000777');
    expect(gateway.emulator!.callCount()).toBe(4);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    for (const mpnId of ['1000001', '1000002', '1000003', '1000005']) await statusOf(mpnId);
    gateway.emulator!.clearCalls();
    await statusOf('1000005'); // still cached
    await statusOf('1000001'); // evicted by the fourth
    expect(gateway.emulator!.calls().map((call) => call.mpnId)).toEqual(['1000001']);
  });

  it('recheckMpaStatus asks again past the cache and keeps the fresh answer', async () => {
    expect((await statusOf('1000002')).__typename).toBe('MpaNotSigned');
    // The reseller accepts the agreement; the cache still holds the old answer.
    gateway.emulator!.putReseller({
      mpnId: '1000002',
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES'],
      purpose: 'signed now',
    });
    expect((await statusOf('1000002')).__typename).toBe('MpaNotSigned');

    const recheck = await execute(
      gateway,
      `mutation { recheckMpaStatus(order: {mpnId: "1000002", region: UNITED_STATES}) { canSubmit mpaStatus { __typename } reseller { mpaStatus(region: UNITED_STATES) { __typename } } } }`,
    );
    expect(recheck.data!.recheckMpaStatus).toEqual({
      canSubmit: true,
      mpaStatus: { __typename: 'MpaSigned' },
      reseller: { mpaStatus: { __typename: 'MpaSigned' } },
    });
    expect((await statusOf('1000002')).__typename).toBe('MpaSigned');
    expect(gateway.emulator!.callCount()).toBe(2);
  });
});

describe('Single-flight', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ cache: { ttlSeconds: { positive: 60, negative: 60 } } });
  });
  afterAll(() => gateway.stop());

  it('turns 1,000 concurrent operations over 10 cold IDs into exactly 10 upstream calls', async () => {
    gateway.emulator!.faults.setGlobal({ latencyMs: 100 });
    const ids = Array.from({ length: 10 }, (_, i) => String(7_000_000 + i));
    const results = await Promise.all(Array.from({ length: 1_000 }, (_, i) => execute(gateway, STATUS, { mpnId: ids[i % 10] })));
    expect(results.every((result) => result.data?.reseller.mpaStatus.__typename === 'MpaMpnIdNotRecognized')).toBe(true);
    expect(gateway.emulator!.callCount()).toBe(10);
    expect(new Set(gateway.emulator!.calls().map((call) => call.mpnId)).size).toBe(10);
  });

  it('shares an answer that is not cached with the questions waiting on it', async () => {
    gateway.emulator!.clearCalls();
    gateway.emulator!.faults.setGlobal({ latencyMs: 100 });
    const results = await Promise.all(Array.from({ length: 50 }, () => execute(gateway, STATUS, { mpnId: '1000503' })));
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(Array(50).fill('MpaPartnerCenterUnavailable'));
    expect(gateway.emulator!.callCount()).toBe(1);
  });
});

describe('A recheck while the same question is in flight', () => {
  // The order the race needs (Partner Center answers the earlier question before the reseller
  // signs, the gateway reads that answer after the recheck began) cannot be arranged through
  // the emulator, so Partner Center is a scripted checker here: each call waits to be answered.
  const calls: Array<{ options: CheckOptions; answer: (signed: boolean) => void }> = [];
  const partnerCenter: StatusChecker = {
    configuredRegions: ['UNITED_STATES'],
    isConfigured: () => true,
    check: (_identifier, _region, options = {}) =>
      new Promise<CheckedStatus>((resolve) => {
        calls.push({
          options,
          answer: (signed) => resolve({ outcome: classifyAnswer({ type: 'agreement', isAgreementSigned: signed }), checkedAt: new Date() }),
        });
      }),
    circuitStates: () => new Map(),
    capacities: () => new Map(),
    close: async () => undefined,
  };
  const reseller = { kind: 'mpnId', value: '1000002' } as const;
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('asks Partner Center again instead of sharing an answer that may predate the change, and keeps the newer answer', async () => {
    const rechecked: string[] = [];
    const cache = createCachingStatusChecker({
      inner: partnerCenter,
      store: createMemoryStatusStore(),
      ttlMs: { positive: 60_000, negative: 60_000, transient: 0 },
      onRecheck: () => rechecked.push('recheck'),
    });
    const earlier = cache.check(reseller, 'UNITED_STATES');
    await settle();
    const recheck = cache.check(reseller, 'UNITED_STATES', { recheck: true });
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].options.recheck).toBe(true);

    // The recheck's call is answered first (signed); the earlier one, asked before, comes back later.
    calls[1].answer(true);
    expect((await recheck).outcome.kind).toBe('signed');
    calls[0].answer(false);
    expect((await earlier).outcome.kind).toBe('notSigned');
    expect(rechecked).toEqual(['recheck']);
    // The cache keeps the recheck's answer, not the older one that settled after it.
    expect((await cache.check(reseller, 'UNITED_STATES')).outcome.kind).toBe('signed');
    expect(calls).toHaveLength(2);
  });
});

describe('Memory status store', () => {
  it('never holds more than maxEntries', async () => {
    const store = createMemoryStatusStore({ maxEntries: 3 });
    const value = { outcome: gatewayOutcome('missingIdentifier'), checkedAt: 0 };
    for (let i = 0; i < 10; i += 1) await store.set(`k${i}`, value, 60_000);
    expect(store.localSize()).toBe(3);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k9')).toEqual({ status: value, from: 'replica' });
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemoryStatusStore({ maxEntries: 0 })).toThrow(/maxEntries must be a positive integer/);
  });
});
