import { createHash } from 'node:crypto';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../../support/production-like-gateway';

const OTHER_KEY = 'second-client-key-0b7e4c91d25a';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const API_KEYS = [
  { name: 'checkout', sha256: sha256(TEST_API_KEY) },
  { name: 'second', sha256: sha256(OTHER_KEY) },
];
const LINE = 'canSubmit retryable mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds } }';
const recheck = (mpnId: string, alias = 'r') =>
  `${alias}: recheckMpaStatus(order: { mpnId: "${mpnId}", region: UNITED_STATES }) { ${LINE} }`;

interface Line {
  canSubmit: boolean;
  retryable: boolean;
  mpaStatus: { __typename: string; reason?: string; retryAfterSeconds?: number };
}

describe('Per-client budgets over HTTP', () => {
  let gateway: ProductionLikeGateway;

  const ask = async (query: string, key = TEST_API_KEY) => {
    const response = await gateway.post({ query }, { 'x-api-key': key });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, Line[] | Line>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const cart = (mpnIds: string[]) =>
    `{ lines: orderEligibilities(orders: [${mpnIds.map((id) => `{ mpnId: "${id}", region: UNITED_STATES }`).join(', ')}]) { ${LINE} } }`;

  afterEach(() => gateway.stop());

  it('answers 20 aliases of one recheck with one forced Partner Center call', async () => {
    gateway = await startProductionLikeGateway({ config: { clientAuth: { apiKeys: API_KEYS } } });
    gateway.emulator.clearCalls();
    const data = await ask(`mutation { ${Array.from({ length: 20 }, (_, i) => recheck('1000001', `r${i}`)).join(' ')} }`);
    expect(Object.values(data).map((line) => (line as Line).mpaStatus.__typename)).toEqual(Array(20).fill('MpaSigned'));
    expect(gateway.emulator.callCount()).toBe(1);
  });

  it('bounds rechecks per client and minute: past the bound a line is a retryable CLIENT_BUDGET_EXCEEDED that keeps Submit off', async () => {
    gateway = await startProductionLikeGateway({
      config: { clientAuth: { apiKeys: API_KEYS }, limits: { rechecksPerClientPerMinute: 2 }, failPolicy: 'open' },
    });
    gateway.emulator.clearCalls();
    const answers: Line[] = [];
    for (const mpnId of ['1000001', '1000001', '1000001']) answers.push((await ask(`mutation { ${recheck(mpnId)} }`)).r as Line);
    expect(answers.slice(0, 2).map((line) => line.canSubmit)).toEqual([true, true]);
    const refused = answers[2];
    expect(refused).toMatchObject({
      canSubmit: false,
      retryable: true,
      mpaStatus: { __typename: 'MpaPartnerCenterUnavailable', reason: 'CLIENT_BUDGET_EXCEEDED' },
    });
    expect(refused.mpaStatus.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.mpaStatus.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(gateway.emulator.callCount()).toBe(2);
    // Another client's rechecks are its own.
    expect(((await ask(`mutation { ${recheck('1000001')} }`, OTHER_KEY)).r as Line).canSubmit).toBe(true);
  });

  it("limits the Partner Center calls a client's operations cause per minute; cached answers are free", async () => {
    gateway = await startProductionLikeGateway({
      config: {
        clientAuth: { apiKeys: API_KEYS },
        limits: { upstreamCallsPerClientPerMinute: 3 },
        cache: { ttlSeconds: { positive: 3_600, negative: 3_600 } },
        // Even where an unreachable Partner Center lets orders through, a spent budget does not.
        failPolicy: 'open',
      },
    });
    gateway.emulator.clearCalls();
    const ids = ['1000001', '5100001', '5100002', '5100003', '5100004'];
    const first = (await ask(cart(ids))).lines as Line[];
    expect(first.map((line) => line.mpaStatus.reason ?? line.mpaStatus.__typename)).toEqual([
      'MpaSigned',
      'MpaMpnIdNotRecognized',
      'MpaMpnIdNotRecognized',
      'CLIENT_BUDGET_EXCEEDED',
      'CLIENT_BUDGET_EXCEEDED',
    ]);
    expect(first.slice(3).every((line) => !line.canSubmit && line.retryable && line.mpaStatus.retryAfterSeconds! >= 1)).toBe(true);
    expect(gateway.emulator.callCount()).toBe(3);
    // The three answers now cached cost nothing more, for this client or any other.
    const again = (await ask(cart(ids.slice(0, 3)))).lines as Line[];
    expect(again.map((line) => line.mpaStatus.__typename)).toEqual(['MpaSigned', 'MpaMpnIdNotRecognized', 'MpaMpnIdNotRecognized']);
    expect(gateway.emulator.callCount()).toBe(3);
    // Another client has its own budget.
    const other = (await ask(cart(ids.slice(3)), OTHER_KEY)).lines as Line[];
    expect(other.map((line) => line.mpaStatus.__typename)).toEqual(['MpaMpnIdNotRecognized', 'MpaMpnIdNotRecognized']);
    expect(gateway.emulator.callCount()).toBe(5);
  });
});
