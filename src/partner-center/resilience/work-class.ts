/**
 * Which kind of work a call to Partner Center serves. `interactive`: a GraphQL operation, an
 * order form waiting for its answer. `bulk`: work nobody waits on at a screen (the audit, a
 * forced reseller-list refresh). Bulk work uses only what interactive work leaves.
 */
export type WorkClass = 'interactive' | 'bulk';

export const WORK_CLASSES: readonly WorkClass[] = ['interactive', 'bulk'];

/** Default share of an account's budget kept for interactive work while bulk work waits. */
export const DEFAULT_INTERACTIVE_SHARE = 0.2;

/** The share, checked: a number from 0 up to (not including) 1. */
export function getValidInteractiveShare(share: number | undefined, owner: string): number {
  const value = share ?? DEFAULT_INTERACTIVE_SHARE;
  if (!(typeof value === 'number' && value >= 0 && value < 1)) {
    throw new TypeError(`${owner}: interactiveShare must be a number from 0 up to 1 (not included), got ${String(share)}`);
  }
  return value;
}
