import { PartnerCenterClient } from '../../../src/partner-center/client/partner-center-client';
import { ValidateResellersResult } from '../../../src/partner-center/client/validate-resellers-call';
import { createPartnerOfRecordChecker } from '../../../src/partner-center/partner-of-record/por-checker';
import { Deadline } from '../../../src/time/deadline';

/**
 * The batching clock alone, on fake timers: the client is a stand-in that records each
 * validateresellers call and answers at once (the batches' calls over real HTTP are covered by
 * partner-of-record-batching.test.ts against the emulator).
 */
function recordingClient(): { readonly client: PartnerCenterClient; readonly batches: string[][] } {
  const batches: string[][] = [];
  const answer: ValidateResellersResult = { ok: true, results: new Map(), trace: {}, requestId: 'test' };
  const client = {
    validateResellers: (partnerIds: readonly string[]) => {
      batches.push([...partnerIds]);
      return Promise.resolve(answer);
    },
  } as unknown as PartnerCenterClient;
  return { client, batches };
}

describe('Partner-of-record batches while an operation gathers its questions', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  function setUp() {
    const { client, batches } = recordingClient();
    const checker = createPartnerOfRecordChecker({ accounts: [{ region: 'UNITED_STATES', client }], maxGatherMs: 50 });
    const ask = (traceId: string, partnerId: string) =>
      checker.check({ kind: 'mpnId', value: partnerId }, 'UNITED_STATES', { traceId, deadline: Deadline.after(10_000) });
    return { checker, batches, ask };
  }

  it('keeps waiting while questions keep coming, however slowly in all, and sends them in one batch', async () => {
    const { checker, batches, ask } = setUp();
    checker.gather('op-1', 4);
    // A busy process: the cache reads come back 40 ms apart, 120 ms from first to last.
    const answers = [ask('op-1', '1000001')];
    for (const id of ['1000002', '1000003', '1000004']) {
      await jest.advanceTimersByTimeAsync(40);
      answers.push(ask('op-1', id));
    }
    await jest.advanceTimersByTimeAsync(1);
    await Promise.all(answers);
    expect(batches).toEqual([['1000001', '1000002', '1000003', '1000004']]);
  });

  it('leaves with what it has once nothing has come for maxGatherMs (an operation waiting on a flight elsewhere)', async () => {
    const { checker, batches, ask } = setUp();
    checker.gather('op-2', 3);
    const answers = [ask('op-2', '1000011'), ask('op-2', '1000012')];
    await jest.advanceTimersByTimeAsync(49);
    expect(batches).toEqual([]);
    await jest.advanceTimersByTimeAsync(2);
    await Promise.all(answers);
    expect(batches).toEqual([['1000011', '1000012']]);
  });

  it('never holds a batch more than 20 × maxGatherMs, even while questions keep trickling in', async () => {
    const { checker, batches, ask } = setUp();
    checker.gather('op-3', 1_000);
    const answers: Array<Promise<unknown>> = [];
    for (let i = 0; i < 30; i += 1) {
      answers.push(ask('op-3', String(2_000_000 + i)));
      await jest.advanceTimersByTimeAsync(40);
    }
    // 1,200 ms of questions 40 ms apart: the first batch left at 1,000 ms with the 25 asked by then.
    expect(batches[0]).toHaveLength(25);
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all(answers);
    expect(batches.flat()).toHaveLength(30);
  });
});
