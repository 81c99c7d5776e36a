import pino from 'pino';
import Redis from 'ioredis';
import { captureLogs } from '../support/log-capture';
import { GatewayConfig, parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { STORED_FORMAT_VERSION } from '../../src/status-cache/redis-status-store';
import { execute } from '../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) { __typename } } }`;

/** A recording of what one process sent to Redis and when it was told Redis stopped answering. */
interface RedisRecording {
  /** Hands the recording a log line of the replica: a line saying Redis is unreachable is noted in order. */
  noteLogLine(line: string): void;
  /** The names of the commands sent, in order. */
  sent(): string[];
  /** How many times the replica's log said Redis is unreachable. */
  stalls(): number;
  /** The commands sent after the first such line: each would have been a further wait. */
  sentAfterFirstStall(): string[];
  restore(): void;
}

/**
 * Every command this process's Redis connections send from now on, in order, between the log
 * lines saying Redis stopped answering: the order shows how many stalls an operation waited on
 * one after another, with no clock involved. Connections opened before count too (the
 * prototype is watched); only commands an operation may wait on count (those bounded by a
 * timeout; a subscription is not).
 */
function recordRedisCommands(): RedisRecording {
  const events: Array<{ readonly kind: 'sent' | 'unreachable'; readonly command?: string }> = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each connection as `this`
  const sendCommand = Redis.prototype.sendCommand;
  const spy = jest.spyOn(Redis.prototype, 'sendCommand').mockImplementation(function (this: Redis, command, stream) {
    if (this.status === 'ready' && this.options.commandTimeout !== undefined) events.push({ kind: 'sent', command: command.name });
    return sendCommand.call(this, command, stream);
  });
  const firstStall = () => events.findIndex((event) => event.kind === 'unreachable');
  const names = (from: number) => events.slice(from).flatMap((event) => (event.command === undefined ? [] : [event.command]));
  return {
    noteLogLine(line) {
      if (/Redis unreachable|Redis is unreachable/.test(line)) events.push({ kind: 'unreachable' });
    },
    sent: () => names(0),
    stalls: () => events.filter((event) => event.kind === 'unreachable').length,
    sentAfterFirstStall: () => (firstStall() < 0 ? [] : names(firstStall())),
    restore: () => spy.mockRestore(),
  };
}

describe('Two replicas sharing Redis', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: Gateway[];
  const logs = captureLogs();
  const logLines = logs.lines;

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator({ latencyMs: 100 });
    const config = parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [
        { region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') },
        { region: 'EUROPE', staticToken: sandboxToken('EUROPE') },
      ],
      cache: { redisUrl: redis.url, redisKeyPrefix: `test-${process.pid}:` },
      resilience: { maxAttempts: 1 },
    });
    replicas = await Promise.all([0, 1].map(() => createGateway({ config, logger: pino({ level: 'warn' }, logs.stream) })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator.close();
    await redis.kill();
  });
  beforeEach(() => emulator.clearCalls());

  it('runs with real accounts, not the sandbox', () => {
    expect(replicas[0].emulator).toBeUndefined();
  });

  it('makes one upstream call for concurrent identical questions on both replicas', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => execute(replicas[i % 2], STATUS, { mpnId: '1000001' })));
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(Array(40).fill('MpaSigned'));
    expect(emulator.callCount()).toBe(1);
  });

  it('serves the other replica from the shared entry afterwards', async () => {
    await execute(replicas[0], STATUS, { mpnId: '1000002' });
    await execute(replicas[1], STATUS, { mpnId: '1000002' });
    expect(emulator.callCount()).toBe(1);
  });

  it('shares an uncached answer (Partner Center unavailable) with the waiting replica', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => execute(replicas[i % 2], STATUS, { mpnId: '1000503' })));
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(Array(10).fill('MpaPartnerCenterUnavailable'));
    expect(emulator.callCount()).toBe(1);
  });

  it('keeps answering when Redis dies mid-test, and says so in the log', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => String(9_000_000 + i));
    const during = ids.map((mpnId, i) => execute(replicas[i % 2], STATUS, { mpnId }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await redis.kill();
    const results = await Promise.all([...during, ...ids.map((mpnId, i) => execute(replicas[(i + 1) % 2], STATUS, { mpnId }))]);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.reseller.mpaStatus.__typename).toBe('MpaMpnIdNotRecognized');
    }
    expect(logLines.join('')).toMatch(/Redis unreachable: caching per replica/);
    // Per replica now: each replica asks at most once per ID.
    expect(emulator.callCount()).toBeLessThanOrEqual(40);
  });
});

