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
/** A measure over less than this is taken as over this long: a burst's rate is not a rate. */
const MIN_MEASURED_SPAN_MS = 100;
/** Never paced slower than this, whatever was measured. */
const FLOOR_PER_SECOND = 1;
/** Pacing allows this many milliseconds' worth of calls at once. */
const PACING_BURST_MS = 50;
/** A cap that has not been hit for this long is dropped: what it learnt may be stale. */
const FORGET_AFTER_MS = 600_000;
/**
 * How far back answers are measured: short, so that a rate still climbing when the 429 came
 * is measured near where it reached (over two seconds at 25 % a second it read a fifth low).
 */
const MEASURE_WINDOW_MS = 500;
/** ...or, when that holds fewer than MIN_MEASURED_ANSWERS, this far back. */
const LONG_MEASURE_WINDOW_MS = 2_000;
/**
 * 429s this close together are one streak. A single 429 below the rate last seen throttled
 * says more about how calls bunched on the way than about the limit: the cap backs off, then
 * climbs back to where it was. A third in a row lowers the rate it climbs back to.
 */
const STREAK_GAP_MS = 5_000;
/** The 429 of a streak that moves the ceiling down to what it measured. */
const STREAK_TO_LOWER = 3;
/**
 * Answers coming back at this share of the cap or more mean the account was sending at its
 * cap, not short of demand or bunched on the way.
 */
const AT_PACE_SHARE = 0.9;

/**
 * A calls-per-second cap for one account, learnt from 429s. Partner Center limits a partner
 * tenant's rate, not its concurrency, and every 429 costs the whole account its Retry-After,
 * so the aim is to land under the limit after as few 429s as possible. The first 429 comes
 * with no cap: the rate of answers just before it (or, when a flood's 429s came back first,
 * of the calls sent) is an upper bound of what Partner Center sustains, and the cap drops to
 * half of it (as TCP halves its window) and climbs 25 % a second from there until a later
 * 429, after at least a second of paced calls, gives a good measure: the rate the answers
 * came back at is about the limit, and the cap drops to 90 % of it, climbs back quickly to
 * 95.5 % of the measure and creeps up slowly, to notice when more is allowed. A lone 429
 * below that measure (calls bunched on the way) only backs the cap off for a moment; a
 * streak of three lowers the measure it climbs back to.
 */
export class RateCap {
  private cap: number | undefined;
  /** The rate last seen throttled after a second of pacing; 0 while none has been (the cap climbs unbounded). */
  private ceiling = 0;
  private capSetAt = 0;
  private tokens = 0;
  private tokensAt = 0;
  /** Completion times of answered calls (ms, ascending), at most LONG_MEASURE_WINDOW_MS old. */
  private readonly answers: number[] = [];
  /** Times calls were let go (ms, ascending), at most LONG_MEASURE_WINDOW_MS old. */
  private readonly sent: number[] = [];
  private measureFrom = 0;
  /** 429s in the current streak, and when the last came. */
  private streak = 0;
  private lastThrottledAt = -Infinity;

  /** Calls per second allowed now, or undefined when uncapped. */
  current(now = Date.now()): number | undefined {
    if (this.cap === undefined) return undefined;
    if (now - this.capSetAt > FORGET_AFTER_MS) {
      this.cap = undefined;
      this.ceiling = 0;
      return undefined;
    }
    const seconds = Math.max(0, now - this.capSetAt) / 1000;
    // No trusted ceiling yet: climb until Partner Center says where its limit is.
    if (this.ceiling === 0) return this.cap * (1 + RECOVERY_PER_SECOND) ** seconds;
    const target = this.ceiling * RECOVERY_TARGET;
    if (this.cap >= target) return this.cap * (1 + PROBE_PER_SECOND * seconds);
    const recovering = this.cap * (1 + RECOVERY_PER_SECOND) ** seconds;
    if (recovering <= target) return recovering;
    const reachedAfter = Math.log(target / this.cap) / Math.log(1 + RECOVERY_PER_SECOND);
    return target * (1 + PROBE_PER_SECOND * (seconds - reachedAfter));
  }

