import fetch from 'node-fetch';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const RELATIONSHIP = `query ($mpnId: ID) {
  orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) {
    canSubmit
    checks {
      ... on MpaRelationshipCheck {
        verified
        relationship { __typename ... on MpaRelationshipUnknown { reason directoryAgeSeconds } }
      }
    }
  }
}`;
const REFRESH = `mutation { refreshResellerDirectory(region: UNITED_STATES) { status resellerCount } }`;

interface Relationship {
  readonly canSubmit: boolean;
  readonly verified: boolean;
  readonly relationship: { readonly __typename: string; readonly reason?: string; readonly directoryAgeSeconds?: number };
}

async function relationshipOf(replica: GatewayProcess, mpnId: string): Promise<Relationship> {
  const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean; checks: Array<Partial<Relationship>> } }>(RELATIONSHIP, {
    mpnId,
  });
  expect(answer.errors).toBeUndefined();
  const check = answer.data!.orderEligibility.checks.find((entry) => entry.relationship)!;
  return { canSubmit: answer.data!.orderEligibility.canSubmit, verified: check.verified!, relationship: check.relationship! };
}

const eventually = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, tries = 400): Promise<T> => {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  if (!done(value)) throw new Error(`never happened: ${what}; last ${JSON.stringify(value)}`);
  return value;
};

/** The emulator's own list page for the United States account, as Partner Center would give it. */
async function listPage(emulator: EmulatorProcess): Promise<{ items: unknown[] } & Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf`, {
    headers: { authorization: `Bearer ${sandboxToken('UNITED_STATES')}`, accept: 'application/json' },
  });
  return (await response.json()) as never;
}

const NEW_RESELLER = {
  tenantId: '00000000-0000-0000-0000-000003000001',
  name: 'Newly Related',
  homeRegion: 'UNITED_STATES',
  signedRegions: ['UNITED_STATES'],
};

describe('Reseller lists shared by replicas', () => {
  jest.setTimeout(90_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator({ relationshipsPageSize: 100 });
    // Not related yet: signed, but the provider has no relationship with it.
    await emulator.putReseller('3000001', { ...NEW_RESELLER, relationships: {} });
    // No cooldown: every forced refresh here must reach Partner Center or a fetch started after it.
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      http: { responseCacheMs: 0 },
      relationships: { forcedRefreshCooldownSeconds: 0 },
    });
    [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
  });
  afterAll(() => group.stop());

  it('never lets a forced refresh take a fetch that started before it was asked, on another replica', async () => {
    expect((await relationshipOf(a, '3000001')).relationship.__typename).toBe('MpaNoRelationship');
    // Replica A's forced refresh reaches Partner Center before the relationship is accepted, and is slow.
    await emulator.setRelationshipsFault({
      latencyMs: 2_000,
      failure: { type: 'status', status: 200, body: await listPage(emulator) },
      times: 1,
    });
    const early = a.graphql(REFRESH);
    await eventually(
      'replica A claimed the refresh',
      () => group.redisClient.keys('*directory*claim*'),
      (keys) => keys.length > 0,
    );
    await emulator.putReseller('3000001', { ...NEW_RESELLER, relationships: { UNITED_STATES: 'Active' } });

    const forced = await b.graphql<{ refreshResellerDirectory: { status: string } }>(REFRESH);
    expect(forced.data!.refreshResellerDirectory.status).toBe('READY');
    expect(await relationshipOf(b, '3000001')).toMatchObject({
      canSubmit: true,
      verified: true,
      relationship: { __typename: 'MpaRelationshipActive' },
    });
    await early;
  });
});

describe('Reseller lists that cannot be trusted', () => {
  jest.setTimeout(90_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator({ relationshipsPageSize: 100 });
  });
  afterAll(() => group.stop());

  it('takes a list whose pages hold fewer items than totalCount as a failed refresh', async () => {
    const page = await listPage(emulator);
    // One page, no next link, ten of its items: the others would read "no relationship".
    await emulator.setRelationshipsFault({
      failure: { type: 'status', status: 200, body: { ...page, totalCount: page.items.length, items: page.items.slice(0, 10) } },
    });
    const gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], { cache: { redisUrl: undefined }, http: { responseCacheMs: 0 } }),
    });
    // Not used at all, not even for the resellers it does list.
    const listed = await relationshipOf(gateway, '1000002');
    expect(listed.relationship).toMatchObject({ __typename: 'MpaRelationshipUnknown', reason: 'DIRECTORY_UNAVAILABLE' });
    expect(listed.verified).toBe(false);
    await gateway.stop();
    await emulator.clearFaults();
  });

  it('stops confirming relationships from a list older than two refresh intervals', async () => {
    const gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], {
        cache: { redisUrl: undefined },
        http: { responseCacheMs: 0 },
        relationships: { refreshIntervalSeconds: 1, refreshTimeoutMs: 1_000 },
        resilience: { maxAttempts: 1 },
      }),
    });
    expect(await relationshipOf(gateway, '1000001')).toMatchObject({ canSubmit: true, verified: true });
    await emulator.setRelationshipsFault({ failure: { type: 'status', status: 503 } });
    const stale = await eventually(
      'the list counts as too old',
      () => relationshipOf(gateway, '1000001'),
      (answer) => answer.relationship.__typename !== 'MpaRelationshipActive',
    );
    expect(stale).toMatchObject({
      canSubmit: false,
      verified: false,
      relationship: { __typename: 'MpaRelationshipUnknown', reason: 'DIRECTORY_TOO_OLD' },
    });
    expect(stale.relationship.directoryAgeSeconds).toBeGreaterThanOrEqual(2);
    await gateway.stop();
  });
});
