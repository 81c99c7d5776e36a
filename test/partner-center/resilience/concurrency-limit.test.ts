import { ConcurrencyLimit } from '../../../src/partner-center/resilience/concurrency-limit';

/** An arbitrary epoch-ms start: the class only ever compares times it was given. */
const T0 = 1_800_000_000_000;

/** One round trip at the limit: as many answers as the limit allows in flight, all of `latencyMs`. */
function roundTrip(limit: ConcurrencyLimit, latencyMs: number, now: number, inUse = true): void {
  const answers = limit.current();
  for (let i = 0; i < answers; i += 1) limit.answered(latencyMs, inUse, now);
}

describe('ConcurrencyLimit', () => {
  describe('options', () => {
    it('starts at 8 and stays within 1..64 by default', () => {
      const limit = new ConcurrencyLimit();
      expect(limit.current()).toBe(8);
      for (let i = 0; i < 10; i += 1) limit.throttled(T0 + i * 1_000);
      expect(limit.current()).toBe(1);
      const grown = new ConcurrencyLimit();
      for (let i = 0; i < 500; i += 1) grown.answered(10, true, T0 + i);
      expect(grown.current()).toBe(64);
    });

    it('widens the default bounds to a starting value outside them', () => {
      const limit = new ConcurrencyLimit({ initial: 100 });
      expect(limit.current()).toBe(100);
      for (let i = 0; i < 100; i += 1) limit.answered(10, true, T0 + i);
      expect(limit.current()).toBe(100);
    });

    it.each([
      ['initial', { initial: 0 }],
      ['initial', { initial: 2.5 }],
      ['min', { min: -1 }],
      ['max', { max: Number.NaN }],
      ['max', { max: Infinity }],
    ] as const)('names %s when it is not a positive integer (%p)', (name, options) => {
      expect(() => new ConcurrencyLimit(options)).toThrow(new RegExp(`^ConcurrencyLimit: ${name} must be a positive integer`));
    });

    it('refuses bounds that do not hold the starting value', () => {
      expect(() => new ConcurrencyLimit({ initial: 4, min: 5, max: 10 })).toThrow(/needs min <= initial <= max, got 5, 4, 10/);
      expect(() => new ConcurrencyLimit({ initial: 12, min: 1, max: 10 })).toThrow(/needs min <= initial <= max, got 1, 12, 10/);
    });

    it('stays fixed when minimum, start and maximum are equal', () => {
      const limit = new ConcurrencyLimit({ initial: 4, min: 4, max: 4 });
      roundTrip(limit, 10, T0);
      roundTrip(limit, 10, T0 + 10);
      expect(limit.current()).toBe(4);
      limit.throttled(T0 + 100);
      expect(limit.current()).toBe(4);
      for (let i = 0; i < 20; i += 1) limit.answered(500, true, T0 + 200 + i * 1_000);
      expect(limit.current()).toBe(4);
    });
  });

  describe('growth', () => {
    it('doubles each round trip in slow start while the limit is in use', () => {
      const limit = new ConcurrencyLimit({ initial: 4 });
      roundTrip(limit, 30, T0);
      expect(limit.current()).toBe(8);
      roundTrip(limit, 30, T0 + 30);
      expect(limit.current()).toBe(16);
    });

    it('does not grow a limit that nobody reaches', () => {
      const limit = new ConcurrencyLimit({ initial: 4 });
      for (let i = 0; i < 50; i += 1) limit.answered(30, false, T0 + i);
      expect(limit.current()).toBe(4);
    });

    it('grows by about one per round trip after the first cut (additive increase)', () => {
      const limit = new ConcurrencyLimit({ initial: 20 });
      limit.answered(30, false, T0);
      limit.throttled(T0 + 1); // 20 -> 10, and slow start ends
      expect(limit.current()).toBe(10);
      roundTrip(limit, 30, T0 + 1_000);
      expect(limit.current()).toBe(10); // 10 answers of 1/10..1/10.9 each: just under one
      roundTrip(limit, 30, T0 + 1_030);
      expect(limit.current()).toBe(11);
      for (let i = 0; i < 5; i += 1) roundTrip(limit, 30, T0 + 1_060 + i * 30);
      expect(limit.current()).toBeGreaterThanOrEqual(15);
      expect(limit.current()).toBeLessThanOrEqual(16);
    });

    it('never grows above the maximum', () => {
      const limit = new ConcurrencyLimit({ initial: 4, max: 6 });
      for (let i = 0; i < 5; i += 1) roundTrip(limit, 30, T0 + i * 30);
      expect(limit.current()).toBe(6);
    });
  });

  describe('decrease', () => {
    it('halves on a 429', () => {
      const limit = new ConcurrencyLimit({ initial: 16 });
      limit.throttled(T0);
      expect(limit.current()).toBe(8);
    });

    it('cuts a tenth when a call times out', () => {
      const limit = new ConcurrencyLimit({ initial: 20 });
      limit.timedOut(T0);
      expect(limit.current()).toBe(18);
    });

    it('cuts a tenth when a whole round reads as queueing (its fastest answer twice the best seen)', () => {
      const limit = new ConcurrencyLimit({ initial: 20 });
      // A round: at least three answers over at least 100 ms (and two baselines), closed by the next answer.
      for (const at of [0, 30, 60, 90]) limit.answered(10, false, T0 + at);
      limit.answered(100, false, T0 + 100); // closes a round of fast answers, starts one of slow ones
      limit.answered(100, false, T0 + 130);
      limit.answered(100, false, T0 + 160);
      limit.answered(100, false, T0 + 199);
      expect(limit.current()).toBe(20);
      limit.answered(100, false, T0 + 200);
      expect(limit.current()).toBe(18);
    });

    it('cuts when the latency doubles exactly', () => {
      const limit = new ConcurrencyLimit({ initial: 20 });
      limit.answered(50, false, T0);
      for (let i = 1; i <= 4; i += 1) limit.answered(100, false, T0 + 1_000 + i * 25);
      expect(limit.current()).toBe(20);
      limit.answered(100, false, T0 + 1_125); // closes the round of 1,025..1,100 ms
      expect(limit.current()).toBe(18);
    });

    it('waits for three answers when they come slowly, and forgets a round that went quiet', () => {
      const limit = new ConcurrencyLimit({ initial: 20 });
      limit.answered(50, false, T0);
      // Two seconds later the round of that one fast answer is over: it does not hide the slow ones.
      limit.answered(500, false, T0 + 2_000);
      limit.answered(500, false, T0 + 2_250);
      limit.answered(500, false, T0 + 2_500);
      expect(limit.current()).toBe(20);
      limit.answered(500, false, T0 + 2_750);
      expect(limit.current()).toBe(18);
    });

    it('takes slow answers beside fast ones in a round for a busy process, not for Partner Center queueing', () => {
      const limit = new ConcurrencyLimit({ initial: 10 });
      limit.answered(50, false, T0);
      // Every 150 ms a pause of this process ends: the answers that arrived during it are read
      // at once, those that arrived first read as slow; the others are read on time.
      for (let cycle = 0; cycle < 10; cycle += 1) {
        const pauseEnd = T0 + 1_000 + cycle * 150;
        for (const latency of [170, 140, 110, 80, 55]) limit.answered(latency, false, pauseEnd);
        limit.answered(52, false, pauseEnd + 50);
        limit.answered(51, false, pauseEnd + 100);
      }
      expect(limit.current()).toBe(10);
    });

    it('takes off how long this process was held before judging a round', () => {
      let heldMs = 30;
      const limit = new ConcurrencyLimit({ initial: 20, lag: { maxSince: () => heldMs } });
      for (const at of [0, 30, 60, 90]) limit.answered(50, false, T0 + at);
      for (const at of [100, 150, 200, 250]) limit.answered(120, false, T0 + at);
      expect(limit.current()).toBe(20); // 120 ms less 25 ms held (beyond 5 ms of timer jitter): under twice the baseline
      heldMs = 5;
      for (const at of [300, 350, 400]) limit.answered(120, false, T0 + at);
      expect(limit.current()).toBe(18); // held no longer than timer jitter: the 120 ms are Partner Center's
    });

    it('takes one slow answer for noise, not for a trend', () => {
      const limit = new ConcurrencyLimit({ initial: 10 });
      limit.answered(100, false, T0);
      limit.answered(250, false, T0 + 100);
      limit.answered(100, false, T0 + 200);
      limit.answered(100, false, T0 + 300);
      limit.answered(100, false, T0 + 400);
      expect(limit.current()).toBe(10);
    });

    it('ignores a latency rise of a few milliseconds on a fast account', () => {
      const limit = new ConcurrencyLimit({ initial: 10 });
      limit.answered(2, false, T0);
      // Five times the baseline, but never 20 ms over it.
      for (let i = 1; i <= 50; i += 1) limit.answered(10, false, T0 + i);
      expect(limit.current()).toBe(10);
    });

    it('does not grow on an answer that reads as queueing', () => {
      const limit = new ConcurrencyLimit({ initial: 10 });
      limit.answered(10, true, T0);
      const before = limit.current();
      limit.answered(400, true, T0 + 1_000);
      limit.answered(400, true, T0 + 1_100);
      expect(limit.current()).toBe(before);
    });

    it('cuts at most once per round trip (twice the baseline, at least 50 ms)', () => {
      const limit = new ConcurrencyLimit({ initial: 64 });
      limit.answered(100, false, T0);
      limit.throttled(T0 + 1_000);
      expect(limit.current()).toBe(32);
      // Answers to calls sent before the cut still report the old overload.
      limit.throttled(T0 + 1_100);
      limit.timedOut(T0 + 1_150);
      limit.throttled(T0 + 1_199);
      expect(limit.current()).toBe(32);
      limit.throttled(T0 + 1_200);
      expect(limit.current()).toBe(16);

      const fast = new ConcurrencyLimit({ initial: 64 });
      fast.answered(5, false, T0);
      fast.throttled(T0 + 1_000);
      fast.throttled(T0 + 1_049);
      expect(fast.current()).toBe(32);
      fast.throttled(T0 + 1_050);
      expect(fast.current()).toBe(16);
    });

    it('never goes below the minimum', () => {
      const limit = new ConcurrencyLimit({ initial: 8, min: 3 });
      for (let i = 0; i < 10; i += 1) limit.throttled(T0 + i * 1_000);
      expect(limit.current()).toBe(3);
      limit.timedOut(T0 + 20_000);
      expect(limit.current()).toBe(3);
    });
  });

  describe('baseline', () => {
    it('is unknown before any answer', () => {
      expect(new ConcurrencyLimit().baseline()).toBeUndefined();
    });

    it('is the best latency of the current or the previous ten-second window', () => {
      const limit = new ConcurrencyLimit();
      limit.answered(40, false, T0);
      limit.answered(10, false, T0 + 1_000);
      limit.answered(30, false, T0 + 2_000);
      expect(limit.baseline()).toBe(10);
      limit.answered(50, false, T0 + 10_000); // a new window; 10 is in the previous one
      expect(limit.baseline()).toBe(10);
      limit.answered(50, false, T0 + 20_000); // two windows on, 10 is forgotten
      expect(limit.baseline()).toBe(50);
    });
  });

  describe('clock', () => {
    beforeEach(() => jest.useFakeTimers({ now: T0 }));
    afterEach(() => jest.useRealTimers());

    it('reads the clock when no time is given', () => {
      const limit = new ConcurrencyLimit({ initial: 64 });
      limit.answered(100, false);
      limit.throttled();
      limit.throttled();
      expect(limit.current()).toBe(32);
      jest.advanceTimersByTime(199);
      limit.throttled();
      expect(limit.current()).toBe(32);
      jest.advanceTimersByTime(1);
      limit.timedOut();
      expect(limit.current()).toBe(28);
    });
  });
});
