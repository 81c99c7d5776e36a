import { CspRegion } from '../partner-center/csp-region';

/** The concurrency limit an account reached during a run, and its mean over the run's time. */
export interface ConcurrencyReached {
  readonly peak: number;
  readonly mean: number;
}

/**
 * Follows each account's adaptive concurrency limit as the run reads it: the highest value,
 * and the mean weighted by how long each value held (what the run actually had).
 */
export class ConcurrencyWatch {
  private readonly seen = new Map<CspRegion, { peak: number; weighted: number; since: number; last: number; first: number }>();

  /** The limit read now for a region. */
  sample(region: CspRegion, limit: number, now = performance.now()): void {
    const entry = this.seen.get(region);
    if (!entry) {
      this.seen.set(region, { peak: limit, weighted: 0, since: now, last: limit, first: now });
      return;
    }
    entry.weighted += entry.last * (now - entry.since);
    entry.since = now;
    entry.last = limit;
    entry.peak = Math.max(entry.peak, limit);
  }

  reached(now = performance.now()): ReadonlyMap<CspRegion, ConcurrencyReached> {
    return new Map(
      [...this.seen].map(([region, entry]) => {
        const span = now - entry.first;
        const weighted = entry.weighted + entry.last * (now - entry.since);
        return [region, { peak: entry.peak, mean: span > 0 ? Math.round((weighted / span) * 10) / 10 : entry.last }];
      }),
    );
  }
}