  /** An answer that was not a 429 came back. */
  answered(now = Date.now()): void {
    record(this.answers, now);
  }

  /**
   * A 429 came back; calls resume at `resumeAt` (the end of the throttle window).
   * `saturated` says whether calls were waiting for room: only then do the recent rate and
   * the pace say anything about Partner Center's limit rather than about demand.
   */
  throttled(now: number, resumeAt: number, saturated: boolean): void {
    const current = this.current(now);
    if (!saturated) {
      // A 429 at a rate the account chose itself: the throttle window is answer enough.
    } else {
      const measured = this.rateOf(this.answers, now);
      // Paced since the last window for a while, the answers' own rate is about the limit; the
      // first 429 (answers from before any pace) or a short stretch only bounds it from above.
      const firstAnswer = this.answers.find((at) => at >= this.measureFrom);
      const trusted = current !== undefined && measured !== undefined && firstAnswer !== undefined && now - firstAnswer >= TRUSTED_SPAN_MS;
      // With too few answers (a flood's 429s came back first), the calls sent bound it from above.
      const bound = trusted ? Math.min(current, measured) : (current ?? measured ?? this.rateOf(this.sent, now));
      this.streak = now - this.lastThrottledAt <= STREAK_GAP_MS ? this.streak + 1 : 1;
      this.lastThrottledAt = now;
      // Back at its target and sending at it, yet throttled: the target is above the limit (the
      // measure that set it caught a burst Partner Center's bucket had saved up, and answers
      // keep coming back faster than the limit while that burst drains), and staying there
      // would cost a Retry-After every few seconds. The target moves under the rate that
      // failed; soon after a window, too, since the target was learnt before it (no halving).
      const atTarget =
        current !== undefined &&
        this.ceiling > 0 &&
        current >= this.ceiling * RECOVERY_TARGET * 0.999 &&
        (measured === undefined || measured >= current * AT_PACE_SHARE);
      if (bound !== undefined && atTarget) {
        // `bound` is the rate refused: the cap itself, or the answers' rate when measured below it.
        this.cap = bound * 0.9;
        this.ceiling = bound * RECOVERY_TARGET;
      } else if (bound !== undefined) {
        // Halved when only bounded, as TCP halves its window: an estimate too high is found in a few 429s.
        this.cap = bound * (trusted ? 0.9 : 0.5);
        if (trusted && (this.ceiling === 0 || bound > this.ceiling || this.streak >= STREAK_TO_LOWER)) this.ceiling = bound;
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
    if (rate !== undefined) {
      this.refill(now, rate);
      if (this.tokens < 1) return false;
      this.tokens -= 1;
    }
    record(this.sent, now);
    return true;
  }

  /** When the next call may go (epoch ms); `now` when uncapped. */
  nextAt(now = Date.now()): number {
    const rate = this.current(now);
    if (rate === undefined) return now;
    this.refill(now, rate);
    return this.tokens >= 1 ? now : now + ((1 - this.tokens) * 1000) / rate;
  }

  /**
   * The rate of `times` since the last window: over the last MEASURE_WINDOW_MS, or the last
   * LONG_MEASURE_WINDOW_MS when that holds too few; undefined when even that does.
   */
  private rateOf(times: readonly number[], now: number): number | undefined {
    for (const window of [MEASURE_WINDOW_MS, LONG_MEASURE_WINDOW_MS]) {
      const from = Math.max(this.measureFrom, now - window);
      const recent = times.filter((at) => at >= from && at <= now);
      if (recent.length < MIN_MEASURED_ANSWERS) continue;
      return (recent.length * 1000) / Math.max(MIN_MEASURED_SPAN_MS, now - recent[0]);
    }
    return undefined;
  }

  private refill(now: number, rate: number): void {
    if (now <= this.tokensAt) return;
    const burst = Math.max(1, (rate * PACING_BURST_MS) / 1000);
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) * rate) / 1000);
    this.tokensAt = now;
  }
}

/** Appends `now` to ascending `times` and drops what is older than the long measuring window. */
function record(times: number[], now: number): void {
  times.push(now);
  while (times.length > 0 && times[0] < now - LONG_MEASURE_WINDOW_MS) times.shift();
}
