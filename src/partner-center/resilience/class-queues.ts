import { Deadline } from '../../time/deadline';
import { Admission } from './admission';
import { WORK_CLASSES, WorkClass } from './work-class';

/** A question waiting for a slot. */
export interface Waiter {
  readonly deadline: Deadline;
  readonly workClass: WorkClass;
  /** When it started waiting (epoch ms). */
  readonly since: number;
  resolve(admission: Admission): void;
  timer?: NodeJS.Timeout;
  unsubscribe?: () => void;
  done: boolean;
}

/**
 * One account's waiters, a first-come-first-served line per class of work: an interactive
 * question never stands behind a bulk one, whatever arrived first.
 */
export class ClassQueues {
  private readonly lines = new Map<WorkClass, Waiter[]>(WORK_CLASSES.map((c) => [c, []]));

  get length(): number {
    return this.lines.get('interactive')!.length + this.lines.get('bulk')!.length;
  }

  /** Waiters of one class. */
  count(workClass: WorkClass): number {
    return this.lines.get(workClass)!.length;
  }

  /** How long the longest-waiting waiter of a class has waited, in ms (0 when none waits). */
  longestWaitMs(workClass: WorkClass, now: number): number {
    const first = this.lines.get(workClass)![0];
    return first ? Math.max(0, now - first.since) : 0;
  }

  /** `first` puts a retry ahead of its class's questions that have not been tried yet. */
  add(waiter: Waiter, first: boolean): void {
    const line = this.lines.get(waiter.workClass)!;
    if (first) line.unshift(waiter);
    else line.push(waiter);
  }

  head(workClass: WorkClass): Waiter | undefined {
    return this.lines.get(workClass)![0];
  }

  remove(waiter: Waiter): void {
    const line = this.lines.get(waiter.workClass)!;
    const index = line.indexOf(waiter);
    if (index !== -1) line.splice(index, 1);
  }

  all(): Waiter[] {
    return [...this.lines.get('interactive')!, ...this.lines.get('bulk')!];
  }
}
