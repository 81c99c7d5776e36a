import { GatewayConfigInput } from '../../../src/config/gateway-config';
import { Gateway } from '../../../src/compose/gateway';
import { sandboxTenantId, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { execute, startGateway, startSandboxGateway } from '../../support/sandbox-gateway';

const ELIGIBILITY = `query ($order: MpaOrderLineInput!, $locale: String) {
  orderEligibility(order: $order, locale: $locale) {
    canSubmit verified retryable
    mpaStatus { __typename }
    guidance { headline }
    checks {
      __typename mode passed verified blocksSubmit retryable
      guidance { headline actions mayTakeTimeToUpdate locale }
      ... on MpaAgreementCheck { status { __typename } }
      ... on MpaRelationshipCheck {
        relationship {
          __typename
          ... on MpaRelationshipOutcome { message region }
          ... on MpaListedRelationship { resellerName state tenantId mpnId location }
          ... on MpaRelationshipUnknown { reason directoryAgeSeconds lastRefreshFailure }
        }
      }
    }
  }
}`;

type Check = Record<string, any>;
const agreementOf = (answer: { checks: Check[] }): Check => answer.checks.find((check) => check.__typename === 'MpaAgreementCheck')!;
const relationshipOf = (answer: { checks: Check[] }): Check => answer.checks.find((check) => check.__typename === 'MpaRelationshipCheck')!;

async function eligibility(gateway: Gateway, order: Record<string, string>, locale?: string) {
  const result = await execute(gateway, ELIGIBILITY, { order: { region: 'UNITED_STATES', ...order }, locale });
  expect(result.errors).toBeUndefined();
  return result.data!.orderEligibility;
}

describe('OrderEligibility.checks with both checks enforced (the defaults)', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway();
  });
  afterAll(() => gateway.stop());

  it('signed and active: Submit allowed, both checks passed, no guidance anywhere', async () => {
    const answer = await eligibility(gateway, { mpnId: '1000001' });
    expect(answer).toMatchObject({
      canSubmit: true,
      verified: true,
      retryable: false,
      mpaStatus: { __typename: 'MpaSigned' },
      guidance: null,
    });
    expect(answer.checks).toEqual([
      {
        __typename: 'MpaAgreementCheck',
        mode: 'ENFORCED',
        passed: true,
        verified: true,
        blocksSubmit: false,
        retryable: false,
        guidance: null,
        status: { __typename: 'MpaSigned' },
      },
      {
        __typename: 'MpaRelationshipCheck',
        mode: 'ENFORCED',
        passed: true,
        verified: true,
        blocksSubmit: false,
        retryable: false,
        guidance: null,
        relationship: {
          __typename: 'MpaRelationshipActive',
          message: 'The reseller has an active reseller relationship with us in United States.',
          region: 'UNITED_STATES',
          resellerName: 'Northwind Traders',
          state: 'Active',
          tenantId: sandboxTenantId('1000001'),
          mpnId: '1000001',
          location: 'US',
        },
      },
      {
        __typename: 'MpaPartnerOfRecordCheck',
        mode: 'ENFORCED',
        passed: true,
        verified: true,
        blocksSubmit: false,
        retryable: false,
        guidance: null,
      },
    ]);
  });

  it('signed but no relationship: Submit blocked by the relationship check alone, with its guidance in en-US and pt-PT', async () => {
    const answer = await eligibility(gateway, { mpnId: '1000010' });
    expect(answer).toMatchObject({
      canSubmit: false,
      verified: true,
      retryable: false,
      mpaStatus: { __typename: 'MpaSigned' },
      guidance: null,
    });
    expect(agreementOf(answer)).toMatchObject({ passed: true, blocksSubmit: false, guidance: null });
    expect(relationshipOf(answer)).toMatchObject({
      passed: false,
      verified: true,
      blocksSubmit: true,
      retryable: false,
      relationship: {
        __typename: 'MpaNoRelationship',
        message: 'The reseller with MPN ID 1000010 has no reseller relationship with us in United States.',
      },
      guidance: {
        headline: 'No reseller relationship with us in United States',
        actions: [
          "Sign in to Partner Center with the reseller's account (MPN ID 1000010).",
          'Accept our reseller relationship request for United States; if you cannot find it, ask us to send it again.',
          'Come back to this order: we see a new relationship at our next refresh of the reseller list, within a few minutes.',
        ],
        mayTakeTimeToUpdate: true,
        locale: 'en-US',
      },
    });
    const pt = await eligibility(gateway, { mpnId: '1000010' }, 'pt-PT');
    expect(relationshipOf(pt).guidance).toMatchObject({
      headline: 'Sem relação de revenda connosco na região Estados Unidos',
      locale: 'pt-PT',
    });
  });

  it('signed but the relationship is suspended: blocked, with the state in the answer and the guidance', async () => {
    const answer = await eligibility(gateway, { tenantId: sandboxTenantId('1000011') });
    expect(answer.canSubmit).toBe(false);
    expect(relationshipOf(answer)).toMatchObject({
      blocksSubmit: true,
      relationship: { __typename: 'MpaRelationshipNotActive', state: 'Suspended', resellerName: 'VanArsdel', mpnId: '1000011' },
      guidance: { headline: 'Reseller relationship not active', mayTakeTimeToUpdate: true },
    });
    expect(relationshipOf(answer).relationship.message).toBe(
      "The reseller's relationship with us in United States is Suspended, not active.",
    );
  });

  it('not signed but active: blocked by the agreement check alone, whose guidance stays the top-level one', async () => {
    const answer = await eligibility(gateway, { mpnId: '1000002' });
    expect(answer).toMatchObject({
      canSubmit: false,
      mpaStatus: { __typename: 'MpaNotSigned' },
      guidance: { headline: 'Partner Agreement not yet accepted for United States' },
    });
    expect(agreementOf(answer)).toMatchObject({
      passed: false,
      blocksSubmit: true,
      guidance: { headline: 'Partner Agreement not yet accepted for United States' },
    });
    expect(relationshipOf(answer)).toMatchObject({ passed: true, blocksSubmit: false, guidance: null });
  });

  it('neither: both checks block, each with its own guidance, so the form shows both problems at once', async () => {
    const answer = await eligibility(gateway, { mpnId: '1000003' });
    expect(answer.canSubmit).toBe(false);
    expect(answer.checks.map((check: Check) => [check.__typename, check.blocksSubmit, check.guidance?.headline ?? null])).toEqual([
      ['MpaAgreementCheck', true, 'This MPN ID belongs to another CSP region'],
      ['MpaRelationshipCheck', true, 'No reseller relationship with us in United States'],
      // Microsoft's own verdict is not about the region: it accepts the reseller.
      ['MpaPartnerOfRecordCheck', false, null],
    ]);
  });

  it('an identifier that cannot be checked: the relationship is unknown for it, with the identifier guidance, never let through', async () => {
    const answer = await eligibility(gateway, { mpnId: '12x' });
    expect(relationshipOf(answer)).toMatchObject({
      passed: false,
      verified: false,
      retryable: false,
      relationship: { __typename: 'MpaRelationshipUnknown', reason: 'INVALID_IDENTIFIER' },
      guidance: { headline: 'Check the MPN ID' },
    });
  });

  it('a region without an account: unknown with REGION_NOT_CONFIGURED', async () => {
    const answer = await eligibility(gateway, { mpnId: '1000001', region: 'KOREA' });
    expect(relationshipOf(answer)).toMatchObject({
      relationship: { __typename: 'MpaRelationshipUnknown', reason: 'REGION_NOT_CONFIGURED' },
      guidance: { headline: 'Region not available' },
    });
  });
});

