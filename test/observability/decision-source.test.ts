import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ONE = `query OneLine($order: MpaOrderLineInput!) { orderEligibility(order: $order) { canSubmit verified } }`;

/** Every decision record in `file` so far. */
const recordsIn = (file: string): Array<Record<string, any>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);

/**
 * Two replicas (separate processes) sharing one redis-server: each check's `source` in the
 * decision record says what the answer rested on, a call this replica made, the cache every
 * replica shares (Redis), or this replica's own memory.
 */
describe('Decision record sources across replicas sharing Redis', () => {
  jest.setTimeout(90_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let fileA: string;
  let fileB: string;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    const configFor = (file: string) =>
      group.emulatorConfig(emulator, ['UNITED_STATES'], {
        decisionLog: { destination: file },
        tracing: { resellerIds: 'plain' },
        cache: { ttlSeconds: { positive: 600, negative: 600 } },
        // Every ask goes through the resolvers (a reused response makes no decision).
        http: { responseCacheMs: 0 },
      });
    fileA = path.join(group.folder, 'decisions-a.log');
    fileB = path.join(group.folder, 'decisions-b.log');
    [a, b] = await Promise.all([group.gateway({ config: configFor(fileA) }), group.gateway({ config: configFor(fileB) })]);
  });
  afterAll(() => group.stop());

  const ask = async (replica: GatewayProcess, lineId: string, mpnId = '1000001', canSubmit = true) => {
    const answer = await replica.graphql<{ orderEligibility: { canSubmit: boolean } }>(ONE, {
      order: { lineId, mpnId, region: 'UNITED_STATES' },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.orderEligibility.canSubmit).toBe(canSubmit);
  };

  /** The record of `lineId` in `file`, its checks by name. */
  const recordOf = (file: string, lineId: string) => {
    const record = recordsIn(file).find((written) => written.line.lineId === lineId);
    expect(record).toBeDefined();
    const checks = new Map<string, Record<string, any>>(record!.checks.map((check: { check: string }) => [check.check, check]));
    return {
      record: record!,
      agreement: checks.get('agreement')!,
      partnerOfRecord: checks.get('partnerOfRecord')!,
      relationship: checks.get('relationship')!,
    };
  };

  // First: the other test leaves Redis counted as away for a few seconds after it froze it.
  it("says shared cache on the replica that waited for the other's call", async () => {
    // A's question is held at Partner Center until B has asked too.
    await emulator.setFault('1000002', { latencyMs: 3_000, times: 1 });
    const before = (await emulator.calls()).inFlight;
    const onA = ask(a, 'a-asks', '1000002', false);
    for (let tries = 0; (await emulator.calls()).inFlight === before; tries += 1) {
      if (tries > 500) throw new Error('A never asked Partner Center');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([onA, ask(b, 'b-waits', '1000002', false)]);
    const asked = recordOf(fileA, 'a-asks');
    const waited = recordOf(fileB, 'b-waits');
    expect(asked.agreement).toMatchObject({ answer: 'MpaNotSigned', source: 'fresh call' });
    expect(waited.agreement).toMatchObject({ answer: 'MpaNotSigned', correlationId: asked.agreement.correlationId });
    expect(waited.agreement.source).toMatch(/^shared cache, age \d+s$/);
    expect((await emulator.calls()).calls.filter((call) => call.mpnId === '1000002')).toHaveLength(1);
  });

  it("says fresh call on the replica that asked, shared cache on the other, and this replica's cache during an outage", async () => {
    await ask(a, 'a-first');
    const first = recordOf(fileA, 'a-first');
    expect(first.record).toMatchObject({
      operation: 'OneLine',
      field: 'orderEligibility',
      line: { lineId: 'a-first', identifierKind: 'mpnId', identifier: '1000001', region: 'UNITED_STATES' },
      recheck: false,
      failPolicy: 'closed',
      canSubmit: true,
      verified: true,
    });
    expect(first.agreement).toMatchObject({ answer: 'MpaSigned', passed: true, verified: true, source: 'fresh call' });
    expect(first.partnerOfRecord).toMatchObject({ answer: 'MpaPartnerOfRecordValid', passed: true, source: 'fresh call' });
    expect(first.relationship.source).toMatch(/^list, age \d+s$/);
    const calls = (await emulator.calls()).calls.filter((call) => call.mpnId === '1000001');
    expect(calls).toHaveLength(1);
    expect(first.agreement.correlationId).toEqual(expect.any(String));

    // Replica B asks the same: Redis has A's answer, and B's record rests on A's call.
    await ask(b, 'b-first');
    const shared = recordOf(fileB, 'b-first');
    expect(shared.record).toMatchObject({
      canSubmit: true,
      verified: true,
      recheck: false,
      line: { lineId: 'b-first', identifier: '1000001' },
    });
    expect(shared.agreement).toMatchObject({ answer: 'MpaSigned', passed: true, correlationId: first.agreement.correlationId });
    expect(shared.agreement.source).toMatch(/^shared cache, age \d+s$/);
    expect(shared.partnerOfRecord).toMatchObject({ answer: 'MpaPartnerOfRecordValid', correlationId: first.partnerOfRecord.correlationId });
    expect(shared.partnerOfRecord.source).toMatch(/^shared cache, age \d+s$/);

    // B asks again: still from Redis (no replica keeps a copy of what it read there).
    await ask(b, 'b-again');
    const again = recordOf(fileB, 'b-again');
    expect(again.agreement).toMatchObject({ answer: 'MpaSigned', correlationId: first.agreement.correlationId });
    expect(again.agreement.source).toMatch(/^shared cache, age \d+s$/);

    // Redis stops answering: A does not fall back to what it had before (another replica may
    // have rechecked it since): it asks Partner Center itself, then answers from its own memory
    // for as long as Redis stays away.
    group.redis.freeze();
    try {
      await ask(a, 'a-redis-away');
      await ask(a, 'a-redis-still-away');
    } finally {
      group.redis.thaw();
    }
    const fresh = recordOf(fileA, 'a-redis-away');
    expect(fresh.record).toMatchObject({ canSubmit: true, verified: true, line: { lineId: 'a-redis-away' } });
    expect(fresh.agreement).toMatchObject({ answer: 'MpaSigned', source: 'fresh call' });
    expect(fresh.agreement.correlationId).not.toBe(first.agreement.correlationId);
    const local = recordOf(fileA, 'a-redis-still-away');
    expect(local.agreement).toMatchObject({ answer: 'MpaSigned', correlationId: fresh.agreement.correlationId });
    expect(local.agreement.source).toMatch(/^this replica's cache, age \d+s$/);
    expect(local.partnerOfRecord.source).toMatch(/^this replica's cache, age \d+s$/);
    // One more call for the outage, none for the question asked again during it.
    expect((await emulator.calls()).calls.filter((call) => call.mpnId === '1000001')).toHaveLength(2);
  });
});
