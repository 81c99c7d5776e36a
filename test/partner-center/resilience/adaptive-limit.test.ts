import { AccountCapacity, createAccountCapacity } from '../../../src/partner-center/resilience/account-capacity';
import { Deadline } from '../../../src/time/deadline';
import { EventLoopLag } from '../../../src/partner-center/resilience/event-loop-lag';

/**
 * The adaptive limit driven through an account's queue, on fake timers: `callers` order forms
 * each ask one question after another (a closed loop, as a load generator's connections do),
 * and Partner Center answers each call after `latencyOf(sentAt)` ms.
 */
const T0 = 1_800_000_000_000;
const noDeadline = () => new Deadline(Infinity);

/** This process's own lateness as the limit sees it: none unless a test says otherwise. */
let heldMs = 0;
const lag: EventLoopLag = { maxSince: () => heldMs };
const account = () => createAccountCapacity({ eventLoopLag: lag });

interface Run {
  /** Calls answered so far. */
  answered: number;
  /** The limit after each answer, in order. */
  readonly limits: number[];
  /** Set to make the next call's answer a 429 with this Retry-After (ms). */
  throttleNext?: number;
  /** 429s answered so far. */
  throttled: number;
  /** The limit just before the last 429 came back. */
  limitBefore429?: number;
  stopped: boolean;
}

/** When the answer to a call sent at `sentAt` is read: after the upstream latency, and after any pause of this process. */
type Answering = (sentAt: number) => number;

function startCallers(capacity: AccountCapacity, callers: number, answerAt: Answering): Run {
  const run: Run = { answered: 0, limits: [], throttled: 0, stopped: false };
  const caller = async () => {
    while (!run.stopped) {
      const slot = await capacity.acquire(noDeadline());
      if (!slot.admitted) throw new Error(`no slot: ${slot.reason}`);
      const sentAt = Date.now();
      const throttled = run.throttleNext;
      run.throttleNext = undefined;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, answerAt(sentAt) - sentAt)));
      if (throttled !== undefined) run.limitBefore429 = capacity.snapshot().limit;
      slot.release({ answered: true, latencyMs: Date.now() - sentAt, throttled: throttled !== undefined });
      // As the upstream path does: the 429's Retry-After holds the whole account.
      if (throttled !== undefined) {
        capacity.throttle(Date.now() + throttled);
        run.throttled += 1;
      }
      run.answered += 1;
      run.limits.push(capacity.snapshot().limit);
    }
  };
  for (let i = 0; i < callers; i += 1) void caller();
  return run;
}

/** Lets the callers run until `calls` more answers came back (fake time moves 1 ms a step). */
async function untilAnswered(run: Run, calls: number): Promise<void> {
  const target = run.answered + calls;
  while (run.answered < target) await jest.advanceTimersByTimeAsync(1);
}

/** Constant upstream latency. */
const constant =
  (latencyMs: number): Answering =>
  (sentAt) =>
    sentAt + latencyMs;

/**
 * Constant upstream latency read by a busy process: every `everyMs` the event loop is held
 * for `pauseMs` (garbage collection, other processes on the same cores), and answers that
 * arrive meanwhile are read when the pause ends. Nothing queues at Partner Center.
 */
const throughPauses =
  (latencyMs: number, everyMs: number, pauseMs: number): Answering =>
  (sentAt) => {
    const arrives = sentAt + latencyMs;
    const into = (arrives - T0) % everyMs;
    return into < pauseMs ? arrives - into + pauseMs : arrives;
  };

describe('adaptive concurrency limit under a closed-loop load', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    heldMs = 0;
  });
  afterEach(() => jest.useRealTimers());

  let run: Run | undefined;
  afterEach(() => {
    if (run) run.stopped = true;
    run = undefined;
  });

  describe('healthy means full speed', () => {
    it('grows to the 32 callers when Partner Center answers every call in 50 ms', async () => {
      const capacity = account();
      run = startCallers(capacity, 32, constant(50));
      await untilAnswered(run, 200);
      expect(capacity.snapshot().limit).toBeGreaterThanOrEqual(32);
      await untilAnswered(run, 2_000);
      expect(Math.min(...run.limits.slice(-1_000))).toBeGreaterThanOrEqual(32);
    });

    it('grows to the 32 callers and stays there when pauses of this process delay the reading of answers', async () => {
      // A 120 ms pause every 600 ms: a fifth of the answers are read up to 170 ms after they were sent.
      const capacity = account();
      run = startCallers(capacity, 32, throughPauses(50, 600, 120));
      await untilAnswered(run, 400);
      expect(capacity.snapshot().limit).toBeGreaterThanOrEqual(32);
      await untilAnswered(run, 3_000);
      expect(Math.min(...run.limits.slice(-2_000))).toBeGreaterThanOrEqual(32);
    });

    it('grows to the 32 callers and stays there while this process is starved and reads every answer late', async () => {
      const capacity = account();
      let readLateBy = 0;
      run = startCallers(capacity, 32, (sentAt) => sentAt + 50 + readLateBy);
      await untilAnswered(run, 200);
      // Then other processes hold the cores: each answer is read 60 ms after it arrived, and
      // this process's timers run as late. Nothing queues at Partner Center.
      readLateBy = 60;
      heldMs = 60;
      await untilAnswered(run, 2_000);
      expect(Math.min(...run.limits.slice(-1_500))).toBeGreaterThanOrEqual(32);
    });
  });

  describe('still falls when Partner Center slows or throttles', () => {
    it('falls when the latency doubles', async () => {
      const capacity = account();
      let latency = 50;
      run = startCallers(capacity, 32, (sentAt) => sentAt + latency);
      await untilAnswered(run, 400);
      const before = capacity.snapshot().limit;
      expect(before).toBeGreaterThanOrEqual(32);
      latency = 100;
      heldMs = 1; // a process reading on time: its timers a millisecond late
      await untilAnswered(run, 200);
      expect(capacity.snapshot().limit).toBeLessThan(before);
      await untilAnswered(run, 400);
      expect(capacity.snapshot().limit).toBeLessThan(0.75 * before);
    });

    it('falls on a 429, by half, even while this process is starved', async () => {
      heldMs = 60;
      const capacity = account();
      run = startCallers(capacity, 32, constant(50));
      await untilAnswered(run, 400);
      expect(capacity.snapshot().limit).toBeGreaterThanOrEqual(32);
      run.throttleNext = 1_000;
      while (run.throttled === 0) await jest.advanceTimersByTimeAsync(1);
      expect(capacity.snapshot().limit).toBeLessThanOrEqual(Math.ceil(run.limitBefore429! / 2));
    });
  });
});
