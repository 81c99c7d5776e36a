import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scratchFolder } from '../support/audit-runner';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../support/production-like-gateway';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Every decision record written to `file` so far. */
const recordsIn = (file: string): Array<Record<string, any>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);

const PORTAL_API_KEY = 'portal-router-key-7d2b9c41';
const CART = `query CheckCart($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { lineId canSubmit verified } }`;
const BODY = JSON.stringify({
  query: CART,
  variables: {
    orders: [
      { lineId: 'signed', mpnId: '1000001', region: 'UNITED_STATES' },
      { lineId: 'unsigned', mpnId: '1000002', region: 'UNITED_STATES' },
    ],
  },
});

describe('Decision log behind the response micro-cache', () => {
  jest.setTimeout(60_000);
  let edge: ProductionLikeGateway;
  let file: string;
  beforeAll(async () => {
    file = path.join(scratchFolder(), 'decisions.log');
    edge = await startProductionLikeGateway({
      config: {
        decisionLog: { destination: file },
        // The longest window allowed: the second request is a hit however slow the machine.
        http: { responseCacheMs: 60_000 },
        cache: { ttlSeconds: { positive: 60, negative: 60 } },
        clientAuth: {
          apiKeys: [
            { name: 'checkout', sha256: sha256(TEST_API_KEY) },
            { name: 'portal-router', sha256: sha256(PORTAL_API_KEY) },
          ],
        },
      },
    });
  });
  afterAll(() => edge.stop());

  it("writes a record per line for a client served another client's stored answer, with its own identity", async () => {
    const before = Date.now();
    const first = await edge.post(BODY, { 'x-request-id': 'checkout-1' });
    const firstBody = await first.text();
    const callsAfterFirst = edge.emulator.calls().length;
    const again = await edge.post(BODY, { 'x-api-key': PORTAL_API_KEY, 'x-request-id': 'portal-1' });
    const againBody = await again.text();
    const after = Date.now();

    // Served from the micro-cache: the same bytes, nothing asked of Partner Center.
    expect(again.status).toBe(200);
    expect(againBody).toBe(firstBody);
    expect(edge.emulator.calls()).toHaveLength(callsAfterFirst);
    const answered = (JSON.parse(againBody) as { data: { orderEligibilities: Array<{ lineId: string; canSubmit: boolean }> } }).data
      .orderEligibilities;
    expect(answered.map((line) => [line.lineId, line.canSubmit])).toEqual([
      ['signed', true],
      ['unsigned', false],
    ]);

    const records = recordsIn(file);
    const byLine = (record: Record<string, any>, other: Record<string, any>) => String(record.line.lineId).localeCompare(other.line.lineId);
    const original = records.filter((record) => record.requestId === 'checkout-1').sort(byLine);
    const served = records.filter((record) => record.requestId === 'portal-1').sort(byLine);
    expect(original.map((record) => record.line.lineId)).toEqual(['signed', 'unsigned']);
    expect(served.map((record) => record.line.lineId)).toEqual(['signed', 'unsigned']);
    expect(records).toHaveLength(4);

    for (const [index, record] of served.entries()) {
      const first = original[index];
      // Its own time, client, request and trace; the same fields, in the same order, as any record.
      expect(Object.keys(record)).toEqual(Object.keys(first));
      expect(Date.parse(record.time)).toBeGreaterThanOrEqual(Date.parse(first.time));
      expect(Date.parse(record.time)).toBeLessThanOrEqual(after);
      expect(record.level).toBe(30);
      expect(record.name).toBe('mpa-decisions');
      expect(record.msg).toBe('order line decided');
      expect(record.decision).toBe('orderLine');
      expect(record.client).toBe('apiKey:portal-router');
      expect(first.client).toBe('apiKey:checkout');
      expect(record.operation).toBe('CheckCart');
      expect(record.field).toBe('orderEligibilities');
      expect(record.requestId).toBe('portal-1');
      expect(record.traceId).toBeNull();
      // What was decided, as first decided.
      expect(record.line).toEqual(first.line);
      expect(record.recheck).toBe(false);
      expect(record.failPolicy).toBe(first.failPolicy);
      expect(record.canSubmit).toBe(first.canSubmit);
      expect(record.verified).toBe(first.verified);
      expect(record.retryable).toBe(first.retryable);
      expect(record.checks).toHaveLength(first.checks.length);
      for (const [at, check] of record.checks.entries()) {
        const { source, ...rest } = check;
        const { source: firstSource, ...firstRest } = first.checks[at];
        expect(rest).toEqual(firstRest);
        expect(firstSource).not.toMatch(/micro-cache/);
        // How old the stored answer was when served: at most the time between the first request and the last answer.
        const age = /^response micro-cache, age (\d+) ms$/.exec(source);
        expect(age).not.toBeNull();
        expect(Number(age![1])).toBeLessThanOrEqual(after - before);
      }
    }
    expect(served[0].checks[0]).toMatchObject({ check: 'agreement', answer: 'MpaSigned', correlationId: expect.any(String) });
    expect(served[0].checks[0].correlationId).toBe(original[0].checks[0].correlationId);
    expect(served[1]).toMatchObject({ canSubmit: false, verified: true });
    expect(served[1].checks[0]).toMatchObject({ check: 'agreement', answer: 'MpaNotSigned', passed: false, blocksSubmit: true });
  });
});
