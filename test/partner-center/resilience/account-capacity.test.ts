import { AccountCapacity, Admission, createAccountCapacity } from '../../../src/partner-center/resilience/account-capacity';
import { Deadline } from '../../../src/time/deadline';

const T0 = 1_800_000_000_000;

/** A deadline `ms` from the (fake) clock's now. */
const within = (ms: number) => new Deadline(Date.now() + ms);
const noDeadline = () => new Deadline(Infinity);

/** Follows an acquire: `admission` is set once it settles. */
function track(promise: Promise<Admission>): { admission?: Admission } {
  const state: { admission?: Admission } = {};
  void promise.then((admission) => {
    state.admission = admission;
  });
  return state;
}

/** Lets settled promises' callbacks run, and timers due by `ms` from now fire. */
const advance = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

function admitted(admission: Admission | undefined): Extract<Admission, { admitted: true }> {
  if (!admission?.admitted) throw new Error(`expected a slot, got ${JSON.stringify(admission)}`);
  return admission;
}

const answered = (latencyMs: number) => ({ answered: true as const, latencyMs, throttled: false });

/** Fills every slot of a fixed-size account; returns the slots. */
async function fill(capacity: AccountCapacity, n: number) {
  const slots = [];
  for (let i = 0; i < n; i += 1) slots.push(admitted(await capacity.acquire(noDeadline())));
  return slots;
}

