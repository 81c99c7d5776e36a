import { EventLoopLag } from './event-loop-lag';

export interface ConcurrencyLimitOptions {
  /** Default `8`. The limit to start from. */
  readonly initial?: number;
  /** Default `1`. Never below this. */
  readonly min?: number;
  /** Default `64`. Never above this; equal to `min` (and `initial`), the limit is fixed. */
  readonly max?: number;
  /** Default none. How late this process reads what arrives: taken off a round's fastest answer before it is judged. */
  readonly lag?: EventLoopLag;
}

/** A round's latency at or above both of these (relative to the baseline, and in ms over it) reads as Partner Center queueing. */
const LATENCY_FACTOR = 2;
const LATENCY_MARGIN_MS = 20;
/** The baseline is the smallest latency seen in the current or the previous window. */
const BASELINE_WINDOW_MS = 10_000;
/**
 * A round lasts at least this long (and two baselines), longer than the pauses a busy process
 * takes before it reads what arrived meanwhile, and holds at least this many answers.
 */
const ROUND_MIN_MS = 100;
const ROUND_MIN_ANSWERS = 3;
/** A round with no answer for this long (and ten rounds' length) starts again. */
const ROUND_IDLE_MS = 1_000;
/** A process that reads on time still runs its timers up to this late: lateness beyond it is taken off. */
const TIMER_JITTER_MS = 5;

/**
 * How many calls one account may have in flight, learnt from what Partner Center takes
 * (additive increase, multiplicative decrease, as TCP congestion control): while answers
 * come back near the best latency seen and the limit is in use, it grows (doubling each
 * round trip at first, then by one each round trip); when a whole round's fastest answer
 * takes twice that baseline it shrinks by a tenth, and on a 429 by half, at most once per
 * round trip. A round is judged by its fastest answer, as LEDBAT (RFC 6817) filters its delay
 * samples: when Partner Center queues, every answer is slow; when this process was busy (a
 * garbage collection, other work on the same cores), answers read late sit beside answers
 * read on time, and the noise is not taken for Partner Center slowing down. When this
 * process's own timers ran late during the round (a starved or overloaded gateway reads every
 * answer late), that lateness is taken off the fastest answer first; 429s and timeouts cut
 * the limit whatever the lateness.
 */
export class ConcurrencyLimit {
  private value: number;
  private readonly min: number;
  private readonly max: number;
  private readonly lag: EventLoopLag | undefined;
  private slowStart = true;
  private quietUntil = 0;
  private windowStart = 0;
  private windowMin = Infinity;
  private previousMin = Infinity;
  /** The current round: when its first and its last answer came, how many came, and the fastest. */
  private roundStart = 0;
  private roundLast = 0;
  private roundAnswers = 0;
  private roundMin = Infinity;

  constructor(options: ConcurrencyLimitOptions = {}) {
    const initial = options.initial ?? 8;
    this.min = options.min ?? Math.min(1, initial);
    this.max = options.max ?? Math.max(64, initial);
    this.lag = options.lag;
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
    const baseline = this.baseline()!;
    // Answers to calls sent before the last cut still report the overload: they join no round.
    if (now >= this.quietUntil) {
      const span = Math.max(ROUND_MIN_MS, baseline * 2);
      // A round closes with the first answer a round's length after its first one (and after
      // enough answers to judge), and that answer starts the next; after a quiet spell an old
      // fast answer says nothing about now.
      if (this.roundAnswers > 0 && now - this.roundLast >= Math.max(ROUND_IDLE_MS, span * 10)) this.endRound();
      if (this.roundAnswers >= ROUND_MIN_ANSWERS && now - this.roundStart >= span) {
        // The fastest answer, less the longest this process was held meanwhile: its own lateness is not Partner Center's.
        const held = Math.max(0, (this.lag?.maxSince(this.roundStart) ?? 0) - TIMER_JITTER_MS);
        const queueing = isQueueing(this.roundMin - held, baseline);
        this.endRound();
        if (queueing) return this.decrease(0.9, now, baseline);
      }
      if (this.roundAnswers === 0) this.roundStart = now;
      this.roundLast = now;
      this.roundAnswers += 1;
      this.roundMin = Math.min(this.roundMin, latencyMs);
    }
    // Growing a limit nobody reaches would only let a later burst through at once; a slow
    // answer is no reason to grow either, whether or not its round turns out to be noise.
    if (!inUse || this.value >= this.max || isQueueing(latencyMs, baseline)) return;
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
    this.endRound();
  }

  private endRound(): void {
    this.roundAnswers = 0;
    this.roundMin = Infinity;
  }
}

/** Whether a latency reads as Partner Center queueing, against the best one seen. */
function isQueueing(latencyMs: number, baseline: number): boolean {
  return latencyMs >= baseline * LATENCY_FACTOR && latencyMs >= baseline + LATENCY_MARGIN_MS;
}
