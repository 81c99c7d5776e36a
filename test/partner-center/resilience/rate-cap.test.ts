import { RateCap } from '../../../src/partner-center/resilience/rate-cap';

/** An arbitrary epoch-ms start: the class only ever compares times it was given. */
const T0 = 1_800_000_000_000;

/** Records answers `perSecond` apart from `from` (inclusive) to `to` (exclusive). */
function answers(cap: RateCap, from: number, to: number, perSecond: number): void {
  const step = 1_000 / perSecond;
  for (let at = from; at < to; at += step) cap.answered(at);
}

/** A cap from a first 429 at T0 after a second of answers at `perSecond`, calls resuming a second later. */
function firstThrottle(perSecond: number): { cap: RateCap; resumeAt: number } {
  const cap = new RateCap();
  answers(cap, T0 - 1_000, T0, perSecond);
  const resumeAt = T0 + 1_000;
  cap.throttled(T0, resumeAt, true);
  return { cap, resumeAt };
}

/**
 * A cap that has measured the limit: a first 429 after answers at 200/s, then, five seconds
 * on, a second one after two seconds of answers at `limit`/s. The cap is then 90 % of `limit`
 * and climbs back to 95.5 % of it; returns when calls resume.
 */
function learnt(limit: number): { cap: RateCap; resumeAt: number } {
  const { cap, resumeAt: first } = firstThrottle(200);
  const second = first + 5_000;
  answers(cap, second - 2_000, second, limit);
  cap.throttled(second, second + 1_000, true);
  return { cap, resumeAt: second + 1_000 };
}