describe('Check modes', () => {
  const gateways: Gateway[] = [];
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.stop())));
  const sandbox = async (config: GatewayConfigInput) => {
    const gateway = await startSandboxGateway(config);
    gateways.push(gateway);
    return gateway;
  };

  it('report-only: a missing relationship is shown but never blocks Submit', async () => {
    const answer = await eligibility(await sandbox({ checks: { relationship: 'reportOnly' } }), { mpnId: '1000010' });
    expect(answer).toMatchObject({ canSubmit: true, verified: true });
    expect(relationshipOf(answer)).toMatchObject({
      mode: 'REPORT_ONLY',
      passed: false,
      blocksSubmit: false,
      relationship: { __typename: 'MpaNoRelationship' },
    });
  });

  it('off: the relationship check is not made nor listed', async () => {
    const answer = await eligibility(await sandbox({ checks: { relationship: 'off' } }), { mpnId: '1000010' });
    expect(answer.canSubmit).toBe(true);
    expect(answer.checks.map((check: Check) => check.__typename)).toEqual(['MpaAgreementCheck', 'MpaPartnerOfRecordCheck']);
  });

  it('agreement off: Partner Center is not asked unless mpaStatus or guidance is selected', async () => {
    const gateway = await sandbox({ checks: { agreement: 'off' } });
    gateway.emulator!.clearCalls();
    const result = await execute(
      gateway,
      '{ orderEligibility(order: {mpnId: "1000002", region: UNITED_STATES}) { canSubmit checks { __typename } } }',
    );
    expect(result.data!.orderEligibility).toEqual({
      canSubmit: true,
      checks: [{ __typename: 'MpaRelationshipCheck' }, { __typename: 'MpaPartnerOfRecordCheck' }],
    });
    expect(gateway.emulator!.callCount()).toBe(0);
    const asked = await execute(
      gateway,
      '{ orderEligibility(order: {mpnId: "1000002", region: UNITED_STATES}) { canSubmit mpaStatus { __typename } } }',
    );
    expect(asked.data!.orderEligibility).toEqual({ canSubmit: true, mpaStatus: { __typename: 'MpaNotSigned' } });
    expect(gateway.emulator!.callCount()).toBe(1);
  });

  it('refuses an unknown mode at start, naming the key', async () => {
    await expect(startSandboxGateway({ checks: { relationship: 'sometimes' as never } })).rejects.toThrow(/checks\.relationship/);
  });
});

