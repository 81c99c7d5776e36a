import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { useEmulator } from '../support/emulator-fixture';
import { auditInProcess, emulatorEnvironment, mpnIdList, scratchFolder } from '../support/audit-runner';
import { startProductionLikeGateway } from '../support/production-like-gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';

const folder = scratchFolder();
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
const list = (name: string, text: string) => {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
};
type Row = Record<string, string>;
const tally = (rows: Row[]) => {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const key = row.agreementReason || row.agreementStatus;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('npm run audit: one operation per window, as the order form would ask', () => {
  jest.setTimeout(60_000);
  const emulator = useEmulator();

  it('keeps every window within the question budget of one operation (limits.maxResellersPerQuery)', async () => {
    // 2 questions per operation, 2 regions: each window holds one reseller. Asked in one operation, all but one would be BUDGET_EXCEEDED.
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES', 'EUROPE'], { limits: { maxResellersPerQuery: 2 } });
    const { code, stdout } = await auditInProcess(
      ['--input', list('budget.csv', mpnIdList([...ids(38_000_000, 20), '1000001', '1000003'])), '--regions', 'UNITED_STATES,EUROPE'],
      { env },
    );
    expect(code).toBe(1);
    const rows = parse<Row>(stdout, { columns: true });
    expect(tally(rows)).toEqual({ MpaMpnIdNotRecognized: 40, MpaSigned: 2, MpaCspRegionMismatch: 2 });
    // The mismatches' guidance still found each reseller's own region within its window's budget.
    expect(
      rows
        .filter((row) => row.agreementStatus === 'MpaCspRegionMismatch')
        .map((row) => row.agreementWhatItMeans.match(/belongs to ([\w ]+),/)?.[1]),
    ).toEqual(['United States', 'Europe']);
    expect(emulator().callCount()).toBe(44);
  });

  it('gives every window its own operation deadline, so a list longer than one deadline is answered in full', async () => {
    // 120 calls of 40 ms, 3 at a time, take at least 1.6 s however fast the machine: longer
    // than the 1 s operation deadline. A line waits for at most two rounds ahead of it (the
    // audit keeps two rounds started), about 120 ms, in a window that gives it 900 ms or more.
    emulator().faults.setGlobal({ latencyMs: 40 });
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], {
      resilience: { operationDeadlineMs: 1_000 },
      limits: { upstreamConcurrency: 3, upstreamConcurrencyMin: 3, upstreamConcurrencyMax: 3 },
    });
    const begin = Date.now();
    const { code, stdout } = await auditInProcess(
      ['--input', list('deadline.csv', mpnIdList(ids(39_000_000, 120))), '--regions', 'UNITED_STATES'],
      { env },
    );
    // The premise: the list took longer than one deadline.
    expect(Date.now() - begin).toBeGreaterThan(1_000);
    expect(code).toBe(1);
    expect(tally(parse<Row>(stdout, { columns: true }))).toEqual({ MpaMpnIdNotRecognized: 120 });
    expect(emulator().callCount()).toBe(120);
  });

  it('reports a line Partner Center never answered in time as could not be checked, never dropping it', async () => {
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], {
      partnerCenter: { timeoutMs: 300 },
      resilience: { operationDeadlineMs: 800, maxAttempts: 2 },
    });
    const { code, stdout, stderr } = await auditInProcess(
      ['--input', list('hang.csv', mpnIdList(['1000001', '1000408', '1000002'])), '--regions', 'UNITED_STATES'],
      { env },
    );
    expect(code).toBe(2);
    const rows = parse<Row>(stdout, { columns: true });
    expect(rows.map((row) => `${row.line} ${row.outcome} ${row.agreementStatus} ${row.agreementReason}`)).toEqual([
      '2 MAY_ORDER MpaSigned ',
      '3 NOT_CHECKED MpaPartnerCenterUnavailable TIMEOUT',
      '4 NEEDS_ACTION MpaNotSigned ',
    ]);
    expect(rows[1]).toMatchObject({ retryable: 'true', canSubmit: 'false' });
    expect(stderr).toContain('United States: needs action 1 · could not be checked 1 · bad input 0 · may order 1');
  });
});

describe('npm run audit when Partner Center says to wait', () => {
  jest.setTimeout(60_000);
  const emulator = useEmulator();

  it('holds the rest of the list for Retry-After instead of running through it unanswered', async () => {
    // The first call is throttled for 2 s, longer than the 1 s each window has: the lines under
    // way at that moment cannot be answered, but the lines after them wait and are.
    emulator().faults.setGlobal({ failure: { type: 'throttle', retryAfterSeconds: 2 }, times: 1 });
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], {
      resilience: { operationDeadlineMs: 1_000 },
      limits: { upstreamConcurrency: 2, upstreamConcurrencyMin: 2, upstreamConcurrencyMax: 2 },
    });
    const begin = Date.now();
    const { code, stdout, stderr } = await auditInProcess(
      ['--input', list('throttled.csv', mpnIdList(ids(43_000_000, 30))), '--regions', 'UNITED_STATES'],
      { env },
    );
    expect(code).toBe(2);
    expect(Date.now() - begin).toBeGreaterThan(2_000);
    const counts = tally(parse<Row>(stdout, { columns: true }));
    expect(counts.MpaMpnIdNotRecognized).toBeGreaterThanOrEqual(26);
    expect(counts.THROTTLED).toBeLessThanOrEqual(4);
    expect(counts.MpaMpnIdNotRecognized + counts.THROTTLED).toBe(30);
    expect(stderr).toContain('audit: waiting 2 s, as Partner Center asked; the rest of the list waits\n');
  });
});

describe('npm run audit beside a gateway sharing Redis', () => {
  jest.setTimeout(60_000);
  const emulator = useEmulator();
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.kill());

  it('answers from what the gateway already asked, and the gateway from what the audit asked', async () => {
    const cache = { redisUrl: redis.url, ttlSeconds: { positive: 3_600, negative: 60 } };
    const gateway = await startProductionLikeGateway({ emulator: emulator(), config: { cache } });
    try {
      const known = ['1000001', '1000002', ...ids(40_000_000, 8)];
      const query = 'query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { canSubmit } }';
      const asked = await gateway.post({ query, variables: { orders: known.map((mpnId) => ({ mpnId, region: 'UNITED_STATES' })) } });
      expect(asked.status).toBe(200);
      expect(emulator().callCount()).toBe(10);

      emulator().clearCalls();
      const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], { cache });
      const { code, stderr } = await auditInProcess(
        [
          '--input',
          list('shared.csv', mpnIdList([...known, ...ids(41_000_000, 5)])),
          '--regions',
          'UNITED_STATES',
          '--out',
          path.join(folder, 'shared.csv.out'),
        ],
        { env },
      );
      expect(code).toBe(1);
      // Only the five the gateway had not asked about went to Partner Center.
      expect(emulator().callCount()).toBe(5);
      expect(stderr).toContain('Partner Center: 5 calls (retries included); 10 answers from the status cache');

      emulator().clearCalls();
      const again = await gateway.post({
        query,
        variables: { orders: ids(41_000_000, 5).map((mpnId) => ({ mpnId, region: 'UNITED_STATES' })) },
      });
      expect(again.status).toBe(200);
      expect(emulator().callCount()).toBe(0);
    } finally {
      await gateway.stop();
    }
  });
});
