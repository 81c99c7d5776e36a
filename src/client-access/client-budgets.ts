import { LRUCache } from 'lru-cache';
import { UpstreamAdmission } from '../partner-center/status-checker';

export interface ClientBudgetsOptions {
  /** Required. Partner Center questions one client's operations may cause per minute (`limits.upstreamCallsPerClientPerMinute`). */
  readonly upstreamCallsPerMinute: number;
  /** Required. Rechecks one client may ask per minute (`limits.rechecksPerClientPerMinute`). */
  readonly rechecksPerMinute: number;
  /** Default `100_000`. Clients remembered at most; the least recently seen go first. */
  readonly maxClients?: number;
  /** Default `Date.now`. The clock, in epoch ms. */
  readonly now?: () => number;
}

/** One client's spending this minute. */
export interface ClientBudget {
  /** Takes one Partner Center question (a cache miss about to be asked), or says when the next one may be. */
  readonly takeUpstreamCall: () => UpstreamAdmission;
  /** Takes one recheck, or says when the next one may be. */
  takeRecheck(): UpstreamAdmission;
}

export interface ClientBudgets {
  /** The budget of the client with this key (the same key the request rate limit counts by). */
  of(clientKey: string): ClientBudget;
}

const WINDOW_MS = 60_000;

/** A count per minute, the minute starting at the first take. */
class MinuteCounter {
  private startedAt = -Infinity;
  private taken = 0;

  take(limit: number, now: number): UpstreamAdmission {
    if (now - this.startedAt >= WINDOW_MS) {
      this.startedAt = now;
      this.taken = 0;
    }
    if (this.taken >= limit)
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((this.startedAt + WINDOW_MS - now) / 1000)) };
    this.taken += 1;
    return { admitted: true };
  }
}

/**
 * Per-client budgets on top of the request rate limit: how many Partner Center questions a
 * client's operations may cause per minute (answers from the cache, or from a question
 * another caller is already asking, cost nothing), and how many rechecks it may ask. One
 * client can then no longer spend the account's Partner Center quota and slow everyone
 * else's checks. Counted per replica.
 */
export function createClientBudgets(options: ClientBudgetsOptions): ClientBudgets {
  for (const [name, value] of [
    ['upstreamCallsPerMinute', options.upstreamCallsPerMinute],
    ['rechecksPerMinute', options.rechecksPerMinute],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1; it is ${value}`);
  }
  const now = options.now ?? Date.now;
  const clients = new LRUCache<string, { upstream: MinuteCounter; rechecks: MinuteCounter }>({ max: options.maxClients ?? 100_000 });
  return {
    of(clientKey) {
      const counters = () => {
        let found = clients.get(clientKey);
        if (!found) {
          found = { upstream: new MinuteCounter(), rechecks: new MinuteCounter() };
          clients.set(clientKey, found);
        }
        return found;
      };
      return {
        takeUpstreamCall: () => counters().upstream.take(options.upstreamCallsPerMinute, now()),
        takeRecheck: () => counters().rechecks.take(options.rechecksPerMinute, now()),
      };
    },
  };
}
