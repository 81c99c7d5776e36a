import { Deadline } from './deadline';

/** How a wait within a deadline ended: with the awaited value, or with the deadline first. */
export type Waited<T> = { readonly inTime: true; readonly value: T } | { readonly inTime: false };

const OUT_OF_TIME: Waited<never> = { inTime: false };

/**
 * Waits for `work` until `deadline` passes, following any move later. Settles as `work` does
 * when it settles first (work already settled wins over a deadline already passed); otherwise
 * answers `{ inTime: false }` and leaves `work` running: its later value or failure is dropped
 * here and is its owner's to report. The timer and the deadline's listener are always released.
 */
export async function withinDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<Waited<T>> {
  const timer = whenPassed(deadline);
  try {
    return await Promise.race([work.then((value): Waited<T> => ({ inTime: true, value })), timer.passed.then(() => OUT_OF_TIME)]);
  } finally {
    timer.cancel();
  }
}

/**
 * Resolves when `deadline` passes (following any extension), unless cancelled first.
 * Returns the promise and a cancel function that clears the timer.
 */
function whenPassed(deadline: Deadline): { readonly passed: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let resolvePassed!: () => void;
  const passed = new Promise<void>((resolve) => {
    resolvePassed = resolve;
  });
  const arm = () => {
    if (timer) clearTimeout(timer);
    const left = deadline.remaining();
    if (left <= 0) {
      unsubscribe();
      resolvePassed();
      return;
    }
    // setTimeout cannot wait longer than about 24.8 days; a longer wait is re-armed.
    timer = setTimeout(arm, Math.min(left, 2 ** 31 - 1));
  };
  // `arm` reads it only when called: by the next line, or later by a timer.
  const unsubscribe: () => void = deadline.onExtend(arm);
  arm();
  return {
    passed,
    cancel: () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
