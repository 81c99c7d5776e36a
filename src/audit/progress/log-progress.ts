import { AuditProgress, ProgressFigures, duration } from './audit-progress';

/** Plain lines for logs and pipes: one at the start, one every `everyMs`, one at the end. */
export function createLogProgress(figures: ProgressFigures, write: (line: string) => void, everyMs: number): AuditProgress {
  let timer: NodeJS.Timeout | undefined;
  const line = () => {
    const { done, total } = figures;
    const left = figures.secondsLeft();
    const share = total ? ` (${Math.floor((done / Math.max(total, done)) * 100)} %)` : '';
    const time = left === undefined ? '' : `, about ${duration(left)} left`;
    const budget = figures.budgetText();
    write(
      `audit: ${done}${total === undefined ? '' : ` of ${total}`} lines${share}, ${figures.rate().toFixed(0)} lines/s${time}${budget ? `, ${budget}` : ''}; answers: ${figures.countsText()}`,
    );
  };
  return {
    start(done, total) {
      figures.begin(done, total);
      write(`audit: checking ${total === undefined ? 'the list' : `${total} lines`}${done > 0 ? `, ${done} already in the report` : ''}`);
      timer = setInterval(line, everyMs);
      timer.unref();
    },
    update() {
      // Lines come on a timer, not per line.
    },
    hold(until) {
      figures.holdUntil = until;
      write(`audit: ${figures.holdText()}; the rest of the list waits`);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      line();
    },
  };
}
