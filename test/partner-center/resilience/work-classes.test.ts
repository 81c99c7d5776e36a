import { Admission, createAccountCapacity } from '../../../src/partner-center/resilience/account-capacity';
import { Deadline } from '../../../src/time/deadline';
import { BudgetGrant, SharedBudgetStore } from '../../../src/partner-center/resilience/shared-pace';
import { WorkClass } from '../../../src/partner-center/resilience/work-class';

const T0 = 1_800_000_000_000;
const within = (ms: number) => new Deadline(Date.now() + ms);
const noDeadline = () => new Deadline(Infinity);
const advance = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

/** Follows an acquire and records the order in which waiters were served. */
function follow(promise: Promise<Admission>, name: string, served: string[]): { admission?: Admission } {
  const state: { admission?: Admission } = {};
  void promise.then((admission) => {
    state.admission = admission;
    if (admission.admitted) served.push(name);
  });
  return state;
}

function admitted(admission: Admission | undefined): Extract<Admission, { admitted: true }> {
  if (!admission?.admitted) throw new Error(`expected a slot, got ${JSON.stringify(admission)}`);
  return admission;
}

const fixed = (n: number, extra: Parameters<typeof createAccountCapacity>[0] = {}) =>
  createAccountCapacity({ concurrency: n, minConcurrency: n, maxConcurrency: n, ...extra });

/** A hand-written shared budget: answers what the test sets, and records what it was asked. */
class FakeBudget implements SharedBudgetStore {
  readonly takes: Array<{ workClass: WorkClass; want: number }> = [];
  readonly holds: Array<{ retryAfterMs: number; saturated: boolean }> = [];
  answer: BudgetGrant | undefined = { granted: 1, waitMs: 0, heldForMs: 0, pace: null, yielding: false };
  take(workClass: WorkClass, want: number) {
    this.takes.push({ workClass, want });
    const answer = this.answer;
    return Promise.resolve(answer && { ...answer, granted: Math.min(want, answer.granted) });
  }
  hold(retryAfterMs: number, saturated: boolean) {
    this.holds.push({ retryAfterMs, saturated });
    return Promise.resolve(this.answer && { pace: 42 });
  }
}

describe('AccountCapacity work classes', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  it('serves an interactive question before bulk ones that were waiting longer', async () => {
    const capacity = fixed(1);
    const first = admitted(await capacity.acquire(noDeadline(), false, 'interactive'));
    const served: string[] = [];
    follow(capacity.acquire(noDeadline(), false, 'bulk'), 'bulk 1', served);
    follow(capacity.acquire(noDeadline(), false, 'bulk'), 'bulk 2', served);
    follow(capacity.acquire(noDeadline(), false, 'interactive'), 'order form', served);
    expect(capacity.snapshot().classes).toEqual({
      interactive: { waiting: 1, longestWaitMs: 0 },
      bulk: { waiting: 2, longestWaitMs: 0 },
    });
    first.release();
    await advance();
    expect(served).toEqual(['order form']);
  });

  it('keeps the interactive share of the slots from bulk work', async () => {
    const capacity = fixed(5, { interactiveShare: 0.2 });
    const served: string[] = [];
    for (let i = 0; i < 5; i += 1) follow(capacity.acquire(noDeadline(), false, 'bulk'), `bulk ${i}`, served);
    await advance();
    expect(served).toEqual(['bulk 0', 'bulk 1', 'bulk 2', 'bulk 3']);
    const orderForm = await capacity.acquire(within(1_000), false, 'interactive');
    expect(orderForm.admitted).toBe(true);
    expect(capacity.snapshot()).toMatchObject({ inFlight: 5, classes: { bulk: { waiting: 1 } } });
  });

  it('reports how long the longest-waiting question of each class has waited', async () => {
    const capacity = fixed(1);
    admitted(await capacity.acquire(noDeadline()));
    void capacity.acquire(noDeadline(), false, 'bulk');
    await advance(250);
    expect(capacity.snapshot().classes.bulk).toEqual({ waiting: 1, longestWaitMs: 250 });
  });

  it('takes the class of calls that name none from its options (the audit makes all its calls bulk)', async () => {
    const budget = new FakeBudget();
    const capacity = fixed(4, { workClass: 'bulk', sharedBudget: budget });
    const slot = capacity.acquire(noDeadline());
    await advance();
    admitted(await slot);
    expect(budget.takes[0].workClass).toBe('bulk');
  });
});

