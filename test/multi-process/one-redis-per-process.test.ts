import { GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;

/** The gateway's connections as Redis lists them (`mpa-<use>-<pid>`): per process id, how many of each use. */
async function connectionsByProcess(list: string): Promise<Map<string, Map<string, number>>> {
  const byProcess = new Map<string, Map<string, number>>();
  for (const line of list.split('\n')) {
    const name = /(?:^| )name=mpa-([a-z-]+)-(\d+)(?: |$)/.exec(line);
    if (!name) continue;
    const [, use, pid] = name;
    const uses = byProcess.get(pid) ?? new Map<string, number>();
    uses.set(use, (uses.get(use) ?? 0) + 1);
    byProcess.set(pid, uses);
  }
  return byProcess;
}

/**
 * Two replicas (separate processes) on one redis-server: each process's status cache,
 * partner-of-record cache, reseller lists and account budget share one guarded connection
 * (and its subscriber) with one breaker, so a Redis stall is noticed once per process and every
 * user falls back together, instead of each paying its own command timeout.
 */
describe('One guarded Redis connection per process', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let replicas: GatewayProcess[];

  beforeAll(async () => {
    await group.start();
    const emulator = await group.emulator();
    const config = group.emulatorConfig(emulator, ['UNITED_STATES']);
    replicas = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
  });
  afterAll(() => group.stop());

  it('is shared by every Redis user of a replica: one command connection and one subscriber each', async () => {
    // Every user has worked: an agreement answer, a partner-of-record verdict, the lists, the budget.
    for (const [i, replica] of replicas.entries()) {
      const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean } }>(ELIGIBILITY, { mpnId: String(1000001 + i) });
      expect(answer.errors).toBeUndefined();
    }
    const byProcess = await connectionsByProcess(String(await group.redisClient.call('CLIENT', 'LIST')));
    const replicaConnections = [...byProcess.values()].filter((uses) => uses.has('shared') || uses.has('store'));
    expect(replicaConnections).toHaveLength(2);
    for (const uses of replicaConnections) {
      expect(uses.get('shared')).toBe(1);
      expect(uses.get('shared-sub')).toBe(1);
      // No user of the replica has a guarded connection of its own.
      expect(uses.get('store') ?? 0).toBe(0);
      expect(uses.get('store-sub') ?? 0).toBe(0);
    }
  });

  it('says once, when Redis freezes, what each user falls back to, and answers meanwhile', async () => {
    const [replica] = replicas;
    group.redis.freeze();
    try {
      const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean; verified: boolean } }>(ELIGIBILITY, {
        mpnId: '1000003',
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.orderEligibility.verified).toBe(true);
      const printed = replica.output();
      for (const consequence of [
        'Redis unreachable: caching per replica until it is back',
        'Redis unreachable: keeping reseller directories per replica until it is back',
        'Redis unreachable: each process paces its Partner Center calls on its own until it is back',
      ]) {
        expect(printed.split(consequence).length - 1).toBe(1);
      }
    } finally {
      group.redis.thaw();
    }
  });
});