describe('Replicas on one Redis under stress', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: Gateway[];
  let admin: Redis;
  const prefix = `stress-${process.pid}:`;

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    emulator = await startEmulator();
    const config = parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url, timeoutMs: 8_000 },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      cache: { redisUrl: redis.url, redisKeyPrefix: prefix },
    });
    replicas = await Promise.all([0, 1, 2].map(() => createGateway({ config, logger: pino({ level: 'silent' }) })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    admin.disconnect();
    await emulator.close();
    await redis.kill();
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.clearCalls();
  });

  it('makes one call for a key across three replicas even when Partner Center takes 6 s', async () => {
    emulator.faults.setFor('1000001', { latencyMs: 6_000 });
    const results = await Promise.all(replicas.map((replica) => execute(replica, STATUS, { mpnId: '1000001' })));
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(['MpaSigned', 'MpaSigned', 'MpaSigned']);
    expect(emulator.callCount()).toBe(1);
  }, 15_000);

  it('wakes waiting replicas by notification instead of polling Redis', async () => {
    emulator.faults.setFor('1000002', { latencyMs: 2_000 });
    await admin.config('RESETSTAT');
    const results = await Promise.all(replicas.map((replica) => execute(replica, STATUS, { mpnId: '1000002' })));
    expect(results.map((r) => r.data!.reseller.mpaStatus.__typename)).toEqual(['MpaNotSigned', 'MpaNotSigned', 'MpaNotSigned']);
    const stats = String(await admin.info('commandstats'));
    const calls = (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    // Two waiters over 2 s: a handful of fallback reads, not one read every 20 ms.
    expect(calls('get') + calls('mget')).toBeLessThan(40);
    expect(emulator.callCount()).toBe(1);
  }, 10_000);

  it('keeps what it stores under a format version, and treats an entry it cannot read as a miss', async () => {
    await execute(replicas[0], STATUS, { mpnId: '1000003' });
    const keys = await admin.keys(`${prefix}*status*`);
    expect(keys.length).toBeGreaterThan(0);
    // The format version and the kind of answer, then the account's identity (kind, region, hash).
    for (const key of keys)
      expect(key).toMatch(
        new RegExp(`^${prefix}v${STORED_FORMAT_VERSION}:agreement:(status|asked):emulator-united_states-[0-9a-f]{12}:mpnId:`),
      );
    // A replica of another version wrote something this one does not know.
    const answerKey = keys.find((key) => key.includes(':status:'))!.replace('1000003', '1000005');
    await admin.set(answerKey, JSON.stringify({ outcome: { kind: 'someFutureKind' }, checkedAt: 1 }));
    const result = await execute(replicas[1], STATUS, { mpnId: '1000005' });
    expect(result.data!.reseller.mpaStatus.__typename).toBe('MpaNotIndirectReseller');
    expect(emulator.callCount()).toBe(2);
  });
});