describe('RateCap', () => {
  describe('before any 429', () => {
    it('is uncapped: every call may go now', () => {
      const cap = new RateCap();
      answers(cap, T0, T0 + 1_000, 500);
      expect(cap.current(T0 + 1_000)).toBeUndefined();
      for (let i = 0; i < 1_000; i += 1) expect(cap.take(T0 + 1_000)).toBe(true);
      expect(cap.nextAt(T0 + 1_000)).toBe(T0 + 1_000);
    });

    it('learns nothing from a 429 at a rate the account chose itself (not saturated)', () => {
      const cap = new RateCap();
      answers(cap, T0 - 1_000, T0, 100);
      cap.throttled(T0, T0 + 1_000, false);
      expect(cap.current(T0 + 1_000)).toBeUndefined();
      expect(cap.take(T0 + 1_000)).toBe(true);
    });

    it('bounds the rate by the calls sent when a flood of 429s came back before ten answers', () => {
      const cap = new RateCap();
      for (let i = 0; i < 50; i += 1) expect(cap.take(T0)).toBe(true);
      answers(cap, T0 + 50, T0 + 51, 1_000); // one answer
      cap.throttled(T0 + 60, T0 + 1_000, true);
      // Fifty calls in less than 100 ms: at most 500 a second, halved.
      expect(cap.current(T0 + 1_000)).toBeCloseTo(250, 6);
    });

    it('learns nothing from a 429 with fewer than ten answers to measure', () => {
      const cap = new RateCap();
      answers(cap, T0 - 900, T0, 10); // nine answers
      cap.throttled(T0, T0 + 1_000, true);
      expect(cap.current(T0 + 1_000)).toBeUndefined();
    });

    it('measures only the last two seconds of answers', () => {
      const cap = new RateCap();
      answers(cap, T0 - 5_000, T0 - 3_000, 100);
      cap.throttled(T0, T0 + 1_000, true);
      expect(cap.current(T0 + 1_000)).toBeUndefined();
    });
  });

  describe('the first 429', () => {
    it('halves the rate the answers came back at', () => {
      const { cap, resumeAt } = firstThrottle(100);
      expect(cap.current(resumeAt)).toBeCloseTo(50, 6);
      // The cap holds from the 429 on; recovery counts from the end of the window.
      expect(cap.current(T0)).toBeCloseTo(50, 6);
      expect(cap.current(resumeAt - 1)).toBeCloseTo(50, 6);
    });
  });

  describe('recovery', () => {
    it('climbs 25 % a second to 95.5 % of the rate seen throttled, then creeps up', () => {
      const { cap, resumeAt } = learnt(100); // 90 a second
      expect(cap.current(resumeAt)).toBeCloseTo(90, 6);
      expect(cap.current(resumeAt + 200)).toBeCloseTo(90 * 1.25 ** 0.2, 6);
      // 90 * 1.25^s reaches 95.5 after about 0.27 s.
      const reached = cap.current(resumeAt + 300)!;
      expect(reached).toBeGreaterThan(95.5);
      expect(reached).toBeLessThan(95.51);
      // Then 0.05 % a second: about 3 % in the next minute, never a jump.
      const minuteOn = cap.current(resumeAt + 60_000)!;
      expect(minuteOn).toBeCloseTo(95.5 * (1 + 0.0005 * (60 - Math.log(95.5 / 90) / Math.log(1.25))), 6);
      expect(cap.current(resumeAt + 60_001)!).toBeGreaterThan(minuteOn);
    });

    it('after a first 429 only bounded from above, climbs 25 % a second past that bound until a measured one', () => {
      // The answers before the first 429 undercounted the limit (the load had only just begun).
      const { cap, resumeAt } = firstThrottle(40); // 20 a second
      expect(cap.current(resumeAt + 1_000)).toBeCloseTo(25, 6);
      // Not held at 95.5 % of 40: the bound was never measured under a pace.
      expect(cap.current(resumeAt + 10_000)).toBeCloseTo(20 * 1.25 ** 10, 6);
    });

    it('climbs back to 95.5 % of the measured limit after a lone 429 below it (calls bunched on the way)', () => {
      const { cap, resumeAt } = learnt(100);
      // Ten seconds on, a 429 while the answers came back at 60 a second.
      const stray = resumeAt + 10_000;
      answers(cap, stray - 2_000, stray, 60);
      cap.throttled(stray, stray + 1_000, true);
      expect(cap.current(stray + 1_000)).toBeCloseTo(54, 2);
      // Back to 95.5 % of 100, not of 60, within a few seconds.
      const back = cap.current(stray + 1_000 + 3_000)!;
      expect(back).toBeGreaterThan(95.5);
      expect(back).toBeLessThan(95.6);
    });

    it('moves the target under the rate refused, without halving, on a 429 at the target soon after a window', () => {
      const { cap, resumeAt } = learnt(100);
      // Back at 95.5 a second within a third of a second; half a second later, a 429 while calls went out at it.
      const at = resumeAt + 800;
      expect(cap.current(at)).toBeCloseTo(95.5, 1);
      answers(cap, resumeAt, at, 95.5);
      cap.throttled(at, at + 1_000, true);
      // 90 % of the rate refused, not half of it, and a target of 95.5 % of 95.5 % of it.
      expect(cap.current(at + 1_000)).toBeCloseTo(0.9 * 95.5, 0);
      const settled = cap.current(at + 1_000 + 5_000)!;
      expect(settled).toBeGreaterThan(95.5 * 0.955 * 0.955);
      expect(settled).toBeLessThan(95.5 * 0.955 * 0.955 * 1.01);
    });

    it('lowers the rate it climbs back to on a third 429 in a streak (the limit itself fell)', () => {
      const { cap, resumeAt } = learnt(100);
      let at = resumeAt + 10_000;
      for (let i = 0; i < 3; i += 1) {
        answers(cap, at - 2_000, at, 60);
        cap.throttled(at, at + 1_000, true);
        // Two seconds of paced answers after each window, well inside the streak's five.
        at += 3_000;
      }
      const settled = cap.current(at + 10_000)!;
      expect(settled).toBeGreaterThan(60 * 0.955);
      expect(settled).toBeLessThan(60 * 0.955 * 1.01);
    });

    it('measures a rising rate over its last half second, so the measure is near where it reached', () => {
      const { cap, resumeAt } = firstThrottle(200); // 100 a second, climbing
      const at = resumeAt + 2_000; // 156 a second by now
      // Two seconds of answers: 50 a second, then 150 a second in the last half second.
      answers(cap, at - 2_000, at - 500, 50);
      answers(cap, at - 500, at, 150);
      cap.throttled(at, at + 1_000, true);
      // 150 measured (over two seconds it would read 75): 90 % of it, climbing back to 95.5 % of it.
      expect(cap.current(at + 1_000)).toBeCloseTo(135, 6);
      const later = cap.current(at + 11_000)!;
      expect(later).toBeGreaterThan(143.25);
      expect(later).toBeLessThan(143.25 * 1.01);
    });
  });

  describe('a later 429', () => {
    it('after a second or more of paced answers sets the cap to 90 % of their rate', () => {
      const { cap, resumeAt } = firstThrottle(200); // cap 100, recovering towards 191
      const second = resumeAt + 5_000;
      expect(cap.current(second)!).toBeGreaterThan(191);
      answers(cap, second - 2_000, second, 50);
      cap.throttled(second, second + 1_000, true);
      expect(cap.current(second + 1_000)).toBeCloseTo(45, 6);
      // It recovers towards 95.5 % of the trusted measure, not of the earlier bound.
      const later = cap.current(second + 1_000 + 30_000)!;
      expect(later).toBeGreaterThan(47.75);
      expect(later).toBeLessThan(47.75 * 1.02);
    });

    it('takes the cap itself when the answers came back faster than it allowed', () => {
      const { cap, resumeAt } = firstThrottle(100); // cap 50
      const second = resumeAt + 1_000;
      const current = cap.current(second)!; // 62.5
      answers(cap, resumeAt, second, 80);
      cap.throttled(second, second + 1_000, true);
      expect(cap.current(second + 1_000)).toBeCloseTo(current * 0.9, 6);
    });

    it('after less than a second of paced answers only bounds the rate: halves the cap', () => {
      const { cap, resumeAt } = firstThrottle(100);
      const second = resumeAt + 1_000;
      answers(cap, second - 500, second, 50);
      cap.throttled(second, second + 1_000, true);
      expect(cap.current(second + 1_000)).toBeCloseTo(62.5 * 0.5, 6);
    });

    it('does not measure answers to calls sent before the last window', () => {
      const cap = new RateCap();
      answers(cap, T0 - 1_000, T0, 100);
      const resumeAt = T0 + 500;
      cap.throttled(T0, resumeAt, true); // cap 50
      // No answer since the window ended: the ones from before it would measure about 33/s.
      const second = resumeAt + 1_000;
      cap.throttled(second, second + 1_000, true);
      expect(cap.current(second + 1_000)).toBeCloseTo(62.5 * 0.5, 6);
    });

    it('never paces slower than one call a second', () => {
      const { cap } = firstThrottle(100);
      let at = T0 + 1_000;
      for (let i = 0; i < 12; i += 1) {
        cap.throttled(at, at + 1_000, true);
        at += 1_000;
      }
      expect(cap.current(at)).toBe(1);
    });

    it('at a rate the account chose keeps the learnt cap rather than measuring demand', () => {
      const { cap, resumeAt } = firstThrottle(100); // cap 50
      const second = resumeAt + 500;
      answers(cap, resumeAt, second, 20);
      cap.throttled(second, second + 1_000, false);
      expect(cap.current(second + 1_000)).toBeCloseTo(50, 6);
    });
  });

  describe('forgetting', () => {
    it('drops a cap not hit for ten minutes', () => {
      const { cap, resumeAt } = firstThrottle(100);
      expect(cap.current(resumeAt + 600_000)).toBeDefined();
      expect(cap.current(resumeAt + 600_001)).toBeUndefined();
      expect(cap.take(resumeAt + 600_001)).toBe(true);
    });

    it('treats the next 429 after forgetting as a first one (half, not 90 %)', () => {
      const { cap, resumeAt } = firstThrottle(100);
      const much = resumeAt + 700_000;
      answers(cap, much - 2_000, much, 40);
      cap.throttled(much, much + 1_000, true);
      expect(cap.current(much + 1_000)).toBeCloseTo(20, 6);
    });
  });

  describe('pacing', () => {
    it('lets nothing go before the throttle window ends', () => {
      const { cap, resumeAt } = firstThrottle(100);
      expect(cap.take(T0)).toBe(false);
      expect(cap.take(resumeAt - 1)).toBe(false);
      expect(cap.take(resumeAt)).toBe(false);
    });

    it('spaces calls at the cap: nextAt is when take succeeds', () => {
      const { cap, resumeAt } = firstThrottle(100); // 50 a second
      expect(cap.nextAt(resumeAt)).toBeCloseTo(resumeAt + 20, 6);
      expect(cap.take(resumeAt + 19)).toBe(false);
      const next = cap.nextAt(resumeAt + 19);
      expect(next).toBeGreaterThan(resumeAt + 19);
      expect(cap.take(next)).toBe(true);
      expect(cap.take(next)).toBe(false);
    });

    it('allows about the cap (as it recovers) over a second of calls sent as soon as allowed', () => {
      const { cap, resumeAt } = firstThrottle(100);
      let taken = 0;
      let at = resumeAt;
      for (;;) {
        at = cap.nextAt(at);
        if (at > resumeAt + 1_000) break;
        expect(cap.take(at)).toBe(true);
        taken += 1;
      }
      // 50 * 1.25^s integrated over the second: 56.
      expect(taken).toBeGreaterThanOrEqual(55);
      expect(taken).toBeLessThanOrEqual(57);
    });

    it('after an idle spell allows a burst of only 50 ms worth of calls', () => {
      const { cap, resumeAt } = learnt(100);
      const later = resumeAt + 10_000; // recovered to about 95.5 a second: 4.8 calls in 50 ms
      let burst = 0;
      while (cap.take(later)) burst += 1;
      expect(burst).toBe(4);
    });
  });

  describe('against a token-bucket limit (simulated time, no clock)', () => {
    /**
     * Demand of up to 20 calls in flight (400 a second at most), paced by one cap, against Partner Center's own bucket (`perSecond`
     * tokens a second, `burst` saved up; a call finding it empty is answered 429 with a
     * Retry-After of one second), 50 ms there and back. Returns what the account was
     * answered over `[from, to)` ms after the start.
     */
    function simulate(perSecond: number, burst: number, from: number, to: number): { answered: number; throttled: number } {
      const cap = new RateCap();
      const LATENCY = 50;
      let tokens = burst;
      let tokensAt = T0;
      const landing: Array<{ at: number; ok: boolean }> = [];
      let answered = 0;
      let throttled = 0;
      let heldUntil = 0;
      for (let at = T0; at < T0 + to; at += 1) {
        while (landing.length > 0 && landing[0].at <= at) {
          const call = landing.shift()!;
          if (call.ok) cap.answered(call.at);
          // As the account's capacity does: 429s to calls sent before a window opened are part of it.
          else if (call.at >= heldUntil) {
            cap.throttled(call.at, call.at + 1_000, true);
            heldUntil = call.at + 1_000;
          }
          const counted = call.at >= T0 + from;
          if (counted && call.ok) answered += 1;
          if (counted && !call.ok) throttled += 1;
        }
        while (landing.length < 20 && cap.take(at)) {
          tokens = Math.min(burst, tokens + ((at - tokensAt) * perSecond) / 1_000);
          tokensAt = at;
          const ok = tokens >= 1;
          if (ok) tokens -= 1;
          landing.push({ at: at + LATENCY, ok });
        }
      }
      return { answered, throttled };
    }

    it.each([
      [100, 10],
      [100, 1],
      [50, 25],
      [300, 30],
    ])(
      'settles under a limit of %d a second (burst %d): after learning for a minute, the next passes with at most one 429 and 90 %% of the limit answered',
      (perSecond, burst) => {
        const { answered, throttled } = simulate(perSecond, burst, 60_000, 120_000);
        expect(throttled).toBeLessThanOrEqual(1);
        // Each 429 stops the whole account for its Retry-After: one every few seconds cost a fifth of the limit.
        expect(answered / 60).toBeGreaterThanOrEqual(perSecond * 0.9);
      },
    );
  });

  describe('clock', () => {
    beforeEach(() => jest.useFakeTimers({ now: T0 }));
    afterEach(() => jest.useRealTimers());

    it('reads the clock when no time is given', () => {
      const cap = new RateCap();
      for (let i = 0; i < 100; i += 1) {
        cap.answered();
        jest.advanceTimersByTime(10);
      }
      cap.throttled(Date.now(), Date.now() + 1_000, true);
      expect(cap.current()).toBeCloseTo(50, 6);
      jest.advanceTimersByTime(1_019);
      expect(cap.take()).toBe(false);
      jest.advanceTimersByTime(1);
      expect(cap.take()).toBe(true);
      jest.advanceTimersByTime(600_000);
      expect(cap.current()).toBeUndefined();
    });
  });
});
