import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';
import { eventually } from '../support/eventually';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;
const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;
const RECHECK_SHARED = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified shared } }`;

/** Partner Center's "not signed" answer, as it was before the reseller signed. */
const NOT_SIGNED = {
  type: 'status',
  status: 400,
  body: { code: 2203, description: 'MPN ID has not signed the MPA for the CSP region of the order.', data: [], source: 'PartnerFD' },
};
const SIGNED = { type: 'status', status: 200, body: { isAgreementSigned: true } };

/**
 * Two replicas (separate processes) sharing one redis-server and one emulator: a stored
 * answer is only ever replaced by the answer to a question asked later, whichever replica
 * asked it, and a recheck's answer reaches every replica even when Redis stalls.
 */
describe('Rechecks across replicas sharing Redis', () => {
  jest.setTimeout(90_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let a: GatewayProcess;
  let b: GatewayProcess;
  const canSubmit = async (replica: GatewayProcess, mpnId: string) => {
    const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean } }>(ELIGIBILITY, { mpnId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility.canSubmit;
  };

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    // This file is about the agreement answers; the reseller lists have their own suite.
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      checks: { relationship: 'off' },
      resilience: { maxAttempts: 1 },
      // Long enough that only the invalidation channel can make a replica forget a response.
      http: { responseCacheMs: 60_000 },
    });
    [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
  });
  afterAll(() => group.stop());
  afterEach(async () => {
    await emulator.clearFaults();
    await emulator.setAgreement('1000001', 'UNITED_STATES', true);
    await emulator.setAgreement('1000002', 'UNITED_STATES', false);
  });

  /** Starts replica B's question, held by Partner Center with the answer it had before, and waits until it arrived there. */
  async function slowQuestionOnB(mpnId: string, oldAnswer: Record<string, unknown>) {
    await emulator.setFault(mpnId, { latencyMs: 4_000, failure: oldAnswer, times: 1 });
    const before = (await emulator.calls()).inFlight;
    const pending = canSubmit(b, mpnId);
    await eventually('B asked Partner Center', async () => (await emulator.calls()).inFlight > before);
    // Later calls answer at once, with the reseller's state at the time.
    await emulator.setFault(mpnId, {});
    // Wrapped: an async function returning the promise itself would wait for it.
    return { answer: pending };
  }

  it("keeps a recheck's canSubmit true on every replica when an older question lands after it", async () => {
    const slow = await slowQuestionOnB('1000002', NOT_SIGNED);
    await emulator.setAgreement('1000002', 'UNITED_STATES', true);
    const recheck = await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000002' });
    expect(recheck.data!.recheckMpaStatus.canSubmit).toBe(true);
    expect(await slow.answer).toBe(false);
    expect(await canSubmit(a, '1000002')).toBe(true);
    expect(await canSubmit(b, '1000002')).toBe(true);
  });

  it('keeps a withdrawn agreement blocked on every replica when an older "signed" answer lands after the recheck', async () => {
    await group.redisClient.flushall();
    const slow = await slowQuestionOnB('1000001', SIGNED);
    await emulator.setAgreement('1000001', 'UNITED_STATES', false);
    const recheck = await a.graphql<{ recheckMpaStatus: { canSubmit: boolean } }>(RECHECK, { mpnId: '1000001' });
    expect(recheck.data!.recheckMpaStatus.canSubmit).toBe(false);
    expect(await slow.answer).toBe(true);
    expect(await canSubmit(a, '1000001')).toBe(false);
    expect(await canSubmit(b, '1000001')).toBe(false);
  });

  it("shares a recheck's answer made while Redis stalls, and says so", async () => {
    await group.redisClient.flushall();
    expect(await canSubmit(a, '1000002')).toBe(false);
    expect(await canSubmit(b, '1000002')).toBe(false);
    await emulator.setAgreement('1000002', 'UNITED_STATES', true);
    await group.redisClient.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const recheck = await a.graphql<{ recheckMpaStatus: { canSubmit: boolean; shared: boolean } }>(RECHECK_SHARED, { mpnId: '1000002' });
    expect(recheck.errors).toBeUndefined();
    expect(recheck.data!.recheckMpaStatus).toEqual({ canSubmit: true, verified: true, shared: true });
    // Every replica: its micro-cache forgot the old response, and Redis holds the fresh answer.
    await eventually('replica B answers from the recheck', () => canSubmit(b, '1000002'));
    expect(await canSubmit(a, '1000002')).toBe(true);
  });

  it('never leaves an older answer to be served once Redis is back, when a recheck could not share its own', async () => {
    await group.redisClient.flushall();
    // A short deadline: the recheck cannot wait out the stall.
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      checks: { relationship: 'off' },
      resilience: { maxAttempts: 1, operationDeadlineMs: 1_500 },
      http: { responseCacheMs: 0 },
    });
    const [c, d] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
    expect(await canSubmit(c, '1000002')).toBe(false);
    expect(await canSubmit(d, '1000002')).toBe(false);
    await emulator.setAgreement('1000002', 'UNITED_STATES', true);
    await group.redisClient.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const recheck = await c.graphql<{ recheckMpaStatus: { canSubmit: boolean; shared: boolean } }>(RECHECK_SHARED, { mpnId: '1000002' });
    expect(recheck.data!.recheckMpaStatus).toEqual({ canSubmit: true, verified: true, shared: false });
    // The replica that rechecked answers from it at once, from its own memory.
    expect(await canSubmit(c, '1000002')).toBe(true);
    await eventually(
      'replica C back on Redis, still answering from its recheck',
      async () => (await canSubmit(c, '1000002')) && c.output().includes('Redis reachable again: sharing the cache'),
      1_000,
    );
    // Replica D, which never lost Redis, must not find the entry the recheck replaced.
    expect(await canSubmit(d, '1000002')).toBe(true);
    await Promise.all([c.stop(), d.stop()]);
  });
});