describe('One replica when Redis freezes', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let config: GatewayConfig;
  // A replica of its own for each test (a frozen Redis leaves it unreachable in the replica's
  // eyes for a while), alone in this process while the test runs, so every Redis command
  // recorded is its own.
  let replicas: Gateway[] = [];
  let recorded: RedisRecording | undefined;
  const freshReplica = async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => recorded?.noteLogLine(line) });
    const replica = await createGateway({ config, logger });
    replicas.push(replica);
    return replica;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator();
    config = parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      cache: { redisUrl: redis.url, redisKeyPrefix: `frozen-${process.pid}:` },
    });
  });
  afterEach(async () => {
    recorded?.restore();
    recorded = undefined;
    redis.thaw();
    await Promise.all(replicas.map((replica) => replica.stop()));
    replicas = [];
  });
  afterAll(async () => {
    await emulator.close();
    await redis.kill();
  });

  it('costs an operation at most one short timeout when Redis freezes, and the next ones none', async () => {
    const replica = await freshReplica();
    // Every connection ready: one operation before the freeze.
    await execute(replica, STATUS, { mpnId: '1000001' });
    recorded = recordRedisCommands();
    const ids = Array.from({ length: 5 }, (_, i) => String(9_100_000 + i));
    redis.freeze();
    try {
      const first = await execute(
        replica,
        `query ($mpnIds: [ID!]) { resellers(mpnIds: $mpnIds) { mpaStatus(region: UNITED_STATES) { __typename } } }`,
        { mpnIds: ids },
      );
      expect(first.errors).toBeUndefined();
      expect(first.data!.resellers.map((r: { mpaStatus: { __typename: string } }) => r.mpaStatus.__typename)).toEqual(
        Array(5).fill('MpaMpnIdNotRecognized'),
      );
      // The operation met Redis's stall: what it sent waited together, and nothing was sent
      // once the stall was noticed (a command sent then would have been a second wait in a row).
      expect(recorded.stalls()).toBeGreaterThan(0);
      expect(recorded.sentAfterFirstStall()).toEqual([]);

      const before = recorded.sent().length;
      const next = await execute(replica, STATUS, { mpnId: '9100099' });
      expect(next.data!.reseller.mpaStatus.__typename).toBe('MpaMpnIdNotRecognized');
      // The next operation sent Redis nothing to wait on: the stall was known.
      expect(recorded.sent().slice(before)).toEqual([]);
    } finally {
      redis.thaw();
    }
  });

  it("does not undo another replica's recheck from its own memory while Redis is frozen", async () => {
    const [a, b] = [await freshReplica(), await freshReplica()];
    const setSigned = (signed: boolean) =>
      fetch(`${emulator.url}/_emulator/resellers/1000002/agreement`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ region: 'UNITED_STATES', signed }),
      });
    await setSigned(true);
    const onA = async () => (await execute(a, STATUS, { mpnId: '1000002' })).data!.reseller.mpaStatus.__typename as string;
    expect(await onA()).toBe('MpaSigned');
    // The agreement ends; replica B rechecks and every replica reads the new answer from Redis.
    await setSigned(false);
    const recheck = await execute(
      b,
      `mutation { recheckMpaStatus(order: {mpnId: "1000002", region: UNITED_STATES}) { shared mpaStatus { __typename } } }`,
    );
    expect(recheck.data!.recheckMpaStatus).toEqual({ shared: true, mpaStatus: { __typename: 'MpaNotSigned' } });
    expect(await onA()).toBe('MpaNotSigned');
    // Redis freezes: replica A must not fall back to the answer it had before the recheck.
    redis.freeze();
    try {
      expect(await onA()).toBe('MpaNotSigned');
    } finally {
      redis.thaw();
    }
  });

  it('costs an HTTP request at most one short timeout when Redis freezes, and the next requests none', async () => {
    const listening = await (await freshReplica()).listen();
    const post = async (mpnId: string) => {
      const response = await fetch(`${listening.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: STATUS, variables: { mpnId } }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { reseller: { mpaStatus: { __typename: string } } } };
      return body.data.reseller.mpaStatus.__typename;
    };
    // Every connection ready: one request before the freeze.
    expect(await post('1000001')).toBe('MpaSigned');
    recorded = recordRedisCommands();
    redis.freeze();
    try {
      // The rate limit's count, the status cache, the account's budget: the first request meets
      // the stall once, and what it sends after that goes nowhere near Redis.
      expect(await post('9100200')).toBe('MpaMpnIdNotRecognized');
      expect(recorded.stalls()).toBeGreaterThan(0);
      expect(recorded.sentAfterFirstStall()).toEqual([]);
      const before = recorded.sent().length;
      expect(await post('9100201')).toBe('MpaMpnIdNotRecognized');
      expect(await post('9100202')).toBe('MpaMpnIdNotRecognized');
      expect(recorded.sent().slice(before)).toEqual([]);
    } finally {
      redis.thaw();
    }
  });
});
