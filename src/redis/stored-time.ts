/**
 * How far ahead of this process's clock a time read from Redis may be, in ms. No replica's
 * clock is off by this much; a time further ahead was not written by this version (another
 * unit, another layout, garbage), and the entry carrying it is not taken: such an entry would
 * otherwise look fresh, or newer than anything fetched after it, for as long as it is kept.
 */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;

/** Whether `ms` (epoch ms read from Redis) is a time this version could have written. */
export function isPlausibleStoredTime(ms: unknown, now = Date.now()): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= now + FUTURE_TOLERANCE_MS;
}
