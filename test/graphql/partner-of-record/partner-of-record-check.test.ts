import 'reflect-metadata';
import { Gateway } from '../../../src/compose/gateway';
import { GatewayConfigInput } from '../../../src/config/gateway-config';
import { CheckMode } from '../../../src/eligibility/check-mode';
import { judge } from '../../../src/eligibility/eligibility-check';
import { decideLine } from '../../../src/eligibility/line-decision';
import { execute, startGateway, startSandboxGateway } from '../../support/sandbox-gateway';
import { sandboxTenantId, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';

const ELIGIBILITY = `query ($order: MpaOrderLineInput!, $locale: String) {
  orderEligibility(order: $order, locale: $locale) {
    canSubmit verified retryable
    checks {
      __typename mode passed verified blocksSubmit retryable
      guidance { headline whatItMeans actions learnMoreUrl mayTakeTimeToUpdate locale }
      ... on MpaPartnerOfRecordCheck {
        partnerOfRecord {
          __typename
          ... on MpaPartnerOfRecordOutcome { message region partnerId correlationId }
          ... on MpaPartnerIdNotValidOnRecord { errorCode errorDescription learnMoreUrl }
          ... on MpaPartnerOfRecordUndocumentedCode { errorCode errorDescription }
          ... on MpaPartnerOfRecordUnavailable { reason }
        }
      }
    }
  }
}`;

type Check = Record<string, any>;
const porOf = (answer: { checks: Check[] }): Check | undefined =>
  answer.checks.find((check) => check.__typename === 'MpaPartnerOfRecordCheck');

async function eligibility(gateway: Gateway, mpnId: string, locale?: string) {
  const result = await execute(gateway, ELIGIBILITY, { order: { region: 'UNITED_STATES', mpnId }, locale });
  expect(result.errors).toBeUndefined();
  return result.data!.orderEligibility;
}

function withGateway(config: GatewayConfigInput): () => Gateway {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway(config);
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.faults.clear());
  return () => gateway;
}

describe('OrderEligibility.checks: the partner-of-record check, enforced by default', () => {
  const gateway = withGateway({});

  it('a reseller valid on every check may order; the three checks are listed in order and carry no guidance', async () => {
    const answer = await eligibility(gateway(), '1000001');
    expect(answer).toMatchObject({ canSubmit: true, verified: true, retryable: false });
    expect(answer.checks.map((check: Check) => [check.__typename, check.mode, check.passed, check.guidance])).toEqual([
      ['MpaAgreementCheck', 'ENFORCED', true, null],
      ['MpaRelationshipCheck', 'ENFORCED', true, null],
      ['MpaPartnerOfRecordCheck', 'ENFORCED', true, null],
    ]);
    expect(porOf(answer)!.partnerOfRecord).toMatchObject({
      __typename: 'MpaPartnerOfRecordValid',
      region: 'UNITED_STATES',
      partnerId: '1000001',
    });
  });

  it('a listed, signed reseller Microsoft does not accept as partner of record may not order, with guidance in en-US and pt-PT', async () => {
    const answer = await eligibility(gateway(), '1000012');
    expect(answer).toMatchObject({ canSubmit: false, verified: true, retryable: false });
    expect(answer.checks.map((check: Check) => check.passed)).toEqual([true, true, false]);
    const por = porOf(answer)!;
    expect(por).toMatchObject({ mode: 'ENFORCED', passed: false, verified: true, blocksSubmit: true, retryable: false });
    expect(por.partnerOfRecord).toMatchObject({
      __typename: 'MpaPartnerIdNotValidOnRecord',
      partnerId: '1000012',
      errorCode: '900400',
      errorDescription: 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.',
      learnMoreUrl: 'https://learn.microsoft.com/partner-center/developer/validate-reseller-partner-of-record',
      message: 'Microsoft does not accept MPN ID 1000012 as partner of record (code 900400).',
    });
    expect(por.partnerOfRecord.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(por.guidance).toMatchObject({ headline: 'Reseller not valid as partner of record', mayTakeTimeToUpdate: true, locale: 'en-US' });
    expect(por.guidance.actions.length).toBeGreaterThan(0);

    const pt = porOf(await eligibility(gateway(), '1000012', 'pt-PT'))!;
    expect(pt.guidance).toMatchObject({ headline: 'Revendedor não válido como parceiro registado', locale: 'pt-PT' });
    expect(pt.partnerOfRecord.message).toBe('A Microsoft não aceita o MPN ID 1000012 como parceiro registado (código 900400).');
  });

  it('an undocumented code blocks as well, with its own guidance and the code verbatim', async () => {
    const answer = await eligibility(gateway(), '1000013');
    expect(answer.canSubmit).toBe(false);
    expect(porOf(answer)).toMatchObject({
      blocksSubmit: true,
      partnerOfRecord: {
        __typename: 'MpaPartnerOfRecordUndocumentedCode',
        errorCode: '900777',
        errorDescription: 'A future partner-of-record answer.',
      },
      guidance: { headline: 'Reseller not valid as partner of record' },
    });
  });

  it('a result missing from the answer blocks, never passes', async () => {
    const answer = await eligibility(gateway(), '1000014');
    expect(answer.canSubmit).toBe(false);
    expect(porOf(answer)).toMatchObject({
      passed: false,
      verified: true,
      partnerOfRecord: { __typename: 'MpaPartnerOfRecordUnrecognized' },
    });
  });

  it('fail-closed: Partner Center unavailable for the verdict blocks, retryably', async () => {
    gateway().emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 503 } });
    const answer = await eligibility(gateway(), '1000001');
    expect(answer).toMatchObject({ canSubmit: false, retryable: true });
    expect(porOf(answer)).toMatchObject({
      passed: false,
      verified: false,
      blocksSubmit: true,
      retryable: true,
      partnerOfRecord: { reason: 'SERVER_ERROR' },
    });
  });
});

