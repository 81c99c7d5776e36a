import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { canSubmit } }`;
const NOT_SIGNED = {
  type: 'status',
  status: 400,
  body: { code: 2203, description: 'MPN ID has not signed the MPA for the CSP region of the order.', data: [], source: 'PartnerFD' },
};

/** More distinct keys than the per-process guard this replaced could remember (10,000). */
const CHURN = 10_100;

/**
 * One replica busy with many other resellers (an audit over GraphQL, a bulk check) while an
 * old question about one reseller is still out: what it remembers about rechecks must not
 * run out, so the old answer never replaces the recheck's however many keys pass by.
 */
describe("A recheck's answer under key churn", () => {
  jest.setTimeout(180_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], {
        checks: { relationship: 'off' },
        http: { responseCacheMs: 0 },
        partnerCenter: { timeoutMs: 120_000 },
        resilience: { maxAttempts: 1, operationDeadlineMs: 120_000 },
        limits: { upstreamConcurrency: 64 },
      }),
    });
  });
  afterAll(() => group.stop());

  it('keeps canSubmit true after an older question lands behind more than 10,000 other keys', async () => {
    // The old question: asked before the reseller signed, held by the emulator until the
    // churn below is done, then answered.
    await emulator.setFault('1000002', { hold: true, failure: NOT_SIGNED, times: 1 });
    const old = gateway.graphql(ELIGIBILITY, { mpnId: '1000002' });
    for (let tries = 0; (await emulator.calls()).held === 0 && tries < 500; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await emulator.calls()).held).toBe(1);
    await emulator.setFault('1000002', {});
    await emulator.setAgreement('1000002', 'UNITED_STATES', true);
    expect((await gateway.graphql(RECHECK, { mpnId: '1000002' })).data!.recheckMpaStatus.canSubmit).toBe(true);

    for (let from = 0; from < CHURN; from += 500) {
      const orders = Array.from({ length: Math.min(500, CHURN - from) }, (_, i) => ({
        mpnId: String(70_000_000 + from + i),
        region: 'UNITED_STATES',
      }));
      const cart = await gateway.graphql(CART, { orders });
      expect(cart.errors).toBeUndefined();
    }
    expect(await emulator.releaseHeld()).toBe(1);
    expect((await old).data!.orderEligibility.canSubmit).toBe(false);
    expect((await gateway.graphql(ELIGIBILITY, { mpnId: '1000002' })).data!.orderEligibility.canSubmit).toBe(true);
  });
});
