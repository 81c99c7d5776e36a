import { Gateway } from '../../../src/compose/gateway';
import { TEST_RESELLERS, relationshipsOf, sandboxTenantId } from '../../../src/emulator/partner-center/emulated-world';
import { SANDBOX_REGIONS } from '../../../src/compose/sandbox';
import { startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { execute, startGateway, startSandboxGateway } from '../../support/sandbox-gateway';

const RESELLER = `query ($mpnId: ID, $tenantId: ID) { reseller(mpnId: $mpnId, tenantId: $tenantId) {
  mpnId tenantId listedMpnId listedTenantId name
  us: relationship(region: UNITED_STATES) { __typename }
  europe: relationship(region: EUROPE) { __typename }
} }`;

/** Test resellers a sandbox account lists: those with a relationship with a configured region. */
const LISTED = TEST_RESELLERS.filter((r) => Object.keys(relationshipsOf(r)).some((region) => SANDBOX_REGIONS.includes(region as never)));

describe('Reseller.name, the missing identifier and Reseller.relationship', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway({ relationships: { forcedRefreshCooldownSeconds: 0 } });
    await gateway.services.directories.loaded();
  });
  afterAll(() => gateway.stop());

  it.each(LISTED.map((r) => [r.mpnId, r.name!] as const))(
    'names %s (%s) and finds its tenant ID, and the reverse, leaving the identifier given as given',
    async (mpnId, name) => {
      const listed = { listedMpnId: mpnId, listedTenantId: sandboxTenantId(mpnId), name };
      expect((await execute(gateway, RESELLER, { mpnId })).data!.reseller).toMatchObject({ mpnId, tenantId: null, ...listed });
      expect((await execute(gateway, RESELLER, { tenantId: sandboxTenantId(mpnId) })).data!.reseller).toMatchObject({
        mpnId: null,
        tenantId: sandboxTenantId(mpnId),
        ...listed,
      });
    },
  );

  it('has no name nor other identifier for a reseller no account lists', async () => {
    for (const mpnId of ['1000004', '1000005', '1000009', '1000010', '4242424']) {
      expect((await execute(gateway, RESELLER, { mpnId })).data!.reseller).toMatchObject({
        mpnId,
        tenantId: null,
        listedMpnId: null,
        listedTenantId: null,
        name: null,
      });
    }
    expect((await execute(gateway, RESELLER, { mpnId: 'x1' })).data!.reseller).toEqual({
      mpnId: 'x1',
      tenantId: null,
      listedMpnId: null,
      listedTenantId: null,
      name: null,
      us: { __typename: 'MpaRelationshipUnknown' },
      europe: { __typename: 'MpaRelationshipUnknown' },
    });
  });

  it('answers the relationship per region account', async () => {
    expect((await execute(gateway, RESELLER, { mpnId: '1000003' })).data!.reseller).toMatchObject({
      us: { __typename: 'MpaNoRelationship' },
      europe: { __typename: 'MpaRelationshipActive' },
    });
  });

  it('costs no upstream question: relationships of a long list fit a budget that only its agreement questions use', async () => {
    const small = await startSandboxGateway({ limits: { maxResellersPerQuery: 3 } });
    try {
      small.emulator!.clearCalls();
      const result = await execute(
        small,
        `{ resellers(mpnIds: ["1000001", "1000002", "1000010"]) {
          name a: relationship(region: UNITED_STATES) { __typename } b: relationship(region: EUROPE) { __typename }
          c: relationship(region: CANADA) { __typename } mpaStatus(region: UNITED_STATES) { __typename } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.resellers.map((r: { a: { __typename: string } }) => r.a.__typename)).toEqual([
        'MpaRelationshipActive',
        'MpaRelationshipActive',
        'MpaNoRelationship',
      ]);
      expect(small.emulator!.callCount()).toBe(3);
      expect(small.emulator!.relationshipsCalls().filter((call) => call.page === 0)).toHaveLength(SANDBOX_REGIONS.length);
    } finally {
      await small.stop();
    }
  });

  it('answers _entities asking names and relationships as a list lookup, within the same list cap as resellers', async () => {
    const representations = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ __typename: 'Reseller', mpnId: i === 0 ? '1000001' : String(5_000_000 + i) }));
    const LIGHT =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { name relationship(region: UNITED_STATES) { __typename } } } }';
    gateway.emulator!.clearCalls();
    const light = await execute(gateway, LIGHT, { r: representations(500) });
    expect(light.errors).toBeUndefined();
    expect(light.data!._entities[0]).toEqual({ name: 'Northwind Traders', relationship: { __typename: 'MpaRelationshipActive' } });
    expect(light.data!._entities[1]).toEqual({ name: null, relationship: { __typename: 'MpaNoRelationship' } });
    // Past limits.maxResellersPerQuery (500), refused whether or not the selection asks Partner Center.
    const heavy =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { orderEligibility(region: UNITED_STATES) { canSubmit } } } }';
    for (const query of [LIGHT, heavy]) {
      const refused = await execute(gateway, query, { r: representations(2_000) });
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(gateway.emulator!.callCount()).toBe(0);
    expect(gateway.emulator!.relationshipsCalls()).toHaveLength(0);
  });

  it('shows a reseller who has just accepted after refreshResellerDirectory, without waiting for the schedule', async () => {
    const tenantId = '7e000000-0000-4000-8000-000000004444';
    gateway.emulator!.putReseller({
      mpnId: '4444444',
      tenantId,
      name: 'Fresh Partner',
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES'],
      purpose: '',
    });
    const order = '{ orderEligibility(order: {mpnId: "4444444", region: UNITED_STATES}) { canSubmit checks { __typename passed } } }';
    expect((await execute(gateway, order)).data!.orderEligibility.canSubmit).toBe(false);
    const before = gateway.services.directories.state('UNITED_STATES')!.resellers!;
    const refreshed = await execute(
      gateway,
      'mutation { refreshResellerDirectory(region: UNITED_STATES) { region status resellerCount ageSeconds lastRefreshFailure refreshing fetchedAt } }',
    );
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data!.refreshResellerDirectory).toMatchObject({
      region: 'UNITED_STATES',
      status: 'READY',
      resellerCount: before + 1,
      ageSeconds: 0,
      lastRefreshFailure: null,
      refreshing: false,
    });
    expect((await execute(gateway, order)).data!.orderEligibility).toEqual({
      canSubmit: true,
      checks: [
        { __typename: 'MpaAgreementCheck', passed: true },
        { __typename: 'MpaRelationshipCheck', passed: true },
        { __typename: 'MpaPartnerOfRecordCheck', passed: true },
      ],
    });
    expect((await execute(gateway, RESELLER, { mpnId: '4444444' })).data!.reseller).toMatchObject({
      name: 'Fresh Partner',
      listedTenantId: tenantId,
    });
  });

  it('answers the refresh of a region without an account as REGION_NOT_CONFIGURED, and lists every account', async () => {
    const result = await execute(gateway, 'mutation { refreshResellerDirectory(region: KOREA) { region status resellerCount } }');
    expect(result.data!.refreshResellerDirectory).toEqual({ region: 'KOREA', status: 'REGION_NOT_CONFIGURED', resellerCount: null });
    const all = await execute(gateway, '{ resellerDirectories { region status } }');
    expect(all.data!.resellerDirectories).toEqual(SANDBOX_REGIONS.map((region) => ({ region, status: 'READY' })));
  });

  it("shows each account's list in /readyz and /metrics", async () => {
    const readiness = await gateway.readiness();
    const regions = (readiness.body as { regions: Record<string, { ok: boolean; directory: Record<string, unknown> }> }).regions;
    expect(regions.EUROPE).toMatchObject({
      ok: true,
      directory: { status: 'ready', resellers: 1, ageSeconds: expect.any(Number), fetchedAt: expect.any(String) },
    });
    const metrics = await gateway.metrics.registry.metrics();
    expect(metrics).toMatch(/^mpa_reseller_directory_size\{region="EUROPE"\} 1$/m);
    expect(metrics).toMatch(/^mpa_reseller_directory_age_seconds\{region="EUROPE"\} \d+$/m);
    expect(metrics).toMatch(/^mpa_reseller_directory_usable\{region="EUROPE"\} 1$/m);
    expect(metrics).toMatch(/^mpa_reseller_directory_refreshes_total\{region="EUROPE",result="ok"\} 1$/m);
  });
});

describe('A list that cannot be had, in /readyz and /metrics', () => {
  it('marks the region not ok while the relationship check is enforced, says why, and counts the failed refresh', async () => {
    const emulator = await startEmulator();
    emulator.faults.setForRelationships({ failure: { type: 'status', status: 401 }, regions: ['EUROPE'] });
    const gateway = await startGateway({
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: ['UNITED_STATES', 'EUROPE'].map((region) => ({
        region: region as 'EUROPE',
        staticToken: sandboxToken(region as 'EUROPE'),
      })),
    });
    try {
      await gateway.services.directories.loaded();
      const readiness = await gateway.readiness();
      expect(readiness.ready).toBe(true);
      const body = readiness.body as {
        status: string;
        regions: Record<string, { ok: boolean; action?: string; directory: Record<string, unknown> }>;
      };
      expect(body.status).toBe('degraded');
      expect(body.regions.UNITED_STATES).toMatchObject({ ok: true, directory: { status: 'ready' } });
      expect(body.regions.EUROPE).toMatchObject({
        ok: false,
        directory: { status: 'unavailable', resellers: null, lastFailure: { reason: 'CREDENTIALS_REJECTED', httpStatus: 401 } },
        action: expect.stringMatching(/reseller list for EUROPE cannot be had from Partner Center \(CREDENTIALS_REJECTED\)/),
      });
      const metrics = await gateway.metrics.registry.metrics();
      expect(metrics).toMatch(/^mpa_reseller_directory_refreshes_total\{region="EUROPE",result="failed"\} 1$/m);
      expect(metrics).toMatch(/^mpa_reseller_directory_usable\{region="EUROPE"\} 0$/m);
      expect(metrics).not.toMatch(/^mpa_reseller_directory_size\{region="EUROPE"\}/m);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