describe('AccountCapacity with a shared budget', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  it('sends nothing while the budget says another process was told to wait, and says so to a question that cannot wait', async () => {
    const budget = new FakeBudget();
    budget.answer = { granted: 0, waitMs: 0, heldForMs: 30_000, pace: 20, yielding: false };
    const capacity = fixed(4, { sharedBudget: budget });
    const admission = capacity.acquire(within(2_000));
    await advance();
    expect(await admission).toEqual({ admitted: false, reason: 'throttled', retryAfterMs: 30_000 });
    expect(capacity.throttledUntil()).toBe(T0 + 30_000);
  });

  it('waits as long as the budget asks, then sends', async () => {
    const budget = new FakeBudget();
    budget.answer = { granted: 0, waitMs: 40, heldForMs: 0, pace: 25, yielding: false };
    const capacity = fixed(4, { sharedBudget: budget });
    const served: string[] = [];
    follow(capacity.acquire(within(5_000)), 'question', served);
    await advance(20);
    expect(served).toEqual([]);
    budget.answer = { granted: 1, waitMs: 0, heldForMs: 0, pace: 25, yielding: false };
    await advance(40);
    expect(served).toEqual(['question']);
    expect(capacity.snapshot()).toMatchObject({ budget: 'shared', callsPerSecondCap: 25 });
  });

  it('sends calls granted ahead of their turn each at its own time', async () => {
    const budget = new FakeBudget();
    // Nothing until both wait; then two calls, 30 ms and 80 ms from now.
    budget.answer = { granted: 0, waitMs: 10, heldForMs: 0, pace: 20, yielding: false };
    const capacity = fixed(4, { sharedBudget: budget });
    const served: string[] = [];
    follow(capacity.acquire(within(5_000)), 'first', served);
    follow(capacity.acquire(within(5_000)), 'second', served);
    await advance();
    budget.answer = { granted: 2, waitMs: 0, heldForMs: 0, pace: 20, yielding: false, firstAtMs: 30, spacingMs: 50 };
    await advance(10);
    expect(budget.takes.at(-1)).toEqual({ workClass: 'interactive', want: 2 });
    await advance(29);
    expect(served).toEqual([]);
    await advance(1);
    expect(served).toEqual(['first']);
    await advance(49);
    expect(served).toEqual(['first']);
    await advance(1);
    expect(served).toEqual(['first', 'second']);
  });

  it('tells the budget about a 429, so every process holds and lowers the pace', async () => {
    const budget = new FakeBudget();
    const capacity = fixed(1, { sharedBudget: budget });
    const slot = capacity.acquire(noDeadline());
    await advance();
    admitted(await slot);
    capacity.throttle(Date.now() + 3_000);
    await advance();
    expect(budget.holds).toEqual([{ retryAfterMs: 3_000, saturated: true }]);
    expect(capacity.snapshot().callsPerSecondCap).toBe(42);
  });

  it('paces itself, without refusing anyone, while the budget cannot be reached', async () => {
    const budget = new FakeBudget();
    budget.answer = undefined;
    const capacity = fixed(2, { sharedBudget: budget });
    const served: string[] = [];
    for (let i = 0; i < 4; i += 1) follow(capacity.acquire(within(5_000)), `q${i}`, served);
    await advance();
    expect(served).toEqual(['q0', 'q1']);
    expect(capacity.snapshot().budget).toBe('local');
  });

  it('says its budget is local until the shared one answers again, however long it has paced itself', async () => {
    const budget = new FakeBudget();
    budget.answer = undefined;
    const capacity = fixed(2, { sharedBudget: budget });
    expect(admitted(await capacity.acquire(within(5_000)))).toBeDefined();
    await advance();
    expect(capacity.snapshot().budget).toBe('local');
    // No call for a while: nothing has shown the shared budget can be used again.
    await advance(5_000);
    expect(capacity.snapshot().budget).toBe('local');
    budget.answer = { granted: 1, waitMs: 0, heldForMs: 0, pace: null, yielding: false };
    expect(admitted(await capacity.acquire(within(5_000)))).toBeDefined();
    await advance();
    expect(capacity.snapshot().budget).toBe('shared');
  });
});
