export interface ConcurrencyLimitOptions {
  /** Default `8`. The limit to start from. */
  readonly initial?: number;
  /** Default `1`. Never below this. */
  readonly min?: number;
  /** Default `64`. Never above this; equal to `min` (and `initial`), the limit is fixed. */
  readonly max?: number;
}

/** Latency above both of these (relative to the baseline, and in ms over it) reads as Partner Center queueing. */
const LATENCY_FACTOR = 2;
const LATENCY_MARGIN_MS = 20;
/** The baseline is the smallest latency seen in the current or the previous window. */
const BASELINE_WINDOW_MS = 10_000;

/**
 * How many calls one account may have in flight, learnt from what Partner Center takes
 * (additive increase, multiplicative decrease, as TCP congestion control): while answers
 * come back near the best latency seen and the limit is in use, it grows (doubling each
 * round trip at first, then by one each round trip); when the smoothed latency rises well above that
 * baseline it shrinks by a tenth, and on a 429 by half, at most once per round trip.
 */
export class ConcurrencyLimit {
  private value: number;
  private readonly min: number;
  private readonly max: number;
  private slowStart = true;
  private quietUntil = 0;
  private windowStart = 0;
  private windowMin = Infinity;
  private previousMin = Infinity;
  /** Smoothed recent latency: one slow answer (a pause, a busy moment here) is not a trend. */
  private recent: number | undefined;

  constructor(options: ConcurrencyLimitOptions = {}) {
    const initial = options.initial ?? 8;
    this.min = options.min ?? Math.min(1, initial);
    this.max = options.max ?? Math.max(64, initial);
    for (const [name, value] of [
      ['initial', initial],
      ['min', this.min],
      ['max', this.max],
    ] as const) {
      if (!Number.isInteger(value) || value <= 0)
        throw new TypeError(`ConcurrencyLimit: ${name} must be a positive integer, got ${String(value)}`);
    }
    if (!(this.min <= initial && initial <= this.max)) {
      throw new TypeError(`ConcurrencyLimit: needs min <= initial <= max, got ${this.min}, ${initial}, ${this.max}`);
    }
    this.value = initial;
  }

  /** The calls that may be in flight now. */
  current(): number {
    return Math.floor(this.value);
  }

  /** The best latency of the recent past, or undefined before any answer. */
  baseline(): number | undefined {
    const best = Math.min(this.windowMin, this.previousMin);
    return Number.isFinite(best) ? best : undefined;
  }

  /** An answer came back after `latencyMs`; `inUse` says whether the limit was what held calls back. */
  answered(latencyMs: number, inUse: boolean, now = Date.now()): void {
    if (now - this.windowStart >= BASELINE_WINDOW_MS) {
      this.previousMin = this.windowMin;
      this.windowMin = Infinity;
      this.windowStart = now;
    }
    this.windowMin = Math.min(this.windowMin, latencyMs);
    this.recent = this.recent === undefined ? latencyMs : this.recent + (latencyMs - this.recent) / 8;
    const baseline = this.baseline()!;
    if (this.recent > baseline * LATENCY_FACTOR && this.recent > baseline + LATENCY_MARGIN_MS) {
      this.decrease(0.9, now, baseline);
      return;
    }
    // Growing a limit nobody reaches would only let a later burst through at once.
    if (!inUse || this.value >= this.max) return;
    this.value = Math.min(this.max, this.value + (this.slowStart ? 1 : 1 / this.value));
  }

  /** Partner Center throttled the account (429). */
  throttled(now = Date.now()): void {
    this.decrease(0.5, now, this.baseline() ?? 0);
  }

  /** A call had its whole timeout and no answer: the strongest sign of queueing upstream. */
  timedOut(now = Date.now()): void {
    this.decrease(0.9, now, this.baseline() ?? 0);
  }

  private decrease(factor: number, now: number, baseline: number): void {
    this.slowStart = false;
    // Answers to calls sent before the cut still report the old overload: one cut per round trip.
    if (now < this.quietUntil) return;
    this.value = Math.max(this.min, this.value * factor);
    this.quietUntil = now + Math.max(baseline * 2, 50);
  }
}
