/** How often, in ms, the probe's timer asks to run. */
const PROBE_INTERVAL_MS = 10;
/** Readings kept: about ten seconds' worth, longer than any round of answers is judged over. */
const READINGS_KEPT = 1_024;

/**
 * How late this process's timers fire. While the process is held (a long garbage collection,
 * a busy event loop, other processes on the same cores), answers that arrive wait to be read
 * as timers wait to fire, so an upstream latency measured meanwhile is partly its own.
 */
export interface EventLoopLag {
  /** The longest, in ms, a timer of this process waited beyond its time since `sinceMs` (epoch ms). */
  maxSince(sinceMs: number): number;
}

// Captured at load, so that a test's fake clock and timers never drive the real probe.
const realNow = Date.now;
const realSetInterval = setInterval;

let shared: EventLoopLag | undefined;

/** The process's one probe, started on first use on an unreferenced timer: it never keeps the process alive. */
export function sharedEventLoopLag(): EventLoopLag {
  shared ??= createEventLoopLag();
  return shared;
}

function createEventLoopLag(): EventLoopLag {
  const at = new Float64Array(READINGS_KEPT);
  const late = new Float64Array(READINGS_KEPT);
  let count = 0;
  let expected = realNow() + PROBE_INTERVAL_MS;
  realSetInterval(() => {
    const now = realNow();
    at[count % READINGS_KEPT] = now;
    late[count % READINGS_KEPT] = Math.max(0, now - expected);
    count += 1;
    expected = now + PROBE_INTERVAL_MS;
  }, PROBE_INTERVAL_MS).unref();
  return {
    maxSince(sinceMs) {
      // A timer still waiting counts too: the process may be held right now.
      let max = Math.max(0, realNow() - expected);
      for (let i = count - 1; i >= Math.max(0, count - READINGS_KEPT); i -= 1) {
        if (at[i % READINGS_KEPT] < sinceMs) break;
        max = Math.max(max, late[i % READINGS_KEPT]);
      }
      return max;
    },
  };
}
