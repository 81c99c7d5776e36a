import { Gateway } from '../../../src/compose/gateway';
import { sandboxTenantId } from '../../../src/emulator/partner-center/emulated-world';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const POR = `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { mpnId partnerOfRecord(region: UNITED_STATES) {
  __typename
  ... on MpaPartnerOfRecordOutcome { partnerId message }
  ... on MpaPartnerIdNotValidOnRecord { errorCode errorDescription learnMoreUrl }
  ... on MpaPartnerOfRecordUndocumentedCode { errorCode errorDescription }
  ... on MpaPartnerOfRecordUnavailable { reason httpStatus }
  ... on MpaPartnerOfRecordUnrecognized { missingFromAnswer httpStatus }
  ... on MpaPartnerOfRecordUnknown { unknownReason }
} } }`;

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('Reseller.partnerOfRecord through validateresellers', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ partnerOfRecord: { maxBatchSize: 50 }, limits: { maxResellersPerQuery: 500 } });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.emulator!.faults.clear();
    gateway.emulator!.clearCalls();
  });
  const porCalls = () => gateway.emulator!.validateResellersCalls();

  it('asks about 120 distinct partner IDs (with repeats and leading zeros) in ceil(120 / 50) = 3 calls, each ID exactly once', async () => {
    const distinct = ids(4_000_000, 120);
    const mpnIds = [...distinct, ...distinct.slice(0, 30).map((id) => `00${id}`), ...distinct.slice(0, 10)];
    const result = await execute(gateway, POR, { mpnIds });
    expect(result.errors).toBeUndefined();
    expect(result.data!.resellers).toHaveLength(160);
    const calls = porCalls();
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => call.partnerIds!.length).sort((a, b) => a - b)).toEqual([20, 50, 50]);
    const sent = calls.flatMap((call) => call.partnerIds!);
    expect(sent).toHaveLength(120);
    expect(new Set(sent)).toEqual(new Set(distinct));
    expect(calls.every((call) => call.region === 'UNITED_STATES' && call.status === 200)).toBe(true);
    // Unknown PLA IDs: Microsoft's documented 900400.
    expect(result.data!.resellers[0].partnerOfRecord).toMatchObject({
      __typename: 'MpaPartnerIdNotValidOnRecord',
      partnerId: '4000000',
      errorCode: '900400',
    });
  });

  it('answers concurrent operations with overlapping IDs, asking each ID once, within ceil(distinct / 50) calls each', async () => {
    const [a, b] = await Promise.all([
      execute(gateway, POR, { mpnIds: ids(4_050_000, 60) }),
      execute(gateway, POR, { mpnIds: ids(4_050_030, 60) }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const sent = porCalls().flatMap((call) => call.partnerIds!);
    expect(sent).toHaveLength(90);
    expect(new Set(sent)).toEqual(new Set(ids(4_050_000, 90)));
    expect(porCalls().length).toBeLessThanOrEqual(2 + 2);
  });

  it('sends the usual Partner Center headers and a JSON body of strings', async () => {
    await execute(gateway, POR, { mpnIds: ['1000001'] });
    const [call] = porCalls();
    expect(call.partnerIds).toEqual(['1000001']);
    expect(call.contentType).toBe('application/json');
    expect(call.headers.authorization).toBe('bearer');
    expect(call.headers.accept).toBe('application/json');
    expect(call.headers.locale).toBe('en-US');
    expect(call.headers.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.headers.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('splits a cart over two regions into one call per region account, each with its own IDs', async () => {
    const us = ids(4_100_000, 30);
    const eu = ids(4_200_000, 20);
    const orders = [
      ...us.map((mpnId) => ({ mpnId, region: 'UNITED_STATES' })),
      ...eu.map((mpnId) => ({ mpnId, region: 'EUROPE' })),
      { mpnId: us[0], region: 'EUROPE' },
    ];
    const result = await execute(gateway, `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { canSubmit } }`, {
      orders,
    });
    expect(result.errors).toBeUndefined();
    const calls = porCalls();
    expect(calls).toHaveLength(2);
    const byRegion = Object.fromEntries(calls.map((call) => [call.region, new Set(call.partnerIds)]));
    expect(byRegion.UNITED_STATES).toEqual(new Set(us));
    expect(byRegion.EUROPE).toEqual(new Set([...eu, us[0]]));
  });

  it('answers every ID of a failed batch as unavailable, never as valid', async () => {
    gateway.emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 500 } });
    const result = await execute(gateway, POR, { mpnIds: ['1000001', '1000002', '1000012'] });
    expect(result.errors).toBeUndefined();
    expect(porCalls()).toHaveLength(1);
    expect(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord)).toEqual(
      ['1000001', '1000002', '1000012'].map((partnerId) => ({
        __typename: 'MpaPartnerOfRecordUnavailable',
        partnerId,
        message: "Microsoft's partner-of-record check could not be made just now.",
        reason: 'SERVER_ERROR',
        httpStatus: 500,
      })),
    );
  });

  it('answers an ID the answer left out as unrecognized, never as valid', async () => {
    const result = await execute(gateway, POR, { mpnIds: ['1000001', '1000014'] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord.__typename)).toEqual([
      'MpaPartnerOfRecordValid',
      'MpaPartnerOfRecordUnrecognized',
    ]);
    expect(result.data!.resellers[1].partnerOfRecord).toMatchObject({ missingFromAnswer: true, httpStatus: 200, partnerId: '1000014' });
  });

  it('keeps a code Microsoft does not document verbatim, as a number or a string', async () => {
    gateway.emulator!.putReseller({
      mpnId: '4300001',
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES'],
      purpose: 'test',
      partnerOfRecord: { valid: false, errorCode: 'PC-0042', errorDescription: '  Suspended pending review.  ' },
    });
    const result = await execute(gateway, POR, { mpnIds: ['1000013', '4300001'] });
    expect(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord)).toEqual([
      expect.objectContaining({
        __typename: 'MpaPartnerOfRecordUndocumentedCode',
        errorCode: '900777',
        errorDescription: 'A future partner-of-record answer.',
      }),
      expect.objectContaining({
        __typename: 'MpaPartnerOfRecordUndocumentedCode',
        errorCode: 'PC-0042',
        errorDescription: '  Suspended pending review.  ',
      }),
    ]);
    gateway.emulator!.removeReseller('4300001');
  });

  it("asks about a tenant ID's PLA ID from the region's reseller list, and says so when the list has none", async () => {
    const result = await execute(
      gateway,
      `query ($tenantIds: [ID!]) { resellers(tenantIds: $tenantIds) { partnerOfRecord(region: UNITED_STATES) {
        __typename ... on MpaPartnerOfRecordOutcome { partnerId } ... on MpaPartnerOfRecordUnknown { unknownReason } } } }`,
      { tenantIds: [sandboxTenantId('1000012'), sandboxTenantId('1000010')] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.resellers.map((reseller: any) => reseller.partnerOfRecord)).toEqual([
      { __typename: 'MpaPartnerIdNotValidOnRecord', partnerId: '1000012' },
      { __typename: 'MpaPartnerOfRecordUnknown', partnerId: null, unknownReason: 'NO_PARTNER_ID_LISTED' },
    ]);
    expect(porCalls().map((call) => call.partnerIds)).toEqual([['1000012']]);
  });

  it('resolves 500 _entities representations with ceil(500 / 50) = 10 validateresellers calls', async () => {
    const representations = ids(5_000_000, 500).map((mpnId) => ({ __typename: 'Reseller', mpnId }));
    const result = await execute(
      gateway,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId partnerOfRecord(region: UNITED_STATES) { __typename } } } }`,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(500);
    expect(result.data!._entities[499]).toEqual({ mpnId: '5000499', partnerOfRecord: { __typename: 'MpaPartnerIdNotValidOnRecord' } });
    const calls = porCalls();
    expect(calls).toHaveLength(10);
    expect(calls.every((call) => call.partnerIds!.length === 50)).toBe(true);
    expect(new Set(calls.flatMap((call) => call.partnerIds!)).size).toBe(500);
  });
});

describe('Partner-of-record answers in the shared status cache', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ cache: { ttlSeconds: { positive: 3_600, negative: 60 } } });
  });
  afterAll(() => gateway.stop());

  it('keeps one answer per partner ID across operations: a later batch asks only the IDs not yet known', async () => {
    gateway.emulator!.clearCalls();
    await execute(gateway, POR, { mpnIds: ['1000001', '1000012'] });
    const second = await execute(gateway, POR, { mpnIds: ['1000012', '1000001', '1000002'] });
    expect(second.data!.resellers.map((reseller: any) => reseller.partnerOfRecord.__typename)).toEqual([
      'MpaPartnerIdNotValidOnRecord',
      'MpaPartnerOfRecordValid',
      'MpaPartnerOfRecordValid',
    ]);
    expect(gateway.emulator!.validateResellersCalls().map((call) => call.partnerIds)).toEqual([['1000001', '1000012'], ['1000002']]);
  });

  it('never keeps an answer Partner Center could not give', async () => {
    gateway.emulator!.clearCalls();
    gateway.emulator!.faults.setForValidateResellers({ failure: { type: 'status', status: 503 }, times: 1 });
    const first = await execute(gateway, POR, { mpnIds: ['1000003'] });
    expect(first.data!.resellers[0].partnerOfRecord.__typename).toBe('MpaPartnerOfRecordUnavailable');
    const second = await execute(gateway, POR, { mpnIds: ['1000003'] });
    expect(second.data!.resellers[0].partnerOfRecord.__typename).toBe('MpaPartnerOfRecordValid');
    expect(gateway.emulator!.validateResellersCalls()).toHaveLength(2);
  });
});
