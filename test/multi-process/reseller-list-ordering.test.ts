import fetch from 'node-fetch';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';
import { eventually } from '../support/eventually';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;
const REFRESH = `mutation { refreshResellerDirectory(region: UNITED_STATES) { status } }`;

const RESELLER = '3000002';
const related = (state: string) => ({
  tenantId: '00000000-0000-0000-0000-000003000002',
  name: 'Related Reseller',
  homeRegion: 'UNITED_STATES',
  signedRegions: ['UNITED_STATES'],
  relationships: { UNITED_STATES: state },
});

/**
 * Which list wins when two fetches of one account's reseller list overlap or carry clocks
 * that disagree: always the one whose fetch started later on Redis's clock, in Redis and in
 * every replica's memory. A relationship suspended since must never read as active again.
 */
describe('Reseller lists: the newest fetch wins', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let config: ReturnType<typeof group.emulatorConfig>;
  let asked = 0;
  const canSubmit = async (replica: GatewayProcess) => {
    asked += 1;
    const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean } }>(`${ELIGIBILITY} # ${asked}`, { mpnId: RESELLER });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility.canSubmit;
  };
  const refresh = async (replica: GatewayProcess) =>
    (await replica.graphql<{ refreshResellerDirectory: { status: string } }>(REFRESH)).data!.refreshResellerDirectory.status;
  /** The emulator's list page as Partner Center gives it now. */
  const listPage = async () =>
    (await (
      await fetch(`${emulator.url}/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf`, {
        headers: { authorization: `Bearer ${sandboxToken('UNITED_STATES')}`, accept: 'application/json' },
      })
    ).json()) as Record<string, unknown>;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator({ relationshipsPageSize: 1_000 });
    config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      checks: { partnerOfRecord: 'off' },
      http: { responseCacheMs: 0 },
      relationships: { forcedRefreshCooldownSeconds: 0 },
    });
  });
  beforeEach(async () => {
    await group.redisClient.flushall();
    await emulator.clearFaults();
    await emulator.putReseller(RESELLER, related('Active'));
    [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
    expect(await canSubmit(a)).toBe(true);
    expect(await canSubmit(b)).toBe(true);
  });
  afterEach(() => Promise.all([a.stop(), b.stop()]));
  afterAll(() => group.stop());

  it('never lets a list fetched before Redis was flushed replace the one fetched after it', async () => {
    // Replica A's forced refresh reaches Partner Center while the relationship is still active, and is held there.
    await emulator.setRelationshipsFault({ hold: true, failure: { type: 'status', status: 200, body: await listPage() } });
    const early = refresh(a);
    await eventually('A asked for the list', async () => (await emulator.calls()).held === 1);
    await emulator.setRelationshipsFault({});
    await emulator.putReseller(RESELLER, related('Suspended'));
    // Redis loses A's claim with everything else, so B's forced refresh fetches beside A's.
    await group.redisClient.flushall();
    expect(await refresh(b)).toBe('READY');
    expect(await canSubmit(b)).toBe(false);

    expect(await emulator.releaseHeld()).toBe(1);
    await early;
    expect(await canSubmit(a)).toBe(false);
    expect(await canSubmit(b)).toBe(false);
    // A replica starting now takes the list Redis holds.
    const c = await group.gateway({ config });
    expect(await canSubmit(c)).toBe(false);
    await c.stop();
  });

  it('takes a list fetched later over one a replica with its clock ahead fetched earlier', async () => {
    const [key] = await group.redisClient.keys('*directory*:list:UNITED_STATES');
    const stored = JSON.parse((await group.redisClient.get(key))!) as { fetchedAt: number; startedAt: number };
    const [seconds, micros] = (await group.redisClient.time()).map(Number);
    // What a replica whose clock runs ten minutes ahead writes: the fetch's start on Redis's
    // clock, its end on its own.
    const ahead = { ...stored, startedAt: seconds * 1_000_000 + micros, fetchedAt: Date.now() + 600_000 };
    await group.redisClient.set(key, JSON.stringify(ahead), 'PX', 600_000);
    await emulator.putReseller(RESELLER, related('Suspended'));

    expect(await refresh(b)).toBe('READY');
    expect(await canSubmit(b)).toBe(false);
  });
});
