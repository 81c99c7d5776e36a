import { GatewayServices } from '../operation/operation-context';
import { CspRegion } from '../partner-center/csp-region';
import { AuditRecord } from './audit-record';
import { AuditWindows } from './audit-windows';
import { ConcurrencyReached, ConcurrencyWatch } from './concurrency-watch';
import { InputLine } from './input/input-line';
import { checkLine } from './line-check';

export interface AuditRunOptions {
  /** Required. The reseller list, read as the run goes. */
  readonly lines: AsyncIterable<InputLine>;
  /** Required. Every line is checked for each of these (all configured). */
  readonly regions: readonly CspRegion[];
  /** Required. Locale of messages and guidance. */
  readonly locale: string;
  /** Required. The gateway's status checking: accounts, cache, capacity, retries, breaker. */
  readonly services: GatewayServices;
  /** Required. Gets each line's records in input order, one call at a time. */
  readonly write: (records: readonly AuditRecord[]) => Promise<void>;
  /** Default `0`. Lines up to this number are already in the report (resume) and are not checked. */
  readonly skipThrough?: number;
  /** Default none. Told about every line read, skipped ones included. */
  readonly onRead?: (input: InputLine) => void;
  /** Default none. Aborting stops reading; lines already started finish and are written. */
  readonly signal?: AbortSignal;
  /** Default `4096`. Lines started and not yet written, at most: how far one slow line may run ahead of the report. */
  readonly maxPendingLines?: number;
  /** Default `audit`. Start of each window's request id. */
  readonly runId?: string;
  /** Default none. Told when Partner Center asked to wait and no line will start before `until` (epoch ms). */
  readonly onHold?: (until: number) => void;
}

export interface AuditRunResult {
  /** Lines checked (and written) by this run. */
  readonly linesChecked: number;
  /** True when the signal stopped the run before the end of the list. */
  readonly stopped: boolean;
  /** Operation windows used. */
  readonly windows: number;
  /** The concurrency limit each region's account reached during the run: highest, and mean over time. */
  readonly concurrency: ReadonlyMap<CspRegion, ConcurrencyReached>;
}

/** One started line's place in the report. */
interface Slot {
  records?: readonly AuditRecord[];
}

/**
 * Checks a reseller list line by line through the gateway's own path, in input order.
 * Lines are started while the regions' accounts have work queued for about two rounds of
 * their current concurrency limit, so their adaptive capacity, not this loop, decides how
 * many questions are in flight; each line is asked in its window's operation context.
 * Answers are written as soon as every line before them is, so memory stays bounded
 * whatever the length of the list.
 */
export async function runAudit(options: AuditRunOptions): Promise<AuditRunResult> {
  const { regions, locale, services, signal } = options;
  const maxPending = options.maxPendingLines ?? 4_096;
  const windows = new AuditWindows({ services, regions, locale, runId: options.runId });
  const watch = new ConcurrencyWatch();
  const slots: Slot[] = [];
  let head = 0;
  let inFlight = 0;
  let written = 0;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  signal?.addEventListener('abort', notify);

  /** Lines to keep started: two rounds of the largest current limit among the regions asked. */
  const feed = (): number => {
    const capacities = services.checker.capacities();
    let largest = 1;
    for (const region of regions) {
      const limit = capacities.get(region)?.limit ?? 1;
      watch.sample(region, limit);
      largest = Math.max(largest, limit);
    }
    return 2 * largest;
  };
  const stopping = () => signal?.aborted === true || failure !== undefined;
  /**
   * Until then no line starts: Partner Center asked the account to wait (a 429's or a 503's
   * Retry-After, an open circuit). The lines under way then answer what the gateway answers;
   * the rest of the list waits instead of running through unanswered.
   */
  let holdUntil = 0;
  const holdFor = (records: readonly AuditRecord[]) => {
    const seconds = Math.max(
      0,
      ...records.flatMap((record) =>
        record.checks.filter((check) => check.result === 'notChecked').map((check) => check.retryAfterSeconds ?? 0),
      ),
    );
    const until = Date.now() + seconds * 1_000;
    if (seconds > 0 && until > holdUntil) {
      holdUntil = until;
      options.onHold?.(until);
    }
  };
  const pause = (ms?: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  const room = async () => {
    while (!stopping()) {
      const held = holdUntil - Date.now();
      if (held > 0) await pause(held);
      else if (inFlight >= feed() || slots.length - head >= maxPending) await pause();
      else return;
    }
  };

  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      while (head < slots.length && slots[head].records && failure === undefined) {
        const { records } = slots[head];
        slots[head] = {};
        head += 1;
        try {
          await options.write(records!);
          written += 1;
        } catch (error) {
          failure = { error };
        }
        notify();
      }
      if (head > 1_024 && head * 2 > slots.length) {
        slots.splice(0, head);
        head = 0;
      }
    });
  };

  const iterator = options.lines[Symbol.asyncIterator]();
  /**
   * The next line, or 'aborted' as soon as the signal fires (a terminal may never send more).
   * Its abort listener goes with it: racing one long-lived promise instead would keep a
   * reaction per line read, for the whole run.
   */
  const nextLine = (): Promise<IteratorResult<InputLine> | 'aborted'> => {
    if (!signal) return iterator.next();
    return new Promise((resolve, reject) => {
      const onAbort = () => resolve('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
      iterator.next().then(
        (next) => {
          signal.removeEventListener('abort', onAbort);
          resolve(next);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  };
  let stopped = false;
  try {
    for (;;) {
      if (stopping()) break;
      const next = await nextLine();
      if (next === 'aborted' || next.done) break;
      const input = next.value;
      options.onRead?.(input);
      if (input.line <= (options.skipThrough ?? 0)) continue;
      await room();
      if (stopping()) break;
      const slot: Slot = {};
      slots.push(slot);
      inFlight += 1;
      checkLine(input, regions, locale, windows.contextFor(input)).then(
        (records) => {
          holdFor(records);
          slot.records = records;
          inFlight -= 1;
          flush();
          notify();
        },
        (error: unknown) => {
          failure ??= { error };
          inFlight -= 1;
          notify();
        },
      );
    }
  } finally {
    stopped = signal?.aborted === true;
    // Reading stops here; a source still waiting for input (a terminal) is left to its owner.
    void iterator.return?.().catch(() => undefined);
    while (inFlight > 0) await pause();
    flush();
    await writing;
    signal?.removeEventListener('abort', notify);
  }
  if (failure) throw failure.error;
  return { linesChecked: written, stopped, windows: windows.count(), concurrency: watch.reached() };
}
