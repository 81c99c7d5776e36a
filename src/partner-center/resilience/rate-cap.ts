/** After a cut, the cap climbs this fast (per second) back towards the rate last seen throttled... */
const RECOVERY_PER_SECOND = 0.25;
/**
 * ...up to this share of it: the rate seen when the 429 came includes the burst Partner
 * Center's bucket allowed, and at 97 % an account still met a stray 429 in about half of the
 * bench's throttled runs (each costs a whole Retry-After window), against about one in four here.
 */
const RECOVERY_TARGET = 0.955;
/** ...then creeps up this slowly, to notice when Partner Center allows more. */
const PROBE_PER_SECOND = 0.0005;
/** Answers measured over at least this long, all of them paced, give the limit itself. */
const TRUSTED_SPAN_MS = 1_000;
/** Fewest answers worth measuring a rate from. */
const MIN_MEASURED_ANSWERS = 10;
/** Never paced slower than this, whatever was measured. */
const FLOOR_PER_SECOND = 1;
/** Pacing allows this many milliseconds' worth of calls at once. */
const PACING_BURST_MS = 50;
/** A cap that has not been hit for this long is dropped: what it learnt may be stale. */
const FORGET_AFTER_MS = 600_000;
/** How far back answers are kept for measuring. */
const MEASURE_WINDOW_MS = 2_000;

/**
 * A calls-per-second cap for one account, learnt from 429s. Partner Center limits a partner
 * tenant's rate, not its concurrency, and every 429 costs the whole account its Retry-After,
 * so the aim is to land under the limit after as few 429s as possible. The first 429 comes
 * with no cap: the rate of answers just before it is an upper bound of what Partner Center
 * sustains, and the cap drops to half of it (as TCP halves its window, so a bound too high is
 * found in a few 429s). A later 429, after at least a second of paced calls, comes with a
 * good measure: the rate the answers came back at since the last window is about the limit,
 * and the cap drops to 90 % of it. The cap then climbs back quickly to 95.5 % of the measure and
 * creeps up slowly, to notice when more is allowed.
 */
export class RateCap {
  private cap: number | undefined;
  private ceiling = 0;
  private capSetAt = 0;
  private tokens = 0;
  private tokensAt = 0;
  /** Completion times of answered calls (ms, ascending), at most MEASURE_WINDOW_MS old. */
  private readonly answers: number[] = [];
  private measureFrom = 0;

  /** Calls per second allowed now, or undefined when uncapped. */
  current(now = Date.now()): number | undefined {
    if (this.cap === undefined) return undefined;
    if (now - this.capSetAt > FORGET_AFTER_MS) {
      this.cap = undefined;
      return undefined;
    }
    const seconds = Math.max(0, now - this.capSetAt) / 1000;
    const target = this.ceiling * RECOVERY_TARGET;
    if (this.cap >= target) return this.cap * (1 + PROBE_PER_SECOND * seconds);
    const recovering = this.cap * (1 + RECOVERY_PER_SECOND) ** seconds;
    if (recovering <= target) return recovering;
    const reachedAfter = Math.log(target / this.cap) / Math.log(1 + RECOVERY_PER_SECOND);
    return target * (1 + PROBE_PER_SECOND * (seconds - reachedAfter));
  }

  /** An answer that was not a 429 came back. */
  answered(now = Date.now()): void {
    this.answers.push(now);
    while (this.answers.length > 0 && this.answers[0] < now - MEASURE_WINDOW_MS) this.answers.shift();
  }

  /**
   * A 429 came back; calls resume at `resumeAt` (the end of the throttle window).
   * `saturated` says whether calls were waiting for room: only then do the recent rate and
   * the pace say anything about Partner Center's limit rather than about demand.
   */
  throttled(now: number, resumeAt: number, saturated: boolean): void {
    if (this.cap !== undefined && now - this.capSetAt > FORGET_AFTER_MS) this.cap = undefined;
    const current = this.current(now);
    if (!saturated) {
      // A 429 at a rate the account chose itself: the throttle window is answer enough.
    } else {
      const recent = this.answers.filter((at) => at >= Math.max(this.measureFrom, now - MEASURE_WINDOW_MS));
      const span = recent.length > 0 ? now - recent[0] : 0;
      const measured = recent.length >= MIN_MEASURED_ANSWERS && span > 0 ? (recent.length * 1000) / span : undefined;
      // Paced since the last window for a while, the answers' own rate is about the limit; the
      // first 429 (answers from before any pace) or a short stretch only bounds it from above.
      const trusted = current !== undefined && measured !== undefined && span >= TRUSTED_SPAN_MS;
      const bound = trusted ? Math.min(current, measured) : (current ?? measured);
      if (bound !== undefined) {
        this.ceiling = bound;
        // Halved when only bounded, as TCP halves its window: an estimate too high is found in a few 429s.
        this.cap = bound * (trusted ? 0.9 : 0.5);
      }
    }
    if (this.cap !== undefined) this.cap = Math.max(FLOOR_PER_SECOND, this.cap);
    this.capSetAt = resumeAt;
    this.tokens = 0;
    this.tokensAt = resumeAt;
    this.measureFrom = resumeAt;
  }

  /** Takes the pace for one call now; false when it must wait (see `nextAt`). */
  take(now = Date.now()): boolean {
    const rate = this.current(now);
    if (rate === undefined) return true;
    this.refill(now, rate);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** When the next call may go (epoch ms); `now` when uncapped. */
  nextAt(now = Date.now()): number {
    const rate = this.current(now);
    if (rate === undefined) return now;
    this.refill(now, rate);
    return this.tokens >= 1 ? now : now + ((1 - this.tokens) * 1000) / rate;
  }

  private refill(now: number, rate: number): void {
    if (now <= this.tokensAt) return;
    const burst = Math.max(1, (rate * PACING_BURST_MS) / 1000);
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) * rate) / 1000);
    this.tokensAt = now;
  }
}