describe('The fail policy and an unknown relationship', () => {
  let emulator: Emulator;
  const gateways: Gateway[] = [];
  /** A gateway whose United States reseller list could not be had at start (`failure` on every relationships call). */
  async function withoutList(failure: 401 | 503, config: GatewayConfigInput = {}) {
    emulator.faults.setForRelationships({ failure: { type: 'status', status: failure } });
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      resilience: { maxAttempts: 1 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
      http: { responseCacheMs: 0 },
      ...config,
    });
    gateways.push(gateway);
    await gateway.services.directories.loaded();
    return gateway;
  }
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await emulator.close();
  });

  it('closed (the default): Submit blocked, retryable, with the unknown guidance', async () => {
    const answer = await eligibility(await withoutList(503), { mpnId: '1000001' });
    expect(answer).toMatchObject({ canSubmit: false, verified: true, retryable: true, guidance: null });
    expect(relationshipOf(answer)).toMatchObject({
      passed: false,
      verified: false,
      blocksSubmit: true,
      retryable: true,
      relationship: {
        __typename: 'MpaRelationshipUnknown',
        reason: 'DIRECTORY_UNAVAILABLE',
        directoryAgeSeconds: null,
        lastRefreshFailure: 'SERVER_ERROR',
      },
      guidance: { headline: 'Reseller relationship not confirmed' },
    });
  });

  it('open: Submit allowed unverified, with the relationship check saying it was let through unchecked', async () => {
    const answer = await eligibility(await withoutList(503, { failPolicy: 'open' }), { mpnId: '1000001' });
    expect(answer).toMatchObject({ canSubmit: true, verified: false, retryable: true, guidance: null });
    expect(relationshipOf(answer)).toMatchObject({
      passed: true,
      verified: false,
      blocksSubmit: false,
      guidance: { headline: 'Order allowed without a relationship check' },
    });
  });

  it('open, with both checks unavailable: allowed unverified, the top-level guidance the agreement notice', async () => {
    const answer = await eligibility(await withoutList(503, { failPolicy: 'open' }), { mpnId: '1000503' });
    expect(answer).toMatchObject({ canSubmit: true, verified: false, guidance: { headline: 'Order allowed without an agreement check' } });
    expect(answer.checks.map((check: Check) => [check.passed, check.verified])).toEqual([
      [true, false],
      [true, false],
      [true, true],
    ]);
  });

  it('open never lets our own rejected credentials through, unless configured', async () => {
    const refused = await eligibility(await withoutList(401, { failPolicy: 'open' }), { mpnId: '1000001' });
    expect(refused.canSubmit).toBe(false);
    expect(relationshipOf(refused).relationship).toMatchObject({
      reason: 'DIRECTORY_UNAVAILABLE',
      lastRefreshFailure: 'CREDENTIALS_REJECTED',
    });
    const allowed = await eligibility(await withoutList(401, { failPolicy: 'open', failOpenOnCredentialsRejected: true }), {
      mpnId: '1000001',
    });
    expect(allowed).toMatchObject({ canSubmit: true, verified: false });
  });

  it('open never lets an order through on a missing relationship: only an unknown one', async () => {
    emulator.faults.clear();
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      failPolicy: 'open',
    });
    gateways.push(gateway);
    expect((await eligibility(gateway, { mpnId: '1000010' })).canSubmit).toBe(false);
  });
});
