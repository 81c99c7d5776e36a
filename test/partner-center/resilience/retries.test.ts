import { Gateway } from '../../../src/compose/gateway';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID, $region: CspRegion!) { reseller(mpnId: $mpnId) { mpaStatus(region: $region) {
  __typename ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds } } } }`;

describe('Retries', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({
      // Short enough for the hung call below, long enough that no answer of a busy machine's
      // emulator reads as a timeout (which would be retried with the same request id).
      partnerCenter: { timeoutMs: 1_000 },
      resilience: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, operationDeadlineMs: 3_000 },
    });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.emulator!.faults.clear();
    gateway.emulator!.clearCalls();
  });
  const statusOf = async (mpnId: string) => (await execute(gateway, STATUS, { mpnId, region: 'UNITED_STATES' })).data!.reseller.mpaStatus;

  it('retries a 503 and answers once Partner Center recovers, with a new request id', async () => {
    gateway.emulator!.faults.setFor('1000001', { failure: { type: 'status', status: 503 }, times: 1 });
    expect(await statusOf('1000001')).toEqual({ __typename: 'MpaSigned' });
    const [failed, retried] = gateway.emulator!.calls();
    expect([failed.status, retried.status]).toEqual([503, 200]);
    expect(retried.headers.requestId).not.toBe(failed.headers.requestId);
  });

  it('retries a timeout with the same MS-RequestId', async () => {
    gateway.emulator!.faults.setFor('1000001', { failure: { type: 'hang' }, times: 1 });
    expect(await statusOf('1000001')).toEqual({ __typename: 'MpaSigned' });
    const [hung, retried] = gateway.emulator!.calls();
    expect(retried.headers.requestId).toBe(hung.headers.requestId);
    expect(retried.headers.correlationId).not.toBe(hung.headers.correlationId);
  });

  it('waits Retry-After before retrying a 429 when it fits the deadline', async () => {
    gateway.emulator!.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    expect(await statusOf('1000001')).toEqual({ __typename: 'MpaSigned' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(gateway.emulator!.callCount()).toBe(2);
  });

  it('answers throttled at once when Retry-After is beyond the deadline, and holds the whole account', async () => {
    // Its own gateway: the account stays held for the 30 s Partner Center asked for.
    const held = await startSandboxGateway({ resilience: { maxAttempts: 3, operationDeadlineMs: 3_000 } });
    try {
      held.emulator!.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 30 } });
      const ask = async (mpnId: string) => (await execute(held, STATUS, { mpnId, region: 'UNITED_STATES' })).data!.reseller.mpaStatus;
      expect(await ask('1000001')).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED', retryAfterSeconds: 30 });
      expect(held.emulator!.callCount()).toBe(1);
      // Another reseller of the same account is not sent while the window lasts.
      expect(await ask('1000002')).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' });
      expect(held.emulator!.callCount()).toBe(1);
      // Other accounts are not held.
      expect((await execute(held, STATUS, { mpnId: '1000003', region: 'EUROPE' })).data!.reseller.mpaStatus).toEqual({
        __typename: 'MpaSigned',
      });
    } finally {
      await held.stop();
    }
  });

  it('makes the other calls of a throttled account wait out a short window instead of failing', async () => {
    const held = await startSandboxGateway({ resilience: { maxAttempts: 1, operationDeadlineMs: 3_000 } });
    try {
      held.emulator!.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 1 }, times: 1 });
      await execute(held, STATUS, { mpnId: '1000001', region: 'UNITED_STATES' });
      const started = Date.now();
      expect((await execute(held, STATUS, { mpnId: '1000002', region: 'UNITED_STATES' })).data!.reseller.mpaStatus).toEqual({
        __typename: 'MpaNotSigned',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await held.stop();
    }
  });

  it('gives up after maxAttempts on a failure that persists', async () => {
    expect(await statusOf('1000500')).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason: 'SERVER_ERROR' });
    expect(gateway.emulator!.callCount()).toBe(3);
  });

  it.each(['1000002', '1000003', '1000004', '1000005', '1000401', '1000403', '1000777'])(
    'never retries an answer retrying cannot change (%s)',
    async (mpnId) => {
      await statusOf(mpnId);
      expect(gateway.emulator!.callCount()).toBe(1);
    },
  );

  it('stops at the operation deadline', async () => {
    // The deadline leaves the first call ample time to reach Partner Center on a busy machine,
    // and is far shorter than the call's own timeout.
    const tight = await startSandboxGateway({
      partnerCenter: { timeoutMs: 60_000 },
      resilience: { maxAttempts: 5, operationDeadlineMs: 2_000 },
    });
    try {
      // A first question opens the connection and warms the path, so the one measured below
      // spends its deadline waiting on Partner Center.
      await execute(tight, STATUS, { mpnId: '1000001', region: 'UNITED_STATES' });
      tight.emulator!.clearCalls();
      const result = await execute(tight, STATUS, { mpnId: '1000408', region: 'UNITED_STATES' });
      // Partner Center never had its full timeout: the gateway ran out of time.
      expect(result.data!.reseller.mpaStatus).toMatchObject({ reason: 'DEADLINE_EXCEEDED' });
      expect(tight.emulator!.callCount()).toBe(1);
    } finally {
      await tight.stop();
    }
  });
});

describe('Circuit breaker', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({
      resilience: { maxAttempts: 1, circuitMinimumCalls: 3, circuitFirstTrialAfterMs: 1_000, circuitHalfOpenAfterMs: 1_000 },
    });
  });
  afterAll(() => gateway.stop());

  it('opens once most questions fail in one region, answers CIRCUIT_OPEN without calling, then recovers', async () => {
    const ask = (mpnId: string, region = 'UNITED_STATES') => execute(gateway, STATUS, { mpnId, region });
    for (let i = 0; i < 3; i += 1) await ask('1000502');
    expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('open');
    gateway.emulator!.clearCalls();

    const refused = await ask('1000001');
    expect(refused.data!.reseller.mpaStatus).toEqual({
      __typename: 'MpaPartnerCenterUnavailable',
      reason: 'CIRCUIT_OPEN',
      retryAfterSeconds: 1,
    });
    expect(gateway.emulator!.callCount()).toBe(0);

    // Other regions have their own circuit.
    expect((await ask('1000003', 'EUROPE')).data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await ask('1000001')).data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
    expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');
  });

  it('does not count reseller answers or rejected credentials as failures', async () => {
    for (let i = 0; i < 5; i += 1) {
      await execute(gateway, STATUS, { mpnId: '1000002', region: 'UNITED_STATES' });
      await execute(gateway, STATUS, { mpnId: '1000401', region: 'UNITED_STATES' });
    }
    expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');
  });
});

describe('Fail policy', () => {
  const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: {mpnId: $mpnId, region: UNITED_STATES}) {
    canSubmit verified retryable mpaStatus { __typename } guidance { headline } } }`;

  it('blocks Submit while Partner Center cannot answer, by default', async () => {
    const gateway = await startSandboxGateway();
    try {
      const answer = (await execute(gateway, ELIGIBILITY, { mpnId: '1000503' })).data!.orderEligibility;
      expect(answer).toEqual({
        canSubmit: false,
        verified: true,
        retryable: true,
        mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' },
        guidance: { headline: 'Please try again shortly' },
      });
    } finally {
      await gateway.stop();
    }
  });

  it('allows Submit marked unverified when configured open, and only then', async () => {
    const gateway = await startSandboxGateway({ failPolicy: 'open' });
    try {
      expect((await execute(gateway, ELIGIBILITY, { mpnId: '1000503' })).data!.orderEligibility).toEqual({
        canSubmit: true,
        verified: false,
        retryable: true,
        mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' },
        guidance: { headline: 'Order allowed without an agreement check' },
      });
      expect((await execute(gateway, ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility).toMatchObject({
        canSubmit: false,
        verified: true,
      });
      expect((await execute(gateway, ELIGIBILITY, { mpnId: '1000001' })).data!.orderEligibility).toMatchObject({
        canSubmit: true,
        verified: true,
        guidance: null,
      });
    } finally {
      await gateway.stop();
    }
  });

  it('never lets orders through on our own rejected credentials unless configured to', async () => {
    const open = await startSandboxGateway({ failPolicy: 'open' });
    const reallyOpen = await startSandboxGateway({ failPolicy: 'open', failOpenOnCredentialsRejected: true });
    try {
      for (const mpnId of ['1000401', '1000403']) {
        expect((await execute(open, ELIGIBILITY, { mpnId })).data!.orderEligibility).toEqual({
          canSubmit: false,
          verified: true,
          retryable: false,
          mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' },
          guidance: { headline: 'We cannot check agreements right now' },
        });
        expect((await execute(reallyOpen, ELIGIBILITY, { mpnId })).data!.orderEligibility).toMatchObject({
          canSubmit: true,
          verified: false,
        });
      }
    } finally {
      await open.stop();
      await reallyOpen.stop();
    }
  });
});
