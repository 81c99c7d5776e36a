import net from 'node:net';
import { GatewayConfigInput } from '../../../src/config/gateway-config';
import { Gateway } from '../../../src/compose/gateway';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { execute, startGateway } from '../../support/sandbox-gateway';
import { useEmulator } from '../../support/emulator-fixture';

const STATUS = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) {
  __typename ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds } ... on MpaPartnerCenterError { code } } } }`;
const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) {
  lineId canSubmit retryable mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId mpaStatus(region: UNITED_STATES) { __typename } } } }`;
/** The lightest selection: its cost stays under the default cost limit even for 4,000 entities. */
const LIGHT_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpaStatus(region: UNITED_STATES) { __typename } } } }`;

const MEMBERS = new Set([
  'MpaSigned',
  'MpaNotSigned',
  'MpaCspRegionMismatch',
  'MpaMpnIdNotRecognized',
  'MpaNotIndirectReseller',
  'MpaTenantNotFound',
  'MpaTenantNotSigned',
  'MpaInvalidResellerId',
  'MpaRegionNotConfigured',
  'MpaPartnerCenterUnavailable',
  'MpaUnrecognizedAnswer',
]);

const distinctIds = (count: number, from: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('Admission: one budget of upstream questions per operation', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.clearCalls());

  it('refuses an _entities request with 4,000 representations before any upstream call', async () => {
    const representations = distinctIds(4_000, 5_000_000).map((mpnId) => ({ __typename: 'Reseller', mpnId }));
    const result = await execute(gateway, LIGHT_ENTITIES, { r: representations });
    // Past limits.maxResellersPerQuery, as resellers refuses such a list.
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.emulator!.callCount()).toBe(0);
  });

  it('answers an _entities request within the budget with one call per distinct reseller', async () => {
    const representations = distinctIds(300, 5_100_000).map((mpnId) => ({ __typename: 'Reseller', mpnId }));
    const result = await execute(gateway, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(300);
    expect(gateway.emulator!.callCount()).toBe(300);
  });

  it('fails a bad representation alone, never the whole list', async () => {
    const result = await execute(gateway, ENTITIES, {
      r: [
        { __typename: 'Reseller', mpnId: '1000001' },
        { __typename: 'Reseller', mpnId: true },
        { __typename: 'Order', id: '7' },
        { __typename: 'Reseller', mpnId: { nested: true } },
        { __typename: 'Reseller', mpnId: '1000003' },
      ],
    });
    expect(result.data!._entities[0]).toEqual({ mpnId: '1000001', mpaStatus: { __typename: 'MpaSigned' } });
    expect(result.data!._entities[4]).toEqual({ mpnId: '1000003', mpaStatus: { __typename: 'MpaCspRegionMismatch' } });
    expect(result.data!._entities.slice(1, 4)).toEqual([null, null, null]);
    expect(result.errors!.map((error) => [error.extensions?.code, (error as { path?: unknown[] }).path])).toEqual([
      ['BAD_USER_INPUT', ['_entities', 1]],
      ['BAD_USER_INPUT', ['_entities', 2]],
      ['BAD_USER_INPUT', ['_entities', 3]],
    ]);
    expect(gateway.emulator!.callCount()).toBe(2);
  });

  it('counts every region asked for each reseller against the same budget, before any call', async () => {
    const small = await startGateway({ limits: { maxResellersPerQuery: 10 } });
    try {
      const mpnIds = distinctIds(8, 5_200_000);
      const result = await execute(
        small,
        `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { us: mpaStatus(region: UNITED_STATES) { __typename } ...Eu } }
         fragment Eu on Reseller { eu: mpaStatus(region: EUROPE) { __typename } }`,
        { mpnIds },
      );
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_BUDGET_EXCEEDED']);
      expect(small.emulator!.callCount()).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it('answers region probes past the budget as "could not tell", without calling', async () => {
    const small = await startGateway({ limits: { maxResellersPerQuery: 3 } });
    try {
      const result = await execute(
        small,
        `{ reseller(mpnId: "1000008") { mpaStatus(region: UNITED_STATES) { __typename ... on MpaCspRegionMismatch { resellerRegion resellerRegionLookup } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.reseller.mpaStatus).toEqual({
        __typename: 'MpaCspRegionMismatch',
        resellerRegion: null,
        resellerRegionLookup: 'UNDETERMINED',
      });
      expect(small.emulator!.callCount()).toBe(3);
    } finally {
      await small.stop();
    }
  });
});

