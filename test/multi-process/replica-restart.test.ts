import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';
import { eventually } from '../support/eventually';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit retryable } }`;
const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const REFRESH = `mutation { refreshResellerDirectory(region: UNITED_STATES) { status } }`;

const RESELLER = '3000003';
const related = (state: string) => ({
  tenantId: '00000000-0000-0000-0000-000003000003',
  name: 'Restart Reseller',
  homeRegion: 'UNITED_STATES',
  signedRegions: ['UNITED_STATES'],
  relationships: { UNITED_STATES: state },
});

/**
 * A replica stopped (SIGTERM) or killed (SIGKILL) while it fetches for every replica, a
 * reseller list or a recheck: the others must not wait on its claim until the claim's longest
 * life, during which they could neither refresh the list nor answer the reseller.
 */
describe('Replicas stopped in the middle of a shared fetch', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let b: GatewayProcess;
  let config: ReturnType<typeof group.emulatorConfig>;
  let asked = 0;
  const eligibility = async (replica: GatewayProcess, mpnId: string) => {
    asked += 1;
    const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean; retryable: boolean } }>(`${ELIGIBILITY} # ${asked}`, {
      mpnId,
    });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility;
  };

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator({ relationshipsPageSize: 1_000 });
    await emulator.putReseller(RESELLER, related('Active'));
    config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      checks: { partnerOfRecord: 'off' },
      http: { responseCacheMs: 0 },
      relationships: { forcedRefreshCooldownSeconds: 0, refreshTimeoutMs: 10_000 },
      resilience: { maxAttempts: 1, operationDeadlineMs: 8_000 },
    });
    b = await group.gateway({ config });
    expect(await eligibility(b, RESELLER)).toEqual({ canSubmit: true, retryable: false });
  });
  afterEach(async () => {
    await emulator.clearFaults();
    await emulator.releaseHeld();
    await emulator.putReseller(RESELLER, related('Active'));
  });
  afterAll(() => group.stop());

  it.each([
    ['stopped (SIGTERM)', (replica: GatewayProcess) => replica.stop()],
    ['killed (SIGKILL)', (replica: GatewayProcess) => replica.kill()],
  ])('refreshes the reseller list at once after the replica fetching it was %s', async (_, end) => {
    // A replica starting with no list in Redis fetches one at once: held at Partner Center, it holds the account's refresh claim.
    const lists = await group.redisClient.keys('mpa:directory-*:list*');
    if (lists.length > 0) await group.redisClient.del(...lists);
    await emulator.setRelationshipsFault({ hold: true });
    const victim = await group.gateway({ config });
    await eventually('the starting replica asked for the list', async () => (await emulator.calls()).held === 1);
    await emulator.setRelationshipsFault({});
    await emulator.putReseller(RESELLER, related('Suspended'));
    await end(victim);

    const refreshed = await b.graphql<{ refreshResellerDirectory: { status: string } }>(REFRESH);
    expect(refreshed.data!.refreshResellerDirectory.status).toBe('READY');
    expect(await eligibility(b, RESELLER)).toEqual({ canSubmit: false, retryable: false });
  });

  it('answers a reseller after the replica rechecking it was killed mid-question', async () => {
    await emulator.setFault('1000001', { hold: true });
    const victim = await group.gateway({ config });
    void victim.graphql(RECHECK, { mpnId: '1000001' }).catch(() => undefined);
    await eventually('the recheck reached Partner Center', async () => (await emulator.calls()).held === 1);
    await emulator.setFault('1000001', {});
    await victim.kill();

    expect(await eligibility(b, '1000001')).toEqual({ canSubmit: true, retryable: false });
  });
});
