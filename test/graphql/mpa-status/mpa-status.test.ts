import { Gateway } from '../../../src/compose/gateway';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const STATUS_FIELDS = `
  __typename
  ... on MpaStatusOutcome { message region checkedAt correlationId }
  ... on MpaPartnerCenterError { code description learnMoreUrl httpStatus }
  ... on MpaCspRegionMismatch { mpnId }
  ... on MpaMpnIdNotRecognized { mpnId }
  ... on MpaTenantNotFound { tenantId }
  ... on MpaTenantNotSigned { tenantId }
  ... on MpaInvalidResellerId { problem }
  ... on MpaRegionNotConfigured { configuredRegions }
  ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds httpStatus }
  ... on MpaUnrecognizedAnswer { data source }
`;

const BY_MPN = `query ($mpnId: ID, $tenantId: ID, $region: CspRegion!) {
  reseller(mpnId: $mpnId, tenantId: $tenantId) { mpnId tenantId mpaStatus(region: $region) { ${STATUS_FIELDS} } }
}`;

const FAQ = 'https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq';

describe('Reseller.mpaStatus', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ partnerCenter: { timeoutMs: 300 } });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.clearCalls());

  async function statusOf(variables: Record<string, unknown>, acceptLanguage?: string) {
    const result = await execute(gateway, BY_MPN, { region: 'UNITED_STATES', ...variables }, acceptLanguage);
    expect(result.errors).toBeUndefined();
    return result.data!.reseller.mpaStatus;
  }

  it('answers MpaSigned for a signed MPN ID, with the upstream correlation id', async () => {
    const status = await statusOf({ mpnId: '1000001' });
    expect(status).toMatchObject({
      __typename: 'MpaSigned',
      region: 'UNITED_STATES',
      message: 'The reseller has accepted the Microsoft Partner Agreement for United States.',
    });
    expect(status.correlationId).toBe(gateway.emulator!.calls()[0].headers.correlationId);
    expect(new Date(status.checkedAt).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('maps 2203 to MpaNotSigned with the upstream code, description and link', async () => {
    expect(await statusOf({ mpnId: '1000002' })).toMatchObject({
      __typename: 'MpaNotSigned',
      code: '2203',
      httpStatus: 400,
      learnMoreUrl: FAQ,
      description: expect.stringContaining('MPN Id 1000002 has not signed'),
      message: 'The reseller with MPN ID 1000002 has not accepted the Microsoft Partner Agreement for United States.',
    });
  });

  it('maps 200 with isAgreementSigned false to MpaNotSigned without a code', async () => {
    expect(await statusOf({ mpnId: '1000006' })).toMatchObject({
      __typename: 'MpaNotSigned',
      code: null,
      httpStatus: 200,
      learnMoreUrl: FAQ,
    });
  });

  it('maps 2201 to MpaCspRegionMismatch', async () => {
    expect(await statusOf({ mpnId: '1000003' })).toMatchObject({ __typename: 'MpaCspRegionMismatch', code: '2201', mpnId: '1000003' });
  });

  it('maps 2200 to MpaMpnIdNotRecognized, with the migration guide as the link', async () => {
    expect(await statusOf({ mpnId: '1000004' })).toMatchObject({
      __typename: 'MpaMpnIdNotRecognized',
      code: '2200',
      mpnId: '1000004',
      learnMoreUrl: 'https://partner.microsoft.com/resources/detail/migrate-pmc-pc-mpa-guide-pptx',
    });
  });

  it('maps 2204 to MpaNotIndirectReseller', async () => {
    expect(await statusOf({ mpnId: '1000005' })).toMatchObject({ __typename: 'MpaNotIndirectReseller', code: '2204' });
  });

  it('maps 2205 to MpaTenantNotFound and 2206 to MpaTenantNotSigned, with the tenant normalised', async () => {
    expect(await statusOf({ tenantId: 'FFFFFFFF-0000-0000-0000-000000000000' })).toMatchObject({
      __typename: 'MpaTenantNotFound',
      code: '2205',
      tenantId: 'ffffffff-0000-0000-0000-000000000000',
    });
    expect(await statusOf({ tenantId: '00000000-0000-0000-0000-000001000002' })).toMatchObject({
      __typename: 'MpaTenantNotSigned',
      code: '2206',
    });
    expect(await statusOf({ tenantId: '{00000000-0000-0000-0000-000001000001}' })).toMatchObject({ __typename: 'MpaSigned' });
  });

  it.each([
    [{ mpnId: 'abc' }, 'MPN_ID_NOT_NUMERIC'],
    [{ mpnId: '-7' }, 'MPN_ID_NOT_NUMERIC'],
    [{ tenantId: 'nope' }, 'TENANT_ID_NOT_GUID'],
    [{ mpnId: '1000001', tenantId: '00000000-0000-0000-0000-000001000001' }, 'BOTH_IDS_GIVEN'],
    [{}, 'NO_ID_GIVEN'],
    [{ mpnId: '   ' }, 'NO_ID_GIVEN'],
  ])('answers MpaInvalidResellerId for %p without calling Partner Center', async (ids, problem) => {
    expect(await statusOf(ids)).toMatchObject({
      __typename: 'MpaInvalidResellerId',
      problem,
      correlationId: null,
      code: null,
      description: null,
      httpStatus: null,
      learnMoreUrl: null,
    });
    expect(gateway.emulator!.callCount()).toBe(0);
  });

  it.each([
    ['1234567', { mpnId: '1234567' }, 2000, 'MPN Id must be numeric.', 'MPN_ID_NOT_NUMERIC'],
    [
      '7f000000-0000-4000-8000-000000000001',
      { tenantId: '7f000000-0000-4000-8000-000000000001' },
      2000,
      'Tenant Id must be a GUID.',
      'TENANT_ID_NOT_GUID',
    ],
    ['7654321', { mpnId: '7654321' }, '2001', 'Both MPN Id and Tenant Id cannot be empty.', 'NO_ID_GIVEN'],
  ])(
    "keeps Partner Center's code and description when it refuses %s, an identifier the gateway accepted",
    async (identifier, ids, code, description, problem) => {
      const body = { code, description, data: [], source: 'PartnerApiServiceControllers' };
      gateway.emulator!.faults.setFor(identifier, { failure: { type: 'status', status: 400, body } });
      try {
        const status = await statusOf(ids);
        expect(status).toMatchObject({
          __typename: 'MpaInvalidResellerId',
          problem,
          code: String(code),
          description,
          httpStatus: 400,
          learnMoreUrl: null,
          correlationId: gateway.emulator!.calls()[0].headers.correlationId,
        });
      } finally {
        gateway.emulator!.faults.clear();
      }
    },
  );

  it('answers MpaRegionNotConfigured for a region without an account, naming the configured ones', async () => {
    expect(await statusOf({ mpnId: '1000001', region: 'AUSTRALIA' })).toMatchObject({
      __typename: 'MpaRegionNotConfigured',
      region: 'AUSTRALIA',
      configuredRegions: ['UNITED_STATES', 'CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'],
      message: 'Orders from Australia cannot be checked: this service has no Partner Center account there.',
    });
    expect(gateway.emulator!.callCount()).toBe(0);
  });

  it.each([
    ['1000429', 'THROTTLED', 1, 429],
    ['1000503', 'SERVER_ERROR', 10, 503],
    ['1000500', 'SERVER_ERROR', null, 500],
    ['1000408', 'TIMEOUT', null, null],
    ['1000999', 'MALFORMED_RESPONSE', null, 200],
    ['1000401', 'CREDENTIALS_REJECTED', null, 401],
    ['1000403', 'CREDENTIALS_REJECTED', null, 403],
  ])('answers MpaPartnerCenterUnavailable for %s with reason %s', async (mpnId, reason, retryAfterSeconds, httpStatus) => {
    expect(await statusOf({ mpnId })).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason, retryAfterSeconds, httpStatus });
  });

  it('answers MpaUnrecognizedAnswer for an unknown code, verbatim', async () => {
    expect(await statusOf({ mpnId: '1000777' })).toMatchObject({
      __typename: 'MpaUnrecognizedAnswer',
      code: '2299',
      httpStatus: 400,
      description: 'A future Partner Center answer.',
      data: ['https://example.com/future'],
      source: 'PartnerFD',
    });
  });

  it('writes messages in pt-PT when Accept-Language asks for Portuguese', async () => {
    expect((await statusOf({ mpnId: '1000002' }, 'pt-BR,pt;q=0.9,en;q=0.5')).message).toBe(
      'O revendedor com o MPN ID 1000002 ainda não aceitou o Contrato de Parceiro Microsoft para a região Estados Unidos.',
    );
    expect((await statusOf({ mpnId: '1000001' }, 'de-DE')).message).toBe(
      'The reseller has accepted the Microsoft Partner Agreement for United States.',
    );
  });
});

describe('MpaCspRegionMismatch.resellerRegion', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.clearCalls());

  const query = `query ($mpnId: ID!) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) {
    __typename ... on MpaCspRegionMismatch { resellerRegion } } } }`;

  it('asks nothing more when the field is not selected', async () => {
    await execute(gateway, `{ reseller(mpnId: "1000003") { mpaStatus(region: UNITED_STATES) { __typename } } }`);
    expect(gateway.emulator!.callCount()).toBe(1);
  });

  it.each([
    ['1000003', 'EUROPE'],
    ['1000008', 'BRAZIL'],
    ['1000009', null],
  ])('finds the region of %s by asking the other configured regions', async (mpnId, region) => {
    const result = await execute(gateway, query, { mpnId });
    expect(result.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaCspRegionMismatch', resellerRegion: region });
    const asked = gateway
      .emulator!.calls()
      .map((call) => call.region)
      .sort();
    expect(asked).toEqual(['BRAZIL', 'CANADA', 'EUROPE', 'JAPAN', 'UNITED_STATES']);
  });
});