describe('AccountCapacity', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  describe('options', () => {
    it.each([
      ['minAttemptMs', { minAttemptMs: 0 }],
      ['minAttemptMs', { minAttemptMs: 1.5 }],
      ['maxAttemptMs', { maxAttemptMs: -5 }],
    ] as const)('names %s when it is not a positive integer (%p)', (name, options) => {
      expect(() => createAccountCapacity(options)).toThrow(new RegExp(`^AccountCapacity: ${name} must be a positive integer`));
    });

    it('refuses concurrency bounds that do not hold the starting value', () => {
      expect(() => createAccountCapacity({ concurrency: 4, minConcurrency: 8 })).toThrow(/min <= initial <= max/);
      expect(() => createAccountCapacity({ concurrency: 0 })).toThrow(/initial must be a positive integer/);
    });

    it('starts at 8 calls in flight', () => {
      expect(createAccountCapacity().snapshot()).toMatchObject({ inFlight: 0, waiting: 0, limit: 8, callsPerSecondCap: null });
    });
  });

  describe('slots', () => {
    it('gives a slot at once while there is room, and counts it until released', async () => {
      const capacity = createAccountCapacity({ concurrency: 2, minConcurrency: 2, maxConcurrency: 2 });
      const slot = admitted(await capacity.acquire(within(1_000)));
      expect(capacity.snapshot().inFlight).toBe(1);
      expect(capacity.busy()).toBe(false);
      admitted(await capacity.acquire(within(1_000)));
      expect(capacity.busy()).toBe(true);
      slot.release();
      expect(capacity.snapshot().inFlight).toBe(1);
    });

    it('frees a slot once, however often it is released', async () => {
      const capacity = createAccountCapacity({ concurrency: 2, minConcurrency: 2, maxConcurrency: 2 });
      const [a] = await fill(capacity, 2);
      a.release();
      a.release(answered(10));
      expect(capacity.snapshot().inFlight).toBe(1);
    });

    it('queues callers beyond the limit and serves them first come, first served', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1 });
      const [slot] = await fill(capacity, 1);
      const b = track(capacity.acquire(noDeadline()));
      const c = track(capacity.acquire(noDeadline()));
      await advance();
      expect(b.admission).toBeUndefined();
      expect(capacity.snapshot()).toMatchObject({ inFlight: 1, waiting: 2 });
      expect(capacity.busy()).toBe(true);
      slot.release();
      await advance();
      expect(admitted(b.admission)).toBeDefined();
      expect(c.admission).toBeUndefined();
      admitted(b.admission).release();
      await advance();
      expect(admitted(c.admission)).toBeDefined();
      expect(capacity.snapshot()).toMatchObject({ inFlight: 1, waiting: 0 });
    });

    it('puts a retry ahead of questions not tried yet', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1 });
      const [slot] = await fill(capacity, 1);
      const fresh = track(capacity.acquire(noDeadline()));
      const retry = track(capacity.acquire(noDeadline(), true));
      slot.release();
      await advance();
      expect(admitted(retry.admission)).toBeDefined();
      expect(fresh.admission).toBeUndefined();
    });

    it('without a deadline waits as long as it takes', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1 });
      const [slot] = await fill(capacity, 1);
      const waiting = track(capacity.acquire(noDeadline()));
      await advance(3_600_000);
      expect(waiting.admission).toBeUndefined();
      slot.release();
      await advance();
      expect(admitted(waiting.admission)).toBeDefined();
    });
  });

  describe('deadlines', () => {
    it('refuses at once, sending nothing, when the deadline leaves no time for a useful attempt', async () => {
      const capacity = createAccountCapacity({ minAttemptMs: 50 });
      expect(await capacity.acquire(within(49))).toEqual({ admitted: false, reason: 'deadline' });
      expect(capacity.snapshot().inFlight).toBe(0);
      admitted(await capacity.acquire(within(50)));
    });

    it('refuses a waiter when its deadline stops leaving room for an attempt, not later', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1, minAttemptMs: 50 });
      await fill(capacity, 1);
      const waiting = track(capacity.acquire(within(1_000)));
      await advance(940);
      expect(waiting.admission).toBeUndefined();
      await advance(15); // 45 ms left: less than an attempt needs
      expect(waiting.admission).toEqual({ admitted: false, reason: 'deadline' });
      expect(capacity.snapshot().waiting).toBe(0);
    });

    it('keeps a waiter whose deadline moved later', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1 });
      const [slot] = await fill(capacity, 1);
      const deadline = within(1_000);
      const waiting = track(capacity.acquire(deadline));
      await advance(500);
      deadline.extendTo(Date.now() + 5_000);
      await advance(1_000);
      expect(waiting.admission).toBeUndefined();
      slot.release();
      await advance();
      expect(admitted(waiting.admission)).toBeDefined();
    });

    it('measures a useful attempt by the latency observed, within the bounds given', async () => {
      const capacity = createAccountCapacity({ minAttemptMs: 50, maxAttemptMs: 1_000 });
      expect(capacity.usefulAttemptMs()).toBe(50);
      admitted(await capacity.acquire(noDeadline())).release(answered(200));
      expect(capacity.usefulAttemptMs()).toBe(400); // mean plus twice the deviation
      expect(await capacity.acquire(within(399))).toEqual({ admitted: false, reason: 'deadline' });
      admitted(await capacity.acquire(within(400))).release();
      for (let i = 0; i < 20; i += 1) admitted(await capacity.acquire(noDeadline())).release(answered(4_000));
      expect(capacity.usefulAttemptMs()).toBe(1_000);
    });

    it('learns no latency from a 429 or from a call with no answer', async () => {
      const capacity = createAccountCapacity({ minAttemptMs: 50 });
      admitted(await capacity.acquire(noDeadline())).release({ answered: true, latencyMs: 3_000, throttled: true });
      admitted(await capacity.acquire(noDeadline())).release({ answered: false, timedOut: false });
      expect(capacity.usefulAttemptMs()).toBe(50);
    });
  });

  describe('throttle windows (Retry-After)', () => {
    it('holds every call until the window ends, then serves the queue', async () => {
      const capacity = createAccountCapacity();
      capacity.throttle(Date.now() + 2_000);
      expect(capacity.throttledUntil()).toBe(T0 + 2_000);
      const waiting = track(capacity.acquire(noDeadline()));
      await advance(1_999);
      expect(waiting.admission).toBeUndefined();
      expect(capacity.snapshot().inFlight).toBe(0);
      await advance(1);
      expect(admitted(waiting.admission)).toBeDefined();
      expect(capacity.throttledUntil()).toBe(0);
    });

    it('measures the rate at a 429 from every call answered, also those whose latency teaches nothing (partner-of-record batches)', async () => {
      const capacity = createAccountCapacity({ concurrency: 8, minConcurrency: 8, maxConcurrency: 8 });
      // A second at 100 calls a second: every other one a batch whose latency the limit does not learn from.
      for (let i = 0; i < 100; i += 1) {
        const slot = admitted(await capacity.acquire(noDeadline()));
        await advance(10);
        slot.release(i % 2 === 0 ? answered(10) : { answered: true, latencyMs: 10, throttled: false, learn: false });
      }
      await fill(capacity, 8);
      capacity.throttle(Date.now() + 1_000);
      // The first 429 halves the rate measured: 100 calls a second, not the 50 agreement calls among them.
      const cap = capacity.snapshot().callsPerSecondCap!;
      expect(cap).toBeGreaterThan(45);
      expect(cap).toBeLessThan(55);
    });

    it('does not let the latency of calls it is told not to learn from move the concurrency limit', async () => {
      const capacity = createAccountCapacity({ concurrency: 8, eventLoopLag: { maxSince: () => 0 } });
      // A baseline of 10 ms from agreement calls, then rounds of slow listing pages (ten times that).
      for (let i = 0; i < 5; i += 1) {
        const slot = admitted(await capacity.acquire(noDeadline()));
        await advance(10);
        slot.release(answered(10));
      }
      for (let i = 0; i < 30; i += 1) {
        const slot = admitted(await capacity.acquire(noDeadline()));
        await advance(100);
        slot.release({ answered: true, latencyMs: 100, throttled: false, learn: false });
      }
      expect(capacity.snapshot().limit).toBe(8);
    });

    it('refuses at once a caller whose deadline ends inside the window, saying how long it lasts', async () => {
      const capacity = createAccountCapacity({ minAttemptMs: 50 });
      capacity.throttle(Date.now() + 2_000);
      await advance(500);
      expect(await capacity.acquire(within(1_000))).toEqual({ admitted: false, reason: 'throttled', retryAfterMs: 1_500 });
      // One that can still make an attempt after the window waits for it.
      const patient = track(capacity.acquire(within(1_550)));
      await advance(1_500);
      expect(admitted(patient.admission)).toBeDefined();
    });

    it('tells waiters that cannot outlast a new window at once, not at their deadline', async () => {
      const capacity = createAccountCapacity({ concurrency: 1, minConcurrency: 1, maxConcurrency: 1 });
      await fill(capacity, 1);
      const short = track(capacity.acquire(within(1_000)));
      const long = track(capacity.acquire(within(10_000)));
      capacity.throttle(Date.now() + 3_000);
      await advance();
      expect(short.admission).toEqual({ admitted: false, reason: 'throttled', retryAfterMs: 3_000 });
      expect(long.admission).toBeUndefined();
      expect(capacity.snapshot().waiting).toBe(1);
    });

    it('ignores Retry-After: 0 and a window that ends before the current one', () => {
      const capacity = createAccountCapacity({ concurrency: 8 });
      capacity.throttle(Date.now());
      expect(capacity.throttledUntil()).toBe(0);
      expect(capacity.snapshot().limit).toBe(8);
      capacity.throttle(Date.now() + 5_000);
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.throttledUntil()).toBe(T0 + 5_000);
    });

    it('extends the window on a later Retry-After', async () => {
      const capacity = createAccountCapacity();
      capacity.throttle(Date.now() + 1_000);
      capacity.throttle(Date.now() + 3_000);
      const waiting = track(capacity.acquire(noDeadline()));
      await advance(2_999);
      expect(waiting.admission).toBeUndefined();
      await advance(1);
      expect(admitted(waiting.admission)).toBeDefined();
    });

    it('halves the concurrency limit once per window: 429s for calls sent before it say nothing new', async () => {
      const capacity = createAccountCapacity({ concurrency: 16 });
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().limit).toBe(8);
      await advance(500);
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().limit).toBe(8);
      await advance(2_000);
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().limit).toBe(4);
    });
  });

  describe('learning', () => {
    it('cuts the limit a tenth when a call had its whole timeout', async () => {
      const capacity = createAccountCapacity({ concurrency: 20 });
      admitted(await capacity.acquire(noDeadline())).release({ answered: false, timedOut: true });
      expect(capacity.snapshot().limit).toBe(18);
    });

    it('grows the limit only while it holds calls back', async () => {
      const capacity = createAccountCapacity({ concurrency: 2 });
      for (let i = 0; i < 10; i += 1) admitted(await capacity.acquire(noDeadline())).release(answered(20));
      expect(capacity.snapshot().limit).toBe(2);
      const slots = await fill(capacity, 2);
      for (const slot of slots) slot.release(answered(20));
      expect(capacity.snapshot().limit).toBe(3);
    });

    it('after a 429 while saturated, paces calls at half the rate answers came back at', async () => {
      const capacity = createAccountCapacity({ concurrency: 4, minConcurrency: 4, maxConcurrency: 4 });
      // A second of answers at 20 a second, then every slot taken and a 429.
      for (let i = 0; i < 20; i += 1) {
        await advance(50);
        admitted(await capacity.acquire(noDeadline())).release(answered(20));
      }
      await advance(50);
      const slots = await fill(capacity, 4);
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().callsPerSecondCap).toBe(10);
      const waiters = [0, 1, 2].map(() => track(capacity.acquire(noDeadline())));
      for (const slot of slots) slot.release();
      const granted = () => waiters.filter((waiter) => waiter.admission?.admitted).length;
      await advance(1_000);
      expect(granted()).toBe(0); // the window
      await advance(99);
      expect(granted()).toBe(0); // 100 ms a call at 10 a second
      await advance(1);
      expect(granted()).toBe(1);
      await advance(90);
      expect(granted()).toBe(1);
      await advance(200);
      expect(granted()).toBe(3);
    });

    it('judges demand against the limit before the 429 cut it, not after', async () => {
      // Three calls in flight under a limit of 8: the account chose its own rate. Halving the
      // limit first (to 4) made 3 + 1 look like saturation and taught a cap from it.
      const capacity = createAccountCapacity({ concurrency: 8, minConcurrency: 1, maxConcurrency: 8 });
      for (let i = 0; i < 20; i += 1) {
        await advance(50);
        admitted(await capacity.acquire(noDeadline())).release(answered(20));
      }
      await fill(capacity, 3);
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().callsPerSecondCap).toBeNull();
    });

    it('learns no rate from a 429 while demand was below the limit', async () => {
      const capacity = createAccountCapacity({ concurrency: 8, minConcurrency: 8, maxConcurrency: 8 });
      for (let i = 0; i < 20; i += 1) {
        await advance(50);
        admitted(await capacity.acquire(noDeadline())).release(answered(20));
      }
      capacity.throttle(Date.now() + 1_000);
      expect(capacity.snapshot().callsPerSecondCap).toBeNull();
      await advance(1_000);
      await fill(capacity, 8);
    });
  });
});
