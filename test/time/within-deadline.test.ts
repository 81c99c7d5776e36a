import { Deadline } from '../../src/time/deadline';
import { Waited, withinDeadline } from '../../src/time/within-deadline';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A promise settled by hand. */
function pending<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Records how a wait ended, without awaiting it. */
function watch<T>(wait: Promise<Waited<T>>): { ended: Waited<T> | undefined; failed: unknown } {
  const seen: { ended: Waited<T> | undefined; failed: unknown } = { ended: undefined, failed: undefined };
  wait.then(
    (ended) => (seen.ended = ended),
    (error: unknown) => (seen.failed = error),
  );
  return seen;
}

describe('withinDeadline', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('answers the value when the work settles before the deadline, and leaves no timer behind', async () => {
    const work = pending<string>();
    const seen = watch(withinDeadline(work.promise, Deadline.after(1_000)));
    await jest.advanceTimersByTimeAsync(999);
    expect(seen.ended).toBeUndefined();
    work.resolve('token');
    await jest.advanceTimersByTimeAsync(0);
    expect(seen.ended).toEqual({ inTime: true, value: 'token' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers out of time when the deadline passes first, and drops what the work does later', async () => {
    const work = pending<string>();
    const seen = watch(withinDeadline(work.promise, Deadline.after(1_000)));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen.ended).toEqual({ inTime: false });
    expect(jest.getTimerCount()).toBe(0);
    // A failure after the deadline is not this wait's: the answer stays out of time.
    work.reject(new Error('refresh failed late'));
    await jest.advanceTimersByTimeAsync(0);
    expect(seen).toEqual({ ended: { inTime: false }, failed: undefined });
  });

  it('fails with the work when the work fails before the deadline', async () => {
    const work = pending<string>();
    const seen = watch(withinDeadline(work.promise, Deadline.after(1_000)));
    work.reject(new Error('token endpoint refused'));
    await jest.advanceTimersByTimeAsync(0);
    expect(seen.failed).toEqual(new Error('token endpoint refused'));
    expect(jest.getTimerCount()).toBe(0);
  });

  it('gives the work the extra time when the deadline moves later while it waits', async () => {
    const work = pending<number>();
    const deadline = Deadline.after(1_000);
    const seen = watch(withinDeadline(work.promise, deadline));
    await jest.advanceTimersByTimeAsync(900);
    deadline.extendTo(Date.now() + 1_000);
    await jest.advanceTimersByTimeAsync(900);
    expect(seen.ended).toBeUndefined();
    work.resolve(7);
    await jest.advanceTimersByTimeAsync(0);
    expect(seen.ended).toEqual({ inTime: true, value: 7 });
  });

  it('ends at the moved deadline when the work is still not done', async () => {
    const deadline = Deadline.after(1_000);
    const seen = watch(withinDeadline(pending<number>().promise, deadline));
    deadline.extendTo(Date.now() + 3_000);
    await jest.advanceTimersByTimeAsync(2_999);
    expect(seen.ended).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(seen.ended).toEqual({ inTime: false });
  });

  it('answers out of time at once for a deadline already passed, and the value of work already done', async () => {
    const passed = new Deadline(Date.now() - 1);
    const late = watch(withinDeadline(pending<number>().promise, passed));
    const done = watch(withinDeadline(Promise.resolve(3), passed));
    await jest.advanceTimersByTimeAsync(0);
    expect(late.ended).toEqual({ inTime: false });
    expect(done.ended).toEqual({ inTime: true, value: 3 });
    expect(jest.getTimerCount()).toBe(0);
  });

  it("waits past setTimeout's longest delay (about 24.8 days) for a deadline further off", async () => {
    const seen = watch(withinDeadline(pending<number>().promise, Deadline.after(30 * DAY_MS)));
    await jest.advanceTimersByTimeAsync(25 * DAY_MS);
    expect(seen.ended).toBeUndefined();
    await jest.advanceTimersByTimeAsync(5 * DAY_MS);
    expect(seen.ended).toEqual({ inTime: false });
  });

  it('stops following the deadline once it has ended', async () => {
    const deadline = Deadline.after(1_000);
    const work = pending<number>();
    const seen = watch(withinDeadline(work.promise, deadline));
    work.resolve(1);
    await jest.advanceTimersByTimeAsync(0);
    deadline.extendTo(Date.now() + 5_000);
    expect(jest.getTimerCount()).toBe(0);
    expect(seen.ended).toEqual({ inTime: true, value: 1 });
  });
});