describe('OrderEligibility.checks: partner of record report-only', () => {
  const gateway = withGateway({ checks: { partnerOfRecord: 'reportOnly' } });

  it('shows a refusal without blocking Submit', async () => {
    const answer = await eligibility(gateway(), '1000012');
    expect(answer.canSubmit).toBe(true);
    expect(porOf(answer)).toMatchObject({
      mode: 'REPORT_ONLY',
      passed: false,
      blocksSubmit: false,
      guidance: { headline: 'Reseller not valid as partner of record' },
    });
  });
});

describe('OrderEligibility.checks: partner of record off', () => {
  const gateway = withGateway({ checks: { partnerOfRecord: 'off' } });

  it('neither lists the check nor asks Partner Center', async () => {
    gateway().emulator!.clearCalls();
    const answer = await eligibility(gateway(), '1000012');
    expect(answer.canSubmit).toBe(true);
    expect(porOf(answer)).toBeUndefined();
    expect(gateway().emulator!.validateResellersCalls()).toHaveLength(0);
  });
});

describe('OrderEligibility.checks: partner of record with fail-open', () => {
  const gateway = withGateway({ failPolicy: 'open' });

  it('lets the order through unverified while Partner Center cannot give the verdict, with the unverified notice', async () => {
    gateway().emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 500 } });
    const answer = await eligibility(gateway(), '1000001');
    expect(answer).toMatchObject({ canSubmit: true, verified: false });
    expect(porOf(answer)).toMatchObject({
      passed: true,
      verified: false,
      blocksSubmit: false,
      guidance: { headline: 'Order allowed without a partner-of-record check' },
    });
  });

  it('never lets a definite refusal through', async () => {
    expect((await eligibility(gateway(), '1000012')).canSubmit).toBe(false);
  });

  it('never lets our own rejected credentials through unless configured', async () => {
    gateway().emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 401 } });
    const answer = await eligibility(gateway(), '1000001');
    expect(answer.canSubmit).toBe(false);
    expect(porOf(answer)).toMatchObject({ passed: false, partnerOfRecord: { reason: 'CREDENTIALS_REJECTED' } });
  });
});

describe('OrderEligibility.checks: partner of record with fail-open and a short deadline', () => {
  const gateway = withGateway({ failPolicy: 'open', resilience: { operationDeadlineMs: 600 }, partnerCenter: { timeoutMs: 5_000 } });

  it('never lets a verdict the gateway gave up waiting for through: only Partner Center failing counts', async () => {
    // Partner Center is healthy but slower than the operation may wait: the gateway cut the
    // call short itself, which says nothing about the reseller.
    gateway().emulator!.faults.setForValidateResellers({ latencyMs: 3_000 });
    const answer = await eligibility(gateway(), '1000001');
    expect(answer).toMatchObject({ canSubmit: false, retryable: true });
    expect(porOf(answer)).toMatchObject({
      passed: false,
      blocksSubmit: true,
      partnerOfRecord: { __typename: 'MpaPartnerOfRecordUnavailable' },
    });
    expect(['DEADLINE_EXCEEDED', 'NOT_ASKED']).toContain(porOf(answer)!.partnerOfRecord.reason);
  });
});

