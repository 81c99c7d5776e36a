import { Gateway } from '../../../src/compose/gateway';
import { EmulatedFailure } from '../../../src/emulator/partner-center/faults';
import { sandboxTenantId, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { execute, startGateway, startSandboxGateway } from '../../support/sandbox-gateway';

/**
 * Fail-open lets an order through only when Partner Center could not answer: never for an
 * answer of an unexpected shape, and never for a question the gateway itself did not send.
 */

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: {mpnId: $mpnId, region: UNITED_STATES}) {
  canSubmit verified retryable
  mpaStatus { __typename ... on MpaUnrecognizedAnswer { httpStatus code bodyExcerpt } ... on MpaPartnerCenterUnavailable { reason } } } }`;

describe("Fail policy: a 4xx whose body is not Partner Center's error JSON", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    // Retries and a breaker as shipped: three attempts, a circuit that opens at half of ten questions.
    gateway = await startSandboxGateway({
      failPolicy: 'open',
      checks: { relationship: 'off' },
      resilience: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50, circuitMinimumCalls: 10 },
    });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.emulator!.faults.clear();
    gateway.emulator!.clearCalls();
  });

  it.each<[string, EmulatedFailure, number, string | null]>([
    [
      '400 with an HTML page',
      { type: 'malformedBody', status: 400, style: 'html' },
      400,
      '<html><body><h1>Service temporarily unavailable</h1></body></html>',
    ],
    ['400 with an empty body', { type: 'malformedBody', status: 400, style: 'empty' }, 400, null],
    ['404 with an empty body', { type: 'status', status: 404 }, 404, null],
    ['404 with other JSON', { type: 'status', status: 404, body: { error: 'No such route' } }, 404, '{"error":"No such route"}'],
    ['409 with plain text', { type: 'status', status: 409, body: 'Conflict' }, 409, 'Conflict'],
  ])(
    'is a definite unrecognized answer (%s): kept verbatim, asked once, never let through, the circuit stays closed',
    async (_name, failure, status, excerpt) => {
      gateway.emulator!.faults.setFor('1000002', { failure });
      for (let question = 1; question <= 12; question += 1) {
        const answer = (await execute(gateway, ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility;
        expect(answer).toEqual({
          canSubmit: false,
          verified: true,
          retryable: false,
          mpaStatus: { __typename: 'MpaUnrecognizedAnswer', httpStatus: status, code: null, bodyExcerpt: excerpt },
        });
        // Not retried: one call per question.
        expect(gateway.emulator!.callCount()).toBe(question);
      }
      expect(gateway.services.checker.circuitStates().get('UNITED_STATES')).toBe('closed');
      // The region still answers for everyone else.
      expect((await execute(gateway, ELIGIBILITY, { mpnId: '1000001' })).data!.orderEligibility).toMatchObject({
        canSubmit: true,
        verified: true,
      });
    },
  );

  it('keeps only the start of a long body', async () => {
    gateway.emulator!.faults.setFor('1000002', { failure: { type: 'status', status: 400, body: `<html>${'x'.repeat(5_000)}</html>` } });
    const { mpaStatus } = (await execute(gateway, ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility;
    expect(mpaStatus.bodyExcerpt).toHaveLength(500);
    expect(mpaStatus.bodyExcerpt.startsWith('<html>xxx')).toBe(true);
  });

  it('never passes on a credential that a page echoing the request shows', async () => {
    const echoed =
      'GET /v1/compliance/csp/agreementstatus\nAuthorization: Bearer sandbox-united-states\nX-Token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    gateway.emulator!.faults.setFor('1000002', { failure: { type: 'status', status: 400, body: echoed } });
    const { mpaStatus } = (await execute(gateway, ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility;
    expect(mpaStatus.bodyExcerpt).toBe(
      'GET /v1/compliance/csp/agreementstatus\nAuthorization: [credential removed]\nX-Token: [credential removed]',
    );
  });

  it('still lets through what Partner Center could not answer: 5xx, 408, 429 and an unreadable 2xx or 5xx body', async () => {
    const unavailable: Array<[EmulatedFailure, string]> = [
      [{ type: 'status', status: 503 }, 'SERVER_ERROR'],
      [{ type: 'malformedBody', status: 502, style: 'html' }, 'SERVER_ERROR'],
      [{ type: 'status', status: 408 }, 'TIMEOUT'],
      [{ type: 'malformedBody', status: 200, style: 'truncatedJson' }, 'MALFORMED_RESPONSE'],
      [{ type: 'malformedBody', status: 200, style: 'empty' }, 'MALFORMED_RESPONSE'],
      [{ type: 'throttle', retryAfterSeconds: 60 }, 'THROTTLED'],
    ];
    for (const [failure, reason] of unavailable) {
      gateway.emulator!.faults.setFor('1000002', { failure });
      expect((await execute(gateway, ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility).toMatchObject({
        canSubmit: true,
        verified: false,
        mpaStatus: { __typename: 'MpaPartnerCenterUnavailable', reason },
      });
    }
  });
});

describe('Fail policy: a line whose question never left the gateway', () => {
  const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) {
    lineId canSubmit verified retryable mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;

  it('is never let through: a 100-line cart of unsigned resellers against a slow Partner Center, default limits', async () => {
    const gateway = await startGateway({ failPolicy: 'open', checks: { relationship: 'off' } });
    try {
      const emulator = gateway.emulator!;
      const mpnIds = Array.from({ length: 100 }, (_, index) => String(7_100_000 + index));
      for (const mpnId of mpnIds) {
        emulator.putReseller({
          mpnId,
          tenantId: sandboxTenantId(mpnId),
          homeRegion: 'UNITED_STATES',
          signedRegions: [],
          purpose: 'Unsigned, for a cart larger than one deadline.',
        });
        // Healthy, but 2.5 s a call: the default deadline leaves room for a few rounds only.
        emulator.faults.setFor(mpnId, { latencyMs: 2_500 });
      }
      const orders = mpnIds.map((mpnId) => ({ lineId: mpnId, mpnId, region: 'UNITED_STATES' }));
      const result = await execute(gateway, CART, { orders });
      const lines = result.data!.orderEligibilities as Array<{
        canSubmit: boolean;
        verified: boolean;
        retryable: boolean;
        mpaStatus: { __typename: string; reason?: string };
      }>;
      expect(lines).toHaveLength(100);
      expect(lines.filter((line) => line.canSubmit)).toEqual([]);
      const answered = lines.filter((line) => line.mpaStatus.__typename === 'MpaNotSigned');
      const notAsked = lines.filter((line) => line.mpaStatus.__typename !== 'MpaNotSigned');
      // Some were asked and answered; the rest were never sent, and say so.
      expect(answered.length).toBeGreaterThan(0);
      expect(notAsked.length).toBeGreaterThan(0);
      for (const line of notAsked) {
        expect(line).toMatchObject({
          canSubmit: false,
          verified: true,
          retryable: true,
          mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' },
        });
        expect(['NOT_ASKED', 'DEADLINE_EXCEEDED']).toContain(line.mpaStatus.reason);
      }
      expect(notAsked.some((line) => line.mpaStatus.reason === 'NOT_ASKED')).toBe(true);
      // Every line never sent is one the emulator never saw.
      expect(emulator.callCount()).toBeLessThan(100);
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});

describe('Fail policy: a reseller list Partner Center answered with something unknown', () => {
  const RELATIONSHIP = `query { orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) {
    canSubmit verified checks { __typename passed verified ... on MpaRelationshipCheck { relationship { __typename ... on MpaRelationshipUnknown { lastRefreshFailure } } } } } }`;

  it('is not let through: a 404 page instead of the list is a definite answer, not Partner Center unavailable', async () => {
    const emulator = await startEmulator();
    const gateways: Gateway[] = [];
    try {
      const listFailing = async (failure: EmulatedFailure) => {
        emulator.faults.setForRelationships({ failure });
        const gateway = await startGateway({
          clientAuth: { allowAnonymous: true },
          partnerCenter: { baseUrl: emulator.url },
          accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
          failPolicy: 'open',
          checks: { agreement: 'reportOnly' },
          resilience: { maxAttempts: 1 },
        });
        gateways.push(gateway);
        await gateway.services.directories.loaded();
        return (await execute(gateway, RELATIONSHIP)).data!.orderEligibility;
      };
      expect(await listFailing({ type: 'malformedBody', status: 404, style: 'html' })).toMatchObject({
        canSubmit: false,
        checks: expect.arrayContaining([
          {
            __typename: 'MpaRelationshipCheck',
            passed: false,
            verified: false,
            relationship: { __typename: 'MpaRelationshipUnknown', lastRefreshFailure: 'UNRECOGNIZED_ANSWER' },
          },
        ]),
      });
      // A list Partner Center could not give still goes by the fail policy.
      expect(await listFailing({ type: 'status', status: 503 })).toMatchObject({ canSubmit: true, verified: false });
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await emulator.close();
    }
  });

  it('is not let through while the first list is still loading and nothing has failed yet', async () => {
    const emulator = await startEmulator();
    // The list takes longer than an operation may wait, without failing.
    emulator.faults.setForRelationships({ latencyMs: 20_000 });
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      failPolicy: 'open',
      checks: { agreement: 'reportOnly' },
      resilience: { operationDeadlineMs: 500 },
    });
    try {
      expect((await execute(gateway, RELATIONSHIP)).data!.orderEligibility).toMatchObject({
        canSubmit: false,
        checks: expect.arrayContaining([
          {
            __typename: 'MpaRelationshipCheck',
            passed: false,
            verified: false,
            relationship: { __typename: 'MpaRelationshipUnknown', lastRefreshFailure: null },
          },
        ]),
      });
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
