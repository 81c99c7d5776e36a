import fetch from 'node-fetch';
import { Gateway } from '../../../src/compose/gateway';
import { loadGatewayConfig } from '../../../src/config/gateway-config';
import { execute, startGateway, startSandboxGateway } from '../../support/sandbox-gateway';

const POR = `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { partnerOfRecord(region: UNITED_STATES) { __typename } } }`;

describe('/metrics for validateresellers', () => {
  it('counts batch sizes and each partner ID by result: valid, the code, missing, or why the batch gave none', async () => {
    const gateway = await startSandboxGateway();
    try {
      const base = (await gateway.listen()).operatorUrl;
      await execute(gateway, POR, { mpnIds: ['1000001', '1000002', '1000012', '1000013', '1000014'] });
      gateway.emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 500 }, times: 1 });
      await execute(gateway, POR, { mpnIds: ['1000003', '1000006'] });
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('mpa_por_batch_size_count{region="UNITED_STATES"} 2');
      expect(text).toContain('mpa_por_batch_size_sum{region="UNITED_STATES"} 7');
      expect(text).toContain('mpa_por_batch_size_bucket{le="5",region="UNITED_STATES"} 2');
      expect(text).toContain('mpa_por_results_total{region="UNITED_STATES",result="valid"} 2');
      expect(text).toContain('mpa_por_results_total{region="UNITED_STATES",result="900400"} 1');
      expect(text).toContain('mpa_por_results_total{region="UNITED_STATES",result="900777"} 1');
      expect(text).toContain('mpa_por_results_total{region="UNITED_STATES",result="missing"} 1');
      expect(text).toContain('mpa_por_results_total{region="UNITED_STATES",result="upstreamFailure"} 2');
    } finally {
      await gateway.stop();
    }
  });
});

describe('validateresellers retries', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ resilience: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
  });
  afterAll(() => gateway.stop());

  it('asks a failed batch again within the deadline, with the same IDs, and answers from the retry', async () => {
    gateway.emulator!.clearCalls();
    gateway.emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 503 }, times: 1 });
    const result = await execute(gateway, POR, { mpnIds: ['1000001', '1000012'] });
    expect(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord.__typename)).toEqual([
      'MpaPartnerOfRecordValid',
      'MpaPartnerIdNotValidOnRecord',
    ]);
    const calls = gateway.emulator!.validateResellersCalls();
    expect(calls.map((call) => [call.status, call.partnerIds])).toEqual([
      [503, ['1000001', '1000012']],
      [200, ['1000001', '1000012']],
    ]);
    // A new request after a server error; only a timeout's retry keeps MS-RequestId.
    expect(calls[0].headers.requestId).not.toBe(calls[1].headers.requestId);
  });

  it('holds every call of the account for Retry-After after a 429 from validateresellers', async () => {
    gateway.emulator!.clearCalls();
    gateway.emulator!.faults.setForValidateResellers({ failure: { type: 'throttle', retryAfterSeconds: 30 }, times: 1 });
    const result = await execute(
      gateway,
      `{ reseller(mpnId: "1000001") { partnerOfRecord(region: CANADA) { __typename ... on MpaPartnerOfRecordUnavailable { reason retryAfterSeconds } } } }`,
    );
    expect(result.data!.reseller.partnerOfRecord).toEqual({
      __typename: 'MpaPartnerOfRecordUnavailable',
      reason: 'THROTTLED',
      retryAfterSeconds: 30,
    });
    // The account's agreement calls wait too: Partner Center limits the whole partner tenant.
    const status = await execute(
      gateway,
      `{ reseller(mpnId: "1000002") { mpaStatus(region: CANADA) { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`,
    );
    expect(status.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' });
    expect(gateway.emulator!.calls().filter((call) => call.region === 'CANADA')).toHaveLength(0);
  });
});

describe('partnerOfRecord configuration', () => {
  it.each([0, 1.5, 1_001])('refuses partnerOfRecord.maxBatchSize %p at start, naming the key', async (maxBatchSize) => {
    await expect(startGateway({ partnerOfRecord: { maxBatchSize } })).rejects.toThrow(/partnerOfRecord\.maxBatchSize/);
  });

  it('refuses an unknown check mode for checks.partnerOfRecord, naming the key and value', async () => {
    await expect(startGateway({ checks: { partnerOfRecord: 'sometimes' as never } })).rejects.toThrow(/checks\.partnerOfRecord/);
  });

  it('reads MPA_POR_MAX_BATCH_SIZE and MPA_CHECK_PARTNER_OF_RECORD', async () => {
    const config = loadGatewayConfig({ MPA_POR_MAX_BATCH_SIZE: '20', MPA_CHECK_PARTNER_OF_RECORD: 'reportOnly' } as NodeJS.ProcessEnv);
    expect(config.partnerOfRecord.maxBatchSize).toBe(20);
    expect(config.checks.partnerOfRecord).toBe('reportOnly');
  });
});
