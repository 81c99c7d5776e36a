import pino from 'pino';
import { GuardedRedis, createGuardedRedis } from '../../src/redis/guarded-redis';
import { accountBudgetKey, createRedisAccountBudget } from '../../src/redis/redis-account-budget';
import { RedisServer, startRedisServer } from '../support/redis-server';

const MESSAGES = { unreachable: 'budget: Redis unreachable', reachable: 'budget: Redis reachable' };

/** Two processes' views of one account's budget: separate connections, one Redis. */
describe('The account budget in Redis', () => {
  let redis: RedisServer;
  const connections: GuardedRedis[] = [];
  let tagNumber = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await redis.kill();
  });

  async function twoProcesses(interactiveShare = 0.2) {
    tagNumber += 1;
    const identityTag = `emulator-united_states-test${tagNumber}`;
    const stores = [];
    for (let i = 0; i < 2; i += 1) {
      const connection = createGuardedRedis({ url: redis.url, logger: pino({ level: 'silent' }), messages: MESSAGES });
      connections.push(connection);
      await connection.whenReady();
      stores.push(createRedisAccountBudget({ redis: connection, identityTag, keyPrefix: 'test:', interactiveShare }));
    }
    return { stores, key: accountBudgetKey('test:', identityTag), client: connections[connections.length - 1] };
  }

  /** Redis's own clock, in epoch ms (the scripts read it, not this process's). */
  async function redisNow(client: GuardedRedis): Promise<number> {
    const reply = await client.attempt(async (redis) => redis.time());
    const [seconds, micros] = reply!.value;
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  /** Sets a learnt pace directly, as a 429 some time ago would have; `fields` values may be functions of Redis's now. */
  async function learnt(client: GuardedRedis, key: string, fields: Record<string, string | ((now: number) => number)>) {
    const now = await redisNow(client);
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) values[name] = typeof value === 'function' ? String(value(now)) : value;
    // Bulk work's next turn is a minute away unless said otherwise: it stays refused throughout the test.
    await client.attempt((redis) => redis.hset(key, { setAt: String(now), tat: String(now), bulkTat: String(now + 60_000), ...values }));
  }

  /** A second of calls granted at `perSecond` since a window that ended two seconds ago: the next 429 measures them. */
  const pacedAt = (perSecond: number) => ({
    held: (now: number) => now - 2_000,
    count: String(perSecond),
    firstAt: (now: number) => now - 1_000,
    lastAt: (now: number) => now,
  });

  const field = async (client: GuardedRedis, key: string, name: string) =>
    Number((await client.attempt((redis) => redis.hget(key, name)))!.value);

  it('grants every call while no pace has been learnt', async () => {
    const { stores } = await twoProcesses();
    expect(await stores[0].take('interactive', 4)).toEqual({
      granted: 4,
      waitMs: 0,
      heldForMs: 0,
      pace: null,
      yielding: false,
      firstAtMs: 0,
      spacingMs: 0,
    });
    expect(await stores[1].take('bulk', 3)).toMatchObject({ granted: 3, pace: null });
  });

  it("holds the other process for one process's Retry-After, and sends nothing into that window", async () => {
    const { stores } = await twoProcesses();
    await stores[0].take('interactive', 1);
    await stores[0].hold(30_000, false);
    const refused = await stores[1].take('interactive', 1);
    expect(refused).toMatchObject({ granted: 0 });
    expect(refused!.heldForMs).toBeGreaterThan(25_000);
    expect(refused!.heldForMs).toBeLessThanOrEqual(30_000);
  });

  it('honours no hold longer than the longest Retry-After: one written straight into Redis for a day is not obeyed', async () => {
    const { stores, key, client } = await twoProcesses();
    await stores[0].hold(86_400_000, false);
    const held = await stores[1].take('interactive', 1);
    expect(held).toMatchObject({ granted: 0 });
    expect(held!.heldForMs).toBeLessThanOrEqual(300_000);
    await learnt(client, key, { held: (now) => now + 86_400_000 });
    expect(await stores[1].take('interactive', 1)).toMatchObject({ granted: 1, heldForMs: 0 });
  });

  it('learns one pace for both processes from the calls they were all granted', async () => {
    const { stores } = await twoProcesses();
    // Forty calls granted across both processes, then a 429 while calls were waiting for room.
    for (let i = 0; i < 10; i += 1) for (const store of stores) await store.take('interactive', 2);
    const after = await stores[0].hold(1, true);
    expect(after!.pace).toBeGreaterThanOrEqual(1);
    const seen = await stores[1].take('interactive', 1);
    expect(seen!.pace).toBeGreaterThanOrEqual(after!.pace!);
  });

  it('keeps the interactive share for interactive work: bulk waits while an order form goes', async () => {
    const { stores, key, client } = await twoProcesses(0.2);
    // 20 calls/s, the next turn free now, bulk work's a minute away.
    await learnt(client, key, { rate: '20', ceiling: '20', lastInteractive: '0' });
    const bulk = await stores[0].take('bulk', 1);
    expect(bulk).toMatchObject({ granted: 0, heldForMs: 0 });
    expect(bulk!.waitMs).toBeGreaterThan(0);
    expect(await stores[1].take('interactive', 1)).toMatchObject({ granted: 1, yielding: false });
    // Interactive work has just been served: the bulk refusal now says it yields to it.
    expect(await stores[0].take('bulk', 1)).toMatchObject({ granted: 0, yielding: true });
  });

  it('grants an order form its turn ahead of the pace, further ahead than bulk work may reach', async () => {
    // The scene holds only if both takes come within 30 ms of setting it (bulk may reach 20 ms
    // ahead): a machine that held this process up longer is given the scene again.
    for (let scene = 1; ; scene += 1) {
      const { stores, key, client } = await twoProcesses(0.2);
      // 20 calls/s, the next turn 50 ms away for either class.
      let setAt = 0;
      await learnt(client, key, {
        rate: '20',
        ceiling: '20',
        tat: (now) => (setAt = now) + 50,
        bulkTat: (now) => now + 50,
      });
      const bulk = await stores[0].take('bulk', 1);
      const interactive = await stores[1].take('interactive', 2);
      if ((await redisNow(client)) - setAt >= 30 && scene < 5) continue;
      expect(bulk).toMatchObject({ granted: 0 });
      expect(interactive).toMatchObject({ granted: 1 });
      expect(interactive!.spacingMs).toBeCloseTo(50, 1);
      expect(interactive!.firstAtMs).toBeGreaterThan(0);
      expect(interactive!.firstAtMs).toBeLessThanOrEqual(50);
      return;
    }
  });

  it('gives every granted call its own turn, 1/pace apart across processes, so the account never sends in a bunch', async () => {
    const { stores, key, client } = await twoProcesses();
    // 100 calls/s: a turn every 10 ms, the next one free now.
    await learnt(client, key, { rate: '100', ceiling: '100' });
    const before = Date.now();
    const first = (await stores[0].take('interactive', 4))!;
    const second = (await stores[1].take('interactive', 4))!;
    const between = Date.now() - before;
    expect(first.granted).toBe(4);
    expect(first.spacingMs).toBeCloseTo(10, 1);
    expect(first.firstAtMs).toBeLessThanOrEqual(1);
    // The second process's turns follow the first's four (at 0, 10, 20 and 30 ms), within 50 ms ahead.
    expect(second.granted).toBeGreaterThanOrEqual(1);
    expect(second.granted).toBeLessThanOrEqual(2);
    expect(second.firstAtMs! + between).toBeGreaterThanOrEqual(40);
  });

  it('climbs back to the ceiling after a lone 429 below it, and lowers the ceiling on the third of a streak', async () => {
    const { stores, key, client } = await twoProcesses();
    // Paced near 95 a second under a ceiling of 100, then a 429 after a second of 60 calls.
    await learnt(client, key, { rate: '95', ceiling: '100', setAt: (now) => now - 10_000, ...pacedAt(60) });
    const lone = await stores[0].hold(1, true);
    // 0.9 of the 60 a second measured (a little less: the measure's second grows by the time
    // the test takes to get here, on Redis's clock), far below the 95 it was paced at.
    expect(lone!.pace).toBeLessThanOrEqual(54.01);
    expect(lone!.pace).toBeGreaterThan(40);
    expect(await field(client, key, 'ceiling')).toBe(100);
    // Two more, each after the pace climbed back and a second of 60 calls: the limit itself is lower.
    for (let i = 0; i < 2; i += 1) {
      await learnt(client, key, { rate: '95', setAt: (now) => now - 10_000, ...pacedAt(60) });
      await stores[1].hold(1, true);
    }
    // The measured 60 a second (less the test's own time, as above).
    const ceiling = await field(client, key, 'ceiling');
    expect(ceiling).toBeLessThanOrEqual(60.01);
    expect(ceiling).toBeGreaterThan(45);
  });

  it('answers undefined, at once, when Redis cannot be used: the caller paces itself', async () => {
    const own = await startRedisServer();
    const connection = createGuardedRedis({ url: own.url, logger: pino({ level: 'silent' }), messages: MESSAGES });
    connections.push(connection);
    await connection.whenReady();
    const store = createRedisAccountBudget({ redis: connection, identityTag: 'emulator-united_states-gone' });
    await own.kill();
    expect(await store.take('interactive', 1)).toBeUndefined();
    expect(await store.hold(1_000, true)).toBeUndefined();
  });
});
