import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const CART = `query ($orders: [MpaOrderLineInput!]!) {
  orderEligibilities(orders: $orders) { mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } }
}`;

interface CartAnswer {
  readonly orderEligibilities: Array<{ readonly mpaStatus: { readonly __typename: string; readonly reason?: string } }>;
}

let nextId = 41_000_000;
const freshIds = (n: number) => Array.from({ length: n }, () => String(nextId++));
const cart = (ids: readonly string[]) => ({ orders: ids.map((mpnId) => ({ mpnId, region: 'UNITED_STATES' })) });

async function ask(replica: GatewayProcess, ids: readonly string[]): Promise<CartAnswer['orderEligibilities']> {
  const answer = await replica.graphql<CartAnswer>(CART, cart(ids));
  expect(answer.errors).toBeUndefined();
  return answer.data!.orderEligibilities;
}

/** The value of a gauge for the United States account (and `extra` labels), or undefined when absent. */
function gauge(text: string, name: string, extra = ''): number | undefined {
  const pattern = new RegExp(`^${name}\\{region="UNITED_STATES"${extra}\\} (\\S+)$`, 'm');
  const found = pattern.exec(text);
  return found ? Number(found[1]) : undefined;
}

const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 200): Promise<T> => {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
};

describe('One Partner Center account, one budget across processes', () => {
  jest.setTimeout(180_000);
  const group = createProcessGroup();
  beforeAll(() => group.start());
  afterAll(() => group.stop());

  it("holds every replica for the Retry-After one replica's 429 asked for", async () => {
    const emulator = await group.emulator();
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      http: { responseCacheMs: 0 },
      // Short enough that nobody waits out the 30 s window: a held question answers at once.
      resilience: { operationDeadlineMs: 1_500 },
    });
    const [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
    const [throttledId, otherId] = freshIds(2);
    await emulator.setFault(throttledId, { failure: { type: 'throttle', retryAfterSeconds: 30 }, times: 1 });

    const first = await ask(a, [throttledId]);
    expect(first[0].mpaStatus).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' });
    // The hold is written to Redis as the 429 arrives; give it the moment it takes to land.
    await eventually(
      () => group.redisClient.keys('*budget*'),
      (keys) => keys.length > 0,
      80,
    );

    const second = await ask(b, [otherId]);
    expect(second[0].mpaStatus).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' });
    const calls = await emulator.calls();
    expect(calls.calls.filter((call) => call.identifier === otherId || call.mpnId === otherId)).toHaveLength(0);
    await Promise.all([a.stop(), b.stop(), emulator.stop()]);
  });

  it('lets three replicas learn one pace: once learnt, 429s stop', async () => {
    const emulator = await group.emulator({ latencyMs: 20 });
    await emulator.setRateLimit({ perSecond: 100, burst: 10 });
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], { http: { responseCacheMs: 0 } });
    const replicas = await Promise.all([0, 1, 2].map(() => group.gateway({ config })));
    // Each replica: three carts of twenty fresh resellers at once, round after round.
    const load = (rounds: number) =>
      Promise.all(
        replicas.map(async (replica) => {
          for (let round = 0; round < rounds; round += 1) await Promise.all([0, 1, 2].map(() => ask(replica, freshIds(20))));
        }),
      );
    await load(4);
    const learning = await emulator.calls();
    expect(learning.throttled).toBeGreaterThan(0);

    await load(6);
    const after = await emulator.calls();
    const calls = after.count - learning.count;
    // At most 1 % of the calls after learning are answered 429.
    expect(after.throttled - learning.throttled).toBeLessThanOrEqual(Math.ceil(calls / 100));

    // Every replica reads the account's one pace, well above the third of the limit (100 a
    // second) a replica pacing only itself would settle near, as it stood at the replica's last
    // grant: the pace climbs up to 25 % a second, so last grants a moment apart read it a little apart.
    const paces = (await Promise.all(
      replicas.map(async (replica) => gauge(await replica.metrics(), 'mpa_upstream_shared_pace')),
    )) as number[];
    for (const pace of paces) expect(pace).toBeGreaterThan(40);
    expect(Math.max(...paces) / Math.min(...paces)).toBeLessThan(1.3);
    const readiness = await replicas[0].readiness();
    expect(readiness.regions.UNITED_STATES.upstream).toMatchObject({ budget: 'shared' });
    await Promise.all([...replicas.map((replica) => replica.stop()), emulator.stop()]);
  });

  it('serves order forms from the interactive share while an audit spends the rest, and the audit says what it got', async () => {
    const emulator = await group.emulator({ latencyMs: 20 });
    await emulator.setRateLimit({ perSecond: 60, burst: 6 });
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], { http: { responseCacheMs: 0 } });
    const replica = await group.gateway({ config });
    const list = path.join(group.folder, 'audit-list.csv');
    // Long enough to outlast the order forms below (each line is two calls against 60 a second), and no longer.
    writeFileSync(list, ['mpnId', ...freshIds(300)].join('\n') + '\n');
    const audit = group.audit(['--input', list, '--regions', 'UNITED_STATES', '--out', path.join(group.folder, 'audit-report.csv')], {
      config,
    });
    let auditRunning = true;
    void audit.finally(() => (auditRunning = false));
    // Order forms arrive one question at a time while the audit runs.
    await eventually(
      async () => (await emulator.calls()).count,
      (count) => count > 100,
      400,
    );
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(...(await ask(replica, freshIds(1))));
    // Every one of them was asked while the audit still had bulk work waiting for the account.
    expect(auditRunning).toBe(true);
    // No order form is turned away for want of budget: each got Partner Center's own answer.
    for (const answer of answers) expect(answer.mpaStatus.__typename).not.toBe('MpaPartnerCenterUnavailable');
    const finished = await audit;
    expect([0, 1]).toContain(finished.code);
    // The audit reports the pace the shared budget gave it.
    expect(finished.stderr).toMatch(/paced at \d+ calls\/s/);
    await Promise.all([replica.stop(), emulator.stop()]);
  });

  it('falls back to pacing each process on its own when Redis goes away, without errors', async () => {
    const emulator: EmulatorProcess = await group.emulator({ latencyMs: 20 });
    await emulator.setRateLimit({ perSecond: 100, burst: 10 });
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], {
      http: { responseCacheMs: 0 },
      cache: { redisUrl: group.redis.url, redisCommandTimeoutMs: 100 },
    });
    const [a, b] = await Promise.all([group.gateway({ config }), group.gateway({ config })]);
    await Promise.all([a, b].map((replica) => ask(replica, freshIds(20))));
    expect((await a.readiness()).regions.UNITED_STATES.upstream).toMatchObject({ budget: 'shared' });

    await group.redis.kill();
    for (let round = 0; round < 4; round += 1) {
      const answers = (await Promise.all([a, b].flatMap((replica) => [ask(replica, freshIds(20)), ask(replica, freshIds(20))]))).flat();
      // Partner Center's own answers, or a retryable "throttled" while the processes relearn alone.
      for (const answer of answers) {
        if (answer.mpaStatus.__typename === 'MpaPartnerCenterUnavailable') expect(answer.mpaStatus.reason).toBe('THROTTLED');
      }
    }
    expect((await a.readiness()).regions.UNITED_STATES.upstream).toMatchObject({ budget: 'local' });
    await Promise.all([a.stop(), b.stop(), emulator.stop()]);
  });
});
