import { Gauge, Registry } from 'prom-client';
import { CspRegion } from '../partner-center/csp-region';
import type { CapacitySnapshot } from '../partner-center/resilience/account-capacity';
import { WORK_CLASSES } from '../partner-center/resilience/work-class';

/** What the account budget's metrics read from each account's queue. */
export type AccountBudgetReading = Pick<CapacitySnapshot, 'budget' | 'classes' | 'callsPerSecondCap'>;

/**
 * The account budget per region, read at scrape time: the pace every process shares, and
 * each class of work's line (order forms `interactive`, the audit and forced list refreshes `bulk`).
 */
export function registerAccountBudgetMetrics(
  registry: Registry,
  readings: () => ReadonlyMap<CspRegion, Partial<AccountBudgetReading>>,
): void {
  new Gauge({
    name: 'mpa_upstream_shared_pace',
    help: 'Calls per second every process using a region account shares (Redis), once learnt from a 429; absent while unpaced or not shared.',
    labelNames: ['region'],
    registers: [registry],
    collect() {
      for (const [region, reading] of readings()) {
        if (reading.budget === 'shared' && reading.callsPerSecondCap !== null && reading.callsPerSecondCap !== undefined)
          this.set({ region }, reading.callsPerSecondCap);
        else this.remove({ region });
      }
    },
  });
  const line = (name: string, help: string, read: (waiting: number, longestWaitMs: number) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['region', 'class'],
      registers: [registry],
      collect() {
        for (const [region, reading] of readings()) {
          if (!reading.classes) continue;
          for (const workClass of WORK_CLASSES) {
            const { waiting, longestWaitMs } = reading.classes[workClass];
            this.set({ region, class: workClass }, read(waiting, longestWaitMs));
          }
        }
      },
    });
  line('mpa_upstream_class_waiting', 'Questions waiting for a slot per region account and class of work.', (waiting) => waiting);
  line(
    'mpa_upstream_class_longest_wait_seconds',
    'How long the longest-waiting question of each class has waited so far, per region account.',
    (_waiting, longestWaitMs) => longestWaitMs / 1000,
  );
}
