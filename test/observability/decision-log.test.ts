import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scratchFolder } from '../support/audit-runner';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { createDecisionLog } from '../../src/observability/decision-log';

const hashed = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

/** Every decision record written to `file` so far. */
const recordsIn = (file: string): Array<Record<string, any>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);

const CART = `query Cart($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { lineId canSubmit verified } }`;
const ONE = `query OneLine($order: MpaOrderLineInput!) { orderEligibility(order: $order) { canSubmit verified } }`;

describe('Decision log', () => {
  jest.setTimeout(60_000);

  it('is off by default: no log is created', () => {
    expect(createDecisionLog()).toBeUndefined();
    expect(createDecisionLog({ destination: 'off' })).toBeUndefined();
  });

  it('refuses a file it cannot write, naming the key', () => {
    const folder = scratchFolder();
    expect(() => createDecisionLog({ destination: folder })).toThrow(
      `Invalid configuration: decisionLog.destination ${JSON.stringify(folder)} cannot be opened for writing (EISDIR).`,
    );
  });

  describe('with a client budget of one Partner Center call a minute', () => {
    let edge: ProductionLikeGateway;
    let file: string;
    beforeAll(async () => {
      file = path.join(scratchFolder(), 'decisions.log');
      edge = await startProductionLikeGateway({
        config: { decisionLog: { destination: file }, limits: { upstreamCallsPerClientPerMinute: 1 } },
      });
    });
    afterAll(() => edge.stop());

    it('records an answer the gateway made without asking as no call, never as a fresh call', async () => {
      const lines = ['1000001', '1000002', '1000003'].map((mpnId) => ({ lineId: mpnId, mpnId, region: 'UNITED_STATES' }));
      await edge.post({ query: CART, variables: { orders: lines } });
      const records = recordsIn(file);
      expect(records).toHaveLength(3);
      const agreements = records.map((record) => record.checks.find((check: { check: string }) => check.check === 'agreement'));
      const refused = agreements.filter((check) => check.answer === 'MpaPartnerCenterUnavailable');
      // The budget lets one call through; the lines it refused were never asked.
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const check of refused) expect(check.source).toBe("no call (the gateway's own answer)");
      const askedIds = new Set(edge.emulator.calls().map((call) => call.mpnId));
      for (const record of records.filter((_, i) => agreements[i].answer === 'MpaPartnerCenterUnavailable')) {
        expect(askedIds.has(record.line.lineId)).toBe(false);
      }
    });
  });

  describe('with failPolicy closed and a one-minute cache', () => {
    let edge: ProductionLikeGateway;
    let file: string;
    beforeAll(async () => {
      file = path.join(scratchFolder(), 'logs', 'decisions.log');
      edge = await startProductionLikeGateway({
        config: { decisionLog: { destination: file }, cache: { ttlSeconds: { positive: 60, negative: 60 } } },
      });
    });
    afterAll(() => edge.stop());

    it('writes one record per cart line, with every field, for each outcome', async () => {
      const lines = [
        { lineId: 'signed', mpnId: '1000001', region: 'UNITED_STATES' },
        { lineId: 'unsigned', mpnId: '1000002', region: 'UNITED_STATES' },
        { lineId: 'not-an-id', mpnId: 'abc', region: 'UNITED_STATES' },
        { lineId: 'no-relationship', mpnId: '1000010', region: 'UNITED_STATES' },
      ];
      const response = await edge.post({ query: CART, variables: { orders: lines } });
      const { data } = (await response.json()) as {
        data: { orderEligibilities: Array<{ lineId: string; canSubmit: boolean; verified: boolean }> };
      };
      const records = recordsIn(file);
      expect(records).toHaveLength(4);
      const byLine = new Map(records.map((record) => [record.line.lineId, record]));
      const calls = edge.emulator.calls();

      const signed = byLine.get('signed')!;
      expect(Number.isNaN(Date.parse(signed.time))).toBe(false);
      expect(signed).toMatchObject({
        msg: 'order line decided',
        decision: 'orderLine',
        client: 'apiKey:checkout',
        operation: 'Cart',
        field: 'orderEligibilities',
        line: { lineId: 'signed', identifierKind: 'mpnId', identifier: hashed('1000001'), region: 'UNITED_STATES' },
        recheck: false,
        failPolicy: 'closed',
        canSubmit: true,
        verified: true,
        retryable: false,
        traceId: null,
      });
      expect(signed.requestId).toEqual(expect.any(String));
      const agreement = signed.checks.find((check: { check: string }) => check.check === 'agreement');
      expect(agreement).toEqual({
        check: 'agreement',
        mode: 'ENFORCED',
        passed: true,
        verified: true,
        blocksSubmit: false,
        answer: 'MpaSigned',
        source: 'fresh call',
        correlationId: calls.find((call) => call.mpnId === '1000001')!.headers.correlationId,
      });
      expect(signed.checks.map((check: { check: string }) => check.check)).toEqual(['agreement', 'relationship', 'partnerOfRecord']);
      const relationship = signed.checks[1];
      expect(relationship).toMatchObject({
        mode: 'ENFORCED',
        passed: true,
        verified: true,
        answer: 'MpaRelationshipActive',
        correlationId: null,
      });
      expect(relationship.source).toMatch(/^list, age \d+s$/);
      expect(signed.checks[2]).toMatchObject({
        check: 'partnerOfRecord',
        mode: 'ENFORCED',
        passed: true,
        answer: 'MpaPartnerOfRecordValid',
        source: 'fresh call',
      });
      expect(signed.checks[2].correlationId).toEqual(expect.any(String));

      const unsigned = byLine.get('unsigned')!;
      expect(unsigned).toMatchObject({ canSubmit: false, verified: true, line: { identifier: hashed('1000002') } });
      expect(unsigned.checks[0]).toMatchObject({
        check: 'agreement',
        answer: 'MpaNotSigned',
        passed: false,
        blocksSubmit: true,
        source: 'fresh call',
      });

      const invalid = byLine.get('not-an-id')!;
      expect(invalid).toMatchObject({ canSubmit: false, line: { identifierKind: 'mpnId', identifier: hashed('abc') } });
      expect(invalid.checks[0]).toMatchObject({ check: 'agreement', answer: 'MpaInvalidResellerId', passed: false, correlationId: null });

      const noRelationship = byLine.get('no-relationship')!;
      expect(noRelationship).toMatchObject({ canSubmit: false });
      expect(noRelationship.checks[0]).toMatchObject({ answer: 'MpaSigned', passed: true });
      expect(noRelationship.checks[1]).toMatchObject({ check: 'relationship', passed: false, blocksSubmit: true });

      // The records say what the response said.
      for (const line of data.orderEligibilities)
        expect(byLine.get(line.lineId)).toMatchObject({ canSubmit: line.canSubmit, verified: line.verified });
    });

    it('says when an answer came from the cache, and records a recheck as a fresh call', async () => {
      const before = recordsIn(file).length;
      await edge.post({ query: ONE, variables: { order: { mpnId: '1000001', region: 'UNITED_STATES' } } });
      await edge.post({ query: 'mutation Recheck { recheckMpaStatus(order: { mpnId: "1000001", region: UNITED_STATES }) { canSubmit } }' });
      const [cached, recheck] = recordsIn(file).slice(before);
      expect(cached).toMatchObject({ operation: 'OneLine', field: 'orderEligibility', recheck: false, canSubmit: true });
      // One replica, no Redis: the cache is this replica's own.
      expect(cached.checks[0].source).toMatch(/^this replica's cache, age \d+s$/);
      expect(recheck).toMatchObject({ operation: 'Recheck', field: 'recheckMpaStatus', recheck: true, canSubmit: true });
      expect(recheck.checks[0]).toMatchObject({ answer: 'MpaSigned', source: 'fresh call (recheck)' });
      expect(recheck.checks[0].correlationId).toBe(
        edge.emulator
          .calls()
          .filter((call) => call.mpnId === '1000001')
          .at(-1)!.headers.correlationId,
      );
    });

    it("records a line asked through Reseller.orderEligibility and a forced refresh of a region's list", async () => {
      const before = recordsIn(file).length;
      await edge.post({ query: '{ reseller(mpnId: "1000002") { orderEligibility(region: UNITED_STATES) { canSubmit } } }' });
      await edge.post({ query: 'mutation Refresh { refreshResellerDirectory(region: UNITED_STATES) { refreshing } }' });
      const [viaReseller, refresh] = recordsIn(file).slice(before);
      expect(viaReseller).toMatchObject({
        operation: null,
        field: 'Reseller.orderEligibility',
        canSubmit: false,
        line: { lineId: null, identifier: hashed('1000002') },
      });
      expect(refresh).toMatchObject({
        decision: 'directoryRefresh',
        msg: 'reseller list refresh forced',
        operation: 'Refresh',
        field: 'refreshResellerDirectory',
        client: 'apiKey:checkout',
        region: 'UNITED_STATES',
      });
      expect(refresh.fetchedAt).toEqual(expect.any(String));
    });
  });

  describe('with failPolicy open while Partner Center fails', () => {
    let edge: ProductionLikeGateway;
    let file: string;
    beforeAll(async () => {
      file = path.join(scratchFolder(), 'decisions.log');
      edge = await startProductionLikeGateway({
        config: {
          failPolicy: 'open',
          decisionLog: { destination: file },
          tracing: { resellerIds: 'plain' },
          resilience: { maxAttempts: 1 },
        },
      });
      edge.emulator.faults.setFor('1000001', { failure: { type: 'status', status: 503 } });
    });
    afterAll(() => edge.stop());

    it('records the fail-open pass: unverified, the policy applied, and the failed call it rests on', async () => {
      await edge.post({ query: ONE, variables: { order: { lineId: 'open', mpnId: '1000001', region: 'UNITED_STATES' } } });
      const [record] = recordsIn(file);
      expect(record).toMatchObject({
        failPolicy: 'open',
        canSubmit: true,
        verified: false,
        retryable: true,
        line: { lineId: 'open', identifier: '1000001' },
      });
      expect(record.checks[0]).toMatchObject({
        check: 'agreement',
        answer: 'MpaPartnerCenterUnavailable',
        passed: true,
        verified: false,
        blocksSubmit: false,
        source: 'fresh call',
        correlationId: edge.emulator.calls().find((call) => call.mpnId === '1000001')!.headers.correlationId,
      });
    });
  });
});
