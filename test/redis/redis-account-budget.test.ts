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

  /** Sets a learnt pace of `pace` calls/s directly, as a 429 some time ago would have. */
  async function learnt(client: GuardedRedis, key: string, fields: Record<string, string>) {
    await client.attempt(async (redis) => {
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      // The bulk bucket fills from a minute on: it stays empty throughout the test.
      return redis.hset(key, { setAt: String(now), tokensAt: String(now), bulkAt: String(now + 60_000), ...fields });
    });
  }

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
    // 20 calls/s, an empty bulk bucket and one call's worth in the shared one.
    await learnt(client, key, { rate: '20', ceiling: '20', tokens: '1', bulk: '0', lastInteractive: '0' });
    const bulk = await stores[0].take('bulk', 1);
    expect(bulk).toMatchObject({ granted: 0, heldForMs: 0 });
    expect(bulk!.waitMs).toBeGreaterThan(0);
    expect(await stores[1].take('interactive', 1)).toMatchObject({ granted: 1, yielding: false });
    // Interactive work has just been served: the bulk refusal now says it yields to it.
    expect(await stores[0].take('bulk', 1)).toMatchObject({ granted: 0, yielding: true });
  });

  it('grants an order form its turn ahead of the pace, further ahead than bulk work may reach', async () => {
    const { stores, key, client } = await twoProcesses(0.2);
    // 20 calls/s with both buckets empty: the next turn is 50 ms away.
    await learnt(client, key, { rate: '20', ceiling: '20', tokens: '0', bulk: '0' });
    expect(await stores[0].take('bulk', 1)).toMatchObject({ granted: 0 });
    const interactive = await stores[1].take('interactive', 2);
    expect(interactive).toMatchObject({ granted: 1, spacingMs: 50 });
    expect(interactive!.firstAtMs).toBeGreaterThan(0);
    expect(interactive!.firstAtMs).toBeLessThanOrEqual(50);
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
