import { AuditTally } from '../audit-tally';

/** Shows how far a run is: a bar on a terminal, log lines elsewhere. */
export interface AuditProgress {
  /** `done` lines are already in the report (resume); `total` is undefined when unknown (standard input). */
  start(done: number, total: number | undefined): void;
  /** After each line is written. */
  update(): void;
  /** Partner Center asked to wait: no line starts before `until` (epoch ms). */
  hold(until: number): void;
  /** The run ended or was stopped. */
  stop(): void;
}

/** What the account budget gives the run now. */
export interface AuditBudget {
  /** The account's pace in calls per second (shared with the gateway's replicas when Redis is), or null while unpaced. */
  readonly callsPerSecond: number | null;
  /** `shared`: the budget in Redis paces every process; `local`: this run paces itself. */
  readonly budget: 'shared' | 'local';
  /** The run waits so that order forms go first. */
  readonly yielding: boolean;
}

/** What both kinds of progress say: lines done, pace, time left, answers by outcome. */
export class ProgressFigures {
  private startedAt = Date.now();
  private doneAtStart = 0;
  total: number | undefined;
  /** Epoch ms until which the run waits because Partner Center asked to. */
  holdUntil = 0;

  /** `budget`: what the account budget gives the run now (none: nothing is said about it). */
  constructor(
    private readonly tally: AuditTally,
    private readonly budget?: () => AuditBudget | undefined,
  ) {}

  /** `account paced at 57 calls/s (shared), yielding to order forms`; empty while unpaced and not yielding. */
  budgetText(): string {
    const budget = this.budget?.();
    if (!budget || (budget.callsPerSecond === null && !budget.yielding)) return '';
    const pace =
      budget.callsPerSecond === null
        ? 'account not paced yet'
        : `account paced at ${Math.round(budget.callsPerSecond)} calls/s (${budget.budget})`;
    return budget.yielding ? `${pace}, yielding to order forms` : pace;
  }

  begin(done: number, total: number | undefined): void {
    this.startedAt = Date.now();
    this.doneAtStart = done;
    this.total = total;
  }

  get done(): number {
    return this.tally.lines;
  }

  /** Lines per second in this run. */
  rate(): number {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return seconds > 0 ? (this.done - this.doneAtStart) / seconds : 0;
  }

  /** Seconds left at the current pace; undefined when the total or the pace is unknown. */
  secondsLeft(): number | undefined {
    const rate = this.rate();
    if (this.total === undefined || rate <= 0) return undefined;
    return Math.max(0, (this.total - this.done) / rate);
  }

  counts(): { mayOrder: number; needsAction: number; notChecked: number; badInput: number } {
    const { byOutcome } = this.tally;
    return {
      mayOrder: byOutcome.MAY_ORDER,
      needsAction: byOutcome.NEEDS_ACTION,
      notChecked: byOutcome.NOT_CHECKED,
      badInput: byOutcome.BAD_INPUT,
    };
  }

  /** `waiting 57 s, as Partner Center asked` while the run holds; empty otherwise. */
  holdText(): string {
    const left = this.holdUntil - Date.now();
    return left > 0 ? `waiting ${duration(Math.ceil(left / 1000))}, as Partner Center asked` : '';
  }

  /** `may order 12 · needs action 3 · could not be checked 0 · bad input 1` (answers: one per line and region). */
  countsText(): string {
    const c = this.counts();
    return `may order ${c.mayOrder} · needs action ${c.needsAction} · could not be checked ${c.notChecked} · bad input ${c.badInput}`;
  }
}

/** `1 h 02 min`, `3 min 20 s`, `45 s`. */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole >= 3_600) return `${Math.floor(whole / 3_600)} h ${String(Math.floor((whole % 3_600) / 60)).padStart(2, '0')} min`;
  if (whole >= 60) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${whole} s`;
}