describe('canSubmit over every combination of the three checks', () => {
  /** What one check can find: its answer, and whether the fail policy lets it through unverified. */
  const FINDINGS = {
    positive: { positive: true, couldNotCheck: false, passesUnverified: false, retryable: false },
    negative: { positive: false, couldNotCheck: false, passesUnverified: false, retryable: false },
    unavailableBlocked: { positive: false, couldNotCheck: true, passesUnverified: false, retryable: true },
    unavailableLetThrough: { positive: false, couldNotCheck: true, passesUnverified: true, retryable: true },
  } as const;
  type FindingName = keyof typeof FINDINGS;
  const MODES: readonly CheckMode[] = ['enforce', 'reportOnly', 'off'];

  const combinations: Array<Array<{ finding: FindingName; mode: CheckMode }>> = [];
  for (const a of Object.keys(FINDINGS) as FindingName[])
    for (const b of Object.keys(FINDINGS) as FindingName[])
      for (const c of Object.keys(FINDINGS) as FindingName[])
        for (const ma of MODES)
          for (const mb of MODES)
            for (const mc of MODES)
              combinations.push([
                { finding: a, mode: ma },
                { finding: b, mode: mb },
                { finding: c, mode: mc },
              ]);

  it(`decides all ${4 ** 3 * 3 ** 3} combinations: Submit only when every enforced check is positive or let through; unverified only then, or when nothing is enforced`, () => {
    expect(combinations).toHaveLength(1728);
    for (const combination of combinations) {
      const checks = combination.flatMap(({ finding, mode }) => (mode === 'off' ? [] : [judge(FINDINGS[finding], mode)]));
      const enforced = combination.filter(({ mode }) => mode === 'enforce');
      const expectedSubmit = enforced.every(({ finding }) => finding === 'positive' || finding === 'unavailableLetThrough');
      // An order no enforced check looked at is allowed, never confirmed.
      const expectedVerified = !(
        expectedSubmit &&
        (enforced.length === 0 || enforced.some(({ finding }) => finding === 'unavailableLetThrough'))
      );
      const overall = decideLine(checks);
      expect({ combination, canSubmit: overall.canSubmit, verified: overall.verified }).toEqual({
        combination,
        canSubmit: expectedSubmit,
        verified: expectedVerified,
      });
      for (const check of checks) {
        expect(check.blocksSubmit).toBe(check.mode === 'enforce' && !check.passed);
      }
    }
  });
});

describe("A tenant ID's partner ID while the region's reseller list cannot be had", () => {
  let emulator: Emulator;
  const gateways: Gateway[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await emulator.close();
  });

  async function withoutList(failure: 401 | 503, config: GatewayConfigInput) {
    emulator.faults.setForRelationships({ failure: { type: 'status', status: failure } });
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      resilience: { maxAttempts: 1 },
      http: { responseCacheMs: 0 },
      // The relationship check would block on its own; this is about the verdict alone.
      checks: { relationship: 'off' },
      ...config,
    });
    gateways.push(gateway);
    await gateway.services.directories.loaded();
    return gateway;
  }
  const byTenant = async (gateway: Gateway) => {
    const result = await execute(gateway, ELIGIBILITY, { order: { region: 'UNITED_STATES', tenantId: sandboxTenantId('1000001') } });
    expect(result.errors).toBeUndefined();
    return result.data!.orderEligibility;
  };

  it('closed: blocks, retryably, saying the verdict could not be asked for', async () => {
    const answer = await byTenant(await withoutList(503, {}));
    expect(answer).toMatchObject({ canSubmit: false, retryable: true });
    expect(porOf(answer)).toMatchObject({
      passed: false,
      verified: false,
      retryable: true,
      partnerOfRecord: { __typename: 'MpaPartnerOfRecordUnknown' },
    });
  });

  it('open: still blocks, since no verdict was ever asked (Partner Center failed, or refused our own credentials)', async () => {
    // Fail-open lets through only answers Partner Center could not give; without the list the
    // validateresellers question about this tenant was never sent.
    expect(await byTenant(await withoutList(503, { failPolicy: 'open' }))).toMatchObject({ canSubmit: false, retryable: true });
    expect(await byTenant(await withoutList(401, { failPolicy: 'open' }))).toMatchObject({ canSubmit: false });
  });
});
