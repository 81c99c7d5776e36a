import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';

/** How one command is held to time. */
export interface RedisCommandOptions {
  /**
   * Default the health's `commandTimeoutMs`. A longer bound for a command that moves a large
   * value (a reseller list) in background work: its size, not a stall, may make it slow, and
   * it should not make Redis count as unreachable for every user.
   */
  readonly timeoutMs?: number;
}

export interface RedisHealthOptions {
  /** Default `250` (`cache.redisCommandTimeoutMs`). Longest a Redis command may take before Redis counts as unreachable, in ms. */
  readonly commandTimeoutMs?: number;
  /** Default `5_000`. How long Redis is left alone after it failed, before one command tries it again, in ms. */
  readonly retryAfterMs?: number;
}

/** A Redis command that did not answer within the command timeout. */
export class RedisCommandTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = 'RedisCommandTimeoutError';
  }
}

/**
 * Whether one Redis answers, as every user of it in one process sees it: the status and
 * partner-of-record caches, the reseller lists, the account budgets and the client rate limit.
 * The first failure or stall any of them meets makes Redis unreachable for all of them at
 * once, so an operation (or an HTTP request) that needs Redis several times waits on a frozen
 * Redis once, not once per user; after `retryAfterMs` one command tries Redis again. Each user
 * keeps its own connection, so one slow reply never holds back another user's commands.
 */
export interface RedisHealth {
  /** Default 250. The command timeout every user is held to, in ms. */
  readonly commandTimeoutMs: number;
  /**
   * Runs `command` (bounded by the command timeout) unless Redis is known to be unreachable, or
   * a trial command is already finding out; undefined means "use your fallback". A failure or a
   * timeout makes Redis unreachable for every user.
   */
  run<T>(command: () => Promise<T>, options?: RedisCommandOptions): Promise<{ readonly value: T } | undefined>;
  /** Whether commands may go to Redis now (no failure since the last success). */
  reachable(): boolean;
  /** Calls `listener` each time Redis becomes unreachable, with what failed; returns the way to stop. */
  onUnreachable(listener: (error: unknown) => void): () => void;
  /** Calls `listener` each time a trial command found Redis answering again; returns the way to stop. */
  onReachable(listener: () => void): () => void;
}

/**
 * `work`, or a `RedisCommandTimeoutError` when it has not settled `timeoutMs` after it began.
 * A reply already waiting when the timer fires still counts: the verdict waits for the event
 * loop's next check phase, after the poll phase has read the socket, so an event loop held up
 * by CPU work does not pass for a Redis that stalled. `work` keeps running after a timeout; its
 * later outcome is dropped.
 */
export function withinCommandTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new RedisCommandTimeoutError(timeoutMs));
        }),
      timeoutMs,
    );
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function createRedisHealth(options: RedisHealthOptions = {}): RedisHealth {
  const commandTimeoutMs = options.commandTimeoutMs ?? 250;
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: options.retryAfterMs ?? 5_000, breaker: new ConsecutiveBreaker(1) });
  return {
    commandTimeoutMs,
    async run(command, runOptions) {
      const timeoutMs = Math.max(commandTimeoutMs, runOptions?.timeoutMs ?? commandTimeoutMs);
      // While a trial command runs, the others do not queue behind it.
      if (breaker.state === CircuitState.HalfOpen) return undefined;
      try {
        return { value: await breaker.execute(() => withinCommandTimeout(command(), timeoutMs)) };
      } catch {
        // Refused by the open circuit, or the failure that opened it (told to `onUnreachable`).
        return undefined;
      }
    },
    reachable: () => breaker.state === CircuitState.Closed,
    onUnreachable(listener) {
      const subscription = breaker.onBreak((reason) => listener('error' in reason ? reason.error : undefined));
      return () => subscription.dispose();
    },
    onReachable(listener) {
      const subscription = breaker.onReset(listener);
      return () => subscription.dispose();
    },
  };
}
