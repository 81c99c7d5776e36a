/**
 * When an answer is needed by, as epoch ms. One object travels from where the time is set
 * (an operation's context, a list refresh, a default) to the socket; nothing on the way turns
 * it back into a number to make a new one. A shared upstream question (single-flight) holds
 * its own for all its callers: a caller with more time that joins moves it later, so the
 * flight's budget never comes from whichever caller happened to start it. It never moves
 * earlier; an operation's own deadline is never moved.
 */
export class Deadline {
  private listeners: Set<() => void> | undefined;

  constructor(private time: number) {}

  /** A deadline `ms` milliseconds from `now`. */
  static after(ms: number, now = Date.now()): Deadline {
    return new Deadline(now + ms);
  }

  /** The deadline as epoch ms. */
  at(): number {
    return this.time;
  }

  /** Milliseconds left (negative once passed). */
  remaining(now = Date.now()): number {
    return this.time - now;
  }

  /** Moves the deadline to `time` when that is later, and tells whoever waits on it. */
  extendTo(time: number): void {
    if (!(time > this.time)) return;
    this.time = time;
    if (this.listeners) for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` whenever the deadline moves later; returns the unsubscribe function. */
  onExtend(listener: () => void): () => void {
    (this.listeners ??= new Set()).add(listener);
    return () => this.listeners?.delete(listener);
  }
}
