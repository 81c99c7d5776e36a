import { sharedEventLoopLag } from '../../../src/partner-center/resilience/event-loop-lag';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sharedEventLoopLag', () => {
  it('is one probe per process', () => {
    expect(sharedEventLoopLag()).toBe(sharedEventLoopLag());
  });

  it('sees this process held by synchronous work, at least for as long as it was held', async () => {
    const lag = sharedEventLoopLag();
    await sleep(30);
    const since = Date.now();
    // Only a lower bound is asserted: a busy machine can only make the timer later.
    const until = Date.now() + 80;
    while (Date.now() < until) {
      // held
    }
    await sleep(30);
    expect(lag.maxSince(since)).toBeGreaterThanOrEqual(60);
  });
});
