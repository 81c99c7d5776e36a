import fetch from 'node-fetch';
import { Gateway } from '../../src/gateway';
import { startSandboxGateway } from '../support/sandbox-gateway';

const ELIGIBILITY = (mpnId: string) =>
  `{ orderEligibility(order: {mpnId: "${mpnId}", region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaStatusOutcome { message } } } }`;

describe('Response micro-cache', () => {
  let gateway: Gateway;
  let url: string;
  beforeAll(async () => {
    // No status cache: every reuse seen here is the response micro-cache's.
    gateway = await startSandboxGateway({ http: { responseCacheMs: 1_000 } });
    url = (await gateway.listen()).url;
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.clearCalls());

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
  };

  it('answers an identical query again without the pipeline, with its own request id', async () => {
    const first = await post(ELIGIBILITY('1000001'));
    const second = await post(ELIGIBILITY('1000001'));
    expect(second.body).toEqual(first.body);
    expect(second.requestId).not.toBe(first.requestId);
    expect(gateway.emulator!.callCount()).toBe(1);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/mpa_response_cache_hits_total [1-9]/);
  });

  it('keeps languages apart', async () => {
    const en = await post(ELIGIBILITY('1000002'));
    const pt = await post(ELIGIBILITY('1000002'), { 'accept-language': 'pt-PT' });
    expect(en.body.data.orderEligibility.mpaStatus.message).toMatch(/^The reseller/);
    expect(pt.body.data.orderEligibility.mpaStatus.message).toMatch(/^O revendedor/);
  });

  it('never reuses an answer given while Partner Center was unavailable, nor an error', async () => {
    await post(ELIGIBILITY('1000503'));
    await post(ELIGIBILITY('1000503'));
    expect(gateway.emulator!.callCount()).toBe(2);
    const bad = await post('{ nope }');
    const again = await post('{ nope }');
    expect(again.body).toEqual(bad.body);
    expect(again.status).toBe(400);
  });

  it('forgets everything when a recheck replaces an answer', async () => {
    expect((await post(ELIGIBILITY('1000007'))).body.data.orderEligibility.canSubmit).toBe(false);
    gateway.emulator!.putReseller({ mpnId: '1000007', homeRegion: 'UNITED_STATES', signedRegions: ['UNITED_STATES', 'EUROPE'], purpose: 'signed now' });
    await post('mutation { recheckMpaStatus(order: {mpnId: "1000007", region: UNITED_STATES}) { canSubmit } }');
    expect((await post(ELIGIBILITY('1000007'))).body.data.orderEligibility.canSubmit).toBe(true);
  });

  it('lets a kept response lapse after its time', async () => {
    await post(ELIGIBILITY('1000005'));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await post(ELIGIBILITY('1000005'));
    expect(gateway.emulator!.callCount()).toBe(2);
  });
});
