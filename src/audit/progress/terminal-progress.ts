import { Presets, SingleBar } from 'cli-progress';
import { AuditProgress, ProgressFigures, duration } from './audit-progress';

/** A progress bar redrawn in place on a terminal: done/total, lines per second, time left, answers by outcome. */
export function createTerminalProgress(figures: ProgressFigures, stream: NodeJS.WritableStream): AuditProgress {
  let bar: SingleBar | undefined;
  const payload = () => {
    const left = figures.secondsLeft();
    const hold = figures.holdText();
    const budget = figures.budgetText();
    return {
      rate: figures.rate().toFixed(0),
      left: left === undefined ? '?' : duration(left),
      counts: figures.countsText() + (budget ? ` | ${budget}` : '') + (hold ? ` | ${hold}` : ''),
    };
  };
  return {
    start(done, total) {
      figures.begin(done, total);
      const known = total !== undefined;
      bar = new SingleBar(
        {
          stream,
          format: known
            ? ' {bar} {value}/{total} lines | {rate} lines/s | {left} left | {counts}'
            : ' {value} lines | {rate} lines/s | {counts}',
          hideCursor: true,
          // Redraws at most 5 times a second: a fast run must not spend itself on drawing.
          fps: 5,
          barsize: 24,
        },
        Presets.shades_classic,
      );
      bar.start(total ?? done, done, payload());
    },
    update() {
      if (!bar) return;
      if (figures.total === undefined || figures.done > figures.total) bar.setTotal(figures.done);
      bar.update(figures.done, payload());
    },
    hold(until) {
      figures.holdUntil = until;
      bar?.update(figures.done, payload());
    },
    stop() {
      if (!bar) return;
      bar.update(figures.done, payload());
      bar.stop();
      bar = undefined;
    },
  };
}
