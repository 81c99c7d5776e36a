import { Gateway } from '../../../src/compose/gateway';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

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

describe('Chaos: 30% of upstream calls fail in mixed ways', () => {
  let gateway: Gateway;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    gateway = await startSandboxGateway({
      partnerCenter: { timeoutMs: 400 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
      resilience: {
        maxAttempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 50,
        circuitFirstTrialAfterMs: 200,
        circuitHalfOpenAfterMs: 200,
        operationDeadlineMs: 3_000,
      },
    });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await gateway.stop();
  });

  it('answers every operation with typed results within the retry budget', async () => {
    gateway.emulator!.faults.setGlobal({
      probability: 0.3,
      failure: [
        { type: 'throttle', retryAfterSeconds: 0 },
        { type: 'status', status: 503 },
        { type: 'hang' },
        { type: 'malformedBody', style: 'truncatedJson' },
        { type: 'reset' },
      ],
    });
    const pool = ['1000001', '1000002', '1000003', '1000005', '1000006', ...Array.from({ length: 15 }, (_, i) => String(8_000_000 + i))];
    let questions = 0;
    const operations = Array.from({ length: 120 }, (_, op) => {
      const mpnIds = Array.from({ length: 5 }, (_, i) => pool[(op * 7 + i * 3) % pool.length]);
      questions += new Set(mpnIds).size;
      return execute(gateway, `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { mpaStatus(region: UNITED_STATES) { __typename } } }`, {
        mpnIds,
      });
    });
    const results: Awaited<(typeof operations)[number]>[] = [];
    for (let i = 0; i < operations.length; i += 20) results.push(...(await Promise.all(operations.slice(i, i + 20))));

    for (const result of results) {
      expect(result.errors).toBeUndefined();
      for (const reseller of result.data!.resellers) expect(MEMBERS.has(reseller.mpaStatus.__typename)).toBe(true);
    }
    const typenames = results.flatMap((r) => r.data!.resellers.map((x: { mpaStatus: { __typename: string } }) => x.mpaStatus.__typename));
    // Retries get most questions through despite the faults.
    const answered = typenames.filter((t) => t !== 'MpaPartnerCenterUnavailable').length;
    expect(answered / typenames.length).toBeGreaterThan(0.5);
    expect(gateway.emulator!.callCount()).toBeLessThanOrEqual(questions * 3);
    expect(gateway.emulator!.callCount()).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  });
});