describe('Deadline: time in the queue counts, and the gateway never opens its own circuit', () => {
  it('leaves the circuit closed after a 20-line cart that cannot finish in time, and sends nothing after the deadline', async () => {
    const gateway = await startGateway({
      limits: { upstreamConcurrency: 2, upstreamConcurrencyMax: 2 },
      resilience: { operationDeadlineMs: 1_000 },
    });
    try {
      gateway.emulator!.faults.setGlobal({ latencyMs: 300 });
      const orders = distinctIds(20, 5_300_000).map((mpnId, i) => ({ lineId: String(i), mpnId, region: 'UNITED_STATES' }));
      const started = Date.now();
      const result = await execute(gateway, CART, { orders });
      const lines = result.data!.orderEligibilities as Array<{ mpaStatus: { __typename: string; reason?: string } }>;
      const reasons = lines.map((line) => line.mpaStatus.reason ?? line.mpaStatus.__typename);
      // Partner Center answered every call it got; what it never got is the gateway's own shortfall.
      expect(reasons.filter((reason) => reason === 'TIMEOUT')).toEqual([]);
      expect(reasons.filter((reason) => reason === 'MpaMpnIdNotRecognized').length).toBe(gateway.emulator!.callCount());
      // Those never sent say so; none was cut short in flight.
      expect(reasons.filter((reason) => reason === 'NOT_ASKED').length).toBe(20 - gateway.emulator!.callCount());
      // Nothing was sent after the deadline (how fast the answer comes back is the bench's
      // business: its stress section).
      const deadline = started + 1_000;
      expect(gateway.emulator!.calls().filter((call) => call.receivedAt > deadline)).toEqual([]);
      expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');

      gateway.emulator!.faults.clear();
      const next = await execute(gateway, STATUS, { mpnId: '1000001' });
      expect(next.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
    } finally {
      await gateway.stop();
    }
  });

  it('never lets a retry queued behind other operations overrun the deadline', async () => {
    const gateway = await startGateway({
      limits: { upstreamConcurrency: 1, upstreamConcurrencyMax: 1 },
      resilience: { operationDeadlineMs: 1_000, baseDelayMs: 50 },
    });
    try {
      gateway.emulator!.faults.setGlobal({ latencyMs: 400 });
      gateway.emulator!.faults.setFor('5400000', { failure: { type: 'status', status: 503 }, times: 1 });
      let lastDeadline = 0;
      const operations = distinctIds(6, 5_400_000).map(async (mpnId) => {
        const started = Date.now();
        lastDeadline = Math.max(lastDeadline, started + 1_000);
        const result = await execute(gateway, STATUS, { mpnId });
        return result.data!.reseller.mpaStatus as { __typename: string; reason?: string };
      });
      const results = await Promise.all(operations);
      // Each answered without a call cut short, and none sent after its deadline (the exact
      // bound; how long the answers took is the bench's business).
      for (const status of results) {
        expect(MEMBERS.has(status.__typename)).toBe(true);
        expect(status.reason).not.toBe('TIMEOUT');
      }
      expect(gateway.emulator!.calls().filter((call) => call.receivedAt > lastDeadline)).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });

  it('bounds connect and TLS time by timeoutMs', async () => {
    // Accepts connections and never speaks: a TLS handshake that never completes.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: `https://127.0.0.1:${port}`, timeoutMs: 500 },
      resilience: { maxAttempts: 1 },
      accounts: [{ region: 'UNITED_STATES', staticToken: 'not-used' }],
    });
    try {
      // The start-up reseller listing hangs on the same server; once it has given up, the
      // agreement call waits on a connection of its own, not on the listing's.
      await gateway.services.directories.loaded();
      const result = await execute(gateway, STATUS, { mpnId: '1000001' });
      expect(result.data!.reseller.mpaStatus).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason: 'TIMEOUT' });
    } finally {
      await gateway.stop();
      silent.close();
    }
  });
});

