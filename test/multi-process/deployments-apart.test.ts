import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit retryable } }`;
const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const THROTTLED = `query ($mpnId: ID) {
  orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) {
    mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } }
  }
}`;

/**
 * Two deployments on one Redis with one key prefix and the same fixed token, each against a
 * Partner Center of its own that disagrees with the other's about two resellers: the first
 * (`one`) where 1000002 has signed and 1000011's relationship is active, the second (`two`),
 * the emulator's defaults, where neither holds. A deployment never answers from the other's
 * answers, lists or budget, whether its replicas or its audit wrote them.
 */
describe('Deployments of other configurations on one Redis', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let first: EmulatorProcess;
  let second: EmulatorProcess;
  let one: GatewayProcess;
  let two: GatewayProcess;
  const eligibility = async (gateway: GatewayProcess, mpnId: string) => {
    const answer = await gateway.graphql<{ orderEligibility: { canSubmit: boolean; retryable: boolean } }>(ELIGIBILITY, { mpnId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility;
  };
  const configOf = (emulator: EmulatorProcess) =>
    group.emulatorConfig(emulator, ['UNITED_STATES'], { http: { responseCacheMs: 0 }, resilience: { maxAttempts: 1 } });

  beforeAll(async () => {
    await group.start();
    [first, second] = await Promise.all([group.emulator(), group.emulator()]);
    await first.setAgreement('1000002', 'UNITED_STATES', true);
    await first.putReseller('1000011', {
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES'],
      tenantId: '00000000-0000-0000-0000-000001000011',
    });
    // The second deployment's audit runs first: its answers and its list are in Redis before the first deployment starts.
    const list = path.join(group.folder, 'resellers.csv');
    writeFileSync(list, 'mpnId\n1000002\n1000011\n');
    const report = path.join(group.folder, 'second-report.csv');
    const audit = await group.audit(['--input', list, '--regions', 'UNITED_STATES', '--out', report], { config: configOf(second) });
    expect(audit.code).toBe(1);
    expect(readFileSync(report, 'utf8')).not.toContain('MAY_ORDER');
    [one, two] = await Promise.all([group.gateway({ config: configOf(first) }), group.gateway({ config: configOf(second) })]);
  });
  afterAll(() => group.stop());

  it("answers each deployment from its own Partner Center, never from the other's entries", async () => {
    await Promise.all([first.clearCalls(), second.clearCalls()]);
    expect(await eligibility(one, '1000002')).toEqual({ canSubmit: true, retryable: false });
    expect(await eligibility(one, '1000011')).toEqual({ canSubmit: true, retryable: false });
    expect(await eligibility(two, '1000002')).toEqual({ canSubmit: false, retryable: false });
    expect(await eligibility(two, '1000011')).toEqual({ canSubmit: false, retryable: false });
    // The first asked its own Partner Center; the second answered from what its audit stored.
    expect((await first.calls()).count).toBe(2);
    expect((await second.calls()).count).toBe(0);
  });

  it("keeps each deployment's recheck to itself", async () => {
    await second.setAgreement('1000001', 'UNITED_STATES', false);
    expect(await eligibility(one, '1000001')).toEqual({ canSubmit: true, retryable: false });
    expect(
      (await two.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000001' })).data!.recheckMpaStatus.canSubmit,
    ).toBe(false);
    expect(await eligibility(one, '1000001')).toEqual({ canSubmit: true, retryable: false });
    expect(await eligibility(two, '1000001')).toEqual({ canSubmit: false, retryable: false });
  });

  it("does not hold one deployment's account for the other's 429", async () => {
    await second.setFault('1000006', { failure: { type: 'throttle', retryAfterSeconds: 120 }, times: 1 });
    const throttled = await two.graphql<{ orderEligibility: { mpaStatus: { reason?: string } } }>(THROTTLED, { mpnId: '1000006' });
    expect(throttled.data!.orderEligibility.mpaStatus.reason).toBe('THROTTLED');
    // The second deployment's account is held for two minutes in Redis; the first's is not.
    expect(await eligibility(one, '1000006')).toEqual({ canSubmit: false, retryable: false });
  });
});
