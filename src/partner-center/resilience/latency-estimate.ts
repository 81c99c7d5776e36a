/**
 * How long an answered call to one account takes: a smoothed mean and its mean deviation, as
 * TCP estimates round trips (RFC 6298). An attempt is worth making when the time left covers
 * the mean plus twice the deviation.
 */
export class LatencyEstimate {
  private mean: number | undefined;
  private deviation = 0;

  constructor(
    /** Shortest time an attempt needs, whatever was observed (and before anything was). */
    private readonly floorMs: number,
    /** Longest: no attempt needs more than the client's whole timeout. */
    private readonly ceilingMs: number,
  ) {}

  /** Records one answered call's duration. */
  observe(ms: number): void {
    if (this.mean === undefined) {
      this.mean = ms;
      this.deviation = ms / 2;
      return;
    }
    this.deviation += (Math.abs(ms - this.mean) - this.deviation) / 4;
    this.mean += (ms - this.mean) / 8;
  }

  /** Milliseconds an attempt needs to be useful now. */
  usefulAttemptMs(): number {
    const observed = this.mean === undefined ? 0 : this.mean + 2 * this.deviation;
    return Math.min(this.ceilingMs, Math.max(this.floorMs, Math.ceil(observed)));
  }
}