describe('Single-flight: every caller keeps its own deadline', () => {
  const emulatorOf = useEmulator();

  const gatewayOn = (config: GatewayConfigInput = {}) =>
    startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulatorOf().url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      ...config,
    });

  it('gives a later caller with more time the answer, though the flight began with less', async () => {
    const gateway = await gatewayOn({ resilience: { operationDeadlineMs: 1_000 } });
    try {
      emulatorOf().faults.setFor('1000001', { latencyMs: 1_200 });
      const early = execute(gateway, STATUS, { mpnId: '1000001' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const late = execute(gateway, STATUS, { mpnId: '1000001' });
      expect((await early).data!.reseller.mpaStatus).toMatchObject({
        __typename: 'MpaPartnerCenterUnavailable',
        reason: 'DEADLINE_EXCEEDED',
      });
      expect((await late).data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
      expect(emulatorOf().callCount()).toBe(1);
    } finally {
      await gateway.stop();
    }
  });

  it('never caches a timeout the gateway made itself', async () => {
    const gateway = await gatewayOn({ resilience: { operationDeadlineMs: 400 }, cache: { ttlSeconds: { transient: 60 } } });
    try {
      emulatorOf().faults.setFor('1000001', { latencyMs: 600, times: 1 });
      const first = await execute(gateway, STATUS, { mpnId: '1000001' });
      expect(first.data!.reseller.mpaStatus).toMatchObject({ reason: 'DEADLINE_EXCEEDED' });
      emulatorOf().faults.clear();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the first call has ended upstream
      const second = await execute(gateway, STATUS, { mpnId: '1000001' });
      expect(second.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
    } finally {
      await gateway.stop();
    }
  });
});

describe('Breaker: only failures Partner Center caused, on a rate', () => {
  it("walks the documented test-identifier table in order in a fresh sandbox and gets every row's outcome", async () => {
    const gateway = await startGateway({ partnerCenter: { timeoutMs: 1_000 }, resilience: { operationDeadlineMs: 3_000 } });
    const rows: Array<[string, Record<string, unknown>]> = [
      ['1000001', { __typename: 'MpaSigned' }],
      ['1000002', { __typename: 'MpaNotSigned', code: '2203' }],
      ['1000003', { __typename: 'MpaCspRegionMismatch', code: '2201' }],
      ['1000004', { __typename: 'MpaMpnIdNotRecognized', code: '2200' }],
      ['1000005', { __typename: 'MpaNotIndirectReseller', code: '2204' }],
      ['1000006', { __typename: 'MpaNotSigned', code: null }],
      ['1000007', { __typename: 'MpaNotSigned', code: '2203' }],
      ['1000008', { __typename: 'MpaCspRegionMismatch', code: '2201' }],
      ['1000009', { __typename: 'MpaCspRegionMismatch', code: '2201' }],
      ['1000408', { __typename: 'MpaPartnerCenterUnavailable', reason: 'TIMEOUT' }],
      ['1000429', { __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' }],
      ['1000500', { __typename: 'MpaPartnerCenterUnavailable', reason: 'SERVER_ERROR' }],
      ['1000502', { __typename: 'MpaPartnerCenterUnavailable', reason: 'SERVER_ERROR' }],
      ['1000503', { __typename: 'MpaPartnerCenterUnavailable', reason: 'SERVER_ERROR', retryAfterSeconds: 10 }],
      ['1000504', { __typename: 'MpaPartnerCenterUnavailable', reason: 'SERVER_ERROR' }],
      ['1000999', { __typename: 'MpaPartnerCenterUnavailable', reason: 'MALFORMED_RESPONSE' }],
      ['1000401', { __typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED' }],
      ['1000403', { __typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED' }],
      ['1000123', { __typename: 'MpaNotSigned', code: '900123' }],
      ['1000015', { __typename: 'MpaMpnIdNotRecognized', code: '800015' }],
      ['1000016', { __typename: 'MpaNotIndirectReseller', code: '800016' }],
      ['1000777', { __typename: 'MpaUnrecognizedAnswer', code: '2299' }],
      ['1000123', { __typename: 'MpaNotSigned', code: '900123' }],
      ['7654321', { __typename: 'MpaMpnIdNotRecognized', code: '2200' }],
      ['1000001', { __typename: 'MpaSigned' }],
    ];
    try {
      for (const [mpnId, expected] of rows) {
        const result = await execute(gateway, STATUS, { mpnId });
        expect([mpnId, result.data!.reseller.mpaStatus]).toEqual([mpnId, expect.objectContaining(expected)]);
      }
      expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  it('gets at least 90 % real answers with default settings while 30 % of calls fail, none past its deadline', async () => {
    const gateway = await startGateway();
    try {
      gateway.emulator!.faults.setGlobal({
        latencyMs: 20,
        probability: 0.3,
        failure: [
          { type: 'throttle', retryAfterSeconds: 0 },
          { type: 'status', status: 503 },
          { type: 'reset' },
          { type: 'malformedBody', style: 'truncatedJson' },
        ],
      });
      const deadlineMs = 10_000;
      const overruns: number[] = [];
      const typenames: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        const carts = Array.from({ length: 2 }, async (_, cart) => {
          const orders = distinctIds(200, 6_000_000 + round * 1_000 + cart * 200).map((mpnId) => ({ mpnId, region: 'UNITED_STATES' }));
          const started = Date.now();
          const result = await execute(gateway, CART, { orders });
          overruns.push(Date.now() - started - deadlineMs);
          expect(result.errors).toBeUndefined();
          for (const line of result.data!.orderEligibilities) typenames.push(line.mpaStatus.__typename);
        });
        await Promise.all(carts);
      }
      expect(typenames).toHaveLength(1_200);
      expect(typenames.every((typename) => MEMBERS.has(typename))).toBe(true);
      const real = typenames.filter((typename) => typename !== 'MpaPartnerCenterUnavailable').length;
      expect(real / typenames.length).toBeGreaterThanOrEqual(0.9);
      expect(Math.max(...overruns)).toBeLessThan(250);
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  it('lets trials through soon after a failed one, and closes when Partner Center recovers', async () => {
    const gateway = await startGateway({
      resilience: { maxAttempts: 1, circuitMinimumCalls: 5, circuitFirstTrialAfterMs: 200, circuitHalfOpenAfterMs: 30_000 },
    });
    try {
      gateway.emulator!.faults.setGlobal({ failure: { type: 'status', status: 500 } });
      for (const mpnId of distinctIds(8, 7_000_000)) await execute(gateway, STATUS, { mpnId });
      expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('open');
      // One failed trial, then Partner Center recovers: the next trial comes in well under 30 s.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await execute(gateway, STATUS, { mpnId: '1000001' });
      gateway.emulator!.faults.clear();
      const started = Date.now();
      let answer: unknown;
      while (Date.now() - started < 5_000) {
        answer = (await execute(gateway, STATUS, { mpnId: '1000001' })).data!.reseller.mpaStatus;
        if ((answer as { __typename: string }).__typename === 'MpaSigned') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(answer).toEqual({ __typename: 'MpaSigned' });
      expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');
    } finally {
      await gateway.stop();
    }
  }, 20_000);
});

describe('Region probe after a 2201', () => {
  let gateway: Gateway;
  const PROBE = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) {
    __typename ... on MpaCspRegionMismatch { resellerRegion resellerRegionLookup } } } }`;
  beforeAll(async () => {
    gateway = await startGateway({ resilience: { maxAttempts: 1 } });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.faults.clear());
  const probe = async (mpnId: string) => (await execute(gateway, PROBE, { mpnId })).data!.reseller.mpaStatus;

  it('tells found, home region not configured here, and could not tell apart', async () => {
    expect(await probe('1000008')).toEqual({ __typename: 'MpaCspRegionMismatch', resellerRegion: 'BRAZIL', resellerRegionLookup: 'FOUND' });
    expect(await probe('1000009')).toEqual({
      __typename: 'MpaCspRegionMismatch',
      resellerRegion: null,
      resellerRegionLookup: 'HOME_REGION_NOT_CONFIGURED',
    });
    // Every other region's account fails, while the United States account answers 2201.
    gateway.emulator!.faults.setFor('1000003', {
      failure: { type: 'status', status: 503 },
      regions: ['CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'],
    });
    expect(await probe('1000003')).toEqual({
      __typename: 'MpaCspRegionMismatch',
      resellerRegion: null,
      resellerRegionLookup: 'UNDETERMINED',
    });
  });

  it('never reuses a "could not tell" answer', async () => {
    gateway.emulator!.faults.setFor('1000003', {
      failure: { type: 'status', status: 503 },
      regions: ['CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'],
    });
    expect(await probe('1000003')).toMatchObject({ resellerRegionLookup: 'UNDETERMINED' });
    gateway.emulator!.faults.clear();
    expect(await probe('1000003')).toEqual({ __typename: 'MpaCspRegionMismatch', resellerRegion: 'EUROPE', resellerRegionLookup: 'FOUND' });
  });
});
