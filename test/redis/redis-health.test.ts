import { Worker } from 'node:worker_threads';
import { RedisCommandTimeoutError, createRedisHealth, withinCommandTimeout } from '../../src/redis/redis-health';

/** A promise that never settles: a command to a frozen Redis. */
const never = () => new Promise<never>(() => undefined);

describe('withinCommandTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it('rejects with a timeout when nothing answers within the command timeout', async () => {
    jest.useFakeTimers();
    let outcome: unknown = 'waiting';
    withinCommandTimeout(never(), 250).then(
      () => (outcome = 'answered'),
      (error: unknown) => (outcome = error),
    );
    await jest.advanceTimersByTimeAsync(249);
    expect(outcome).toBe('waiting');
    // The verdict comes in the check phase after the timer's turn.
    await jest.advanceTimersByTimeAsync(2);
    expect(outcome).toBeInstanceOf(RedisCommandTimeoutError);
  });

  it('passes on the answer, or the failure, that comes first', async () => {
    jest.useFakeTimers();
    await expect(withinCommandTimeout(Promise.resolve('PONG'), 250)).resolves.toBe('PONG');
    await expect(withinCommandTimeout(Promise.reject(new Error('READONLY')), 250)).rejects.toThrow('READONLY');
  });

  it('counts a reply already waiting when the timer fires as an answer: a busy event loop is not a stalled Redis', async () => {
    // A reply from another thread, queued for this event loop while the loop is kept busy past
    // the timeout: the timer and the reply are both due when the loop comes back.
    const worker = new Worker(
      'const { parentPort } = require("node:worker_threads"); parentPort.on("message", ({ flag }) => { parentPort.postMessage("PONG"); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); });',
      { eval: true },
    );
    try {
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const reply = new Promise<string>((resolve) => worker.once('message', resolve));
      await new Promise<void>((resolve) => worker.once('online', () => resolve()));
      // Held up in the check phase, so the loop's next turn starts with the timers, then reads the
      // reply: until the worker has queued its reply, and until the timer is due.
      const { answered } = await new Promise<{ answered: Promise<string> }>((resolve) =>
        setImmediate(() => {
          const answered = withinCommandTimeout(reply, 20);
          // Held on to at once, so a rejection is never unhandled.
          answered.catch(() => undefined);
          const askedAt = Date.now();
          worker.postMessage({ flag });
          Atomics.wait(flag, 0, 0);
          while (Date.now() - askedAt <= 40) {
            // CPU work, as a busy replica does.
          }
          resolve({ answered });
        }),
      );
      await expect(answered).resolves.toBe('PONG');
    } finally {
      await worker.terminate();
    }
  });
});

describe('RedisHealth', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('makes Redis unreachable for every user after one failure, and sends nothing until it may try again', async () => {
    const health = createRedisHealth({ commandTimeoutMs: 250, retryAfterMs: 5_000 });
    const unreachable = jest.fn();
    health.onUnreachable(unreachable);
    const stalled = health.run(never);
    await jest.advanceTimersByTimeAsync(251);
    await expect(stalled).resolves.toBeUndefined();
    expect(unreachable).toHaveBeenCalledTimes(1);
    expect(unreachable.mock.calls[0][0]).toBeInstanceOf(RedisCommandTimeoutError);
    expect(health.reachable()).toBe(false);

    // Another user: answered "use your fallback" at once, its command never started.
    const command = jest.fn(() => Promise.resolve('OK'));
    await expect(health.run(command)).resolves.toBeUndefined();
    expect(command).not.toHaveBeenCalled();
  });

  it('lets one command try again after retryAfterMs, and is reachable again when it works', async () => {
    const health = createRedisHealth({ commandTimeoutMs: 250, retryAfterMs: 5_000 });
    const reachable = jest.fn();
    health.onReachable(reachable);
    await expect(health.run(() => Promise.reject(new Error('ECONNRESET')))).resolves.toBeUndefined();
    await jest.advanceTimersByTimeAsync(4_999);
    const early = jest.fn(() => Promise.resolve('OK'));
    await expect(health.run(early)).resolves.toBeUndefined();
    expect(early).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1);
    // The trial: while it runs, the others do not queue behind it.
    let answerTrial!: (value: string) => void;
    const trial = health.run(() => new Promise<string>((resolve) => (answerTrial = resolve)));
    const meanwhile = jest.fn(() => Promise.resolve('OK'));
    await expect(health.run(meanwhile)).resolves.toBeUndefined();
    expect(meanwhile).not.toHaveBeenCalled();
    answerTrial('OK');
    await expect(trial).resolves.toEqual({ value: 'OK' });
    expect(health.reachable()).toBe(true);
    expect(reachable).toHaveBeenCalledTimes(1);
    await expect(health.run(() => Promise.resolve(1))).resolves.toEqual({ value: 1 });
  });

  it('stops telling a listener once it asked to stop', async () => {
    const health = createRedisHealth({ retryAfterMs: 5_000 });
    const unreachable = jest.fn();
    const stop = health.onUnreachable(unreachable);
    stop();
    await health.run(() => Promise.reject(new Error('ECONNREFUSED')));
    expect(unreachable).not.toHaveBeenCalled();
  });
});
